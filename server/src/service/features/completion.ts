import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue } from '../catalogue/catalogue';
import { entryLabel, entryPlace, TABLES, type CatalogueEntry, type TableKey } from '../catalogue/types';
import type { FileAnalysis, IdSlot } from '../analysis/types';
import { tokenize } from '../syntax/scanner';
import { TokenKind, type ScannedTokens, type TokenBuffer } from '../syntax/tokens';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { completionRanker } from './completionRank';
import { entryMarkdown } from './entryMarkdown';
import { wordAt } from './positions';
import { VisibilityPlanner } from './visibility';

/**
 * Named constants (documentation on resolve: a list of 496 items stays small). Where the context expects an ID (`MessageId == |`, `case |` of a switch
 * on an ID, an ID argument) only the constants of its table(s) are offered; elsewhere all.
 * Ranked by what the context makes likely (completionRank.ts). Each item adds what makes its
 * constant visible (include or declaration); an empty `case` label gets its colon too.
 */
export function doComplete(document: TextDocument, position: Position, analysis: FileAnalysis, index: WorkspaceIndex): CompletionList {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const word = wordAt(text, offset);
  const start = word && word.start < offset ? word.start : offset;
  if (isInsideCommentOrString(text, start, index.parsed(document.uri)?.tokens ?? tokenize(text))) return { isIncomplete: false, items: [] };

  const slot = slotAt(analysis.slots, text, offset);
  const tables: readonly TableKey[] = slot ? slot.source.tables : TABLES;
  const end = word ? Math.max(offset, word.end) : offset;
  const range = { start: document.positionAt(start), end: document.positionAt(end) };
  const rank = completionRanker(analysis, index.fullOutline(document.uri), offset, tables);
  const colon = isCaseLabelWithoutColon(text, start, end) ? ':' : '';
  const items: CompletionItem[] = [];
  for (const table of tables) {
    for (const entry of catalogue.inTable(table)) {
      const { labelDetails, detail, filterText, data } = itemParts(entry);
      items.push({
        label: entry.constant,
        labelDetails,
        kind: CompletionItemKind.Constant,
        detail,
        sortText: rank(entry),
        filterText,
        textEdit: { range, newText: entry.constant + colon },
        insertTextFormat: InsertTextFormat.PlainText,
        data,
      });
    }
  }
  return { isIncomplete: false, items: withVisibilityEdits(document, index, items) };
}

/** What an entry's item says wherever it is offered: made once per entry, shared by every answer (nothing changes an answer's items). */
interface ItemParts {
  readonly labelDetails: { readonly description: string };
  readonly detail: string;
  readonly filterText: string;
  readonly data: CompletionData;
}

const itemPartsOf = new Map<CatalogueEntry, ItemParts>();

function itemParts(entry: CatalogueEntry): ItemParts {
  let parts = itemPartsOf.get(entry);
  if (!parts) {
    parts = {
      // The number first: a long constant leaves the description little room, and it is cut at its end.
      labelDetails: { description: `${entry.id} · ${entryLabel(entry)}` },
      detail: `${entry.id} · ${entryPlace(entry, ' · ')}`,
      filterText: `${entry.constant} ${entry.name.replace(/\s+/g, '')}${entry.kind ?? ''} ${entry.id}`,
      data: { constant: entry.constant },
    };
    itemPartsOf.set(entry, parts);
  }
  return parts;
}

/** What an item carries to be resolved: the documentation is added only for the item shown. */
export interface CompletionData {
  readonly constant: string;
}

export function resolveCompletionItem(item: CompletionItem): CompletionItem {
  const data = item.data as Partial<CompletionData> | undefined;
  const entry = typeof data?.constant === 'string' ? catalogue.byConstant(data.constant) : undefined;
  return entry ? { ...item, documentation: { kind: 'markdown', value: entryMarkdown(entry) } } : item;
}

/** Adds the include or declaration an accepted item needs. */
function withVisibilityEdits(document: TextDocument, index: WorkspaceIndex, items: CompletionItem[]): CompletionItem[] {
  const visibility = new VisibilityPlanner(document, index);
  for (const item of items) {
    const edits = visibility.editsForConstant(item.label);
    // Shared by the items and answers that make the same edit: nothing changes an answer.
    if (edits.length > 0) item.additionalTextEdits = edits as TextEdit[];
  }
  return items;
}

/** `case |` with no `:` after it yet: the item completes the label. */
function isCaseLabelWithoutColon(text: string, start: number, end: number): boolean {
  if (!/(^|[^A-Za-z0-9_])case\s+$/.test(text.slice(Math.max(0, start - 12), start))) return false;
  return !/^[ \t]*:/.test(text.slice(end, end + 80));
}

/** The slot the cursor is in, or the empty slot it follows across blanks (`MessageId == |`). */
function slotAt(slots: readonly IdSlot[], text: string, offset: number): IdSlot | undefined {
  let found: IdSlot | undefined;
  for (const slot of slots) {
    if (slot.start > offset) break;
    if (offset <= slot.end || (slot.start === slot.end && text.slice(slot.end, offset).trim() === '')) found = slot;
  }
  return found;
}

/**
 * Whether `offset` is inside a comment (line or block, also across lines and unterminated),
 * a string, a char literal or a preprocessor directive, by the file's tokens. A cursor right
 * after a closed block comment, string or char is outside it; at the end of a line comment
 * or of an unterminated token it is still inside.
 */
function isInsideCommentOrString(text: string, offset: number, tokens: ScannedTokens): boolean {
  return isInsideToken(text, offset, tokens.commentsAndDirectives) || isInsideToken(text, offset, tokens.code);
}

/** isInsideCommentOrString for the last token of `buffer` that starts before `offset`. */
function isInsideToken(text: string, offset: number, buffer: TokenBuffer): boolean {
  const last = buffer.countStartingBefore(offset) - 1;
  if (last < 0 || buffer.ends[last] < offset) return false;
  const kind = buffer.kinds[last];
  switch (kind) {
    case TokenKind.LineComment:
    case TokenKind.Directive:
      return true;
    case TokenKind.BlockComment:
    case TokenKind.String:
    case TokenKind.Char:
      return buffer.ends[last] > offset || !isClosed(text, kind, buffer.starts[last], buffer.ends[last]);
    default:
      return false;
  }
}

function isClosed(text: string, kind: TokenKind, start: number, end: number): boolean {
  if (kind === TokenKind.BlockComment) return end - start >= 4 && text.startsWith('*/', end - 2);
  const quote = kind === TokenKind.String ? '"' : "'";
  if (end - start < 2 || text[end - 1] !== quote) return false;
  let backslashes = 0;
  for (let i = end - 2; i > start && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}
