/**
 * References, highlights, rename and workspace symbols of a message ID across the files of a
 * workspace, through the CaplLanguageService facade. Each file is marked: `⟦ ⟧` around a
 * place that means the entry for certain, `⟪ ⟫` around an ambiguous literal that may mean it,
 * and one `|` cursor somewhere in the workspace (moved from case to case by `at`). The ID
 * carriers' cases (named things that hold IDs) mark every place naming the carrier `⟦ ⟧`,
 * its declarations `⟪ ⟫`, and carry their `|` cursor in one file.
 */
import { strict as assert } from 'node:assert';
import type { Location } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { languageService, LATEST_RX, parseMarkers, rangeOf, RX, synced } from './helpers';

const IDS_URI = 'file:///c%3A/proj/Common/Ids.cin';
const EVSE_URI = 'file:///c%3A/proj/EVSE/Station.can';
const OTHER_URI = 'file:///c%3A/proj/EVSE/Timers.can';

/** CableCheck Res of the CCS binding's ISO2 DC group (227, 0xE3) in every spelling. */
const WORKSPACE: Record<string, string> = {
  [IDS_URI]: 'variables\n{\n  const dword ⟦MY_CABLE_CHECK⟧ = ⟦0xE3⟧;\n  enum CcsIds { CableCheckReq = 226, ⟦CableCheckRes⟧ = ⟦227⟧, PreChargeReq = 228 };\n}\n',
  [EVSE_URI]: [
    'includes\n{\n  #include "../Common/Ids.cin"\n}\n',
    'on start\n{\n',
    '  EVSE.SetMessageTimeout(⟦0xE3⟧, 1000);\n',
    '  EVSE.SetMessageTimeout(⟦227⟧, 1000);\n',
    '  EVSE.SetMessageTimeout(⟦MY_CABLE_CHECK⟧, 1000);\n',
    '  EVSE.SetMessageTimeout(⟦CCS_ISO2_DC_CABLE_CHECK_RES⟧, 1000);\n',
    '  EVSE.SetMessageTimeout(⟦CableCheckRes⟧, 1000);\n',
    '  EVSE.SetMessageTimeout(226, 1000);\n',
    '  Station.SetMessageTimeout(⟪227⟫, 1000);\n',
    '  // EVSE.SetMessageTimeout(227, 1000);\n',
    '}\n',
  ].join(''),
  [OTHER_URI]: 'on start\n{\n  setTimer(t, 227);\n  write("MY_CABLE_CHECK");\n}\n',
};

interface MarkedFile {
  readonly uri: string;
  readonly document: TextDocument;
  readonly certain: Location[];
  readonly ambiguous: Location[];
}

/** A file whose places are marked `⟦ ⟧` (certain) or `⟪ ⟫` (flagged), with a lone `|` cursor or none. */
function markedFile(uri: string, marked: string): MarkedFile & { cursor: number | undefined } {
  const cursor = LONE_BAR.test(marked);
  const doubled = marked.replace(/⟪/g, '⟦\u0001').replace(/⟫/g, '⟧');
  const { text: withFlags, spans } = parseMarkers(doubled, { cursor });
  const flags = spans.map((span) => withFlags[span.start] === '\u0001');
  const { text, spans: clean, cursor: at } = parseMarkers(marked.replace(/⟪/g, '⟦').replace(/⟫/g, '⟧'), { cursor });
  const document = TextDocument.create(uri, 'capl', 1, text);
  const locations = clean.map((span) => ({ uri, range: rangeOf(document, span) }));
  return { uri, document, certain: locations.filter((_, i) => !flags[i]), ambiguous: locations.filter((_, i) => flags[i]), cursor: at };
}

/** A `|` that is not part of `||` (see parseMarkers). */
const LONE_BAR = /(?<!\|)\|(?!\|)/;

