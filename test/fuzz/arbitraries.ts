/**
 * fast-check arbitraries of hostile input: random bytes, soups of CAPL tokens, and
 * mutations of the bundled examples (cut anywhere, duplicated braces, unterminated comments
 * and strings, NUL bytes, invalid UTF-8, line-end mixes).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { catalogue } from '../../server/src/service/catalogue/catalogue';
import { TABLES, type TableKey } from '../../server/src/service/catalogue/types';
import { readSettings, type Settings } from '../../server/src/service/settings';

export const ROOT = join(__dirname, '..', '..');

/** The bundled example files, as bytes (Windows-1252 and UTF-8 as shipped). */
export const EXAMPLES: readonly { readonly name: string; readonly bytes: Uint8Array }[] = (() => {
  const found: { name: string; bytes: Uint8Array }[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(can|cin)$/i.test(name)) found.push({ name: path.slice(ROOT.length + 1).split('\\').join('/'), bytes: new Uint8Array(readFileSync(path)) });
    }
  };
  walk(join(ROOT, 'examples'));
  return found;
})();

// ---- values ----------------------------------------------------------------------------------

const ALL_IDS = [...new Set(catalogue.entries.map((entry) => entry.id))];

/** A number as CAPL writes it: decimal or hex (either case), maybe an ID of some table. */
export const numberLiteral: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(fc.constantFrom(...ALL_IDS), fc.nat(70000), fc.constantFrom(0, 1, 2, 255, 65535, 2 ** 32, 2 ** 53 + 1)), fc.constantFrom('dec', 'dec', 'hex', 'HEX', 'ext'))
  .map(([value, style]) => {
    if (style === 'dec') return String(value);
    if (style === 'hex') return `0x${value.toString(16)}`;
    if (style === 'HEX') return `0X${value.toString(16).toUpperCase()}`;
    return `0x${value.toString(16)}x`;
  });

const tableKey: fc.Arbitrary<TableKey> = fc.constantFrom(...TABLES);

/** Valid settings, varied (objects, default table, node role, hints, severities). */
export const settingsArbitrary: fc.Arbitrary<Settings> = fc
  .record(
    {
      objects: fc.dictionary(fc.constantFrom('EVSE', 'CP', 'Station', 'X', 'O'), fc.constantFrom('ccs', 'ocpp')),
      defaultTable: fc.option(tableKey, { nil: null }),
      node: fc.constantFrom('auto', 'vehicle', 'charge-point'),
      idVariables: fc.dictionary(fc.constantFrom('gId', 'id', 'x', 'gLastRxId'), tableKey),
      inlayHints: fc.constantFrom('on', 'off', 'ambiguousOnly'),
      diagnostics: fc.record({
        magicNumber: fc.constantFrom('hint', 'information', 'warning', 'error', 'off'),
        severity: fc.dictionary(fc.constantFrom('unknown-id', 'wrong-table', 'ambiguous-id', 'enum-mismatch'), fc.constantFrom('error', 'warning', 'off')),
      }),
    },
    { requiredKeys: [] },
  )
  .map((raw) => readSettings(raw).settings);

// ---- token soup ------------------------------------------------------------------------------

const WORDS = [
  'on', 'On', 'start', 'preStart', 'message', 'Message', 'fct_called', 'fct_returning', 'sysvar', 'sysvar_update', 'timer', 'key', 'envVar', 'errorFrame',
  'variables', 'includes', 'Includes', 'enum', 'struct', 'switch', 'case', 'default', 'if', 'else', 'while', 'for', 'do', 'return', 'break',
  'const', 'dword', 'long', 'int', 'byte', 'char', 'float', 'void', 'msTimer', 'testcase', 'testfunction', 'export', 'this', 'write', 'setTimer',
  'MessageId', 'MessageID', 'messageId', 'NewState', 'OldState', 'id', 'gId', 'x', 'rc', 'SessionID',
  'SCC_MessageRxInd', 'SCC_MessageTxInd', 'SCC_StateTransitionInd', 'SCC_GetStateName', 'SCC_SessionSetupRes', 'SCC_SessionSetupReq', 'SCC_PayloadPreSendInd',
  'EVSE', 'CP', 'Station', 'Call', 'SetMessageTimeout', 'OnLastReceivedMessageIdChanged', 'OnLastTransmittedMessageIdChanged', 'PayloadPreSendInd', 'OnSocketReceivedInd',
  'MessageIdType', 'LastRxMessageIdType', 'LastTxMessageIdType', '_CCS::DataTypes::MessageIdType::AuthorizationSetupRes', '_OCPP::DataTypes::MessageIdType::AuthorizeRequest_16',
  'SessionSetupReq', 'SessionSetupRes', 'CmSLACMatchCnf', 'InvalidMessage', 'SmartChargingMessageIDs',
  'CCS_ISO2_DC_CABLE_CHECK_RES', 'SCC_SERVICE_DISCOVERY_RES', 'OCPP_AUTHORIZE_REQUEST_16', 'NOT_A_CONSTANT',
];

