import { splitWords } from '../catalogue/constantName';
import type { TableKey } from '../catalogue/types';
import type { NodeRole } from '../settings';
import { detached } from './detached';

/** A table decision with the words that justify it ("EVSE: CCS binding, by its name"). */
export interface TableChoice {
  readonly tables: readonly TableKey[];
  readonly why: string;
}

const OCPP_WORDS = new Set(['OCPP', 'CSMS', 'CP', 'CENTRALSYSTEM', 'CHARGEPOINT', 'CHARGESTATION']);
const CCS_WORDS = new Set(['EV', 'EVSE', 'EVCC', 'SECC', 'CCS']);

/**
 * bindingByName's answers: a workspace names few objects, and each analysis of a file asks
 * again for every one it uses (splitting a name into words is the slow part). The names
 * kept are copies (see detached); past MAX_REMEMBERED names it starts over.
 */
const BINDINGS_BY_NAME = new Map<string, 'ccs' | 'ocpp' | undefined>();
const MAX_REMEMBERED = 4096;

/** The binding a Distributed Object's name suggests, if its words say it. */
export function bindingByName(object: string): 'ccs' | 'ocpp' | undefined {
  if (BINDINGS_BY_NAME.has(object)) return BINDINGS_BY_NAME.get(object);
  const binding = bindingByWords(object);
  if (BINDINGS_BY_NAME.size >= MAX_REMEMBERED) BINDINGS_BY_NAME.clear();
  BINDINGS_BY_NAME.set(detached(object), binding);
  return binding;
}

function bindingByWords(object: string): 'ccs' | 'ocpp' | undefined {
  const words = splitWords(object).map((word) => word.toUpperCase());
  const joined = words.join('');
  if (words.some((word) => OCPP_WORDS.has(word)) || /CHARGEPOINT|CENTRALSYSTEM|CHARGESTATION/.test(joined)) return 'ocpp';
  if (words.some((word) => CCS_WORDS.has(word))) return 'ccs';
  return undefined;
}

const CHARGE_POINT_WORDS = new Set(['EVSE', 'SECC', 'CP', 'CHARGEPOINT', 'CHARGER', 'STATION']);
const VEHICLE_WORDS = new Set(['EV', 'EVCC', 'VEHICLE', 'CAR']);

/** The node role a file path suggests (folder and file names), if its words say it. */
export function roleByPath(path: string): NodeRole | undefined {
  // The file name first, then its folder: `EVSE/Monitor.can` is a charge point node.
  const parts = path.split(/[\\/]/).reverse().slice(0, 2);
  for (const part of parts) {
    const words = splitWords(part.replace(/\.(can|cin)$/i, '')).map((word) => word.toUpperCase());
    const joined = words.join('');
    if (words.some((word) => CHARGE_POINT_WORDS.has(word)) || joined.includes('CHARGEPOINT')) return 'charge-point';
    if (words.some((word) => VEHICLE_WORDS.has(word))) return 'vehicle';
  }
  return undefined;
}

/**
 * The node role the defined SCC callbacks suggest: a vehicle handles responses
 * (`SCC_SessionSetupRes`), a charge point handles requests (`SCC_SessionSetupReq`).
 */
export function roleByCallbacks(procedureNames: readonly string[]): { role: NodeRole; callback: string } | undefined {
  let responses: string | undefined;
  let requests: string | undefined;
  for (const name of procedureNames) {
    if (!name.startsWith('SCC_')) continue;
    if (name.endsWith('Res')) responses ??= name;
    else if (name.endsWith('Req')) requests ??= name;
  }
  if (responses && !requests) return { role: 'vehicle', callback: responses };
  if (requests && !responses) return { role: 'charge-point', callback: requests };
  return undefined;
}
