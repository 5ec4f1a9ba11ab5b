// The "CAPL IDs" activity-bar panel: every table → group → message, a request beside its
// response on one row, a search that filters on number, name or constant, and actions on a
// message: insert its constant or number at the cursor, copy the constant, go to its use in
// the current file, insert an enum for its group, show its references in the workspace. Each
// message shows how many places use it, and the panel can narrow to used or never-used
// messages (entryUsage.ts). Theme icons only; a TreeView is keyboard
// accessible (arrows, Shift+F10 for the context menu, the keybindings in package.json).
import * as vscode from 'vscode';
import { ENTRY_USES_REQUEST, type EntryUses, type EntryUsesParams } from '../../shared/protocol';
import {
  CatalogueSearch,
  TABLES,
  TABLE_TITLES,
  catalogue,
  enumForGroup,
  enumName,
  groupsOf,
  hex,
  messageTitle,
  rowDescription,
  rowMatches,
  rowsOf,
  sideOf,
  whereLabel,
  type CatalogueEntry,
  type MessageRow,
  type TableKey,
} from './catalogueView';
import type { CaplLanguageServer } from './languageClient';
import type { EncodingGuard } from './encodingGuard';
import { EntryUsage, type UsageFilter } from './entryUsage';

export const VIEW_ID = 'capl-ids.lookup';

export interface TableNode {
  readonly type: 'table';
  readonly table: TableKey;
}
export interface GroupNode {
  readonly type: 'group';
  readonly table: TableKey;
  readonly group: string;
}
export interface MessageNode {
  readonly type: 'message';
  readonly row: MessageRow;
}
export type LookupNode = TableNode | GroupNode | MessageNode;

/** What an entry action accepts: a tree node, a catalogue entry, or a constant name (for keybindings, tests and other commands). */
export type EntryTarget = LookupNode | CatalogueEntry | string | undefined;

export class LookupTreeProvider implements vscode.TreeDataProvider<LookupNode> {
  private readonly changeEmitter = new vscode.EventEmitter<LookupNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private filterValue = new CatalogueSearch('');
  /** Bumped with every filter so expanded/collapsed state of a filtered tree starts fresh. */
  private generation = 0;
  private readonly nodes = new Map<string, TableNode | GroupNode>();
  private readonly rows = new Map<string, MessageNode[]>();

  constructor(readonly usage: EntryUsage) {
    let shownFilter = usage.filter;
    usage.onDidChange(() => {
      // New counts keep the tree's expanded state; another filter starts it fresh.
      if (usage.filter !== shownFilter) this.generation++;
      shownFilter = usage.filter;
      this.changeEmitter.fire(undefined);
    });
  }

  get filter(): CatalogueSearch {
    return this.filterValue;
  }

  setFilter(text: string): void {
    this.filterValue = new CatalogueSearch(text);
    this.generation++;
    this.changeEmitter.fire(undefined);
  }

  /** How many entries the current filter matches. */
  matchCount(): number {
    return catalogue.entries.filter((entry) => this.filterValue.matches(entry)).length;
  }

  /** Whether the search or the usage filter hides some messages. */
  get narrowed(): boolean {
    return !this.filterValue.isEmpty || this.usage.filter !== 'all';
  }

  getChildren(node?: LookupNode): LookupNode[] {
    if (!node) {
      const tables = TABLES.map((table) => this.tableNode(table));
      return this.narrowed ? tables.filter((table) => this.getChildren(table).length > 0) : tables;
    }
    if (node.type === 'table') {
      const groups = groupsOf(node.table);
      // A table without group headings (Modeling Libraries) lists its rows directly.
      if (groups.length === 1 && groups[0] === null) return this.matchingMessages(node.table, null);
      return groups
        .filter((group) => group !== null)
        .map((group) => this.groupNode(node.table, group))
        .filter((group) => !this.narrowed || this.matchingMessages(group.table, group.group).length > 0);
    }
    if (node.type === 'group') return this.matchingMessages(node.table, node.group);
    return [];
  }

  getParent(node: LookupNode): LookupNode | undefined {
    if (node.type === 'group') return this.tableNode(node.table);
    if (node.type === 'message') return node.row.group === null ? this.tableNode(node.row.table) : this.groupNode(node.row.table, node.row.group);
    return undefined;
  }

