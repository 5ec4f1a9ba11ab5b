import { DiagnosticSeverity, type CodeDescription, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { editOf, type JudgedEdit } from '../analysis/judge';
import type { FileAnalysis, IdLiteral } from '../analysis/types';
import { countWhile } from '../text/sorted';
import type { SeveritySetting, Settings } from '../settings';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnosticCodes';
import type { DuplicateConstant } from './duplicateConstants';
import { spanRange, type Positions } from './positions';
import { hasMirrorProblem, idProblemCode, memoisedIdProblemMessage, mirrorProblemMessage, mirrorProblemSpan } from './problems';

export const SOURCE = 'capl-ids';
export const README_URL = 'https://github.com/capl-ids/capl-ids/blob/main/README.md';
/** The explanation of each code, a section (`#code`) per code. */
export const DIAGNOSTICS_URL = 'https://github.com/capl-ids/capl-ids/blob/main/docs/diagnostics.md';

// The CLI's SARIF report reads the codes here, beside SOURCE and the URLs.
export { DIAGNOSTIC_CODES };

const DEFAULT_SEVERITY: Record<Exclude<DiagnosticCode, 'magic-number'>, SeveritySetting> = {
  'unknown-id': 'error',
  'wrong-table': 'warning',
  'ambiguous-id': 'information',
  'enum-mismatch': 'warning',
  'duplicate-constant': 'error',
  'invalid-annotation': 'warning',
};

const SEVERITIES: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** One per code, shared by all diagnostics of that code (they are only ever serialised). */
const CODE_DESCRIPTIONS = Object.fromEntries(DIAGNOSTIC_CODES.map((code) => [code, Object.freeze({ href: `${DIAGNOSTICS_URL}#${code}` })])) as Record<DiagnosticCode, CodeDescription>;

/** An analysis's diagnostics of its ID literals, one per literal in order (null: none, or its code is off), per settings. */
const idReports = new WeakMap<Settings, WeakMap<FileAnalysis, readonly (Diagnostic | null)[]>>();

/** `duplicates`: the file's redundant constant definitions (they depend on its includes, not on its analysis). */
export function getDiagnostics(positions: Positions, analysis: FileAnalysis, settings: Settings, duplicates: readonly DuplicateConstant[] = []): Diagnostic[] {
  const severities = reportedSeverities(settings);
  const diagnostic = (code: DiagnosticCode, range: Range, message: string): Diagnostic | null => {
    const severity = severities[code];
    if (severity === undefined) return null;
    return { range, severity, code, codeDescription: CODE_DESCRIPTIONS[code], source: SOURCE, message };
  };
  let ofAnalysis = idReports.get(settings);
  if (!ofAnalysis) idReports.set(settings, (ofAnalysis = new WeakMap()));
  let reports = ofAnalysis.get(analysis);
  if (!reports) {
    const fresh = idDiagnosticOf(positions, diagnostic);
    const edit = editOf(analysis);
    const before = edit && ofAnalysis.get(edit.base);
    ofAnalysis.set(analysis, (reports = before ? editedReports(positions, analysis, edit, before, fresh) : analysis.ids.map(fresh)));
  }

  const silencing = analysis.silencedLines.size > 0;
  const reported = (found: Diagnostic | null): found is Diagnostic =>
    found !== null && !(silencing && isSilenced(analysis, found.range.start.line, found.code as DiagnosticCode));
  const ofIds = reports.filter(reported);
  const others: (Diagnostic | null)[] = [];
  for (const mirror of analysis.enumMirrors) {
    for (const member of mirror.members) {
      if (hasMirrorProblem(member)) others.push(diagnostic('enum-mismatch', spanRange(positions, mirrorProblemSpan(member)), mirrorProblemMessage(mirror, member)));
    }
  }
  for (const duplicate of duplicates) others.push(diagnostic('duplicate-constant', spanRange(positions, duplicate.nameSpan), duplicate.message));
  for (const problem of analysis.annotationProblems) others.push(diagnostic('invalid-annotation', spanRange(positions, problem), problem.message));
  return mergeByPosition(ofIds, others.filter(reported).sort(byPosition));
}

/** The diagnostic of one ID literal, made anew. */
function idDiagnosticOf(
  positions: Positions, diagnostic: (code: DiagnosticCode, range: Range, message: string) => Diagnostic | null,
): (id: IdLiteral) => Diagnostic | null {
  const idProblemMessage = memoisedIdProblemMessage();
  return (id) => {
    const code = idProblemCode(id);
    if (code === undefined) return null;
    const start = positions.positionAt(id.start);
    // An ID literal is one number token: it never spans lines.
    return diagnostic(code, { start, end: { line: start.line, character: start.character + id.end - id.start } }, idProblemMessage(id, code));
  };
}

/**
 * The ID literals' reports after edits that kept every carrier's tables (see judgeEdited):
 * before the change the base's, in it made anew, after it the base's moved by the lines the
 * edits added (made anew on the line where the change ends, where they move along the line).
 */
function editedReports(
  positions: Positions, analysis: FileAnalysis, { base, change, lineDelta, moved }: JudgedEdit, before: readonly (Diagnostic | null)[], fresh: (id: IdLiteral) => Diagnostic | null,
): (Diagnostic | null)[] {
  const { ids } = analysis;
  const head = countWhile(ids, (id) => id.start < change.start);
  const reports = before.slice(0, head);
  for (let i = head; i < ids.length - moved; i++) reports.push(fresh(ids[i]));
  const changeEndLine = positions.positionAt(change.newEnd).line - lineDelta;
  for (let i = ids.length - moved, b = base.ids.length - moved; i < ids.length; i++, b++) {
    const report = before[b];
    if (report === null || lineDelta === 0 && report.range.start.line > changeEndLine) reports.push(report);
    else if (report.range.start.line > changeEndLine) reports.push({ ...report, range: linesDown(report.range, lineDelta) });
    else reports.push(fresh(ids[i]));
  }
  return reports;
}

function linesDown({ start, end }: Range, lines: number): Range {
  return { start: { line: start.line + lines, character: start.character }, end: { line: end.line + lines, character: end.character } };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** The IDs' diagnostics come in order already: only the few others need sorting in. */
function mergeByPosition(sorted: Diagnostic[], others: readonly Diagnostic[]): Diagnostic[] {
  if (others.length === 0) return sorted;
  const merged: Diagnostic[] = [];
  let i = 0;
  for (const other of others) {
    while (i < sorted.length && byPosition(sorted[i], other) <= 0) merged.push(sorted[i++]);
    merged.push(other);
  }
  while (i < sorted.length) merged.push(sorted[i++]);
  return merged;
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
