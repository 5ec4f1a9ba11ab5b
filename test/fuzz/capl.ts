/**
 * Generated CAPL for the edit-safety properties: ID literals in the contexts of
 * docs/context-rules.md (callback parameters, Distributed Object calls and `LatestCall`
 * reads, switches, data flow, system variables, enums that mirror a table) mixed with
 * numbers that are no IDs, comments and strings that mention numbers, with or without
 * encoding header, `includes`/`variables` sections, in CRLF, LF or a mix.
 */
import fc from 'fast-check';
import { catalogue } from '../../server/src/service/catalogue/catalogue';

export type LineEnds = 'crlf' | 'lf' | 'mixed';
export type Charset = 'ascii' | 'latin' | 'unicode';

export interface CaplOptions {
  readonly header: boolean;
  readonly includes: 'none' | 'empty' | 'other' | 'constants' | 'both';
  readonly variables: 'none' | 'empty' | 'some' | 'declaring';
  readonly lineEnds: LineEnds;
  readonly indent: string;
  readonly charset: Charset;
}

/** Where the generated file and its neighbours live. */
export const DOCUMENT_URI = 'file:///c%3A/proj/EV/Node.can';
export const CONSTANTS_URI = 'file:///c%3A/proj/Common/SmartChargingMessageIds.cin';
export const OTHER_URI = 'file:///c%3A/proj/Common/Other.cin';
/** An include that declares one catalogue constant itself (so that one is never declared again). */
export const OTHER_TEXT = 'variables\r\n{\r\n  const dword SCC_SERVICE_DISCOVERY_RES = 8;\r\n  int gOther;\r\n}\r\n';

const ENTRIES = catalogue.entries;

/** A literal as written: decimal, hex or upper-case hex, of a catalogue ID of any table or any small number. */
const literal: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ENTRIES).map((entry) => entry.id) }, { weight: 1, arbitrary: fc.nat(1100) }),
    fc.constantFrom('dec', 'dec', 'hex', 'HEX'),
  )
  .map(([value, style]) => (style === 'dec' ? String(value) : style === 'hex' ? `0x${value.toString(16)}` : `0X${value.toString(16).toUpperCase()}`));

/** Comments and strings, in the chosen character set (Windows-1252-safe for 'latin'). */
function decorations(charset: Charset): string[] {
  const common = ['// MessageID == 8', '/* case 231: */', '// capl-ids: table bogus', '/* 0xE3 */'];
  if (charset === 'ascii') return common;
  const latin = ['// Prüfung der Ladedose: 90 °C', '/* Spannung in V, Strom in A; Preis in € */', '// Größe: 8'];
  if (charset === 'latin') return [...common, ...latin];
  return [...common, ...latin, '// 充电桩 ⚡ 8', '/* 😀 231 */'];
}

type Template = (lit: () => string, indent: string, extra: () => string) => string[];

/** Each template is one top-level item; `lit()` takes the next literal, `extra()` a comment or nothing. */
const TEMPLATES: readonly Template[] = [
  (lit, i, extra) => [
    'void SCC_MessageRxInd(byte SessionID[], dword MessageID)',
    '{',
    `${i}if (MessageID == ${lit()})${extra()}`,
    `${i}${i}write("got %d, MessageID == 8", ${lit()});`,
    `${i}switch (MessageID)`,
    `${i}{`,
    `${i}${i}case ${lit()}:`,
    `${i}${i}case ${lit()}: break;${extra()}`,
    `${i}${i}default: break;`,
    `${i}}`,
    `${i}if (${lit()} != MessageID) return;`,
    `${i}if (MessageID < ${lit()}) setTimer(tGuard, ${lit()});`,
    '}',
  ],
  (lit, i, extra) => [
    'SCC_MessageTxInd(byte SessionID[], dword MessageId, long Error)',
    '{',
    `${i}long id = MessageId;${extra()}`,
    `${i}if (id != ${lit()} && Error == ${lit()})`,
    `${i}${i}gLastTx = ${lit()};`,
    `${i}// capl-ids-disable-next-line magic-number`,
    `${i}if (id == ${lit()}) return;`,
    `${i}if (id == ${lit()}) return; // capl-ids-disable-line`,
    `${i}Report(MessageId, ${lit()});`,
    '}',
  ],
  (lit, i, extra) => [
    'on fct_called EVSE.OnLastReceivedMessageIdChanged',
    '{',
    `${i}long id = $EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId;`,
    `${i}@sysvar::Common::LastId = id;${extra()}`,
    `${i}gLastRxId = id;`,
    `${i}if (id == ${lit()}) gCount = ${lit()};`,
    `${i}if ($EVSE.OnLastReceivedMessageIdChanged.LatestCall.LastRxMessageId != (${lit()}))`,
    `${i}${i}write("%d", ${lit()});`,
    '}',
  ],
  (lit, i, extra) => [
    'on start',
    '{',
    `${i}EVSE.SetMessageTimeout.Call(${lit()}, 5000);${extra()}`,
    `${i}if (CP.SetMessageTimeout(${lit()}, 1000) == 2) write("not found");`,
    `${i}Station.SetMessageTimeout(${lit()}, ${lit()});`,
    `${i}setTimer(tGuard, ${lit()});`,
    '}',
  ],
  (lit, i, extra) => [
    'on sysvar Common::LastId',
    '{',
    `${i}if (@this == ${lit()} || @this == ${lit()})${extra()}`,
    `${i}${i}gCount = gCount + ${lit()};`,
    '}',
  ],
  (lit, i) => [
    'SCC_StateTransitionInd(byte SessionID[], dword OldState, dword NewState)',
    '{',
    `${i}// capl-ids: node vehicle`,
    `${i}if (NewState == ${lit()}) return;`,
    `${i}switch (OldState) { case ${lit()}: break; case ${lit()}: break; }`,
    '}',
  ],
  (lit, i) => [
    'on fct_called CP.OnLastTransmittedMessageIdChanged',
    '{',
    `${i}// capl-ids: table ocpp`,
    `${i}if ($CP.OnLastTransmittedMessageIdChanged.LatestCall.LastTxMessageId == ${lit()}) return;`,
    '}',
  ],
  (lit, i) => [
    'void Report(dword id, int n)',
    '{',
    `${i}if (id == ${lit()}) write("%d", n);`,
    '}',
  ],
  (lit, i, extra) => [
    'enum SmartChargingMessageIDs',
    '{',
    `${i}InvalidMessage = 0,`,
    `${i}SessionSetupReq = ${lit()},${extra()}`,
    `${i}SessionSetupRes = 6,`,
    `${i}ServiceDiscoveryReq = 7,`,
    `${i}ServiceDiscoveryRes = ${lit()},`,
    `${i}ServicePaymentSelectionReq`,
    '};',
  ],
];

