import type { Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_CODES, README_URL, SOURCE } from '../service/features/diagnostics';
import { severityName, type CheckedFile, type CheckSummary } from './check';

export type CheckFormat = 'text' | 'json' | 'sarif';

export function renderCheck(checked: readonly CheckedFile[], summary: CheckSummary, format: CheckFormat, version: string): string {
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
      return JSON.stringify(sarif(checked, version), null, 2);
    case 'text':
      return renderText(checked, summary);
  }
}

/** Compiler-style lines `file:line:col: severity code message`, then a summary. */
function renderText(checked: readonly CheckedFile[], summary: CheckSummary): string {
  const lines: string[] = [];
  for (const { file, diagnostics, fixed } of checked) {
    if (fixed) lines.push(`${file.displayPath}: fixed`);
    for (const diagnostic of diagnostics) {
      const { line, character } = diagnostic.range.start;
      lines.push(`${file.displayPath}:${line + 1}:${character + 1}: ${severityName(diagnostic)} ${String(diagnostic.code)} ${diagnostic.message}`);
    }
  }
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  lines.push(`${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.others} hints and infos in ${plural(checked.length, 'file')}${summary.fixedFiles > 0 ? `; fixed ${plural(summary.fixedFiles, 'file')}` : ''}`);
  return lines.join('\n');
}

const SARIF_LEVELS: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function sarif(checked: readonly CheckedFile[], version: string) {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: SOURCE,
          version,
          informationUri: README_URL,
          rules: DIAGNOSTIC_CODES.map((code) => ({ id: code, helpUri: `${README_URL}#${code}` })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: checked.flatMap(({ file, diagnostics }) => diagnostics.map((diagnostic: Diagnostic) => ({
        ruleId: String(diagnostic.code),
        level: SARIF_LEVELS[severityName(diagnostic)],
        message: { text: diagnostic.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: file.displayPath },
            region: {
              startLine: diagnostic.range.start.line + 1,
              startColumn: diagnostic.range.start.character + 1,
              endLine: diagnostic.range.end.line + 1,
              endColumn: diagnostic.range.end.character + 1,
            },
          },
        }],
      }))),
    }],
  };
}
