// The language server as a process, over stdio, with a real JSON-RPC client (./lspClient.ts).
// Expectations come from docs/context-rules.md and the server's issue (hover, completion,
// inlay hints, diagnostics, code actions, settings, the constants command) and from the
// robustness issue (protocol and workspace faults). Each client gets its own server and its
// own copy of a fixture workspace under the system temp folder.
import * as assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionItemKind,
  CompletionResolveRequest,
  CompletionRequest,
  DefinitionRequest,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  DocumentHighlightKind,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  InlayHintRequest,
  InlayHintResolveRequest,
  LSPErrorCodes,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  MessageType,
  ResponseError,
  SymbolKind,
  TextDocumentSyncKind,
  WorkspaceSymbolRequest,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FullDocumentDiagnosticReport,
  type Hover,
  type InitializeResult,
  type InlayHint,
  type Location,
  type MarkupContent,
  type Position,
  type Range,
  type SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import type { CoverageReport } from '../../shared/protocol';
import { LspTestClient, PUSH_ONLY_CAPABILITIES, REPO_ROOT, VSCODE_CAPABILITIES, positionOf, rangeOf } from './lspClient';

const FIXTURES = resolve(REPO_ROOT, 'test', 'fixtures', 'lsp');
const EVSE_NODE = 'Charger/EvseNode.can';
const EVSE_TEXT = readFileSync(join(FIXTURES, 'workspace', EVSE_NODE), 'utf8');
const DIAGNOSTICS_DOC = 'https://github.com/capl-ids/capl-ids/blob/main/docs/diagnostics.md';

/** What VS Code sends for `capl-ids.*` when the user changed nothing (package.json defaults). */
const DEFAULT_SETTINGS = {
  objects: {},
  defaultTable: null,
  node: 'auto',
  idVariables: {},
  inlayHints: 'on',
  diagnostics: { magicNumber: 'hint', severity: {} },
};

const WHY_EVSE = 'EVSE: CCS-Binding object, by its name';
const runsAsRoot = process.getuid?.() === 0;

interface Workspace {
  readonly root: string;
  readonly folderUri: string;
  uri(relative: string): string;
}

function copyWorkspace(fixture: string): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'capl-ids-lsp-'));
  cpSync(join(FIXTURES, fixture), root, { recursive: true });
  return { root, folderUri: pathToFileURL(root).href, uri: (relative) => pathToFileURL(join(root, relative)).href };
}

function initParams(workspace: Workspace, capabilities = VSCODE_CAPABILITIES) {
  return {
    processId: process.pid,
    clientInfo: { name: 'capl-ids test client', version: '1.0.0' },
    locale: 'en',
    rootUri: workspace.folderUri,
    workspaceFolders: [{ uri: workspace.folderUri, name: 'fixture' }],
    capabilities,
    trace: 'off' as const,
  };
}

// ---- request shorthands ---------------------------------------------------------------------

const at = (text: string, search: string, occurrence = 0, delta = 0): Position => positionOf(text, search, occurrence, delta);

function hover(client: LspTestClient, uri: string, position: Position): Promise<Hover | null> {
  return client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
}

function markdown(result: Hover | null): string {
  assert.ok(result, 'expected a hover');
  const contents = result.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

async function complete(client: LspTestClient, uri: string, position: Position): Promise<CompletionList> {
  const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
  assert.ok(result && !Array.isArray(result), 'expected a CompletionList');
  return result;
}

async function inlayHints(client: LspTestClient, uri: string, range: Range): Promise<InlayHint[]> {
  return (await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range })) ?? [];
}

async function pullDiagnostics(client: LspTestClient, uri: string): Promise<Diagnostic[]> {
  const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
  return (report as FullDocumentDiagnosticReport).items;
}

async function codeActions(client: LspTestClient, uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const result = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  return (result ?? []) as CodeAction[];
}

