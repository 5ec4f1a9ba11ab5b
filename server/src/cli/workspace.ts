import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CaplLanguageService } from '../service/languageService';
import type { Settings } from '../service/settings';
import { WorkspaceIndex } from '../service/workspace/workspaceIndex';
import { loadFile, type LoadedFile } from './files';

/** The files a CLI command was given, in the same workspace index and inference as the editor's. */
export interface CliWorkspace {
  readonly index: WorkspaceIndex;
  readonly service: CaplLanguageService;
  readonly files: readonly LoadedFile[];
  readonly documents: readonly TextDocument[];
}

const MAX_INCLUDED_FILES = 2000;

/** The given files and, transitively, the files they include (as far as they exist on disk). */
export function loadWorkspace(files: readonly LoadedFile[], settings: Settings): CliWorkspace {
  const index = new WorkspaceIndex();
  index.setSettings(settings);
  const documents = files.map((file) => TextDocument.create(pathToFileURL(file.absolutePath).href, 'capl', 1, file.text));
  // Files read from disk, not documents being edited: the index keeps no tokens of them.
  documents.forEach((document) => index.setFile(document.uri, document.getText()));
  loadIncludedFiles(index, documents.map((document) => document.uri));
  return { index, service: new CaplLanguageService(index), files, documents };
}

function loadIncludedFiles(index: WorkspaceIndex, uris: readonly string[]): void {
  const queue = [...uris];
  let loaded = 0;
  for (let i = 0; i < queue.length && loaded < MAX_INCLUDED_FILES; i++) {
    for (const include of index.includes(queue[i])) {
      if (include.indexed || !include.uri?.startsWith('file:')) continue;
      const path = fileURLToPath(include.uri);
      if (!existsSync(path)) continue;
      try {
        index.setFile(include.uri, loadFile(path).text);
        queue.push(include.uri);
        loaded++;
      } catch {
        // An unreadable include leaves its carriers out; the including file is still checked.
      }
    }
  }
}
