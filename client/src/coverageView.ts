// "CAPL IDs: Show Message Coverage": the coverage report of `capl-ids coverage`, computed by
// the language server from its uses index, shown in a webview that runs no script and loads
// nothing (its CSP allows only the one inline style sheet, by nonce).
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { COVERAGE_REQUEST, type CoverageParams, type CoverageReport } from '../../shared/protocol';
import { entryPlace, TABLE_TITLES, type EntryCoverage } from '../../server/src/service';
import { messageTitle } from './catalogueView';
import type { CaplLanguageServer } from './languageClient';

export const COVERAGE_VIEW_TYPE = 'capl-ids.coverage';

export class CoverageView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly command: vscode.Disposable;

  constructor(private readonly server: CaplLanguageServer | undefined) {
    this.command = vscode.commands.registerCommand('capl-ids.showCoverage', () => this.show());
  }

  dispose(): void {
    this.command.dispose();
    this.panel?.dispose();
  }

  /** Asks the server for the coverage and shows it (in the open coverage view, if there is one); the view, or undefined without a server. */
  async show(): Promise<vscode.WebviewPanel | undefined> {
    const client = await this.server?.whenRunning();
    if (!client) {
      void vscode.window.showErrorMessage('The message coverage needs the CAPL IDs language server, which is not running. See "CAPL IDs: Show Server Output".');
      return undefined;
    }
    const params: CoverageParams = {};
    const report = await client.sendRequest<CoverageReport>(COVERAGE_REQUEST, params);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(COVERAGE_VIEW_TYPE, 'Message ID Coverage', vscode.ViewColumn.Active, { enableScripts: false, localResourceRoots: [] });
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    this.panel.webview.html = coverageHtml(report, randomBytes(16).toString('base64'));
    this.panel.reveal();
    return this.panel;
  }
}

/** The page: a summary, one table per group the workspace handles any of, the half-handled pairs. */
export function coverageHtml(report: CoverageReport, nonce: string): string {
  const tables = report.tables.map((table) => TABLE_TITLES[table]).join(', ') || 'no table';
  const percent = report.total === 0 ? 100 : Math.round((1000 * report.handled) / report.total) / 10;
  const handledGroups = report.groups.filter((group) => group.handled > 0);
  const untouched = report.groups.filter((group) => group.handled === 0).map((group) => entryPlace(group.rows[0][0].entry));
  const sections = handledGroups.map((group) => `
<h2>${escape(entryPlace(group.rows[0][0].entry))} — ${group.handled} of ${group.total}</h2>
<table>
<thead><tr><th>message</th><th>ID</th><th>handled</th><th>pair</th><th>ID</th><th>handled</th></tr></thead>
<tbody>
${group.rows.map((row) => `<tr>${[row[0], row[1]].map(cells).join('')}</tr>`).join('\n')}
</tbody>
</table>`);
  const halfHandled = report.halfHandled.length === 0 ? '' : `
<h2>Handled, but never its pair</h2>
<ul>
${report.halfHandled.map(([handled, never]) => `<li>${escape(messageTitle(handled.entry))} (${handled.entry.id}) but not ${escape(messageTitle(never.entry))} (${never.entry.id}) — ${escape(entryPlace(handled.entry))}</li>`).join('\n')}
</ul>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Message ID Coverage</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
table { border-collapse: collapse; margin-bottom: 1em; }
th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; text-align: left; }
td.id { text-align: right; font-family: var(--vscode-editor-font-family); }
td.never { color: var(--vscode-disabledForeground); }
</style>
</head>
<body>
<h1>Message ID coverage</h1>
<p><strong>${report.handled} of ${report.total} messages handled (${percent}%) in ${escape(tables)}</strong></p>
${sections.join('\n')}
${untouched.length > 0 ? `<p>Never handled: ${escape(untouched.join(', '))}.</p>` : ''}
${halfHandled}
</body>
</html>
`;
}

function cells(member: EntryCoverage | undefined): string {
  if (!member) return '<td></td><td></td><td></td>';
  // The server lists the kinds in the CLI's order.
  const counts = Object.entries(member.counts).filter(([, count]) => count > 0).map(([kind, count]) => `${kind.replace('-', ' ')} ${count}`).join(', ');
  return `<td>${escape(messageTitle(member.entry))}</td><td class="id">${member.entry.id}</td><td${counts ? '' : ' class="never"'}>${counts || '—'}</td>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function activate(context: vscode.ExtensionContext, server: CaplLanguageServer | undefined): CoverageView {
  const view = new CoverageView(server);
  context.subscriptions.push(view);
  return view;
}
