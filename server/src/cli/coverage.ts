import { entryLabel, entryPlace, HANDLING_KINDS, TABLE_TITLES, type CoverageReport, type EntryCoverage } from '../service';
import { CliError } from './errors';
import { entryJson } from './format';

export const COVERAGE_FORMATS = ['text', 'json', 'markdown'] as const;
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number];

export function readCoverageFormat(value: string | undefined): CoverageFormat {
  if (value === undefined) return 'text';
  if (!(COVERAGE_FORMATS as readonly string[]).includes(value)) throw new CliError(`unknown format "${value}"; expected one of: ${COVERAGE_FORMATS.join(', ')}`);
  return value as CoverageFormat;
}

export function coveragePercent(report: CoverageReport): number {
  return report.total === 0 ? 100 : (100 * report.handled) / report.total;
}

export function renderCoverage(report: CoverageReport, format: CoverageFormat): string {
  if (format === 'json') return JSON.stringify(coverageJson(report), null, 2);
  return format === 'markdown' ? coverageMarkdown(report) : coverageText(report);
}

function coverageJson(report: CoverageReport) {
  const entry = (covered: EntryCoverage) => ({ ...entryJson(covered.entry), uses: covered.uses, ...covered.counts });
  return {
    tables: report.tables,
    handled: report.handled,
    total: report.total,
    percent: round(coveragePercent(report)),
    groups: report.groups.map(({ table, group, rows, handled, total }) => ({ table, group, handled, total, rows: rows.map((row) => row.map(entry)) })),
    halfHandled: report.halfHandled.map(([handled, never]) => ({ handled: entry(handled), never: entry(never) })),
  };
}

function summaryLine(report: CoverageReport): string {
  const tables = report.tables.map((table) => TABLE_TITLES[table]).join(', ') || 'no table';
  return `${report.handled} of ${report.total} messages handled (${round(coveragePercent(report))}%) in ${tables}`;
}

function coverageText(report: CoverageReport): string {
  const lines = [summaryLine(report)];
  for (const group of report.groups) {
    lines.push(`${placeOf(group.rows[0][0])}: ${group.handled} of ${group.total}`);
    for (const row of group.rows) if (row.some((member) => member.uses > 0)) lines.push(`  ${row.map(cell).join('  |  ')}`);
  }
  lines.push(...halfHandledLines(report, (text) => `  ${text}`));
  return lines.join('\n');
}

/** A GitHub job summary: a heading, the figures, one table per group that handles anything, the half-handled pairs. */
function coverageMarkdown(report: CoverageReport): string {
  const lines = ['## Message ID coverage', '', `**${summaryLine(report)}**`, ''];
  const untouched = report.groups.filter((group) => group.handled === 0).map((group) => placeOf(group.rows[0][0]));
  for (const group of report.groups.filter((candidate) => candidate.handled > 0)) {
    lines.push(`### ${placeOf(group.rows[0][0])} — ${group.handled} of ${group.total}`, '', '| message | ID | handled | pair | ID | handled |', '|---|---:|---|---|---:|---|');
    for (const [first, second] of group.rows) {
      const cells = [first, second].map((member) => (member ? [entryLabel(member.entry), String(member.entry.id), counts(member) || '—'] : ['', '', '']));
      lines.push(`| ${cells.flat().map(escapeCell).join(' | ')} |`);
    }
    lines.push('');
  }
  if (untouched.length > 0) lines.push(`Never handled: ${untouched.join(', ')}.`, '');
  lines.push(...halfHandledLines(report, (text) => `- ${text}`));
  return lines.join('\n').trimEnd();
}

function halfHandledLines(report: CoverageReport, item: (text: string) => string): string[] {
  if (report.halfHandled.length === 0) return [];
  return [
    'Handled, but never its pair:',
    ...report.halfHandled.map(([handled, never]) => item(`${entryLabel(handled.entry)} (${handled.entry.id}) but not ${entryLabel(never.entry)} (${never.entry.id}) — ${placeOf(handled)}`)),
  ];
}

function cell(member: EntryCoverage): string {
  return `${entryLabel(member.entry)} (${member.entry.id}): ${counts(member) || 'never'}`;
}

function counts(member: EntryCoverage): string {
  return HANDLING_KINDS.filter((kind) => member.counts[kind] > 0).map((kind) => `${kind.replace('-', ' ')} ${member.counts[kind]}`).join(', ');
}

function placeOf(member: EntryCoverage): string {
  return entryPlace(member.entry);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function round(percent: number): number {
  return Math.round(percent * 10) / 10;
}
