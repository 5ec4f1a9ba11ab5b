import { constantName } from './constantName';
import type { CatalogueEntry, MessageKind, TableKey } from './types';

/**
 * Reads CANoe's "Smart Charging » Message ID" reference page (the text in
 * data/capl-smart-charging-message-ids.txt) into catalogue entries.
 *
 * The page's quirks are handled here on purpose (docs/catalogue.md):
 * - the OCPP table is headed "OCCP-Binding"; it becomes table `ocpp`;
 * - `CmSLACMatch: Req (115), Cnd (116)`: "Cnd" is read as the kind Cnf;
 * - `CmStaIndentify` keeps its printed name and gets the alias `CmStaIdentify`;
 * - `VsGetPWMStats` is listed twice (Req/Cnf 217/218, then Ind 219): both rows are kept,
 *   their kinds keep the constants apart;
 * - a group heading is a lone "-" line followed by the heading; a bullet line without
 *   values ("- Vendor/Hardware", before the modeling table's first row) is the heading of
 *   the table's name column, not a group: that table's rows have no group (docs/reference-page.md);
 * - the vehicle table's "General States" heading has no rows;
 * - "—" stands for "no kind" or "no ID"; holes in the numbering (316/317) stay holes.
 */
export function parseReferencePage(text: string): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  let table: TableKey | undefined;
  let group: string | null = null;
  let groupFollows = false;

  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    const heading = TABLE_HEADINGS.get(line);
    if (heading) {
      table = heading;
      group = null;
      continue;
    }
    if (!table) continue;
    if (line === '-') {
      groupFollows = true;
      continue;
    }
    if (groupFollows) {
      group = line;
      groupFollows = false;
      continue;
    }
    if (!line.startsWith('- ')) continue;
    const item = line.slice(2).trim();
    const colon = item.lastIndexOf(':');
    if (colon < 0) continue;
    // The CCS-Binding's constants carry the group (constantName.ts): a row of it without one is misread.
    if (group === null && table === 'ccs') throw new Error(`Reference page: entry before any group: "${line}"`);
    const name = item.slice(0, colon).trim();
    for (const { kind, id } of readValues(item.slice(colon + 1), line)) {
      entries.push({
        table,
        group,
        name,
        kind,
        id,
        constant: constantName(table, group, name, kind),
        aliases: ALIASES[name] ?? [],
      });
    }
  }
  return entries;
}

const TABLE_HEADINGS = new Map<string, TableKey>([
  ['CCS-Binding', 'ccs'],
  ['Modeling Libraries', 'modeling'],
  ['Vehicle States', 'vehicle-states'],
  ['Charge Point States', 'charge-point-states'],
  ['OCCP-Binding', 'ocpp'],
  ['OCPP-Binding', 'ocpp'],
]);

const PRINTED_KINDS: Readonly<Record<string, MessageKind>> = {
  Req: 'Req', Res: 'Res', Cnf: 'Cnf', Ind: 'Ind', Rsp: 'Rsp',
  Cnd: 'Cnf',
};

const ALIASES: Readonly<Record<string, readonly string[]>> = {
  CmStaIndentify: ['CmStaIdentify'],
};

/** `Req (1), Cnf (2)`, `— (0), — (—)` or a bare state number `13`. */
function readValues(values: string, line: string): { kind: MessageKind | null; id: number }[] {
  const bare = values.trim();
  if (/^\d+$/.test(bare)) return [{ kind: null, id: Number(bare) }];
  const result: { kind: MessageKind | null; id: number }[] = [];
  for (const pair of bare.split(',')) {
    const match = /^\s*(\S+)\s*\(([^)]*)\)\s*$/.exec(pair);
    if (!match) throw new Error(`Reference page: cannot read "${line}"`);
    const [, printedKind, printedId] = match;
    if (printedId === '—') continue;
    if (!/^\d+$/.test(printedId)) throw new Error(`Reference page: bad ID in "${line}"`);
    const kind = printedKind === '—' ? null : PRINTED_KINDS[printedKind];
    if (kind === undefined) throw new Error(`Reference page: unknown kind "${printedKind}" in "${line}"`);
    result.push({ kind, id: Number(printedId) });
  }
  return result;
}