/** The workspace with the cursor put before the `occurrence`-th (0-based) `needle` of `uri`. */
function workspaceWithCursor(uri: string, needle: string, occurrence = 0): { files: MarkedFile[]; cursorFile: MarkedFile; offset: number } {
  const files = Object.entries(WORKSPACE).map(([fileUri, marked]) => markedFile(fileUri, marked));
  const cursorFile = files.find((file) => file.uri === uri)!;
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = cursorFile.document.getText().indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} #${occurrence} is not in ${uri}`);
  return { files, cursorFile, offset };
}

function serviceFor(files: readonly MarkedFile[]) {
  return languageService({}, files.map((file) => ({ uri: file.uri, text: file.document.getText() })));
}

const byPlace = (a: Location, b: Location) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);

const CABLE_CHECK_SPELLINGS: [description: string, uri: string, needle: string, occurrence?: number][] = [
  ['a hex literal', EVSE_URI, '0xE3'],
  ['a decimal literal', EVSE_URI, '227'],
  ["the user's constant where it is used", EVSE_URI, 'MY_CABLE_CHECK'],
  ["the user's constant where it is declared", IDS_URI, 'MY_CABLE_CHECK'],
  ['the catalogue constant', EVSE_URI, 'CCS_ISO2_DC_CABLE_CHECK_RES'],
  ['a member of an enum that mirrors the table', EVSE_URI, 'CableCheckRes'],
  ["the enum member's value", IDS_URI, '227'],
];

describe('references', () => {
  for (const [description, uri, needle, occurrence] of CABLE_CHECK_SPELLINGS) {
    it(`on ${description}: every spelling in every file, the ambiguous literal last`, () => {
      const { files, cursorFile, offset } = workspaceWithCursor(uri, needle, occurrence);
      const service = serviceFor(files);
      const locations = service.findReferences(cursorFile.document, cursorFile.document.positionAt(offset + 1));
      const certain = files.flatMap((file) => file.certain).sort(byPlace);
      const ambiguous = files.flatMap((file) => file.ambiguous).sort(byPlace);
      assert.deepEqual(locations, [...certain, ...ambiguous]);
    });
  }

  it('without the declarations when the client asks so', () => {
    const { files, cursorFile, offset } = workspaceWithCursor(EVSE_URI, 'MY_CABLE_CHECK');
    const locations = serviceFor(files).findReferences(cursorFile.document, cursorFile.document.positionAt(offset), false);
    const ids = files.find((file) => file.uri === IDS_URI)!;
    const declared = [ids.certain[0], ids.certain[1], ids.certain[2], ids.certain[3]];
    assert.equal(locations.length, files.flatMap((file) => [...file.certain, ...file.ambiguous]).length - declared.length);
    for (const location of declared) assert.ok(!locations.some((found) => byPlace(found, location) === 0), JSON.stringify(location));
  });

  it('an ambiguous literal: the uses of each of its candidates', () => {
    const { files, cursorFile, offset } = workspaceWithCursor(EVSE_URI, 'Station.SetMessageTimeout(227');
    const service = serviceFor(files);
    const locations = service.findReferences(cursorFile.document, cursorFile.document.positionAt(offset + 'Station.SetMessageTimeout('.length));
    const certain = files.flatMap((file) => file.certain);
    assert.equal(locations.length, certain.length + 1);
    assert.deepEqual(locations[locations.length - 1], cursorFile.ambiguous[0]);
  });

  for (const [description, needle] of [['a number that is no ID', 'setTimer(t, 227'], ['a name in a string', 'MY_CABLE_CHECK"'], ['white space', '\n}']] as const) {
    it(`nothing on ${description}`, () => {
      const { files, offset } = workspaceWithCursor(OTHER_URI, needle);
      const other = files.find((file) => file.uri === OTHER_URI)!;
      const at = needle.startsWith('setTimer') ? offset + needle.length - 1 : offset + 1;
      assert.deepEqual(serviceFor(files).findReferences(other.document, other.document.positionAt(at)), []);
    });
  }

  it('a number of another entry is not one of them', () => {
    const { files, cursorFile, offset } = workspaceWithCursor(EVSE_URI, '226');
    const locations = serviceFor(files).findReferences(cursorFile.document, cursorFile.document.positionAt(offset));
    const ids = files.find((file) => file.uri === IDS_URI)!.document;
    const member = ids.getText().indexOf('CableCheckReq');
    const value = ids.getText().indexOf('226');
    assert.deepEqual(locations, [
      { uri: IDS_URI, range: rangeOf(ids, { start: member, end: member + 'CableCheckReq'.length }) },
      { uri: IDS_URI, range: rangeOf(ids, { start: value, end: value + 3 }) },
      { uri: EVSE_URI, range: rangeOf(cursorFile.document, { start: offset, end: offset + 3 }) },
    ]);
  });
});

