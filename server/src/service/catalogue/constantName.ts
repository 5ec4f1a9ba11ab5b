import type { MessageKind, TableKey } from './types';

/**
 * The one rule that names every catalogue entry:
 *
 *   constant = PREFIX + "_" + WORDS(name) [+ "_" + KIND]
 *
 * where PREFIX is `CCS_` + WORDS(group) for the CCS binding (the same message exists in
 * DIN 70121, ISO 15118-2 and -20, so the group is part of its identity), `SCC` for the
 * modeling libraries, `SCC_EV_STATE` / `SCC_CP_STATE` for the vehicle and charge point
 * state tables and `OCPP` for the OCPP binding; WORDS() upper-cases and joins with `_`
 * the words of a name (see splitWords), and KIND is the message kind when there is one.
 */
export function constantName(table: TableKey, group: string | null, name: string, kind: MessageKind | null): string {
  const parts = [tablePrefix(table, group), words(name)];
  if (kind) parts.push(kind.toUpperCase());
  return parts.join('_');
}

function tablePrefix(table: TableKey, group: string | null): string {
  switch (table) {
    case 'ccs': return group ? `CCS_${words(group)}` : 'CCS';
    case 'modeling': return 'SCC';
    case 'vehicle-states': return 'SCC_EV_STATE';
    case 'charge-point-states': return 'SCC_CP_STATE';
    case 'ocpp': return 'OCPP';
  }
}

function words(text: string): string {
  return splitWords(text).join('_').toUpperCase();
}

/**
 * Words of a name as printed: runs of letters and digits, split where camel case starts a
 * new word (`DCCableCheck` → DC, Cable, Check; `CmHFID` → Cm, HFID; `Get15118EVCertificate`
 * → Get, 15118, EV, Certificate). Digits after a capital stay with it (`ISO20`).
 */
export function splitWords(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).flatMap((run) =>
    run
      .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
      .replace(/([A-Z0-9])([A-Z][a-z])/g, '$1 $2')
      .replace(/([0-9])([A-Za-z])/g, '$1 $2')
      .split(' ')
      .filter((word) => word.length > 0),
  );
}
