// "CAPL IDs: Look Up Message ID…": a quick pick across every table, driven through the
// workbench's own quick-open commands as a keyboard user would.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CatalogueEntry } from '../../client/src/catalogueView';
import { acceptingQuickPick, closeAllEditors, extensionApi, openUntitled, waitFor } from './util';

/** Runs the lookup command and accepts the quick pick's active item(s) until it resolves. */
async function lookUp(query: string, action?: string): Promise<CatalogueEntry | undefined> {
  return acceptingQuickPick(() => vscode.commands.executeCommand<CatalogueEntry | undefined>('capl-ids.lookupId', query, action));
}

describe('look up an ID', () => {
  before(extensionApi);
  after(closeAllEditors);

  it('finds an entry by constant and inserts it at the cursor', async () => {
    const editor = await openUntitled('EVSE.SetMessageTimeout.Call(, 5000);');
    editor.selection = new vscode.Selection(0, 28, 0, 28);
    const entry = await lookUp('CCS_ISO2_DC_CURRENT_DEMAND_RES', 'insertConstant');
    assert.strictEqual(entry?.id, 231);
    assert.strictEqual(entry?.table, 'ccs');
    await waitFor('the constant in the document', () => editor.document.getText() === 'EVSE.SetMessageTimeout.Call(CCS_ISO2_DC_CURRENT_DEMAND_RES, 5000);');
  });

  it('finds an entry by name and inserts its number', async () => {
    const editor = await openUntitled('');
    const entry = await lookUp('BootNotificationRequest_201', 'insertNumber');
    assert.strictEqual(entry?.constant, 'OCPP_BOOT_NOTIFICATION_REQUEST_201');
    await waitFor('the number in the document', () => editor.document.getText() === String(entry?.id));
  });

  it('asks what to do when no action is given (first action: insert the constant)', async () => {
    const editor = await openUntitled('');
    const entry = await lookUp('SCC_EV_STATE_CURRENT_DEMAND');
    assert.strictEqual(entry?.id, 13);
    await waitFor('the constant in the document', () => editor.document.getText() === 'SCC_EV_STATE_CURRENT_DEMAND');
  });
});
