// Helpers for the real-editor suite: opening example files of the test workspace, waiting
// (bounded polling, never a fixed sleep) and reaching the extension's API.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CaplIdsApi } from '../../client/src/extension';

export const EXTENSION_ID = 'capl-ids.capl-ids';

/** The folder the runner opened: a fresh copy of examples/ (edits there never touch the repository). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner must open a workspace folder (a copy of examples/)');
  return folder.uri;
}

export function exampleUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

export async function openExample(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(exampleUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** An untitled CAPL document with some text, shown in an editor. */
export async function openUntitled(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'capl', content });
  return vscode.window.showTextDocument(document, { preview: false });
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export interface WaitOptions {
  /** Give up after this long (default 15 s). */
  readonly timeoutMs?: number;
  /** Poll this often (default 100 ms). */
  readonly intervalMs?: number;
}

/**
 * Polls `probe` until it returns something other than undefined/false, and returns that;
 * fails with `what` and the last value or error after the timeout. The only way this suite
 * waits for the editor or the server.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 15000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The activated extension's API (activating it if needed). */
export async function extensionApi(): Promise<CaplIdsApi> {
  const extension = vscode.extensions.getExtension<CaplIdsApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  return extension.isActive ? extension.exports : extension.activate();
}

/** What the extension's own CLI (dist/cli.js) prints as JSON for `args`, run on the workspace folder (exit code 1, "nothing found", included). */
export function cliJson<T>(...args: string[]): T {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
  const run = spawnSync(process.execPath, [cli, ...args, workspaceRoot().fsPath], { encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, `capl-ids ${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** Whether this build has a language server (dist/server.js next to dist/client.js). */
export function serverIsBuilt(): boolean {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  return extension !== undefined && fs.existsSync(path.join(extension.extensionPath, 'dist', 'server.js'));
}

/** Waits until the language server runs; fails if it does not within the timeout. */
export async function waitForServer(timeoutMs = 30000): Promise<void> {
  const api = await extensionApi();
  await waitFor('the CAPL IDs language server to run', () => api.server.state === 'running' || (api.server.state === 'failed' ? Promise.reject(new Error('server failed')) : undefined), { timeoutMs });
}

/** The position of the `occurrence`-th (0-based) match of `needle` on the first line containing `lineNeedle`, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, lineNeedle: string, needle: string, offset = 0): vscode.Position {
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    if (!text.includes(lineNeedle)) continue;
    const column = text.indexOf(needle, text.indexOf(lineNeedle));
    assert.ok(column >= 0, `"${needle}" not found on the line with "${lineNeedle}"`);
    return new vscode.Position(line, column + offset);
  }
  assert.fail(`no line contains "${lineNeedle}" in ${document.uri.path}`);
}

/** The range of `needle` on the first line containing `lineNeedle`. */
export function rangeOf(document: vscode.TextDocument, lineNeedle: string, needle: string): vscode.Range {
  const start = positionOf(document, lineNeedle, needle);
  return new vscode.Range(start, start.translate(0, needle.length));
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

export function inlayLabel(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

export function completionLabel(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Runs `command` and accepts the active item of each quick pick it shows, as Enter would, until it resolves. */
export async function acceptingQuickPick<T>(command: () => Thenable<T>): Promise<T> {
  let settled = false;
  const running = Promise.resolve(command()).finally(() => {
    settled = true;
  });
  await waitFor('the quick pick to be accepted', async () => {
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return settled;
  }, { intervalMs: 200 });
  return running;
}

/** Applies a code action as the editor does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}" failed`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}
