import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  COVERAGE_REQUEST, ENTRY_REFERENCES_REQUEST, ENTRY_USE_COUNTS_REQUEST, ENTRY_USES_REQUEST, FILE_CONTEXT_REQUEST, GENERATE_CONSTANTS_COMMAND,
  type CoverageParams, type CoverageReport, type EntryReferences, type EntryReferencesParams, type EntryUseCounts, type EntryUses, type EntryUsesParams,
  type FileContext, type FileContextParams,
} from '../../shared/protocol';
import { changedRange } from './documentChanges';
import { createLanguageService, FIX_ALL_KIND, GENERATE_CONSTANTS_KIND, readSettings, type RenameRefusal, type TextChange } from './service';
import { generateConstantsFile } from './constantsCommand';
import { CAPL_FILE, findCaplFiles, readCaplFile } from './files/caplFiles';
import { HeapCollection } from './heapCollection';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The LSP wiring: every request goes to the language service; nothing else lives here. */
const connection = createConnection(ProposedFeatures.all);
const service = createLanguageService({ onFactsChanged: () => scheduleRefresh() });
/** Per document, where its last update changed it, as the editor said (the index need not compare the texts). */
const updatedRanges = new Map<string, TextChange>();
const documents = new TextDocuments<TextDocument>({
  // A document opened as it is on disk shares the index's string of it: a large file is held once, not twice.
  create: (uri, languageId, version, content) => {
    const indexed = service.documentText(uri);
    return TextDocument.create(uri, languageId, version, indexed === content ? indexed : content);
  },
  update: (document, changes, version) => {
    const changed = changedRange(document, changes, version);
    if (changed) updatedRanges.set(document.uri, changed);
    else updatedRanges.delete(document.uri);
    return document;
  },
});

const heapCollection = new HeapCollection(100, 8 * 1024 * 1024);
/** A document this long (UTF-16 units) leaves megabytes of garbage when it is opened and analysed. */
const LARGE_DOCUMENT = 1_000_000;

let pullDiagnostics = false;
let configurationRequests = false;
let watchedFilesRegistration = false;
let diagnosticsRefresh = false;
let inlayHintRefresh = false;
let workspaceFolders: string[] = [];
let indexingCancelled = false;
let initialized = false;
let clientCreatesFiles = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const capabilities = params.capabilities;
  pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
  configurationRequests = capabilities.workspace?.configuration === true;
  watchedFilesRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  diagnosticsRefresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
  inlayHintRefresh = capabilities.workspace?.inlayHint?.refreshSupport === true;
  clientCreatesFiles = capabilities.workspace?.applyEdit === true
    && capabilities.workspace.workspaceEdit?.resourceOperations?.includes('create') === true;
  workspaceFolders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
  applySettings(params.initializationOptions?.settings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['(', ',', '=', ' '], resolveProvider: true },
      inlayHintProvider: { resolveProvider: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, GENERATE_CONSTANTS_KIND] },
      documentSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      workspaceSymbolProvider: true,
      renameProvider: { prepareProvider: true },
      executeCommandProvider: { commands: [GENERATE_CONSTANTS_COMMAND] },
      ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
    },
    serverInfo: { name: 'capl-ids' },
  };
});

connection.onInitialized(() => {
  initialized = true;
  if (watchedFilesRegistration) {
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{can,cin,CAN,CIN}' }] })
      .catch(clientFailed('client/registerCapability'));
  }
  void loadConfiguration().then(indexWorkspace);
});

connection.onDidChangeConfiguration((change) => {
  if (configurationRequests) void loadConfiguration();
  else applySettings((change.settings as Record<string, unknown> | undefined)?.['capl-ids']);
});

async function loadConfiguration(): Promise<void> {
  if (!configurationRequests) return;
  try {
    applySettings(await connection.workspace.getConfiguration('capl-ids'));
  } catch (error) {
    connection.console.warn(`capl-ids: cannot read the settings (${(error as Error).message}); using the defaults`);
    applySettings(undefined);
  }
}

