// CAPL files in their header's code page, in a real VS Code: a Windows-1252 or UTF-8 file
// with umlauts and CRLF line ends keeps every byte through a quick fix or fix-all on save but
// the numbers replaced, and a file VS Code cannot read as its header says gets no edit.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { applyCodeAction, closeAllEditors, completionLabel, exampleUri, extensionApi, rangeOf, serverIsBuilt, waitFor, waitForServer } from './util';

const CONSTANT = 'CCS_ISO2_DC_CURRENT_DEMAND_RES';
const TIMEOUT_CALL = 'EVSE.SetMessageTimeout.Call(231, 5000)';

/** A CANoe node with umlauts before, around and after its IDs; both constants are declared, so fixes replace only the numbers. */
function nodeSource(codePage: number): string {
  return [
    `/*@!Encoding:${codePage}*/`,
    '// Ladesäule Überwachung: Größe der Nachrichten',
    'variables',
    '{',
    '  const dword CCS_ISO2_DC_CURRENT_DEMAND_REQ = 230;',
    `  const dword ${CONSTANT} = 231;`,
    '  char gText[20] = "Prüfung ÄÖÜ";',
    '}',
    '',
    'on start',
    '{',
    `  write("Zeitüberschreitung Ä"); ${TIMEOUT_CALL}; // Antwort ü`,
    '  EVSE.SetMessageTimeout.Call(230, 5000); // Anfrage ß',
    '}',
    '',
  ].join('\r\n');
}

/** `bytes` with every occurrence of `from` (ASCII) replaced by `to`: what the disk must hold after a fix. */
function replacedBytes(bytes: Buffer, replacements: readonly [from: string, to: string][]): Buffer {
  let result = bytes;
  for (const [from, to] of replacements) {
    const at = result.indexOf(from, 0, 'latin1');
    assert.ok(at >= 0, `${from} is in the file`);
    result = Buffer.concat([result.subarray(0, at), Buffer.from(to, 'latin1'), result.subarray(at + from.length)]);
  }
  return result;
}

function assertSameBytes(actual: Buffer, expected: Buffer): void {
  assert.strictEqual(actual.toString('hex'), expected.toString('hex'), `on disk: ${JSON.stringify(actual.toString('latin1'))}`);
}

/** Writes `bytes` as a new CAPL file of the test workspace and opens it once capl-ids has checked its encoding. */
async function openNew(name: string, bytes: Buffer): Promise<vscode.TextEditor> {
  const uri = exampleUri(`encoding/${name}`);
  fs.mkdirSync(vscode.Uri.joinPath(uri, '..').fsPath, { recursive: true });
  fs.writeFileSync(uri.fsPath, bytes);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  await (await extensionApi()).encoding.verdictOf(editor.document);
  return editor;
}

/** The capl-ids constants completion offers at `position`. */
async function constantCompletions(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  // Not VS Code's word-based suggestions, which offer the constants declared in the file.
  return list.items.filter((item) => item.kind === vscode.CompletionItemKind.Constant).map(completionLabel);
}

async function quickFixes(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value);
}

async function setCodeActionsOnSave(value: Record<string, string> | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('editor', { languageId: 'capl' }).update('codeActionsOnSave', value, vscode.ConfigurationTarget.Workspace, true);
}

