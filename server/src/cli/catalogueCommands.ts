import { catalogue, integerValue, looseName, TABLE_TITLES, type CatalogueEntry, type TableKey } from '../service';
import { ENTRY_HEADERS, entryCells, entryJson, renderColumns } from './format';

/** `capl-ids table`: the catalogue, or one table of it. */
export function tableCommand(table: TableKey | undefined, json: boolean): string {
  const entries = table ? catalogue.inTable(table) : catalogue.entries;
  return render(entries, json);
}

/**
 * `capl-ids lookup <query>`: a number (decimal or hex) finds that ID in every table; a
 * constant finds its entry; a name finds the entries named so (ignoring case, spaces and
 * punctuation, kind optional), else those whose name or constant contains the query.
 */
export function lookupCommand(query: string, table: TableKey | undefined, json: boolean): { output: string; found: boolean } {
  const entries = findEntries(query, table);
  if (entries.length === 0 && !json) return { output: `no entry matches "${query}"${table ? ` in ${TABLE_TITLES[table]}` : ''}`, found: false };
  return { output: render(entries, json), found: entries.length > 0 };
}

/** The entries a query names, as `lookup` finds them (also for `uses`). */
export function findEntries(query: string, table: TableKey | undefined): readonly CatalogueEntry[] {
  const inTable = (entries: readonly CatalogueEntry[]) => (table ? entries.filter((entry) => entry.table === table) : entries);
  const value = integerValue(query.trim());
  let entries: readonly CatalogueEntry[];
  if (value !== undefined) entries = inTable(catalogue.withId(value));
  else {
    const constant = catalogue.byConstant(query.trim());
    entries = constant ? inTable([constant]) : catalogue.byName(query, table);
    if (entries.length === 0) {
      const needle = looseName(query);
      entries = needle.length === 0 ? [] : inTable(catalogue.entries).filter(
        (entry) => looseName(entry.name).includes(needle) || looseName(entry.constant).includes(needle),
      );
    }
  }
  return entries;
}

function render(entries: readonly CatalogueEntry[], json: boolean): string {
  if (json) return JSON.stringify(entries.map(entryJson), null, 2);
  return renderColumns(ENTRY_HEADERS, entries.map(entryCells));
}
