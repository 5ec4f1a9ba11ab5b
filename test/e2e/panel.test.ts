// The CAPL IDs panel: its view resolves with the five tables, the search filters on number,
// name and constant, and its actions insert, copy and navigate.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { catalogue } from '../../client/src/catalogueView';
import type { LookupNode } from '../../client/src/lookupPanel';
import type { LookupPanel } from '../../client/src/lookupPanel';
import { acceptingQuickPick, cliJson, closeAllEditors, extensionApi, openExample, openUntitled, positionOf, waitFor, waitForServer } from './util';

/** The message rows of the tree, under a group or, in a table without groups, under the table. */
function messages(provider: { getChildren(node?: LookupNode): LookupNode[] }, under?: LookupNode): Extract<LookupNode, { type: 'message' }>[] {
  return provider.getChildren(under).flatMap((node) => (node.type === 'message' ? [node] : messages(provider, node)));
}

/** How many places of the workspace use the entry (its definitions not counted), as `capl-ids uses --json` lists them. */
function cliUseCount(constant: string): number {
  return cliJson<{ how: string }[]>('uses', constant, '--json').filter((use) => use.how !== 'declared').length;
}

/** The panel once the server has indexed the workspace: its counts of the messages the tests look at agree with the CLI's. */
async function usageLoaded(): Promise<LookupPanel> {
  await waitForServer();
  const { lookup } = await extensionApi();
  const expected = new Map(COUNTED.map((constant) => [catalogue.byConstant(constant)!, cliUseCount(constant)]));
  const disagreeing = () => [...expected].filter(([entry, count]) => lookup.usage.count(entry) !== count).map(([entry, count]) => `${entry.constant}: ${lookup.usage.count(entry)}, CLI ${count}`);
  await waitFor('the use counts of the indexed workspace', async () => (await lookup.usage.refresh()) && disagreeing().length === 0)
    .catch((error: Error) => assert.fail(`${error.message}; ${disagreeing().join('; ')}`));
  return lookup;
}

const COUNTED = ['CCS_ISO2_DC_CURRENT_DEMAND_REQ', 'CCS_ISO2_DC_CURRENT_DEMAND_RES', 'OCPP_AUTHORIZE_REQUEST_16', 'OCPP_AUTHORIZE_RESPONSE_16'];

/** The workspace's references at a use of an entry, as Find All References lists them. */
async function referencesAt(relativePath: string, lineNeedle: string, needle: string): Promise<string[]> {
  const document = (await openExample(relativePath)).document;
  const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf(document, lineNeedle, needle));
  return locations.map(locationText);
}

function locationText(location: vscode.Location): string {
  return `${vscode.workspace.asRelativePath(location.uri)}:${location.range.start.line + 1}:${location.range.start.character + 1}-${location.range.end.character + 1}`;
}

