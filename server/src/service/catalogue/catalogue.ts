import { CATALOGUE_ENTRIES } from './catalogue.generated';
import type { CatalogueEntry, TableKey } from './types';

/** Read-only lookups over the generated catalogue. */
export class Catalogue {
  private readonly byTableAndId = new Map<TableKey, Map<number, CatalogueEntry>>();
  private readonly byNumber = new Map<number, CatalogueEntry[]>();
  private readonly byConstantName = new Map<string, CatalogueEntry>();
  private readonly byLooseName = new Map<string, CatalogueEntry[]>();
  private readonly byTable = new Map<TableKey, CatalogueEntry[]>();

  constructor(readonly entries: readonly CatalogueEntry[]) {
    for (const entry of entries) {
      let ids = this.byTableAndId.get(entry.table);
      if (!ids) this.byTableAndId.set(entry.table, (ids = new Map()));
      ids.set(entry.id, entry);
      push(this.byNumber, entry.id, entry);
      push(this.byTable, entry.table, entry);
      this.byConstantName.set(entry.constant, entry);
      for (const name of [entry.name, ...entry.aliases]) {
        push(this.byLooseName, looseName(name), entry);
        if (entry.kind) push(this.byLooseName, looseName(name + entry.kind), entry);
      }
    }
  }

  get(table: TableKey, id: number): CatalogueEntry | undefined {
    return this.byTableAndId.get(table)?.get(id);
  }

  /** Every entry with this number, in page order (one per table at most). */
  withId(id: number): readonly CatalogueEntry[] {
    return this.byNumber.get(id) ?? [];
  }

  inTable(table: TableKey): readonly CatalogueEntry[] {
    return this.byTable.get(table) ?? [];
  }

  byConstant(constant: string): CatalogueEntry | undefined {
    return this.byConstantName.get(constant);
  }

  /**
   * Entries whose printed name (or alias), alone or followed by its kind, matches `name`
   * ignoring case, spaces and punctuation: "SessionSetup", "SessionSetupReq",
   * "session setup", "CmStaIdentifyInd" all find their rows.
   */
  byName(name: string, table?: TableKey): readonly CatalogueEntry[] {
    const found = this.byLooseName.get(looseName(name)) ?? [];
    return table ? found.filter((entry) => entry.table === table) : found;
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

export function looseName(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

export const catalogue = new Catalogue(CATALOGUE_ENTRIES);
