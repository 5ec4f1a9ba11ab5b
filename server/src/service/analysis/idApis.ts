import type { TableKey } from '../catalogue/types';

/**
 * The CAPL entry points that carry a message ID (shared/smart-charging-api.md).
 * Parameter positions are 0-based.
 */

export type StateTables = 'states';

export interface CallbackSignature {
  /** Position of each ID parameter and the table it carries ("states": vehicle or charge point). */
  readonly idParameters: ReadonlyMap<number, TableKey | StateTables>;
}

function callback(...parameters: [number, TableKey | StateTables][]): CallbackSignature {
  return { idParameters: new Map(parameters) };
}

/** SCC modeling-library callbacks a node defines, and SCC functions it calls. */
export const SCC_FUNCTIONS: ReadonlyMap<string, CallbackSignature> = new Map([
  ['SCC_MessageTxInd', callback([1, 'modeling'])],
  ['SCC_MessageRxInd', callback([1, 'modeling'])],
  ['SCC_PreSendInd', callback([1, 'modeling'])],
  ['SCC_PayloadPreSendInd', callback([1, 'modeling'])],
  ['SCC_SignaturePreSendInd', callback([1, 'modeling'])],
  ['SCC_SignatureVerificationInd', callback([0, 'modeling'])],
  ['SCC_V2G_EVCC_Msg_TimeoutInd', callback([1, 'modeling'])],
  ['SCC_StateTransitionInd', callback([1, 'states'], [2, 'states'])],
  ['SCC_GetStateName', callback([0, 'states'])],
]);

export interface MemberSignature {
  /** Position of the ID parameter. */
  readonly idParameter: number;
  /** Its name as documented; `$Obj.Member.LatestCall.<name>` reads it (any case). */
  readonly idParameterName: string;
}

/** Distributed Object members of the CCS and OCPP bindings; the object decides the table. */
export const OBJECT_MEMBERS: ReadonlyMap<string, MemberSignature> = new Map([
  ['OnLastReceivedMessageIdChanged', { idParameter: 0, idParameterName: 'LastRxMessageId' }],
  ['OnLastTransmittedMessageIdChanged', { idParameter: 0, idParameterName: 'LastTxMessageId' }],
  ['OnPreSendMessageIdChanged', { idParameter: 0, idParameterName: 'txMessageId' }],
  ['OnSocketReceivedInd', { idParameter: 0, idParameterName: 'messageId' }],
  ['PayloadPreSendInd', { idParameter: 1, idParameterName: 'messageID' }],
  ['SetMessageTimeout', { idParameter: 0, idParameterName: 'MessageType' }],
]);

/** Declared types that mark a message-ID value wherever they appear (also as `Ns::MessageIdType`). */
export const ID_TYPES: ReadonlySet<string> = new Set(['MessageIdType', 'LastRxMessageIdType', 'LastTxMessageIdType']);

export const OBJECT_TABLES: readonly TableKey[] = ['ccs', 'ocpp'];
export const STATE_TABLES: readonly TableKey[] = ['vehicle-states', 'charge-point-states'];

/** `$[Path.]Obj.Member.LatestCall.param`, where no part before `param` is `LatestCall`. */
export const LATEST_CALL = /^\$(?:(?!latestcall\.)[^.]*\.)*((?!latestcall\.)[^.]*)\.((?!latestcall\.)[^.]*)\.latestcall\.([^.]*)$/i;

/** `Path::Obj.Member` → `Obj`. */
export function objectOfMemberPath(target: string): string | undefined {
  const last = target.lastIndexOf('.');
  if (last < 0) return undefined;
  const previous = last > 0 ? target.lastIndexOf('.', last - 1) : -1;
  return lastSegment(target.slice(previous + 1, last).trim());
}

export function lastSegment(path: string): string {
  const index = path.lastIndexOf('::');
  return index < 0 ? path : path.slice(index + 2);
}
