import { counted, NO_FILES_CHECKED, severityName, type CheckedFile, type CheckSummary } from './check';
import { codeClimateIssues } from './codeClimate';
import type { Paint, Style } from './colour';
import { githubAnnotations } from './githubAnnotations';
import { jsonArray, jsonItem, jsonItems } from './jsonText';
import { sarifLog, sarifResults } from './sarif';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'codeclimate', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export function isCheckFormat(name: string): name is CheckFormat {
  return (CHECK_FORMATS as readonly string[]).includes(name);
}

/**
 * A report written as the files are checked: each file's diagnostics become text as soon as
 * it is added, so that a check of thousands of files never holds all their diagnostics.
 */
export interface CheckReport {
  add(checked: CheckedFile): void;
  /** The whole report (only text has colour, and only when `paint` gives it), and what it counted. */
  finish(): { readonly output: string; readonly summary: CheckSummary };
}

/**
 * How a format writes one file's part of the report (empty when the file has nothing to
 * report), and the report around the parts. A part is one flat string: the many small
 * strings that make it are left behind at once.
 */
interface Format {
  part(checked: CheckedFile): string;
  whole(parts: readonly string[], summary: CheckSummary): string;
}

export function checkReport(format: CheckFormat, version: string, paint: Paint): CheckReport {
  const { part, whole } = FORMATS[format](version, paint);
  const parts: string[] = [];
  let summary = NO_FILES_CHECKED;
  return {
    add(checked) {
      summary = counted(summary, checked);
      const text = part(checked);
      if (text) parts.push(text);
    },
    finish: () => ({ output: whole(parts, summary), summary }),
  };
}

const FORMATS: Record<CheckFormat, (version: string, paint: Paint) => Format> = {
  text: (_version, paint) => ({ part: (checked) => textLines(checked, paint).join('\n'), whole: (lines, summary) => [...lines, summaryLine(summary, paint)].join('\n') }),
  json: () => ({ part: (checked) => jsonItem(fileJson(checked), 1), whole: (items) => jsonArray(items, 1) }),
  sarif: (version) => ({ part: (checked) => jsonItems(sarifResults(checked), 4), whole: (results) => sarifLog(version, results) }),
  codeclimate: () => ({ part: (checked) => jsonItems(codeClimateIssues(checked), 1), whole: (issues) => jsonArray(issues, 1) }),
  github: () => ({ part: (checked) => githubAnnotations(checked).join('\n'), whole: (lines) => lines.join('\n') }),
};

function fileJson({ file, diagnostics, fixed }: CheckedFile) {
  return {
    file: file.displayPath,
    fixed,
    diagnostics: diagnostics.map((diagnostic) => ({
      line: diagnostic.range.start.line + 1,
      column: diagnostic.range.start.character + 1,
      endLine: diagnostic.range.end.line + 1,
      endColumn: diagnostic.range.end.character + 1,
      severity: severityName(diagnostic),
      code: diagnostic.code,
      message: diagnostic.message,
    })),
  };
}

const SEVERITY_STYLES: Record<string, Style> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'dim' };

/** Compiler-style lines `file:line:col: severity code message`. */
function textLines({ file, diagnostics, fixed }: CheckedFile, paint: Paint): string[] {
  const lines = fixed ? [`${file.displayPath}: fixed`] : [];
  for (const diagnostic of diagnostics) {
    const { line, character } = diagnostic.range.start;
    const severity = severityName(diagnostic);
    lines.push(`${file.displayPath}:${line + 1}:${character + 1}: ${paint(SEVERITY_STYLES[severity], severity)} ${String(diagnostic.code)} ${diagnostic.message}`);
  }
  return lines;
}

function summaryLine(summary: CheckSummary, paint: Paint): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return paint('bold', `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.others} hints and infos in ${plural(summary.files, 'file')}${summary.fixedFiles > 0 ? `; fixed ${plural(summary.fixedFiles, 'file')}` : ''}`);
}