describe('lookup panel', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('capl-ids.lookup.clearSearch');
    await vscode.commands.executeCommand('capl-ids.lookup.showAllMessages');
    await closeAllEditors();
  });

  it('resolves the view with the five tables', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('capl-ids.lookup.focus');
    await waitFor('the panel view to become visible', () => api.lookup.view.visible);
    const provider = api.lookup.provider;
    const labels = provider.getChildren().map((node) => provider.getTreeItem(node).label);
    assert.deepStrictEqual(labels, ['CCS-Binding', 'Modeling Libraries', 'Vehicle States', 'Charge Point States', 'OCPP-Binding']);
    const ccsGroups = provider.getChildren(provider.getChildren()[0]).map((node) => provider.getTreeItem(node).label);
    assert.ok(ccsGroups.includes('ISO2 DC'), `CCS groups: ${ccsGroups.join(', ')}`);
  });

  it('shows a request beside its response on one row, each with how many places use it', async () => {
    const { provider } = await usageLoaded();
    const iso2Dc = messages(provider).find((node) => node.row.group === 'ISO2 DC' && node.row.label === 'CurrentDemand');
    assert.ok(iso2Dc, 'ISO2 DC has a CurrentDemand row');
    const [request, response] = [cliUseCount('CCS_ISO2_DC_CURRENT_DEMAND_REQ'), cliUseCount('CCS_ISO2_DC_CURRENT_DEMAND_RES')];
    assert.ok(request > 0 && response > 0);
    assert.strictEqual(provider.getTreeItem(iso2Dc).description, `Req 230 ×${request} · Res 231 ×${response}`);
    const ocpp = messages(provider).find((node) => node.row.table === 'ocpp' && node.row.group === 'OCPP 1.6' && node.row.label === 'Authorize');
    assert.ok(ocpp, 'OCPP 1.6 has an Authorize row');
    // The one use of 101 is an ambiguous literal, which the count includes as the hover's does; 100 is used nowhere.
    assert.deepStrictEqual([cliUseCount('OCPP_AUTHORIZE_REQUEST_16'), cliUseCount('OCPP_AUTHORIZE_RESPONSE_16')], [0, 1]);
    assert.strictEqual(provider.getTreeItem(ocpp).description, 'Request 100 · Response 101 ×1');
  });

  it('filters by number, name and constant and shows the filter', async () => {
    const api = await extensionApi();
    const { provider, view } = api.lookup;
    await vscode.commands.executeCommand('capl-ids.lookup.search', '231');
    assert.deepStrictEqual(provider.getChildren().map((node) => (node.type === 'table' ? node.table : '')), ['ccs', 'ocpp']);
    assert.ok(messages(provider).some((node) => node.row.entries.some((entry) => entry.constant === 'CCS_ISO2_DC_CURRENT_DEMAND_RES')));
    assert.ok(view.message?.includes('231'), `view message: ${view.message}`);
    assert.ok(String(view.description).includes('231'), `view description: ${view.description}`);

    await vscode.commands.executeCommand('capl-ids.lookup.search', '0xE7');
    assert.ok(messages(provider).every((node) => node.row.entries.some((entry) => entry.id === 231)));

    await vscode.commands.executeCommand('capl-ids.lookup.search', 'current demand res');
    const byName = messages(provider).flatMap((node) => node.row.entries.map((entry) => entry.constant));
    assert.ok(byName.includes('CCS_ISO2_DC_CURRENT_DEMAND_RES') && byName.includes('SCC_CURRENT_DEMAND_RES'), byName.join(', '));

    await vscode.commands.executeCommand('capl-ids.lookup.search', 'SCC_EV_STATE_CURRENT_DEMAND');
    assert.deepStrictEqual(messages(provider).map((node) => node.row.entries.map((entry) => entry.id)), [[13]]);

    await vscode.commands.executeCommand('capl-ids.lookup.clearSearch');
    assert.strictEqual(view.message, undefined);
    assert.strictEqual(provider.getChildren().length, 5);
  });

  it('shows an entry in the panel by filtering to its constant', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('capl-ids.lookup.reveal', 'SCC_SESSION_SETUP_RES');
    await waitFor('the panel to be visible', () => api.lookup.view.visible);
    assert.deepStrictEqual(messages(api.lookup.provider).map((node) => node.row.entries.map((entry) => entry.constant)), [['SCC_SESSION_SETUP_REQ', 'SCC_SESSION_SETUP_RES']]);
    assert.ok(api.lookup.view.message?.includes('SCC_SESSION_SETUP_RES'));
  });

  it('inserts a constant, a number and a group enum at the cursor', async () => {
    const api = await extensionApi();
    const editor = await openUntitled('');
    await vscode.commands.executeCommand('capl-ids.lookup.search', '231');
    const row = messages(api.lookup.provider).find((node) => node.row.table === 'ccs');
    assert.ok(row);
    // On a Req/Res row, a number filter picks the side it matches.
    await vscode.commands.executeCommand('capl-ids.lookup.insertConstant', row);
    await waitFor('the constant in the document', () => editor.document.getText() === 'CCS_ISO2_DC_CURRENT_DEMAND_RES');
    await vscode.commands.executeCommand('capl-ids.lookup.insertNumber', 'SCC_SESSION_SETUP_RES');
    await waitFor('the number in the document', () => editor.document.getText() === 'CCS_ISO2_DC_CURRENT_DEMAND_RES6');

    await editor.edit((edit) => edit.delete(new vscode.Range(0, 0, editor.document.lineCount, 0)));
    await vscode.commands.executeCommand('capl-ids.lookup.insertEnum', { type: 'group', table: 'ccs', group: 'ISO2 DC' });
    const text = await waitFor('the enum in the document', () => editor.document.getText() || undefined);
    // A new CAPL document has CANoe's CRLF line ends (the `[capl]` default of files.eol); the enum follows them.
    assert.strictEqual(editor.document.eol, vscode.EndOfLine.CRLF);
    assert.match(text, /^enum CcsIso2DcIds\r\n\{\r\n[ \t]+CCS_ISO2_DC_CABLE_CHECK_REQ = 226,\r\n/);
    assert.match(text, /\r\n[ \t]+CCS_ISO2_DC_CURRENT_DEMAND_RES = 231,\r\n/);
    assert.match(text, /\r\n[ \t]+CCS_ISO2_DC_WELDING_DETECTION_RES = 233\r\n\};\r\n$/);
    assert.strictEqual(text.match(/ = \d+/g)?.length, 8);
  });

  it('goes to the next use of a message in the current file, wrapping after the last', async () => {
    const editor = await openExample('EVSE/CcsEvseNode.can');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const goToUse = async (lineNeedle: string) => {
      const before = vscode.window.activeTextEditor?.selection;
      await vscode.commands.executeCommand('capl-ids.lookup.goToUse', 'CCS_ISO2_DC_CURRENT_DEMAND_RES');
      const active = await waitFor('the selection to move', () => {
        const current = vscode.window.activeTextEditor;
        return current && !current.selection.isEmpty && !current.selection.isEqual(before!) ? current : undefined;
      });
      assert.strictEqual(active.document.getText(active.selection), '231');
      assert.deepStrictEqual(active.selection.start, positionOf(active.document, lineNeedle, '231'));
    };
    await goToUse('SetMessageTimeout.Call(231');
    await goToUse('case 231:');
    await goToUse('SetMessageTimeout.Call(231');
  });

  it('filters to used and to never-used messages', async () => {
    const { provider, usage, view } = await usageLoaded();
    const rowConstants = () => messages(provider).map((node) => node.row.entries.map((entry) => entry.constant).join('/'));
    const allRows = rowConstants().length;

    await vscode.commands.executeCommand('capl-ids.lookup.showUsed');
    const used = rowConstants();
    assert.ok(used.includes('CCS_ISO2_DC_CURRENT_DEMAND_REQ/CCS_ISO2_DC_CURRENT_DEMAND_RES'), used.join(', '));
    assert.ok(used.includes('OCPP_AUTHORIZE_REQUEST_16/OCPP_AUTHORIZE_RESPONSE_16'), 'a row with one used side counts as used');
    assert.ok(messages(provider).every((node) => node.row.entries.some((entry) => (usage.count(entry) ?? 0) > 0)));
    assert.ok(String(view.description).includes('used'), `view description: ${view.description}`);

    await vscode.commands.executeCommand('capl-ids.lookup.showUnused');
    const unused = rowConstants();
    assert.ok(!unused.includes('CCS_ISO2_DC_CURRENT_DEMAND_REQ/CCS_ISO2_DC_CURRENT_DEMAND_RES'));
    assert.ok(messages(provider).every((node) => node.row.entries.every((entry) => usage.count(entry) === 0)));
    assert.strictEqual(used.length + unused.length, allRows);
    assert.ok(String(view.description).includes('never used'), `view description: ${view.description}`);

    // The search narrows the filtered rows further.
    await vscode.commands.executeCommand('capl-ids.lookup.search', '231');
    const unusedWith231 = messages(provider);
    assert.ok(unusedWith231.length > 0 && unusedWith231.every((node) => node.row.entries.some((entry) => entry.id === 231)), rowConstants().join(', '));
    assert.ok(!rowConstants().some((row) => row.includes('CCS_ISO2_DC_CURRENT_DEMAND_RES')));

    await vscode.commands.executeCommand('capl-ids.lookup.clearSearch');
    await vscode.commands.executeCommand('capl-ids.lookup.showAllMessages');
    assert.strictEqual(rowConstants().length, allRows);
    assert.strictEqual(view.description, undefined);
  });

  it('opens the references of a message from the panel with its uses in the workspace', async () => {
    const { provider } = await usageLoaded();
    const expected = await referencesAt('EVSE/CcsEvseNode.can', 'case 231:', '231');
    await closeAllEditors();
    const shown = await vscode.commands.executeCommand<vscode.Location[]>('capl-ids.lookup.showReferences', 'CCS_ISO2_DC_CURRENT_DEMAND_RES');
    assert.deepStrictEqual(shown.map(locationText), expected);
    assert.ok(expected.length >= cliUseCount('CCS_ISO2_DC_CURRENT_DEMAND_RES'), expected.join(', '));
    // The references UI opens in the editor of the first location.
    await waitFor('the first reference in an editor', () => vscode.window.activeTextEditor?.document.uri.toString() === shown[0].uri.toString());

    // Clicking a Req/Res row asks for the side; the request side is offered first.
    const row = messages(provider).find((node) => node.row.group === 'ISO2 DC' && node.row.label === 'CurrentDemand')!;
    const click = provider.getTreeItem(row).command!;
    assert.strictEqual(click.command, 'capl-ids.lookup.showReferences');
    const clicked = await acceptingQuickPick(() => vscode.commands.executeCommand<vscode.Location[]>(click.command, ...(click.arguments ?? [])));
    assert.deepStrictEqual(clicked.map(locationText), await referencesAt('EVSE/CcsEvseNode.can', 'LatestCall.messageID == 230', '230'));
  });

  it('copies a constant to the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('capl-ids.lookup.copyConstant', 'OCPP_AUTHORIZE_REQUEST_16');
    await waitFor('the clipboard to hold the constant', async () => (await vscode.env.clipboard.readText()) === 'OCPP_AUTHORIZE_REQUEST_16');
  });
});