function applySettings(raw: unknown): void {
  const { settings, problems } = readSettings(raw ?? undefined);
  if (problems.length > 0) connection.console.warn(`capl-ids: ${problems.join('; ')}`);
  service.setSettings(settings);
  scheduleRefresh();
}

/** Reads the workspace's CAPL files in the background, a few at a time, so requests never wait for it. */
async function indexWorkspace(): Promise<void> {
  const problem = (message: string) => connection.console.log(`capl-ids: ${message}`);
  for (const folder of workspaceFolders) {
    if (!folder.startsWith('file:')) continue;
    const paths = await findCaplFiles(fileURLToPath(folder), { isCancelled: () => indexingCancelled, onProblem: problem });
    for (const uri of paths.map((path) => pathToFileURL(path).href)) {
      if (indexingCancelled) return;
      if (documents.get(uri) || service.hasDocument(uri)) continue;
      const text = await textOnDisk(uri, problem);
      if (text !== undefined && !documents.get(uri)) service.updateFile(uri, text);
      await new Promise((resolve) => setImmediate(resolve));
      service.prepareDocument(uri);
      heapCollection.activity();
    }
  }
  connection.console.log(`capl-ids: indexed ${service.documentCount()} CAPL files`);
}

/** The text of a file: URI on disk; undefined for other schemes and unreadable files. */
async function textOnDisk(uri: string, onProblem: (message: string) => void): Promise<string | undefined> {
  let path: string;
  try {
    path = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  return (await readCaplFile(path, onProblem))?.text;
}

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  for (const change of changes) {
    if (!CAPL_FILE.test(change.uri)) continue;
    // A file deleted on disk leaves the workspace even while an editor still shows it (a request on that document brings it back).
    if (change.type === FileChangeType.Deleted) service.removeDocument(change.uri);
    else if (!documents.get(change.uri)) {
      const text = await textOnDisk(change.uri, (message) => connection.console.log(`capl-ids: ${message}`));
      if (text !== undefined) service.updateFile(change.uri, text);
    }
    heapCollection.activity();
  }
  scheduleRefresh();
});

documents.onDidOpen(({ document }) => {
  if (document.getText().length >= LARGE_DOCUMENT) heapCollection.largeDocumentOpened();
});

documents.onDidChangeContent(({ document }) => {
  heapCollection.activity();
  service.updateDocument(document, updatedRanges.get(document.uri));
  updatedRanges.delete(document.uri);
  if (!pullDiagnostics) schedulePush(document.uri);
});

