/**
 * A constant never ends up defined twice: the duplicate-constant diagnostic (a `const` the
 * file defines again, after an included file or an earlier line), its fixes and fix-all, and
 * the one way per file that completion and quick fixes make constants visible.
 */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { renderConstantsFile } from '../../server/src/service/constantsFile';
import { FIX_ALL_KIND } from '../../server/src/service/features/codeActions';
import type { CaplLanguageService } from '../../server/src/service/languageService';
import { applyEdits, CONSTANTS_URI, documentAt, EV_URI, languageService, markedDocument, rangeOf, synced } from './helpers';

const RX = 'SCC_MessageRxInd(byte SessionID[], dword MessageID)';
const CONSTANTS_FILE = { uri: CONSTANTS_URI, text: renderConstantsFile() };
const INCLUDES = 'includes\r\n{\r\n  #include "..\\Common\\SmartChargingMessageIds.cin"\r\n}\r\n';

function duplicates(source: string, files: { uri: string; text: string }[] = [CONSTANTS_FILE]): { found: string[]; ranges: unknown[]; expected: unknown[] } {
  const { document, spans } = markedDocument(source);
  const found = synced(languageService({}, files), document).doValidation(document).filter((d) => d.code === 'duplicate-constant');
  return { found: found.map((d) => `${d.severity === 1 ? 'error' : d.severity}: ${d.message}`), ranges: found.map((d) => d.range), expected: spans.map((span) => rangeOf(document, span)) };
}

function apply(document: TextDocument, action: CodeAction): string {
  return applyEdits(document, (action.edit?.changes?.[document.uri] ?? []) as TextEdit[]);
}

/** The quick fixes of the duplicate-constant diagnostic at the cursor: title, preferred, resulting text. */
function fixes(input: string, files = [CONSTANTS_FILE]): { title: string; preferred: boolean; result: string }[] {
  const { document, position } = documentAt(input);
  const service = synced(languageService({}, files), document);
  const diagnostics = service.doValidation(document).filter((d: Diagnostic) => d.code === 'duplicate-constant' && d.range.start.line === position.line);
  const actions = service.getCodeActions(document, { diagnostics, only: [CodeActionKind.QuickFix] });
  return actions.map((action) => ({ title: action.title, preferred: action.isPreferred === true, result: apply(document, action) }));
}

function fixAll(service: CaplLanguageService, text: string, version: number): string | undefined {
  const document = TextDocument.create(EV_URI, 'capl', version, text);
  const [action] = synced(service, document).getCodeActions(document, { diagnostics: [], only: [FIX_ALL_KIND] });
  return action && apply(document, action);
}

