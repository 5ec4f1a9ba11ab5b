import type { FileAnalysis } from '../analysis/types';
import { STATE_TABLES } from '../analysis/idApis';
import { TABLES, type CatalogueEntry, type MessageKind, type TableKey } from '../catalogue/types';
import type { Outline, Procedure } from '../syntax/outline';

/**
 * How likely each constant is where completion was asked for. Inside a callback or handler
 * that tells which way its message travels (the node receives it in `SCC_MessageRxInd`,
 * `on fct_called X.OnLastReceivedMessageIdChanged`; sends it in `SCC_MessageTxInd`, ...), and
 * with the node's role known, the messages the node handles there come first (a vehicle
 * receives responses, a charge point requests), then their pairs, then the rest; the
 * no-message entry (`Invalid message`, `Undefined`: ID 0 of a message table) always last.
 */
export type Ranker = (entry: CatalogueEntry) => string;

export function completionRanker(analysis: FileAnalysis, outline: Outline | undefined, offset: number, tables: readonly TableKey[]): Ranker {
  const direction = outline && directionAt(outline.procedures, offset);
  const role = analysis.role.role;
  const answers = direction && role ? (direction === 'received') === (role === 'vehicle') : undefined;
  const likely: readonly MessageKind[] = answers === undefined ? [] : answers ? ANSWER_KINDS : ['Req'];
  const pairs: readonly MessageKind[] = answers === undefined ? [] : answers ? ['Req'] : ANSWER_KINDS;
  return (entry) => {
    const rank = isNoMessage(entry) ? 3 : entry.kind && likely.includes(entry.kind) ? 0 : entry.kind && pairs.includes(entry.kind) ? 1 : 2;
    const table = tables.indexOf(entry.table);
    return `${rank}${table < 0 ? TABLES.length : table}${String(entry.id).padStart(5, '0')}`;
  };
}

/** What a vehicle (the client of the exchange) receives: responses and confirmations. */
const ANSWER_KINDS: readonly MessageKind[] = ['Res', 'Cnf'];

/** The entry an ID variable holds when there is no message: ID 0 of a message table (states count from 0 too). */
export function isNoMessage(entry: CatalogueEntry): boolean {
  return entry.id === 0 && !STATE_TABLES.includes(entry.table);
}

type Direction = 'received' | 'sent';

const CALLBACK_DIRECTIONS: ReadonlyMap<string, Direction> = new Map([
  ['SCC_MessageRxInd', 'received'],
  ['SCC_MessageTxInd', 'sent'],
  ['SCC_PreSendInd', 'sent'],
  ['SCC_PayloadPreSendInd', 'sent'],
  ['SCC_SignaturePreSendInd', 'sent'],
]);

const MEMBER_DIRECTIONS: ReadonlyMap<string, Direction> = new Map([
  ['onlastreceivedmessageidchanged', 'received'],
  ['onsocketreceivedind', 'received'],
  ['onlasttransmittedmessageidchanged', 'sent'],
  ['onpresendmessageidchanged', 'sent'],
  ['payloadpresendind', 'sent'],
]);

/** The direction of the message of the callback or `on fct_called` handler whose body holds `offset`. */
function directionAt(procedures: readonly Procedure[], offset: number): Direction | undefined {
  const procedure = procedures.find((candidate) => candidate.bodyOpen < offset && offset <= candidate.bodyClose);
  if (!procedure) return undefined;
  if (procedure.kind === 'function') return CALLBACK_DIRECTIONS.get(procedure.name);
  if (procedure.eventType !== 'fct_called' || !procedure.eventTarget) return undefined;
  const member = procedure.eventTarget.slice(procedure.eventTarget.lastIndexOf('.') + 1).trim().toLowerCase();
  return MEMBER_DIRECTIONS.get(member);
}
