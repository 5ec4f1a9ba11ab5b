import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalogue, catalogue } from '../../server/src/service/catalogue/catalogue';
import { catalogueEntries } from '../../server/src/service/catalogue/catalogue.generated';
import { constantName, splitWords } from '../../server/src/service/catalogue/constantName';
import { parseReferencePage } from '../../server/src/service/catalogue/referencePage';
import { TABLES, type CatalogueEntry, type MessageKind, type TableKey } from '../../server/src/service/catalogue/types';

const repoRoot = join(__dirname, '..', '..');
const PAGE_FILE = 'capl-smart-charging-message-ids.txt';
const vendoredPage = readFileSync(join(repoRoot, 'data', PAGE_FILE), 'utf8');

/** [table, group, name, kind, id, constant] */
type Row = [TableKey, string | null, string, MessageKind | null, number, string];
const rowOf = (e: CatalogueEntry): Row => [e.table, e.group, e.name, e.kind, e.id, e.constant];

/**
 * An independent reading of the page, simpler than the product's parser: every bullet
 * `- Name: Kind (id), Kind (id)` or `- Name: id`, under the last table heading, as
 * "table|name|kind|id" (kind "—" when printed so; the `Cnd` typo left as printed).
 */
function pageRows(page: string): string[] {
  const headings: Record<string, TableKey> = {
    'CCS-Binding': 'ccs', 'Modeling Libraries': 'modeling', 'Vehicle States': 'vehicle-states',
    'Charge Point States': 'charge-point-states', 'OCCP-Binding': 'ocpp',
  };
  const rows: string[] = [];
  let table: TableKey | undefined;
  for (const line of page.split('\n').map((l) => l.trim())) {
    if (headings[line]) table = headings[line];
    const bullet = /^- (.+):\s*(.+)$/.exec(line);
    if (!table || !bullet) continue;
    const [, name, values] = bullet;
    if (/^\d+$/.test(values)) rows.push(`${table}|${name}|—|${values}`);
    for (const [, kind, id] of values.matchAll(/(\S+) \((\d+)\)/g)) rows.push(`${table}|${name}|${kind}|${id}`);
  }
  return rows;
}

