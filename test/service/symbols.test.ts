/**
 * Document symbols (the outline) through the CaplLanguageService facade. The source marks
 * every symbol's selection range with `⟦ ⟧` (in outline pre-order); each expected row is
 * [indented name, kind, detail, the text its full range covers].
 */
import { strict as assert } from 'node:assert';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { languageService, markedDocument, rangeOf, synced } from './helpers';

const KIND_NAMES = new Map(Object.entries(SymbolKind).map(([name, value]) => [value as number, name]));

function flatten(symbols: readonly DocumentSymbol[], depth = 0): { symbol: DocumentSymbol; depth: number }[] {
  return symbols.flatMap((symbol) => [{ symbol, depth }, ...flatten(symbol.children ?? [], depth + 1)]);
}

function check(marked: string, expected: [string, string, string | undefined, string][]): void {
  const { document, spans, text } = markedDocument(marked);
  const flat = flatten(synced(languageService(), document).findDocumentSymbols(document));
  const textOf = (doc: TextDocument, range: DocumentSymbol['range']) => text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
  assert.deepEqual(
    flat.map(({ symbol, depth }) => [`${'  '.repeat(depth)}${symbol.name}`, KIND_NAMES.get(symbol.kind), symbol.detail, textOf(document, symbol.range)]),
    expected,
  );
  assert.deepEqual(flat.map(({ symbol }) => symbol.selectionRange), spans.map((span) => rangeOf(document, span)));
}

describe('document symbols', () => {
  it('sections, their declarations and enums with members, procedures of every kind', () => {
    check([
      '/*@!Encoding:1252*/',
      '⟦includes⟧',
      '{',
      '  #include "Util.cin"',
      '}',
      '⟦variables⟧',
      '{',
      '  enum ⟦Ids⟧ { ⟦SessionSetupReq⟧ = 5, ⟦SessionSetupRes⟧ };',
      '  const dword ⟦MAX⟧ = 3;',
      '  msTimer ⟦tPoll⟧;',
      '  LastRxMessageIdType ⟦gLast⟧;',
      '}',
      'on ⟦start⟧',
      '{',
      '  setTimer(tPoll, 100);',
      '}',
      'on ⟦fct_called EVSE.OnLastReceivedMessageIdChanged⟧ { }',
      '⟦SCC_MessageRxInd⟧(byte SessionID[], dword MessageID) { }',
      'long ⟦Check⟧(dword& value, char name[]) { return 0; }',
      'testcase ⟦TC_Boot⟧() { }',
      'export testfunction ⟦TF_Wait⟧(dword id) { }',
      '',
    ].join('\n'), [
      ['includes', 'Namespace', undefined, 'includes\n{\n  #include "Util.cin"\n}'],
      ['variables', 'Namespace', undefined, 'variables\n{\n  enum Ids { SessionSetupReq = 5, SessionSetupRes };\n  const dword MAX = 3;\n  msTimer tPoll;\n  LastRxMessageIdType gLast;\n}'],
      ['  Ids', 'Enum', undefined, 'enum Ids { SessionSetupReq = 5, SessionSetupRes }'],
      ['    SessionSetupReq', 'EnumMember', '5', 'SessionSetupReq = 5'],
      ['    SessionSetupRes', 'EnumMember', '6', 'SessionSetupRes'],
      ['  MAX', 'Constant', 'dword', 'const dword MAX = 3'],
      ['  tPoll', 'Variable', 'msTimer', 'msTimer tPoll'],
      ['  gLast', 'Variable', 'LastRxMessageIdType', 'LastRxMessageIdType gLast'],
      ['on start', 'Event', undefined, 'on start\n{\n  setTimer(tPoll, 100);\n}'],
      ['on fct_called EVSE.OnLastReceivedMessageIdChanged', 'Event', undefined, 'on fct_called EVSE.OnLastReceivedMessageIdChanged { }'],
      ['SCC_MessageRxInd', 'Function', '(byte SessionID[], dword MessageID)', 'SCC_MessageRxInd(byte SessionID[], dword MessageID) { }'],
      ['Check', 'Function', 'long (dword& value, char name[])', 'long Check(dword& value, char name[]) { return 0; }'],
      ['TC_Boot', 'Method', '()', 'testcase TC_Boot() { }'],
      ['TF_Wait', 'Method', '(dword id)', 'export testfunction TF_Wait(dword id) { }'],
    ]);
  });

  it('event procedures of several kinds', () => {
    check('on ⟦key \'a\'⟧ { }\non ⟦timer tPoll⟧ { }\non ⟦sysvar Common::LastId⟧ { }\non ⟦message 0x123⟧ { }', [
      ["on key 'a'", 'Event', undefined, "on key 'a' { }"],
      ['on timer tPoll', 'Event', undefined, 'on timer tPoll { }'],
      ['on sysvar Common::LastId', 'Event', undefined, 'on sysvar Common::LastId { }'],
      ['on message 0x123', 'Event', undefined, 'on message 0x123 { }'],
    ]);
  });

  it('an enum at top level is a top-level symbol; locals are not symbols', () => {
    check('enum ⟦Mode⟧ { ⟦AC⟧ = 1, ⟦DC⟧ = 4 };\non ⟦start⟧ { int local; enum Mode m; }', [
      ['Mode', 'Enum', undefined, 'enum Mode { AC = 1, DC = 4 }'],
      ['  AC', 'EnumMember', '1', 'AC = 1'],
      ['  DC', 'EnumMember', '4', 'DC = 4'],
      ['on start', 'Event', undefined, 'on start { int local; enum Mode m; }'],
    ]);
  });

  it('CRLF and BOM keep exact ranges', () => {
    check('\uFEFF⟦variables⟧\r\n{\r\n  int ⟦x⟧;\r\n}\r\non ⟦start⟧\r\n{\r\n}\r\n', [
      ['variables', 'Namespace', undefined, 'variables\r\n{\r\n  int x;\r\n}'],
      ['  x', 'Variable', 'int', 'int x'],
      ['on start', 'Event', undefined, 'on start\r\n{\r\n}'],
    ]);
  });

  it('an empty document has no symbols', () => check('', []));

  it('broken input still yields what can be read', () => {
    check('⟦variables⟧ { int ⟦x⟧;\non ⟦start⟧ { if (x == 1) {', [
      ['variables', 'Namespace', undefined, 'variables { int x;'],
      ['  x', 'Variable', 'int', 'int x'],
      ['on start', 'Event', undefined, 'on start { if (x == 1) {'],
    ]);
  });
});

describe('document symbols of a file first read from disk', () => {
  it('has its procedures once the file is opened, though the index kept its outline without them', () => {
    const { document } = markedDocument('variables { dword gLast; }\non start { }\nvoid Helper(dword m) { }\n');
    const service = languageService();
    service.index.setFile(document.uri, document.getText());
    service.index.summarize(document.uri);
    assert.deepEqual(service.index.outline(document.uri)?.procedures, [], 'a file read from disk keeps no procedures');
    assert.deepEqual(flatten(service.findDocumentSymbols(document)).map(({ symbol }) => symbol.name), ['variables', 'gLast', 'on start', 'Helper']);
  });
});