const DECLARATIONS = ['msTimer tGuard;', 'dword gLastTx;', 'byte gBuf[100];', 'int gCount = 5;', 'LastRxMessageIdType gRx;'];

export interface GeneratedCapl {
  readonly text: string;
  readonly options: CaplOptions;
}

const optionsArbitrary: fc.Arbitrary<CaplOptions> = fc.record({
  header: fc.boolean(),
  includes: fc.constantFrom('none', 'none', 'empty', 'other', 'constants', 'both'),
  variables: fc.constantFrom('none', 'empty', 'some', 'some', 'declaring'),
  lineEnds: fc.constantFrom('crlf', 'crlf', 'lf', 'mixed'),
  indent: fc.constantFrom('  ', '    ', '\t'),
  charset: fc.constantFrom('ascii', 'latin', 'unicode'),
});

/** Generated CAPL; `fixed` pins some options (e.g. the character set for a Windows-1252 file). */
export function caplArbitrary(fixed: Partial<CaplOptions> = {}): fc.Arbitrary<GeneratedCapl> {
  const options = optionsArbitrary.map((base) => ({ ...base, ...fixed }));
  return fc
    .tuple(
      options,
      fc.array(fc.nat(TEMPLATES.length - 1), { minLength: 1, maxLength: 6 }),
      fc.array(literal, { minLength: 80, maxLength: 80 }),
      fc.array(fc.nat(20), { minLength: 40, maxLength: 40 }),
      fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
      fc.constantFrom(...ENTRIES),
    )
    .map(([options, templates, literals, decorationChoices, lineChoices, declared]) => {
      let next = 0;
      const lit = () => literals[next++ % literals.length];
      const pieces = decorations(options.charset);
      let decoration = 0;
      const extra = () => {
        const choice = decorationChoices[decoration++ % decorationChoices.length];
        return choice < pieces.length ? ` ${pieces[choice]}` : '';
      };
      const i = options.indent;
      const lines: string[] = [];
      if (options.header) lines.push('/*@!Encoding:1252*/');
      if (options.charset !== 'ascii') lines.push(pieces[pieces.length - 1]);
      if (options.includes !== 'none') {
        lines.push(options.includes === 'both' ? 'Includes' : 'includes', '{');
        if (options.includes === 'other' || options.includes === 'both') lines.push(`${i}#include "..\\Common\\Other.cin"`);
        if (options.includes === 'constants' || options.includes === 'both') lines.push(`${i}#include "..\\Common\\SmartChargingMessageIds.cin"`);
        lines.push('}', '');
      }
      if (options.variables !== 'none') {
        lines.push('variables', '{');
        if (options.variables !== 'empty') for (const declaration of DECLARATIONS) lines.push(`${i}${declaration}${extra()}`);
        // An ID variable (the EVSE handler assigns it) initialised with a literal: rule 7 in a global initialiser.
        if (options.variables !== 'empty') lines.push(`${i}dword gLastRxId = ${lit()};`);
        if (options.variables === 'declaring') lines.push(`${i}const dword ${declared.constant} = ${declared.id};`);
        lines.push('}', '');
      }
      for (const template of templates) lines.push(...TEMPLATES[template](lit, i, extra), '');
      let line = 0;
      const eol = () => {
        if (options.lineEnds === 'crlf') return '\r\n';
        if (options.lineEnds === 'lf') return '\n';
        return lineChoices[line++ % lineChoices.length] ? '\r\n' : '\n';
      };
      const text = lines.map((content) => content + eol()).join('');
      return { text, options };
    });
}