documents.onDidClose(({ document }) => {
  heapCollection.activity();
  service.forgetDiagnosticReport(document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  // The file stays in the index with its text on disk, if it has one.
  void textOnDisk(document.uri, () => undefined).then((text) => {
    if (documents.get(document.uri)) return;
    if (text === undefined) service.removeDocument(document.uri);
    else service.updateFile(document.uri, text);
  });
});

const withDocument = <P extends { textDocument: { uri: string } }, R>(fallback: R, handler: (document: TextDocument, params: P) => R) =>
  (params: P): R => {
    const document = documents.get(params.textDocument.uri);
    return document ? handler(document, params) : fallback;
  };

connection.onHover(withDocument(null, (document, params) => service.doHover(document, params.position)));
connection.onCompletion(withDocument({ isIncomplete: false, items: [] }, (document, params) => service.doComplete(document, params.position)));
connection.onCompletionResolve((item) => service.resolveCompletionItem(item));
connection.languages.inlayHint.on(withDocument([], (document, params) => service.getInlayHints(document, params.range)));
connection.languages.inlayHint.resolve((hint) => service.resolveInlayHint(hint));
connection.languages.diagnostics.on(withDocument<DocumentDiagnosticParams, DocumentDiagnosticReport>({ kind: 'full', items: [] }, (document, params) => {
  heapCollection.activity();
  const report = service.diagnosticReport(document, params.previousResultId);
  heapCollection.answered();
  return report;
}));
connection.onCodeAction(withDocument([], (document, params) => service.getCodeActions(document, params.context)));
connection.onDocumentSymbol(withDocument([], (document) => service.findDocumentSymbols(document)));
connection.onDefinition(withDocument([], (document, params) => service.findDefinition(document, params.position)));
connection.onReferences(withDocument([], (document, params) => service.findReferences(document, params.position, params.context?.includeDeclaration !== false)));
connection.onDocumentHighlight(withDocument([], (document, params) => service.findDocumentHighlights(document, params.position)));
connection.onWorkspaceSymbol((params) => service.findWorkspaceSymbols(typeof params.query === 'string' ? params.query : ''));
connection.onPrepareRename(withDocument(null, (document, params) => refusedAsError(service.prepareRename(document, params.position))));
connection.onRenameRequest(withDocument(null, (document, params) => refusedAsError(service.rename(document, params.position, String(params.newName)))));
connection.onRequest(FILE_CONTEXT_REQUEST, withDocument<FileContextParams, FileContext | null>(null, (document) => service.fileContext(document)));
connection.onRequest(ENTRY_USES_REQUEST, withDocument<EntryUsesParams, EntryUses>([], (document, params) => (params.entry ? service.findEntryUses(document, params.entry) : [])));
connection.onRequest(ENTRY_USE_COUNTS_REQUEST, (): EntryUseCounts => service.entryUseCounts());
connection.onRequest(ENTRY_REFERENCES_REQUEST, (params: EntryReferencesParams): EntryReferences => (params?.entry ? service.entryReferences(params.entry) : []));
connection.onRequest(COVERAGE_REQUEST, (params: CoverageParams | undefined): CoverageReport => service.coverage(params?.table));

/** A refused rename reaches the editor as an error with the reason, which it shows as it is. */
function refusedAsError<T extends object>(result: T): Exclude<T, RenameRefusal> {
  if ('refused' in result) throw new ResponseError(ErrorCodes.InvalidRequest, String(result.refused));
  return result as Exclude<T, RenameRefusal>;
}

connection.onExecuteCommand(async (params) => {
  if (params.command !== GENERATE_CONSTANTS_COMMAND) return undefined;
  const [requested, target] = [0, 1].map((at) => (typeof params.arguments?.[at] === 'string' ? (params.arguments[at] as string) : undefined));
  return generateConstantsFile(connection, service, workspaceFolders, requested, clientCreatesFiles, target);
});

connection.onShutdown(() => {
  indexingCancelled = true;
});

// ---- refreshing after settings or cross-file facts change ------------------------------

let refreshTimer: NodeJS.Timeout | undefined;
function scheduleRefresh(): void {
  if (refreshTimer || !initialized) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    if (pullDiagnostics && diagnosticsRefresh) connection.languages.diagnostics.refresh().catch(clientFailed('workspace/diagnostic/refresh'));
    if (!pullDiagnostics) for (const document of documents.all()) schedulePush(document.uri);
    if (inlayHintRefresh) connection.languages.inlayHint.refresh().catch(clientFailed('workspace/inlayHint/refresh'));
  }, 100);
}

/** A client may fail a request the server sends it; that is logged and never ends the server. */
function clientFailed(method: string): (error: unknown) => void {
  return (error) => connection.console.log(`capl-ids: the client failed ${method} (${error instanceof Error ? error.message : String(error)})`);
}

const pushTimers = new Map<string, NodeJS.Timeout>();
function schedulePush(uri: string): void {
  clearTimeout(pushTimers.get(uri));
  pushTimers.set(uri, setTimeout(() => {
    pushTimers.delete(uri);
    const document = documents.get(uri);
    if (!document) return;
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics: service.doValidation(document) });
    heapCollection.answered();
  }, 50));
}

documents.listen(connection);
connection.listen();
