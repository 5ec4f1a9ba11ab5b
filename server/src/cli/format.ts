import { TABLE_TITLES, type CatalogueEntry } from '../service';

/** Left-aligned columns separated by two spaces, the last column unpadded. */
export function renderColumns(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const render = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ').trimEnd();
  return [render(headers), ...rows.map(render)].join('\n');
}

/** A catalogue row as the JSON outputs carry it: exactly these six fields. */
export function entryJson(entry: CatalogueEntry) {
  return { table: entry.table, group: entry.group, name: entry.name, kind: entry.kind, id: entry.id, constant: entry.constant };
}

export function entryCells(entry: CatalogueEntry): string[] {
  return [TABLE_TITLES[entry.table], entry.group ?? '—', entry.name, entry.kind ?? '—', String(entry.id), entry.constant];
}

export const ENTRY_HEADERS = ['table', 'group', 'name', 'kind', 'id', 'constant'];
