import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFile } from '../../server/src/service/analysis/analyzeFile';
import type { FileAnalysis } from '../../server/src/service/analysis/types';
import { CaplLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { parseCapl } from '../../server/src/service/syntax/parse';
import { composeChanges, reparseBody, textChange } from '../../server/src/service/syntax/reparse';
import { WorkspaceIndex } from '../../server/src/service/workspace/workspaceIndex';
import { comparableAnalysis, synced } from './helpers';

const URI = 'file:///c%3A/proj/EV/Node.can';

/** A file whose edits below land in the second procedure, between two others with IDs. */
const SOURCE = [
  'variables',
  '{',
  '  dword gLastRxId;',
  '}',
  '',
  'void SCC_MessageRxInd(byte SessionID[], dword MessageID)',
  '{',
  '  if (MessageID == 8) write("first");',
  '}',
  '',
  'on fct_called EVSE_1.OnLastReceivedMessageIdChanged',
  '{',
  '  // the station reports what it received',
  '  setTimer(tGuard, 500);',
  '  switch ($EVSE_1.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId)',
  '  {',
  '    case 231: write("charge parameter"); break;',
  '  }',
  '}',
  '',
  'void Check(dword id)',
  '{',
  '  if (gLastRxId == 213) write("late");',
  '}',
  '// capl-ids-disable-next-line',
  'on start { SetMessageTimeout(231, 5000); }',
  '',
  '// a copy of the modeling table after the procedures: its spans move with every edit above it',
  'enum SmartChargingMessageIDs { SECCDiscoveryReq = 1, SECCDiscoveryRes = 2, SessionSetupReq = 5, SessionSetupRes = 7 };',
  '',
].join('\r\n');

/** Edits `SOURCE` in an index that has analysed it; the analysis afterwards. */
function editAndAnalyse(find: string, replacement: string): { text: string; analysis: FileAnalysis } {
  const at = SOURCE.indexOf(find);
  assert.ok(at >= 0, `not in the source: ${find}`);
  const text = SOURCE.slice(0, at) + replacement + SOURCE.slice(at + find.length);
  const index = new WorkspaceIndex();
  index.setFile(URI, SOURCE, 1);
  index.analysis(URI);
  index.setFile(URI, text, 2);
  return { text, analysis: index.analysis(URI)! };
}

describe('edits: the index after an edit answers as a fresh analysis', () => {
  const cases: [string, string, string][] = [
    ['a digit of a number that is no ID', 'tGuard, 500', 'tGuard, 600'],
    ['a letter of a comment', 'the station', 'The station'],
    ['typing a word', 'setTimer(tGuard, 500);', 'setTimer(tGuard, 500); wri'],
    ['a line break: everything after moves a line down', 'setTimer(tGuard, 500);', 'setTimer(tGuard, 500);\r\n'],
    ['deleting a line: everything after moves up', '  // the station reports what it received\r\n', ''],
    ['an ID literal changed', 'case 231:', 'case 232:'],
    ['a case label added', 'case 231: write("charge parameter"); break;', 'case 231: write("charge parameter"); break;\r\n    case 0xE3: break;'],
    ['a new global fed by an ID', 'setTimer(tGuard, 500);', 'gOther = $EVSE_1.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId;'],
    ['a user function now called with an ID', 'setTimer(tGuard, 500);', 'Check($EVSE_1.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId);'],
    ['an annotation in the body', '// the station', '// capl-ids: table ocpp'],
    ['an unclosed block comment', '// the station', '/* the station'],
    ['a closing brace deleted', '    case 231: write("charge parameter"); break;\r\n  }', '    case 231: write("charge parameter"); break;'],
    ['a brace that closes the body early', 'setTimer(tGuard, 500);', '} setTimer(tGuard, 500);'],
    ['a top-level header typed in a body', 'setTimer(tGuard, 500);', 'on start'],
    ['the procedure header', 'OnLastReceivedMessageIdChanged\r\n{', 'OnLastReceivedMessageIdChange\r\n{'],
    ['the variables section', 'dword gLastRxId;', 'dword gLastRxId, gOther;'],
    ['between procedures', '}\r\n\r\nvoid Check', '}\r\n\r\nint gSpare;\r\nvoid Check'],
    ['a directive in a body', 'setTimer(tGuard, 500);', '#pragma library("x.dll")'],
    ['the file\'s first struct member, joined to an ID position', 'setTimer(tGuard, 500);', 'gGuard.id = 5; EVSE_1.SetMessageTimeout(gGuard.id, 100);'],
  ];
  for (const [name, find, replacement] of cases) {
    it(`${name}: same result as a full analysis`, () => {
      const edited = editAndAnalyse(find, replacement);
      assert.deepStrictEqual(comparableAnalysis(edited.analysis), comparableAnalysis(analyzeFile({ text: edited.text, path: URI }, DEFAULT_SETTINGS)));
    });
  }

  it('a change that restores the same text keeps the analysis itself', () => {
    const index = new WorkspaceIndex();
    index.setFile(URI, SOURCE, 1);
    const before = index.analysis(URI);
    index.setFile(URI, SOURCE, 2);
    assert.equal(index.analysis(URI), before);
  });

  it('a settings change after an edit analyses the whole file again', () => {
    const index = new WorkspaceIndex();
    index.setFile(URI, SOURCE, 1);
    index.analysis(URI);
    index.setSettings({ ...DEFAULT_SETTINGS, defaultTable: 'ocpp' });
    index.setFile(URI, SOURCE.replace('tGuard, 500', 'tGuard, 600'), 2);
    const analysis = index.analysis(URI)!;
    assert.deepStrictEqual(comparableAnalysis(analysis), comparableAnalysis(analyzeFile({ text: SOURCE.replace('tGuard, 500', 'tGuard, 600'), path: URI }, index.getSettings())));
  });

  it("a file's earlier version tells it nothing: a parameter no longer called with IDs carries none", () => {
    const called = [
      'void SCC_MessageRxInd(byte SessionID[], dword MessageID)',
      '{',
      '  Report(MessageID);',
      '}',
      'void Report(dword id)',
      '{',
      '  if (id == 8) write("x");',
      '}',
      '',
    ].join('\r\n');
    const index = new WorkspaceIndex();
    index.setFile(URI, called, 1);
    assert.deepStrictEqual(index.analysis(URI)!.ids.map((id) => id.text), ['8']);
    index.setFile(URI, called.replace('Report(MessageID);', 'Report(7);'), 2);
    assert.deepStrictEqual(index.analysis(URI)!.ids.map((id) => id.text), []);
  });

  it('an edit that changes no flow of IDs keeps the other files\' analyses; one that does, judges them again', () => {
    const helper = 'file:///c%3A/proj/EV/Helper.cin';
    const node = [
      'includes { #include "Helper.cin" }',
      'on start',
      '{',
      '  setTimer(tGuard, 500);',
      '  Report(gLastRxId);',
      '}',
      '',
    ].join('\r\n');
    const index = new WorkspaceIndex();
    index.setFile(helper, 'variables { dword gLastRxId; }\r\nvoid Report(dword id)\r\n{\r\n  if (id == 5) write("x");\r\n}\r\n', 1);
    index.setFile(URI, node, 1);
    const helperAnalysis = index.analysis(helper);
    index.analysis(URI);
    index.setFile(URI, node.replace('500', '600'), 2);
    assert.equal(index.analysis(helper), helperAnalysis);
    index.setFile(URI, node.replace('Report(gLastRxId);', 'Report(gLastRxId); EVSE.SetMessageTimeout.Call(gLastRxId, 100);'), 3);
    assert.notEqual(index.analysis(helper), helperAnalysis);
    assert.deepStrictEqual(index.analysis(helper)!.ids.map((id) => id.tables), [['ccs']]);
  });

  it('told to keep no analyses of files read from disk (the CLI), the index judges such a file each time it is asked, the same way, and keeps those of documents', () => {
    const helper = 'file:///c%3A/proj/EV/Helper.cin';
    const index = new WorkspaceIndex(undefined, { keepsFileAnalyses: false });
    index.setFile(helper, 'variables { dword gLastRxId; }\r\nvoid Report(dword id)\r\n{\r\n  if (id == 5) write("x");\r\n}\r\n');
    index.setFile(URI, 'includes { #include "Helper.cin" }\r\non start\r\n{\r\n  Report(gLastRxId);\r\n  EVSE.SetMessageTimeout.Call(gLastRxId, 100);\r\n}\r\n', 1);
    const first = index.analysis(helper)!;
    assert.notEqual(index.analysis(helper), first);
    assert.deepStrictEqual(comparableAnalysis(index.analysis(helper)!), comparableAnalysis(first));
    assert.deepStrictEqual(first.ids.map((id) => id.tables), [['ccs']]);
    assert.equal(index.analysis(URI), index.analysis(URI));
  });

  it('a file read from disk whose whole outline was read, then opened and edited: its declarations are those of the edited text', () => {
    const text = SOURCE + 'variables\r\n{\r\n  const dword kLate = 5;\r\n}\r\n';
    const service = new CaplLanguageService();
    service.updateFile(URI, text);
    service.prepareDocument(URI);
    const opened = TextDocument.create(URI, 'capl', 1, text);
    service.doValidation(opened);
    service.findDocumentSymbols(opened);
    service.updateDocument(opened);
    const at = text.indexOf('tGuard, 500');
    const edited = TextDocument.update(opened, [{ range: { start: opened.positionAt(at), end: opened.positionAt(at) }, text: '\r\n' }], 2);
    service.updateDocument(edited, { start: at, oldEnd: at, newEnd: at + 2 });
    assert.deepStrictEqual(service.doValidation(edited).filter((diagnostic) => diagnostic.code === 'duplicate-constant'), []);
    assert.equal(service.index.findDeclaration(URI, 'kLate')?.span.start, edited.getText().indexOf('kLate'));
  });

  it('the silenced line after the edit moves with its comment', () => {
    const edited = editAndAnalyse('setTimer(tGuard, 500);', 'setTimer(tGuard, 500);\r\n\r\n');
    const line = edited.text.split('\r\n').findIndex((content) => content.startsWith('on start'));
    assert.deepStrictEqual([...edited.analysis.silencedLines.keys()], [line]);
  });
});

describe('diagnostics after an edit: those of a fresh analysis', () => {
  /** `SOURCE` and, after it, a procedure whose ID literal has a diagnostic: the edits below land before it. */
  const WITH_LATER_ID = SOURCE + [
    'on fct_called EVSE_2.OnLastReceivedMessageIdChanged',
    '{',
    '  if ($EVSE_2.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId == 213) write("late");',
    '}',
    '',
  ].join('\r\n');

  /** The diagnostics before and after an edit, through the service as the server calls it, and those of a fresh index. */
  function diagnoseEdit(find: string, replacement: string) {
    const at = WITH_LATER_ID.indexOf(find);
    assert.ok(at >= 0, `not in the source: ${find}`);
    let document = TextDocument.create(URI, 'capl', 1, WITH_LATER_ID);
    const service = synced(new CaplLanguageService(), document);
    const before = service.doValidation(document);
    document = TextDocument.update(document, [{ range: { start: document.positionAt(at), end: document.positionAt(at + find.length) }, text: replacement }], 2);
    const after = synced(service, document).doValidation(document);
    const fresh = TextDocument.create(URI, 'capl', 2, document.getText());
    return { before, after, fresh: synced(new CaplLanguageService(), fresh).doValidation(fresh) };
  }
  const about = (text: string) => (diagnostic: Diagnostic) => String(diagnostic.message).startsWith(`${text} `);
  const line = (diagnostics: readonly Diagnostic[], text: string) => diagnostics.find(about(text))!;

  const cases: [string, string, string, number][] = [
    ['a digit of a number that is no ID', 'tGuard, 500', 'tGuard, 600', 0],
    ['a letter of a comment', 'the station', 'The station', 0],
    ['an ID literal changed', 'case 231:', 'case 232:', 0],
    ['a blank before an ID', 'case 231:', 'case  231:', 0],
    ['a line break', 'setTimer(tGuard, 500);', 'setTimer(tGuard, 500);\r\n', 1],
    ['two line breaks, LF only', 'setTimer(tGuard, 500);', 'setTimer(tGuard, 500);\n\n', 2],
    ['a line deleted', '  // the station reports what it received\r\n', '', -1],
    ['a case label added on a new line', 'case 231: write("charge parameter"); break;', 'case 231: write("charge parameter"); break;\r\n    case 0xE3: break;', 1],
  ];
  for (const [name, find, replacement, lines] of cases) {
    it(`${name}: the same diagnostics as a fresh analysis, those after it ${lines} line(s) further`, () => {
      const { before, after, fresh } = diagnoseEdit(find, replacement);
      assert.deepStrictEqual(after, fresh);
      assert.deepStrictEqual(line(after, '8'), line(before, '8'));
      assert.equal(line(after, '213').range.start.line, line(before, '213').range.start.line + lines);
    });
  }

  it('several edits without diagnostics asked for in between', () => {
    let document = TextDocument.create(URI, 'capl', 1, WITH_LATER_ID);
    const service = synced(new CaplLanguageService(), document);
    const before = service.doValidation(document);
    for (const [find, replacement] of [['tGuard, 500', 'tGuard, 600'], ['the station', 'The station'], ['setTimer(tGuard, 600);', 'setTimer(tGuard, 600);\r\n']]) {
      const at = document.getText().indexOf(find);
      document = TextDocument.update(document, [{ range: { start: document.positionAt(at), end: document.positionAt(at + find.length) }, text: replacement }], document.version + 1);
      synced(service, document).analyze(document);
    }
    const after = service.doValidation(document);
    const fresh = TextDocument.create(URI, 'capl', 9, document.getText());
    assert.deepStrictEqual(after, synced(new CaplLanguageService(), fresh).doValidation(fresh));
    assert.deepStrictEqual(line(after, '8'), line(before, '8'));
    assert.equal(line(after, '213').range.start.line, line(before, '213').range.start.line + 1);
  });

  it('a silencing comment after the edit still silences its line when the lines move', () => {
    const { after, fresh } = diagnoseEdit('setTimer(tGuard, 500);', 'setTimer(tGuard, 500);\r\n\r\n');
    assert.deepStrictEqual(after, fresh);
    assert.ok(!after.some((diagnostic) => about('231')(diagnostic) && diagnostic.range.start.line > 20));
  });
});

describe('reparseBody', () => {
  it('gives the tokens and outline of a full parse', () => {
    const after = SOURCE.replace('tGuard, 500', 'tGuard, 5000 /* longer */');
    const reparsed = reparseBody(parseCapl(SOURCE), SOURCE, after, textChange(SOURCE, after)!)!;
    const full = parseCapl(after);
    assert.deepStrictEqual(reparsed.parsed.tokens.code.toArray(), full.tokens.code.toArray());
    assert.deepStrictEqual(reparsed.parsed.tokens.commentsAndDirectives.toArray(), full.tokens.commentsAndDirectives.toArray());
    assert.deepStrictEqual(reparsed.parsed.outline, full.outline);
    assert.equal(reparsed.procedure, 1);
    assert.equal(reparsed.delta, after.length - SOURCE.length);
  });

  it('counts the line breaks the edit adds, CRLF once', () => {
    const after = SOURCE.replace('tGuard, 500);', 'tGuard, 500);\r\n\n');
    assert.equal(reparseBody(parseCapl(SOURCE), SOURCE, after, textChange(SOURCE, after)!)!.lineDelta, 2);
  });
});

describe('textChange', () => {
  const cases: [string, string, [number, number, number] | undefined][] = [
    ['abc', 'abc', undefined],
    ['abc', 'abXc', [2, 2, 3]],
    ['abXc', 'abc', [2, 3, 2]],
    ['abc', 'aYc', [1, 2, 2]],
    ['', 'a', [0, 0, 1]],
    ['aaaa', 'aaa', [3, 4, 3]],
    ['x'.repeat(10_000) + 'a' + 'y'.repeat(10_000), 'x'.repeat(10_000) + 'bb' + 'y'.repeat(10_000), [10_000, 10_001, 10_002]],
  ];
  for (const [before, after, expected] of cases) {
    it(`${JSON.stringify(before.slice(0, 12))} → ${JSON.stringify(after.slice(0, 12))}`, () => {
      const change = textChange(before, after);
      assert.deepStrictEqual(change && [change.start, change.oldEnd, change.newEnd], expected);
    });
  }
});

describe('composeChanges', () => {
  /** `text` with `[start, end)` replaced by `insert`, and that change. */
  const edit = (text: string, start: number, end: number, insert: string) =>
    ({ text: text.slice(0, start) + insert + text.slice(end), change: { start, oldEnd: end, newEnd: start + insert.length } });
  const cases: [string, [number, number, string], [number, number, string], [number, number, number]][] = [
    ['the second after the first', [2, 3, 'XY'], [8, 9, ''], [2, 8, 8]],
    ['the second before the first', [8, 9, 'XYZ'], [1, 3, 'Q'], [1, 9, 10]],
    ['the second inside what the first typed', [4, 4, 'abcdef'], [6, 8, ''], [4, 4, 8]],
    ['the second overlapping the first\'s end', [4, 6, 'ab'], [5, 9, 'z'], [4, 9, 6]],
    ['the second undoing the first', [5, 5, 'x'], [5, 6, ''], [5, 5, 5]],
    ['both at the same place', [3, 3, 'a'], [3, 3, 'b'], [3, 3, 5]],
  ];
  const original = '0123456789abcdef';
  for (const [name, [s1, e1, t1], [s2, e2, t2], expected] of cases) {
    it(`${name}: one change from the first text to the last`, () => {
      const first = edit(original, s1, e1, t1);
      const second = edit(first.text, s2, e2, t2);
      const composed = composeChanges(first.change, second.change);
      assert.deepStrictEqual([composed.start, composed.oldEnd, composed.newEnd], expected);
      // what lies outside it is the same in both texts
      assert.equal(second.text.slice(0, composed.start), original.slice(0, composed.start));
      assert.equal(second.text.slice(composed.newEnd), original.slice(composed.oldEnd));
    });
  }
});
