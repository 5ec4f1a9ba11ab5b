import { DiagnosticSeverity, type CodeDescription, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAnalysis } from '../analysis/types';
import type { SeveritySetting, Settings } from '../settings';
import { spanRange } from './positions';
import { hasMirrorProblem, idProblemCode, memoisedIdProblemMessage, mirrorProblemMessage, mirrorProblemSpan } from './problems';

export const SOURCE = 'capl-ids';
export const README_URL = 'https://github.com/capl-ids/capl-ids/blob/main/README.md';

/** Stable diagnostic codes; each has a README section of the same name. */
export type DiagnosticCode = 'unknown-id' | 'wrong-table' | 'magic-number' | 'ambiguous-id' | 'enum-mismatch' | 'invalid-annotation';

export const DIAGNOSTIC_CODES: readonly DiagnosticCode[] = ['unknown-id', 'wrong-table', 'magic-number', 'ambiguous-id', 'enum-mismatch', 'invalid-annotation'];

const DEFAULT_SEVERITY: Record<Exclude<DiagnosticCode, 'magic-number'>, SeveritySetting> = {
  'unknown-id': 'error',
  'wrong-table': 'warning',
  'ambiguous-id': 'information',
  'enum-mismatch': 'warning',
  'invalid-annotation': 'warning',
};

const SEVERITIES: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** One per code, shared by all diagnostics of that code (they are only ever serialised). */
const CODE_DESCRIPTIONS = Object.fromEntries(DIAGNOSTIC_CODES.map((code) => [code, Object.freeze({ href: `${README_URL}#${code}` })])) as Record<DiagnosticCode, CodeDescription>;

export function getDiagnostics(document: TextDocument, analysis: FileAnalysis, settings: Settings): Diagnostic[] {
  const severities = reportedSeverities(settings);
  const idProblemMessage = memoisedIdProblemMessage();
  const diagnostics: Diagnostic[] = [];
  const add = (code: DiagnosticCode, range: Range, message: string) => {
    const severity = severities[code];
    if (severity === undefined || isSilenced(analysis, range.start.line, code)) return;
    diagnostics.push({ range, severity, code, codeDescription: CODE_DESCRIPTIONS[code], source: SOURCE, message });
  };

  for (const id of analysis.ids) {
    const code = idProblemCode(id);
    if (code === undefined || severities[code] === undefined) continue;
    // An ID literal is one number token: it never spans lines.
    const start = document.positionAt(id.start);
    add(code, { start, end: { line: start.line, character: start.character + id.end - id.start } }, idProblemMessage(id, code));
  }
  for (const mirror of analysis.enumMirrors) {
    for (const member of mirror.members) {
      if (hasMirrorProblem(member)) add('enum-mismatch', spanRange(document, mirrorProblemSpan(member)), mirrorProblemMessage(mirror, member));
    }
  }
  for (const problem of analysis.annotationProblems) add('invalid-annotation', spanRange(document, problem), problem.message);
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Whether the current settings and silencing comments let `code` be reported on `line`. */
export function isReported(analysis: FileAnalysis, settings: Settings, code: DiagnosticCode, line: number): boolean {
  return severityOf(code, settings) !== 'off' && !isSilenced(analysis, line, code);
}

/** The LSP severity of each code, undefined for the codes that are off. */
function reportedSeverities(settings: Settings): Partial<Record<DiagnosticCode, DiagnosticSeverity>> {
  const severities: Partial<Record<DiagnosticCode, DiagnosticSeverity>> = {};
  for (const code of DIAGNOSTIC_CODES) {
    const severity = severityOf(code, settings);
    if (severity !== 'off') severities[code] = SEVERITIES[severity];
  }
  return severities;
}

function severityOf(code: DiagnosticCode, settings: Settings): SeveritySetting {
  const configured = settings.diagnostics.severity[code];
  if (configured) return configured;
  return code === 'magic-number' ? settings.diagnostics.magicNumber : DEFAULT_SEVERITY[code];
}

function isSilenced(analysis: FileAnalysis, line: number, code: DiagnosticCode): boolean {
  const codes = analysis.silencedLines.get(line);
  return codes !== undefined && (codes.length === 0 || codes.includes(code));
}