describe('a constant never ends up defined twice', () => {
  describe('duplicate-constant', () => {
    it('a constant the included generated file defines too', () => {
      const { found, ranges, expected } = duplicates(`${INCLUDES}variables\r\n{\r\n  const dword ⟦SCC_SERVICE_DISCOVERY_RES⟧ = 8;\r\n}\r\n`);
      assert.deepEqual(found, ['error: SCC_SERVICE_DISCOVERY_RES is already defined in SmartChargingMessageIds.cin, which this file includes: CAPL rejects a second definition.']);
      assert.deepEqual(ranges, expected);
    });

    it('through another include, and with another value: says which', () => {
      const util = { uri: 'file:///c%3A/proj/Common/Util.cin', text: 'includes\n{\n  #include "SmartChargingMessageIds.cin"\n}\n' };
      const { found } = duplicates('includes\n{\n  #include "../Common/Util.cin"\n}\nvariables\n{\n  const dword ⟦SCC_SESSION_SETUP_REQ⟧ = 6;\n}\n', [CONSTANTS_FILE, util]);
      assert.deepEqual(found, ['error: SCC_SESSION_SETUP_REQ is already defined in SmartChargingMessageIds.cin, which this file includes, with the value 5: CAPL rejects a second definition.']);
    });

    it('twice in the file: the second definition', () => {
      const { found, ranges, expected } = duplicates('variables\n{\n  const dword LIMIT = 8;\n  int x;\n  const dword ⟦LIMIT⟧ = 8;\n}\n', []);
      assert.deepEqual(found, ['error: LIMIT is already defined on line 3: CAPL rejects a second definition.']);
      assert.deepEqual(ranges, expected);
    });

    it('nothing when the file defines each constant once and includes no file that defines it', () => {
      assert.deepEqual(duplicates('variables\n{\n  const dword SCC_SERVICE_DISCOVERY_RES = 8;\n  const dword LIMIT = 8;\n}\n').found, []);
    });

    it('nothing for a variable (not a constant) of a name an include has; the severity setting applies', () => {
      assert.deepEqual(duplicates(`${INCLUDES}variables\r\n{\r\n  dword SCC_SERVICE_DISCOVERY_RES;\r\n}\r\n`).found, []);
      const { document } = markedDocument(`${INCLUDES}variables\r\n{\r\n  const dword SCC_SERVICE_DISCOVERY_RES = 8;\r\n}\r\n`);
      const off = synced(languageService({ diagnostics: { severity: { 'duplicate-constant': 'off' } } }, [CONSTANTS_FILE]), document).doValidation(document);
      assert.deepEqual(off.map((d) => d.code), []);
    });
  });

  describe('quick fixes', () => {
    it('removes the redundant line (preferred when both give the same number)', () => {
      assert.deepEqual(fixes(`${INCLUDES}variables\r\n{\r\n  const dword SCC_SERVICE_DISCOVERY_RES| = 8; // ServiceDiscovery Res\r\n  int x;\r\n}\r\n`), [{
        title: 'Remove this definition of SCC_SERVICE_DISCOVERY_RES',
        preferred: true,
        result: `${INCLUDES}variables\r\n{\r\n  int x;\r\n}\r\n`,
      }]);
    });

    it('with another value: offered, not preferred (removing it changes the number)', () => {
      assert.deepEqual(fixes(`${INCLUDES}variables\r\n{\r\n  const dword SCC_SESSION_SETUP_REQ| = 6;\r\n}\r\n`).map(({ title, preferred }) => ({ title, preferred })), [
        { title: 'Remove this definition of SCC_SESSION_SETUP_REQ', preferred: false },
      ]);
    });

    it('only the declaration when other code shares its line; none when it shares its statement', () => {
      assert.deepEqual(fixes('variables\n{\n  const dword A = 1; const dword A| = 1; int x;\n}\n', []).map((fix) => fix.result), ['variables\n{\n  const dword A = 1;  int x;\n}\n']);
      assert.deepEqual(fixes('variables\n{\n  const dword A = 1;\n  const dword B = 2, A| = 1;\n}\n', []), []);
    });

    it('several redundant definitions: also one fix that removes them all', () => {
      const input = `${INCLUDES}variables\r\n{\r\n  const dword SCC_SERVICE_DISCOVERY_RES| = 8;\r\n  const dword SCC_SESSION_SETUP_REQ = 5;\r\n  const dword LIMIT = 3;\r\n}\r\n`;
      assert.deepEqual(fixes(input).map(({ title, result }) => ({ title, result })), [
        { title: 'Remove this definition of SCC_SERVICE_DISCOVERY_RES', result: `${INCLUDES}variables\r\n{\r\n  const dword SCC_SESSION_SETUP_REQ = 5;\r\n  const dword LIMIT = 3;\r\n}\r\n` },
        { title: 'Remove all 2 redundant constant definitions', result: `${INCLUDES}variables\r\n{\r\n  const dword LIMIT = 3;\r\n}\r\n` },
      ]);
    });
  });

  describe('fix-all', () => {
    it('removes every redundant definition of the same value and replaces magic numbers, adding nothing', () => {
      const service = languageService({}, [CONSTANTS_FILE]);
      const before = `${INCLUDES}variables\r\n{\r\n  const dword SCC_SERVICE_DISCOVERY_RES = 8;\r\n  const dword SCC_SESSION_SETUP_REQ = 6;\r\n}\r\n${RX}\r\n{\r\n  if (MessageID == 8 || MessageID == 7) return;\r\n}\r\n`;
      const after = fixAll(service, before, 1)!;
      assert.equal(after, `${INCLUDES}variables\r\n{\r\n  const dword SCC_SESSION_SETUP_REQ = 6;\r\n}\r\n${RX}\r\n{\r\n  if (MessageID == SCC_SERVICE_DISCOVERY_RES || MessageID == SCC_SERVICE_DISCOVERY_REQ) return;\r\n}\r\n`);
      assert.equal(fixAll(service, after, 2) ?? after, after, 'a second run changes nothing');
    });
  });

  describe('one way per file to make a constant visible', () => {
    const LOCAL = `variables\n{\n  const dword SCC_SERVICE_DISCOVERY_RES = 8;\n}\n${RX}\n{\n  if (MessageID == 5|) return;\n}\n`;

    it('a quick fix in a file that declares constants locally declares another, though the workspace has the generated file', () => {
      const { document, position } = documentAt(LOCAL);
      const service = synced(languageService({}, [CONSTANTS_FILE]), document);
      const diagnostics = service.doValidation(document).filter((d) => d.range.start.line === position.line);
      const [fix] = service.getCodeActions(document, { diagnostics, only: [CodeActionKind.QuickFix] });
      assert.equal(apply(document, fix), `variables\n{\n  const dword SCC_SESSION_SETUP_REQ = 5;\n  const dword SCC_SERVICE_DISCOVERY_RES = 8;\n}\n${RX}\n{\n  if (MessageID == SCC_SESSION_SETUP_REQ) return;\n}\n`);
    });

    it('completion in such a file declares too', () => {
      const { document, position } = documentAt(LOCAL.replace('5|', '|'));
      const item = synced(languageService({}, [CONSTANTS_FILE]), document).doComplete(document, position).items.find((i) => i.label === 'SCC_SESSION_SETUP_REQ')!;
      assert.deepEqual(item.additionalTextEdits?.map((edit) => edit.newText), ['  const dword SCC_SESSION_SETUP_REQ = 5;\n']);
    });

    it('a file that includes the generated file (or an include of it) gets neither', () => {
      const { document, position } = documentAt(`${INCLUDES}${RX}\r\n{\r\n  if (MessageID == |) return;\r\n}\r\n`);
      const items = synced(languageService({}, [CONSTANTS_FILE]), document).doComplete(document, position).items;
      assert.deepEqual(items.filter((i) => i.additionalTextEdits !== undefined).map((i) => i.label), []);
    });

    it('a file with neither includes the generated file when the workspace has one', () => {
      const { document, position } = documentAt(`${RX}\n{\n  if (MessageID == |) return;\n}\n`);
      const item = synced(languageService({}, [CONSTANTS_FILE]), document).doComplete(document, position).items.find((i) => i.label === 'SCC_SESSION_SETUP_REQ')!;
      assert.deepEqual(item.additionalTextEdits?.map((edit) => edit.newText), ['includes\n{\n  #include "..\\Common\\SmartChargingMessageIds.cin"\n}\n\n']);
    });
  });
});
