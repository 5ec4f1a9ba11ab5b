// The language client: starts dist/server.js (through dist/cachedStart.js, with a V8 code cache
// in the extension's global storage) over Node IPC for CAPL documents, restarts it when it
// crashes (bounded), and tells the rest of the client what state it is in.
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CACHED_START, codeCacheArguments, SERVER_NODE_OPTIONS, serverEnvironment } from '../../server/src/serverStart';
import { askingWhereToGenerate } from './constantsTarget';
import { problemsLimitMiddleware } from './diagnosticLimit';
import type { EncodingGuard } from './encodingGuard';

export const CLIENT_ID = 'capl-ids';
export const CLIENT_NAME = 'CAPL IDs';

/** What the status item shows. `unavailable`: dist/server.js is missing; `failed`: gave up restarting. */
export type ServerState = 'starting' | 'running' | 'stopped' | 'unavailable' | 'failed';

/** A crash within this window counts towards the restart limit. */
const RESTART_WINDOW_MS = 3 * 60 * 1000;
const MAX_RESTARTS_IN_WINDOW = 5;

export class CaplLanguageServer implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private stateValue: ServerState = 'stopped';
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly crashes: number[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly encodingGuard: EncodingGuard,
  ) {
    this.output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  }

  get state(): ServerState {
    return this.stateValue;
  }

  /** The running client, or undefined while there is none (missing server, stopped, starting failed). */
  get languageClient(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  get serverModule(): string {
    return this.context.asAbsolutePath('dist/server.js');
  }

  /** Where dist/cachedStart.js keeps the server's compiled code between starts. */
  get codeCacheDir(): string {
    return this.context.globalStorageUri.fsPath;
  }

  async start(): Promise<void> {
    if (this.client) return;
    if (!fs.existsSync(this.serverModule)) {
      this.output.warn(`Language server not found at ${this.serverModule}; the lookup panel and commands still work.`);
      this.setState('unavailable');
      return;
    }
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, this.serverOptions(), this.clientOptions());
    this.client = client;
    client.onDidChangeState(({ newState }) => {
      if (this.client !== client) return;
      if (newState === State.Starting) this.setState('starting');
      else if (newState === State.Running) this.setState('running');
      else if (this.stateValue !== 'failed') this.setState('stopped');
    });
    this.setState('starting');
    try {
      await client.start();
    } catch (error) {
      this.output.error(`The language server did not start: ${String(error)}`);
      this.setState('failed');
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.needsStop()) {
      try {
        await client.stop(5000);
      } catch (error) {
        this.output.warn(`Stopping the language server: ${String(error)}`);
      }
    }
    await client?.dispose().catch(() => undefined);
    if (this.stateValue !== 'unavailable') this.setState('stopped');
  }

  async restart(): Promise<void> {
    this.output.info('Restarting the language server.');
    this.crashes.length = 0;
    await this.stop();
    await this.start();
  }

  /** Resolves with the running client, or undefined once it is clear none will come within `timeoutMs`. */
  async whenRunning(timeoutMs = 10000): Promise<LanguageClient | undefined> {
    if (this.languageClient) return this.languageClient;
    if (this.stateValue !== 'starting') return undefined;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(), timeoutMs);
      const listener = this.onDidChangeState(() => {
        if (this.stateValue !== 'starting') finish();
      });
      const finish = () => {
        clearTimeout(timer);
        listener.dispose();
        resolve(this.languageClient);
      };
    });
  }

  dispose(): void {
    void this.stop();
    this.stateEmitter.dispose();
    this.output.dispose();
  }

  private serverOptions(): ServerOptions {
    const module = this.serverModule;
    return {
      run: {
        module: this.context.asAbsolutePath(CACHED_START),
        transport: TransportKind.ipc,
        args: codeCacheArguments(this.codeCacheDir),
        options: { execArgv: [...SERVER_NODE_OPTIONS], env: serverEnvironment(process.env) },
      },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009', ...SERVER_NODE_OPTIONS], env: serverEnvironment(process.env) } },
    };
  }

  private clientOptions(): LanguageClientOptions {
    return {
      documentSelector: [
        { scheme: 'file', language: 'capl' },
        { scheme: 'untitled', language: 'capl' },
      ],
      // The server registers its own watcher for CAPL files (workspace/didChangeWatchedFiles).
      synchronize: { configurationSection: 'capl-ids' },
      outputChannel: this.output,
      errorHandler: this.errorHandler(),
      middleware: {
        ...problemsLimitMiddleware,
        // Fixes and completions edit the document: none for a file VS Code did not decode as its header says.
        provideCodeActions: async (document, range, context, token, next) => ((await this.encodingGuard.allowsEdits(document)) ? askingWhereToGenerate(await next(document, range, context, token)) : []),
        provideCompletionItem: async (document, position, context, token, next) => ((await this.encodingGuard.allowsEdits(document)) ? next(document, position, context, token) : undefined),
      },
    };
  }

  /** Keep going on message errors; restart after a crash unless it crashed too often lately. */
  private errorHandler(): ErrorHandler {
    return {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        this.crashes.push(now);
        while (this.crashes.length > 0 && now - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
        if (this.crashes.length > MAX_RESTARTS_IN_WINDOW) {
          this.setState('failed');
          return {
            action: CloseAction.DoNotRestart,
            message: `The CAPL IDs language server crashed ${this.crashes.length} times in 3 minutes and will not be restarted. Run "CAPL IDs: Restart Language Server" after fixing the cause (see "CAPL IDs: Show Server Output").`,
          };
        }
        this.output.warn(`The language server stopped unexpectedly; restarting (${this.crashes.length} of ${MAX_RESTARTS_IN_WINDOW} in 3 minutes).`);
        return { action: CloseAction.Restart, handled: true };
      },
    };
  }

  private setState(state: ServerState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    void vscode.commands.executeCommand('setContext', 'capl-ids.serverRunning', state === 'running');
    this.stateEmitter.fire(state);
  }
}

export function activate(context: vscode.ExtensionContext, encodingGuard: EncodingGuard): CaplLanguageServer {
  const server = new CaplLanguageServer(context, encodingGuard);
  context.subscriptions.push(server);
  void server.start();
  return server;
}
