// Where "Generate Constants Include File" writes: the user picks among the folder(s) the active
// file includes from, the active file's folder and the workspace folders, or any place through
// a save dialog. A file there that capl-ids generated is offered as "Replace"; a file of that
// name that it did not generate is not offered (the server refuses to replace one anyway).
import * as vscode from 'vscode';
import { CONSTANTS_FILE_NAME, isGeneratedConstantsFile, resolveInclude } from '../../server/src/service';
import { GENERATE_CONSTANTS_COMMAND } from '../../shared/protocol';

/**
 * The server's source action "Generate the CAPL ID constants include file" runs the server
 * command, which writes without asking; in VS Code it runs the command that asks where.
 */
export function askingWhereToGenerate<T extends vscode.Command | vscode.CodeAction>(actions: T[] | null | undefined): T[] | null | undefined {
  for (const action of actions ?? []) {
    if (action instanceof vscode.CodeAction && action.command?.command === GENERATE_CONSTANTS_COMMAND) {
      action.command = { title: action.command.title, command: 'capl-ids.generateConstants' };
    }
  }
  return actions;
}

export interface ConstantsTarget extends vscode.QuickPickItem {
  /** The file to write; undefined for "choose with a save dialog". */
  readonly uri?: vscode.Uri;
  readonly replaces?: boolean;
}

/** The places offered for `document` (the active CAPL file, if any), best first, then "choose another place". */
export async function constantsTargets(document: vscode.TextDocument | undefined): Promise<ConstantsTarget[]> {
  const folders: { folder: vscode.Uri; why: string }[] = [];
  if (document && !document.isUntitled) {
    const name = vscode.workspace.asRelativePath(document.uri);
    for (const folder of includeFolders(document)) folders.push({ folder, why: `where ${name} includes files from` });
    folders.push({ folder: vscode.Uri.joinPath(document.uri, '..'), why: `beside ${name}` });
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) folders.push({ folder: folder.uri, why: 'the workspace folder' });

  const targets: ConstantsTarget[] = [];
  const seen = new Set<string>();
  for (const { folder, why } of folders) {
    const uri = vscode.Uri.joinPath(folder, CONSTANTS_FILE_NAME);
    if (seen.has(uri.toString())) continue;
    seen.add(uri.toString());
    const existing = await existingFile(uri);
    if (existing === 'not generated') continue;
    const replaces = existing === 'generated';
    targets.push({ label: `${replaces ? '$(replace) Replace' : '$(new-file) Create'} ${vscode.workspace.asRelativePath(uri)}`, description: why, uri, replaces });
  }
  targets.push({ label: '$(folder-opened) Choose another place…' });
  return targets;
}

/** Asks where to write the constants file; undefined when the user cancels. */
export async function chooseConstantsTarget(document: vscode.TextDocument | undefined): Promise<vscode.Uri | undefined> {
  const targets = await constantsTargets(document);
  const picked = await vscode.window.showQuickPick(targets, { title: 'Generate Constants Include File: where?', placeHolder: `${CONSTANTS_FILE_NAME}, the include with every message ID constant` });
  if (!picked) return undefined;
  return (
    picked.uri ??
    vscode.window.showSaveDialog({
      title: 'Generate Constants Include File',
      defaultUri: targets[0].uri,
      filters: { 'CAPL include': ['cin'] },
      saveLabel: 'Generate',
    })
  );
}

/** The folders of the files `document` includes (`#include "..\Common\x.cin"`), in order. */
function includeFolders(document: vscode.TextDocument): vscode.Uri[] {
  const folders: vscode.Uri[] = [];
  for (const [, path] of document.getText().matchAll(/^[ \t]*#include[ \t]+"([^"\r\n]+)"/gm)) {
    const resolved = resolveInclude(document.uri.toString(), path);
    if (resolved) folders.push(vscode.Uri.joinPath(vscode.Uri.parse(resolved), '..'));
  }
  return folders;
}

async function existingFile(uri: vscode.Uri): Promise<'none' | 'generated' | 'not generated'> {
  try {
    return isGeneratedConstantsFile(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('latin1')) ? 'generated' : 'not generated';
  } catch {
    return 'none';
  }
}
