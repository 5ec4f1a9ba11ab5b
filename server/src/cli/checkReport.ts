import { severityName, type CheckedFile, type CheckSummary } from './check';
import { codeClimateIssues } from './codeClimate';
import type { Paint, Style } from './colour';
import { githubAnnotations } from './githubAnnotations';
import { sarifLog } from './sarif';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'codeclimate', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export function isCheckFormat(name: string): name is CheckFormat {
  return (CHECK_FORMATS as readonly string[]).includes(name);
}

/** The report in a format; only text has colour, and only when `paint` gives it. */
export function renderCheck(checked: readonly CheckedFile[], summary: CheckSummary, format: CheckFormat, version: string, paint: Paint): string {
  switch (format) {
    case 'json':
      return JSON.stringify(checked.map(({ file, diagnostics, fixed }) => ({
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
      })), null, 2);
    case 'sarif':
      return JSON.stringify(sarifLog(checked, version), null, 2);
    case 'codeclimate':
      return JSON.stringify(codeClimateIssues(checked), null, 2);
    case 'github':
      return githubAnnotations(checked).join('\n');
    case 'text':
      return renderText(checked, summary, paint);
  }
}

const SEVERITY_STYLES: Record<string, Style> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'dim' };

/** Compiler-style lines `file:line:col: severity code message`, then a summary. */
function renderText(checked: readonly CheckedFile[], summary: CheckSummary, paint: Paint): string {
  const lines: string[] = [];
  for (const { file, diagnostics, fixed } of checked) {
    if (fixed) lines.push(`${file.displayPath}: fixed`);
    for (const diagnostic of diagnostics) {
      const { line, character } = diagnostic.range.start;
      const severity = severityName(diagnostic);
      lines.push(`${file.displayPath}:${line + 1}:${character + 1}: ${paint(SEVERITY_STYLES[severity], severity)} ${String(diagnostic.code)} ${diagnostic.message}`);
    }
  }
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  lines.push(paint('bold', `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.others} hints and infos in ${plural(checked.length, 'file')}${summary.fixedFiles > 0 ? `; fixed ${plural(summary.fixedFiles, 'file')}` : ''}`));
  return lines.join('\n');
}
