/**
 * Rule 8 on its own: which enums mirror a table, and which of their members name an entry of
 * it. Each row is `[description, enum declaration, mirrored table or undefined, members that
 * name no entry of that table]`; every other member of a mirror must name at least one.
 */
import { strict as assert } from 'node:assert';
import { findEnumMirrors } from '../../server/src/service/analysis/enumMirrors';
import type { EnumMirror } from '../../server/src/service/analysis/types';
import type { TableKey } from '../../server/src/service/catalogue/types';
import { parseOutline } from '../../server/src/service/syntax/outline';
import { tokenize } from '../../server/src/service/syntax/scanner';

type Row = [description: string, source: string, table: TableKey | undefined, noEntry?: string[]];

function mirrorsOf(source: string): EnumMirror[] {
  return findEnumMirrors(parseOutline(source, tokenize(source)).enums);
}

/** The enum of Vector's public Smart Charging Monitor sample (DIN70121_ISO15118/Nodes/Monitor.can), spellings as there. */
const VECTOR_MONITOR_ENUM = `enum SmartChargingMessageIDs
{
  InvalidMessage = 0, SECCDiscoveryReq = 1, SECCDiscoveryRes = 2, SupportedAppProtocolReq = 3, SupportedAppProtocolRes = 4,
  SessionSetupReq = 5, SessionSetupRes = 6, ServiceDiscoveryReq = 7, ServiceDiscoveryRes = 8, ServiceDetailReq = 9,
  ServiceDetailRes = 10, PaymentServiceSelectionReq = 11, PaymentServiceSelectionRes = 12, PaymentDetailsReq = 13,
  PaymentDetailsRes = 14, ContractAuthentiationReq = 15, ContractAuthentiationRes = 16, ChargeParameterDiscoveryReq = 17,
  ChargeParameterDiscoveryRes = 18, PowerDeliveryReq = 19, PowerDeliveryRes = 20, ChargingStatusReq = 21,
  ChargingStatusRes = 22, MeteringReceiptReq = 23, MeteringReceiptRes = 24, CableCheckReq = 25, CableCheckRes = 26,
  PreChargeReq = 27, PreChargeRes = 28, CurrentDemandReq = 29, CurrentDemandRes = 30, WeldingDetectionReq = 31,
  WeldingDetectionRes = 32, SessionStopReq = 33, SessionStopRes = 34, CertificateUpdateReq = 35, CertificateUpdateRes = 36,
  CertificateInstallationReq = 37, CertificateInstallationRes = 38, CmSLACParamReq = 101, CmSLACParamCnf = 102,
  CmStartAttenCharInd = 103, CmMNBCSoundInd = 105, CmAttenProfileInd = 107, VsAttenChar = 109, CmAttenCharInd = 111,
  CmAttenCharRsp = 112, CmValidateReq = 113, CmValidateCnf = 114, CmSLACMatchReq = 115, CmSLACMatchCnf = 116,
  CmSetKeyReq = 117, CmSetKeyCnf = 118, VsSetKeyReq = 119, VsSetKeyCnf = 120, CmAmpMapReq = 121, CmAmpMapCnf = 122,
  VsPILinkStatusReq = 123, VsPILinkStatusCnf = 124, StLinkStatusReq = 125, StLinkStatusCnf = 126, VsNwInfoReq = 127,
  VsNwInfoCnf = 128
};`;

