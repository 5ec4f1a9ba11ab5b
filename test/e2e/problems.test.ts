// A large file in the Problems panel: VS Code keeps at most 1000 diagnostics per file and, above
// that, adds the entry "Not showing N further errors and warnings" to the panel. capl-ids drops
// the surplus magic-number hints (which the panel does not list) before VS Code sees them.
// The file, problems/LargeNode.can, is written into the test workspace by the runner
// (runnerSupport.mjs): 1200 magic numbers, then an error and a warning.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { VSCODE_DIAGNOSTICS_PER_FILE } from '../../client/src/diagnosticLimit';
import { applyCodeAction, closeAllEditors, exampleUri, positionOf, serverIsBuilt, waitFor, waitForServer } from './util';

function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

describe('problems in a large file', function () {
  this.timeout(60000);
  const uri = () => exampleUri('problems/LargeNode.can');

  before(async function () {
    if (!serverIsBuilt()) this.skip();
    await waitForServer();
  });

  after(closeAllEditors);

  it('keeps every error and warning and fills VS Code\'s 1000 with the first hints, so no "Not showing…" entry is added', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri()));
    const diagnostics = await waitFor('the error after the magic numbers', () => {
      const found = vscode.languages.getDiagnostics(editor.document.uri).filter((diagnostic) => diagnostic.source === 'capl-ids');
      return found.some((diagnostic) => codeOf(diagnostic) === 'unknown-id') ? found : undefined;
    }, { timeoutMs: 45000 });
    assert.strictEqual(diagnostics.length, VSCODE_DIAGNOSTICS_PER_FILE);
    const problems = diagnostics.filter((diagnostic) => diagnostic.severity !== vscode.DiagnosticSeverity.Hint);
    const lineOf = (needle: string) => positionOf(editor.document, needle, needle).line;
    assert.deepStrictEqual(problems.map((diagnostic) => [diagnostic.range.start.line, codeOf(diagnostic)]), [[lineOf('== 99'), 'unknown-id'], [lineOf('== 227'), 'wrong-table']]);
    const hintLines = diagnostics.filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Hint).map((diagnostic) => diagnostic.range.start.line);
    const first = lineOf('Call(231');
    assert.deepStrictEqual(hintLines, Array.from({ length: VSCODE_DIAGNOSTICS_PER_FILE - 2 }, (_, i) => first + i), 'the first hints, in order');
  });

  it('fixes all magic numbers on fix-all, those whose hints were dropped too', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri()));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.capl-ids');
    const fixAll = actions.find((action) => action.kind?.value === 'source.fixAll.capl-ids');
    assert.ok(fixAll, `actions: ${actions.map((action) => action.title).join(' | ')}`);
    await applyCodeAction(fixAll);
    assert.ok(!editor.document.getText().includes('Call(231'), 'no magic number is left');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