describe('file encodings', function () {
  this.timeout(60000);

  before(async function () {
    if (!serverIsBuilt()) this.skip();
    await extensionApi();
    await waitForServer();
  });

  afterEach(async () => {
    await setCodeActionsOnSave(undefined);
    await closeAllEditors();
  });

  after(() => {
    fs.rmSync(exampleUri('encoding').fsPath, { recursive: true, force: true });
  });

  for (const { codePage, encoding, bytesOf } of [
    { codePage: 1252, encoding: 'windows1252', bytesOf: (text: string) => Buffer.from(text, 'latin1') },
    { codePage: 65001, encoding: 'utf8', bytesOf: (text: string) => Buffer.from(text, 'utf8') },
  ]) {
    it(`reads a ${codePage} file as ${encoding}; a quick fix changes only the number on disk`, async () => {
      const original = bytesOf(nodeSource(codePage));
      const editor = await openNew(`quickFix${codePage}.can`, original);
      // Reopened in its own encoding, the document reports the encoding before its new text arrives.
      await waitFor(`the document to be read as ${encoding}`, () => editor.document.encoding === encoding && editor.document.getText().includes('Ladesäule'));
      assert.ok(editor.document.getText().includes('Ladesäule Überwachung: Größe'), 'the umlauts are read as umlauts');
      assert.strictEqual(editor.document.eol, vscode.EndOfLine.CRLF);

      const range = rangeOf(editor.document, TIMEOUT_CALL, '231');
      await waitFor(`completion to offer ${CONSTANT}`, async () => (await constantCompletions(editor.document, range.start)).includes(CONSTANT));
      const fix = await waitFor('the quick fix on 231', async () => (await quickFixes(editor.document, range)).find((action) => action.title === `Replace 231 with ${CONSTANT}`));
      await applyCodeAction(fix);
      assert.ok(await editor.document.save(), 'the document is saved');
      assertSameBytes(fs.readFileSync(editor.document.uri.fsPath), replacedBytes(original, [['Call(231', `Call(${CONSTANT}`]]));
    });

    it(`fix-all on save changes only the numbers of a ${codePage} file on disk`, async () => {
      await setCodeActionsOnSave({ 'source.fixAll.capl-ids': 'explicit' });
      const original = bytesOf(nodeSource(codePage));
      const editor = await openNew(`fixAll${codePage}.can`, original);
      await waitFor(`the document to be read as ${encoding}`, () => editor.document.encoding === encoding);
      await waitFor('the magic-number diagnostics', () => vscode.languages.getDiagnostics(editor.document.uri).filter((diagnostic) => diagnostic.source === 'capl-ids').length === 2);
      // Save as a person does (Ctrl+S): saving an unchanged file runs the save participants too.
      await vscode.commands.executeCommand('workbench.action.files.save');
      const expected = replacedBytes(original, [['Call(231', `Call(${CONSTANT}`], ['Call(230', 'Call(CCS_ISO2_DC_CURRENT_DEMAND_REQ']]);
      // Compared below with a readable message whether or not the wait succeeds.
      await waitFor('the fixed file on disk', () => fs.readFileSync(editor.document.uri.fsPath).equals(expected)).catch(() => undefined);
      assertSameBytes(fs.readFileSync(editor.document.uri.fsPath), expected);
    });
  }

  it('reads a CAPL file without a header as Windows-1252 (the [capl] default), which capl-ids may edit', async () => {
    assert.strictEqual(vscode.workspace.getConfiguration('files', { languageId: 'capl' }).get('encoding'), 'windows1252');
    const editor = await openNew('noHeader.can', Buffer.from(nodeSource(1252).replace('/*@!Encoding:1252*/\r\n', ''), 'latin1'));
    assert.strictEqual(editor.document.encoding, 'windows1252');
    assert.ok(editor.document.getText().includes('Größe'));
    assert.deepStrictEqual(await (await extensionApi()).encoding.verdictOf(editor.document), { editable: true });
  });

  it('makes no edit to a file whose bytes are not in the code page its header names', async () => {
    // Header 65001 (UTF-8), bytes Windows-1252: read as UTF-8, every umlaut would be saved as U+FFFD.
    const original = Buffer.from(nodeSource(65001), 'latin1');
    const editor = await openNew('mismatch.can', original);
    const verdict = await (await extensionApi()).encoding.verdictOf(editor.document);
    assert.strictEqual(verdict.editable, false);
    assert.match(verdict.editable ? '' : verdict.reason, /does not read back as utf8/);

    const range = rangeOf(editor.document, TIMEOUT_CALL, '231');
    await waitFor('the magic-number diagnostic on 231', () => vscode.languages.getDiagnostics(editor.document.uri).some((diagnostic) => diagnostic.range.isEqual(range)));
    assert.deepStrictEqual((await quickFixes(editor.document, range)).map((action) => action.title), [], 'no quick fix');
    const fixAll = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.capl-ids');
    assert.deepStrictEqual(fixAll.map((action) => action.title), [], 'no fix-all');
    assert.deepStrictEqual(await constantCompletions(editor.document, range.start), [], 'no completion (accepting one would edit the file)');
    assertSameBytes(fs.readFileSync(editor.document.uri.fsPath), original);
  });

  it('makes no edit to a file whose header names a code page VS Code cannot read', async () => {
    const editor = await openNew('unknownCodePage.can', Buffer.from(nodeSource(1252).replace('Encoding:1252', 'Encoding:4711'), 'latin1'));
    const verdict = await (await extensionApi()).encoding.verdictOf(editor.document);
    assert.deepStrictEqual(verdict, { editable: false, reason: 'its header names code page 4711, which VS Code cannot read or write' });
    const range = rangeOf(editor.document, TIMEOUT_CALL, '231');
    await waitFor('the magic-number diagnostic on 231', () => vscode.languages.getDiagnostics(editor.document.uri).some((diagnostic) => diagnostic.range.isEqual(range)));
    assert.deepStrictEqual((await quickFixes(editor.document, range)).map((action) => action.title), []);
  });
});