function wholeDocument(text: string): Range {
  const lines = text.split('\n');
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

/** A diagnostic reduced to what a person reads: code, severity, the text it underlines, message. */
function summary(text: string, diagnostic: Diagnostic) {
  const lines = text.split('\n');
  const { start, end } = diagnostic.range;
  assert.equal(start.line, end.line, 'ID diagnostics span one line');
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
  return { code: diagnostic.code, severity: diagnostic.severity, text: lines[start.line].slice(start.character, end.character), line: start.line, message };
}

function lineOf(text: string, search: string): number {
  return at(text, search).line;
}

/** The diagnostics of the fixture EVSE node with default settings (docs/context-rules.md rules 2, 4, 7, 10, 12). */
function evseDiagnostics(text: string) {
  return [
    {
      code: 'magic-number', severity: DiagnosticSeverity.Hint, text: '0xE3', line: lineOf(text, '0xE3'),
      message: `0xE3 is CableCheck Res (CCS-Binding): use CCS_ISO2_DC_CABLE_CHECK_RES.`,
    },
    {
      code: 'ambiguous-id', severity: DiagnosticSeverity.Information, text: '231', line: lineOf(text, 'Station.SetMessageTimeout(231'),
      message: '231 is ambiguous: CurrentDemand Res (CCS-Binding) or Get15118EVCertificateResponse_201 (OCPP-Binding). '
        + 'Argument 1 of Station.SetMessageTimeout, the message ID (Station: binding unknown, CCS or OCPP).',
    },
    {
      code: 'magic-number', severity: DiagnosticSeverity.Hint, text: '231', line: lineOf(text, 'id == 231'),
      message: '231 is CurrentDemand Res (CCS-Binding): use CCS_ISO2_DC_CURRENT_DEMAND_RES.',
    },
    {
      code: 'unknown-id', severity: DiagnosticSeverity.Error, text: '4242', line: lineOf(text, 'id == 4242'),
      message: '4242 is not a message ID of CCS-Binding. Compared with id, which holds $EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId, '
        + `the message ID of EVSE.OnLastReceivedMessageIdChanged (${WHY_EVSE}).`,
    },
  ];
}

// =================================================================================================

describe('capl-ids server over stdio with a VS Code-like client', function () {
  this.timeout(20000);
  let workspace: Workspace;
  let client: LspTestClient;
  let initResult: InitializeResult;
  let evse: string;

  before(async () => {
    workspace = copyWorkspace('workspace');
    evse = workspace.uri(EVSE_NODE);
    client = LspTestClient.start({ settings: DEFAULT_SETTINGS });
    initResult = await client.initialize(initParams(workspace));
    await client.waitForLog(/^capl-ids: indexed \d+ CAPL files$/);
    await client.open(evse, EVSE_TEXT);
  });

  after(async () => {
    await client?.dispose();
    if (workspace) rmSync(workspace.root, { recursive: true, force: true });
  });

  it('declares incremental sync, pull diagnostics and every feature in its capabilities', () => {
    const capabilities = initResult.capabilities;
    assert.equal(capabilities.textDocumentSync, TextDocumentSyncKind.Incremental);
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.inlayHintProvider, { resolveProvider: true });
    assert.deepEqual(capabilities.diagnosticProvider, { interFileDependencies: true, workspaceDiagnostics: false });
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.capl-ids', 'source.generateConstants'] });
    assert.deepEqual(capabilities.executeCommandProvider, { commands: ['capl-ids.generateConstantsFile'] });
    assert.equal(capabilities.documentSymbolProvider, true);
    assert.equal(capabilities.definitionProvider, true);
    assert.equal(capabilities.referencesProvider, true);
    assert.equal(capabilities.documentHighlightProvider, true);
    assert.equal(capabilities.workspaceSymbolProvider, true);
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
    assert.deepEqual(initResult.serverInfo, { name: 'capl-ids' });
  });

  it('registers a watcher for CAPL files, reads its settings section and indexes the workspace', () => {
    const watchers = client.registrations().filter((registration) => registration.method === DidChangeWatchedFilesNotification.method);
    assert.deepEqual(watchers.map((registration) => registration.registerOptions), [{ watchers: [{ globPattern: '**/*.{can,cin,CAN,CIN}' }] }]);
    assert.deepEqual(client.configurationRequests()[0], { items: [{ section: 'capl-ids' }] });
    assert.ok(client.logs().some((log) => log.message === 'capl-ids: indexed 2 CAPL files'), 'EvseNode.can and ChargeLoop.cin are indexed');
  });

  describe('reading a document', () => {
    it('hovers a literal ID argument with message, kind, table, group, pair, constant and why, over the exact literal', async () => {
      const result = await hover(client, evse, at(EVSE_TEXT, '0xE3', 0, 2));
      assert.deepEqual(result?.range, rangeOf(EVSE_TEXT, '0xE3'));
      assert.equal(markdown(result), [
        '**CableCheck Res** · `227` (`0xE3`)',
        '',
        'CCS-Binding › ISO2 DC',
        '',
        'Constant: `CCS_ISO2_DC_CABLE_CHECK_RES`',
        '',
        'Pair: CableCheck Req · `226` (`CCS_ISO2_DC_CABLE_CHECK_REQ`)',
        '',
        `*Why:* argument 1 of EVSE.SetMessageTimeout, the message ID (${WHY_EVSE})`,
        '',
        'Used in 1 place in 1 file',
      ].join('\n'));
    });

    it('hovers a compared literal through a local copy of the ID (rule 4)', async () => {
      const result = await hover(client, evse, at(EVSE_TEXT, 'id == 231', 0, 6));
      assert.deepEqual(result?.range, rangeOf(EVSE_TEXT, '231', 1));
      const value = markdown(result);
      assert.match(value, /^\*\*CurrentDemand Res\*\* · `231` \(`0xE7`\)\n\nCCS-Binding › ISO2 DC\n\nConstant: `CCS_ISO2_DC_CURRENT_DEMAND_RES`/);
      assert.match(value, /Pair: CurrentDemand Req · `230` \(`CCS_ISO2_DC_CURRENT_DEMAND_REQ`\)/);
      assert.match(value, /\*Why:\* compared with id, which holds \$EVSE\.OnLastReceivedMessageIdChanged\.LatestCall\.lastRxMessageId/);
    });

    it('lists every candidate of an ambiguous literal instead of guessing (rule 12)', async () => {
      const value = markdown(await hover(client, evse, at(EVSE_TEXT, 'Station.SetMessageTimeout(231', 0, 27)));
      assert.equal(value, [
        '**Ambiguous message ID `231` (`0xE7`)** — the context allows several tables:',
        '',
        '- CCS-Binding: **CurrentDemand Res** (`CCS_ISO2_DC_CURRENT_DEMAND_RES`)',
        '- OCPP-Binding: **Get15118EVCertificateResponse_201** (`OCPP_GET_15118_EV_CERTIFICATE_RESPONSE_201`)',
        '',
        '*Why:* argument 1 of Station.SetMessageTimeout, the message ID (Station: binding unknown, CCS or OCPP)',
        '',
        'CurrentDemand Res (CCS-Binding): used in 3 places in 1 file  ',
        'Get15118EVCertificateResponse_201 (OCPP-Binding): used in 1 place in 1 file',
      ].join('\n'));
    });

    it('says an unknown ID is unknown in the decided table', async () => {
      const value = markdown(await hover(client, evse, at(EVSE_TEXT, '4242', 0, 1)));
      assert.match(value, /^\*\*`4242` \(`0x1092`\): no message of CCS-Binding\*\*$/);
    });

    it('gives no hover on numbers that are not IDs (timeouts, timer periods, an unrelated comparison)', async () => {
      assert.equal(await hover(client, evse, at(EVSE_TEXT, '40000', 0, 2)), null);
      assert.equal(await hover(client, evse, at(EVSE_TEXT, 'tSupervision, 100', 0, 15)), null);
      assert.equal(await hover(client, evse, at(EVSE_TEXT, 'candidate == 100', 0, 14)), null);
    });

    it('completes in an ID slot with the constants of that table only, the requests a charger receives first, with the declaration it needs', async () => {
      const list = await complete(client, evse, at(EVSE_TEXT, 'id == 231', 0, 9));
      assert.equal(list.isIncomplete, false);
      assert.deepEqual([...new Set(list.items.map((item) => item.detail?.split(' · ')[1]))], ['CCS-Binding']);
      const sorted = [...list.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((item) => Number(item.detail!.split(' · ')[0]));
      const kindOf = (id: number) => String(list.items.find((item) => item.detail!.startsWith(`${id} `))!.labelDetails!.description).split(' ').at(-1);
      const ofKinds = (kinds: string[]) => sorted.filter((id) => kinds.includes(kindOf(id)!)).sort((a, b) => a - b);
      assert.deepEqual(sorted, [...ofKinds(['Req']), ...ofKinds(['Res', 'Cnf']), ...ofKinds(['Ind', 'Rsp'])], 'in on fct_called EVSE.OnLastReceivedMessageIdChanged of a charger node');

      const item = list.items.find((candidate) => candidate.label === 'CCS_ISO2_DC_CURRENT_DEMAND_RES');
      assert.ok(item, 'CurrentDemand Res is offered');
      assert.equal(item.kind, CompletionItemKind.Constant);
      assert.equal(item.detail, '231 · CCS-Binding · ISO2 DC');
      assert.equal(item.sortText, '1000231');
      assert.deepEqual(item.labelDetails, { description: '231 · CurrentDemand Res' });
      assert.equal(item.filterText, 'CCS_ISO2_DC_CURRENT_DEMAND_RES CurrentDemandRes 231', 'filters on constant, name and number');
      assert.equal(item.documentation, undefined, 'documentation comes on resolve');
      const resolved = await client.connection.sendRequest(CompletionResolveRequest.type, item);
      assert.match((resolved.documentation as MarkupContent).value, /^\*\*CurrentDemand Res\*\* · `231` \(`0xE7`\)/);
      assert.deepEqual(item.textEdit, { range: rangeOf(EVSE_TEXT, '231', 1), newText: 'CCS_ISO2_DC_CURRENT_DEMAND_RES' });
      // Declarations go first in variables { }, before any use in its initialisers.
      const variablesStart = { line: lineOf(EVSE_TEXT, '\nvariables\n{\n') + 3, character: 0 };
      assert.deepEqual(item.additionalTextEdits, [
        { range: { start: variablesStart, end: variablesStart }, newText: '  const dword CCS_ISO2_DC_CURRENT_DEMAND_RES = 231;\n' },
      ]);
    });

    it('completes every table outside an ID slot and nothing inside a comment', async () => {
      const list = await complete(client, evse, at(EVSE_TEXT, 'tSupervision, 100', 0, 14));
      const labels = new Set(list.items.map((item) => item.label));
      for (const constant of ['CCS_ISO2_DC_CABLE_CHECK_RES', 'SCC_SERVICE_DISCOVERY_RES', 'SCC_EV_STATE_CURRENT_DEMAND', 'SCC_CP_STATE_INITIAL', 'OCPP_AUTHORIZE_REQUEST_16']) {
        assert.ok(labels.has(constant), `${constant} is offered`);
      }
      assert.deepEqual([...new Set(list.items.map((item) => item.detail?.split(' · ')[1]))], ['CCS-Binding', 'Modeling Libraries', 'Vehicle States', 'Charge Point States', 'OCPP-Binding']);

      const inComment = await complete(client, evse, at(EVSE_TEXT, '// Fixture of the', 0, 10));
      assert.deepEqual(inComment, { isIncomplete: false, items: [] });
    });

    it('shows inlay hints after the ID literals of the requested range, and resolves their tooltip', async () => {
      const all = await inlayHints(client, evse, wholeDocument(EVSE_TEXT));
      assert.deepEqual(all.map((hint) => ({ position: hint.position, label: hint.label, paddingLeft: hint.paddingLeft, paddingRight: hint.paddingRight, tooltip: hint.tooltip })), [
        { position: at(EVSE_TEXT, '0xE3', 0, 4), label: 'CableCheck Res', paddingLeft: true, paddingRight: true, tooltip: undefined },
        { position: at(EVSE_TEXT, 'Station.SetMessageTimeout(231', 0, 29), label: 'ambiguous: CurrentDemand Res | Get15118EVCertificateResponse_201', paddingLeft: true, paddingRight: true, tooltip: undefined },
        { position: at(EVSE_TEXT, 'id == 231', 0, 9), label: 'CurrentDemand Res', paddingLeft: true, paddingRight: true, tooltip: undefined },
        { position: at(EVSE_TEXT, 'id == 4242', 0, 10), label: 'unknown in CCS-Binding', paddingLeft: true, paddingRight: true, tooltip: undefined },
      ]);

      const fctCalled = { start: { line: lineOf(EVSE_TEXT, 'on fct_called'), character: 0 }, end: { line: lineOf(EVSE_TEXT, 'int IsLoopMessage'), character: 0 } };
      const inside = await inlayHints(client, evse, fctCalled);
      assert.deepEqual(inside.map((hint) => hint.label), ['CurrentDemand Res', 'unknown in CCS-Binding']);

      const resolved = await client.connection.sendRequest(InlayHintResolveRequest.type, all[0]);
      assert.equal(resolved.label, 'CableCheck Res');
      const tooltip = resolved.tooltip as MarkupContent;
      assert.equal(tooltip.kind, 'markdown');
      assert.equal(`${tooltip.value}\n\nUsed in 1 place in 1 file`, markdown(await hover(client, evse, at(EVSE_TEXT, '0xE3'))), 'the hover adds the use count');
    });

    it('pulls diagnostics with stable codes, severities, exact ranges, messages and links to their docs/diagnostics.md sections', async () => {
      const items = await pullDiagnostics(client, evse);
      assert.deepEqual(items.map((d) => summary(EVSE_TEXT, d)), evseDiagnostics(EVSE_TEXT));
      for (const diagnostic of items) {
        assert.equal(diagnostic.source, 'capl-ids');
        assert.deepEqual(diagnostic.codeDescription, { href: `${DIAGNOSTICS_DOC}#${diagnostic.code}` });
      }
      assert.deepEqual(items[0].range, rangeOf(EVSE_TEXT, '0xE3'));
    });

    it('outlines sections, their variables, event procedures and functions', async () => {
      const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: evse } })) as DocumentSymbol[];
      const flat = (list: DocumentSymbol[]): unknown[] => list.map((s) => ({ name: s.name, kind: s.kind, ...(s.children?.length ? { children: flat(s.children) } : {}) }));
      assert.deepEqual(flat(symbols), [
        { name: 'includes', kind: SymbolKind.Namespace },
        { name: 'variables', kind: SymbolKind.Namespace, children: [{ name: 'tSupervision', kind: SymbolKind.Variable }, { name: 'gLastRxId', kind: SymbolKind.Variable }] },
        { name: 'on start', kind: SymbolKind.Event },
        { name: 'on fct_called EVSE.OnLastReceivedMessageIdChanged', kind: SymbolKind.Event },
        { name: 'IsLoopMessage', kind: SymbolKind.Function },
      ]);
      const fn = symbols[4];
      assert.equal(fn.detail, 'int (dword candidate)');
      assert.deepEqual(fn.selectionRange, rangeOf(EVSE_TEXT, 'IsLoopMessage'));
      assert.deepEqual(symbols[1].children![0].selectionRange, rangeOf(EVSE_TEXT, 'tSupervision'));
    });

    it('goes to the definition of a constant declared in an included file', async () => {
      const locations = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: evse }, position: at(EVSE_TEXT, 'kChargeLoopRes', 0, 3) })) as Location[];
      const included = readFileSync(join(workspace.root, 'Common', 'ChargeLoop.cin'), 'utf8');
      assert.deepEqual(locations, [{ uri: workspace.uri('Common/ChargeLoop.cin'), range: rangeOf(included, 'kChargeLoopRes') }]);
    });

    it('answers capl-ids/fileContext with the tables, the node role and the ambiguous count', async () => {
      const context = await client.connection.sendRequest('capl-ids/fileContext', { textDocument: { uri: evse } });
      assert.deepEqual(context, { tables: ['ccs'], node: 'charge-point', nodeReason: 'charge point node, by the file name', ambiguous: 1 });
    });

    it('answers capl-ids/entryUses with the literals judged to be an entry, an ambiguous one included, and its names', async () => {
      const uses = (table: string, id: number) => client.connection.sendRequest('capl-ids/entryUses', { textDocument: { uri: evse }, entry: { table, id } });
      assert.deepEqual(await uses('ccs', 231), [rangeOf(EVSE_TEXT, '231', 0), rangeOf(EVSE_TEXT, '231', 1), rangeOf(EVSE_TEXT, 'kChargeLoopRes')]);
      assert.deepEqual(await uses('ocpp', 231), [rangeOf(EVSE_TEXT, '231', 0)]);
      assert.deepEqual(await uses('ccs', 0xe3), [rangeOf(EVSE_TEXT, '0xE3')]);
      assert.deepEqual(await uses('ccs', 100), [], 'a timer period and a comparison with a plain parameter are no IDs');
    });
  });

  describe('where an entry is used', () => {
    const included = () => readFileSync(join(workspace.root, 'Common', 'ChargeLoop.cin'), 'utf8');

    it('finds the references of a constant in every file: its declaration, the same number, the ambiguous literal last', async () => {
      const locations = (await client.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri: evse }, position: at(EVSE_TEXT, 'kChargeLoopRes', 0, 2), context: { includeDeclaration: true },
      })) as Location[];
      assert.deepEqual(locations, [
        { uri: workspace.uri('Charger/EvseNode.can'), range: rangeOf(EVSE_TEXT, '231', 1) },
        { uri: workspace.uri('Charger/EvseNode.can'), range: rangeOf(EVSE_TEXT, 'kChargeLoopRes') },
        { uri: workspace.uri('Common/ChargeLoop.cin'), range: rangeOf(included(), 'kChargeLoopRes') },
        { uri: workspace.uri('Common/ChargeLoop.cin'), range: rangeOf(included(), '231') },
        { uri: workspace.uri('Charger/EvseNode.can'), range: rangeOf(EVSE_TEXT, '231', 0) },
      ]);
    });

    it('answers capl-ids/entryReferences, entryUseCounts and coverage from the same uses', async () => {
      const references = await client.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri: evse }, position: at(EVSE_TEXT, 'kChargeLoopRes', 0, 2), context: { includeDeclaration: true },
      });
      assert.deepEqual(await client.connection.sendRequest('capl-ids/entryReferences', { entry: { table: 'ccs', id: 231 } }), references);
      const counts = (await client.connection.sendRequest('capl-ids/entryUseCounts')) as { table: string; id: number; uses: number }[];
      // The two 231s and kChargeLoopRes of the node; the constant's declaration in the include does not count.
      assert.deepEqual(counts.find((count) => count.table === 'ccs' && count.id === 231), { table: 'ccs', id: 231, uses: 3 });
      const coverage = (await client.connection.sendRequest('capl-ids/coverage', {})) as CoverageReport;
      const currentDemand = coverage.groups.flatMap((group) => group.rows.flat()).find((member) => member.entry.table === 'ccs' && member.entry.id === 231);
      assert.equal(currentDemand?.uses, 2, 'the ambiguous 231 is not counted as handling it');
      assert.ok(coverage.tables.includes('ccs') && coverage.handled > 0);
    });

    it('highlights the entry in the document', async () => {
      const highlights = await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri: evse }, position: at(EVSE_TEXT, 'id == 231', 0, 7) });
      assert.deepEqual(highlights, [
        { range: rangeOf(EVSE_TEXT, '231', 0), kind: DocumentHighlightKind.Text },
        { range: rangeOf(EVSE_TEXT, '231', 1), kind: DocumentHighlightKind.Read },
        { range: rangeOf(EVSE_TEXT, 'kChargeLoopRes'), kind: DocumentHighlightKind.Read },
      ]);
    });

    it('finds the references of an ID carrier and highlights its writes and reads', async () => {
      const node = workspace.uri('Charger/EvseNode.can');
      const name = (before: string, occurrence = 0) => {
        const { start } = rangeOf(EVSE_TEXT, before, occurrence);
        return { start, end: { line: start.line, character: start.character + 2 } };
      };
      // `long id = …`, `gLastRxId = id;` and the three comparisons: the local `id` of the fct_called handler.
      const uses = [name('id = $'), name('id;'), name('id == 231'), name('id == 4242'), name('id == kChargeLoopRes')];
      const references = (includeDeclaration: boolean) => client.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri: evse }, position: at(EVSE_TEXT, 'id == 231', 0, 1), context: { includeDeclaration },
      });
      assert.deepEqual(await references(true), uses.map((range) => ({ uri: node, range })));
      assert.deepEqual(await references(false), uses.slice(1).map((range) => ({ uri: node, range })));
      const highlights = await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri: evse }, position: at(EVSE_TEXT, 'gLastRxId = id', 0, 3) });
      assert.deepEqual(highlights, [
        { range: rangeOf(EVSE_TEXT, 'gLastRxId'), kind: DocumentHighlightKind.Write },
        { range: rangeOf(EVSE_TEXT, 'gLastRxId', 1), kind: DocumentHighlightKind.Write },
      ]);
    });

    it('lists the uses of the entries a workspace symbol query names', async () => {
      const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '0xE3' })) as SymbolInformation[];
      assert.deepEqual(symbols.map((symbol) => [symbol.name, symbol.location]), [['CableCheck Res = 227 (0xE3)', { uri: evse, range: rangeOf(EVSE_TEXT, '0xE3') }]]);
    });

    it("renames the user's constant across files, and refuses a number with the reason", async () => {
      const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: evse }, position: at(EVSE_TEXT, 'kChargeLoopRes', 0, 1), newName: 'kLoopRes' });
      assert.deepEqual(edit?.changes, {
        [workspace.uri('Charger/EvseNode.can')]: [{ range: rangeOf(EVSE_TEXT, 'kChargeLoopRes'), newText: 'kLoopRes' }],
        [workspace.uri('Common/ChargeLoop.cin')]: [{ range: rangeOf(included(), 'kChargeLoopRes'), newText: 'kLoopRes' }],
      });
      await assert.rejects(
        client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: evse }, position: at(EVSE_TEXT, '0xE3', 0, 1) }),
        (error: ResponseError<unknown>) => error.code === ErrorCodes.InvalidRequest && /^0xE3 is a number/.test(error.message),
      );
    });
  });

  describe('editing', () => {
    it('follows incremental changes: answers change with the text', async () => {
      const uri = workspace.uri('Charger/Edited.can');
      await client.open(uri, EVSE_TEXT);
      await client.replace(uri, '4242', '0xE5');
      await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// a new first line\n' }]);
      const text = client.document(uri).getText();
      assert.equal(client.document(uri).version, 3);

      assert.match(markdown(await hover(client, uri, at(text, '0xE5', 0, 1))), /^\*\*PreCharge Res\*\* · `229` \(`0xE5`\)/);
      const diagnostics = (await pullDiagnostics(client, uri)).map((d) => summary(text, d));
      assert.deepEqual(diagnostics.map((d) => [d.code, d.text, d.line]), [
        ['magic-number', '0xE3', lineOf(text, '0xE3')],
        ['ambiguous-id', '231', lineOf(text, 'Station')],
        ['magic-number', '231', lineOf(text, 'id == 231')],
        ['magic-number', '0xE5', lineOf(text, 'id == 0xE5')],
      ]);
      assert.equal(diagnostics[0].line, lineOf(EVSE_TEXT, '0xE3') + 1, 'ranges follow the inserted line');
      await client.close(uri);
    });

    it('answers "unchanged" after edits that move no diagnostic, and the full report after edits that move one', async () => {
      const uri = workspace.uri('Charger/Typed.can');
      await client.open(uri, EVSE_TEXT);
      const pull = (previousResultId: string) => client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
      const first = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      assert.equal(first.kind, DocumentDiagnosticReportKind.Full);
      const before = (first as FullDocumentDiagnosticReport).items;

      await client.replace(uri, 'setTimer(tSupervision, 100);', 'setTimer(tSupervision, 150);');
      assert.deepEqual(await pull(first.resultId!), { kind: DocumentDiagnosticReportKind.Unchanged, resultId: first.resultId });
      await client.replace(uri, 'write("charging loop");', 'write("charging loops");');
      assert.deepEqual(await pull(first.resultId!), { kind: DocumentDiagnosticReportKind.Unchanged, resultId: first.resultId });

      await client.replace(uri, 'if (id == 231)', 'if (id ==  231)');
      const moved = await pull(first.resultId!);
      assert.equal(moved.kind, DocumentDiagnosticReportKind.Full);
      assert.notEqual(moved.resultId, first.resultId);
      const text = client.document(uri).getText();
      const after = (moved as FullDocumentDiagnosticReport).items;
      assert.deepEqual(after.map((d) => summary(text, d)).map((d) => [d.code, d.text, d.line]), before.map((d) => summary(EVSE_TEXT, d)).map((d) => [d.code, d.text, d.line]));
      const label = after.find((d) => d.range.start.line === lineOf(text, 'if (id ==  231)'))!;
      assert.equal(label.range.start.character, text.split('\n')[label.range.start.line].indexOf('231'), 'the moved diagnostic is where the literal is now');

      await client.replace(uri, '  gLastRxId = id;', '\n  gLastRxId = id;');
      const lineBreak = await pull(moved.resultId!);
      assert.equal(lineBreak.kind, DocumentDiagnosticReportKind.Full);
      const broken = client.document(uri).getText();
      assert.deepEqual((lineBreak as FullDocumentDiagnosticReport).items.map((d) => summary(broken, d)).map((d) => [d.code, d.text]), after.map((d) => summary(text, d)).map((d) => [d.code, d.text]));
      assert.equal((lineBreak as FullDocumentDiagnosticReport).items.find((d) => summary(broken, d).text === '4242')!.range.start.line, lineOf(broken, 'id == 4242'));
      await client.close(uri);
    });

    it('several changes in one notification (each in the text the one before left): the diagnostics of that text', async () => {
      const uri = workspace.uri('Charger/MultiCursor.can');
      await client.open(uri, EVSE_TEXT);
      await pullDiagnostics(client, uri);
      const topLine = '// two changes at once\n';
      await client.change(uri, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: topLine },
        { range: rangeOf(topLine + EVSE_TEXT, 'if (id == 231)'), text: 'if (id == 0xE5)' },
        { range: rangeOf(topLine + EVSE_TEXT.replace('if (id == 231)', 'if (id == 0xE5)'), 'write("charging loop");'), text: 'write("charging loops");' },
      ]);
      const text = client.document(uri).getText();
      const fresh = workspace.uri('Charger/MultiCursorFresh.can');
      await client.open(fresh, text);
      assert.deepEqual((await pullDiagnostics(client, uri)).map((d) => summary(text, d)), (await pullDiagnostics(client, fresh)).map((d) => summary(text, d)));
      assert.ok((await pullDiagnostics(client, uri)).some((d) => summary(text, d).text === '0xE5'));
      await client.close(fresh);
      await client.close(uri);
    });

    it('offers the preferred quick fix "Replace 231 with ..." that also declares the constant; applying it fixes the text', async () => {
      const uri = workspace.uri('Charger/QuickFix.can');
      await client.open(uri, EVSE_TEXT);
      const diagnostic = (await pullDiagnostics(client, uri)).find((d) => d.code === 'magic-number' && d.range.start.line === lineOf(EVSE_TEXT, 'id == 231'));
      assert.ok(diagnostic, 'the magic number 231 is reported');
      // Asked without `only` (the light bulb): the quick fix; fix-all reads the whole file, so only when asked for.
      const actions = await codeActions(client, uri, diagnostic.range, [diagnostic]);
      assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [
        ['Replace 231 with CCS_ISO2_DC_CURRENT_DEMAND_RES', 'quickfix', true],
      ]);
      assert.deepEqual(actions[0].diagnostics, [diagnostic]);

      assert.deepEqual(await client.applyWorkspaceEdit(actions[0].edit!), { applied: true });
      const expected = EVSE_TEXT
        .replace('id == 231', 'id == CCS_ISO2_DC_CURRENT_DEMAND_RES')
        .replace('variables\n{\n', 'variables\n{\n  const dword CCS_ISO2_DC_CURRENT_DEMAND_RES = 231;\n');
      const text = client.document(uri).getText();
      assert.equal(text, expected);

      const after = (await pullDiagnostics(client, uri)).map((d) => summary(text, d));
      assert.deepEqual(after.map((d) => [d.code, d.text]), [['magic-number', '0xE3'], ['ambiguous-id', '231'], ['unknown-id', '4242']]);
      assert.match(markdown(await hover(client, uri, at(text, 'id == CCS_ISO2', 0, 8))), /^\*\*CurrentDemand Res\*\* · `231` \(`0xE7`\)/);
      await client.close(uri);
    });

    it('offers one quick fix per candidate of an ambiguous ID, none preferred', async () => {
      const diagnostic = (await pullDiagnostics(client, evse)).find((d) => d.code === 'ambiguous-id');
      assert.ok(diagnostic, 'the ambiguous 231 is reported');
      const actions = await codeActions(client, evse, diagnostic.range, [diagnostic], ['quickfix']);
      assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
        ['Replace 231 with CCS_ISO2_DC_CURRENT_DEMAND_RES', false],
        ['Replace 231 with OCPP_GET_15118_EV_CERTIFICATE_RESPONSE_201', false],
      ]);
      const variablesStart = { line: lineOf(EVSE_TEXT, '\nvariables\n{\n') + 3, character: 0 };
      assert.deepEqual(actions[1].edit, {
        changes: {
          [evse]: [
            { range: rangeOf(EVSE_TEXT, '231', 0), newText: 'OCPP_GET_15118_EV_CERTIFICATE_RESPONSE_201' },
            { range: { start: variablesStart, end: variablesStart }, newText: '  const dword OCPP_GET_15118_EV_CERTIFICATE_RESPONSE_201 = 231;\n' },
          ],
        },
      });
    });

    it('fixes all unambiguous IDs with source.fixAll.capl-ids; a second run has nothing left to do', async () => {
      const uri = workspace.uri('Charger/FixAll.can');
      await client.open(uri, EVSE_TEXT);
      const actions = await codeActions(client, uri, wholeDocument(EVSE_TEXT), [], ['source.fixAll.capl-ids']);
      assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all CAPL ID problems', 'source.fixAll.capl-ids']]);
      await client.applyWorkspaceEdit(actions[0].edit!);
      const text = client.document(uri).getText();
      assert.equal(text, EVSE_TEXT
        .replace('SetMessageTimeout(0xE3', 'SetMessageTimeout(CCS_ISO2_DC_CABLE_CHECK_RES')
        .replace('id == 231', 'id == CCS_ISO2_DC_CURRENT_DEMAND_RES')
        .replace('variables\n{\n', 'variables\n{\n  const dword CCS_ISO2_DC_CABLE_CHECK_RES = 227;\n  const dword CCS_ISO2_DC_CURRENT_DEMAND_RES = 231;\n'));

      const remaining = (await pullDiagnostics(client, uri)).map((d) => summary(text, d));
      assert.deepEqual(remaining.map((d) => [d.code, d.text]), [['ambiguous-id', '231'], ['unknown-id', '4242']]);
      assert.deepEqual(await codeActions(client, uri, wholeDocument(text), [], ['source.fixAll.capl-ids']), []);
      await client.close(uri);
    });
  });

  describe('settings', () => {
    afterEach(async () => {
      await client.reconfigure(DEFAULT_SETTINGS, ['workspace/diagnostic/refresh', 'workspace/inlayHint/refresh']);
    });

    it('re-reads capl-ids.* on change, asks the client to refresh, and answers with the new settings', async () => {
      const configurations = client.configurationRequests().length;
      await client.reconfigure(
        { ...DEFAULT_SETTINGS, inlayHints: 'off', diagnostics: { magicNumber: 'warning', severity: { 'ambiguous-id': 'off' } } },
        ['workspace/diagnostic/refresh', 'workspace/inlayHint/refresh'],
      );
      assert.deepEqual(client.configurationRequests().slice(configurations), [{ items: [{ section: 'capl-ids' }] }]);

      assert.deepEqual(await inlayHints(client, evse, wholeDocument(EVSE_TEXT)), []);
      const diagnostics = (await pullDiagnostics(client, evse)).map((d) => summary(EVSE_TEXT, d));
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.text]), [
        ['magic-number', DiagnosticSeverity.Warning, '0xE3'],
        ['magic-number', DiagnosticSeverity.Warning, '231'],
        ['unknown-id', DiagnosticSeverity.Error, '4242'],
      ]);
    });

    it('shows only the ambiguous hints with inlayHints "ambiguousOnly"', async () => {
      await client.reconfigure({ ...DEFAULT_SETTINGS, inlayHints: 'ambiguousOnly' }, ['workspace/inlayHint/refresh']);
      const hints = await inlayHints(client, evse, wholeDocument(EVSE_TEXT));
      assert.deepEqual(hints.map((hint) => [hint.position, hint.label]), [
        [at(EVSE_TEXT, 'Station.SetMessageTimeout(231', 0, 29), 'ambiguous: CurrentDemand Res | Get15118EVCertificateResponse_201'],
      ]);
    });
  });

  describe('workspace', () => {
    it('re-reads an included file when the client reports it changed on disk', async () => {
      const path = join(workspace.root, 'Common', 'ChargeLoop.cin');
      const changed = readFileSync(path, 'utf8').replace('variables\n', '// two lines\n// pushed in\nvariables\n');
      writeFileSync(path, changed);
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: workspace.uri('Common/ChargeLoop.cin'), type: FileChangeType.Changed }] });
      const expected = [{ uri: workspace.uri('Common/ChargeLoop.cin'), range: rangeOf(changed, 'kChargeLoopRes') }];
      const locations = await client.repullUntil(
        'the definition in the changed file',
        () => client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: evse }, position: at(EVSE_TEXT, 'kChargeLoopRes', 0, 3) }),
        (answer) => JSON.stringify(answer) === JSON.stringify(expected),
      );
      assert.deepEqual(locations, expected);
    });

    it('generates the constants include through workspace/applyEdit; quick fixes then include it', async () => {
      const target = workspace.uri('SmartChargingMessageIds.cin');
      const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'capl-ids.generateConstantsFile', arguments: [evse] });
      assert.deepEqual(result, { uri: target });

      const [request] = client.appliedEditRequests();
      assert.equal(request.label, 'Generate CAPL ID constants');
      assert.deepEqual(request.edit.documentChanges?.[0], { kind: 'create', uri: target, options: { overwrite: true } });
      assert.ok(existsSync(join(workspace.root, 'SmartChargingMessageIds.cin')), 'the create operation made the file');
      const generated = client.textOf(target)!;
      assert.equal(generated.slice(0, 45), '/*@!Encoding:1252*/\r\n// Generated by capl-ids', 'encoding header and generated marker');
      assert.ok(generated.includes('\r\nvariables\r\n{\r\n'), 'a variables section');
      assert.ok(generated.includes('\r\n  const dword CCS_ISO2_DC_CURRENT_DEMAND_RES = 231; // CurrentDemand Res\r\n'), 'the CCS constant');
      assert.ok(generated.includes('\r\n  const dword OCPP_AUTHORIZE_REQUEST_16 = 100; // AuthorizeRequest_16\r\n'), 'the OCPP constant');
      assert.equal(generated.slice(-5), '\r\n}\r\n', 'the section is closed');
      assert.ok(!generated.replace(/\r\n/g, '').includes('\n'), 'CRLF line ends only');
      client.save(target);

      const uri = workspace.uri('Charger/AfterGenerate.can');
      await client.open(uri, EVSE_TEXT);
      const diagnostic = (await pullDiagnostics(client, uri)).find((d) => d.code === 'magic-number');
      assert.ok(diagnostic, 'a magic number is reported');
      const [action] = await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix']);
      await client.applyWorkspaceEdit(action.edit!);
      assert.equal(client.document(uri).getText(), EVSE_TEXT
        .replace('SetMessageTimeout(0xE3', 'SetMessageTimeout(CCS_ISO2_DC_CABLE_CHECK_RES')
        .replace('  #include "..\\Common\\ChargeLoop.cin"\n', '  #include "..\\Common\\ChargeLoop.cin"\n  #include "..\\SmartChargingMessageIds.cin"\n'));
      await client.close(uri);
    });
  });

  describe('ending the session', () => {
    it('shuts down and exits with code 0 on shutdown + exit, never having pushed diagnostics to a pull client', async () => {
      assert.equal(await client.shutdown(), 0);
      assert.deepEqual(client.notifications('textDocument/publishDiagnostics'), []);
    });
  });
});

