import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonArray, jsonItem, jsonItems } from '../../server/src/cli/jsonText';
import { fcParams } from '../fuzz/support';

describe('jsonText: JSON written piece by piece is JSON.stringify(value, null, 2)', () => {
  const item = fc.jsonValue();
  it('an array of items, whole or in runs', () => {
    fc.assert(fc.property(fc.array(fc.array(item, { maxLength: 4 }), { maxLength: 5 }), (runs) => {
      const runsText = runs.filter((run) => run.length > 0).map((run) => jsonItems(run, 1));
      assert.equal(jsonArray(runsText, 1), JSON.stringify(runs.flat(), null, 2));
      assert.equal(jsonArray(runs.flat().map((value) => jsonItem(value, 1)), 1), JSON.stringify(runs.flat(), null, 2));
    }), fcParams(200));
  });

  it('an array deeper in a document', () => {
    fc.assert(fc.property(fc.array(item, { maxLength: 5 }), (items) => {
      const document = { runs: [{ name: 'x', results: [] as unknown[] }] };
      const pieced = JSON.stringify(document, null, 2).replace('"results": []', () => `"results": ${jsonArray(items.map((value) => jsonItem(value, 4)), 4)}`);
      document.runs[0].results = items;
      assert.equal(pieced, JSON.stringify(document, null, 2));
    }), fcParams(200));
  });
});
