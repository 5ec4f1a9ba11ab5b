/**
 * Diagnostics through the CaplLanguageService facade. Each case marks every diagnostic's
 * exact range with `⟦ ⟧` and lists them in order as `code severity: message`.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_CODES } from '../../server/src/service/features/diagnosticCodes';
import { DIAGNOSTICS_URL } from '../../server/src/service/features/diagnostics';
import { languageService, markedDocument, rangeOf, synced } from './helpers';

const RX = 'SCC_MessageRxInd(byte SessionID[], dword MessageID)';
const WHY_RX = 'Compared with MessageID, the message ID parameter of SCC_MessageRxInd (Modeling Libraries table).';
const SEVERITY: Record<DiagnosticSeverity, string> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

const MAGIC_8 = 'magic-number hint: 8 is ServiceDiscovery Res (Modeling Libraries): use SCC_SERVICE_DISCOVERY_RES.';
const WRONG_227 = `wrong-table warning: 227 is not a message ID of Modeling Libraries; it exists in CableCheck Res (CCS-Binding), DeleteCertificateResponse_201 (OCPP-Binding). ${WHY_RX}`;
const UNKNOWN_999 = `unknown-id error: 999 is not a message ID of Modeling Libraries. ${WHY_RX}`;

type Case = [description: string, source: string, expected: string[], settings?: Record<string, unknown>];

function validate(source: string, settings?: Record<string, unknown>): { diagnostics: Diagnostic[]; ranges: ReturnType<typeof rangeOf>[] } {
  const { document, spans } = markedDocument(source);
  return { diagnostics: synced(languageService(settings), document).doValidation(document), ranges: spans.map((span) => rangeOf(document, span)) };
}

function show(diagnostic: Diagnostic): string {
  return `${diagnostic.code} ${SEVERITY[diagnostic.severity!]}: ${diagnostic.message}`;
}

const CASES: Case[] = [
  // one case per code
  ['magic-number: an ID that has a named constant', `${RX} { if (MessageID == ⟦8⟧) return; }`, [MAGIC_8]],
  ['magic-number: hex', 'on start { EVSE.SetMessageTimeout(⟦0xE3⟧, 1000); }', ['magic-number hint: 0xE3 is CableCheck Res (CCS-Binding): use CCS_ISO2_DC_CABLE_CHECK_RES.']],
  ['unknown-id: unknown in a known table', `${RX} { if (MessageID == ⟦999⟧) return; }`, [UNKNOWN_999]],
  ['wrong-table: exists only in other tables', `${RX} { if (MessageID == ⟦227⟧) return; }`, [WRONG_227]],
  ['ambiguous-id: every candidate named', 'on start { Station.SetMessageTimeout(⟦100⟧, 1); }', [
    'ambiguous-id information: 100 is ambiguous: SessionSetup Req (CCS-Binding) or AuthorizeRequest_16 (OCPP-Binding). Argument 1 of Station.SetMessageTimeout, the message ID (Station: binding unknown, CCS or OCPP).',
  ]],
  ['ambiguous-id: a candidate table that lacks the number is left out', 'on start { Station.SetMessageTimeout(⟦1504⟧, 1); }', [
    'ambiguous-id information: 1504 is ambiguous: Lumissil_Host_Message Ind (CCS-Binding). Argument 1 of Station.SetMessageTimeout, the message ID (Station: binding unknown, CCS or OCPP).',
  ]],
  ['enum-mismatch: a mirrored member whose value disagrees', 'enum Ids { SessionSetupReq = ⟦6⟧, SessionSetupRes = 6, ServiceDiscoveryRes = 8 };', [
    'enum-mismatch warning: SessionSetupReq = 6 disagrees with Modeling Libraries: SessionSetup Req is 5.',
  ]],
  ['enum-mismatch: an implied value that disagrees is reported on the member name', 'enum Ids { SessionSetupReq = 5, SessionSetupRes = 6, ServiceDiscoveryReq = ⟦8⟧, ⟦ServiceDiscoveryRes⟧ };', [
    'enum-mismatch warning: ServiceDiscoveryReq = 8 disagrees with Modeling Libraries: ServiceDiscovery Req is 7.',
    'enum-mismatch warning: ServiceDiscoveryRes = 9 disagrees with Modeling Libraries: ServiceDiscovery Res is 8.',
  ]],
  ['invalid-annotation', '⟦// capl-ids: table foo⟧\non start { }', [
    'invalid-annotation warning: capl-ids annotation: "table" needs one of: ccs, modeling, vehicle-states, charge-point-states, ocpp',
  ]],
  ['several on one line', `${RX} { if (MessageID == ⟦8⟧ || MessageID == ⟦227⟧ || MessageID == ⟦999⟧) return; } ⟦/* capl-ids: node plane */⟧`, [
    MAGIC_8, WRONG_227, UNKNOWN_999, 'invalid-annotation warning: capl-ids annotation: "node" needs vehicle or charge-point',
  ]],

  // nothing to say
  ['no diagnostic for a named constant', `${RX} { if (MessageID == SCC_SERVICE_DISCOVERY_RES) return; }`, []],
  ['no diagnostic for non-IDs', `${RX} { byte b[100]; setTimer(t, 100); if (MessageID < 10) return; write("%d", 8); }`, []],
  ['no diagnostic for a mirrored member that agrees', 'enum Ids { SessionSetupReq = 5, SessionSetupRes = 6 };', []],
  ['no enum-mismatch in an enum that only half names entries: it mirrors nothing', 'enum Page { Start = 0, SessionSetupReq = 5, SessionSetupRes = 7, Stop = 40 };', []],
  ['no diagnostic for an ambiguous ID unknown everywhere', 'on start { Station.SetMessageTimeout(9999, 1); }', []],

  // severities
  ['magicNumber setting: information', `${RX} { if (MessageID == ⟦8⟧) return; }`, [MAGIC_8.replace(' hint:', ' information:')], { diagnostics: { magicNumber: 'information' } }],
  ['magicNumber setting: off', `${RX} { if (MessageID == 8) return; }`, [], { diagnostics: { magicNumber: 'off' } }],
  ['per-code override beats the magicNumber setting', `${RX} { if (MessageID == ⟦8⟧) return; }`, [MAGIC_8.replace(' hint:', ' error:')],
    { diagnostics: { magicNumber: 'off', severity: { 'magic-number': 'error' } } }],
  ['per-code override: unknown-id as warning', `${RX} { if (MessageID == ⟦999⟧) return; }`, [UNKNOWN_999.replace(' error:', ' warning:')], { diagnostics: { severity: { 'unknown-id': 'warning' } } }],
  ['per-code override: wrong-table off, others unchanged', `${RX} { if (MessageID == ⟦8⟧ || MessageID == 227) return; }`, [MAGIC_8], { diagnostics: { severity: { 'wrong-table': 'off' } } }],
  ['per-code override: ambiguous-id as hint', 'on start { Station.SetMessageTimeout(⟦100⟧, 1); }', [
    'ambiguous-id hint: 100 is ambiguous: SessionSetup Req (CCS-Binding) or AuthorizeRequest_16 (OCPP-Binding). Argument 1 of Station.SetMessageTimeout, the message ID (Station: binding unknown, CCS or OCPP).',
  ], { diagnostics: { severity: { 'ambiguous-id': 'hint' } } }],
  ['per-code override: enum-mismatch as error', 'enum Ids { SessionSetupReq = ⟦6⟧, SessionSetupRes = 6 };', [
    'enum-mismatch error: SessionSetupReq = 6 disagrees with Modeling Libraries: SessionSetup Req is 5.',
  ], { diagnostics: { severity: { 'enum-mismatch': 'error' } } }],
  ['per-code override: invalid-annotation as information', '⟦// capl-ids: frob⟧', [
    'invalid-annotation information: capl-ids annotation: unknown directive "frob" (table, node, object, variable)',
  ], { diagnostics: { severity: { 'invalid-annotation': 'information' } } }],

  // silencing
  ['disable-line silences every code on its line', `${RX}\n{\n  if (MessageID == 8 || MessageID == 999) return; // capl-ids-disable-line\n  if (MessageID == ⟦8⟧) return;\n}`, [MAGIC_8]],
  ['disable-line with a code silences only that code', `${RX}\n{\n  if (MessageID == 8 || MessageID == ⟦999⟧) return; // capl-ids-disable-line magic-number\n}`, [UNKNOWN_999]],
  ['disable-line with several codes', `${RX}\n{\n  if (MessageID == 8 || MessageID == 999 || MessageID == ⟦227⟧) return; // capl-ids-disable-line magic-number unknown-id\n}`, [WRONG_227]],
  ['disable-next-line silences the next line only', `${RX}\n{\n  // capl-ids-disable-next-line\n  if (MessageID == 8) return;\n  if (MessageID == ⟦8⟧) return;\n}`, [MAGIC_8]],
  ['disable-next-line with a code', `${RX}\n{\n  // capl-ids-disable-next-line wrong-table\n  if (MessageID == ⟦8⟧ || MessageID == 227) return;\n}`, [MAGIC_8]],
  ['disable-next-line in a block comment', `${RX}\n{\n  /* capl-ids-disable-next-line */\n  if (MessageID == 999) return;\n}`, []],
  ['disable-next-line silences an enum mismatch', '// capl-ids-disable-next-line enum-mismatch\nenum Ids { SessionSetupReq = 6, SessionSetupRes = 6 };', []],
  ['disable-line with CRLF line ends', `${RX}\r\n{\r\n  if (MessageID == 999) return; // capl-ids-disable-line\r\n  if (MessageID == ⟦999⟧) return;\r\n}\r\n`, [UNKNOWN_999]],
];

