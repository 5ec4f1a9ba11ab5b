import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue } from '../catalogue/catalogue';
import { TABLES, type CatalogueEntry, type TableKey } from '../catalogue/types';
import type { FileAnalysis, IdSlot } from '../analysis/types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { entryMarkdown } from './entryMarkdown';
import { wordAt } from './positions';
import { VisibilityPlanner } from './visibility';

/**
 * Named constants. Where the context expects an ID (`MessageId == |`, `case |` of a switch
 * on an ID, an ID argument) only the constants of its table(s) are offered; elsewhere all,
 * in table order. Each item adds what makes its constant visible (include or declaration).
 */
export function doComplete(document: TextDocument, position: Position, analysis: FileAnalysis, index: WorkspaceIndex): CompletionList {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const word = wordAt(text, offset);
  const start = word && word.start < offset ? word.start : offset;
  if (isInsideCommentOrString(text, start)) return { isIncomplete: false, items: [] };

  const slot = slotAt(analysis.slots, text, offset);
  const tables: readonly TableKey[] = slot ? slot.source.tables : TABLES;
  const range = { start: document.positionAt(start), end: document.positionAt(word ? Math.max(offset, word.end) : offset) };
  const items: CompletionItem[] = [];
  for (const table of tables) {
    for (const entry of catalogue.inTable(table)) {
      items.push({
        label: entry.constant,
        labelDetails: { detail: ` ${entry.id}`, description: entry.kind ? `${entry.name} ${entry.kind}` : entry.name },
        kind: CompletionItemKind.Constant,
        detail: `${entry.id} · ${entry.table} · ${entry.group}`,
        documentation: { kind: 'markdown', value: entryMarkdown(entry) },
        sortText: sortText(tables, entry),
        filterText: `${entry.constant} ${entry.name.replace(/\s+/g, '')}${entry.kind ?? ''} ${entry.id}`,
        textEdit: { range, newText: entry.constant },
        insertTextFormat: InsertTextFormat.PlainText,
        data: { uri: document.uri, constant: entry.constant },
      });
    }
  }
  return { isIncomplete: false, items: withVisibilityEdits(document, index, items) };
}

/** Adds the include or declaration an accepted item needs. */
function withVisibilityEdits(document: TextDocument, index: WorkspaceIndex, items: CompletionItem[]): CompletionItem[] {
  const visibility = new VisibilityPlanner(document, index);
  for (const item of items) {
    const edits = visibility.editsFor([item.label]);
    if (edits.length > 0) item.additionalTextEdits = edits;
  }
  return items;
}

function sortText(tables: readonly TableKey[], entry: CatalogueEntry): string {
  return `${tables.indexOf(entry.table)}${String(entry.id).padStart(5, '0')}`;
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

/** A cheap look at the line: is `offset` after `//` or inside a string on it? */
function isInsideCommentOrString(text: string, offset: number): boolean {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  let inString = false;
  for (let i = lineStart; i < offset; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '/' && text[i + 1] === '/') return true;
  }
  return inString;
}