// ---- carriers: `⟦ ⟧` around every place that names the carrier, `⟪ ⟫` around its declarations, `|` the cursor.

const GUARDS_URI = 'file:///c%3A/proj/Common/Guards.cin';
const NODE_URI = 'file:///c%3A/proj/Nodes/EvseControl.can';
const MONITOR_URI = 'file:///c%3A/proj/Nodes/Monitor.can';
const OWN_GLOBAL_URI = 'file:///c%3A/proj/Nodes/Panel.can';
const INCLUDES_GUARDS = 'includes\n{\n  #include "../Common/Guards.cin"\n}\n';
const ON_RX = 'on fct_called EVSE.OnLastReceivedMessageIdChanged\n{\n';

const CARRIERS: [description: string, files: Record<string, string>][] = [
  ['a local variable: in its procedure, not in a string, a comment or another procedure', {
    [NODE_URI]: `${ON_RX}  dword ⟪id⟫ = ${LATEST_RX};\n  if (⟦i|d⟧ == 0xE3) write("id %d", ⟦id⟧); // id\n  ⟦id⟧ = 0;\n}\non start\n{\n  dword id;\n  id = 5;\n}\n`,
  }],
  ['a parameter of a helper another file calls: in that function only', {
    [GUARDS_URI]: 'void StartGuard(dword ⟪msgId⟫, dword t)\n{\n  EVSE.SetMessageTimeout(⟦ms|gId⟧, t);\n  write("msgId %d", ⟦msgId⟧);\n}\nvoid Log(dword msgId)\n{\n  write("%d", msgId);\n}\n',
    [NODE_URI]: `${INCLUDES_GUARDS}${ON_RX}  StartGuard(${LATEST_RX}, 100);\n}\n`,
  }],
  ['a global declared in an include: there and in both includers, not where a local hides it or a file declares its own', {
    [GUARDS_URI]: 'variables\n{\n  dword ⟪gLastRxId⟫;\n}\nvoid Show()\n{\n  if (⟦gLastRxId⟧ == 0xE3) write("gLastRxId");\n}\n',
    [NODE_URI]: `${INCLUDES_GUARDS}${ON_RX}  ⟦gLastRxId⟧ = ${LATEST_RX};\n}\n`,
    [MONITOR_URI]: `${INCLUDES_GUARDS}on timer t\n{\n  if (⟦gLast|RxId⟧ != 0) write("%d", ⟦gLastRxId⟧);\n  ⟦gLastRxId⟧++;\n}\non key 'x'\n{\n  dword gLastRxId;\n  gLastRxId = 1;\n}\n`,
    [OWN_GLOBAL_URI]: `variables\n{\n  dword gLastRxId;\n}\n${ON_RX}  gLastRxId = ${LATEST_RX};\n}\n`,
  }],
  ['a local that hides a global: in its procedure only', {
    [NODE_URI]: `variables\n{\n  dword gLastRxId;\n}\n${ON_RX}  dword ⟪gLastRxId⟫ = ${LATEST_RX};\n  if (⟦gLastR|xId⟧ == 0xE3) write("x");\n}\non start\n{\n  gLastRxId = 1;\n}\n`,
  }],
  ['a system variable written in one node, read in another by @this, its handler and @sysvar::', {
    [NODE_URI]: `${ON_RX}  ⟦@sysvar::Bench1::Evse::LastRxMessageId⟧ = ${LATEST_RX};\n}\n`,
    [MONITOR_URI]: 'on sysvar ⟦Bench1::Evse::LastRxMessageId⟧\n{\n  if (⟦@th|is⟧ == 0xE3) write("@this");\n}\non timer t\n{\n  if (⟦@Bench1::Evse::LastRxMessageId⟧ != 0) write("x");\n  if (@sysvar::Bench1::Evse::Other == 1) write("y");\n}\non sysvar Bench1::Evse::Other\n{\n  write("%d", @this);\n}\n',
  }],
  ['a system variable written by sysSetVariableInt and read by sysGetVariableInt, named or as strings', {
    [NODE_URI]: `${ON_RX}  sysSetVariableInt(⟦sysvar::Bench1::Evse::Last|Rx⟧, ${LATEST_RX});\n  SysSetVariableInt(⟦"Bench1::Evse", "LastRx"⟧, 0);\n}\n`,
    [MONITOR_URI]: 'on sysvar ⟦Bench1::Evse::LastRx⟧\n{\n  if (⟦@this⟧ == 0xE3) write("x");\n  if (sysGetVariableInt(⟦sysvar::Bench1::Evse::LastRx⟧) == 0xE5) write("y");\n  if (sysGetVariableInt(sysvar::Bench1::Evse::Other) == 1) write("z");\n}\n',
  }],
  ['a constant array declared in an include', {
    [GUARDS_URI]: 'variables\n{\n  const dword ⟪kWatched⟫[2] = { 0xE3, 0xE5 };\n}\n',
    [NODE_URI]: `${INCLUDES_GUARDS}${ON_RX}  int i;\n  for (i = 0; i < 2; i++)\n    if (${LATEST_RX} == ⟦kWat|ched⟧[i]) write("watched");\n}\n`,
  }],
  ['a LatestCall read, in every file', {
    [NODE_URI]: `${ON_RX}  dword id = ⟦$EVSE.OnLast|ReceivedMessageIdChanged.LatestCall.lastRxMessageId⟧;\n}\n`,
    [MONITOR_URI]: `${ON_RX}  if (⟦${LATEST_RX}⟧ == 0xE3) write("x");\n}\n`,
  }],
  ['an enum type that mirrors a table', {
    [GUARDS_URI]: 'variables\n{\n  enum ⟪CcsIds⟫ { CableCheckReq = 226, CableCheckRes = 227 };\n}\n',
    [NODE_URI]: `${INCLUDES_GUARDS}on start\n{\n  enum ⟦Ccs|Ids⟧ awaited;\n  awaited = CableCheckRes;\n}\n`,
  }],
  ['a callback\'s ID parameter', {
    [NODE_URI]: `${RX.replace('dword MessageID', 'dword ⟪MessageID⟫')}\n{\n  switch (⟦Message|ID⟧)\n  {\n    case 8: break;\n  }\n}\n`,
  }],
];

