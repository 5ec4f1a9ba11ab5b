import type { Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue } from '../catalogue/catalogue';
import { entryLabel, TABLE_TITLES, type CatalogueEntry } from '../catalogue/types';
import type { EnumMirror, FileAnalysis, IdSource } from '../analysis/types';
import { codeSpan, entryMarkdown, escapeMarkdown, idMarkdown } from './entryMarkdown';
import { findAt, spanRange, wordAt } from './positions';

/**
 * Hover on an ID literal, a named constant, a member of an enum that mirrors a table, or a
 * CANoe enum path (`_CCS::DataTypes::MessageIdType::AuthorizationSetupRes`).
 */
export function doHover(document: TextDocument, position: Position, analysis: FileAnalysis): Hover | null {
  const offset = document.offsetAt(position);
  const id = findAt(analysis.ids, offset);
  if (id) return markdownHover(idMarkdown(id), spanRange(document, id));
  const text = document.getText();
  const word = wordAt(text, offset);
  const name = word && text.slice(word.start, word.end);
  if (word && name) {
    const constant = catalogue.byConstant(name);
    if (constant) return markdownHover(entryMarkdown(constant), spanRange(document, word));
    const mirrored = mirroredMember(analysis.enumMirrors, name);
    if (mirrored) return markdownHover(mirrored, spanRange(document, word));
  }
  // Expressions may repeat (one per comparison) but never overlap partially: any hit will do.
  const expression = findAt(analysis.idExpressions, offset);
  if (expression) return markdownHover(expressionMarkdown(text.slice(expression.start, expression.end), expression.source), spanRange(document, expression));
  if (!word || !name) return null;

  const range = spanRange(document, word);
  const path = enumPathEntries(text, word.start, name);
  if (path.length > 0) return markdownHover(path.map(entryMarkdown).join('\n\n---\n\n'), range);
  return null;
}

function markdownHover(value: string, range: Hover['range']): Hover {
  return { contents: { kind: 'markdown', value }, range };
}

function mirroredMember(mirrors: readonly EnumMirror[], name: string): string | undefined {
  for (const mirror of mirrors) {
    const member = mirror.members.find((m) => m.name === name);
    if (!member) continue;
    const header = `Member of enum \`${mirror.name}\`, which mirrors the ${TABLE_TITLES[mirror.table]} table.`;
    if (member.expected.length === 0) return `${header}\n\nNo entry of that table is named so.`;
    const agrees = member.expected.some((entry) => entry.id === member.value);
    const verdict = agrees
      ? `Its value \`${member.value}\` agrees with the table.`
      : `**Its value \`${member.value ?? '?'}\` disagrees with the table:** ${expectedList(member.expected)}.`;
    return [header, verdict, ...member.expected.map(entryMarkdown)].join('\n\n');
  }
  return undefined;
}

function expectedList(entries: readonly CatalogueEntry[]): string {
  return entries.map((entry) => `${entryLabel(entry)} is \`${entry.id}\``).join(', ');
}

/** `..._CCS::DataTypes::MessageIdType::<Name>` or `..._OCPP::...::MessageIdType::<Name>`. */
function enumPathEntries(text: string, wordStart: number, name: string): readonly CatalogueEntry[] {
  const before = text.slice(Math.max(0, wordStart - 200), wordStart);
  const path = /([A-Za-z0-9_]+)::(?:[A-Za-z0-9_]+::)*MessageIdType::$/.exec(before);
  if (!path) return [];
  const table = /ocpp/i.test(path[1]) ? 'ocpp' : 'ccs';
  return catalogue.byName(name, table);
}

function expressionMarkdown(text: string, source: IdSource): string {
  const tables = source.tables.map((table) => TABLE_TITLES[table]).join(' or ');
  return `${codeSpan(text)} carries message IDs of ${tables}.\n\n*Why:* ${escapeMarkdown(source.why)}`;
}
