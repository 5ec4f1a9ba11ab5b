/**
 * Incremental analysis is an optimisation only: after any sequence of edits, the workspace
 * index (which re-parses and re-analyses only an edited procedure body when it can) must give
 * exactly what parsing and analysing the edited text from scratch gives, and so must the
 * diagnostics, which an edit takes over from the version before.
 */
import { strict as assert } from 'node:assert';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFile } from '../../server/src/service/analysis/analyzeFile';
import { getDiagnostics } from '../../server/src/service/features/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { decodeCapl } from '../../server/src/files/caplEncoding';
import { parseCapl } from '../../server/src/service/syntax/parse';
import type { TextChange } from '../../server/src/service/syntax/reparse';
import { WorkspaceIndex } from '../../server/src/service/workspace/workspaceIndex';
import { comparableAnalysis } from '../service/helpers';
import { generateCapl } from '../../bench/generateCapl';
import { EXAMPLES } from './arbitraries';
import { caplArbitrary, DOCUMENT_URI } from './capl';
import { fcParams, fuzzTimeout, noteCase } from './support';

/** What typing does to CAPL: characters, words, whole statements, and what breaks structure. */
const TYPED = [
  '', 'a', '1', '0', ' ', '\r\n', '\n', '\t', '}', '{', '(', ')', ';', ',', '=', '==', '/*', '*/', '//', '"', "'", '#',
  'MessageID', ' == 8', 'case 231:', 'gLastRxId = MessageID;', 'gNew = MessageID;', 'Helper(MessageID);', '// capl-ids: table ocpp',
  'on', 'testcase', 'x = 0x1A;', 'SetMessageTimeout.Call(213, 5000);', 'switch (MessageID) { case 8: break; }',
];

const POSITIONS = 1 << 20;

interface Edit {
  /** Where, as a fraction: of the file, or of its procedure bodies with `inBody`. */
  readonly at: number;
  /** Whether the edit falls inside a procedure body, where most typing happens (and the body-only path is tried). */
  readonly inBody: boolean;
  readonly remove: number;
  readonly insert: string;
  /** Whether the editor asks for diagnostics after this edit (typing fast, it may not). */
  readonly pulled: boolean;
  /** Whether the index is told where the edit changed the text, as the server tells it an editor's change. */
  readonly told: boolean;
}

/** Anywhere in the file, uniformly (a biased or floating-point position would favour the file's start). */
const editArbitrary: fc.Arbitrary<Edit> = fc.record({
  at: fc.noBias(fc.integer({ min: 0, max: POSITIONS - 1 })).map((at) => at / POSITIONS),
  inBody: fc.boolean(),
  remove: fc.oneof(fc.constant(0), fc.constant(0), fc.nat(3), fc.nat(40)),
  insert: fc.constantFrom(...TYPED),
  pulled: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)),
  told: fc.boolean(),
});

/** The edited text, and the range the edit replaced (not the smallest: removing "ab" and typing "a" counts as both). */
function apply(text: string, edit: Edit): { text: string; change: TextChange } {
  const at = editStart(text, edit);
  const removedEnd = Math.min(text.length, at + edit.remove);
  return { text: text.slice(0, at) + edit.insert + text.slice(removedEnd), change: { start: at, oldEnd: removedEnd, newEnd: at + edit.insert.length } };
}

/** Anywhere in the file, or anywhere inside a body, from its `{` (excluded) to its `}` (included: typing before it). */
function editStart(text: string, edit: Edit): number {
  const procedures = edit.inBody ? parseCapl(text).outline.procedures : [];
  if (procedures.length === 0) return Math.min(text.length, Math.floor(edit.at * text.length));
  const scaled = edit.at * procedures.length;
  const { bodyOpen, bodyClose } = procedures[Math.floor(scaled)];
  return Math.min(text.length, bodyOpen + 1 + Math.floor((scaled % 1) * (bodyClose - bodyOpen)));
}

