/**
 * The catalogue search the lookup panel and the Look Up Message ID command share: each case
 * is a query and exactly the constants it finds, in catalogue order.
 */
import { strict as assert } from 'node:assert';
import { catalogue } from '../../server/src/service/catalogue/catalogue';
import { CatalogueSearch } from '../../server/src/service/catalogue/search';

function found(query: string): string[] {
  const search = new CatalogueSearch(query);
  return catalogue.entries.filter((entry) => search.matches(entry)).map((entry) => entry.constant);
}

const CURRENT_DEMAND_RES = ['CCS_DIN_70121_CURRENT_DEMAND_RES', 'CCS_ISO2_DC_CURRENT_DEMAND_RES', 'SCC_CURRENT_DEMAND_RES'];
const CABLE_CHECK = [
  'CCS_DIN_70121_CABLE_CHECK_REQ', 'CCS_DIN_70121_CABLE_CHECK_RES', 'CCS_ISO2_DC_CABLE_CHECK_REQ', 'CCS_ISO2_DC_CABLE_CHECK_RES',
  'CCS_ISO20_DC_DC_CABLE_CHECK_REQ', 'CCS_ISO20_DC_DC_CABLE_CHECK_RES', 'SCC_CABLE_CHECK_REQ', 'SCC_CABLE_CHECK_RES',
  'SCC_EV_STATE_CABLE_CHECK', 'SCC_CP_STATE_CABLE_CHECK',
];

describe('catalogue search', () => {
  const cases: [string, string[]][] = [
    ['current demand res', CURRENT_DEMAND_RES],
    ['res current demand', CURRENT_DEMAND_RES],
    ['Current  Demand RES', CURRENT_DEMAND_RES],
    ['currentdemand res', CURRENT_DEMAND_RES],
    ['CurrentDemandRes', CURRENT_DEMAND_RES],
    ['current-demand, res', CURRENT_DEMAND_RES],
    ['cable check', CABLE_CHECK],
    ['check cable', CABLE_CHECK],
    ['CCS_ISO2_DC_CURRENT_DEMAND_RES', ['CCS_ISO2_DC_CURRENT_DEMAND_RES']],
    ['SCC_EV_STATE_CURRENT_DEMAND', ['SCC_EV_STATE_CURRENT_DEMAND']],
    ['cm sta identify', ['SCC_CM_STA_INDENTIFY_IND', 'SCC_CM_STA_INDENTIFY_RSP']],
    ['cm slac match cnf', ['CCS_SLAC_CM_SLAC_MATCH_CNF', 'SCC_CM_SLAC_MATCH_CNF']],
    ['heartbeat 201', ['OCPP_HEARTBEAT_REQUEST_201', 'OCPP_HEARTBEAT_RESPONSE_201']],
    ['231', ['CCS_ISO2_DC_CURRENT_DEMAND_RES', 'OCPP_GET_15118_EV_CERTIFICATE_RESPONSE_201']],
    ['0xE7', ['CCS_ISO2_DC_CURRENT_DEMAND_RES', 'OCPP_GET_15118_EV_CERTIFICATE_RESPONSE_201']],
    ['current demand rsp', []],
    ['no such message', []],
  ];
  for (const [query, constants] of cases) {
    it(JSON.stringify(query), () => assert.deepEqual(found(query), constants));
  }

  it('an empty or blank query matches everything and says it is empty', () => {
    for (const query of ['', '   ', ' - ']) {
      assert.equal(new CatalogueSearch(query).isEmpty, true);
      assert.equal(found(query).length, catalogue.entries.length);
    }
  });

  it('a number query knows its ID', () => {
    assert.equal(new CatalogueSearch(' 0x1A ').id, 26);
    assert.equal(new CatalogueSearch('26 res').id, undefined);
  });
});
