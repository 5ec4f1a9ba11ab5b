// Language status items for CAPL files: the server's state, and the table context the
// server detected for the active file (custom request `capl-ids/fileContext`; a server that
// does not implement it is shown as such, not as an error).
import * as vscode from 'vscode';
import { FILE_CONTEXT_REQUEST, type FileContext, type FileContextParams } from '../../shared/protocol';
import { TABLE_TITLES } from './catalogueView';
import type { CaplLanguageServer, ServerState } from './languageClient';

const METHOD_NOT_FOUND = -32601;

export class StatusItems implements vscode.Disposable {
  private readonly serverItem = vscode.languages.createLanguageStatusItem('capl-ids.server', { language: 'capl' });
  private readonly contextItem = vscode.languages.createLanguageStatusItem('capl-ids.fileContext', { language: 'capl' });
  private readonly disposables: vscode.Disposable[] = [];
  private readonly contexts = new Map<string, FileContext>();
  /** False once the server answered "method not found"; asked again after a restart. */
  private contextSupported = true;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshGeneration = 0;

  constructor(private readonly server: CaplLanguageServer) {
    this.serverItem.name = 'CAPL IDs Language Server';
    this.contextItem.name = 'CAPL IDs Table Context';
    this.contextItem.text = '$(symbol-numeric) Tables: —';
    this.disposables.push(
      this.serverItem,
      this.contextItem,
      server.onDidChangeState((state) => {
        if (state === 'starting') this.contextSupported = true;
        this.showServerState(state);
        this.scheduleRefresh(0);
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.scheduleRefresh(0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.scheduleRefresh(500);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('capl-ids')) this.scheduleRefresh(200);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.contexts.delete(document.uri.toString())),
    );
    this.showServerState(server.state);
    this.scheduleRefresh(0);
  }

  /** The last table context the server reported for a document, if any. */
  contextOf(uri: vscode.Uri): FileContext | undefined {
    return this.contexts.get(uri.toString());
  }

  /** Asks the server for a document's table context now (undefined when it cannot answer). */
  async requestContext(document: vscode.TextDocument): Promise<FileContext | undefined> {
    const client = this.server.languageClient;
    if (!client || !this.contextSupported || document.languageId !== 'capl') return undefined;
    try {
      const uri = client.code2ProtocolConverter.asUri(document.uri);
      const params: FileContextParams = { textDocument: { uri } };
      const answer = await client.sendRequest<FileContext | null>(FILE_CONTEXT_REQUEST, params);
      if (!answer || !Array.isArray(answer.tables)) return undefined;
      this.contexts.set(document.uri.toString(), answer);
      return answer;
    } catch (error) {
      if ((error as { code?: number }).code === METHOD_NOT_FOUND) {
        this.contextSupported = false;
        this.server.output.info(`The server does not answer ${FILE_CONTEXT_REQUEST}; the table context is not shown.`);
      } else {
        this.server.output.debug(`${FILE_CONTEXT_REQUEST} failed: ${String(error)}`);
      }
      return undefined;
    }
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private showServerState(state: ServerState): void {
    const item = this.serverItem;
    item.busy = state === 'starting';
    item.severity = vscode.LanguageStatusSeverity.Information;
    item.detail = undefined;
    item.command = { title: 'Show Output', command: 'capl-ids.showServerOutput' };
    switch (state) {
      case 'running':
        item.text = '$(check) CAPL IDs';
        item.detail = 'language server running';
        break;
      case 'starting':
        item.text = 'CAPL IDs';
        item.detail = 'language server starting';
        break;
      case 'stopped':
        item.text = '$(circle-slash) CAPL IDs';
        item.detail = 'language server stopped';
        item.command = { title: 'Restart', command: 'capl-ids.restartServer' };
        break;
      case 'unavailable':
        item.text = '$(warning) CAPL IDs';
        item.detail = 'no language server (dist/server.js missing): lookup only';
        item.severity = vscode.LanguageStatusSeverity.Warning;
        break;
      case 'failed':
        item.text = '$(error) CAPL IDs';
        item.detail = 'language server failed';
        item.severity = vscode.LanguageStatusSeverity.Error;
        item.command = { title: 'Restart', command: 'capl-ids.restartServer' };
        break;
    }
    item.accessibilityInformation = { label: `CAPL IDs: ${item.detail ?? state}` };
  }

  private scheduleRefresh(delayMs: number): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refreshContext(), delayMs);
  }

  private async refreshContext(): Promise<void> {
    const generation = ++this.refreshGeneration;
    const document = vscode.window.activeTextEditor?.document;
    const item = this.contextItem;
    item.command = { title: 'Open Lookup', command: 'capl-ids.lookup.focus' };
    if (!document || document.languageId !== 'capl') return;
    const context = await this.requestContext(document);
    if (generation !== this.refreshGeneration) return;
    if (!context) {
      item.text = '$(symbol-numeric) Tables: —';
      item.detail = this.server.state !== 'running' ? 'needs the language server' : this.contextSupported ? 'not known yet' : 'not reported by this server';
      return;
    }
    item.text = `$(symbol-numeric) ${context.tables.length === 0 ? 'No table context' : context.tables.map((table) => TABLE_TITLES[table] ?? table).join(', ')}`;
    const details = [
      context.node ? `${context.node} node${context.nodeReason ? ` (${context.nodeReason})` : ''}` : undefined,
      context.ambiguous ? `${context.ambiguous} ambiguous` : undefined,
    ].filter((part) => part !== undefined);
    item.detail = details.length > 0 ? details.join(' · ') : 'detected table context';
  }
}

export function activate(context: vscode.ExtensionContext, server: CaplLanguageServer): StatusItems {
  const items = new StatusItems(server);
  context.subscriptions.push(items);
  return items;
}
