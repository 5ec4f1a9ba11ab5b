// Palette commands: look up an ID across every table, generate the constants include file
// (done by the server), toggle inlay hints, show the server's output, restart the server.
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { GENERATE_CONSTANTS_COMMAND, type GenerateConstantsArguments, type GenerateConstantsResult } from '../../shared/protocol';
import { CatalogueSearch, TABLES, TABLE_TITLES, catalogue, hex, messageTitle, whereLabel, type CatalogueEntry, type TableKey } from './catalogueView';
import { chooseConstantsTarget } from './constantsTarget';
import type { CaplLanguageServer } from './languageClient';
import type { StatusItems } from './statusItem';

export type LookupAction = 'insertConstant' | 'insertNumber' | 'copyConstant' | 'reveal' | 'goToUse';

const ACTIONS: readonly { action: LookupAction; label: string; command: string }[] = [
  { action: 'insertConstant', label: '$(insert) Insert constant at cursor', command: 'capl-ids.lookup.insertConstant' },
  { action: 'insertNumber', label: '$(symbol-numeric) Insert number at cursor', command: 'capl-ids.lookup.insertNumber' },
  { action: 'copyConstant', label: '$(copy) Copy constant', command: 'capl-ids.lookup.copyConstant' },
  { action: 'goToUse', label: '$(search) Go to its use in the current file', command: 'capl-ids.lookup.goToUse' },
  { action: 'reveal', label: '$(list-tree) Show in the CAPL IDs panel', command: 'capl-ids.lookup.reveal' },
];

function isLookupAction(value: unknown): value is LookupAction {
  return ACTIONS.some((candidate) => candidate.action === value);
}

const OPEN_FILE = 'Open File';

/** A file named by a command argument (a URI or its string); menus pass other things, which are ignored. */
function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  return typeof value === 'string' ? vscode.Uri.parse(value) : undefined;
}

interface EntryItem extends vscode.QuickPickItem {
  readonly entry?: CatalogueEntry;
}

