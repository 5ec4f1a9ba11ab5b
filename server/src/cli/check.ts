import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllEdits } from '../service/features/codeActions';
import { CaplLanguageService } from '../service/languageService';
import type { Settings } from '../service/settings';
import { WorkspaceIndex } from '../service/workspace/workspaceIndex';
import { writeFileAtomically } from '../atomicWrite';
import { encodeCapl } from '../files/caplEncoding';
import { CliError } from './errors';
import { describe, loadFile, type LoadedFile } from './files';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

export interface CheckedFile {
  readonly file: LoadedFile;
  readonly document: TextDocument;
  readonly diagnostics: readonly Diagnostic[];
  readonly fixed: boolean;
}

const MAX_INCLUDED_FILES = 2000;

/**
 * The editor's diagnostics for the given files, analysed together with the files they
 * include. With `fix`, the preferred fixes are written back first: same encoding, BOM and
 * line ends, written atomically, and only the files named on the command line.
 */
export function checkFiles(files: readonly LoadedFile[], settings: Settings, fix: boolean): CheckedFile[] {
  const index = new WorkspaceIndex();
  index.setSettings(settings);
  const service = new CaplLanguageService(index);
  const documents = files.map((file) => TextDocument.create(pathToFileURL(file.absolutePath).href, 'capl', 1, file.text));
  documents.forEach((document) => index.setFile(document.uri, document.getText(), document.version));
  loadIncludedFiles(index, documents.map((document) => document.uri));

  return files.map((file, position) => {
    let document = documents[position];
    let fixed = false;
    if (fix) {
      const edits = fixAllEdits(document, service.doValidation(document), index);
      if (edits.length > 0) {
        const text = TextDocument.applyEdits(document, edits);
        try {
          writeFileAtomically(file.absolutePath, encodeCapl(text, file.encoding, file.bom));
        } catch (error) {
          throw new CliError(`cannot write ${file.displayPath}: ${describe(error)}; the file is unchanged`);
        }
        document = TextDocument.create(document.uri, 'capl', document.version + 1, text);
        index.setFile(document.uri, text, document.version);
        fixed = true;
      }
    }
    return { file, document, diagnostics: service.doValidation(document), fixed };
  });
}

/** Adds the files that the given ones include, transitively, as far as they exist on disk. */
function loadIncludedFiles(index: WorkspaceIndex, uris: readonly string[]): void {
  const queue = [...uris];
  for (let i = 0; i < queue.length && index.uris().length < MAX_INCLUDED_FILES; i++) {
    for (const include of index.includes(queue[i])) {
      if (include.indexed || !include.uri?.startsWith('file:')) continue;
      const path = fileURLToPath(include.uri);
      if (!existsSync(path)) continue;
      try {
        index.setFile(include.uri, loadFile(path).text);
        queue.push(include.uri);
      } catch {
        // An unreadable include leaves its facts out; the including file is still checked.
      }
    }
  }
}

const SEVERITY_NAMES: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

export function severityName(diagnostic: Diagnostic): string {
  return SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Error];
}

export interface CheckSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly others: number;
  readonly fixedFiles: number;
}

export function summarise(checked: readonly CheckedFile[]): CheckSummary {
  let errors = 0;
  let warnings = 0;
  let others = 0;
  for (const { diagnostics } of checked) {
    for (const diagnostic of diagnostics) {
      if (diagnostic.severity === DiagnosticSeverity.Error) errors++;
      else if (diagnostic.severity === DiagnosticSeverity.Warning) warnings++;
      else others++;
    }
  }
  return { errors, warnings, others, fixedFiles: checked.filter((c) => c.fixed).length };
}

/** ESLint's convention: 1 when there are errors or more warnings than allowed, else 0. */
export function checkExitCode(summary: CheckSummary, maxWarnings: number | undefined): number {
  if (summary.errors > 0) return 1;
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) return 1;
  return 0;
}
