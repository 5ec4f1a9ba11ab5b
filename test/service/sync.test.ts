/**
 * The service's contract (languageService.ts): updateDocument, updateFile, removeDocument
 * and setSettings write what it holds; requests only read it, and answer from the text last
 * synced for their document's URI.
 */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type Position } from 'vscode-languageserver-types';
import type { CaplLanguageService } from '../../server/src/service';
import { EV_URI, languageService, synced } from './helpers';

const RX = 'SCC_MessageRxInd(byte SessionID[], dword MessageID)';
const SYNCED = `${RX} { if (MessageID == 8) return; }`;
const EDITED = SYNCED.replace('== 8', '== 5');
const AT_LITERAL: Position = { line: 0, character: SYNCED.indexOf('8') };

const hoverText = (service: CaplLanguageService, document: TextDocument) => JSON.stringify(service.doHover(document, AT_LITERAL)?.contents);

/** Every request the service answers for a document, as the server sends them. */
function everyRequest(service: CaplLanguageService, document: TextDocument): unknown[] {
  const whole = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
  const diagnostics = service.doValidation(document);
  const hints = service.getInlayHints(document, whole);
  return [
    diagnostics,
    hints,
    hints.map((hint) => service.resolveInlayHint(hint)),
    service.doHover(document, AT_LITERAL),
    service.doComplete(document, AT_LITERAL),
    service.getCodeActions(document, { diagnostics, only: [CodeActionKind.QuickFix, CodeActionKind.Source] }),
    service.fixAllEdits(document),
    service.findDocumentSymbols(document),
    service.findDefinition(document, AT_LITERAL),
    service.fileContext(document),
    service.findEntryUses(document, { table: 'modeling', id: 8 }),
    service.diagnosticReport(document, undefined),
  ];
}

describe('sync and requests', () => {
  it('a request on a document whose newer text is not synced yet answers from the synced text', () => {
    const service = synced(languageService(), TextDocument.create(EV_URI, 'capl', 1, SYNCED));
    const edited = TextDocument.create(EV_URI, 'capl', 2, EDITED);
    assert.match(hoverText(service, edited), /ServiceDiscovery Res/);
    assert.deepEqual(service.doValidation(edited).map((diagnostic) => diagnostic.message), ['8 is ServiceDiscovery Res (Modeling Libraries): use SCC_SERVICE_DISCOVERY_RES.']);
    assert.equal(service.documentText(EV_URI), SYNCED, 'the request did not sync it');

    service.updateDocument(edited);
    assert.match(hoverText(service, edited), /SessionSetup Req/);
  });

  it('a document never synced gets empty answers and stays unknown to the service', () => {
    const service = languageService();
    const document = TextDocument.create(EV_URI, 'capl', 1, SYNCED);
    assert.deepEqual(everyRequest(service, document), [
      [], [], [], null, { isIncomplete: false, items: [] }, [], [], [], [], null, [], { kind: 'full', resultId: '', items: [] },
    ]);
    assert.equal(service.hasDocument(EV_URI), false);
  });

  it('requests never write what the service holds, on a synced document or a newer text', () => {
    const service = synced(languageService(), TextDocument.create(EV_URI, 'capl', 1, SYNCED));
    const writes: string[] = [];
    for (const method of ['setFile', 'removeFile', 'setSettings'] as const) {
      const original = service.index[method].bind(service.index) as (...args: unknown[]) => void;
      (service.index[method] as unknown) = (...args: unknown[]) => {
        writes.push(method);
        original(...args);
      };
    }
    everyRequest(service, TextDocument.create(EV_URI, 'capl', 1, SYNCED));
    everyRequest(service, TextDocument.create(EV_URI, 'capl', 2, EDITED));
    assert.deepEqual(writes, []);
    assert.equal(service.documentText(EV_URI), SYNCED);
  });
});