// =================================================================================================

describe('capl-ids server with a client without pull diagnostics, inlay hints or configuration', function () {
  this.timeout(20000);
  let workspace: Workspace;
  let client: LspTestClient;
  let initResult: InitializeResult;
  let evse: string;

  const published = (version: number) => client.waitFor(`diagnostics of version ${version}`, () => client.publishedDiagnostics(evse).find((p) => p.version === version));

  before(async () => {
    workspace = copyWorkspace('workspace');
    evse = workspace.uri(EVSE_NODE);
    client = LspTestClient.start({ applyEdits: 'unsupported' });
    initResult = await client.initialize(initParams(workspace, PUSH_ONLY_CAPABILITIES));
    await client.waitForLog(/^capl-ids: indexed \d+ CAPL files$/);
  });

  after(async () => {
    await client?.dispose();
    if (workspace) rmSync(workspace.root, { recursive: true, force: true });
  });

  it('declares no pull diagnostics to such a client', () => {
    assert.equal(initResult.capabilities.diagnosticProvider, undefined);
  });

  it('pushes the diagnostics of a document after it is opened', async () => {
    await client.open(evse, EVSE_TEXT);
    const params = await published(1);
    assert.deepEqual(params.diagnostics.map((d) => summary(EVSE_TEXT, d)), evseDiagnostics(EVSE_TEXT));
    assert.deepEqual(params.diagnostics.map((d) => [d.source, d.codeDescription?.href]), params.diagnostics.map((d) => ['capl-ids', `${DIAGNOSTICS_DOC}#${d.code}`]));
  });

  it('pushes new diagnostics, tagged with the new version, after a change', async () => {
    await client.replace(evse, '4242', '227');
    const params = await published(2);
    const text = client.document(evse).getText();
    assert.deepEqual(params.diagnostics.map((d) => summary(text, d)).map((d) => [d.code, d.text, d.message.split(':')[0]]), [
      ['magic-number', '0xE3', '0xE3 is CableCheck Res (CCS-Binding)'],
      ['ambiguous-id', '231', '231 is ambiguous'],
      ['magic-number', '231', '231 is CurrentDemand Res (CCS-Binding)'],
      ['magic-number', '227', '227 is CableCheck Res (CCS-Binding)'],
    ]);
  });

  it('takes settings from didChangeConfiguration and pushes again', async () => {
    const count = client.publishedDiagnostics(evse).length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { 'capl-ids': { diagnostics: { magicNumber: 'off' } } } });
    const params = await client.waitFor('diagnostics pushed without magic numbers after the settings change',
      () => client.publishedDiagnostics(evse).slice(count).find((p) => !p.diagnostics.some((d) => d.code === 'magic-number')));
    assert.equal(params.version, 2);
    assert.deepEqual(params.diagnostics.map((d) => d.code), ['ambiguous-id']);
  });

  it('clears the diagnostics of a closed document', async () => {
    const count = client.publishedDiagnostics(evse).length;
    await client.close(evse);
    const params = await client.waitFor('empty diagnostics pushed after close', () => client.publishedDiagnostics(evse).slice(count).find((p) => p.diagnostics.length === 0));
    assert.deepEqual(params.diagnostics, []);
  });

  it('writes the constants include itself when the client cannot apply workspace edits', async () => {
    const target = workspace.uri('SmartChargingMessageIds.cin');
    const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'capl-ids.generateConstantsFile', arguments: [] });
    assert.deepEqual(result, { uri: target });
    const written = readFileSync(join(workspace.root, 'SmartChargingMessageIds.cin'), 'latin1');
    assert.equal(written.slice(0, 45), '/*@!Encoding:1252*/\r\n// Generated by capl-ids', 'encoding header and generated marker');
    assert.ok(written.includes('\r\n  const dword CCS_ISO2_DC_CABLE_CHECK_RES = 227; // CableCheck Res\r\n'), 'the CCS constant');
  });

  it('sends no workspace/applyEdit to a client that did not declare it', () => {
    assert.deepEqual(client.appliedEditRequests(), []);
    assert.deepEqual(client.requests('workspace/applyEdit'), []);
  });

  it('never asks such a client for configuration or refreshes, and exits with code 0', async () => {
    assert.equal(await client.shutdown(), 0);
    assert.deepEqual(client.configurationRequests(), []);
    assert.deepEqual(client.requests('workspace/diagnostic/refresh'), []);
    assert.deepEqual(client.requests('workspace/inlayHint/refresh'), []);
  });
});