const PUNCTUATION = ['{', '}', '(', ')', '[', ']', ';', ',', ':', '::', '.', '->', '==', '!=', '=', '<', '>', '<=', '>=', '&', '&&', '|', '||', '!', '+', '-', '*', '/', '%', '?', '~', '^', '<<=', '++'];

const PIECES = [
  '#include "x.cin"', '#include "..\\Common\\CcsSessionMonitor.cin"', '#include "SmartChargingMessageIds.cin"', '#include <bad>', '#pragma library("x.dll")', '#include "',
  '"str"', '"MessageID == 8"', '"unterminated', '"esc\\"aped"', '"\\', "'a'", "'\\0'", "'\\''", "'", '`',
  '// comment', '// MessageID == 8', '/* block */', '/*', '*/', '/* 231 */', '/*@!Encoding:1252*/',
  '// capl-ids: table ccs', '// capl-ids: table bogus', '/* capl-ids: node vehicle */', '// capl-ids: node charge-point', '// capl-ids: object CP ocpp',
  '// capl-ids: object Station ccs', '// capl-ids: variable gId modeling', '// capl-ids: variable', '// capl-ids:', '// capl-ids-disable-line',
  '// capl-ids-disable-next-line magic-number', '/* capl-ids: table ocpp */',
  '@sysvar::Common::LastId', '@Common::LastId', '@this', '@', '$', '$EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId',
  '$CP.OnLastReceivedMessageIdChanged.LatestCall.LastRxMessageId', '$X.SetMessageTimeout.LatestCall.MessageType', '$Station.PayloadPreSendInd.LatestCall.messageID',
  'void SCC_MessageRxInd(byte SessionID[], dword MessageID)', 'SCC_StateTransitionInd(byte s[], dword OldState, dword NewState)',
  'on fct_called EVSE.OnLastReceivedMessageIdChanged', 'on fct_called CP.OnLastTransmittedMessageIdChanged', 'on sysvar Common::LastId', 'on start', 'on message 0x100x',
  'switch (MessageID)', 'EVSE.SetMessageTimeout.Call(', 'CP.SetMessageTimeout(', 'long id = MessageID;', 'enum SmartChargingMessageIDs { SessionSetupReq = 5, SessionSetupRes = 7 };',
  '\u00e4', '\u00b0', '\u20ac', '\u0000', '\ufeff', '\ud800', '\udc00', '\ud83d\ude00', '\u2028', '\u0085', '\r', '\t', '\u000b', '\u000c',
];

const SEPARATORS = ['', ' ', ' ', ' ', '\n', '\r\n', '\t', '\r', '  \r\n  '];

const soupToken: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 5, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 4, arbitrary: numberLiteral },
  { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);

/** Random CAPL-ish token soup, separated by random whitespace (or nothing). */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(soupToken, fc.constantFrom(...SEPARATORS)), { maxLength: 220 })
  .map((parts) => parts.map(([token, separator]) => token + separator).join(''));

// ---- bytes -----------------------------------------------------------------------------------

const INTERESTING_BYTES = [0x00, 0x09, 0x0a, 0x0d, 0x20, 0x22, 0x27, 0x2a, 0x2f, 0x7b, 0x7d, 0x28, 0x29, 0x3b, 0x3d, 0x23, 0x40, 0x24, 0x5c, 0x80, 0x81, 0x8d, 0x9d, 0xa0, 0xc3, 0xe4, 0xef, 0xbb, 0xbf, 0xed, 0xf0, 0xff];

const byteChunk: fc.Arbitrary<number[]> = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 16 }),
  fc.array(fc.constantFrom(...INTERESTING_BYTES), { maxLength: 16 }),
  fc.constantFrom<number[]>(
    [0xef, 0xbb, 0xbf], [0xc3, 0xa4], [0xc3], [0xe2, 0x82, 0xac], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf],
  ),
  soupToken.map((token) => [...Buffer.from(token, 'utf8')]),
  soupToken.map((token) => [...Buffer.from(token, 'latin1')]),
);

/** Random bytes, biased towards what matters to a CAPL decoder and scanner. */
export const randomBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  fc.array(byteChunk, { maxLength: 120 }).map((chunks) => new Uint8Array(chunks.flat())),
  fc.tuple(fc.constantFrom(new Uint8Array([0xef, 0xbb, 0xbf]), Buffer.from('/*@!Encoding:1252*/\r\n')), fc.array(byteChunk, { maxLength: 80 })).map(
    ([head, chunks]) => new Uint8Array([...head, ...chunks.flat()]),
  ),
);

// ---- mutations of the examples ---------------------------------------------------------------

type Mutation = (bytes: Uint8Array) => Uint8Array;

function at(bytes: Uint8Array, fraction: number): number {
  return Math.min(bytes.length, Math.floor(fraction * (bytes.length + 1)));
}