/** The carrier workspace: every place in file and text order, the declarations apart, and where the cursor is. */
function carrierWorkspace(marked: Record<string, string>) {
  const files = Object.entries(marked).map(([uri, text]) => markedFile(uri, text));
  const cursorFile = files.find((file) => file.cursor !== undefined)!;
  const service = serviceFor(files);
  const position = cursorFile.document.positionAt(cursorFile.cursor!);
  const places = files.flatMap((file) => [...file.certain, ...file.ambiguous]).sort(byPlace);
  const declarations = files.flatMap((file) => file.ambiguous);
  return { service, cursorFile, position, places, declarations };
}

/** The case with its cursor moved into `uri`, into the marked `needle` (one character in). */
function cursorMoved(marked: Record<string, string>, uri: string, needle: string): Record<string, string> {
  const moved = Object.fromEntries(Object.entries(marked).map(([file, text]) => [file, text.replace(LONE_BAR, '')]));
  const at = moved[uri].indexOf(needle);
  assert.ok(at >= 0, `${needle} is not in ${uri}`);
  moved[uri] = `${moved[uri].slice(0, at + 2)}|${moved[uri].slice(at + 2)}`;
  return moved;
}

const CARRIERS_ELSEWHERE: [description: string, files: Record<string, string>][] = [
  ['the global where the include declares it', cursorMoved(CARRIERS[2][1], GUARDS_URI, '⟪gLastRxId')],
  ['the system variable in its handler\'s header', cursorMoved(CARRIERS[4][1], MONITOR_URI, '⟦Bench1')],
  ['the enum type where it is declared', cursorMoved(CARRIERS[8][1], GUARDS_URI, '⟪CcsIds')],
];

