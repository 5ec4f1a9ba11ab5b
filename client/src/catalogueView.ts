// How the client shows the catalogue: rows that put a request beside its response, labels,
// the search (the service's, shared by the panel and the lookup command), the enum text for a group. No `vscode` import: the lookup
// panel and the commands both build on it.
import { catalogue, CatalogueSearch, entryPlace, hexId, splitWords, TABLES, TABLE_TITLES, type CatalogueEntry, type TableKey } from '../../server/src/service';

export { catalogue, CatalogueSearch, TABLES, TABLE_TITLES };
export type { CatalogueEntry, TableKey };

/** One message of a group: a request with its response (Req/Res, Req/Cnf, Ind/Rsp, Request/Response), or a single entry. */
export interface MessageRow {
  readonly table: TableKey;
  readonly group: string | null;
  readonly label: string;
  /** One entry, or two: the request side first. */
  readonly entries: readonly CatalogueEntry[];
}

/** The groups of a table in page order; [null] for a table without group headings. */
export function groupsOf(table: TableKey): (string | null)[] {
  return [...new Set(catalogue.inTable(table).map((entry) => entry.group))];
}

/** The rows of one group (null: of a table without groups) in page order, pairs folded into one row. */
export function rowsOf(table: TableKey, group: string | null): MessageRow[] {
  const entries = catalogue.inTable(table).filter((entry) => entry.group === group);
  const used = new Set<CatalogueEntry>();
  const rows: MessageRow[] = [];
  for (const entry of entries) {
    if (used.has(entry)) continue;
    used.add(entry);
    const partner = catalogue.pairOf(entry);
    if (partner && partner.group === group && !used.has(partner) && isRequestSide(entry)) {
      used.add(partner);
      rows.push({ table, group, label: baseName(entry), entries: [entry, partner] });
    } else {
      rows.push({ table, group, label: baseName(entry), entries: [entry] });
    }
  }
  return rows;
}

/** "Req", "Res", "Request", "Response"... or undefined for states and other kindless entries. */
export function sideOf(entry: CatalogueEntry): string | undefined {
  if (entry.kind) return entry.kind;
  return OCPP_SIDE.exec(entry.name)?.[1];
}

/** The name without the OCPP Request/Response word: `AuthorizeRequest_16` → `Authorize`. */
export function baseName(entry: CatalogueEntry): string {
  const ocpp = OCPP_SIDE.exec(entry.name);
  return ocpp ? entry.name.slice(0, ocpp.index) : entry.name;
}

/** "CurrentDemand Res", "AuthorizeRequest_16", "Power Delivery". */
export function messageTitle(entry: CatalogueEntry): string {
  return entry.kind ? `${entry.name} ${entry.kind}` : entry.name;
}

/** "Req 230 · Res 231" for a pair, "Ind 3" or "8" for a single entry; with use counts, "Req 230 ×1 · Res 231 ×3" (an unused entry has none). */
export function rowDescription(row: MessageRow, useCount: (entry: CatalogueEntry) => number | undefined = () => undefined): string {
  return row.entries.map((entry) => {
    const uses = useCount(entry);
    return [sideOf(entry), entry.id, uses ? `×${uses}` : undefined].filter((part) => part !== undefined).join(' ');
  }).join(' · ');
}

/** "CCS-Binding · ISO2 DC", "Modeling Libraries". */
export function whereLabel(entry: CatalogueEntry): string {
  return entryPlace(entry, ' · ');
}

export { hexId as hex };

/** Whether any entry of the row matches the search. */
export function rowMatches(search: CatalogueSearch, row: MessageRow): boolean {
  return row.entries.some((entry) => search.matches(entry));
}

const OCPP_SIDE = /(Request|Response)(?=_\d+$)/;

function isRequestSide(entry: CatalogueEntry): boolean {
  const side = sideOf(entry);
  return side === 'Req' || side === 'Ind' || side === 'Request';
}

// --- enum for a group ----------------------------------------------------------------

/** A CAPL type name for a group's enum: `CcsIso2DcIds`, `OcppGeneralIds`, `VehicleStatesMessageRelatedStatesIds`, `ModelingIds`. */
export function enumName(table: TableKey, group: string | null): string {
  const words = [...splitWords(table), ...splitWords(group ?? '')];
  const deduplicated = words.filter((word, index) => index === 0 || word.toLowerCase() !== words[index - 1].toLowerCase());
  const pascal = deduplicated.map((word) => (/^[A-Z0-9]+$/.test(word) && word.length > 1 ? word[0] + word.slice(1).toLowerCase() : word[0].toUpperCase() + word.slice(1)));
  return `${pascal.join('')}Ids`;
}

/**
 * A valid CAPL enum declaring every entry of a group under its constant name with its ID,
 * in page order, e.g.
 *
 *     enum CcsIso2DcIds
 *     {
 *       CCS_ISO2_DC_CABLE_CHECK_REQ = 224,
 *       ...
 *     };
 */
export function enumForGroup(table: TableKey, group: string | null, indent = '  ', eol = '\n'): string {
  const entries = catalogue.inTable(table).filter((entry) => entry.group === group);
  const members = entries.map((entry, index) => `${indent}${entry.constant} = ${entry.id}${index < entries.length - 1 ? ',' : ''}`);
  return [`enum ${enumName(table, group)}`, '{', ...members, '};'].join(eol) + eol;
}