function splice(bytes: Uint8Array, start: number, end: number, insert: ArrayLike<number>): Uint8Array {
  const result = new Uint8Array(bytes.length - (end - start) + insert.length);
  result.set(bytes.subarray(0, start), 0);
  result.set(insert, start);
  result.set(bytes.subarray(end), start + insert.length);
  return result;
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const ascii = (text: string) => Buffer.from(text, 'latin1');

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // cut anywhere: truncate, or drop a prefix, or drop a middle range
  fraction.map((f): Mutation => (bytes) => bytes.subarray(0, at(bytes, f))),
  fraction.map((f): Mutation => (bytes) => bytes.subarray(at(bytes, f))),
  fc.tuple(fraction, fraction).map(([a, b]): Mutation => (bytes) => splice(bytes, at(bytes, Math.min(a, b)), at(bytes, Math.max(a, b)), [])),
  // duplicate a range, or move it elsewhere
  fc.tuple(fraction, fc.nat(400), fraction).map(([a, length, to]): Mutation => (bytes) => {
    const start = at(bytes, a);
    const copy = bytes.slice(start, Math.min(bytes.length, start + length));
    return splice(bytes, at(bytes, to), at(bytes, to), copy);
  }),
  // duplicated or stray braces and parentheses
  fc.tuple(fraction, fc.constantFrom('{', '}', '(', ')', '[', ']', '{{', '}}', '{\r\n', '\r\n}\r\n', ')))', '((('), fc.integer({ min: 1, max: 50 })).map(
    ([f, brace, times]): Mutation => (bytes) => splice(bytes, at(bytes, f), at(bytes, f), ascii(brace.repeat(times))),
  ),
  // unterminated comments, strings, chars; stray comment ends
  fc.tuple(fraction, fc.constantFrom('/*', '/* ', '"', "'", '//', '*/', '"\\', "'\\", '#include "', '/*@!Encoding:1252*/', '// capl-ids: table ')).map(
    ([f, opener]): Mutation => (bytes) => splice(bytes, at(bytes, f), at(bytes, f), ascii(opener)),
  ),
  // NUL bytes, invalid UTF-8, a BOM in the middle, C1 bytes
  fc.tuple(fraction, fc.constantFrom([0], [0, 0, 0], [0xff], [0xc3], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xef, 0xbb, 0xbf], [0x81, 0x8d], [0xe4, 0xf6, 0xfc], [0xc3, 0xa4])).map(
    ([f, insert]): Mutation => (bytes) => splice(bytes, at(bytes, f), at(bytes, f), insert),
  ),
  // overwrite one byte with anything
  fc.tuple(fraction, fc.integer({ min: 0, max: 255 })).map(([f, byte]): Mutation => (bytes) => {
    if (bytes.length === 0) return bytes;
    const copy = bytes.slice();
    copy[Math.min(copy.length - 1, at(copy, f))] = byte;
    return copy;
  }),
  // line ends: all LF, all CR, or a random CRLF/LF mix
  fc.constantFrom<Mutation>(
    (bytes) => ascii(Buffer.from(bytes).toString('latin1').replace(/\r\n/g, '\n')),
    (bytes) => ascii(Buffer.from(bytes).toString('latin1').replace(/\r\n/g, '\r')),
  ),
  fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }).map((choices): Mutation => (bytes) => {
    let line = 0;
    return ascii(Buffer.from(bytes).toString('latin1').replace(/\r?\n/g, () => (choices[line++ % choices.length] ? '\r\n' : '\n')));
  }),
  // a piece of token soup anywhere
  fc.tuple(fraction, tokenSoup).map(([f, soup]): Mutation => (bytes) => splice(bytes, at(bytes, f), at(bytes, f), Buffer.from(soup, 'utf8'))),
);

/** An example file with 1 to 6 mutations applied, and what was done for the statistics. */
export const mutatedExample: fc.Arbitrary<{ name: string; bytes: Uint8Array }> = fc
  .tuple(fc.constantFrom(...EXAMPLES), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([example, mutations]) => ({ name: example.name, bytes: mutations.reduce((bytes, mutate) => mutate(bytes), example.bytes) }));

/** Positions to ask at: offsets anywhere (clamped by the document) and raw positions, some past the end. */
export const offsets: fc.Arbitrary<number[]> = fc.array(fc.integer({ min: -5, max: 20000 }), { minLength: 1, maxLength: 3 });
export const rawPositions = fc.array(fc.record({ line: fc.nat(400), character: fc.nat(300) }), { maxLength: 2 });

/** Offsets spread over a text of `length` (the start, the end, and some in between). */
export function spreadOffsets(length: number, fractions: readonly number[]): number[] {
  return [0, length, ...fractions.map((f) => Math.floor(f * length))];
}
export const fractions = fc.array(fraction, { minLength: 1, maxLength: 3 });
