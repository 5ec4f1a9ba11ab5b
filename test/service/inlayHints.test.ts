/**
 * Inlay hints through the CaplLanguageService facade. The requested range is the span
 * between `⟦ ⟧`; each expected hint is `label @line:character`.
 */
import { strict as assert } from 'node:assert';
import type { InlayHint } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EV_URI, languageService, markedDocument, rangeOf, synced } from './helpers';

const RX = 'SCC_MessageRxInd(byte SessionID[], dword MessageID)';
const SOURCE = [
  `${RX}`, // 0
  '{',
  '  if (MessageID == 8) return;', // 2: 8 ends at 20
  '  switch (MessageID) { case 5: break; case 999: break; }', // 3
  '  setTimer(t, 100);', // 4
  '}',
  'on start { Station.SetMessageTimeout(100, 1000); }', // 6
  'on key \'a\' { EVSE.SetMessageTimeout(0xE3, 1000); }', // 7
].join('\n');

function show(hints: readonly InlayHint[]): string[] {
  return hints.map((hint) => `${hint.label as string} @${hint.position.line}:${hint.position.character}`);
}

function hintsIn(marked: string, settings: Record<string, unknown> = {}): { hints: InlayHint[]; document: TextDocument } {
  const { document, spans } = markedDocument(marked);
  const range = spans.length > 0 ? rangeOf(document, spans[0]) : rangeOf(document, { start: 0, end: document.getText().length });
  return { hints: synced(languageService(settings), document).getInlayHints(document, range), document };
}

const ALL_HINTS = [
  'ServiceDiscovery Res @2:20',
  'SessionSetup Req @3:29',
  'unknown in Modeling Libraries @3:46',
  'ambiguous: SessionSetup Req | AuthorizeRequest_16 @6:40',
  'CableCheck Res @7:40',
];

describe('inlay hints', () => {
  const cases: [string, string, string[], Record<string, unknown>?][] = [
    ['after every bare ID literal of the whole document', SOURCE, ALL_HINTS],
    ['only inside the requested range (one line)', SOURCE.replace('  switch', '⟦  switch').replace('break; }\n', 'break; }⟧\n'), ALL_HINTS.slice(1, 3)],
    ['a range that only touches the end of a literal still shows it', SOURCE.replace('== 8', '== 8⟦').replace(') return;', ')⟧ return;'), ALL_HINTS.slice(0, 1)],
    ['a range that ends right before a literal does not', SOURCE.replace('  if (', '⟦  if (').replace('== 8', '== ⟧8'), []],
    ['an empty range in the middle of nothing', SOURCE.replace('setTimer', '⟦⟧setTimer'), []],
    ['mode off', SOURCE, [], { inlayHints: 'off' }],
    ['mode on', SOURCE, ALL_HINTS, { inlayHints: 'on' }],
    ['mode ambiguousOnly', SOURCE, ['ambiguous: SessionSetup Req | AuthorizeRequest_16 @6:40'], { inlayHints: 'ambiguousOnly' }],
    ['ambiguous and unknown in every candidate table', 'on start { Station.SetMessageTimeout(9999, 1); }', ['ambiguous: unknown in CCS-Binding and OCPP-Binding @0:41']],
    ['no hint after an enum member value its own name already names', 'enum Ids { SessionSetupReq = 5, SessionSetupRes = 6, ServiceDiscoveryRes = 8 };', []],
    ['a hint after an enum member value that is another entry than its name says',
      'enum Ids { SessionSetupReq = 5, SessionSetupRes = 7, ServiceDiscoveryRes = 8 };', ['ServiceDiscovery Req @0:51']],
    ['no hint after the value of a member that names no entry: it is no ID (rule 8)', 'enum Ids { SessionSetupReq = 5, SessionSetupRes = 6, Extra = 8 };', []],
    ['no hint on a non-ID literal', 'on start { setTimer(t, 100); byte b[8]; }', []],
    ['CRLF: positions count lines by CRLF', `${RX}\r\n{\r\n  if (MessageID == 8) return;\r\n}\r\n`, ['ServiceDiscovery Res @2:20']],
  ];
  for (const [description, marked, expected, settings] of cases) {
    it(description, () => assert.deepEqual(show(hintsIn(marked, settings).hints), expected));
  }

  it('hints are padded on both sides (never running into the comma after them), sit right after the literal and carry their data, not yet a tooltip', () => {
    const { hints, document } = hintsIn(SOURCE);
    const first = hints[0];
    assert.deepEqual(first, {
      position: { line: 2, character: 20 },
      label: 'ServiceDiscovery Res',
      paddingLeft: true,
      paddingRight: true,
      data: { uri: EV_URI, version: 1, offset: document.getText().indexOf('8) return') },
    });
    assert.ok(hints.every((hint) => hint.paddingLeft === true && hint.paddingRight === true && hint.tooltip === undefined));
  });

  it('resolve adds the hover text as a markdown tooltip', () => {
    const document = TextDocument.create(EV_URI, 'capl', 1, SOURCE);
    const service = synced(languageService(), document);
    const [hint] = service.getInlayHints(document, rangeOf(document, { start: 0, end: SOURCE.length }));
    const resolved = service.resolveInlayHint(hint);
    const hover = service.doHover(document, hint.position)!.contents as { kind: string; value: string };
    assert.deepEqual(resolved, { ...hint, tooltip: { kind: 'markdown', value: hover.value.replace(/\n\nUsed in 1 place in 1 file$/, '') } }, 'the hover without its use count');
    assert.ok(hover.value.endsWith('\n\nUsed in 1 place in 1 file'));
    assert.deepEqual(resolved.tooltip, {
      kind: 'markdown',
      value: '**ServiceDiscovery Res** · `8` (`0x8`)\n\nModeling Libraries\n\nConstant: `SCC_SERVICE_DISCOVERY_RES`\n\n'
        + 'Pair: ServiceDiscovery Req · `7` (`SCC_SERVICE_DISCOVERY_REQ`)\n\n'
        + '*Why:* compared with MessageID, the message ID parameter of SCC\\_MessageRxInd (Modeling Libraries table)',
    });
  });

  it('resolve leaves a hint of an outdated document version alone', () => {
    const document = TextDocument.create(EV_URI, 'capl', 1, SOURCE);
    const service = synced(languageService(), document);
    const [hint] = service.getInlayHints(document, rangeOf(document, { start: 0, end: SOURCE.length }));
    service.updateDocument(TextDocument.create(EV_URI, 'capl', 2, SOURCE.replace('== 8', '== 7')));
    assert.deepEqual(service.resolveInlayHint(hint), hint);
  });

  it('resolve leaves a hint without data alone', () => {
    const hint: InlayHint = { position: { line: 0, character: 0 }, label: 'x' };
    assert.deepEqual(languageService().resolveInlayHint(hint), hint);
  });
});
