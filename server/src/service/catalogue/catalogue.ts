import { catalogueEntries } from './catalogue.generated';
import type { CatalogueEntry, TableKey } from './types';

interface Indexes {
  readonly byTableAndId: Map<TableKey, Map<number, CatalogueEntry>>;
  readonly byNumber: Map<number, CatalogueEntry[]>;
  readonly byConstantName: Map<string, CatalogueEntry>;
  readonly byLooseName: Map<string, CatalogueEntry[]>;
  readonly byTable: Map<TableKey, CatalogueEntry[]>;
}

/** Read-only lookups over the generated catalogue, built on first use (not at start-up). */
export class Catalogue {
  private built: { entries: readonly CatalogueEntry[]; indexes: Indexes } | undefined;

  constructor(private readonly source: readonly CatalogueEntry[] | (() => readonly CatalogueEntry[])) {}

  get entries(): readonly CatalogueEntry[] {
    return this.index.entries;
  }

  private get index(): { entries: readonly CatalogueEntry[]; indexes: Indexes } {
    if (!this.built) {
      const entries = typeof this.source === 'function' ? this.source() : this.source;
      this.built = { entries, indexes: buildIndexes(entries) };
    }
    return this.built;
  }

  get(table: TableKey, id: number): CatalogueEntry | undefined {
    return this.index.indexes.byTableAndId.get(table)?.get(id);
  }

  /** Every entry with this number, in page order (one per table at most). */
  withId(id: number): readonly CatalogueEntry[] {
    return this.index.indexes.byNumber.get(id) ?? [];
  }

  inTable(table: TableKey): readonly CatalogueEntry[] {
    return this.index.indexes.byTable.get(table) ?? [];
  }

  byConstant(constant: string): CatalogueEntry | undefined {
    return this.index.indexes.byConstantName.get(constant);
  }

  /**
   * Entries whose printed name (or alias), alone or followed by its kind, matches `name`
   * ignoring case, spaces and punctuation: "SessionSetup", "SessionSetupReq",
   * "session setup", "CmStaIdentifyInd" all find their rows.
   */
  byName(name: string, table?: TableKey): readonly CatalogueEntry[] {
    const found = this.index.indexes.byLooseName.get(looseName(name)) ?? [];
    return table ? found.filter((entry) => entry.table === table) : found;
  }

  /**
   * The same message (name or alias, and kind) in `table`: CCS `CableCheck Res` (227) is
   * Modeling `CableCheck Res` (26), `CM_SLAC_PARM Req` is `CmSLACParm Req`. Several where the
   * table has it in several groups (DIN 70121 and ISO2 DC both have `CableCheck Res`).
   */
  sameMessageIn(entry: CatalogueEntry, table: TableKey): readonly CatalogueEntry[] {
    const found = new Set<CatalogueEntry>();
    for (const name of [entry.name, ...entry.aliases]) {
      for (const other of this.byName(name, table)) {
        if (other.kind === entry.kind && other !== entry) found.add(other);
      }
    }
    return [...found];
  }

  /** What `id` means in the other tables, as entries of `table`: 227 (CCS CableCheck Res) in `modeling` is CableCheck Res (26). */
  sameMessageAs(id: number, table: TableKey): readonly CatalogueEntry[] {
    const found = this.withId(id).filter((entry) => entry.table !== table).flatMap((elsewhere) => this.sameMessageIn(elsewhere, table));
    return [...new Set(found)];
  }

  /** The other half of a request/response pair: Req ↔ Res/Cnf, Ind ↔ Rsp, XRequest_16 ↔ XResponse_16. */
  pairOf(entry: CatalogueEntry): CatalogueEntry | undefined {
    const partnerKinds = entry.kind ? PARTNER_KINDS[entry.kind] : undefined;
    if (partnerKinds) {
      return this.inTable(entry.table).find(
        (other) => other.group === entry.group && other.name === entry.name && other.kind !== null && partnerKinds.includes(other.kind),
      );
    }
    const ocpp = /^(.*)(Request|Response)(_\d+)$/.exec(entry.name);
    if (entry.table === 'ocpp' && ocpp) {
      const partnerName = ocpp[1] + (ocpp[2] === 'Request' ? 'Response' : 'Request') + ocpp[3];
      return this.inTable('ocpp').find((other) => other.name === partnerName);
    }
    return undefined;
  }
}

function buildIndexes(entries: readonly CatalogueEntry[]): Indexes {
  const indexes: Indexes = { byTableAndId: new Map(), byNumber: new Map(), byConstantName: new Map(), byLooseName: new Map(), byTable: new Map() };
  for (const entry of entries) {
    let ids = indexes.byTableAndId.get(entry.table);
    if (!ids) indexes.byTableAndId.set(entry.table, (ids = new Map()));
    ids.set(entry.id, entry);
    push(indexes.byNumber, entry.id, entry);
    push(indexes.byTable, entry.table, entry);
    indexes.byConstantName.set(entry.constant, entry);
    for (const name of [entry.name, ...entry.aliases]) {
      push(indexes.byLooseName, looseName(name), entry);
      if (entry.kind) push(indexes.byLooseName, looseName(name + entry.kind), entry);
    }
  }
  return indexes;
}

const PARTNER_KINDS: Readonly<Record<string, readonly string[]>> = {
  Req: ['Res', 'Cnf'],
  Res: ['Req'],
  Cnf: ['Req'],
  Ind: ['Rsp'],
  Rsp: ['Ind'],
};

function push<K, V>(map: Map<K, V[]>, k: K, value: V): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}

/** `0xE3`: how CAPL code writes an ID in hex (and logs it with `%x`). */
export function hexId(id: number): string {
  return `0x${id.toString(16).toUpperCase()}`;
}

export function looseName(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

export const catalogue = new Catalogue(catalogueEntries);
