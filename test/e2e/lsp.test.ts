// The language server's features as the editor sees them, through the `vscode` API on the
// example files (expected answers from docs/context-rules.md and the server's issue).
// Pending (not failed) in a build without dist/server.js.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  applyCodeAction,
  closeAllEditors,
  completionLabel,
  extensionApi,
  hoverText,
  inlayLabel,
  openExample,
  positionOf,
  rangeOf,
  serverIsBuilt,
  waitFor,
  waitForServer,
} from './util';
import { SERVER_NODE_OPTIONS } from '../../server/src/serverStart';

const EVSE = 'EVSE/CcsEvseNode.can';

/** The command line of every process this user can read (Linux's /proc), as its arguments. */
function processCommandLines(): string[][] {
  return fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).flatMap((pid) => {
    try {
      return [fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '')];
    } catch {
      return []; // a process that ended meanwhile
    }
  });
}
const EV = 'EV/SccEvNode.can';
const MONITOR = 'Common/CcsSessionMonitor.cin';
const TIMEOUT_CALL = 'EVSE.SetMessageTimeout.Call(231, 5000)';

/** Hovers at a position until the server answers (it may still be analysing the file). */
async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  return waitFor(`a hover at ${position.line + 1}:${position.character + 1}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    return hovers.length > 0 ? hovers : undefined;
  });
}

function capl(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.source === 'capl-ids');
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

describe('language server features', function () {
  this.timeout(60000);

  before(async function () {
    if (!serverIsBuilt()) {
      this.skip();
    }
    await extensionApi();
    await openExample(EVSE);
    await waitForServer();
    await vscode.workspace.getConfiguration('capl-ids').update('inlayHints', 'on', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await closeAllEditors();
  });

  it("keeps the server's code cache in the extension's global storage, written when a server exits", async () => {
    const { server } = await extensionApi();
    await vscode.commands.executeCommand('capl-ids.restartServer');
    await waitForServer();
    const caches = fs.readdirSync(server.codeCacheDir).filter((name) => /^server-[0-9a-f]{20}\.cache$/.test(name));
    assert.equal(caches.length, 1, `one code cache in ${server.codeCacheDir}: ${caches}`);
    assert.ok(fs.statSync(path.join(server.codeCacheDir, caches[0])).size > 10_000, 'the compiled server is in it');
  });

  it("starts the server with Node's options for a small young generation", async () => {
    const { server } = await extensionApi();
    const commandLines = processCommandLines().filter((args) => args.includes(server.codeCacheDir));
    assert.equal(commandLines.length, 1, `one server process with the code cache ${server.codeCacheDir}`);
    const [args] = commandLines;
    const script = args.findIndex((arg) => arg.endsWith('cachedStart.js'));
    assert.deepEqual(args.slice(1, script), [...SERVER_NODE_OPTIONS], `${args.join(' ')}`);
  });

  it('hovers a literal ID argument with message, kind, table and constant', async () => {
    const editor = await openExample(EVSE);
    const range = rangeOf(editor.document, TIMEOUT_CALL, '231');
    const hovers = await hoverAt(editor.document.uri, range.start.translate(0, 1));
    const text = hoverText(hovers);
    assert.match(text, /CurrentDemand/);
    assert.match(text, /\bRes\b/);
    assert.match(text, /CCS_ISO2_DC_CURRENT_DEMAND_RES/);
    assert.match(text, /CCS-Binding/);
    assert.match(text, /CurrentDemand Req|CCS_ISO2_DC_CURRENT_DEMAND_REQ/, 'the paired request');
    assert.match(text, /Why/, 'why this table was chosen');
    const hoverRange = hovers.find((hover) => hover.range)?.range;
    assert.ok(hoverRange?.isEqual(range), `hover range ${JSON.stringify(hoverRange)} is the literal's range`);
  });

  it('hovers a hex ID as the same ID', async () => {
    const editor = await openExample(EVSE);
    const position = positionOf(editor.document, 'EVSE.SetMessageTimeout(0xE3', '0xE3', 2);
    assert.match(hoverText(await hoverAt(editor.document.uri, position)), /CableCheck[\s\S]*CCS_ISO2_DC_CABLE_CHECK_RES/);
  });

  it('does not hover numbers that are not IDs', async () => {
    const editor = await openExample(EVSE);
    await hoverAt(editor.document.uri, positionOf(editor.document, TIMEOUT_CALL, '231', 1));
    for (const [line, needle] of [[TIMEOUT_CALL, '5000'], ['setTimer(tSupervision, 100)', '100']]) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, line, needle, 1));
      assert.doesNotMatch(hoverText(hovers), /CCS_|SCC_|OCPP_/, `${needle} in "${line}"`);
    }
  });

  it('completes the CCS constants after `case` on an ID-carrying switch', async () => {
    const editor = await openExample(EVSE);
    const position = positionOf(editor.document, 'case 201:', '201');
    const list = await waitFor('completion items', async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
      return result.items.some((item) => completionLabel(item).startsWith('CCS_')) ? result : undefined;
    });
    const constants = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Constant);
    const currentDemand = constants.find((item) => completionLabel(item) === 'CCS_ISO2_DC_CURRENT_DEMAND_RES');
    assert.ok(currentDemand, 'CCS_ISO2_DC_CURRENT_DEMAND_RES is offered as a constant');
    assert.match(String(currentDemand.detail), /231/);
    assert.ok(!constants.some((item) => completionLabel(item).startsWith('OCPP_')), 'no OCPP constants in a CCS context');
  });

  it('shows inlay hints after bare IDs, inside the requested range only', async () => {
    const editor = await openExample(EVSE);
    const line = positionOf(editor.document, TIMEOUT_CALL, '231').line;
    const range = new vscode.Range(line, 0, line + 1, 0);
    const hints = await waitFor('inlay hints', async () => {
      const result = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', editor.document.uri, range);
      return result.length > 0 ? result : undefined;
    });
    const end231 = rangeOf(editor.document, TIMEOUT_CALL, '231').end;
    const hint = hints.find((candidate) => candidate.position.isEqual(end231));
    assert.ok(hint, `a hint right after 231 (hints: ${hints.map((h) => `${h.position.character}:${inlayLabel(h)}`).join(', ')})`);
    assert.match(inlayLabel(hint), /CurrentDemand Res/);
    assert.ok(hints.every((candidate) => range.contains(candidate.position)), 'no hint outside the requested range');
    const end5000 = rangeOf(editor.document, TIMEOUT_CALL, '5000').end;
    assert.ok(!hints.some((candidate) => candidate.position.isEqual(end5000)), 'no hint after 5000');
  });

  it('reports a magic number with a named constant and an enum value that disagrees with the table', async () => {
    const evse = await openExample(EVSE);
    const magic = await waitFor('capl-ids diagnostics on the EVSE node', () => {
      const found = capl(vscode.languages.getDiagnostics(evse.document.uri));
      return found.length > 0 ? found : undefined;
    });
    const at231 = magic.find((diagnostic) => diagnostic.range.isEqual(rangeOf(evse.document, TIMEOUT_CALL, '231')));
    assert.ok(at231, `a diagnostic on 231 (got: ${magic.map((d) => `${d.range.start.line + 1}:${codeOf(d)}`).join(', ')})`);
    assert.strictEqual(codeOf(at231), 'magic-number');
    assert.ok(!magic.some((diagnostic) => diagnostic.range.isEqual(rangeOf(evse.document, TIMEOUT_CALL, '5000'))), 'nothing on 5000');

    const ev = await openExample(EV);
    const mismatch = await waitFor('an enum-mismatch diagnostic on SessionSetupRes = 7', () =>
      capl(vscode.languages.getDiagnostics(ev.document.uri)).find((diagnostic) => codeOf(diagnostic) === 'enum-mismatch' && diagnostic.range.start.line === positionOf(ev.document, 'SessionSetupRes = 7', 'SessionSetupRes').line),
    );
    assert.strictEqual(mismatch.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('applies the quick fix "Replace 231 with CCS_ISO2_DC_CURRENT_DEMAND_RES"', async () => {
    const editor = await openExample(EVSE);
    const range = rangeOf(editor.document, TIMEOUT_CALL, '231');
    const actions = await waitFor('a quick fix on 231', async () => {
      const result = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, range, vscode.CodeActionKind.QuickFix.value);
      return result.some((action) => action.title.includes('CCS_ISO2_DC_CURRENT_DEMAND_RES')) ? result : undefined;
    });
    const fix = actions.find((action) => action.title === 'Replace 231 with CCS_ISO2_DC_CURRENT_DEMAND_RES');
    assert.ok(fix, `actions: ${actions.map((action) => action.title).join(' | ')}`);
    assert.strictEqual(fix.isPreferred, true);
    await applyCodeAction(fix);
    const text = editor.document.getText();
    assert.ok(text.includes('EVSE.SetMessageTimeout.Call(CCS_ISO2_DC_CURRENT_DEMAND_RES, 5000)'), 'the literal is replaced');
    assert.match(text, /#include\s+"[^"]*SmartChargingMessageIds\.cin"|const\s+\w+\s+CCS_ISO2_DC_CURRENT_DEMAND_RES\b/, 'the constant is made visible');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('typing in a node that publishes an ID to a system variable makes the numbers the included file writes to it IDs, and reverting takes them back', async () => {
    const monitor = await openExample(MONITOR);
    const phaseWrite = rangeOf(monitor.document, '@sysvar::Common::Phase = 2;', '2');
    const onPhaseWrite = () => capl(vscode.languages.getDiagnostics(monitor.document.uri)).filter((diagnostic) => diagnostic.range.isEqual(phaseWrite));
    await waitFor('the monitor\'s diagnostics', () => capl(vscode.languages.getDiagnostics(monitor.document.uri)).length > 0);
    assert.deepStrictEqual(onPhaseWrite(), [], 'the panel phase is no message ID yet');
    const node = await openExample(EVSE);
    const at = rangeOf(node.document, 'gLastRxId = id;', 'gLastRxId = id;').end;
    // Typed a character at a time, as the editor sends it: each keystroke is a change of its own.
    const statement = ' @sysvar::Common::Phase = id;';
    for (let i = 0; i < statement.length; i++) await node.edit((edit) => edit.insert(at.translate(0, i), statement[i]), { undoStopBefore: false, undoStopAfter: false });
    const reported = await waitFor('a diagnostic on the phase written in the included file', () => {
      const found = onPhaseWrite();
      return found.length > 0 ? found : undefined;
    });
    assert.match(reported[0].message, /\b2\b/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the diagnostic to go with the typed statement', () => onPhaseWrite().length === 0);
  });

  it('finds the references of a system variable that holds IDs in the node that writes it and the include that reads it', async () => {
    const monitor = await openExample(MONITOR);
    const position = positionOf(monitor.document, 'if (@this == 213)', '@this', 1);
    const locations = await waitFor('references of @this', async () => {
      const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', monitor.document.uri, position);
      return found.length > 1 ? found : undefined;
    });
    const files = new Set(locations.map((location) => path.basename(location.uri.fsPath)));
    assert.ok(files.has('CcsEvseNode.can') && files.has('CcsSessionMonitor.cin'), `references in ${[...files].join(', ')}`);
    const node = await openExample(EVSE);
    const written = rangeOf(node.document, '@sysvar::Common::LastReceivedMessageId =', '@sysvar::Common::LastReceivedMessageId');
    assert.ok(locations.some((location) => location.uri.toString() === node.document.uri.toString() && location.range.isEqual(written)), 'the node\'s write is one of them');
  });

  it('fixes all magic numbers with source.fixAll.capl-ids', async () => {
    const editor = await openExample(EVSE);
    const before = editor.document.getText();
    const actions = await waitFor('a fix-all action', async () => {
      const result = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.capl-ids');
      return result.length > 0 ? result : undefined;
    });
    const fixAll = actions.find((action) => action.kind?.value === 'source.fixAll.capl-ids');
    assert.ok(fixAll, `actions: ${actions.map((action) => `${action.kind?.value}: ${action.title}`).join(' | ')}`);
    await applyCodeAction(fixAll);
    const text = editor.document.getText();
    assert.notStrictEqual(text, before);
    assert.ok(text.includes('EVSE.SetMessageTimeout.Call(CCS_ISO2_DC_CURRENT_DEMAND_RES, 5000)'));
    assert.ok(text.includes('if (id == CCS_ISO2_CM_CHARGE_PARAMETER_DISCOVERY_RES)'), 'the comparison is fixed');
    assert.ok(/case CCS_ISO2_DC_CURRENT_DEMAND_RES:/.test(text), 'the case label is fixed');
    assert.ok(text.includes('setTimer(tSupervision, 100)') && text.includes('gTxPayload[100]'), 'non-IDs are untouched');
    await waitFor('the magic-number diagnostics to go', () =>
      !capl(vscode.languages.getDiagnostics(editor.document.uri)).some((diagnostic) => codeOf(diagnostic) === 'magic-number' && diagnostic.range.start.line === rangeOf(editor.document, 'SetMessageTimeout.Call(', 'Call').start.line),
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