export class Commands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly server: CaplLanguageServer,
    private readonly status: StatusItems | undefined,
  ) {
    this.disposables = [
      // Menus pass their own arguments (the editor context menu passes the document's URI):
      // only strings are taken as a query, an action or a document.
      vscode.commands.registerCommand('capl-ids.lookupId', (query?: unknown, action?: unknown) =>
        this.lookupId(typeof query === 'string' ? query : undefined, isLookupAction(action) ? action : undefined),
      ),
      vscode.commands.registerCommand('capl-ids.generateConstants', (target?: unknown) => this.generateConstants(asUri(target))),
      vscode.commands.registerCommand('capl-ids.toggleInlayHints', () => this.toggleInlayHints()),
      vscode.commands.registerCommand('capl-ids.showServerOutput', () => server.output.show(true)),
      vscode.commands.registerCommand('capl-ids.restartServer', () => server.restart()),
    ];
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  /**
   * A quick pick over every entry of every table (the active file's tables first), typed
   * into by number, name or constant; then what to do with the chosen entry. `query`
   * pre-fills the search (default: the number or constant under the cursor); `action` skips
   * the second question. Resolves with the chosen entry.
   */
  async lookupId(query?: string, action?: LookupAction): Promise<CatalogueEntry | undefined> {
    const entry = await this.pickEntry(query ?? this.wordAtCursor());
    if (!entry) return undefined;
    const chosen = action ? ACTIONS.find((candidate) => candidate.action === action) : await this.pickAction(entry);
    if (chosen) await vscode.commands.executeCommand(chosen.command, entry);
    return entry;
  }

  private async pickEntry(query: string | undefined): Promise<CatalogueEntry | undefined> {
    const picker = vscode.window.createQuickPick<EntryItem>();
    picker.title = 'Look up a Smart Charging message ID';
    picker.placeholder = 'Number (231, 0xE7), name (CurrentDemand Res) or constant';
    // The catalogue's own search decides what is shown (words in any order, kinds as words),
    // as in the panel; the quick pick's fuzzy match on labels would miss "current demand res".
    const items = this.entryItems();
    const showMatching = () => {
      picker.items = matchingItems(items, new CatalogueSearch(picker.value));
    };
    picker.value = query ?? '';
    showMatching();
    return new Promise<CatalogueEntry | undefined>((resolve) => {
      let picked: CatalogueEntry | undefined;
      picker.onDidChangeValue(showMatching);
      picker.onDidAccept(() => {
        picked = picker.selectedItems[0]?.entry ?? picker.activeItems[0]?.entry;
        picker.hide();
      });
      picker.onDidHide(() => {
        picker.dispose();
        resolve(picked);
      });
      picker.show();
    });
  }

  private entryItems(): EntryItem[] {
    const document = vscode.window.activeTextEditor?.document;
    const contextTables = (document && this.status?.contextOf(document.uri)?.tables) ?? [];
    const order = [...TABLES].sort((a, b) => rank(a) - rank(b));
    function rank(table: TableKey): number {
      const index = contextTables.indexOf(table);
      return index === -1 ? contextTables.length + TABLES.indexOf(table) : index;
    }
    const items: EntryItem[] = [];
    for (const table of order) {
      items.push({ label: TABLE_TITLES[table] + (contextTables.includes(table) ? ' (this file)' : ''), kind: vscode.QuickPickItemKind.Separator });
      for (const entry of catalogue.inTable(table)) {
        items.push({
          label: `${entry.id}  ${messageTitle(entry)}`,
          description: entry.constant,
          detail: `${whereLabel(entry)} · ${hex(entry.id)}`,
          entry,
        });
      }
    }
    return items;
  }

  private async pickAction(entry: CatalogueEntry): Promise<(typeof ACTIONS)[number] | undefined> {
    return vscode.window.showQuickPick(ACTIONS, { title: `${messageTitle(entry)} · ${entry.id} · ${entry.constant}`, placeHolder: 'What to do with it' });
  }

  /** A number literal or constant-like word under the cursor of the active editor. */
  private wordAtCursor(): string | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    if (!editor.selection.isEmpty) return editor.document.getText(editor.selection).trim() || undefined;
    const range = editor.document.getWordRangeAtPosition(editor.selection.active, /0[xX][0-9A-Fa-f]+|\d+|[A-Za-z_][A-Za-z0-9_]*/);
    const word = range && editor.document.getText(range);
    if (!word) return undefined;
    return /^(0x[0-9a-f]+|\d+)$/i.test(word) || catalogue.byConstant(word) ? word : undefined;
  }

  /**
   * Asks where to write the constants include file (unless `target` says), has the server
   * write it there, and confirms with a notification that can open it. Resolves with the file
   * written.
   */
  async generateConstants(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const client = await this.server.whenRunning();
    if (!client) {
      void vscode.window.showErrorMessage('Generating the constants file needs the CAPL IDs language server, which is not running. See "CAPL IDs: Show Server Output".');
      return undefined;
    }
    const active = vscode.window.activeTextEditor?.document;
    const capl = active?.languageId === 'capl' ? active : undefined;
    const chosen = target ?? (await chooseConstantsTarget(capl));
    if (!chosen) return undefined;
    const forDocument = capl ? client.code2ProtocolConverter.asUri(capl.uri) : undefined;
    let result: GenerateConstantsResult | null | undefined;
    try {
      const args: GenerateConstantsArguments = [forDocument, client.code2ProtocolConverter.asUri(chosen)];
      result = await client.sendRequest(ExecuteCommandRequest.type, { command: GENERATE_CONSTANTS_COMMAND, arguments: args });
    } catch (error) {
      void vscode.window.showErrorMessage(`Generating the constants file failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    if (!result?.uri) {
      // The server has shown why (e.g. a user's file of that name that it will not replace).
      this.server.output.warn(`Constants file not generated${result?.error ? `: ${result.error}` : ''}`);
      return undefined;
    }
    const written = client.protocol2CodeConverter.asUri(result.uri);
    const document = await vscode.workspace.openTextDocument(written);
    // The server may deliver the file as a workspace edit, which leaves it unsaved.
    if (document.isDirty) await document.save();
    void vscode.window.showInformationMessage(`Wrote ${vscode.workspace.asRelativePath(written)}: every Smart Charging message ID as a constant. #include it where you use them.`, OPEN_FILE).then((choice) => {
      if (choice === OPEN_FILE) void vscode.window.showTextDocument(written, { preview: false });
    });
    return written;
  }

  /** Flips `capl-ids.inlayHints` between "off" and "on" where it is set (workspace folder, workspace, else user). */
  async toggleInlayHints(): Promise<string> {
    const config = vscode.workspace.getConfiguration('capl-ids', vscode.window.activeTextEditor?.document);
    const current = config.get<string>('inlayHints', 'on');
    const next = current === 'off' ? 'on' : 'off';
    const inspected = config.inspect<string>('inlayHints');
    const target =
      inspected?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : inspected?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    await config.update('inlayHints', next, target);
    vscode.window.setStatusBarMessage(`CAPL IDs inlay hints: ${next}`, 3000);
    return next;
  }
}

/** The entries the search matches, each shown whatever the quick pick's own filter thinks, under the separators of their tables. */
function matchingItems(items: readonly EntryItem[], search: CatalogueSearch): EntryItem[] {
  const shown: EntryItem[] = [];
  let separator: EntryItem | undefined;
  for (const item of items) {
    if (!item.entry) separator = item;
    else if (search.matches(item.entry)) {
      if (separator) shown.push(separator);
      separator = undefined;
      shown.push({ ...item, alwaysShow: true });
    }
  }
  return shown;
}

export function activate(context: vscode.ExtensionContext, server: CaplLanguageServer, status: StatusItems | undefined): Commands {
  const commands = new Commands(server, status);
  context.subscriptions.push(commands);
  return commands;
}
