import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type CaplLanguageService, type Settings } from '../service';
import { loadFile, type CaplSource, type LoadedFile } from './files';

/** The files a CLI command was given, in the same language service and inference as the editor's. */
export interface CliWorkspace {
  readonly service: CaplLanguageService;
  readonly files: readonly LoadedFile[];
  readonly documents: readonly TextDocument[];
}

const MAX_INCLUDED_FILES = 2000;

/** The given files and, transitively, the files they include (as far as they exist on disk). */
export function loadWorkspace(files: readonly LoadedFile[], settings: Settings): CliWorkspace {
  const service = createLanguageService({ settings, files: { keepsFileAnalyses: false } });
  const documents = files.map((file) => TextDocument.create(pathToFileURL(file.absolutePath).href, 'capl', 1, file.text));
  for (const document of documents) addFile(service, document.uri, document.getText());
  loadIncludedFiles(service, documents.map((document) => document.uri));
  return { service, files, documents };
}

/**
 * The given files' summaries, with the files they include: each text is read, summarised
 * and let go, so that thousands of files take what their summaries take. The service answers
 * by URI (see CaplLanguageService.fileDiagnostics).
 */
export function summariseWorkspace(sources: readonly CaplSource[], settings: Settings): { service: CaplLanguageService; uris: string[] } {
  const service = createLanguageService({ settings, files: { keepsFileAnalyses: false, keepsFileTexts: false } });
  const uris = sources.map((source) => pathToFileURL(source.absolutePath).href);
  for (const [i, source] of sources.entries()) addFile(service, uris[i], source.read().text);
  loadIncludedFiles(service, uris);
  return { service, uris };
}

/** A file read from disk, not a document being edited: no version, so the service keeps no tokens of it; summarised as it is read, so its tokens are dropped at once. */
function addFile(service: CaplLanguageService, uri: string, text: string): void {
  service.updateFile(uri, text);
  service.prepareDocument(uri);
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
        addFile(service, include, loadFile(path).text);
        queue.push(include);
        loaded++;
      } catch {
        // An unreadable include leaves its carriers out; the including file is still checked.
      }
    }
  }
}
