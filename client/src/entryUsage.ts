// How much the workspace uses each message, for the CAPL IDs panel: the counts come from the
// language server's uses index (one request), the panel can narrow to used or never-used
// messages, and a message's references open in the editor's own references UI.
import * as vscode from 'vscode';
import {
  ENTRY_REFERENCES_REQUEST, ENTRY_USE_COUNTS_REQUEST,
  type EntryReferences, type EntryReferencesParams, type EntryUseCounts,
} from '../../shared/protocol';
import { messageTitle, type CatalogueEntry, type MessageRow } from './catalogueView';
import type { CaplLanguageServer } from './languageClient';

export const USAGE_FILTERS = ['all', 'used', 'unused'] as const;
export type UsageFilter = (typeof USAGE_FILTERS)[number];

/** Edits come in bursts; the counts follow once typing pauses. */
const REFRESH_DELAY_MS = 500;

export class EntryUsage implements vscode.Disposable {
  private counts: Map<string, number> | undefined;
  private filterValue: UsageFilter = 'all';
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** The counts or the filter changed. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Whether the panel shows the counts: only then do edits fetch them again. */
  private watching = false;

  constructor(private readonly server: CaplLanguageServer | undefined) {
    const later = () => this.scheduleRefresh();
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument(later),
      vscode.workspace.onDidSaveTextDocument(later),
      vscode.workspace.onDidCreateFiles(later),
      vscode.workspace.onDidDeleteFiles(later),
      ...(server ? [server.onDidChangeState((state) => state === 'running' && later())] : []),
    );
    this.showFilterState();
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  get filter(): UsageFilter {
    return this.filterValue;
  }

  /** Follows the workspace's edits while the panel is visible; fetches the counts when it becomes visible. */
  watch(visible: boolean): void {
    this.watching = visible;
    if (visible) void this.refresh();
  }

  /** Whether the counts have arrived from the server. */
  get loaded(): boolean {
    return this.counts !== undefined;
  }

  setFilter(filter: UsageFilter): void {
    this.filterValue = filter;
    this.showFilterState();
    this.changeEmitter.fire();
    if (filter !== 'all' && !this.loaded) void this.refresh();
  }

  /** How many places use the entry; undefined until the server has answered. */
  count(entry: CatalogueEntry): number | undefined {
    return this.counts && (this.counts.get(keyOf(entry)) ?? 0);
  }

  /** Whether the row passes the filter: a used row has a used entry; a never-used row has none. Everything passes before the counts arrive. */
  shows(row: MessageRow): boolean {
    if (this.filterValue === 'all' || !this.counts) return true;
    const used = row.entries.some((entry) => (this.count(entry) ?? 0) > 0);
    return this.filterValue === 'used' ? used : !used;
  }

  /** Asks the server for the counts again; false when no server runs. */
  async refresh(): Promise<boolean> {
    const client = await this.server?.whenRunning();
    if (!client) return false;
    const counts = await client.sendRequest<EntryUseCounts>(ENTRY_USE_COUNTS_REQUEST);
    this.counts = new Map(counts.map((count) => [keyOf(count), count.uses]));
    this.changeEmitter.fire();
    return true;
  }

  /** Opens the references of the entry in the editor's references UI; the locations it shows. */
  async showReferences(entry: CatalogueEntry): Promise<vscode.Location[]> {
    const client = await this.server?.whenRunning();
    if (!client) {
      void vscode.window.showErrorMessage('Finding the uses of a message ID needs the CAPL IDs language server, which is not running. See "CAPL IDs: Show Server Output".');
      return [];
    }
    const params: EntryReferencesParams = { entry: { table: entry.table, id: entry.id } };
    const locations = (await client.sendRequest<EntryReferences>(ENTRY_REFERENCES_REQUEST, params)).map((location) => client.protocol2CodeConverter.asLocation(location));
    if (locations.length === 0) {
      void vscode.window.showInformationMessage(`${messageTitle(entry)} (${entry.id}, ${entry.constant}) is used nowhere in the workspace.`);
      return [];
    }
    const [first] = locations;
    await vscode.commands.executeCommand('editor.action.showReferences', first.uri, first.range.start, locations);
    return locations;
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    if (!this.watching) return;
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private showFilterState(): void {
    void vscode.commands.executeCommand('setContext', 'capl-ids.lookup.usageFilter', this.filterValue);
  }
}

function keyOf(entry: { table: string; id: number }): string {
  return `${entry.table}:${entry.id}`;
}