describe('references on an ID carrier', () => {
  for (const [description, marked] of [...CARRIERS, ...CARRIERS_ELSEWHERE]) {
    it(description, () => {
      const { service, cursorFile, position, places, declarations } = carrierWorkspace(marked);
      assert.deepEqual(service.findReferences(cursorFile.document, position), places);
      const withoutDeclarations = places.filter((place) => !declarations.some((declared) => byPlace(declared, place) === 0));
      assert.deepEqual(service.findReferences(cursorFile.document, position, false), withoutDeclarations, 'without the declarations');
      const highlights = service.findDocumentHighlights(cursorFile.document, position).map((highlight) => highlight.range);
      assert.deepEqual(highlights, places.filter((place) => place.uri === cursorFile.uri).map((place) => place.range), 'the highlights of the current file');
    });
  }

  const nothing: [description: string, marked: string][] = [
    ['a variable that holds no ID', 'on start\n{\n  int |i;\n  for (i = 0; i < 2; i++) write("%d", i);\n}\n'],
    ['a function name', `void StartGuard(dword msgId) { EVSE.SetMessageTimeout(msgId, 10); }\non start\n{\n  Start|Guard(1);\n}\n`],
    ['a member of an object', `${ON_RX}  EVSE.SetMessage|Timeout(${LATEST_RX}, 10);\n}\n`],
  ];
  for (const [description, marked] of nothing) {
    it(`nothing on ${description}`, () => {
      const { service, cursorFile, position } = carrierWorkspace({ [NODE_URI]: marked });
      assert.deepEqual(service.findReferences(cursorFile.document, position), []);
      assert.deepEqual(service.findDocumentHighlights(cursorFile.document, position), []);
    });
  }

  it('a local declared by an edit inside a body of an open document (the body walked again)', () => {
    const before = `variables\n{\n  dword gLastRxId;\n}\n${ON_RX}  gLastRxId = ${LATEST_RX};\n}\non key 'x'\n{\n  write("%d", gLastRxId);\n}\n`;
    let document = TextDocument.create(NODE_URI, 'capl', 1, before);
    const service = synced(languageService(), document);
    const handler = before.indexOf('  gLastRxId = $');
    document = TextDocument.update(document, [{ range: { start: document.positionAt(handler), end: document.positionAt(handler) }, text: '  dword id;\n  id = gLastRxId;\n' }], 2);
    synced(service, document);
    const text = document.getText();
    const local = text.indexOf('id;');
    const ranges = service.findReferences(document, document.positionAt(local)).map((location) => location.range);
    assert.deepEqual(ranges, [local, text.indexOf('id = gLastRxId')].map((start) => rangeOf(document, { start, end: start + 2 })));
    const global = service.findReferences(document, document.positionAt(text.indexOf('gLastRxId);')));
    assert.equal(global.length, 4, 'the declaration, the copy into id, the assignment and the argument of write');
  });

  it('highlights: declarations and assignments are writes, the rest reads', () => {
    const { service, cursorFile, position, places } = carrierWorkspace(CARRIERS[0][1]);
    assert.deepEqual(service.findDocumentHighlights(cursorFile.document, position).map((highlight) => highlight.kind), [3, 2, 2, 3]);
    assert.equal(places.length, 4);
  });

  it('highlights: a global incremented is written there', () => {
    const { service, cursorFile, position } = carrierWorkspace(CARRIERS[2][1]);
    assert.deepEqual(service.findDocumentHighlights(cursorFile.document, position).map((highlight) => highlight.kind), [2, 2, 3]);
  });

  it('highlights: a system variable set by sysSetVariableInt is written there, read by sysGetVariableInt', () => {
    const { service, cursorFile, position } = carrierWorkspace(CARRIERS[5][1]);
    assert.deepEqual(service.findDocumentHighlights(cursorFile.document, position).map((highlight) => highlight.kind), [3, 3]);
    const monitor = markedFile(MONITOR_URI, CARRIERS[5][1][MONITOR_URI]);
    assert.deepEqual(service.findDocumentHighlights(monitor.document, monitor.certain[2].range.start).map((highlight) => highlight.kind), [2, 2, 2]);
  });

  it('highlights: a system variable assigned is written there', () => {
    const { service } = carrierWorkspace(CARRIERS[4][1]);
    const node = markedFile(NODE_URI, CARRIERS[4][1][NODE_URI]);
    const written = { line: node.certain[0].range.start.line, character: node.certain[0].range.start.character + 3 };
    assert.deepEqual(service.findDocumentHighlights(node.document, written), [{ range: node.certain[0].range, kind: 3 }]);
  });
});

