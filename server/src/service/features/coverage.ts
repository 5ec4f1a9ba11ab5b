import { catalogue } from '../catalogue/catalogue';
import { TABLES, type CatalogueEntry, type TableKey } from '../catalogue/types';
import { USE_KINDS, type UseKind, type UsesIndex } from './usesIndex';

/** What handling an entry means for coverage: any use but its definition. */
export type HandlingKind = Exclude<UseKind, 'declared'>;
export const HANDLING_KINDS = USE_KINDS.filter((kind): kind is HandlingKind => kind !== 'declared');

export interface EntryCoverage {
  readonly entry: CatalogueEntry;
  /** Uses that mean this entry for certain, by how they handle it. */
  readonly counts: Readonly<Record<HandlingKind, number>>;
  readonly uses: number;
}

export interface GroupCoverage {
  readonly table: TableKey;
  readonly group: string | null;
  /** A Req/Res (Ind/Rsp, Request/Response) pair per row, or an entry that has no pair. */
  readonly rows: readonly (readonly EntryCoverage[])[];
  readonly handled: number;
  readonly total: number;
}

export interface CoverageReport {
  readonly tables: readonly TableKey[];
  readonly groups: readonly GroupCoverage[];
  readonly handled: number;
  readonly total: number;
  /** Pairs one side of which is handled and the other never: [handled, never]. */
  readonly halfHandled: readonly (readonly [EntryCoverage, EntryCoverage])[];
}

/**
 * Which entries of the tables (by default those the workspace uses) the workspace handles,
 * and how, counted from the uses index. Ambiguous uses are not counted: they may mean another table's message.
 */
export function protocolCoverage(uses: UsesIndex, only?: TableKey): CoverageReport {
  const coverageOf = (entry: CatalogueEntry): EntryCoverage => {
    const counts = Object.fromEntries(HANDLING_KINDS.map((kind) => [kind, 0])) as Record<HandlingKind, number>;
    let total = 0;
    for (const use of uses.uses(entry)) {
      if (use.ambiguous || use.how === 'declared') continue;
      counts[use.how]++;
      total++;
    }
    return { entry, counts, uses: total };
  };
  const tables = only ? [only] : TABLES.filter((table) => [...uses.usedEntries()].some((entry) => entry.table === table && coverageOf(entry).uses > 0));
  const groups: GroupCoverage[] = [];
  const halfHandled: [EntryCoverage, EntryCoverage][] = [];
  for (const table of tables) {
    const byGroup = new Map<string | null, CatalogueEntry[]>();
    for (const entry of catalogue.inTable(table)) byGroup.set(entry.group, [...(byGroup.get(entry.group) ?? []), entry]);
    for (const [group, entries] of byGroup) {
      const covered = new Map(entries.map((entry) => [entry, coverageOf(entry)]));
      const rows: EntryCoverage[][] = [];
      const placed = new Set<CatalogueEntry>();
      for (const entry of entries) {
        if (placed.has(entry)) continue;
        const pair = catalogue.pairOf(entry);
        const row = [entry, ...(pair && covered.has(pair) && !placed.has(pair) ? [pair] : [])].map((member) => covered.get(member)!);
        row.forEach((member) => placed.add(member.entry));
        rows.push(row);
        if (row.length === 2 && (row[0].uses === 0) !== (row[1].uses === 0)) halfHandled.push(row[0].uses > 0 ? [row[0], row[1]] : [row[1], row[0]]);
      }
      const handled = [...covered.values()].filter((entry) => entry.uses > 0).length;
      groups.push({ table, group, rows, handled, total: entries.length });
    }
  }
  const handled = groups.reduce((sum, group) => sum + group.handled, 0);
  const total = groups.reduce((sum, group) => sum + group.total, 0);
  return { tables, groups, handled, total, halfHandled };
}