describe('diagnostics', () => {
  for (const [description, source, expected, settings] of CASES) {
    it(description, () => {
      const { diagnostics, ranges } = validate(source, settings);
      assert.deepEqual(diagnostics.map(show), expected);
      assert.deepEqual(diagnostics.map((d) => d.range), ranges);
    });
  }

  it('disable-next-line above and disable-line on the same line add up', () => {
    const { diagnostics } = validate(`${RX}\n{\n  // capl-ids-disable-next-line magic-number\n  if (MessageID == 8 || MessageID == 227) return; // capl-ids-disable-line wrong-table\n}`);
    assert.deepEqual(diagnostics.map(show), []);
  });

  it('diagnostics come in text order', () => {
    const { diagnostics, ranges } = validate(`⟦// capl-ids: table foo⟧\nenum Ids { SessionSetupReq = ⟦6⟧, SessionSetupRes = 6 };\n${RX} { if (MessageID == ⟦8⟧) return; } ⟦/* capl-ids: frob */⟧`);
    assert.deepEqual(diagnostics.map((d) => d.range), ranges);
  });

  it('every diagnostic has source capl-ids and a link to the docs/diagnostics.md section named after its code', () => {
    const { diagnostics } = validate(`// capl-ids: table foo\nenum Ids { SessionSetupReq = 6, SessionSetupRes = 6 };\n${RX} { if (MessageID == 8 || MessageID == 227 || MessageID == 999) return; }\non start { Station.SetMessageTimeout(100, 1); }`);
    assert.deepEqual(diagnostics.map((d) => d.code), ['invalid-annotation', 'enum-mismatch', 'magic-number', 'wrong-table', 'unknown-id', 'ambiguous-id']);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, 'capl-ids');
      assert.deepEqual(diagnostic.codeDescription, { href: `${DIAGNOSTICS_URL}#${diagnostic.code}` });
    }
  });

  it('docs/diagnostics.md has a section for every code, which the links reach', () => {
    const headings = readFileSync(join(__dirname, '..', '..', 'docs', 'diagnostics.md'), 'utf8').match(/^## .*$/gm);
    assert.deepEqual(headings, DIAGNOSTIC_CODES.map((code) => `## ${code}`));
    assert.ok(DIAGNOSTICS_URL.endsWith('/docs/diagnostics.md'));
  });

  it('carry no fix data: a quick fix reads it from the analysis (code actions tests)', () => {
    const { diagnostics } = validate(`enum Ids { SessionSetupReq = 6, SessionSetupRes = 6 };\n${RX} { if (MessageID == 8 || MessageID == 227) return; }\non start { Station.SetMessageTimeout(100, 1); }`);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.data]), [['enum-mismatch', undefined], ['magic-number', undefined], ['wrong-table', undefined], ['ambiguous-id', undefined]]);
  });

  it('diagnostics of one code share one code description', () => {
    const { diagnostics } = validate(`${RX} { if (MessageID == 8 || MessageID == 5) return; }`);
    assert.equal(diagnostics.length, 2);
    assert.equal(diagnostics[0].codeDescription, diagnostics[1].codeDescription);
    assert.ok(Object.isFrozen(diagnostics[0].codeDescription));
  });
});