  getTreeItem(node: LookupNode): vscode.TreeItem {
    const filtered = this.narrowed;
    const expanded = filtered ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const idSuffix = filtered ? `?${this.generation}` : '';
    if (node.type === 'table') {
      const item = new vscode.TreeItem(TABLE_TITLES[node.table], expanded);
      item.id = `table:${node.table}${idSuffix}`;
      item.description = `${catalogue.inTable(node.table).length} IDs`;
      item.iconPath = new vscode.ThemeIcon('table');
      item.contextValue = 'capl-ids.table';
      item.tooltip = `${TABLE_TITLES[node.table]} (${node.table})`;
      return item;
    }
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.group, expanded);
      item.id = `group:${node.table}:${node.group}${idSuffix}`;
      item.iconPath = new vscode.ThemeIcon('symbol-enum');
      item.contextValue = 'capl-ids.group';
      item.tooltip = `${TABLE_TITLES[node.table]} · ${node.group} — enum ${enumName(node.table, node.group)}`;
      return item;
    }
    const row = node.row;
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = `message:${row.table}:${row.entries.map((entry) => entry.id).join('/')}${idSuffix}`;
    item.description = rowDescription(row, (entry) => this.usage.count(entry));
    item.command = { command: 'capl-ids.lookup.showReferences', title: 'Show References', arguments: [node] };
    item.iconPath = new vscode.ThemeIcon(row.entries.length > 1 ? 'arrow-swap' : 'symbol-constant');
    item.contextValue = 'capl-ids.message';
    item.accessibilityInformation = { label: `${row.label}, ${row.entries.map((entry) => `${sideOf(entry) ?? ''} ${entry.id}, ${entry.constant}`).join('; ')}` };
    item.tooltip = rowTooltip(row, (entry) => this.usage.count(entry));
    return item;
  }

  // One node object per table, group and row, so that getChildren and getParent agree on
  // identity, as TreeView.reveal needs.
  private tableNode(table: TableKey): TableNode {
    return cached(this.nodes, `table:${table}`, () => ({ type: 'table', table }));
  }

  private groupNode(table: TableKey, group: string): GroupNode {
    return cached(this.nodes, `group:${table}:${group}`, () => ({ type: 'group', table, group }));
  }

  private messageNodes(table: TableKey, group: string | null): MessageNode[] {
    return cached(this.rows, `${table}:${group ?? ''}`, () => rowsOf(table, group).map((row): MessageNode => ({ type: 'message', row })));
  }

  private matchingMessages(table: TableKey, group: string | null): MessageNode[] {
    return this.messageNodes(table, group).filter((message) => (this.filterValue.isEmpty || rowMatches(this.filterValue, message.row)) && this.usage.shows(message.row));
  }
}

function cached<K, V>(map: Map<K, unknown>, key: K, create: () => V): V {
  let value = map.get(key) as V | undefined;
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

function rowTooltip(row: MessageRow, useCount: UseCount): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  markdown.appendMarkdown(`**${row.label}** — ${whereLabel(row.entries[0])}\n\n`);
  for (const entry of row.entries) {
    const uses = useCount(entry);
    const where = uses === undefined ? '' : uses === 0 ? ', used nowhere in the workspace' : `, used in ${uses} ${uses === 1 ? 'place' : 'places'}`;
    markdown.appendMarkdown(`- ${sideOf(entry) ?? 'ID'} \`${entry.id}\` (\`${hex(entry.id)}\`): \`${entry.constant}\`${where}\n`);
  }
  return markdown;
}

