// A small but real LSP client for the server tests: it spawns `node dist/server.js --stdio`,
// speaks JSON-RPC through vscode-languageserver-protocol, answers what the server asks
// (configuration, refreshes, registrations, workspace edits) and records everything the
// server sends. Waiting is always explicit and bounded: `waitFor` resolves when a condition
// over the recorded messages holds and rejects after a timeout; nothing sleeps.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ApplyWorkspaceEditRequest,
  CancellationTokenSource,
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ErrorCodes,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InlayHintRefreshRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ResponseError,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  type ApplyWorkspaceEditParams,
  type ApplyWorkspaceEditResult,
  type ClientCapabilities,
  type CompletionItemKind,
  type ConfigurationParams,
  type InitializeParams,
  type InitializeResult,
  type LogMessageParams,
  type MessageConnection,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type ShowMessageParams,
  type SymbolKind,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const SERVER_JS = resolve(REPO_ROOT, 'dist', 'server.js');

/** Everything the server sent, in arrival order. */
export type ServerMessage =
  | { readonly kind: 'notification'; readonly method: string; readonly params: unknown }
  | { readonly kind: 'request'; readonly method: string; readonly params: unknown }
  | { readonly kind: 'exit'; readonly method: 'process/exit'; readonly params: { code: number | null; signal: NodeJS.Signals | null } };

export interface StartOptions {
  /** Answered to `workspace/configuration` for the section `capl-ids`; changeable later through `client.settings`. */
  readonly settings?: unknown;
  /**
   * How `workspace/applyEdit` is answered: apply it (text in memory, resource operations on
   * disk), refuse it (`applied: false`), or answer MethodNotFound like a client without it.
   */
  readonly applyEdits?: 'apply' | 'refuse' | 'unsupported';
  /** Server-to-client requests this client answers with an error (a client that fails them). */
  readonly failRequests?: readonly string[];
  /** Extra server arguments after `--stdio`. */
  readonly args?: readonly string[];
  /** The script node runs: dist/server.js unless told (dist/cachedStart.js starts it from a code cache). */
  readonly entry?: string;
  /** Node's options before the script. */
  readonly nodeOptions?: readonly string[];
}

