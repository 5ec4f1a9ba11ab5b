/**
 * Marker helpers for the data-driven tests of the pure service.
 *
 * - `⟦` `⟧` around a piece of text marks a span: in context tests the literals that are
 *   message IDs (every other literal is asserted NOT to be one), in feature tests the exact
 *   range a result must have.
 * - `|` (feature tests only, `cursor: true`) marks the cursor position. It is taken only when
 *   it is not part of `||`, so tests stay free to write CAPL's logical or.
 */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { analyzeFile, analyzeFiles } from '../../server/src/service/analysis/analyzeFile';
import type { FileAnalysis, IdLiteral, IdSource } from '../../server/src/service/analysis/types';
import { CaplLanguageService } from '../../server/src/service/languageService';
import { readSettings, type Settings } from '../../server/src/service/settings';
import { WorkspaceIndex } from '../../server/src/service/workspace/workspaceIndex';

export const OPEN = '⟦';
export const CLOSE = '⟧';
export const CURSOR = '|';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Marked {
  /** The text without any marker. */
  readonly text: string;
  /** The marked spans, in order, as offsets into `text`. */
  readonly spans: readonly Span[];
  /** The cursor offset, when asked for and present. */
  readonly cursor: number | undefined;
}

/** Strips `⟦ ⟧` (and, with `cursor`, one lone `|`) and reports where they were. */
export function parseMarkers(marked: string, { cursor = false }: { cursor?: boolean } = {}): Marked {
  let text = '';
  const spans: Span[] = [];
  let open: number | undefined;
  let at: number | undefined;
  for (let i = 0; i < marked.length; i++) {
    const char = marked[i];
    if (char === OPEN) {
      assert.equal(open, undefined, `nested ${OPEN} in ${JSON.stringify(marked)}`);
      open = text.length;
    } else if (char === CLOSE) {
      assert.notEqual(open, undefined, `${CLOSE} without ${OPEN} in ${JSON.stringify(marked)}`);
      spans.push({ start: open!, end: text.length });
      open = undefined;
    } else if (cursor && char === CURSOR && marked[i + 1] !== CURSOR && marked[i - 1] !== CURSOR) {
      assert.equal(at, undefined, `two cursors in ${JSON.stringify(marked)}`);
      at = text.length;
    } else {
      text += char;
    }
  }
  assert.equal(open, undefined, `unclosed ${OPEN} in ${JSON.stringify(marked)}`);
  if (cursor) assert.notEqual(at, undefined, `no cursor ${CURSOR} in ${JSON.stringify(marked)}`);
  return { text, spans, cursor: at };
}

/** Full settings from a partial JSON object, asserting it is valid. */
export function settingsOf(raw: Record<string, unknown> = {}): Settings {
  const { settings, problems } = readSettings(raw);
  assert.deepEqual(problems, [], 'test settings must be valid');
  return settings;
}

/**
 * How an ID literal reads in expectations: `table:CONSTANT` per candidate table, joined by
 * ` | ` when the context leaves several; `table:?` when the number has no entry there.
 * E.g. `modeling:SCC_SERVICE_DISCOVERY_RES`,
 * `ccs:CCS_DIN_70121_SESSION_SETUP_REQ | ocpp:OCPP_AUTHORIZE_REQUEST_16`, `ccs:?`.
 */
export function describeId(id: IdLiteral): string {
  return id.tables
    .map((table) => {
      const entry = id.entries.find((e) => e.table === table);
      return `${table}:${entry ? entry.constant : '?'}`;
    })
    .join(' | ');
}

/** `"<literal>" @<offset> → <describeId>` for each ID, in text order. */
function listIds(text: string, ids: readonly { start: number; end: number; render: string }[]): string[] {
  return ids.map((id) => `${JSON.stringify(text.slice(id.start, id.end))} @${id.start} → ${id.render}`);
}

export interface ContextOptions {
  /** Partial settings (see settings.ts). */
  readonly settings?: Record<string, unknown>;
  /** The file's path or URI (its name hints at the node role); a neutral one by default. */
  readonly path?: string;
}

export const NEUTRAL_PATH = 'file:///c%3A/proj/Node.can';

export type IdCase = [description: string, source: string, expected: string[], options?: ContextOptions];

/** One `it` per row, each a checkIds. */
export function idCases(rows: readonly IdCase[]): void {
  for (const [description, source, expected, options] of rows) it(description, () => void checkIds(source, expected, options));
}

/** A modeling-library callback's header and a CCS object's received ID, as the cases write them. */
export const RX = 'SCC_MessageRxInd(byte SessionID[], dword MessageID)';
export const LATEST_RX = '$EVSE.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId';

