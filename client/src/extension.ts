// CAPL IDs for VS Code. Each feature is its own file and registers itself here:
//   languageClient.ts  the language server (hover, completion, inlay hints, diagnostics, fixes)
//   lookupPanel.ts     the activity-bar panel listing every message ID
//   commands.ts        palette commands (look up an ID, generate constants, toggle hints, ...)
//   statusItem.ts      language status: server state and the active file's table context
//   coverageView.ts    the message coverage webview
//   encodingGuard.ts   reads CAPL files in their header's code page; no edits to one read otherwise
import type * as vscode from 'vscode';
import * as commands from './commands';
import * as coverageView from './coverageView';
import * as encodingGuard from './encodingGuard';
import * as languageClient from './languageClient';
import * as lookupPanel from './lookupPanel';
import * as statusItem from './statusItem';

/** What `vscode.extensions.getExtension('capl-ids.capl-ids').exports` gives (used by the real-editor tests). */
export interface CaplIdsApi {
  readonly server: languageClient.CaplLanguageServer;
  readonly lookup: lookupPanel.LookupPanel;
  readonly status: statusItem.StatusItems;
  readonly commands: commands.Commands;
  readonly encoding: encodingGuard.EncodingGuard;
  readonly coverage: coverageView.CoverageView;
}

let server: languageClient.CaplLanguageServer | undefined;

export function activate(context: vscode.ExtensionContext): CaplIdsApi {
  const encoding = encodingGuard.activate(context);
  server = languageClient.activate(context, encoding);
  const lookup = lookupPanel.activate(context, server, encoding);
  const status = statusItem.activate(context, server);
  return { server, lookup, status, commands: commands.activate(context, server, status), encoding, coverage: coverageView.activate(context, server) };
}

export function deactivate(): Promise<void> | undefined {
  return server?.stop();
}