/** The panel: its view, its search and its actions. */
export class LookupPanel implements vscode.Disposable {
  readonly usage: EntryUsage;
  readonly provider: LookupTreeProvider;
  readonly view: vscode.TreeView<LookupNode>;
  private readonly disposables: vscode.Disposable[] = [];
  /** The last text editor that had focus: the panel takes the focus, the cursor stays there. */
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor(
    private readonly server: CaplLanguageServer | undefined,
    private readonly encodingGuard: EncodingGuard,
  ) {
    this.usage = new EntryUsage(server);
    this.provider = new LookupTreeProvider(this.usage);
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.usage,
      this.usage.onDidChange(() => this.showFilterState()),
      this.view.onDidChangeVisibility(({ visible }) => this.usage.watch(visible)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.lastEditor = editor;
      }),
      vscode.commands.registerCommand('capl-ids.lookup.search', (text?: string) => this.search(text)),
      vscode.commands.registerCommand('capl-ids.lookup.clearSearch', () => this.applyFilter('')),
      vscode.commands.registerCommand('capl-ids.lookup.insertConstant', (target?: EntryTarget) => this.withEntry(target, 'Insert which constant?', (entry) => this.insert(entry.constant))),
      vscode.commands.registerCommand('capl-ids.lookup.insertNumber', (target?: EntryTarget) => this.withEntry(target, 'Insert which number?', (entry) => this.insert(String(entry.id)))),
      vscode.commands.registerCommand('capl-ids.lookup.copyConstant', (target?: EntryTarget) => this.withEntry(target, 'Copy which constant?', (entry) => this.copy(entry.constant))),
      vscode.commands.registerCommand('capl-ids.lookup.goToUse', (target?: EntryTarget) => this.withEntry(target, 'Go to the use of which message?', (entry) => this.goToUse(entry))),
      vscode.commands.registerCommand('capl-ids.lookup.insertEnum', (target?: EntryTarget) => this.insertEnum(target)),
      vscode.commands.registerCommand('capl-ids.lookup.reveal', (target?: EntryTarget) => this.reveal(target)),
      vscode.commands.registerCommand('capl-ids.lookup.showReferences', (target?: EntryTarget) => this.showReferences(target)),
      ...USAGE_COMMANDS.map(([command, filter]) => vscode.commands.registerCommand(command, () => this.usage.setFilter(filter))),
    );
    this.usage.watch(this.view.visible);
    this.showFilterState();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Asks for a search text, filtering live as it is typed; with an argument, applies it directly. */
  async search(text?: string): Promise<void> {
    if (typeof text === 'string') {
      this.applyFilter(text);
      return;
    }
    const previous = this.provider.filter.text;
    // Show the panel first, so the tree filters visibly while typing.
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    const input = vscode.window.createInputBox();
    input.title = 'Search message IDs';
    input.placeholder = 'A number (231, 0xE7), a name (CurrentDemand Res) or a constant (CCS_ISO2_DC_CURRENT_DEMAND_RES)';
    input.value = previous;
    let accepted = false;
    input.onDidChangeValue((value) => {
      this.applyFilter(value);
      input.validationMessage = this.provider.filter.isEmpty || this.provider.matchCount() > 0 ? undefined : 'No message ID matches';
    });
    input.onDidAccept(() => {
      accepted = true;
      input.hide();
    });
    await new Promise<void>((resolve) => {
      input.onDidHide(() => {
        if (!accepted) this.applyFilter(previous);
        input.dispose();
        resolve();
      });
      input.show();
    });
    // Keyboard focus into the filtered (expanded) tree.
    if (accepted) await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  applyFilter(text: string): void {
    this.provider.setFilter(text);
    this.showFilterState();
  }

  private showFilterState(): void {
    const filter = this.provider.filter;
    void vscode.commands.executeCommand('setContext', 'capl-ids.lookup.filtered', !filter.isEmpty);
    const usage = USAGE_LABELS[this.usage.filter];
    const search = filter.isEmpty ? undefined : `“${filter.text.trim()}”`;
    this.view.description = [search, usage].filter((part) => part !== undefined).join(' · ') || undefined;
    if (filter.isEmpty) {
      this.view.message = usage && `Showing ${usage} messages`;
      return;
    }
    const count = this.provider.matchCount();
    this.view.message = `Filter ${search}: ${count === 0 ? 'no' : count} ${count === 1 ? 'entry' : 'entries'}${usage ? `, showing ${usage} messages` : ''}`;
  }

  /**
   * Shows an entry in the panel (used by the ID lookup command): filters the tree to its
   * constant, which expands the path to its row, and focuses the view. (A filter rather than
   * TreeView.reveal: revealing right after the tree's ids change renders rows under the
   * wrong parent in VS Code 1.100.)
   */
  async reveal(target: EntryTarget): Promise<void> {
    const entry = typeof target === 'string' ? catalogue.byConstant(target) : target && 'constant' in target ? target : undefined;
    if (!entry) return;
    this.applyFilter(entry.constant);
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  /** Resolves the entry an action applies to; on a Req/Res row, the side the filter matches, else asks. */
  private async withEntry(target: EntryTarget, question: string, action: (entry: CatalogueEntry) => unknown): Promise<CatalogueEntry | undefined> {
    const entry = await this.resolveEntry(target, question);
    if (entry) await action(entry);
    return entry;
  }

  private async resolveEntry(target: EntryTarget, question: string): Promise<CatalogueEntry | undefined> {
    if (typeof target === 'string') return catalogue.byConstant(target);
    const node = target ?? this.view.selection[0];
    if (!node) {
      void vscode.window.showInformationMessage('Select a message in the CAPL IDs panel first.');
      return undefined;
    }
    if ('constant' in node) return node;
    if (node.type !== 'message') return undefined;
    const entries = node.row.entries;
    if (entries.length === 1) return entries[0];
    const matching = entries.filter((entry) => this.provider.filter.id !== undefined && this.provider.filter.matches(entry));
    if (matching.length === 1) return matching[0];
    const picked = await vscode.window.showQuickPick(
      entries.map((entry) => ({ label: `${sideOf(entry) ?? ''} ${entry.id}`.trim(), description: entry.constant, entry })),
      { title: `${node.row.label}: ${question}` },
    );
    return picked?.entry;
  }

  /** Opens the references view on a message's uses in the workspace; the locations it shows. */
  async showReferences(target: EntryTarget): Promise<vscode.Location[]> {
    const entry = await this.resolveEntry(target, 'Show the references of which message?');
    return entry ? this.usage.showReferences(entry) : [];
  }

  private targetEditor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    const last = this.lastEditor;
    if (last && vscode.window.visibleTextEditors.includes(last)) return last;
    return undefined;
  }

  private async insert(text: string): Promise<boolean> {
    const editor = this.targetEditor();
    if (!editor) {
      void vscode.window.showInformationMessage(`Open a CAPL file to insert ${text}.`);
      return false;
    }
    if (!(await this.encodingGuard.allowsEdits(editor.document))) return false;
    const done = await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, text);
    });
    if (done) await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    return done;
  }

  private async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied ${text}`, 3000);
  }

  private async insertEnum(target: EntryTarget): Promise<void> {
    const where = this.groupOf(target);
    if (!where) {
      void vscode.window.showInformationMessage('Select a group or a message in the CAPL IDs panel first.');
      return;
    }
    const { table, group } = where;
    const editor = this.targetEditor();
    if (!editor) {
      void vscode.window.showInformationMessage('Open a CAPL file to insert the enum.');
      return;
    }
    const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const indent = editor.options.insertSpaces === false ? '\t' : ' '.repeat(Number(editor.options.tabSize) || 2);
    await this.insert(enumForGroup(table, group, indent, eol));
  }

  private groupOf(target: EntryTarget): { table: TableKey; group: string | null } | undefined {
    const node = target ?? this.view.selection[0];
    if (typeof node === 'string') return catalogue.byConstant(node);
    if (!node) return undefined;
    if ('constant' in node) return node;
    if (node.type === 'group') return node;
    if (node.type === 'message') return node.row;
    return undefined;
  }

  /**
   * Moves the cursor to the next use of the message in the current file (after the cursor,
   * wrapping), as the language server finds them: the ID literals it judged to be this
   * entry, and its constant.
   */
  async goToUse(entry: CatalogueEntry): Promise<vscode.Range | undefined> {
    const editor = this.targetEditor();
    if (!editor) {
      void vscode.window.showInformationMessage('Open a CAPL file to find uses of a message ID.');
      return undefined;
    }
    const client = await this.server?.whenRunning();
    if (!client) {
      void vscode.window.showErrorMessage('Finding the uses of a message ID needs the CAPL IDs language server, which is not running. See "CAPL IDs: Show Server Output".');
      return undefined;
    }
    const document = editor.document;
    const params: EntryUsesParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) }, entry: { table: entry.table, id: entry.id } };
    const uses = (await client.sendRequest<EntryUses>(ENTRY_USES_REQUEST, params)).map((range) => client.protocol2CodeConverter.asRange(range));
    if (uses.length === 0) {
      void vscode.window.showInformationMessage(`${messageTitle(entry)} (${entry.id}, ${entry.constant}) is not used in ${vscode.workspace.asRelativePath(document.uri)}.`);
      return undefined;
    }
    const cursor = editor.selection.active;
    const next = uses.find((range) => range.start.isAfter(cursor)) ?? uses[0];
    const shown = await vscode.window.showTextDocument(document, editor.viewColumn);
    shown.selection = new vscode.Selection(next.start, next.end);
    shown.revealRange(next, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    vscode.window.setStatusBarMessage(`${entry.constant}: use ${uses.indexOf(next) + 1} of ${uses.length}`, 4000);
    return next;
  }
}

type UseCount = (entry: CatalogueEntry) => number | undefined;

const USAGE_COMMANDS: readonly (readonly [string, UsageFilter])[] = [
  ['capl-ids.lookup.showUsed', 'used'],
  ['capl-ids.lookup.showUnused', 'unused'],
  ['capl-ids.lookup.showAllMessages', 'all'],
];

const USAGE_LABELS: Record<UsageFilter, string | undefined> = { all: undefined, used: 'used', unused: 'never used' };

export function activate(context: vscode.ExtensionContext, server: CaplLanguageServer | undefined, encodingGuard: EncodingGuard): LookupPanel {
  const panel = new LookupPanel(server, encodingGuard);
  context.subscriptions.push(panel);
  return panel;
}
