import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../service';
import { writeFileAtomically } from '../atomicWrite';
import { encodeCapl } from '../files/caplEncoding';
import { CliError } from './errors';
import { describe, loaded, type CaplSource } from './files';
import { loadWorkspace, summariseWorkspace } from './workspace';

export interface CheckedFile {
  readonly file: CaplSource;
  readonly diagnostics: readonly Diagnostic[];
  readonly fixed: boolean;
}

/**
 * The editor's diagnostics for the given files, analysed together with the files they
 * include, handed to `checked` one file at a time (a report need not hold them all). With
 * `fix`, the preferred fixes are written back first: same encoding, BOM and line ends,
 * written atomically, and only the files named on the command line.
 */
export function checkFiles(sources: readonly CaplSource[], settings: Settings, fix: boolean, checked: (file: CheckedFile) => void): void {
  if (!fix) {
    const { service, uris } = summariseWorkspace(sources, settings);
    for (const [position, file] of sources.entries()) checked({ file, diagnostics: service.fileDiagnostics(uris[position]), fixed: false });
    return;
  }
  const files = sources.map(loaded);
  const { service, documents } = loadWorkspace(files, settings);
  for (const [position, file] of files.entries()) {
    let document = documents[position];
    let fixed = false;
    const edits = service.fixAllEdits(document);
    if (edits.length > 0) {
      const text = TextDocument.applyEdits(document, edits);
      try {
        writeFileAtomically(file.absolutePath, encodeCapl(text, file.encoding, file.bom));
      } catch (error) {
        throw new CliError(`cannot write ${file.displayPath}: ${describe(error)}; the file is unchanged`);
      }
      document = TextDocument.create(document.uri, 'capl', document.version + 1, text);
      service.updateFile(document.uri, text);
      fixed = true;
    }
    checked({ file: sources[position], diagnostics: service.doValidation(document), fixed });
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
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly others: number;
  readonly fixedFiles: number;
}

export const NO_FILES_CHECKED: CheckSummary = { files: 0, errors: 0, warnings: 0, others: 0, fixedFiles: 0 };

/** `summary` with one more checked file counted. */
export function counted(summary: CheckSummary, { diagnostics, fixed }: CheckedFile): CheckSummary {
  let { errors, warnings, others } = summary;
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === DiagnosticSeverity.Error) errors++;
    else if (diagnostic.severity === DiagnosticSeverity.Warning) warnings++;
    else others++;
  }
  return { files: summary.files + 1, errors, warnings, others, fixedFiles: summary.fixedFiles + (fixed ? 1 : 0) };
}

/** ESLint's convention: 1 when there are errors or more warnings than allowed, else 0. */
export function checkExitCode(summary: CheckSummary, maxWarnings: number | undefined): number {
  if (summary.errors > 0) return 1;
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) return 1;
  return 0;
}