describe('catalogue', () => {
  describe('every row against the page', () => {
    it('has 496 entries', () => assert.equal(catalogue.entries.length, 496));

    const perTable: [TableKey, number][] = [['ccs', 154], ['modeling', 95], ['vehicle-states', 17], ['charge-point-states', 22], ['ocpp', 208]];
    for (const [table, count] of perTable) {
      it(`table ${table} has ${count} entries`, () => assert.equal(catalogue.inTable(table).length, count));
    }

    it('reads exactly the rows an independent reading of the page finds, in page order', () => {
      const expected = pageRows(vendoredPage);
      assert.equal(expected.length, 496);
      const printedKind = (e: CatalogueEntry) => (e.table === 'modeling' && e.id === 116 ? 'Cnd' : e.kind ?? '—');
      assert.deepEqual(catalogue.entries.map((e) => `${e.table}|${e.name}|${printedKind(e)}|${e.id}`), expected);
    });

    it('lists the groups of each table as headed on the page, in page order', () => {
      const groups = (table: TableKey) => [...new Set(catalogue.inTable(table).map((e) => e.group))];
      assert.deepEqual(groups('ccs'), [
        'SLAC', 'SECC Discovery', 'Supported App Protocol', 'DIN 70121', 'ISO2 CM', 'ISO2 AC', 'ISO2 DC', 'ISO20 CM', 'ISO20 AC',
        'ISO20 DC', 'ISO20 WPT', 'ScheduleRenegotiation', 'MeteringConfirmation', 'Vendor MME', 'Lumissil MME',
      ]);
      assert.deepEqual(groups('modeling'), [null]);
      assert.deepEqual(groups('vehicle-states'), ['Message related states']);
      assert.deepEqual(groups('charge-point-states'), ['General States', 'Message related states']);
      assert.deepEqual(groups('ocpp'), ['General', 'OCPP 1.6', 'OCPP 2.0.1']);
    });

    it('keeps the tables in the order TABLES names them', () => {
      const order = [...new Set(catalogue.entries.map((e) => e.table))];
      assert.deepEqual(order, [...TABLES]);
    });
  });

  describe('spot checks in every group', () => {
    const rows: Row[] = [
      ['ccs', 'SLAC', 'CM_SLAC_PARM', 'Req', 1, 'CCS_SLAC_CM_SLAC_PARM_REQ'],
      ['ccs', 'SLAC', 'CM_ATTEN_CHAR', 'Rsp', 6, 'CCS_SLAC_CM_ATTEN_CHAR_RSP'],
      ['ccs', 'SLAC', 'CM_VALIDATE', 'Req', 8, 'CCS_SLAC_CM_VALIDATE_REQ'],
      ['ccs', 'SLAC', 'VS_HOST_ACTION', 'Ind', 16, 'CCS_SLAC_VS_HOST_ACTION_IND'],
      ['ccs', 'SECC Discovery', 'SECCDiscovery', 'Req', 50, 'CCS_SECC_DISCOVERY_SECC_DISCOVERY_REQ'],
      ['ccs', 'SECC Discovery', 'SECCDiscoveryWireless', 'Res', 53, 'CCS_SECC_DISCOVERY_SECC_DISCOVERY_WIRELESS_RES'],
      ['ccs', 'Supported App Protocol', 'SupportedAppProtocol', 'Req', 80, 'CCS_SUPPORTED_APP_PROTOCOL_SUPPORTED_APP_PROTOCOL_REQ'],
      ['ccs', 'DIN 70121', 'SessionSetup', 'Req', 100, 'CCS_DIN_70121_SESSION_SETUP_REQ'],
      ['ccs', 'DIN 70121', 'PreCharge', 'Req', 116, 'CCS_DIN_70121_PRE_CHARGE_REQ'],
      ['ccs', 'DIN 70121', 'WeldingDetection', 'Res', 121, 'CCS_DIN_70121_WELDING_DETECTION_RES'],
      ['ccs', 'ISO2 CM', 'SessionSetup', 'Req', 200, 'CCS_ISO2_CM_SESSION_SETUP_REQ'],
      ['ccs', 'ISO2 CM', 'ChargeParameterDiscovery', 'Res', 213, 'CCS_ISO2_CM_CHARGE_PARAMETER_DISCOVERY_RES'],
      ['ccs', 'ISO2 CM', 'CertificateInstallation', 'Res', 223, 'CCS_ISO2_CM_CERTIFICATE_INSTALLATION_RES'],
      ['ccs', 'ISO2 AC', 'ChargingStatus', 'Req', 224, 'CCS_ISO2_AC_CHARGING_STATUS_REQ'],
      ['ccs', 'ISO2 DC', 'CableCheck', 'Res', 227, 'CCS_ISO2_DC_CABLE_CHECK_RES'],
      ['ccs', 'ISO2 DC', 'CurrentDemand', 'Res', 231, 'CCS_ISO2_DC_CURRENT_DEMAND_RES'],
      ['ccs', 'ISO20 CM', 'AuthorizationSetup', 'Res', 303, 'CCS_ISO20_CM_AUTHORIZATION_SETUP_RES'],
      ['ccs', 'ISO20 CM', 'PowerDelivery', 'Res', 315, 'CCS_ISO20_CM_POWER_DELIVERY_RES'],
      ['ccs', 'ISO20 CM', 'SessionStop', 'Req', 318, 'CCS_ISO20_CM_SESSION_STOP_REQ'],
      ['ccs', 'ISO20 CM', 'VehicleCheckOut', 'Res', 325, 'CCS_ISO20_CM_VEHICLE_CHECK_OUT_RES'],
      ['ccs', 'ISO20 AC', 'ACChargeLoop', 'Req', 328, 'CCS_ISO20_AC_AC_CHARGE_LOOP_REQ'],
      ['ccs', 'ISO20 DC', 'DCCableCheck', 'Req', 332, 'CCS_ISO20_DC_DC_CABLE_CHECK_REQ'],
      ['ccs', 'ISO20 DC', 'DCWeldingDetection', 'Res', 339, 'CCS_ISO20_DC_DC_WELDING_DETECTION_RES'],
      ['ccs', 'ISO20 WPT', 'WPTFinePositioningSetup', 'Req', 348, 'CCS_ISO20_WPT_WPT_FINE_POSITIONING_SETUP_REQ'],
      ['ccs', 'ISO20 WPT', 'WPTPairingReq', 'Req', 352, 'CCS_ISO20_WPT_WPT_PAIRING_REQ_REQ'],
      ['ccs', 'ISO20 WPT', 'WPTPairingReq', 'Res', 353, 'CCS_ISO20_WPT_WPT_PAIRING_REQ_RES'],
      ['ccs', 'ScheduleRenegotiation', 'SRACChargeParameterDiscovery', 'Req', 400, 'CCS_SCHEDULE_RENEGOTIATION_SRAC_CHARGE_PARAMETER_DISCOVERY_REQ'],
      ['ccs', 'ScheduleRenegotiation', 'SRWPTChargeParameterDiscovery', 'Res', 409, 'CCS_SCHEDULE_RENEGOTIATION_SRWPT_CHARGE_PARAMETER_DISCOVERY_RES'],
      ['ccs', 'MeteringConfirmation', 'MeteringConfirmation', 'Res', 451, 'CCS_METERING_CONFIRMATION_METERING_CONFIRMATION_RES'],
      ['ccs', 'Vendor MME', 'VS_GET_PWM_STATS', 'Ind', 1404, 'CCS_VENDOR_MME_VS_GET_PWM_STATS_IND'],
      ['ccs', 'Vendor MME', 'VS_SET_PWM_CONF', 'Cnf', 1426, 'CCS_VENDOR_MME_VS_SET_PWM_CONF_CNF'],
      ['ccs', 'Lumissil MME', 'Lumissil_D_Link_Status', 'Cnf', 1503, 'CCS_LUMISSIL_MME_LUMISSIL_D_LINK_STATUS_CNF'],
      ['ccs', 'Lumissil MME', 'Lumissil_Host_Message', 'Ind', 1504, 'CCS_LUMISSIL_MME_LUMISSIL_HOST_MESSAGE_IND'],
      ['modeling', null, 'Invalid message', null, 0, 'SCC_INVALID_MESSAGE'],
      ['modeling', null, 'SECCDiscovery', 'Req', 1, 'SCC_SECC_DISCOVERY_REQ'],
      ['modeling', null, 'SessionSetup', 'Req', 5, 'SCC_SESSION_SETUP_REQ'],
      ['modeling', null, 'ServiceDiscovery', 'Res', 8, 'SCC_SERVICE_DISCOVERY_RES'],
      ['modeling', null, 'WeldingDetection', 'Req', 31, 'SCC_WELDING_DETECTION_REQ'],
      ['modeling', null, 'CertificateInstallation', 'Res', 38, 'SCC_CERTIFICATE_INSTALLATION_RES'],
      ['modeling', null, 'CmSLACParm', 'Req', 101, 'SCC_CM_SLAC_PARM_REQ'],
      ['modeling', null, 'VsAttenChar', null, 109, 'SCC_VS_ATTEN_CHAR'],
      ['modeling', null, 'CmAttenChar', 'Rsp', 112, 'SCC_CM_ATTEN_CHAR_RSP'],
      ['modeling', null, 'CmHFID', 'Cnf', 216, 'SCC_CM_HFID_CNF'],
      ['modeling', null, 'VsReset', 'Cnf', 310, 'SCC_VS_RESET_CNF'],
      ['vehicle-states', 'Message related states', 'Session Setup', null, 1, 'SCC_EV_STATE_SESSION_SETUP'],
      ['vehicle-states', 'Message related states', 'Service / Payment Selection', null, 4, 'SCC_EV_STATE_SERVICE_PAYMENT_SELECTION'],
      ['vehicle-states', 'Message related states', 'Current Demand', null, 13, 'SCC_EV_STATE_CURRENT_DEMAND'],
      ['vehicle-states', 'Message related states', 'CertificateInstallation', null, 17, 'SCC_EV_STATE_CERTIFICATE_INSTALLATION'],
      ['charge-point-states', 'General States', 'Initial', null, 0, 'SCC_CP_STATE_INITIAL'],
      ['charge-point-states', 'General States', 'Error', null, 200, 'SCC_CP_STATE_ERROR'],
      ['charge-point-states', 'General States', 'Waiting for new session', null, 201, 'SCC_CP_STATE_WAITING_FOR_NEW_SESSION'],
      ['charge-point-states', 'General States', 'Reconnecting', null, 300, 'SCC_CP_STATE_RECONNECTING'],
      ['charge-point-states', 'Message related states', 'Payment Details / Certificate transfer', null, 5, 'SCC_CP_STATE_PAYMENT_DETAILS_CERTIFICATE_TRANSFER'],
      ['charge-point-states', 'Message related states', 'Welding Detection or Renegotiation', null, 15, 'SCC_CP_STATE_WELDING_DETECTION_OR_RENEGOTIATION'],
      ['charge-point-states', 'Message related states', 'Session Stop or Renegotiation', null, 18, 'SCC_CP_STATE_SESSION_STOP_OR_RENEGOTIATION'],
      ['ocpp', 'General', 'Undefined', null, 0, 'OCPP_UNDEFINED'],
      ['ocpp', 'General', 'ErrorResponse', null, 50, 'OCPP_ERROR_RESPONSE'],
      ['ocpp', 'OCPP 1.6', 'AuthorizeRequest_16', null, 100, 'OCPP_AUTHORIZE_REQUEST_16'],
      ['ocpp', 'OCPP 1.6', 'SignedFirmwareStatusNotificationResponse_16', null, 159, 'OCPP_SIGNED_FIRMWARE_STATUS_NOTIFICATION_RESPONSE_16'],
      ['ocpp', 'OCPP 1.6', 'UpdateFirmwareResponse_16', null, 177, 'OCPP_UPDATE_FIRMWARE_RESPONSE_16'],
      ['ocpp', 'OCPP 2.0.1', 'AuthorizeRequest_201', null, 200, 'OCPP_AUTHORIZE_REQUEST_201'],
      ['ocpp', 'OCPP 2.0.1', 'Get15118EVCertificateResponse_201', null, 231, 'OCPP_GET_15118_EV_CERTIFICATE_RESPONSE_201'],
      ['ocpp', 'OCPP 2.0.1', 'MeterValuesRequest_201', null, 262, 'OCPP_METER_VALUES_REQUEST_201'],
      ['ocpp', 'OCPP 2.0.1', 'NotifyEVChargingNeedsRequest_201', null, 270, 'OCPP_NOTIFY_EV_CHARGING_NEEDS_REQUEST_201'],
      ['ocpp', 'OCPP 2.0.1', 'UpdateFirmwareResponse_201', null, 327, 'OCPP_UPDATE_FIRMWARE_RESPONSE_201'],
    ];
    for (const row of rows) {
      const [table, , , , id] = row;
      it(`${table} ${id}: ${row[2]} ${row[3] ?? ''}`, () => {
        const entry = catalogue.get(table, id);
        assert.ok(entry, `no entry ${table} ${id}`);
        assert.deepEqual(rowOf(entry), row);
        assert.equal(catalogue.byConstant(row[5]), entry);
      });
    }

    it('the spot checks cover every group of every table', () => {
      const covered = new Set(rows.map(([table, group]) => `${table}/${group}`));
      const all = new Set(catalogue.entries.map((e) => `${e.table}/${e.group}`));
      assert.deepEqual([...all].filter((g) => !covered.has(g)), []);
    });
  });

  describe('uniqueness and identifiers', () => {
    it('(table, id) is unique', () => {
      const keys = catalogue.entries.map((e) => `${e.table}:${e.id}`);
      assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), []);
    });

    it('constants are unique', () => {
      const constants = catalogue.entries.map((e) => e.constant);
      assert.deepEqual(constants.filter((c, i) => constants.indexOf(c) !== i), []);
    });

    it('every constant is a valid CAPL identifier', () => {
      assert.deepEqual(catalogue.entries.filter((e) => !/^[A-Z_][A-Z0-9_]*$/.test(e.constant)).map((e) => e.constant), []);
    });

    it('every constant follows the naming rule', () => {
      assert.deepEqual(
        catalogue.entries.filter((e) => e.constant !== constantName(e.table, e.group, e.name, e.kind)).map((e) => e.constant),
        [],
      );
    });

    it('the constant prefix tells the table', () => {
      const prefix: Record<TableKey, RegExp> = {
        ccs: /^CCS_/, modeling: /^SCC_(?!EV_STATE_|CP_STATE_)/, 'vehicle-states': /^SCC_EV_STATE_/, 'charge-point-states': /^SCC_CP_STATE_/, ocpp: /^OCPP_/,
      };
      assert.deepEqual(catalogue.entries.filter((e) => !prefix[e.table].test(e.constant)).map((e) => e.constant), []);
    });

    it('ids are non-negative integers and names are never empty', () => {
      assert.deepEqual(catalogue.entries.filter((e) => !Number.isInteger(e.id) || e.id < 0 || e.name.trim() === '').map(rowOf), []);
    });
  });

  describe('the constant-naming rule', () => {
    const names: [TableKey, string | null, string, MessageKind | null, string][] = [
      ['ccs', 'DIN 70121', 'SessionSetup', 'Req', 'CCS_DIN_70121_SESSION_SETUP_REQ'],
      ['ccs', 'ISO20 DC', 'DCCableCheck', 'Res', 'CCS_ISO20_DC_DC_CABLE_CHECK_RES'],
      ['ccs', 'SLAC', 'CM_SLAC_PARM', 'Cnf', 'CCS_SLAC_CM_SLAC_PARM_CNF'],
      ['ccs', 'Lumissil MME', 'Lumissil_D_Link_Status', 'Req', 'CCS_LUMISSIL_MME_LUMISSIL_D_LINK_STATUS_REQ'],
      ['modeling', null, 'CmHFID', 'Req', 'SCC_CM_HFID_REQ'],
      ['modeling', null, 'Invalid message', null, 'SCC_INVALID_MESSAGE'],
      ['modeling', null, 'VsGetPWMStats', 'Ind', 'SCC_VS_GET_PWM_STATS_IND'],
      ['vehicle-states', 'Message related states', 'Service / Payment Selection', null, 'SCC_EV_STATE_SERVICE_PAYMENT_SELECTION'],
      ['charge-point-states', 'General States', 'Waiting for new session', null, 'SCC_CP_STATE_WAITING_FOR_NEW_SESSION'],
      ['ocpp', 'OCPP 2.0.1', 'Get15118EVCertificateRequest_201', null, 'OCPP_GET_15118_EV_CERTIFICATE_REQUEST_201'],
    ];
    for (const [table, group, name, kind, expected] of names) {
      it(`${table} ${group ?? '(no group)'} ${name} ${kind ?? '—'} → ${expected}`, () => assert.equal(constantName(table, group, name, kind), expected));
    }

    const splits: [string, string[]][] = [
      ['SessionSetup', ['Session', 'Setup']],
      ['DCCableCheck', ['DC', 'Cable', 'Check']],
      ['CmHFID', ['Cm', 'HFID']],
      ['Get15118EVCertificate', ['Get', '15118', 'EV', 'Certificate']],
      ['ISO20 CM', ['ISO20', 'CM']],
      ['SECCDiscovery', ['SECC', 'Discovery']],
      ['VsGetPWMStats', ['Vs', 'Get', 'PWM', 'Stats']],
      ['Service / Payment Selection', ['Service', 'Payment', 'Selection']],
      ['Lumissil_D_Link_Status', ['Lumissil', 'D', 'Link', 'Status']],
      ['Vendor/Hardware', ['Vendor', 'Hardware']],
      ['OCPP 2.0.1', ['OCPP', '2', '0', '1']],
      ['', []],
    ];
    for (const [text, expected] of splits) {
      it(`splitWords(${JSON.stringify(text)})`, () => assert.deepEqual(splitWords(text), expected));
    }
  });

  describe('page quirks', () => {
    it('"Cnd" at 116 is read as Cnf', () => {
      assert.deepEqual(rowOf(catalogue.get('modeling', 116)!), ['modeling', null, 'CmSLACMatch', 'Cnf', 116, 'SCC_CM_SLAC_MATCH_CNF']);
      assert.equal(catalogue.pairOf(catalogue.get('modeling', 115)!), catalogue.get('modeling', 116));
    });

    it('the "OCCP-Binding" heading is table ocpp (and "OCPP-Binding" would be too)', () => {
      assert.match(vendoredPage, /^OCCP-Binding$/m);
      assert.equal(catalogue.get('ocpp', 100)?.name, 'AuthorizeRequest_16');
      const fixed = parseReferencePage(vendoredPage.replace('OCCP-Binding', 'OCPP-Binding'));
      assert.deepEqual(fixed, parseReferencePage(vendoredPage));
    });

    it('VsGetPWMStats is listed twice: both rows kept, with distinct constants', () => {
      assert.deepEqual(catalogue.byName('VsGetPWMStats', 'modeling').map(rowOf), [
        ['modeling', null, 'VsGetPWMStats', 'Req', 217, 'SCC_VS_GET_PWM_STATS_REQ'],
        ['modeling', null, 'VsGetPWMStats', 'Cnf', 218, 'SCC_VS_GET_PWM_STATS_CNF'],
        ['modeling', null, 'VsGetPWMStats', 'Ind', 219, 'SCC_VS_GET_PWM_STATS_IND'],
      ]);
      assert.equal(catalogue.get('modeling', 220), undefined);
    });

    it('CmStaIndentify is kept as printed, with the alias CmStaIdentify', () => {
      const ind = catalogue.get('modeling', 209)!;
      assert.deepEqual(rowOf(ind), ['modeling', null, 'CmStaIndentify', 'Ind', 209, 'SCC_CM_STA_INDENTIFY_IND']);
      assert.deepEqual(ind.aliases, ['CmStaIdentify']);
      assert.deepEqual(catalogue.byName('CmStaIdentify').map((e) => e.id), [209, 210]);
      assert.deepEqual(catalogue.byName('CmStaIdentifyRsp').map((e) => e.id), [210]);
      assert.deepEqual(catalogue.byName('CmStaIndentifyInd').map((e) => e.id), [209]);
    });

    it('the holes 316 and 317 of ISO20 CM stay holes', () => {
      assert.equal(catalogue.get('ccs', 315)?.name, 'PowerDelivery');
      assert.equal(catalogue.get('ccs', 316), undefined);
      assert.equal(catalogue.get('ccs', 317), undefined);
      assert.equal(catalogue.get('ccs', 318)?.name, 'SessionStop');
      assert.deepEqual(catalogue.withId(316).map((e) => e.table), ['ocpp']);
    });

    it('"- Vendor/Hardware" heads the modeling table\'s name column: no group of its rows, no entry', () => {
      assert.match(vendoredPage, /^Modeling Libraries\n.*\n- Vendor\/Hardware\n- Invalid message: /m);
      assert.ok(catalogue.inTable('modeling').every((e) => e.group === null));
      assert.equal(catalogue.byName('Vendor/Hardware').length, 0);
    });

    it('a group heading is a lone "-" line and the line after it; every other table\'s rows have one', () => {
      const headings = [...vendoredPage.matchAll(/^-\n(.+)$/gm)].map((match) => match[1]);
      const groups = new Set(catalogue.entries.map((e) => e.group).filter((group) => group !== null));
      assert.deepEqual([...groups].filter((group) => !headings.includes(group)), []);
      assert.deepEqual(catalogue.entries.filter((e) => e.group === null && e.table !== 'modeling').map(rowOf), []);
    });

    it('the empty "General States" heading of the vehicle states yields no rows', () => {
      assert.ok(catalogue.inTable('vehicle-states').every((e) => e.group === 'Message related states'));
      assert.equal(catalogue.get('vehicle-states', 0), undefined);
    });

    it('"—" means no kind or no ID: Invalid message 0 and VsAttenChar 109 have kind null and one row each', () => {
      assert.deepEqual(catalogue.byName('Invalid message').map(rowOf), [['modeling', null, 'Invalid message', null, 0, 'SCC_INVALID_MESSAGE']]);
      assert.deepEqual(catalogue.byName('VsAttenChar').map(rowOf), [['modeling', null, 'VsAttenChar', null, 109, 'SCC_VS_ATTEN_CHAR']]);
      assert.deepEqual(catalogue.byName('CM_START_ATTEN_CHAR', 'ccs').map(rowOf), [['ccs', 'SLAC', 'CM_START_ATTEN_CHAR', 'Ind', 3, 'CCS_SLAC_CM_START_ATTEN_CHAR_IND']]);
      assert.equal(catalogue.get('modeling', 110), undefined);
    });

    it('WPTPairingReq keeps its name; its kinds are Req and Res', () => {
      assert.deepEqual(catalogue.byName('WPTPairingReq', 'ccs').map((e) => [e.kind, e.id]), [['Req', 352], ['Res', 353]]);
      assert.deepEqual(catalogue.byName('WPTPairingReqRes').map((e) => e.id), [353]);
    });

    it('the parser rejects what it cannot read instead of guessing', () => {
      assert.throws(() => parseReferencePage('CCS-Binding\n-\nSLAC\n- X: Foo (1)'), /unknown kind "Foo"/);
      assert.throws(() => parseReferencePage('CCS-Binding\n-\nSLAC\n- X: Req (one)'), /bad ID/);
      assert.throws(() => parseReferencePage('CCS-Binding\n- X: Req (1)'), /before any group/);
    });

    it('reads CRLF pages like LF pages', () => {
      assert.deepEqual(parseReferencePage(vendoredPage.replace(/\n/g, '\r\n')), parseReferencePage(vendoredPage));
    });
  });

  describe('lookups', () => {
    const byName: [string, TableKey | undefined, string[]][] = [
      ['SessionSetupReq', 'modeling', ['SCC_SESSION_SETUP_REQ']],
      ['SessionSetup', 'modeling', ['SCC_SESSION_SETUP_REQ', 'SCC_SESSION_SETUP_RES']],
      ['sessionsetupreq', 'modeling', ['SCC_SESSION_SETUP_REQ']],
      ['Session Setup Req', 'modeling', ['SCC_SESSION_SETUP_REQ']],
      ['session_setup_req', 'modeling', ['SCC_SESSION_SETUP_REQ']],
      ['SessionSetupReq', undefined, ['CCS_DIN_70121_SESSION_SETUP_REQ', 'CCS_ISO2_CM_SESSION_SETUP_REQ', 'CCS_ISO20_CM_SESSION_SETUP_REQ', 'SCC_SESSION_SETUP_REQ']],
      ['session setup', 'vehicle-states', ['SCC_EV_STATE_SESSION_SETUP']],
      ['CmSLACMatchCnf', 'modeling', ['SCC_CM_SLAC_MATCH_CNF']],
      ['CmSLACMatchCnd', 'modeling', []],
      ['AuthorizeRequest_16', undefined, ['OCPP_AUTHORIZE_REQUEST_16']],
      ['authorizerequest16', 'ocpp', ['OCPP_AUTHORIZE_REQUEST_16']],
      ['AuthorizeRequest_16', 'ccs', []],
      ['NoSuchMessage', undefined, []],
      ['', undefined, []],
    ];
    for (const [name, table, expected] of byName) {
      it(`byName(${JSON.stringify(name)}${table ? `, ${table}` : ''})`, () => assert.deepEqual(catalogue.byName(name, table).map((e) => e.constant), expected));
    }

    const pairs: [TableKey, number, number | undefined][] = [
      ['ccs', 100, 101], ['ccs', 101, 100], // Req ↔ Res
      ['ccs', 1, 2], ['ccs', 2, 1], // Req ↔ Cnf
      ['ccs', 5, 6], ['ccs', 6, 5], // Ind ↔ Rsp
      ['modeling', 209, 210], // CmStaIndentify Ind ↔ Rsp
      ['modeling', 217, 218], ['modeling', 218, 217], ['modeling', 219, undefined], // VsGetPWMStats Ind has no Rsp
      ['ccs', 3, undefined], ['ccs', 1404, undefined], ['modeling', 0, undefined], ['modeling', 109, undefined],
      ['ocpp', 100, 101], ['ocpp', 101, 100], ['ocpp', 200, 201], ['ocpp', 327, 326],
      ['ocpp', 0, undefined], ['ocpp', 50, undefined],
      ['vehicle-states', 1, undefined], ['charge-point-states', 201, undefined],
    ];
    for (const [table, id, partner] of pairs) {
      it(`pairOf(${table} ${id}) → ${partner ?? 'none'}`, () => assert.equal(catalogue.pairOf(catalogue.get(table, id)!)?.id, partner));
    }

    it('pairs stay inside their group (DIN 100 pairs with DIN 101, not ISO2)', () => {
      assert.equal(catalogue.pairOf(catalogue.get('ccs', 200)!)?.constant, 'CCS_ISO2_CM_SESSION_SETUP_RES');
    });

    const withId: [number, TableKey[]][] = [
      [100, ['ccs', 'ocpp']],
      [8, ['ccs', 'modeling', 'vehicle-states', 'charge-point-states']],
      [231, ['ccs', 'ocpp']],
      [1, ['ccs', 'modeling', 'vehicle-states', 'charge-point-states']],
      [0, ['modeling', 'charge-point-states', 'ocpp']],
      [201, ['ccs', 'modeling', 'charge-point-states', 'ocpp']],
      [1504, ['ccs']],
      [999, []],
    ];
    for (const [id, tables] of withId) {
      it(`withId(${id}) → ${tables.join(', ') || 'nothing'}`, () => assert.deepEqual(catalogue.withId(id).map((e) => e.table), tables));
    }

    it('get, inTable and byConstant', () => {
      assert.equal(catalogue.get('modeling', 8)?.constant, 'SCC_SERVICE_DISCOVERY_RES');
      assert.equal(catalogue.get('modeling', 9999), undefined);
      assert.equal(catalogue.byConstant('OCPP_METER_VALUES_REQUEST_201')?.id, 262);
      assert.equal(catalogue.byConstant('ocpp_meter_values_request_201'), undefined);
      assert.deepEqual(catalogue.inTable('vehicle-states').map((e) => e.id), Array.from({ length: 17 }, (_, i) => i + 1));
    });

    it('a Catalogue over other entries serves only those', () => {
      const small = new Catalogue(catalogue.inTable('vehicle-states'));
      assert.equal(small.entries.length, 17);
      assert.equal(small.get('modeling', 8), undefined);
      assert.deepEqual(small.withId(13).map((e) => e.constant), ['SCC_EV_STATE_CURRENT_DEMAND']);
    });
  });

  describe('data files', () => {
    it('data/ holds the same page as ../shared', function () {
      const shared = join(repoRoot, '..', 'shared', PAGE_FILE);
      if (!existsSync(shared)) this.skip();
      assert.equal(vendoredPage, readFileSync(shared, 'utf8'));
    });

    it('the generated catalogue equals parseReferencePage(vendored page)', () => {
      assert.deepEqual(catalogueEntries(), parseReferencePage(vendoredPage));
    });
  });
});