describe('document highlight', () => {
  it('the same entry in the current file only: reads, the ambiguous literal as text', () => {
    const { files, cursorFile, offset } = workspaceWithCursor(EVSE_URI, 'CableCheckRes');
    const highlights = serviceFor(files).findDocumentHighlights(cursorFile.document, cursorFile.document.positionAt(offset));
    assert.deepEqual(highlights, [
      ...cursorFile.certain.map((location) => ({ range: location.range, kind: 2 })),
      ...cursorFile.ambiguous.map((location) => ({ range: location.range, kind: 1 })),
    ]);
  });

  it('declarations are writes', () => {
    const { files, cursorFile, offset } = workspaceWithCursor(IDS_URI, '0xE3');
    const highlights = serviceFor(files).findDocumentHighlights(cursorFile.document, cursorFile.document.positionAt(offset));
    assert.deepEqual(highlights, cursorFile.certain.map((location) => ({ range: location.range, kind: 3 })));
  });
});

describe('hover use count', () => {
  it('counts the uses, not the declarations', () => {
    const { files, cursorFile, offset } = workspaceWithCursor(EVSE_URI, '0xE3');
    const hover = serviceFor(files).doHover(cursorFile.document, cursorFile.document.positionAt(offset));
    const paragraphs = (hover!.contents as { value: string }).value.split('\n\n');
    assert.equal(paragraphs[paragraphs.length - 1], 'Used in 6 places in 1 file');
  });
});