const ROWS: Row[] = [
  // mirrors
  ["Vector's Monitor sample enum, its misspelt members part of it but naming no entry", VECTOR_MONITOR_ENUM, 'modeling',
    // The table spells the last two VsPlLnkStatus.
    ['ContractAuthentiationReq', 'ContractAuthentiationRes', 'CmSLACParamReq', 'CmSLACParamCnf', 'VsPILinkStatusReq', 'VsPILinkStatusCnf']],
  ['every member named with its kind', 'enum Ids { SessionSetupReq = 5, SessionSetupRes = 6, ServiceDiscoveryReq = 7 };', 'modeling', []],
  ['an entry without a kind is named precisely by its name alone', 'enum Ids { InvalidMessage = 0, SessionSetupReq = 5, VsAttenChar = 109 };', 'modeling', []],
  ['case and punctuation do not matter', 'enum Ids { SESSION_SETUP_REQ = 5, session_setup_res = 6 };', 'modeling', []],
  ['OCPP names, which carry no kind', 'enum OcppIds { AuthorizeRequest_16 = 100, AuthorizeResponse_16 = 101, Heartbeat = 7 };', 'ocpp', ['Heartbeat']],
  ['a member named without its kind inside a mirror names no entry', 'enum Ids { SessionSetupReq = 5, SessionSetupRes = 6, PowerDelivery = 19 };', 'modeling', ['PowerDelivery']],
  ['a member of another name inside a mirror names no entry', 'enum Ids { SessionSetupReq = 5, SessionSetupRes = 6, Unused = 99 };', 'modeling', ['Unused']],
  ['the table whose values agree wins over one that only shares the names',
    'enum Ids { SessionSetupReq = 100, SessionSetupRes = 101, ServiceDiscoveryReq = 102 };', 'ccs', []],

  // enums that only look like a table
  ['a menu of pages, two named after messages without their kind', 'enum MenuPage { Back = 0, PowerDelivery = 19, CableCheck = 25, Help = 40 };', undefined],
  ['pages named with kinds, but only half of the members', 'enum MenuPage { Back = 0, PowerDeliveryReq = 19, CableCheckReq = 25, Help = 40 };', undefined],
  ['progress steps named after messages, numbered their own way', 'enum Step { Idle = 0, SessionSetup = 1, CableCheck = 2, PreCharge = 3, CurrentDemand = 4, Done = 5 };', undefined],
  ['message names without kinds in a table of kinds, even with its values', 'enum Ids { SessionSetup = 5, ServiceDiscovery = 7, PowerDelivery = 19 };', undefined],
  ['the names of a table with its own numbering', 'enum Steps { SessionSetupReq = 1000, ServiceDiscoveryReq = 1001, PowerDeliveryReq = 1002 };', undefined],
  ['one matching name among many', 'enum Misc { SessionSetupReq = 5, A = 1, B = 2, C = 3 };', undefined],
  ['a single member is no table', 'enum One { SessionSetupReq = 5 };', undefined],
  ['names of no entry at all', 'enum Colours { Red = 1, Green = 2, Blue = 8 };', undefined],
  ['two tables that agree equally well: never a guess', 'enum States { SessionSetup = 1, ServiceDiscovery = 2 };', undefined],
];

describe('findEnumMirrors: enums that mirror a table, and enums that only look like one (rule 8)', () => {
  for (const [description, source, table, noEntry = []] of ROWS) {
    it(description, () => {
      const mirrors = mirrorsOf(source);
      if (!table) {
        assert.deepEqual(mirrors, []);
        return;
      }
      assert.deepEqual(mirrors.map((mirror) => mirror.table), [table]);
      const members = mirrors[0].members;
      assert.deepEqual(members.filter((member) => member.expected.length === 0).map((member) => member.name), noEntry);
      for (const member of members) assert.ok(member.expected.every((entry) => entry.table === table), `${member.name} expects entries of ${table} only`);
    });
  }

  it("a member's expected entries are the ones its name and kind give, whatever its value", () => {
    const [mirror] = mirrorsOf('enum Ids { SessionSetupReq = 6, SessionSetupRes = 6, ServiceDiscoveryRes = 8, ServiceDiscovery = 7 };');
    assert.deepEqual(mirror.members.map((member) => [member.name, member.value, member.expected.map((entry) => entry.constant)]), [
      ['SessionSetupReq', 6, ['SCC_SESSION_SETUP_REQ']],
      ['SessionSetupRes', 6, ['SCC_SESSION_SETUP_RES']],
      ['ServiceDiscoveryRes', 8, ['SCC_SERVICE_DISCOVERY_RES']],
      ['ServiceDiscovery', 7, []],
    ]);
  });
});