/** Applies the edits one by one, as an editor sends them, and checks each step against a fresh analysis. */
function checkEdits(original: string, edits: readonly Edit[]): void {
  const index = new WorkspaceIndex();
  let text = original;
  index.setFile(DOCUMENT_URI, text, 0);
  let previous = index.analysis(DOCUMENT_URI)!;
  const diagnostics = (document: TextDocument) => getDiagnostics(document, index.analysis(DOCUMENT_URI)!, DEFAULT_SETTINGS);
  diagnostics(TextDocument.create(DOCUMENT_URI, 'capl', 0, text));
  edits.forEach((edit, step) => {
    const before = text;
    const applied = apply(text, edit);
    text = applied.text;
    index.setFile(DOCUMENT_URI, text, step + 1, edit.told ? applied.change : undefined);
    if (text === before) {
      assert.equal(index.analysis(DOCUMENT_URI), previous, 'the same text keeps its analysis');
      return;
    }
    const analysis = index.analysis(DOCUMENT_URI)!;
    assert.deepStrictEqual(index.outline(DOCUMENT_URI), parseCapl(text).outline, `outline after edit ${step + 1}`);
    const full = analyzeFile({ text, path: DOCUMENT_URI }, DEFAULT_SETTINGS, parseCapl(text));
    assert.deepStrictEqual(comparableAnalysis(analysis), comparableAnalysis(full), `analysis after edit ${step + 1}`);
    if (edit.pulled) {
      const document = TextDocument.create(DOCUMENT_URI, 'capl', step + 1, text);
      assert.deepStrictEqual(diagnostics(document), getDiagnostics(document, full, DEFAULT_SETTINGS), `diagnostics after edit ${step + 1}`);
    }
    previous = analysis;
  });
}

describe('fuzz: incremental analysis equals a full analysis', function () {
  this.timeout(fuzzTimeout(60_000));

  it('edit sequences on generated CAPL', () => {
    fc.assert(
      fc.property(caplArbitrary(), fc.array(editArbitrary, { minLength: 1, maxLength: 8 }), (generated, edits) => {
        noteCase('incremental edits (generated)', generated.text.length);
        checkEdits(generated.text, edits);
      }),
      fcParams(150),
    );
  });

  it('edit sequences on the bundled examples', () => {
    const examples = EXAMPLES.map((example) => decodeCapl(example.bytes).text);
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.array(editArbitrary, { minLength: 1, maxLength: 8 }), (text, edits) => {
        noteCase('incremental edits (examples)', text.length);
        checkEdits(text, edits);
      }),
      fcParams(100),
    );
  });

  it('edits of many procedures keep no old copy of the text alive', () => {
    const { text } = generateCapl(20_000, 7);
    const index = new WorkspaceIndex();
    index.setFile(DOCUMENT_URI, text, 0);
    index.analysis(DOCUMENT_URI);
    // Bodies without annotations, whose edits re-parse that body alone; 30 of them, spread over the file.
    const plain = index.outline(DOCUMENT_URI)!.procedures.flatMap((procedure, at) => (text.slice(procedure.bodyOpen, procedure.bodyClose).includes('capl-ids') ? [] : [at]));
    const before = heapAfterGc();
    let current = text;
    for (let i = 0; i < 30; i++) {
      // a comment typed at the start of a different body each time: each edit makes a new text
      const procedure = index.outline(DOCUMENT_URI)!.procedures[plain[Math.floor((plain.length * i) / 30)]];
      current = current.slice(0, procedure.bodyOpen + 1) + ' // x' + current.slice(procedure.bodyOpen + 1);
      index.setFile(DOCUMENT_URI, current, i + 1);
      index.analysis(DOCUMENT_URI);
    }
    const grown = heapAfterGc() - before;
    // Each kept copy would be the whole text again.
    assert.ok(grown < 4 * text.length, `the heap grew by ${(grown / 1e6).toFixed(1)} MB for 30 edits of a ${(text.length / 1e6).toFixed(1)} MB text`);
  });
});

function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

