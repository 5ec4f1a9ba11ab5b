/** The five ID tables of CANoe's "Smart Charging » Message ID" reference page. */
export const TABLES = ['ccs', 'modeling', 'vehicle-states', 'charge-point-states', 'ocpp'] as const;
export type TableKey = (typeof TABLES)[number];

export const TABLE_TITLES: Readonly<Record<TableKey, string>> = {
  ccs: 'CCS-Binding',
  modeling: 'Modeling Libraries',
  'vehicle-states': 'Vehicle States',
  'charge-point-states': 'Charge Point States',
  ocpp: 'OCPP-Binding',
};

export type MessageKind = 'Req' | 'Res' | 'Cnf' | 'Ind' | 'Rsp';

export interface CatalogueEntry {
  readonly table: TableKey;
  /** The group heading the entry stands under on the page, e.g. "DIN 70121", "OCPP 1.6"; null where its table has none (Modeling Libraries). */
  readonly group: string | null;
  /** The name exactly as printed on the page, typos included. */
  readonly name: string;
  /** Null where the page prints "—" or no kind at all (states, OCPP). */
  readonly kind: MessageKind | null;
  readonly id: number;
  /** Named constant: a unique CAPL identifier, see constantName.ts. */
  readonly constant: string;
  /** Corrected spellings of a misspelt name, searchable like the name. */
  readonly aliases: readonly string[];
}

/** Where the page prints an entry: "CCS-Binding › ISO2 DC", or the table alone where it has no groups. */
export function entryPlace(entry: CatalogueEntry, separator = ' › '): string {
  return entry.group === null ? TABLE_TITLES[entry.table] : `${TABLE_TITLES[entry.table]}${separator}${entry.group}`;
}

/** `ServiceDiscovery Res`, or the bare name where the page gives no kind. */
export function entryLabel(entry: CatalogueEntry): string {
  return entry.kind ? `${entry.name} ${entry.kind}` : entry.name;
}

export function isTableKey(value: string): value is TableKey {
  return (TABLES as readonly string[]).includes(value);
}