// =================================================================================================

describe('capl-ids server with a client that fails the requests it is sent', function () {
  this.timeout(20000);
  let workspace: Workspace;
  let client: LspTestClient;
  let evse: string;

  before(async () => {
    workspace = copyWorkspace('workspace');
    evse = workspace.uri(EVSE_NODE);
    writeFileSync(join(workspace.root, 'SmartChargingMessageIds.cin'), '// not generated by capl-ids\n');
    client = LspTestClient.start({
      settings: DEFAULT_SETTINGS,
      failRequests: ['client/registerCapability', 'workspace/diagnostic/refresh', 'workspace/inlayHint/refresh', 'window/showMessageRequest'],
    });
    await client.initialize(initParams(workspace));
    await client.waitForLog(/^capl-ids: indexed \d+ CAPL files$/);
    await client.open(evse, EVSE_TEXT);
  });

  after(async () => {
    await client?.dispose();
    if (workspace) rmSync(workspace.root, { recursive: true, force: true });
  });

  it('keeps serving after failed registerCapability and refresh requests', async () => {
    assert.equal(client.registrations().length, 1, 'the watcher registration was asked for (and failed)');
    await client.waitForLog(/^capl-ids: the client failed client\/registerCapability \(client\/registerCapability failed in the test client\)$/);
    await client.reconfigure({ ...DEFAULT_SETTINGS, inlayHints: 'ambiguousOnly' }, ['workspace/diagnostic/refresh', 'workspace/inlayHint/refresh']);
    assert.deepEqual((await inlayHints(client, evse, wholeDocument(EVSE_TEXT))).map((hint) => hint.label), ['ambiguous: CurrentDemand Res | Get15118EVCertificateResponse_201']);
    assert.match(markdown(await hover(client, evse, at(EVSE_TEXT, '0xE3'))), /\*\*CableCheck Res\*\*/);
    assert.equal(client.exited, undefined, 'the server still runs');
  });

  it('keeps serving after the client fails the error message box of the constants command', async () => {
    const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'capl-ids.generateConstantsFile', arguments: [] });
    assert.match((result as { error: string }).error, /exists and was not generated by capl-ids; it was left untouched\.$/);
    assert.match(markdown(await hover(client, evse, at(EVSE_TEXT, '0xE3'))), /\*\*CableCheck Res\*\*/);
    assert.equal(client.exited, undefined, 'the server still runs');
  });

  it('still shuts down cleanly (exit code 0)', async () => {
    assert.equal(await client.shutdown(), 0);
    assert.equal(client.stderr, '');
  });
});

