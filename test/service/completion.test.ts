/**
 * Completion through the CaplLanguageService facade: cursor-marked CAPL (`|`), the tables
 * offered (in rank order), the items' shape, and the edits an accepted item makes.
 */
import { strict as assert } from 'node:assert';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue } from '../../server/src/service/catalogue/catalogue';
import { TABLE_TITLES, type TableKey } from '../../server/src/service/catalogue/types';
import { renderConstantsFile } from '../../server/src/service/constantsFile';
import { isNoMessage } from '../../server/src/service/features/completionRank';
import { entryMarkdown } from '../../server/src/service/features/entryMarkdown';
import { applyEdits, CONSTANTS_URI, documentAt, languageService, rangeOf, synced } from './helpers';

const RX = 'SCC_MessageRxInd(byte SessionID[], dword MessageID)';
const ALL: TableKey[] = ['ccs', 'modeling', 'vehicle-states', 'charge-point-states', 'ocpp'];

function complete(input: string, options: { uri?: string; settings?: Record<string, unknown>; files?: { uri: string; text: string }[] } = {}) {
  const { document, position, spans } = documentAt(input, options.uri);
  const list = synced(languageService(options.settings, options.files), document).doComplete(document, position);
  return { document, spans, list, items: list.items };
}

function ranked(items: readonly CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0));
}

/** The tables of the offered items, in the order their sortText ranks them (the no-message entries, ranked last, aside). */
function rankedTables(items: readonly CompletionItem[]): TableKey[] {
  const tables: TableKey[] = [];
  for (const item of ranked(items)) {
    if (isNoMessage(catalogue.byConstant(item.label)!)) continue;
    const table = catalogue.byConstant(item.label)!.table;
    if (tables[tables.length - 1] !== table) tables.push(table);
  }
  return tables;
}

function item(items: readonly CompletionItem[], constant: string): CompletionItem {
  const found = items.find((i) => i.label === constant);
  assert.ok(found, `no item ${constant}`);
  return found;
}

/** The document text after accepting `constant`. */
function accept(input: string, constant: string, files: { uri: string; text: string }[] = []): string {
  const { document, items } = complete(input, { files });
  const chosen = item(items, constant);
  return applyEdits(document, [chosen.textEdit as TextEdit, ...(chosen.additionalTextEdits ?? [])]);
}

const CONSTANTS_FILE = { uri: CONSTANTS_URI, text: renderConstantsFile() };

