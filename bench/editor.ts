/** An editor-like LSP client for the bench: starts the server and speaks to it as VS Code does. */
import { spawn, type ChildProcess } from 'node:child_process';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest, createProtocolConnection, DiagnosticRefreshRequest, DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, DocumentDiagnosticRequest, ExitNotification,
  InitializedNotification, InitializeRequest, InlayHintRefreshRequest, LogMessageNotification, RegistrationRequest,
  ShutdownRequest, StreamMessageReader, StreamMessageWriter, WorkDoneProgressCreateRequest,
  type ClientCapabilities, type DocumentDiagnosticReport, type ProtocolConnection, type Range,
} from 'vscode-languageserver-protocol/node';
import { exited, memoryOf, sleep, track } from './processes';

/** What VS Code 1.9x announces for the features capl-ids implements (pull diagnostics included). */
const CLIENT_CAPABILITIES: ClientCapabilities = {
  general: { positionEncodings: ['utf-16'], markdown: { parser: 'marked', version: '1.1.0' } },
  window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, showDocument: { support: true } },
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    executeCommand: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    completion: {
      dynamicRegistration: true,
      contextSupport: true,
      completionItem: {
        snippetSupport: true, commitCharactersSupport: true, documentationFormat: ['markdown', 'plaintext'], deprecatedSupport: true,
        preselectSupport: true, insertReplaceSupport: true, labelDetailsSupport: true,
        resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
      },
      completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    },
    inlayHint: { dynamicRegistration: true, resolveSupport: { properties: ['tooltip', 'textEdits', 'label.tooltip', 'label.location', 'label.command'] } },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { dynamicRegistration: true, isPreferredSupport: true, dataSupport: true, resolveSupport: { properties: ['edit'] } },
    documentSymbol: { dynamicRegistration: true, hierarchicalDocumentSymbolSupport: true },
    definition: { dynamicRegistration: true, linkSupport: true },
  },
};

/**
 * What the client keeps of an open document: its version. No copy of the text: nothing here
 * reads one, and a string rebuilt per edit (a 3.7 MB copy of the 100k-line file each time)
 * made this process's own garbage collections land inside the timed edits.
 */
interface OpenDocument {
  version: number;
}

/** The script node runs (with `nodeOptions` before it), its arguments after `--stdio` and the environment variables it gets on top of the bench's. */
export interface ServerStart {
  readonly nodeOptions?: readonly string[];
  readonly script: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** dist/server.js as it is: what a start without a code cache compiles. */
export const plainStart = (serverJs: string): ServerStart => ({ script: serverJs, args: [], env: {} });

export class Editor {
  readonly connection: ProtocolConnection;
  readonly documents = new Map<string, OpenDocument>();
  readonly log: string[] = [];
  /** Per document: the result ID of the last diagnostics answer and how many diagnostics it had. */
  private readonly diagnostics = new Map<string, { resultId: string | undefined; count: number }>();
  lastServerActivity = performance.now();
  /** Diagnostics the client pulls on its own (after a refresh), not timed. */
  private background = 0;

  private constructor(
    readonly child: ChildProcess,
    readonly spawnedAt: number,
  ) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const c = this.connection;
    c.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    // any other server request gets the library's MethodNotFound answer, as from a client without it
    c.onRequest(RegistrationRequest.type, () => undefined);
    c.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    c.onRequest(InlayHintRefreshRequest.type, () => {
      this.lastServerActivity = performance.now();
    });
    c.onRequest(DiagnosticRefreshRequest.type, () => {
      // like VS Code: pull the diagnostics of the open documents again
      this.lastServerActivity = performance.now();
      for (const uri of this.documents.keys()) {
        this.background++;
        // a pull still pending when the bench stops the server is rejected: nothing waits for it
        void this.pull(uri).catch(() => undefined).finally(() => {
          this.background--;
          this.lastServerActivity = performance.now();
        });
      }
    });
    c.onNotification(LogMessageNotification.type, ({ message }) => {
      this.lastServerActivity = performance.now();
      this.log.push(message);
    });
    c.onError(() => undefined);
    c.listen();
  }

  static spawn(server: ServerStart, nodeArgs: string[] = []): Editor {
    const spawnedAt = performance.now();
    const child = track(spawn(process.execPath, [...(server.nodeOptions ?? []), ...nodeArgs, server.script, '--stdio', ...server.args], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, ...server.env } }));
    return new Editor(child, spawnedAt);
  }

  async initialize(workspaces: readonly string[] = []): Promise<number> {
    const folders = workspaces.length > 0 ? workspaces.map((workspace) => ({ uri: pathToFileURL(workspace).href, name: basename(workspace) })) : null;
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'capl-ids-bench', version: '1' },
      locale: 'en',
      rootUri: folders ? folders[0].uri : null,
      workspaceFolders: folders,
      capabilities: CLIENT_CAPABILITIES,
      initializationOptions: {},
      trace: 'off',
    });
    return performance.now() - this.spawnedAt;
  }

  initialized(): void {
    void this.connection.sendNotification(InitializedNotification.type, {});
  }

  open(uri: string, text: string): void {
    this.documents.set(uri, { version: 1 });
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'capl', version: 1, text } });
  }

  close(uri: string): void {
    this.documents.delete(uri);
    this.diagnostics.delete(uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Replaces the `removed` characters that `range` spans with `text` (incremental sync). */
  edit(uri: string, removed: number, range: Range, text: string): void {
    const document = this.documents.get(uri)!;
    document.version++;
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: document.version },
      contentChanges: [{ range, rangeLength: removed, text }],
    });
  }

  /** Pulls diagnostics; the number the editor shows afterwards. */
  async pull(uri: string): Promise<number> {
    await this.pullReport(uri);
    return this.diagnostics.get(uri)?.count ?? 0;
  }

  /** Like VS Code, sends the previous result ID, so a server may answer "unchanged". */
  async pullReport(uri: string): Promise<DocumentDiagnosticReport> {
    const previous = this.diagnostics.get(uri);
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: previous?.resultId });
    if (report.kind === 'full') this.diagnostics.set(uri, { resultId: report.resultId, count: report.items.length });
    else if (previous) previous.resultId = report.resultId;
    return report;
  }

  /** Waits until the server has been quiet for `quietMs` (no refresh, no background pull). */
  async settle(quietMs = 200, maxMs = 10_000): Promise<void> {
    const until = performance.now() + maxMs;
    while (performance.now() < until) {
      await sleep(25);
      if (this.background === 0 && performance.now() - this.lastServerActivity >= quietMs) return;
    }
  }

  /** Waits for the server's "indexed N CAPL files" log line (background indexing done). */
  async indexed(maxMs: number): Promise<boolean> {
    const until = performance.now() + maxMs;
    while (performance.now() < until) {
      if (this.log.some((line) => /indexed \d+ CAPL files/.test(line))) return true;
      await sleep(20);
    }
    return false;
  }

  memory(): { hwmKb: number; rssKb: number } {
    return memoryOf(this.child.pid!);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), sleep(2000)]);
      void this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the process is gone already
    }
    if (!(await exited(this.child, 3000))) this.child.kill('SIGKILL');
    await exited(this.child, 2000);
    this.connection.dispose();
  }
}
