import { catalogue, hexId } from '../catalogue/catalogue';
import { entryLabel, entryPlace, TABLE_TITLES, type CatalogueEntry } from '../catalogue/types';
import type { IdLiteral } from '../analysis/types';

/** The markdown block that describes one catalogue entry (hover, completion, inlay tooltip). */
export function entryMarkdown(entry: CatalogueEntry): string {
  const lines = [
    `**${entryLabel(entry)}** · ${numberMarkdown(entry.id)}`,
    '',
    entryPlace(entry),
    '',
    `Constant: \`${entry.constant}\``,
  ];
  const pair = catalogue.pairOf(entry);
  if (pair) lines.push('', `Pair: ${entryLabel(pair)} · \`${pair.id}\` (\`${pair.constant}\`)`);
  if (entry.aliases.length > 0) lines.push('', `Also spelt: ${entry.aliases.join(', ')} (the reference page prints "${entry.name}")`);
  return lines.join('\n');
}

/**
 * Markdown for an ID literal: its entry, or every candidate when ambiguous. A number its
 * table does not have gets its diagnostic (unknown-id, wrong-table), which editors show in the
 * same hover: this says only what the diagnostic does not, the same message in this table.
 */
export function idMarkdown(id: IdLiteral): string {
  const why = `*Why:* ${escapeMarkdown(id.reason)}`;
  if (id.tables.length > 1) {
    const candidates = id.tables.map((table) => {
      const entry = id.entries.find((e) => e.table === table);
      return entry
        ? `- ${TABLE_TITLES[table]}: **${entryLabel(entry)}** (\`${entry.constant}\`)`
        : `- ${TABLE_TITLES[table]}: no message ${id.value}`;
    });
    return [`**Ambiguous message ID ${numberMarkdown(id.value)}** — the context allows several tables:`, '', ...candidates, '', why].join('\n');
  }
  const entry = id.entries[0];
  if (!entry) {
    const header = `**${numberMarkdown(id.value)}: no message of ${TABLE_TITLES[id.tables[0]]}**`;
    const there = catalogue.sameMessageAs(id.value, id.tables[0]).map((other) => `- **${entryLabel(other)}** · ${numberMarkdown(other.id)} (\`${other.constant}\`)`);
    return there.length > 0 ? [header, '', 'The same message there:', '', ...there].join('\n') : header;
  }
  return `${entryMarkdown(entry)}\n\n${why}`;
}

/** `` `227` (`0xE3`) ``: the number as the code may write it either way. */
function numberMarkdown(id: number): string {
  return `\`${id}\` (\`${hexId(id)}\`)`;
}

/**
 * User-written code (an operand as written) as a markdown code span: nothing in a code span
 * is escaped (a backslash would show), so its fence is longer than any run of backticks in it.
 */
export function codeSpan(code: string): string {
  const fence = '`'.repeat(Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const padding = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${code}${padding}${fence}`;
}

/** Escapes user-written text (identifiers, paths from the file) for markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, '\\$&');
}
