import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_CODES, DIAGNOSTICS_URL, README_URL, SOURCE } from '../service';
import { severityName, type CheckedFile } from './check';
import { jsonArray } from './jsonText';

const SARIF_LEVELS: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A SARIF 2.1.0 log: one run, a rule per diagnostic code, and the results (made by sarifResults and jsonItem at depth 4). */
export function sarifLog(version: string, results: readonly string[]): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: SOURCE,
          version,
          informationUri: README_URL,
          rules: DIAGNOSTIC_CODES.map((code) => ({ id: code, helpUri: `${DIAGNOSTICS_URL}#${code}` })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: [],
    }],
  };
  return JSON.stringify(log, null, 2).replace('"results": []', () => `"results": ${jsonArray(results, 4)}`);
}

/** A result per diagnostic of one file. */
export function sarifResults({ file, diagnostics }: CheckedFile) {
  return diagnostics.map((diagnostic: Diagnostic) => ({
    ruleId: String(diagnostic.code),
    level: SARIF_LEVELS[severityName(diagnostic)],
    message: { text: diagnostic.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: artifactUri(file.displayPath) },
        region: {
          startLine: diagnostic.range.start.line + 1,
          startColumn: diagnostic.range.start.character + 1,
          endLine: diagnostic.range.end.line + 1,
          endColumn: diagnostic.range.end.character + 1,
        },
      },
    }],
  }));
}

/** A relative path stays relative (code scanning resolves it against the checkout), escaped as a URI. */
function artifactUri(displayPath: string): string {
  if (isAbsolute(displayPath)) return pathToFileURL(displayPath).href;
  return displayPath.split('/').map(encodeURIComponent).join('/');
}