/**
 * Asserts that exactly the marked literals of `source` are IDs, each described by the
 * matching string of `expected` (see describeId). Returns the analysis for further checks.
 */
export function checkIds(source: string, expected: readonly string[], options: ContextOptions = {}): FileAnalysis {
  const { text, spans } = parseMarkers(source);
  assert.equal(spans.length, expected.length, `the case marks ${spans.length} literal(s) but expects ${expected.length}`);
  const analysis = analyzeFile({ text, path: options.path ?? NEUTRAL_PATH }, settingsOf(options.settings));
  compareIds(text, analysis, spans, expected);
  return analysis;
}

/** Like checkIds for files analysed together (system variables, function parameters across files). */
export function checkFiles(
  files: readonly { readonly path: string; readonly source: string; readonly expected: readonly string[] }[],
  options: Pick<ContextOptions, 'settings'> = {},
): FileAnalysis[] {
  const parsed = files.map((file) => ({ ...file, ...parseMarkers(file.source) }));
  const analyses = analyzeFiles(parsed.map((file) => ({ text: file.text, path: file.path })), settingsOf(options.settings));
  parsed.forEach((file, i) => compareIds(file.text, analyses[i], file.spans, file.expected, file.path));
  return analyses;
}

function compareIds(text: string, analysis: FileAnalysis, spans: readonly Span[], expected: readonly string[], label = ''): void {
  const actual = listIds(text, analysis.ids.map((id) => ({ start: id.start, end: id.end, render: describeId(id) })));
  const wanted = listIds(text, spans.map((span, i) => ({ ...span, render: expected[i] })));
  assert.deepEqual(actual, wanted, `${label}\n${text}`);
  assert.deepEqual(analysis.ids.map((id) => id.text), analysis.ids.map((id) => text.slice(id.start, id.end)), 'each ID as written');
}

/** A cursor-marked document for the feature tests. */
export function documentAt(marked: string, uri = EV_URI): { document: TextDocument; position: Position; spans: readonly Span[]; text: string } {
  const { text, spans, cursor } = parseMarkers(marked, { cursor: true });
  const document = TextDocument.create(uri, 'capl', 1, text);
  return { document, position: document.positionAt(cursor!), spans, text };
}

/** A span-marked document (no cursor). */
export function markedDocument(marked: string, uri = EV_URI): { document: TextDocument; spans: readonly Span[]; text: string } {
  const { text, spans } = parseMarkers(marked);
  return { document: TextDocument.create(uri, 'capl', 1, text), spans, text };
}

export const EV_URI = 'file:///c%3A/proj/EV/Node.can';

export function rangeOf(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

/** The document's text after applying `edits`. */
export function applyEdits(document: TextDocument, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(document, [...edits]);
}

export const CONSTANTS_URI = 'file:///c%3A/proj/Common/SmartChargingMessageIds.cin';

/**
 * A language service over a fresh workspace index with the given settings and extra
 * indexed files (e.g. the generated constants include at CONSTANTS_URI).
 */
export function languageService(
  settings: Record<string, unknown> = {},
  files: readonly { readonly uri: string; readonly text: string }[] = [],
): CaplLanguageService {
  const index = new WorkspaceIndex();
  index.setSettings(settingsOf(settings));
  for (const file of files) index.setFile(file.uri, file.text, 1);
  return new CaplLanguageService(index);
}

/** `service` once it holds `documents` (as the server syncs a document before its requests). */
export function synced(service: CaplLanguageService, ...documents: TextDocument[]): CaplLanguageService {
  for (const document of documents) service.updateDocument(document);
  return service;
}

/**
 * An analysis as the features read it, in a form deepStrictEqual compares: the fields of
 * literals and sources read one by one (reasons and whys are written out when read), maps
 * sorted.
 */
export function comparableAnalysis(analysis: FileAnalysis): unknown {
  const { silencedLines } = analysis;
  const source = ({ tables, why }: IdSource) => ({ tables, why });
  const withSource = <T extends { readonly source: IdSource }>(item: T) => ({ ...item, source: source(item.source) });
  return {
    ...analysis,
    ids: analysis.ids.map(({ start, end, text, value, tables, entries, rule, reason }) => ({ start, end, text, value, tables, entries, rule, reason })),
    idExpressions: analysis.idExpressions.map(withSource),
    slots: analysis.slots.map(withSource),
    silencedLines: [...silencedLines].sort(([a], [b]) => a - b),
  };
}
