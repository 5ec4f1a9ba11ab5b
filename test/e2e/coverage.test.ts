// The coverage view: "CAPL IDs: Show Message Coverage" opens a webview with a strict CSP and
// the coverage the CLI computes for the same workspace.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { COVERAGE_VIEW_TYPE } from '../../client/src/coverageView';
import { HANDLING_KINDS } from '../../server/src/service/features/coverage';
import { cliJson, closeAllEditors, waitFor, waitForServer } from './util';

type CoverageCounts = { readonly name: string; readonly kind: string | null; readonly id: number; readonly table: string } & Readonly<Record<string, unknown>>;

interface CliCoverage {
  readonly handled: number;
  readonly total: number;
  readonly percent: number;
  readonly groups: readonly { readonly handled: number; readonly rows: readonly (readonly CoverageCounts[])[] }[];
}

/** A cell as the CLI's markdown writes it: "compared 1, timed out 2". */
function countsText(member: CoverageCounts): string {
  return HANDLING_KINDS.filter((kind) => Number(member[kind]) > 0).map((kind) => `${kind.replace('-', ' ')} ${String(member[kind])}`).join(', ') || '—';
}

describe('coverage view', () => {
  afterEach(closeAllEditors);

  it('opens a webview with a strict CSP and the coverage the CLI computes', async () => {
    await waitForServer();
    const cli = cliJson<CliCoverage>('coverage', '--format', 'json');
    assert.ok(cli.handled > 0, 'the examples handle some messages');
    // The server indexes the workspace in the background; the view shows what it has indexed.
    const panel = await waitFor('the coverage of the whole workspace', async () => {
      const shown = await vscode.commands.executeCommand<vscode.WebviewPanel | undefined>('capl-ids.showCoverage');
      return shown?.webview.html.includes(`<strong>${cli.handled} of ${cli.total} messages handled (${cli.percent}%)`) && shown;
    });
    assert.strictEqual(panel.viewType, COVERAGE_VIEW_TYPE);
    await waitFor('the coverage view to be the visible, active editor', () => panel.visible && panel.active);
    const html = panel.webview.html;

    const csp = /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-([A-Za-z0-9+/=]+)';">/.exec(html);
    assert.ok(csp, 'the page has a CSP that allows nothing but its own style sheet');
    assert.ok(html.includes(`<style nonce="${csp[1]}">`));
    assert.ok(!/<script/i.test(html), 'the page runs no script');

    const handledGroups = cli.groups.filter((group) => group.handled > 0);
    assert.strictEqual(html.match(/<table>/g)?.length, handledGroups.length, 'one table per group that handles any message');
    const [request, response] = cli.groups.flatMap((group) => group.rows).find((row) => row[0].table === 'ccs' && row[0].id === 230)!;
    const expectedRow = `<tr><td>CurrentDemand Req</td><td class="id">230</td><td>${countsText(request)}</td><td>CurrentDemand Res</td><td class="id">231</td><td>${countsText(response)}</td></tr>`;
    assert.ok(html.includes(expectedRow), `${expectedRow} in ${html.match(/<tr><td>CurrentDemand Req<\/td><td class="id">230<.*/)?.[0]}`);
  });
});