export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly messages: ServerMessage[] = [];
  /** The client's open documents, kept in sync with what was sent to the server. */
  readonly documents = new Map<string, TextDocument>();
  /** Files changed by workspace edits but not open (like VS Code's unsaved editors). */
  readonly buffers = new Map<string, TextDocument>();
  /** The answer to `workspace/configuration` (section `capl-ids`), or a ResponseError to answer with. */
  settings: unknown;
  applyEdits: 'apply' | 'refuse' | 'unsupported';
  readonly failRequests: ReadonlySet<string>;
  stderr = '';
  private readonly waiters = new Set<() => void>();
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  private constructor(readonly child: ChildProcessWithoutNullStreams, options: StartOptions) {
    this.settings = options.settings ?? {};
    this.applyEdits = options.applyEdits ?? 'apply';
    this.failRequests = new Set(options.failRequests ?? []);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    child.on('exit', (code, signal) => {
      this.exitInfo = { code, signal };
      this.record({ kind: 'exit', method: 'process/exit', params: { code, signal } });
    });
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));

    const notification = (method: string) => (params: unknown) => this.record({ kind: 'notification', method, params });
    this.connection.onNotification(PublishDiagnosticsNotification.type, notification(PublishDiagnosticsNotification.method));
    this.connection.onNotification(LogMessageNotification.type, notification(LogMessageNotification.method));
    this.connection.onNotification(ShowMessageNotification.type, notification(ShowMessageNotification.method));
    // createProtocolConnection returns the jsonrpc MessageConnection, which takes catch-all handlers.
    const messages = this.connection as unknown as MessageConnection;
    messages.onNotification((method: string, params: unknown) => this.record({ kind: 'notification', method, params }));

    /** Records a server request, then answers it (or fails it when the test asks for that). */
    const answer = (method: string, respond: (params: never) => unknown) => {
      this.connection.onRequest(method, (params: never) => {
        this.record({ kind: 'request', method, params });
        if (this.failRequests.has(method)) return new ResponseError(ErrorCodes.InternalError, `${method} failed in the test client`);
        return respond(params);
      });
    };
    answer(ConfigurationRequest.method, (params: ConfigurationParams) => {
      if (this.settings instanceof ResponseError) return this.settings;
      return params.items.map((item) => (item.section === 'capl-ids' ? this.settings : null));
    });
    answer(DiagnosticRefreshRequest.method, () => null);
    answer(InlayHintRefreshRequest.method, () => null);
    answer(RegistrationRequest.method, () => null);
    answer(UnregistrationRequest.method, () => null);
    // The user closes the message box without choosing an action.
    answer(ShowMessageRequest.method, () => null);
    answer(ApplyWorkspaceEditRequest.method, (params: ApplyWorkspaceEditParams) => {
      if (this.applyEdits === 'unsupported') return new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${ApplyWorkspaceEditRequest.method}`);
      if (this.applyEdits === 'refuse') return { applied: false, failureReason: 'refused by the test client' };
      return this.applyWorkspaceEdit(params.edit);
    });
    // Anything else the server asks is not implemented by this client, as a real client would answer.
    messages.onRequest((method: string, params: unknown) => {
      this.record({ kind: 'request', method, params });
      return new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
    });
    this.connection.listen();
  }

  /** Spawns the built server (`dist/server.js --stdio`, or `options.entry`). */
  static start(options: StartOptions = {}): LspTestClient {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: build it first (node scripts/build.mjs)`);
    const child = spawn(process.execPath, [...(options.nodeOptions ?? []), options.entry ?? SERVER_JS, '--stdio', ...(options.args ?? [])], { cwd: REPO_ROOT, stdio: 'pipe' });
    return new LspTestClient(child, options);
  }

  get exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.exitInfo;
  }

  async initialize(params: InitializeParams): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, params);
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  // ---- documents --------------------------------------------------------------------------

  async open(uri: string, text: string, languageId = 'capl', version = 1): Promise<TextDocument> {
    const document = TextDocument.create(uri, languageId, version, text);
    this.documents.set(uri, document);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    return document;
  }

  /** Sends incremental changes (each range in the coordinates left by the previous one) and applies them locally. */
  async change(uri: string, changes: readonly { range: Range; text: string }[]): Promise<TextDocument> {
    const document = this.document(uri);
    const next = document.version + 1;
    const contentChanges: TextDocumentContentChangeEvent[] = changes.map((change) => ({ range: change.range, text: change.text }));
    TextDocument.update(document, contentChanges, next);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next }, contentChanges });
    return document;
  }

  /** Replaces the `occurrence`-th `search` in an open document by an incremental change. */
  async replace(uri: string, search: string, replacement: string, occurrence = 0): Promise<TextDocument> {
    const document = this.document(uri);
    return this.change(uri, [{ range: rangeOf(document.getText(), search, occurrence), text: replacement }]);
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  async changeConfiguration(settings: unknown, payload: unknown = null): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: payload });
  }

  // ---- requests -------------------------------------------------------------------------

  /** Sends a request whose cancellation is requested right after it is written. */
  sendCancelledRequest<R>(method: string, params: unknown): Promise<R> {
    const source = new CancellationTokenSource();
    const response = this.connection.sendRequest<R>(method, params, source.token);
    source.cancel();
    return response;
  }

  // ---- workspace edits (as VS Code applies them) ----------------------------------------------

  /**
   * Applies a WorkspaceEdit: text edits go to open documents (sent to the server as one
   * incremental didChange, edits applied from the end) or to in-memory buffers of files that
   * are not open; create/rename/delete operate on disk.
   */
  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<ApplyWorkspaceEditResult> {
    try {
      for (const [uri, edits] of Object.entries(edit.changes ?? {})) await this.applyTextEdits(uri, edits, null);
      for (const change of edit.documentChanges ?? []) {
        if (!('kind' in change)) {
          await this.applyTextEdits(change.textDocument.uri, change.edits as TextEdit[], change.textDocument.version);
        } else if (change.kind === 'create') {
          const path = fileURLToPath(change.uri);
          if (existsSync(path) && !change.options?.overwrite) {
            if (change.options?.ignoreIfExists) continue;
            throw new Error(`${path} exists`);
          }
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, '');
          this.buffers.delete(change.uri);
        } else if (change.kind === 'rename') {
          renameSync(fileURLToPath(change.oldUri), fileURLToPath(change.newUri));
        } else if (change.kind === 'delete') {
          rmSync(fileURLToPath(change.uri), { recursive: change.options?.recursive === true, force: change.options?.ignoreIfNotExists === true });
        }
      }
      return { applied: true };
    } catch (error) {
      return { applied: false, failureReason: (error as Error).message };
    }
  }

  /** The text of a file as the client sees it: open document, unsaved buffer, or disk. */
  textOf(uri: string): string | undefined {
    const document = this.documents.get(uri) ?? this.buffers.get(uri);
    if (document) return document.getText();
    const path = fileURLToPath(uri);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  /** Writes an unsaved buffer to disk (the user saving it). */
  save(uri: string): void {
    const buffer = this.buffers.get(uri);
    if (!buffer) throw new Error(`no unsaved buffer for ${uri}`);
    writeFileSync(fileURLToPath(uri), buffer.getText());
    this.buffers.delete(uri);
  }

  private async applyTextEdits(uri: string, edits: readonly TextEdit[], version: number | null): Promise<void> {
    const open = this.documents.get(uri);
    if (open) {
      if (version !== null && version !== open.version) throw new Error(`${uri}: edit for version ${version}, document is at ${open.version}`);
      const ordered = [...edits].sort((a, b) => compare(b.range.start, a.range.start) || compare(b.range.end, a.range.end));
      await this.change(uri, ordered.map((e) => ({ range: e.range, text: e.newText })));
      return;
    }
    const current = this.buffers.get(uri) ?? TextDocument.create(uri, 'capl', 0, this.textOf(uri) ?? '');
    this.buffers.set(uri, TextDocument.create(uri, 'capl', current.version + 1, TextDocument.applyEdits(current, [...edits])));
  }

  // ---- what the server sent ----------------------------------------------------------------

  notifications<P>(method: string): P[] {
    return this.messages.filter((m) => m.kind === 'notification' && m.method === method).map((m) => m.params as P);
  }

  requests<P>(method: string): P[] {
    return this.messages.filter((m) => m.kind === 'request' && m.method === method).map((m) => m.params as P);
  }

  logs(): LogMessageParams[] {
    return this.notifications<LogMessageParams>(LogMessageNotification.method);
  }

  /** Messages shown to the user, as notifications or as message boxes (window/showMessageRequest). */
  shownMessages(): ShowMessageParams[] {
    return this.messages
      .filter((m) => m.method === ShowMessageNotification.method || m.method === ShowMessageRequest.method)
      .map((m) => {
        const { type, message } = m.params as ShowMessageParams;
        return { type, message };
      });
  }

  publishedDiagnostics(uri: string): PublishDiagnosticsParams[] {
    return this.notifications<PublishDiagnosticsParams>(PublishDiagnosticsNotification.method).filter((p) => p.uri === uri);
  }

  configurationRequests(): ConfigurationParams[] {
    return this.requests<ConfigurationParams>(ConfigurationRequest.method);
  }

  registrations(): Registration[] {
    return this.requests<{ registrations: Registration[] }>(RegistrationRequest.method).flatMap((p) => p.registrations);
  }

  appliedEditRequests(): ApplyWorkspaceEditParams[] {
    return this.requests<ApplyWorkspaceEditParams>(ApplyWorkspaceEditRequest.method);
  }

  /**
   * Resolves with the first non-undefined value of `probe`, evaluated now and after every
   * message the server sends; rejects after `timeoutMs` or when the server process exits
   * (unless the probe is waiting for that).
   */
  waitFor<T>(description: string, probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
    return new Promise<T>((resolvePromise, reject) => {
      const check = () => {
        let value: T | undefined;
        try {
          value = probe();
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (value !== undefined) {
          finish();
          resolvePromise(value);
        } else if (this.exitInfo) {
          finish();
          reject(new Error(`server exited (${JSON.stringify(this.exitInfo)}) while waiting for ${description}\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        const recent = this.messages.slice(-8).map((m) => `${m.kind} ${m.method} ${JSON.stringify(m.params).slice(0, 200)}`);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}; last messages:\n${recent.join('\n')}\n${this.stderr}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Waits for the `count`-th message (1-based, counting from the start) with this method. */
  waitForMessage<P>(method: string, count: number, timeoutMs = 5000): Promise<P> {
    return this.waitFor(`message #${count} of ${method}`, () => {
      const found = this.messages.filter((m) => m.method === method);
      return found.length >= count ? (found[count - 1].params as P) : undefined;
    }, timeoutMs);
  }

  /**
   * Changes the settings the client answers with and notifies the server; resolves once the
   * server has asked for them (so later requests see them) and then sent each of `refreshes`.
   */
  async reconfigure(settings: unknown, refreshes: readonly string[] = [], timeoutMs = 5000): Promise<void> {
    const asked = this.configurationRequests().length;
    await this.changeConfiguration(settings);
    await this.waitForMessage(ConfigurationRequest.method, asked + 1, timeoutMs);
    const readAt = this.messages.filter((m) => m.method === ConfigurationRequest.method)[asked];
    for (const method of refreshes) {
      await this.waitFor(`${method} after the settings were read`, () => (this.messages.slice(this.messages.indexOf(readAt) + 1).some((m) => m.method === method) ? true : undefined), timeoutMs);
    }
  }

  /**
   * Pulls an answer, and pulls again after each refresh request of `refreshMethod`, until
   * `done(answer)` holds, as an editor re-asks when told to. Rejects with the last answer
   * after `timeoutMs`.
   */
  async repullUntil<T>(description: string, pull: () => Promise<T>, done: (answer: T) => boolean, refreshMethod = DiagnosticRefreshRequest.method, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const refreshes = this.requests(refreshMethod).length;
      const answer = await pull();
      if (done(answer)) return answer;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${description}: still ${JSON.stringify(answer)} after ${timeoutMs} ms`);
      await this.waitForMessage(refreshMethod, refreshes + 1, left).catch(() => {
        throw new Error(`${description}: still ${JSON.stringify(answer)} after ${timeoutMs} ms`);
      });
    }
  }

  /** Waits for a log message whose text matches. */
  waitForLog(pattern: RegExp, timeoutMs = 5000): Promise<LogMessageParams> {
    return this.waitFor(`a log message matching ${pattern}`, () => this.logs().find((log) => pattern.test(log.message)), timeoutMs);
  }

  /** `shutdown`, then `exit`; resolves with the process's exit code. */
  async shutdown(timeoutMs = 5000): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const exit = await this.waitFor('the server process to exit', () => this.exitInfo, timeoutMs);
    return exit.code;
  }

  /** Ends the connection and kills the server if it still runs; waits (bounded) for it to be gone. */
  async dispose(): Promise<void> {
    this.connection.dispose();
    if (!this.exitInfo) {
      this.child.kill('SIGKILL');
      await this.waitFor('the killed server process to exit', () => this.exitInfo, 5000).catch(() => undefined);
    }
    this.child.stdin.destroy();
  }

  private record(message: ServerMessage): void {
    this.messages.push(message);
    for (const waiter of [...this.waiters]) waiter();
  }
}

// ---- client capabilities ----------------------------------------------------------------------

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** What VS Code 1.9x (vscode-languageclient 9/10) declares, for the features this server has. */
export const VSCODE_CAPABILITIES: ClientCapabilities = {
  general: {
    positionEncodings: ['utf-16'],
    staleRequestSupport: { cancel: true, retryOnContentModified: ['textDocument/semanticTokens/full', 'textDocument/semanticTokens/range', 'textDocument/semanticTokens/full/delta'] },
    regularExpressions: { engine: 'ECMAScript', version: 'ES2020' },
    markdown: { parser: 'marked', version: '1.1.0' },
  },
  window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, showDocument: { support: true } },
  workspace: {
    applyEdit: true,
    workspaceEdit: {
      documentChanges: true,
      resourceOperations: ['create', 'rename', 'delete'],
      failureHandling: 'textOnlyTransactional',
      normalizesLineEndings: true,
      changeAnnotationSupport: { groupsOnLabel: true },
    },
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    executeCommand: { dynamicRegistration: true },
    symbol: { dynamicRegistration: true, symbolKind: { valueSet: range(1, 26) as SymbolKind[] } },
    semanticTokens: { refreshSupport: true },
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
    inlineValue: { refreshSupport: true },
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    completion: {
      dynamicRegistration: true,
      contextSupport: true,
      completionItem: {
        snippetSupport: true,
        commitCharactersSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        deprecatedSupport: true,
        preselectSupport: true,
        tagSupport: { valueSet: [1] },
        insertReplaceSupport: true,
        resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
        insertTextModeSupport: { valueSet: [1, 2] },
        labelDetailsSupport: true,
      },
      insertTextMode: 2,
      completionItemKind: { valueSet: range(1, 25) as CompletionItemKind[] },
      completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    definition: { dynamicRegistration: true, linkSupport: true },
    documentSymbol: {
      dynamicRegistration: true,
      symbolKind: { valueSet: range(1, 26) as SymbolKind[] },
      hierarchicalDocumentSymbolSupport: true,
      tagSupport: { valueSet: [1] },
      labelSupport: true,
    },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'] },
      },
      honorsChangeAnnotations: true,
    },
    publishDiagnostics: { relatedInformation: true, versionSupport: false, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    inlayHint: { dynamicRegistration: true, resolveSupport: { properties: ['tooltip', 'textEdits', 'label.tooltip', 'label.location', 'label.command'] } },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
  },
};

/** A plain editor client: push diagnostics only; no inlay hints, pull diagnostics, configuration or workspace edits. */
export const PUSH_ONLY_CAPABILITIES: ClientCapabilities = {
  workspace: { workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { didSave: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { documentationFormat: ['markdown'] } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
  },
};

// ---- text helpers ------------------------------------------------------------------------------

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** The position of the `occurrence`-th `search` in `text`, plus `delta` characters. */
export function positionOf(text: string, search: string, occurrence = 0, delta = 0): Position {
  const document = TextDocument.create('file:///x', 'capl', 0, text);
  return document.positionAt(offsetOf(text, search, occurrence) + delta);
}

/** The range of the `occurrence`-th `search` in `text`. */
export function rangeOf(text: string, search: string, occurrence = 0): Range {
  const document = TextDocument.create('file:///x', 'capl', 0, text);
  const start = offsetOf(text, search, occurrence);
  return { start: document.positionAt(start), end: document.positionAt(start + search.length) };
}

function offsetOf(text: string, search: string, occurrence: number): number {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(search, offset + 1);
    if (offset < 0) throw new Error(`"${search}" (occurrence ${occurrence}) not found`);
  }
  return offset;
}
