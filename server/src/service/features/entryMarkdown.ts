import { catalogue } from '../catalogue/catalogue';
import { entryPlace, TABLE_TITLES, type CatalogueEntry } from '../catalogue/types';
import type { IdLiteral } from '../analysis/types';

/** `ServiceDiscovery Res`, or the bare name where the page gives no kind. */
export function entryLabel(entry: CatalogueEntry): string {
  return entry.kind ? `${entry.name} ${entry.kind}` : entry.name;
}

/** The markdown block that describes one catalogue entry (hover, completion, inlay tooltip). */
export function entryMarkdown(entry: CatalogueEntry): string {
  const lines = [
    `**${entryLabel(entry)}** · \`${entry.id}\``,
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

/** Markdown for an ID literal: its entry, every candidate when ambiguous, or why it is unknown. */
export function idMarkdown(id: IdLiteral): string {
  const why = `*Why:* ${escapeMarkdown(id.reason)}`;
  if (id.tables.length > 1) {
    const candidates = id.tables.map((table) => {
      const entry = id.entries.find((e) => e.table === table);
      return entry
        ? `- ${TABLE_TITLES[table]}: **${entryLabel(entry)}** (\`${entry.constant}\`)`
        : `- ${TABLE_TITLES[table]}: no message ${id.value}`;
    });
    return [`**Ambiguous message ID \`${id.text}\`** — the context allows several tables:`, '', ...candidates, '', why].join('\n');
  }
  const entry = id.entries[0];
  if (!entry) {
    const elsewhere = catalogue.withId(id.value).map((e) => `${TABLE_TITLES[e.table]}: ${entryLabel(e)}`);
    const hint = elsewhere.length > 0 ? `\n\nElsewhere: ${elsewhere.join('; ')}` : '';
    return `**Unknown message ID \`${id.text}\`** in ${TABLE_TITLES[id.tables[0]]}${hint}\n\n${why}`;
  }
  const hex = id.text.toLowerCase().startsWith('0x') ? `\`${id.text}\` = ${id.value}\n\n` : '';
  return `${hex}${entryMarkdown(entry)}\n\n${why}`;
}

/** Escapes user-written text (identifiers, paths from the file) for markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, '\\$&');
}