describe('rename', () => {
  it("the user's constant: its declaration and every use, in every file", () => {
    const { files, cursorFile, offset } = workspaceWithCursor(EVSE_URI, 'MY_CABLE_CHECK');
    const service = serviceFor(files);
    const position = cursorFile.document.positionAt(offset + 3);
    const prepared = service.prepareRename(cursorFile.document, position);
    assert.deepEqual(prepared, { range: rangeOf(cursorFile.document, { start: offset, end: offset + 'MY_CABLE_CHECK'.length }), placeholder: 'MY_CABLE_CHECK' });
    const edit = service.rename(cursorFile.document, position, 'CABLE_CHECK_DONE');
    assert.ok(!('refused' in edit));
    const renamed = Object.fromEntries(files.map((file) => [file.uri, TextDocument.applyEdits(file.document, edit.changes?.[file.uri] ?? [])]));
    assert.deepEqual(Object.keys(edit.changes!).sort(), [EVSE_URI, IDS_URI].sort());
    assert.ok(renamed[IDS_URI].includes('const dword CABLE_CHECK_DONE = 0xE3;'));
    assert.ok(renamed[EVSE_URI].includes('EVSE.SetMessageTimeout(CABLE_CHECK_DONE, 1000);'));
    assert.ok(renamed[OTHER_URI].includes('write("MY_CABLE_CHECK")'), 'a string is not code');
  });

  it('a member of an enum that mirrors the table', () => {
    const { files, cursorFile, offset } = workspaceWithCursor(IDS_URI, 'CableCheckRes');
    const edit = serviceFor(files).rename(cursorFile.document, cursorFile.document.positionAt(offset), 'CableCheckResponse');
    assert.ok(!('refused' in edit));
    assert.deepEqual(Object.values(edit.changes!).map((edits) => edits.length), [1, 1]);
  });

  const refusals: [string, string, string, RegExp][] = [
    ['a number', EVSE_URI, '0xE3', /^0xE3 is a number: rename the constant or enum member that names it/],
    ['a catalogue constant', EVSE_URI, 'CCS_ISO2_DC_CABLE_CHECK_RES', /^CCS_ISO2_DC_CABLE_CHECK_RES is a catalogue constant/],
    ['a name that is no ID', OTHER_URI, 'setTimer', /renames constants and enum members whose value is a message ID/],
  ];
  for (const [description, uri, needle, message] of refusals) {
    it(`refuses ${description}, saying why`, () => {
      const { files, offset } = workspaceWithCursor(uri, needle);
      const document = files.find((file) => file.uri === uri)!.document;
      const prepared = serviceFor(files).prepareRename(document, document.positionAt(offset + 1));
      assert.ok('refused' in prepared);
      assert.match(prepared.refused, message);
    });
  }

  it('refuses a new name that is no identifier or is a catalogue constant', () => {
    const { files, cursorFile, offset } = workspaceWithCursor(EVSE_URI, 'MY_CABLE_CHECK');
    const service = serviceFor(files);
    const position = cursorFile.document.positionAt(offset);
    assert.deepEqual(service.rename(cursorFile.document, position, '1abc'), { refused: '"1abc" is not a CAPL identifier.' });
    assert.match((service.rename(cursorFile.document, position, 'SCC_SESSION_SETUP_REQ') as { refused: string }).refused, /catalogue constant of another entry/);
  });
});

describe('workspace symbols', () => {
  for (const query of ['CableCheck res', '0xE3', '227', 'CCS_ISO2_DC_CABLE']) {
    it(`"${query}": the uses of the matching entries`, () => {
      const { files } = workspaceWithCursor(EVSE_URI, '0xE3');
      const symbols = serviceFor(files).findWorkspaceSymbols(query);
      const cableCheckRes = symbols.filter((symbol) => symbol.name === 'CableCheck Res = 227 (0xE3)');
      assert.deepEqual(cableCheckRes.map((symbol) => symbol.location).sort(byPlace), files.flatMap((file) => [...file.certain, ...file.ambiguous]).sort(byPlace));
      assert.ok(cableCheckRes.every((symbol) => symbol.containerName!.startsWith('CCS-Binding › ISO2 DC · ')));
    });
  }

  it('nothing for an empty query or one no entry matches', () => {
    const { files } = workspaceWithCursor(EVSE_URI, '0xE3');
    const service = serviceFor(files);
    assert.deepEqual(service.findWorkspaceSymbols(''), []);
    assert.deepEqual(service.findWorkspaceSymbols('no such message'), []);
  });
});
