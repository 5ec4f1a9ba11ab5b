import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticReports } from '../../server/src/service/features/diagnosticReports';

const URI = 'file:///c%3A/proj/Node.can';
/** Two inputs (an analysis, settings) as the server passes them: compared by identity. */
const ONE = { analysis: 1 };
const TWO = { analysis: 2 };

function diagnostic(line: number, message = 'magic', data?: unknown): Diagnostic {
  return { range: { start: { line, character: 4 }, end: { line, character: 7 } }, severity: 4, code: 'magic-number', message, ...(data ? { data } : {}) };
}

describe('pull diagnostics reports', () => {
  let reports: DiagnosticReports;
  let computed: number;
  const pull = (previousResultId: string | undefined, inputs: object[], items: Diagnostic[]) =>
    reports.report(URI, previousResultId, inputs, () => {
      computed++;
      return items;
    });

  beforeEach(() => {
    reports = new DiagnosticReports();
    computed = 0;
  });

  it('the first pull is a full report', () => {
    const report = pull(undefined, [ONE], [diagnostic(1)]);
    assert.equal(report.kind, 'full');
    assert.equal(computed, 1);
  });

  it('the same inputs are unchanged, without computing the diagnostics again', () => {
    const first = pull(undefined, [ONE], [diagnostic(1)]);
    assert.deepStrictEqual(pull(first.resultId, [ONE], [diagnostic(1)]), { kind: 'unchanged', resultId: first.resultId });
    assert.equal(computed, 1);
  });

  it('new inputs with equal diagnostics are unchanged', () => {
    const first = pull(undefined, [ONE], [diagnostic(1, 'magic', { original: '8', replacements: [{ text: 'A' }] })]);
    const second = pull(first.resultId, [TWO], [diagnostic(1, 'magic', { original: '8', replacements: [{ text: 'A' }] })]);
    assert.deepStrictEqual(second, { kind: 'unchanged', resultId: first.resultId });
    assert.equal(pull(first.resultId, [TWO], []).kind, 'unchanged', 'the new inputs are remembered');
  });

  const changes: [string, Diagnostic[]][] = [
    ['a moved diagnostic', [diagnostic(2)]],
    ['another message', [diagnostic(1, 'other')]],
    ['other fix data', [diagnostic(1, 'magic', { original: '9' })]],
    ['one more diagnostic', [diagnostic(1), diagnostic(3)]],
    ['none left', []],
  ];
  for (const [name, items] of changes) {
    it(`${name}: a full report with a new result ID`, () => {
      const first = pull(undefined, [ONE], [diagnostic(1)]);
      const second = pull(first.resultId, [TWO], items);
      assert.equal(second.kind, 'full');
      assert.notEqual(second.resultId, first.resultId);
    });
  }

  it('a client that does not hold the last report gets a full one', () => {
    pull(undefined, [ONE], [diagnostic(1)]);
    assert.equal(pull(undefined, [ONE], [diagnostic(1)]).kind, 'full');
    assert.equal(pull('stale', [ONE], [diagnostic(1)]).kind, 'full');
  });

  it('a forgotten document (closed) starts again with a full report', () => {
    const first = pull(undefined, [ONE], [diagnostic(1)]);
    reports.forget(URI);
    assert.equal(pull(first.resultId, [ONE], [diagnostic(1)]).kind, 'full');
  });
});
