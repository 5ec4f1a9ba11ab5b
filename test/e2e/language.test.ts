// The CAPL language is detected for .can and .cin files, and opening one activates the extension.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, openExample, waitFor } from './util';

describe('language detection', () => {
  after(closeAllEditors);

  it('opens a .can file as CAPL', async () => {
    const editor = await openExample('EVSE/CcsEvseNode.can');
    assert.strictEqual(editor.document.languageId, 'capl');
  });

  it('opens a .cin file as CAPL', async () => {
    const editor = await openExample('Common/CcsSessionMonitor.cin');
    assert.strictEqual(editor.document.languageId, 'capl');
  });

  it('activates the extension on a CAPL file', async () => {
    await openExample('EV/SccEvNode.can');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await waitFor('the extension to activate', () => extension.isActive, { timeoutMs: 20000 });
  });
});
