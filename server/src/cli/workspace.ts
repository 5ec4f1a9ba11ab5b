import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type CaplLanguageService, type Settings } from '../service';
import { loadFile, type LoadedFile } from './files';

/** The files a CLI command was given, in the same language service and inference as the editor's. */
export interface CliWorkspace {
  readonly service: CaplLanguageService;
  readonly files: readonly LoadedFile[];
  readonly documents: readonly TextDocument[];
}

const MAX_INCLUDED_FILES = 2000;

/** The given files and, transitively, the files they include (as far as they exist on disk). */
export function loadWorkspace(files: readonly LoadedFile[], settings: Settings): CliWorkspace {
  const service = createLanguageService({ settings, keepFileAnalyses: false });
  const documents = files.map((file) => TextDocument.create(pathToFileURL(file.absolutePath).href, 'capl', 1, file.text));
  // Files read from disk, not documents being edited: no version, so the service keeps no tokens of them.
  // Each summarised as it is read: its tokens are dropped at once, not held until all files are read.
  for (const document of documents) {
    service.updateFile(document.uri, document.getText());
    service.prepareDocument(document.uri);
  }
  loadIncludedFiles(service, documents.map((document) => document.uri));
  return { service, files, documents };
}

function loadIncludedFiles(service: CaplLanguageService, uris: readonly string[]): void {
  const queue = [...uris];
  let loaded = 0;
  for (let i = 0; i < queue.length && loaded < MAX_INCLUDED_FILES; i++) {
    for (const include of service.missingIncludes(queue[i])) {
      if (!include.startsWith('file:')) continue;
      const path = fileURLToPath(include);
      if (!existsSync(path)) continue;
      try {
        service.updateFile(include, loadFile(path).text);
        service.prepareDocument(include);
        queue.push(include);
        loaded++;
      } catch {
        // An unreadable include leaves its carriers out; the including file is still checked.
      }
    }
  }
}
