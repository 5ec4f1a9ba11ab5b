// The coverage view: "CAPL IDs: Show Message Coverage" opens a webview with a strict CSP and
// the coverage the CLI computes for the same workspace.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { COVERAGE_VIEW_TYPE } from '../../client/src/coverageView';
import { EXTENSION_ID, closeAllEditors, waitFor, waitForServer, workspaceRoot } from './util';

interface CliCoverage {
  readonly handled: number;
  readonly total: number;
  readonly percent: number;
  readonly groups: readonly { readonly handled: number; readonly total: number }[];
}

/** What `capl-ids coverage --format json` reports for the workspace. */
function cliCoverage(): CliCoverage {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
  return JSON.parse(execFileSync(process.execPath, [cli, 'coverage', workspaceRoot().fsPath, '--format', 'json'], { encoding: 'utf8' })) as CliCoverage;
}

describe('coverage view', () => {
  afterEach(closeAllEditors);

  it('opens a webview with a strict CSP and the coverage the CLI computes', async () => {
    await waitForServer();
    const cli = cliCoverage();
    assert.ok(cli.handled > 0, 'the examples handle some messages');
    // The server indexes the workspace in the background; the view shows what it has indexed.
    const html = await waitFor('the coverage of the whole workspace', async () => {
      const panel = await vscode.commands.executeCommand<vscode.WebviewPanel | undefined>('capl-ids.showCoverage');
      const text = panel?.webview.html;
      return text?.includes(`<strong>${cli.handled} of ${cli.total} messages handled (${cli.percent}%)`) ? text : undefined;
    });
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(COVERAGE_VIEW_TYPE), `active tab: ${tab?.label}`);

    const csp = /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-([A-Za-z0-9+/=]+)';">/.exec(html);
    assert.ok(csp, 'the page has a CSP that allows nothing but its own style sheet');
    assert.ok(html.includes(`<style nonce="${csp[1]}">`));
    assert.ok(!/<script/i.test(html), 'the page runs no script');

    const handledGroups = cli.groups.filter((group) => group.handled > 0);
    assert.strictEqual(html.match(/<table>/g)?.length, handledGroups.length, 'one table per group that handles any message');
    // The row the CLI's markdown prints as | CurrentDemand Req | 230 | compared 1, other 1 | CurrentDemand Res | 231 | compared 1, switched 1, timed out 1 |
    assert.ok(html.includes('<tr><td>CurrentDemand Req</td><td class="id">230</td><td>compared 1, other 1</td><td>CurrentDemand Res</td><td class="id">231</td><td>compared 1, switched 1, timed out 1</td></tr>'), 'the ISO2 DC CurrentDemand row');
  });
});
