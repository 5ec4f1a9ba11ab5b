// Keeps capl-ids from damaging a file that VS Code decoded wrongly. CANoe writes CAPL files
// in the code page its header names (`/*@!Encoding:1252*/`, `/*@!Encoding:65001*/` for
// UTF-8); `[capl]` defaults to Windows-1252 (package.json). When a file is opened, the guard
// reopens it in the header's encoding if VS Code chose another, then checks that the text
// encodes back to exactly the bytes on disk. A file that fails either check gets no edit
// from capl-ids (quick fixes, fix-all on save, completion, panel inserts), and the user is
// told once why: saving it would rewrite bytes nobody edited.
import * as path from 'path';
import * as vscode from 'vscode';
import { codePageInHeader, encodingMatches, vscodeEncodingOf } from './codePages';

export type EncodingVerdict = { readonly editable: true } | { readonly editable: false; readonly reason: string };

const EDITABLE: EncodingVerdict = { editable: true };
const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
const REOPEN = 'Reopen with Encoding';

export class EncodingGuard implements vscode.Disposable {
  /** Per document, the check of its bytes on disk against its text when it last had no unsaved changes. */
  private readonly checks = new Map<string, { encoding: string; version: number; verdict: Promise<EncodingVerdict> }>();
  private readonly warned = new Set<string>();
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      vscode.workspace.onDidOpenTextDocument((document) => void this.verdictOf(document)),
      // Saving changed the bytes on disk; closing ends what the user was told.
      vscode.workspace.onDidSaveTextDocument((document) => this.checks.delete(document.uri.toString())),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.checks.delete(document.uri.toString());
        this.warned.delete(document.uri.toString());
      }),
    ];
    for (const document of vscode.workspace.textDocuments) void this.verdictOf(document);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Whether capl-ids may edit `document`; when not, the user has been told why. */
  async allowsEdits(document: vscode.TextDocument): Promise<boolean> {
    return (await this.verdictOf(document)).editable;
  }

  /** Whether `document` (a CAPL file) reads as its header says and saves back to the bytes it was read from. */
  async verdictOf(document: vscode.TextDocument): Promise<EncodingVerdict> {
    if (document.languageId !== 'capl') return EDITABLE;
    const key = document.uri.toString();
    let check = this.checks.get(key);
    // Reopening in another encoding changes the encoding and then the text, each with its own event.
    if (!check || check.encoding !== document.encoding || (!document.isDirty && check.version !== document.version)) {
      check = { encoding: document.encoding, version: document.version, verdict: this.checkOnDisk(document) };
      this.checks.set(key, check);
    }
    const onDisk = await check.verdict;
    // The header is read again each time (after the check, which may reopen the document): it may have been edited since.
    const byHeader = headerVerdict(this.current(document));
    const verdict = byHeader.editable ? onDisk : byHeader;
    if (!verdict.editable) this.warnOnce(this.current(document), verdict.reason);
    return verdict;
  }

  /** The open document of `document`'s file (reopening in another encoding keeps the uri). */
  private current(document: vscode.TextDocument): vscode.TextDocument {
    return vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === document.uri.toString()) ?? document;
  }

  private async checkOnDisk(opened: vscode.TextDocument): Promise<EncodingVerdict> {
    let document = opened;
    const codePage = codePageInHeader(firstLine(document));
    const wanted = codePage === undefined ? undefined : vscodeEncodingOf(codePage);
    if (codePage !== undefined && wanted && !encodingMatches(document.encoding, codePage)) document = await this.reopen(document, wanted);
    const byHeader = headerVerdict(document);
    if (!byHeader.editable) return byHeader;
    const bytes = await this.bytesOnDisk(document);
    // Unsaved changes (a restored backup) leave nothing to compare with.
    if (!bytes || document.isDirty) return EDITABLE;
    if (await savesAs(document, bytes)) return EDITABLE;
    // Without a header, bytes that are valid UTF-8 are read as UTF-8 (as the CLI reads them).
    if (codePage === undefined && isUtf8(bytes)) {
      document = await this.reopen(document, 'utf8');
      if (await savesAs(document, bytes)) return EDITABLE;
    }
    return { editable: false, reason: `it does not read back as ${document.encoding} (saving it would change bytes nobody edited)` };
  }

  /** The document decoded as `encoding`; unchanged when it has unsaved changes or VS Code refuses. */
  private async reopen(document: vscode.TextDocument, encoding: string): Promise<vscode.TextDocument> {
    if (document.isDirty || document.encoding === 'utf8bom') return document;
    try {
      return await vscode.workspace.openTextDocument(document.uri, { encoding });
    } catch {
      return document;
    }
  }

  private async bytesOnDisk(document: vscode.TextDocument): Promise<Uint8Array | undefined> {
    if (document.isUntitled) return undefined;
    try {
      return await vscode.workspace.fs.readFile(document.uri);
    } catch {
      return undefined;
    }
  }

  private warnOnce(document: vscode.TextDocument, reason: string): void {
    const key = document.uri.toString();
    if (this.warned.has(key)) return;
    this.warned.add(key);
    const name = path.basename(document.uri.path);
    const message = `${name}: ${reason}. CAPL IDs makes no edits to this file (quick fixes, fix-all on save, completion, panel inserts) until it is reopened in its own encoding; saving your own edits would change it too.`;
    void vscode.window.showWarningMessage(message, REOPEN).then(async (choice) => {
      if (choice !== REOPEN) return;
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.editor.changeEncoding');
    });
  }
}

function firstLine(document: vscode.TextDocument): string {
  return document.lineCount > 0 ? document.lineAt(0).text : '';
}

/** Whether the document is open in the encoding its header names. */
function headerVerdict(document: vscode.TextDocument): EncodingVerdict {
  const codePage = codePageInHeader(firstLine(document));
  if (codePage === undefined || encodingMatches(document.encoding, codePage)) return EDITABLE;
  if (!vscodeEncodingOf(codePage)) return { editable: false, reason: `its header names code page ${codePage}, which VS Code cannot read or write` };
  return { editable: false, reason: `its header names code page ${codePage}, but it is open as ${document.encoding}` };
}

/** Whether saving the document unchanged would write exactly `bytes`. */
async function savesAs(document: vscode.TextDocument, bytes: Uint8Array): Promise<boolean> {
  const encoded = await vscode.workspace.encode(document.getText(), { encoding: document.encoding });
  if (sameBytes(encoded, bytes)) return true;
  // Whether encode() writes the byte order mark of 'utf8bom' is not documented: accept either.
  return document.encoding === 'utf8bom' && bytes.length === encoded.length + UTF8_BOM.length && sameBytes(UTF8_BOM, bytes.subarray(0, 3)) && sameBytes(encoded, bytes.subarray(3));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function activate(context: vscode.ExtensionContext): EncodingGuard {
  const guard = new EncodingGuard();
  context.subscriptions.push(guard);
  return guard;
}