describe('completion', () => {
  describe('which tables are offered, ranked', () => {
    const cases: [string, string, TableKey[], { uri?: string; settings?: Record<string, unknown> }?][] = [
      ['case | of a switch on a modeling ID', `${RX} { switch (MessageID) { case | } }`, ['modeling']],
      ['case | with a label already below', `${RX} { switch (MessageID) { case |: break; } }`, ['modeling']],
      ['after MessageID == ', `${RX} { if (MessageID == |) return; }`, ['modeling']],
      ['after MessageID != while typing a constant', `${RX} { if (MessageID != SCC_SE|) return; }`, ['modeling']],
      ['on a literal already written', `${RX} { if (MessageID == 8|) return; }`, ['modeling']],
      ['after a CCS LatestCall read ==', 'on start { if ($EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId == |) return; }', ['ccs']],
      ['an OCPP object argument', 'on start { CP.SetMessageTimeout(|, 1000); }', ['ocpp']],
      ['an undecided object argument: CCS first, then OCPP', 'on start { Station.SetMessageTimeout(|, 1000); }', ['ccs', 'ocpp']],
      ['the object setting decides', 'on start { Station.SetMessageTimeout(|, 1000); }', ['ocpp'], { settings: { objects: { Station: 'ocpp' } } }],
      ['a state comparison in a vehicle node (EV folder)', 'void SCC_StateTransitionInd(byte s[], dword o, dword n) { if (n == |) return; }', ['vehicle-states']],
      ['a state comparison in an undecided node', 'void SCC_StateTransitionInd(byte s[], dword o, dword n) { if (n == |) return; }', ['vehicle-states', 'charge-point-states'], { uri: 'file:///c%3A/proj/Sim/Node.can' }],
      ['elsewhere: every table', 'on start { x = |; }', ALL],
      ['case | of a switch on a non-ID: every table', 'on start { int mode; switch (mode) { case | } }', ALL],
      ['after == on a non-ID: every table', 'on start { int mode; if (mode == |) return; }', ALL],
      ['an empty document: every table', '|', ALL],
    ];
    for (const [description, input, tables, options] of cases) {
      it(description, () => {
        const { items } = complete(input, options);
        assert.deepEqual(rankedTables(items), tables);
        assert.equal(items.length, tables.reduce((n, t) => n + catalogue.inTable(t).length, 0));
      });
    }

    it('case | on its own line, followed by more statements', () => {
      const { items } = complete(`${RX}\n{\n  switch (MessageID)\n  {\n    case |\n      break;\n  }\n}`);
      assert.deepEqual(rankedTables(items), ['modeling']);
    });

    it('MessageID == | at the end of a line, more statements below', () => {
      const { items } = complete(`${RX}\n{\n  if (MessageID == |\n  write("x");\n}`);
      assert.deepEqual(rankedTables(items), ['modeling']);
    });
  });

  describe('nothing in comments, strings and directives', () => {
    const cases: [string, string][] = [
      ['a line comment', `${RX} { // MessageID == |\n }`],
      ['a block comment', `${RX} { /* MessageID == | */ }`],
      ['a multi-line block comment', `${RX} {\n /* first line\n  MessageID == |\n */ }`],
      ['an unterminated block comment', `${RX} { /* MessageID == |`],
      ['a string', `${RX} { write("MessageID == |"); }`],
      ['a string with an escaped quote', `${RX} { write("say \\"|"); }`],
      ['an include directive', 'includes { #include "|" }'],
      ['a char literal', "on key '|' { }"],
      ['between the * and / that close a block comment', `${RX} { /* x *|/ }`],
      ['a block comment spanning the cursor on a CRLF line', `${RX}\r\n{\r\n  /*\r\n  MessageID == |\r\n  */\r\n}`],
    ];
    for (const [description, input] of cases) {
      it(description, () => assert.equal(complete(input).items.length, 0));
    }

    const outside: [string, string][] = [
      ['right after a block comment', `${RX} { /* x */| }`],
      ['right after a string', `${RX} { write("x")|; }`],
      ['on the line after a line comment', `${RX} { // x\n  x = |; }`],
    ];
    for (const [description, input] of outside) {
      it(`but offers items ${description}`, () => assert.notEqual(complete(input).items.length, 0));
    }

    it('after edits inside a body (re-parsed alone): nothing in a comment typed there, items again once it is removed', () => {
      const { document, position } = documentAt(`${RX}\n{\n  if (MessageID == |) return;\n}`);
      const service = synced(languageService(), document);
      assert.notEqual(service.doComplete(document, position).items.length, 0);
      const lineStart = { line: position.line, character: 0 };
      synced(service, TextDocument.update(document, [{ range: { start: lineStart, end: lineStart }, text: '//' }], 2));
      const inComment = { line: position.line, character: position.character + 2 };
      assert.equal(service.doComplete(document, inComment).items.length, 0);
      synced(service, TextDocument.update(document, [{ range: { start: lineStart, end: { line: position.line, character: 2 } }, text: '' }], 3));
      assert.notEqual(service.doComplete(document, position).items.length, 0);
    });
  });

  describe('items', () => {
    it('kind Constant, detail "id · table title · group", markdown documentation on resolve, plain text', () => {
      const { items } = complete(`${RX} { if (MessageID == |) return; }`);
      const sd = item(items, 'SCC_SERVICE_DISCOVERY_RES');
      assert.equal(sd.kind, CompletionItemKind.Constant);
      assert.equal(sd.detail, '8 · Modeling Libraries');
      assert.equal(item(items, 'SCC_SESSION_SETUP_REQ').detail, '5 · Modeling Libraries');
      assert.equal(sd.documentation, undefined, 'the list stays small');
      assert.deepEqual(languageService().resolveCompletionItem(sd).documentation, { kind: 'markdown', value: entryMarkdown(catalogue.byConstant('SCC_SERVICE_DISCOVERY_RES')!) });
      assert.deepEqual(sd.labelDetails, { description: '8 · ServiceDiscovery Res' }, 'the number first, where a long constant cannot hide it');
      assert.deepEqual(item(items, 'SCC_INVALID_MESSAGE').labelDetails, { description: '0 · Invalid message' });
      assert.equal(sd.insertTextFormat, InsertTextFormat.PlainText);
      assert.equal((sd.textEdit as TextEdit).newText, 'SCC_SERVICE_DISCOVERY_RES');
    });

    it('every item has its catalogue detail', () => {
      const { items } = complete('on start { x = |; }');
      assert.deepEqual(
        items.map((i) => i.detail),
        catalogue.entries.map((e) => (e.group === null ? `${e.id} · ${TABLE_TITLES[e.table]}` : `${e.id} · ${TABLE_TITLES[e.table]} · ${e.group}`)),
      );
      assert.ok(items.every((i) => i.kind === CompletionItemKind.Constant));
    });

    it('filters on constant, name with kind, and number', () => {
      const { items } = complete('on start { x = |; }');
      assert.equal(item(items, 'SCC_SERVICE_DISCOVERY_RES').filterText, 'SCC_SERVICE_DISCOVERY_RES ServiceDiscoveryRes 8');
      assert.equal(item(items, 'SCC_EV_STATE_SERVICE_PAYMENT_SELECTION').filterText, 'SCC_EV_STATE_SERVICE_PAYMENT_SELECTION Service/PaymentSelection 4');
      assert.equal(item(items, 'OCPP_AUTHORIZE_REQUEST_16').filterText, 'OCPP_AUTHORIZE_REQUEST_16 AuthorizeRequest_16 100');
    });

    it('sortText without a callback that tells a direction: tables in order, ids ascending, the no-message entries last', () => {
      const { items } = complete('on start { x = |; }');
      const ids = ranked(items).map((i) => catalogue.byConstant(i.label)!).map((e) => `${e.table}:${e.id}`);
      const expected = [...catalogue.entries]
        .sort((a, b) => Number(isNoMessage(a)) - Number(isNoMessage(b)) || ALL.indexOf(a.table) - ALL.indexOf(b.table) || a.id - b.id)
        .map((e) => `${e.table}:${e.id}`);
      assert.deepEqual(ids, expected);
      assert.deepEqual(ids.slice(-2), ['modeling:0', 'ocpp:0'], 'Invalid message and Undefined');
      assert.ok(item(items, 'CCS_SLAC_CM_VALIDATE_REQ').sortText! < item(items, 'CCS_SLAC_CM_SET_KEY_REQ').sortText!, '8 before 12');
      assert.ok(item(items, 'CCS_VENDOR_MME_VS_SET_PWM_CONF_CNF').sortText! < item(items, 'CCS_LUMISSIL_MME_LUMISSIL_GET_VERSION_REQ').sortText!, '1426 before 1500');
      assert.ok(item(items, 'SCC_CP_STATE_INITIAL').sortText! < item(items, 'SCC_CP_STATE_SESSION_SETUP').sortText!, 'state 0 is a state, not "no message"');
    });

    it('the text edit replaces the word being typed', () => {
      const { items, document, spans } = complete(`${RX} { if (MessageID != ⟦SCC_SE|⟧) return; }`);
      assert.deepEqual((item(items, 'SCC_SESSION_SETUP_REQ').textEdit as TextEdit).range, rangeOf(document, spans[0]));
    });

    it('the text edit replaces a whole literal when the cursor is inside it', () => {
      const { items, document, spans } = complete(`${RX} { if (MessageID == ⟦1|0⟧) return; }`);
      assert.deepEqual((item(items, 'SCC_SERVICE_DETAIL_RES').textEdit as TextEdit).range, rangeOf(document, spans[0]));
    });

    it('the text edit inserts at an empty slot', () => {
      const { items, document, spans } = complete(`${RX} { if (MessageID == ⟦|⟧) return; }`);
      assert.deepEqual((item(items, 'SCC_SESSION_SETUP_REQ').textEdit as TextEdit).range, rangeOf(document, spans[0]));
    });
  });

  describe('ranked by what the callback makes likely', () => {
    /** The kinds of the ranked items, run-length: `Res/Cnf` for the answers, `Req`, `other`, `none` for the no-message entry. */
    function kindRuns(input: string, options: { uri?: string; settings?: Record<string, unknown> } = {}): string[] {
      const runs: string[] = [];
      for (const i of ranked(complete(input, options).items)) {
        const entry = catalogue.byConstant(i.label)!;
        const kind = isNoMessage(entry) ? 'none' : entry.kind === 'Res' || entry.kind === 'Cnf' ? 'Res/Cnf' : entry.kind === 'Req' ? 'Req' : 'other';
        if (runs.at(-1) !== kind) runs.push(kind);
      }
      return runs;
    }
    const EV = 'file:///c%3A/proj/EV/Node.can';
    const EVSE = 'file:///c%3A/proj/EVSE/Node.can';

    it("an EV's SCC_MessageRxInd: the responses it receives, then their requests, then the rest, no message last", () => {
      assert.deepEqual(kindRuns(`${RX} { if (MessageID == |) return; }`, { uri: EV }), ['Res/Cnf', 'Req', 'other', 'none']);
      const order = ranked(complete(`${RX} { if (MessageID == |) return; }`, { uri: EV }).items).map((i) => i.label);
      assert.deepEqual(order.slice(0, 3), ['SCC_SECC_DISCOVERY_RES', 'SCC_SUPPORTED_APP_PROTOCOL_RES', 'SCC_SESSION_SETUP_RES']);
      assert.equal(order.at(-1), 'SCC_INVALID_MESSAGE');
    });

    it("a charger's SCC_MessageRxInd: the requests it receives first", () => {
      assert.deepEqual(kindRuns(`${RX} { switch (MessageID) { case | } }`, { uri: EVSE }), ['Req', 'Res/Cnf', 'other', 'none']);
    });

    it("a charger's on fct_called EVSE.OnLastReceivedMessageIdChanged: the requests first", () => {
      const handler = 'on fct_called EVSE.OnLastReceivedMessageIdChanged { if ($EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId == |) return; }';
      assert.deepEqual(kindRuns(handler, { uri: EVSE }), ['Req', 'Res/Cnf', 'other']);
      assert.equal(ranked(complete(handler, { uri: EVSE }).items)[0].label, 'CCS_SLAC_CM_SLAC_PARM_REQ');
    });

    it("an EV's SCC_MessageTxInd: the requests it sends first", () => {
      assert.deepEqual(kindRuns('SCC_MessageTxInd(byte s[], dword MessageID, long e) { if (MessageID == |) return; }', { uri: EV }), ['Req', 'Res/Cnf', 'other', 'none']);
    });

    it('the node role by setting counts too; an undecided role ranks by ID only', () => {
      assert.deepEqual(kindRuns(`${RX} { if (MessageID == |) return; }`, { uri: 'file:///c%3A/proj/Sim/Node.can', settings: { node: 'vehicle' } }), ['Res/Cnf', 'Req', 'other', 'none']);
      const undecided = ranked(complete(`${RX} { if (MessageID == |) return; }`, { uri: 'file:///c%3A/proj/Sim/Node.can' }).items).map((i) => catalogue.byConstant(i.label)!.id);
      assert.deepEqual(undecided, [...undecided.slice(0, -1)].sort((a, b) => a - b).concat(0));
    });
  });

  describe('case labels', () => {
    it('an empty case label gets the constant and the colon', () => {
      const { items } = complete(`${RX}\n{\n  switch (MessageID)\n  {\n    case |\n  }\n}`);
      assert.equal((item(items, 'SCC_SESSION_SETUP_REQ').textEdit as TextEdit).newText, 'SCC_SESSION_SETUP_REQ:');
    });

    it('no second colon where one follows', () => {
      const { items } = complete(`${RX} { switch (MessageID) { case |: break; } }`);
      assert.equal((item(items, 'SCC_SESSION_SETUP_REQ').textEdit as TextEdit).newText, 'SCC_SESSION_SETUP_REQ');
    });

    it('no colon outside a case label', () => {
      const { items } = complete(`${RX} { if (MessageID == |) return; }`);
      assert.equal((item(items, 'SCC_SESSION_SETUP_REQ').textEdit as TextEdit).newText, 'SCC_SESSION_SETUP_REQ');
      assert.equal((item(complete('on start { showcase |; }').items, 'SCC_SESSION_SETUP_REQ').textEdit as TextEdit).newText, 'SCC_SESSION_SETUP_REQ');
    });
  });

  describe('additionalTextEdits make the constant visible', () => {
    it('creates variables { } with a const dword declaration (CRLF kept)', () => {
      assert.equal(
        accept(`${RX}\r\n{\r\n  if (MessageID == |)\r\n    return;\r\n}\r\n`, 'SCC_SERVICE_DISCOVERY_RES'),
        `variables\r\n{\r\n  const dword SCC_SERVICE_DISCOVERY_RES = 8;\r\n}\r\n\r\n${RX}\r\n{\r\n  if (MessageID == SCC_SERVICE_DISCOVERY_RES)\r\n    return;\r\n}\r\n`,
      );
    });

    it('creates variables { } after the encoding header (LF kept)', () => {
      assert.equal(
        accept('/*@!Encoding:1252*/\non start\n{\n  x = |;\n}\n', 'OCPP_ERROR_RESPONSE'),
        '/*@!Encoding:1252*/\nvariables\n{\n  const dword OCPP_ERROR_RESPONSE = 50;\n}\n\non start\n{\n  x = OCPP_ERROR_RESPONSE;\n}\n',
      );
    });

    it('creates variables { } after an existing includes { }', () => {
      assert.equal(
        accept('includes\n{\n  #include "Other.cin"\n}\n\non start\n{\n  x = |;\n}\n', 'OCPP_ERROR_RESPONSE'),
        'includes\n{\n  #include "Other.cin"\n}\nvariables\n{\n  const dword OCPP_ERROR_RESPONSE = 50;\n}\n\n\non start\n{\n  x = OCPP_ERROR_RESPONSE;\n}\n',
      );
    });

    it('adds the declaration first in an existing variables { }, with its indentation', () => {
      assert.equal(
        accept('variables\n{\n\tint x;\n}\n\non start\n{\n  x = |;\n}\n', 'OCPP_ERROR_RESPONSE'),
        'variables\n{\n\tconst dword OCPP_ERROR_RESPONSE = 50;\n\tint x;\n}\n\non start\n{\n  x = OCPP_ERROR_RESPONSE;\n}\n',
      );
    });

    it('adds nothing for a constant the file already declares', () => {
      const { items } = complete('variables\n{\n  const dword SCC_SERVICE_DISCOVERY_RES = 8;\n}\non start { x = |; }');
      assert.equal(item(items, 'SCC_SERVICE_DISCOVERY_RES').additionalTextEdits, undefined);
      assert.equal(item(items, 'SCC_SERVICE_DISCOVERY_REQ').additionalTextEdits?.length, 1);
    });

    it('adds #include of the generated constants file in a new includes { }', () => {
      assert.equal(
        accept('/*@!Encoding:1252*/\r\non start\r\n{\r\n  x = |;\r\n}\r\n', 'OCPP_ERROR_RESPONSE', [CONSTANTS_FILE]),
        '/*@!Encoding:1252*/\r\nincludes\r\n{\r\n  #include "..\\Common\\SmartChargingMessageIds.cin"\r\n}\r\n\r\non start\r\n{\r\n  x = OCPP_ERROR_RESPONSE;\r\n}\r\n',
      );
    });

    it('adds #include of the generated constants file into the existing includes { }', () => {
      assert.equal(
        accept('includes\r\n{\r\n  #include "Util.cin"\r\n}\r\non start { x = |; }', 'OCPP_ERROR_RESPONSE', [CONSTANTS_FILE]),
        'includes\r\n{\r\n  #include "Util.cin"\r\n  #include "..\\Common\\SmartChargingMessageIds.cin"\r\n}\r\non start { x = OCPP_ERROR_RESPONSE; }',
      );
    });

    it('follows the forward slashes of existing includes', () => {
      assert.equal(
        accept('includes\n{\n  #include "../Common/Util.cin"\n}\non start { x = |; }', 'OCPP_ERROR_RESPONSE', [CONSTANTS_FILE]),
        'includes\n{\n  #include "../Common/Util.cin"\n  #include "../Common/SmartChargingMessageIds.cin"\n}\non start { x = OCPP_ERROR_RESPONSE; }',
      );
    });

    it('every item of one list adds the same include', () => {
      const { items } = complete('on start { x = |; }', { files: [CONSTANTS_FILE] });
      const edits = new Set(items.map((i) => JSON.stringify(i.additionalTextEdits)));
      assert.equal(edits.size, 1);
    });

    it('declares where the variables section is now, request after request (tab, CRLF; four blanks, LF)', () => {
      const crlf = 'variables\r\n{\r\n\tint x;\r\n}\r\non start { x = |; }';
      const expected = (before: string) => `${before}variables\r\n{\r\n\tconst dword SCC_SERVICE_DISCOVERY_RES = 8;\r\n\tint x;\r\n}\r\non start { x = SCC_SERVICE_DISCOVERY_RES; }`;
      assert.equal(accept(crlf, 'SCC_SERVICE_DISCOVERY_RES'), expected(''));
      assert.equal(accept(crlf, 'SCC_SERVICE_DISCOVERY_RES'), expected(''), 'asked again');
      assert.equal(accept(`// moved\r\n${crlf}`, 'SCC_SERVICE_DISCOVERY_RES'), expected('// moved\r\n'), 'a line above it added');
      assert.equal(accept('variables\n{\n    int x;\n}\non start { x = |; }', 'SCC_SERVICE_DISCOVERY_RES'),
        'variables\n{\n    const dword SCC_SERVICE_DISCOVERY_RES = 8;\n    int x;\n}\non start { x = SCC_SERVICE_DISCOVERY_RES; }', 'another file, the section at the same line');
    });

    it('adds nothing when the constants file is already included', () => {
      const { items } = complete('includes\n{\n  #include "..\\Common\\SmartChargingMessageIds.cin"\n}\non start { x = |; }', { files: [CONSTANTS_FILE] });
      assert.deepEqual(items.filter((i) => i.additionalTextEdits !== undefined).map((i) => i.label), []);
    });

    it('adds nothing when the constants file is included through another include', () => {
      const util = { uri: 'file:///c%3A/proj/Common/Util.cin', text: 'includes\n{\n  #include "SmartChargingMessageIds.cin"\n}\n' };
      const { items } = complete('includes\n{\n  #include "../Common/Util.cin"\n}\non start { x = |; }', { files: [CONSTANTS_FILE, util] });
      assert.deepEqual(items.filter((i) => i.additionalTextEdits !== undefined).map((i) => i.label), []);
    });
  });
});
