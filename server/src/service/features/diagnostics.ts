import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue } from '../catalogue/catalogue';
import { TABLE_TITLES, type CatalogueEntry } from '../catalogue/types';
import type { FileAnalysis, IdLiteral } from '../analysis/types';
import type { SeveritySetting, Settings } from '../settings';
import { entryLabel } from './entryMarkdown';
import { spanRange } from './positions';

export const SOURCE = 'capl-ids';
export const README_URL = 'https://github.com/capl-ids/capl-ids/blob/main/README.md';

/** Stable diagnostic codes; each has a README section of the same name. */
export type DiagnosticCode = 'unknown-id' | 'wrong-table' | 'magic-number' | 'ambiguous-id' | 'enum-mismatch' | 'invalid-annotation';

export const DIAGNOSTIC_CODES: readonly DiagnosticCode[] = ['unknown-id', 'wrong-table', 'magic-number', 'ambiguous-id', 'enum-mismatch', 'invalid-annotation'];

/** A replacement a quick fix offers, carried in `Diagnostic.data` so code actions need no re-analysis. */
export interface Replacement {
  readonly text: string;
  /** A catalogue constant the replacement uses and the file must be able to see. */
  readonly constant?: string;
  readonly title: string;
}

export interface FixData {
  /** The text the fix replaces: a diagnostic from an older version of the document no longer fits. */
  readonly original: string;
  readonly replacements: readonly Replacement[];
  /** Whether the first replacement is the obvious fix (fix-all applies only those). */
  readonly preferred: boolean;
}

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

export function getDiagnostics(document: TextDocument, analysis: FileAnalysis, settings: Settings): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const add = (code: DiagnosticCode, span: { start: number; end: number }, message: string, data?: FixData) => {
    const severity = severityOf(code, settings);
    if (severity === 'off') return;
    const range = spanRange(document, span);
    if (isSilenced(analysis, range.start.line, code)) return;
    diagnostics.push({
      range,
      severity: SEVERITIES[severity],
      code,
      codeDescription: { href: `${README_URL}#${code}` },
      source: SOURCE,
      message,
      ...(data ? { data } : {}),
    });
  };

  for (const id of analysis.ids) {
    if (id.rule === 'enum-member') continue;
    if (id.tables.length > 1) {
      if (id.entries.length === 0) continue;
      add('ambiguous-id', id, `${id.text} is ambiguous: ${id.entries.map(describeEntry).join(' or ')}. ${capitalise(id.reason)}.`, {
        original: id.text,
        preferred: false,
        replacements: id.entries.map((entry) => replaceWith(id, entry)),
      });
    } else if (id.entries.length === 0) {
      const table = id.tables[0];
      const elsewhere = catalogue.withId(id.value);
      if (elsewhere.length > 0) {
        add('wrong-table', id, `${id.text} is not a message ID of ${TABLE_TITLES[table]}; it exists in ${elsewhere.map(describeEntry).join(', ')}. ${capitalise(id.reason)}.`);
      } else {
        add('unknown-id', id, `${id.text} is not a message ID of ${TABLE_TITLES[table]}. ${capitalise(id.reason)}.`);
      }
    } else {
      const entry = id.entries[0];
      add('magic-number', id, `${id.text} is ${entryLabel(entry)} (${TABLE_TITLES[entry.table]}): use ${entry.constant}.`, {
        original: id.text,
        preferred: true,
        replacements: [replaceWith(id, entry)],
      });
    }
  }

  for (const mirror of analysis.enumMirrors) {
    for (const member of mirror.members) {
      if (member.expected.length === 0 || member.expected.some((entry) => entry.id === member.value)) continue;
      const span = member.valueSpan ?? member.nameSpan;
      const expected = member.expected.map((entry) => `${entryLabel(entry)} is ${entry.id}`).join(', ');
      add('enum-mismatch', span, `${member.name} = ${member.value ?? '?'} disagrees with ${TABLE_TITLES[mirror.table]}: ${expected}.`, member.valueSpan ? {
        original: document.getText().slice(member.valueSpan.start, member.valueSpan.end),
        preferred: member.expected.length === 1,
        replacements: member.expected.map((entry) => ({ text: String(entry.id), title: `Change ${member.name} to ${entry.id} (${entryLabel(entry)})` })),
      } : undefined);
    }
  }

  for (const problem of analysis.annotationProblems) add('invalid-annotation', problem, problem.message);
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function replaceWith(id: IdLiteral, entry: CatalogueEntry): Replacement {
  return { text: entry.constant, constant: entry.constant, title: `Replace ${id.text} with ${entry.constant}` };
}

function describeEntry(entry: CatalogueEntry): string {
  return `${entryLabel(entry)} (${TABLE_TITLES[entry.table]})`;
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

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
