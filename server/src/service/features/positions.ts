import type { Span } from '../syntax/outline';
import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What turns offsets into positions: a document, or the line starts of a text that is not kept (LineIndex). */
export type Positions = Pick<TextDocument, 'positionAt'>;

export function spanRange(positions: Positions, span: Span): Range {
  return { start: positions.positionAt(span.start), end: positions.positionAt(span.end) };
}

/** The item of a start-sorted list whose span contains `offset` (its end included: a cursor right after a literal is on it). */
export function findAt<T extends Span>(sorted: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const item = sorted[middle];
    if (item.end < offset) low = middle + 1;
    else if (item.start > offset) high = middle - 1;
    else return item;
  }
  return undefined;
}

const WORD = /[A-Za-z0-9_]/;

/** The identifier or number around `offset`, if any. */
export function wordAt(text: string, offset: number): Span | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  while (end < text.length && WORD.test(text[end])) end++;
  return start < end ? { start, end } : undefined;
}