// =================================================================================================

describe('capl-ids server facing protocol and workspace faults', function () {
  this.timeout(20000);
  const INVALID_SETTINGS = { inlayHints: 'sometimes', node: 'truck', diagnostics: { magicNumber: 'loud' } };
  let workspace: Workspace;
  let client: LspTestClient;
  let cycle: string;
  let cycleText: string;

  before(async () => {
    workspace = copyWorkspace('faults');
    // Unreadable CAPL files: a link to nothing, and (unless root, who reads anything) a mode-000 file.
    symlinkSync(join(workspace.root, 'does-not-exist.cin'), join(workspace.root, 'Broken.cin'));
    if (!runsAsRoot) {
      writeFileSync(join(workspace.root, 'Locked.cin'), 'variables { }\n');
      chmodSync(join(workspace.root, 'Locked.cin'), 0o000);
    }
    writeFileSync(join(workspace.root, 'SmartChargingMessageIds.cin'), '// my own IDs, not generated\r\nvariables\r\n{\r\n  const dword MY_ID = 1;\r\n}\r\n');
    cycle = workspace.uri('Cycle.can');
    cycleText = readFileSync(join(workspace.root, 'Cycle.can'), 'utf8');
    client = LspTestClient.start({ settings: INVALID_SETTINGS });
    await client.initialize(initParams(workspace));
    await client.waitForLog(/^capl-ids: indexed \d+ CAPL files$/);
    await client.open(cycle, cycleText);
  });

  after(async () => {
    await client?.dispose();
    if (workspace) rmSync(workspace.root, { recursive: true, force: true });
  });

  describe('settings', () => {
    it('logs invalid settings once, in one clear line naming each invalid value', () => {
      const lines = client.logs().filter((log) => /settings/.test(log.message));
      assert.deepEqual(lines, [{
        type: MessageType.Warning,
        message: 'capl-ids: settings.node: invalid value "truck", using the default; settings.inlayHints: invalid value "sometimes", using the default; '
          + 'settings.diagnostics.magicNumber: invalid value "loud", using the default',
      }]);
    });

    it('falls back to the defaults for invalid values (hints on, magic numbers as hints)', async () => {
      const hints = await inlayHints(client, cycle, wholeDocument(cycleText));
      assert.deepEqual(hints.map((hint) => hint.label), ['CableCheck Res']);
      const diagnostics = await pullDiagnostics(client, cycle);
      assert.deepEqual(diagnostics.map((d) => summary(cycleText, d)).map((d) => [d.code, d.severity, d.text]), [['magic-number', DiagnosticSeverity.Hint, '0xE3']]);
    });

    it('uses the defaults with one warning when the client fails the configuration request', async () => {
      await client.reconfigure({ inlayHints: 'off' }, ['workspace/inlayHint/refresh']);
      assert.deepEqual(await inlayHints(client, cycle, wholeDocument(cycleText)), [], 'valid settings first');

      const warnings = client.logs().length;
      await client.reconfigure(new ResponseError(ErrorCodes.InternalError, 'configuration store unavailable'));
      const log = await client.waitFor('a warning after the failed configuration request', () => client.logs()[warnings]);
      assert.deepEqual(log, { type: MessageType.Warning, message: 'capl-ids: cannot read the settings (configuration store unavailable); using the defaults' });
      assert.deepEqual((await inlayHints(client, cycle, wholeDocument(cycleText))).map((hint) => hint.label), ['CableCheck Res']);
    });

    it('takes missing settings (null) silently as the defaults', async () => {
      const logs = client.logs().length;
      await client.reconfigure(null, ['workspace/diagnostic/refresh', 'workspace/inlayHint/refresh']);
      // The server logs while it reads the answer, before it answers this later request.
      assert.deepEqual((await pullDiagnostics(client, cycle)).map((d) => [d.code, d.severity]), [['magic-number', DiagnosticSeverity.Hint]]);
      assert.deepEqual(client.logs().slice(logs), []);
    });
  });

  describe('workspace', () => {
    it('indexes around unreadable files and says which ones it skipped', () => {
      const broken = client.logs().find((log) => log.message.includes('Broken.cin'));
      assert.ok(broken, 'the unreadable file is named in the log');
      assert.match(broken.message, /^capl-ids: cannot read \/.*\/Broken\.cin: ENOENT/);
      if (!runsAsRoot) {
        const locked = client.logs().find((log) => log.message.includes('Locked.cin'));
        assert.ok(locked, 'the mode-000 file is named in the log');
        assert.match(locked.message, /^capl-ids: cannot read \/.*\/Locked\.cin: EACCES/);
      }
      assert.ok(client.logs().some((log) => log.message === 'capl-ids: indexed 3 CAPL files'), 'Cycle.can, CycleB.cin and SmartChargingMessageIds.cin');
    });

    it('answers across an include cycle and a missing include', async () => {
      const cycleB = readFileSync(join(workspace.root, 'CycleB.cin'), 'utf8');
      const locations = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: cycle }, position: at(cycleText, 'kFromCycleB', 0, 2) });
      assert.deepEqual(locations, [{ uri: workspace.uri('CycleB.cin'), range: rangeOf(cycleB, 'kFromCycleB') }]);
      assert.match(markdown(await hover(client, cycle, at(cycleText, '0xE3'))), /\*\*CableCheck Res\*\* · `227` \(`0xE3`\)/);

      const list = await complete(client, cycle, at(cycleText, '0xE3', 0, 4));
      const item = list.items.find((candidate) => candidate.label === 'CCS_ISO2_DC_CABLE_CHECK_RES');
      assert.ok(item, 'CableCheck Res is offered');
      // The user's SmartChargingMessageIds.cin is not the generated include: the constant gets declared.
      assert.deepEqual(item.additionalTextEdits?.map((edit) => edit.newText), ['variables\n{\n  const dword CCS_ISO2_DC_CABLE_CHECK_RES = 227;\n}\n\n']);
    });

    it('refuses to overwrite a file of the constants file name that it did not generate', async () => {
      const path = join(workspace.root, 'SmartChargingMessageIds.cin');
      const before = readFileSync(path);
      const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'capl-ids.generateConstantsFile', arguments: [cycle] });
      const message = `capl-ids: ${path} exists and was not generated by capl-ids; it was left untouched.`;
      assert.deepEqual(result, { error: message });
      assert.deepEqual(client.shownMessages(), [{ type: MessageType.Error, message }]);
      assert.deepEqual(client.appliedEditRequests(), []);
      assert.deepEqual(readFileSync(path), before);
    });
  });

  describe('protocol', () => {
    const unknown = 'file:///nowhere/Unknown.can';
    const somewhere = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };

    for (const [name, uri] of [['an unknown document', unknown], ['a closed document', 'closed']] as const) {
      it(`answers requests for ${name} with empty results`, async () => {
        let target: string = uri;
        if (uri === 'closed') {
          target = workspace.uri('CycleB.cin');
          await client.open(target, readFileSync(join(workspace.root, 'CycleB.cin'), 'utf8'));
          await client.close(target);
        }
        const textDocument = { uri: target };
        const position = { line: 1, character: 2 };
        assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument, position }), null);
        assert.deepEqual(await client.connection.sendRequest(CompletionRequest.type, { textDocument, position }), { isIncomplete: false, items: [] });
        assert.deepEqual(await client.connection.sendRequest(InlayHintRequest.type, { textDocument, range: somewhere }), []);
        assert.deepEqual(await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument }), { kind: 'full', items: [] });
        assert.deepEqual(await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: somewhere, context: { diagnostics: [] } }), []);
        assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }), []);
        assert.deepEqual(await client.connection.sendRequest(DefinitionRequest.type, { textDocument, position }), []);
        assert.equal(await client.connection.sendRequest('capl-ids/fileContext', { textDocument }), null);
        assert.deepEqual(await client.connection.sendRequest('capl-ids/entryUses', { textDocument, entry: { table: 'ccs', id: 227 } }), []);
      });
    }

    it('answers positions and ranges past the end of the document', async () => {
      const lastLine = cycleText.split('\n').length - 1;
      assert.equal(await hover(client, cycle, { line: lastLine + 50, character: 0 }), null);
      assert.equal(await hover(client, cycle, { line: lineOf(cycleText, '0xE3'), character: 500 }), null);
      const beyond = { start: { line: 0, character: 0 }, end: { line: lastLine + 1000, character: 9999 } };
      assert.deepEqual(await inlayHints(client, cycle, beyond), await inlayHints(client, cycle, wholeDocument(cycleText)));
      assert.deepEqual((await inlayHints(client, cycle, beyond)).map((hint) => hint.label), ['CableCheck Res']);
      assert.deepEqual(await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: cycle }, position: { line: lastLine + 3, character: 4 } }), []);
      const list = await complete(client, cycle, { line: lastLine + 3, character: 4 });
      assert.deepEqual(['OCPP_AUTHORIZE_REQUEST_16', 'CCS_ISO2_DC_CABLE_CHECK_RES'].filter((label) => list.items.some((item) => item.label === label)), ['OCPP_AUTHORIZE_REQUEST_16', 'CCS_ISO2_DC_CABLE_CHECK_RES']);
    });

    it('does not describe a literal that moved when resolving an inlay hint of an older version', async () => {
      const uri = workspace.uri('Stale.can');
      await client.open(uri, cycleText);
      const [hint] = await inlayHints(client, uri, wholeDocument(cycleText));
      assert.equal(hint.label, 'CableCheck Res');
      await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// shifted\n' }]);
      const resolved = await client.connection.sendRequest(InlayHintResolveRequest.type, hint);
      assert.deepEqual(resolved, hint, 'returned as it was, without a tooltip');

      const text = client.document(uri).getText();
      const [fresh] = await inlayHints(client, uri, wholeDocument(text));
      assert.deepEqual(fresh.position, at(text, '0xE3', 0, 4));
      const resolvedFresh = await client.connection.sendRequest(InlayHintResolveRequest.type, fresh);
      assert.match((resolvedFresh.tooltip as MarkupContent).value, /\*\*CableCheck Res\*\*/);
      await client.close(uri);
    });

    it('never offers a quick fix that would replace text other than the literal of a stale diagnostic', async () => {
      const uri = workspace.uri('StaleFix.can');
      await client.open(uri, cycleText);
      const [diagnostic] = await pullDiagnostics(client, uri);
      assert.equal(diagnostic.code, 'magic-number');
      // The user inserts text before the literal on its line; the client still holds the old diagnostic.
      await client.change(uri, [{ range: { start: diagnostic.range.start, end: diagnostic.range.start }, text: '0x00 + ' }]);
      const actions = await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix']);
      const text = client.document(uri).getText();
      const document = client.document(uri);
      for (const action of actions) {
        for (const edit of action.edit?.changes?.[uri] ?? []) {
          if (edit.newText !== 'CCS_ISO2_DC_CABLE_CHECK_RES') continue;
          assert.equal(text.slice(document.offsetAt(edit.range.start), document.offsetAt(edit.range.end)), '0xE3', 'the fix replaces the literal, nothing else');
        }
      }
      await client.close(uri);
    });

    it('answers a cancelled request once (result or RequestCancelled) and keeps serving', async () => {
      const params = { textDocument: { uri: cycle }, position: at(cycleText, '0xE3', 0, 1) };
      const outcome = await client.sendCancelledRequest<Hover | null>(HoverRequest.method, params).then(
        (value) => ({ value }),
        (error: ResponseError<unknown>) => ({ error }),
      );
      if ('error' in outcome) assert.ok([LSPErrorCodes.RequestCancelled, LSPErrorCodes.ServerCancelled].includes(outcome.error.code), outcome.error.message);
      else assert.match(markdown(outcome.value), /\*\*CableCheck Res\*\*/);
      assert.match(markdown(await hover(client, cycle, params.position)), /\*\*CableCheck Res\*\*/);
    });
  });

  describe('ending the session', () => {
    it('exits with code 0 on shutdown + exit after all of that', async () => {
      assert.equal(await client.shutdown(), 0);
      assert.equal(client.stderr, '');
    });
  });
});
