// JSON written piece by piece, as `JSON.stringify(value, null, 2)` writes it whole: a report's
// items become text as they come, and the array around them is written at the end.

/** `value` as an item of an array whose items stand `depth` levels deep (the document itself is level 0). */
export function jsonItem(value: unknown, depth: number): string {
  const indent = '  '.repeat(depth);
  return indent + JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}

/** Several items at `depth`, as a run of the array's items (see jsonArray). */
export function jsonItems(values: readonly unknown[], depth: number): string {
  return values.map((value) => jsonItem(value, depth)).join(',\n');
}

/** The array of items made by jsonItem (or runs of them by jsonItems) at `depth`. */
export function jsonArray(items: readonly string[], depth: number): string {
  return items.length === 0 ? '[]' : `[\n${items.join(',\n')}\n${'  '.repeat(depth - 1)}]`;
}
