import { DiagnosticSeverity, type CodeDescription, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAnalysis, IdLiteral } from '../analysis/types';
import { composeChanges, type TextChange } from '../syntax/reparse';
import { countWhile } from '../text/sorted';
import type { AnalysisEdit } from '../workspace/workspaceIndex';
import type { SeveritySetting, Settings } from '../settings';
import type { DuplicateConstant } from './duplicateConstants';
import { spanRange } from './positions';
import { hasMirrorProblem, idProblemCode, memoisedIdProblemMessage, mirrorProblemMessage, mirrorProblemSpan } from './problems';

export const SOURCE = 'capl-ids';
export const README_URL = 'https://github.com/capl-ids/capl-ids/blob/main/README.md';

/** Stable diagnostic codes; each has a README section of the same name. */
export type DiagnosticCode = 'unknown-id' | 'wrong-table' | 'magic-number' | 'ambiguous-id' | 'enum-mismatch' | 'duplicate-constant' | 'invalid-annotation';

export const DIAGNOSTIC_CODES: readonly DiagnosticCode[] = [
  'unknown-id', 'wrong-table', 'magic-number', 'ambiguous-id', 'enum-mismatch', 'duplicate-constant', 'invalid-annotation',
];

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
const CODE_DESCRIPTIONS = Object.fromEntries(DIAGNOSTIC_CODES.map((code) => [code, Object.freeze({ href: `${README_URL}#${code}` })])) as Record<DiagnosticCode, CodeDescription>;

/** An analysis's diagnostics of its ID literals, one per literal in order (null: none, or its code is off). */
interface IdReports {
  readonly diagnostics: readonly (Diagnostic | null)[];
  /** Of the document they were computed on: how far the lines after an edit moved. */
  readonly lineCount: number;
}

/** Per settings and analysis, so that the analysis an edit derives from it starts from them. */
const idReports = new WeakMap<Settings, WeakMap<FileAnalysis, IdReports>>();

/** `duplicates`: the file's redundant constant definitions (they depend on its includes, not on its analysis). */
export function getDiagnostics(
  document: TextDocument, analysis: FileAnalysis, settings: Settings, edit?: AnalysisEdit, duplicates: readonly DuplicateConstant[] = [],
): Diagnostic[] {
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
    const idDiagnostic = idDiagnosticOf(document, diagnostic);
    const from = edit?.after === analysis ? diagnosedBefore(edit, ofAnalysis) : undefined;
    reports = {
      diagnostics: from ? editedIdDiagnostics(document, analysis.ids, from, idDiagnostic) : analysis.ids.map(idDiagnostic),
      lineCount: document.lineCount,
    };
    ofAnalysis.set(analysis, reports);
  }

  const silencing = analysis.silencedLines.size > 0;
  const reported = (found: Diagnostic | null): found is Diagnostic =>
    found !== null && !(silencing && isSilenced(analysis, found.range.start.line, found.code as DiagnosticCode));
  const ofIds = reports.diagnostics.filter(reported);
  const others: (Diagnostic | null)[] = [];
  for (const mirror of analysis.enumMirrors) {
    for (const member of mirror.members) {
      if (hasMirrorProblem(member)) others.push(diagnostic('enum-mismatch', spanRange(document, mirrorProblemSpan(member)), mirrorProblemMessage(mirror, member)));
    }
  }
  for (const duplicate of duplicates) others.push(diagnostic('duplicate-constant', spanRange(document, duplicate.nameSpan), duplicate.message));
  for (const problem of analysis.annotationProblems) others.push(diagnostic('invalid-annotation', spanRange(document, problem), problem.message));
  return mergeByPosition(ofIds, others.filter(reported).sort(byPosition));
}

/** The diagnostic of one ID literal, made anew. */
function idDiagnosticOf(
  document: TextDocument, diagnostic: (code: DiagnosticCode, range: Range, message: string) => Diagnostic | null,
): (id: IdLiteral) => Diagnostic | null {
  const idProblemMessage = memoisedIdProblemMessage();
  return (id) => {
    const code = idProblemCode(id);
    if (code === undefined) return null;
    const start = document.positionAt(id.start);
    // An ID literal is one number token: it never spans lines.
    return diagnostic(code, { start, end: { line: start.line, character: start.character + id.end - id.start } }, idProblemMessage(id, code));
  };
}

/** An earlier analysis whose ID diagnostics are known, and one change that covers every edit since. */
interface DiagnosedBefore {
  readonly ids: readonly IdLiteral[];
  readonly reports: IdReports;
  readonly change: TextChange;
}

/** The latest analysis in the edit's chain that has ID diagnostics, if any (when diagnostics were not asked for after every edit). */
function diagnosedBefore(edit: AnalysisEdit, ofAnalysis: WeakMap<FileAnalysis, IdReports>): DiagnosedBefore | undefined {
  let step: AnalysisEdit | undefined = edit;
  let change = edit.change;
  while (step) {
    const reports = ofAnalysis.get(step.before);
    if (reports) return { ids: step.before.ids, reports, change };
    step = step.earlier;
    if (step) change = composeChanges(step.change, change);
  }
  return undefined;
}

/**
 * The ID diagnostics of an analysis made by edits from one whose diagnostics are known,
 * without visiting every literal: those before the change keep theirs, those on lines after
 * it keep theirs or move by the lines it added, and only the ones in between (the
 * re-analysed bodies) go through `idDiagnostic`. A literal counts as kept only while it is
 * the same object as before (the re-analysis of one body keeps all others).
 */
function editedIdDiagnostics(
  document: TextDocument, ids: readonly IdLiteral[], before: DiagnosedBefore, idDiagnostic: (id: IdLiteral) => Diagnostic | null,
): (Diagnostic | null)[] {
  const { ids: old, reports, change } = before;
  const shift = ids.length - old.length;
  // Literals wholly before the change are where they were.
  const beforeChange = countWhile(ids, (id) => id.end <= change.start);
  let head = 0;
  while (head < beforeChange && ids[head] === old[head]) head++;
  // Literals after the change, on a later line than its end, moved by whole lines only.
  const endLine = document.positionAt(change.newEnd).line;
  let afterChange = countWhile(ids, (id) => id.start < change.newEnd);
  while (afterChange < ids.length && document.positionAt(ids[afterChange].start).line === endLine) afterChange++;
  let tail = ids.length;
  while (tail > Math.max(afterChange, head, head + shift) && ids[tail - 1] === old[tail - 1 - shift]) tail--;

  const lineDelta = document.lineCount - reports.lineCount;
  const diagnostics: (Diagnostic | null)[] = reports.diagnostics.slice(0, head);
  for (let k = head; k < tail; k++) diagnostics.push(idDiagnostic(ids[k]));
  for (let k = tail; k < ids.length; k++) {
    const kept = reports.diagnostics[k - shift];
    diagnostics.push(kept === null || lineDelta === 0 ? kept : movedDown(kept, lineDelta));
  }
  return diagnostics;
}

function movedDown(diagnostic: Diagnostic, lines: number): Diagnostic {
  const { start, end } = diagnostic.range;
  return { ...diagnostic, range: { start: { line: start.line + lines, character: start.character }, end: { line: end.line + lines, character: end.character } } };
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
