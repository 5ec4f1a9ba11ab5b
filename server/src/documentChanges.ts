import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { composeChanges, type TextChange } from './service';

/**
 * Applies an editor's changes to `document` one by one, as TextDocument.update does, and
 * returns the range they changed, in offsets: each change's range is read in the text the
 * changes before it left, with the document's own offsetAt. Undefined when a change
 * replaces the whole text.
 */
export function changedRange(document: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): TextChange | undefined {
  let changed: TextChange | undefined;
  let whole = false;
  for (const change of changes) {
    if ('range' in change) {
      const [from, to] = ordered(document.offsetAt(change.range.start), document.offsetAt(change.range.end));
      const step = { start: from, oldEnd: to, newEnd: from + change.text.length };
      changed = changed ? composeChanges(changed, step) : step;
    } else whole = true;
    TextDocument.update(document, [change], version);
  }
  return whole ? undefined : changed;
}

/** TextDocument.update takes a range whose end comes before its start the other way round. */
function ordered(a: number, b: number): [number, number] {
  return a <= b ? [a, b] : [b, a];
}
