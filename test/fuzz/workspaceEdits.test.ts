/**
 * The workspace inference updated by edits (Inference.update: only what the changed links
 * reach is solved again) must answer, for every file, what an inference made anew over the
 * edited files answers: tables and reasons alike. The workspace is small and dense with
 * joins (a shared helper, its globals, system variables written and read across nodes), and
 * the edits are statements that add and change links, typed into (or deleted from) random
 * bodies of random files, and declarations and functions added outside them.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyzeFiles } from '../../server/src/service/analysis/analyzeFile';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { WorkspaceIndex } from '../../server/src/service/workspace/workspaceIndex';
import { comparableAnalysis } from '../service/helpers';
import { fcParams, fuzzTimeout } from './support';

const HELPER = [
  'variables',
  '{',
  '  dword gLastRxId;',
  '  dword gIds[3] = { 0, 0, 0 };',
  '}',
  'void Guard(dword msgId, dword timeoutMs)',
  '{',
  '  setTimer(tGuard, timeoutMs);',
  '}',
  'dword LastId()',
  '{',
  '  return gLastRxId;',
  '}',
  'void Hmi(dword shown)',
  '{',
  '  if (shown == 12) write("x");',
  '}',
  '',
].join('\r\n');

const NODE = (n: number) => [
  'includes',
  '{',
  '  #include "Common.cin"',
  '}',
  'variables',
  '{',
  '  int gCount;',
  '}',
  'void SCC_MessageRxInd(byte SessionID[], dword MessageID)',
  '{',
  '  write("rx");',
  '}',
  `on sysvar Bench::Node${n}::Last`,
  '{',
  '  write("sysvar");',
  '}',
  'on start',
  '{',
  '  Guard(215, 3000);',
  '}',
  '',
].join('\r\n');

const FILES: Record<string, string> = {
  'file:///c%3A/ws/Common.cin': HELPER,
  'file:///c%3A/ws/NodeA.can': NODE(1),
  'file:///c%3A/ws/NodeB.can': NODE(2),
};

/** Statements that add, move and remove links: between locals, globals, parameters, system variables and API positions. */
const STATEMENTS = [
  ' gLastRxId = MessageID;', ' Hmi(gLastRxId);', ' Hmi(MessageID);', ' Guard(MessageID, 10);', ' EVSE.SetMessageTimeout.Call(msgId, 5);',
  ' @sysvar::Bench::Node1::Last = MessageID;', ' if (@sysvar::Bench::Node2::Last == 8) write("y");', ' Hmi(@this);', ' gIds[0] = MessageID;',
  ' if (gIds[1] == 231) write("z");', ' dword local; local = MessageID; Hmi(local);', ' dword other = LastId(); Guard(other, 1);',
  ' switch (shown) { case 5: break; }', ' @sysvar::Bench::Node2::Last = gLastRxId;', ' x = 1;', ' // a comment',
  // A source that leaves its table open (CCS or OCPP): it reaches only what no source of one table does.
  ' LastRxMessageIdType rxId = 0; Hmi(rxId);', ' LastRxMessageIdType open; gLastRxId = open;',
];

/** Edits outside bodies: the file is summarised anew (its carriers numbered anew, its exports changed). */
const DECLARATIONS = [' dword gNew;', ' dword gLastRxId;', ' const dword kId = 215;', ' dword gIds2[2] = { 5, 8 };'];
const FUNCTIONS = [
  '\r\nvoid Hmi(dword v)\r\n{\r\n  if (v == 3) write("h");\r\n}\r\n',
  '\r\ndword LastId()\r\n{\r\n  return 5;\r\n}\r\n',
  '\r\nvoid Report(dword id)\r\n{\r\n  Hmi(id);\r\n}\r\n',
  '\r\nvoid Guard(dword a, dword b)\r\n{\r\n  write("g");\r\n}\r\n',
];

interface Edit {
  readonly file: number;
  /** Which body of the file, and where in it, as fractions. */
  readonly body: number;
  readonly at: number;
  readonly statement: string;
  /** Whether the statement after that place is deleted instead (when it holds no braces). */
  readonly removes: boolean;
  /** A declaration typed into the file's variables section, or a function added at its end, instead. */
  readonly outside: 'declaration' | 'function' | undefined;
  /** Which declaration or function. */
  readonly which: number;
}

const editArbitrary: fc.Arbitrary<Edit> = fc.record({
  file: fc.nat(Object.keys(FILES).length - 1),
  body: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  statement: fc.constantFrom(...STATEMENTS),
  removes: fc.boolean(),
  outside: fc.constantFrom(undefined, undefined, undefined, 'declaration', 'function'),
  which: fc.nat(),
});

/** Where the edit goes, what it removes there and what it types. */
function placed(text: string, procedures: readonly { bodyOpen: number; bodyClose: number }[], edit: Edit): { at: number; removed: number; inserted: string } {
  if (edit.outside === 'declaration') return { at: text.indexOf('variables\r\n{') + 'variables\r\n{'.length, removed: 0, inserted: DECLARATIONS[edit.which % DECLARATIONS.length] };
  if (edit.outside === 'function') return { at: text.length, removed: 0, inserted: FUNCTIONS[edit.which % FUNCTIONS.length] };
  const { bodyOpen, bodyClose } = procedures[Math.floor(edit.body * procedures.length)];
  // After a statement's end (or the body's `{`), where typing a statement keeps the body whole.
  const ends = [bodyOpen + 1, ...[...text.slice(bodyOpen, bodyClose).matchAll(/;/g)].map((match) => bodyOpen + match.index + 1)];
  const k = Math.floor(edit.at * (ends.length - 1));
  const at = ends[k];
  const removed = edit.removes && k + 1 < ends.length && !/[{}]/.test(text.slice(at, ends[k + 1])) ? ends[k + 1] - at : 0;
  return { at, removed, inserted: removed > 0 ? '' : edit.statement };
}

function checkEdits(edits: readonly Edit[]): void {
  const texts = { ...FILES };
  const uris = Object.keys(texts);
  const index = new WorkspaceIndex();
  for (const uri of uris) index.setFile(uri, texts[uri], 0);
  for (const uri of uris) index.analysis(uri);
  edits.forEach((edit, step) => {
    const uri = uris[edit.file];
    const text = texts[uri];
    const { at, removed, inserted } = placed(text, index.fullOutline(uri)!.procedures, edit);
    texts[uri] = text.slice(0, at) + inserted + text.slice(at + removed);
    index.setFile(uri, texts[uri], step + 1, { start: at, oldEnd: at + removed, newEnd: at + inserted.length });
    const fresh = analyzeFiles(uris.map((path) => ({ path, text: texts[path] })), DEFAULT_SETTINGS);
    uris.forEach((path, i) => {
      assert.deepStrictEqual(comparableAnalysis(index.analysis(path)!), comparableAnalysis(fresh[i]), `${path} after edit ${step + 1}`);
    });
  });
}

describe('fuzz: the workspace inference updated by edits equals one made anew', function () {
  this.timeout(fuzzTimeout(60_000));

  it('statements typed into the bodies of a helper and the nodes that include it', () => {
    fc.assert(fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 16 }), checkEdits), fcParams(200));
  });
});
