/**
 * Shared machinery of the fuzz suite (test/fuzz): how many cases to run, the statistics it
 * prints at the end (cases, largest input, slowest single request), and the well-formedness
 * checks every language-service answer must pass whatever the input.
 *
 * FUZZ_RUNS=<n> scales the number of cases of every property (default: a bounded CI run);
 * FUZZ_SEED=<n> replays a run (fast-check prints the seed and path of any failure).
 */
import { strict as assert } from 'node:assert';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover, InlayHint, Location, Position, Range, TextEdit,
} from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/service/analysis/analyzeFile';
import type { FileAnalysis } from '../../server/src/service/analysis/types';
import { DIAGNOSTIC_CODES } from '../../server/src/service/features/diagnosticCodes';
import { SOURCE } from '../../server/src/service/features/diagnostics';
import { CaplLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/service/settings';
import type { Outline, Span } from '../../server/src/service/syntax/outline';
import { parseCapl } from '../../server/src/service/syntax/parse';
import { integerValue, scan } from '../../server/src/service/syntax/scanner';
import { TokenKind, type Token } from '../../server/src/service/syntax/tokens';
import { WorkspaceIndex } from '../../server/src/service/workspace/workspaceIndex';

// ---- run size ------------------------------------------------------------------------------

const requestedRuns = Number(process.env.FUZZ_RUNS);
/** Multiplier of the default case counts: FUZZ_RUNS is the number of cases of a default-100 property. */
const scale = Number.isFinite(requestedRuns) && requestedRuns > 0 ? requestedRuns / 100 : 1;

/** The number of cases for a property whose bounded (CI) default is `ciRuns`. */
export function runs(ciRuns: number): number {
  return Math.max(1, Math.round(ciRuns * scale));
}

const seed = Number(process.env.FUZZ_SEED);

/** fast-check parameters: the case count, plus the seed when one is given to replay a run. */
export function fcParams<T>(ciRuns: number): fc.Parameters<T> {
  return { numRuns: runs(ciRuns), ...(Number.isInteger(seed) ? { seed } : {}) };
}

/** Mocha timeout for a property: generous, and growing with the run size. */
export function fuzzTimeout(ciMilliseconds: number): number {
  return Math.round(Math.max(ciMilliseconds, ciMilliseconds * scale));
}

// ---- statistics ----------------------------------------------------------------------------

interface Stats {
  cases: number;
  requests: number;
  largest: { size: number; what: string };
  slowest: { ms: number; what: string; size: number };
  /** Total milliseconds per request kind (the label before its parenthesis). */
  totals: Map<string, number>;
}

export const stats: Stats = { cases: 0, requests: 0, largest: { size: 0, what: '' }, slowest: { ms: 0, what: '', size: 0 }, totals: new Map() };

/** Counts one generated input (its size in UTF-16 units or bytes). */
export function noteCase(what: string, size: number): void {
  stats.cases++;
  noteInput(what, size);
}

export function noteInput(what: string, size: number): void {
  if (size > stats.largest.size) stats.largest = { size, what };
}

/** Runs one request and records its duration; exceptions propagate (they are failures). */
export function timed<T>(what: string, size: number, request: () => T): T {
  const start = performance.now();
  try {
    return request();
  } finally {
    const ms = performance.now() - start;
    stats.requests++;
    const kind = what.replace(/ \(.*$/, '');
    stats.totals.set(kind, (stats.totals.get(kind) ?? 0) + ms);
    if (ms > stats.slowest.ms) stats.slowest = { ms, what, size };
  }
}

export function formatStats(): string {
  const { cases, requests, largest, slowest } = stats;
  return [
    `fuzz: ${cases} generated cases, ${requests} timed requests`,
    `fuzz: largest input ${largest.size.toLocaleString('en')} units (${largest.what})`,
    `fuzz: slowest single request ${slowest.ms.toFixed(1)} ms (${slowest.what}, input of ${slowest.size.toLocaleString('en')} units)`,
  ].join('\n');
}

/** Where the time went, per request kind (FUZZ_VERBOSE=1). */
export function formatTotals(): string {
  return [...stats.totals].sort((a, b) => b[1] - a[1]).map(([kind, ms]) => `  ${kind}: ${ms.toFixed(0)} ms`).join('\n');
}

let printed = false;
if (typeof after === 'function') {
  // A root hook: printed once, after every fuzz file has run.
  after(() => {
    if (printed || stats.requests === 0) return;
    printed = true;
    process.stdout.write(`\n${formatStats()}\n`);
    if (process.env.FUZZ_VERBOSE) process.stdout.write(`${formatTotals()}\n`);
  });
}

// ---- documents -----------------------------------------------------------------------------

export const URIS = [
  'file:///c%3A/proj/EV/Node.can',
  'file:///c%3A/proj/EVSE/Charger.can',
  'file:///c%3A/proj/Common/Shared.cin',
  'file:///home/user/capl/OcppChargePointTest.can',
  'untitled:Untitled-1',
] as const;

export function serviceWith(settings: Settings = DEFAULT_SETTINGS, files: readonly { uri: string; text: string }[] = []): CaplLanguageService {
  const index = new WorkspaceIndex();
  index.setSettings(settings);
  for (const file of files) index.setFile(file.uri, file.text, 1);
  return new CaplLanguageService(index);
}

// ---- well-formedness -----------------------------------------------------------------------

/** assert.ok whose message is built only on failure (the checks run millions of times on big inputs). */
export function check(condition: unknown, message: () => string): asserts condition {
  if (!condition) assert.fail(message());
}

/** A position the document really has: canonical (offsetAt/positionAt round-trip) and so inside it. */
export function assertPosition(document: TextDocument, position: Position, what: string): void {
  check(Number.isInteger(position.line) && Number.isInteger(position.character), () => `${what}: non-integer position ${JSON.stringify(position)}`);
  const canonical = document.positionAt(document.offsetAt(position));
  check(canonical.line === position.line && canonical.character === position.character, () => `${what}: position ${JSON.stringify(position)} is not inside the document`);
}

export function assertRange(document: TextDocument, range: Range, what: string): void {
  assertPosition(document, range.start, `${what} start`);
  assertPosition(document, range.end, `${what} end`);
  check(document.offsetAt(range.start) <= document.offsetAt(range.end), () => `${what}: range ${JSON.stringify(range)} ends before it starts`);
}

function contains(document: TextDocument, outer: Range, inner: Range): boolean {
  return document.offsetAt(outer.start) <= document.offsetAt(inner.start) && document.offsetAt(inner.end) <= document.offsetAt(outer.end);
}

function containsPosition(document: TextDocument, range: Range, position: Position): boolean {
  const offset = document.offsetAt(position);
  return document.offsetAt(range.start) <= offset && offset <= document.offsetAt(range.end);
}

/** Spans inside [0, length], non-empty when asked, sorted by start and (when asked) non-overlapping. */
export function assertSpans(spans: readonly Span[], length: number, what: string, { disjoint = true, nonEmpty = false } = {}): void {
  let previous: Span | undefined;
  for (const span of spans) {
    check(Number.isInteger(span.start) && Number.isInteger(span.end), () => `${what}: non-integer span ${JSON.stringify(span)}`);
    check(0 <= span.start && span.start <= span.end && span.end <= length, () => `${what}: span ${JSON.stringify(span)} outside [0, ${length}]`);
    if (nonEmpty) check(span.start < span.end, () => `${what}: empty span ${JSON.stringify(span)}`);
    if (previous) {
      check(previous.start <= span.start, () => `${what}: not sorted: ${JSON.stringify(previous)} before ${JSON.stringify(span)}`);
      if (disjoint) check(previous.end <= span.start, () => `${what}: ${JSON.stringify(previous)} overlaps ${JSON.stringify(span)}`);
    }
    previous = span;
  }
}

function isWhitespaceCode(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** The scanner's contract: sorted, disjoint, non-empty tokens; only whitespace (and a leading BOM) between them. */
export function assertTokens(text: string, tokens: readonly Token[], start = 0, end = text.length): void {
  assertSpans(tokens, text.length, 'tokens', { nonEmpty: true });
  let at = start;
  if (at === 0 && text.charCodeAt(0) === 0xfeff) at = 1;
  for (const token of tokens) {
    check(token.start >= start && token.end <= end, () => `token ${JSON.stringify(token)} outside the scanned range [${start}, ${end})`);
    check(token.kind in TokenKind, () => `unknown token kind ${token.kind}`);
    for (let i = at; i < token.start; i++) {
      check(isWhitespaceCode(text.charCodeAt(i)), () => `character ${JSON.stringify(text[i])} at ${i} belongs to no token`);
    }
    at = token.end;
  }
  for (let i = at; i < end; i++) check(isWhitespaceCode(text.charCodeAt(i)), () => `character ${JSON.stringify(text[i])} at ${i} after the last token`);
}

export function assertOutline(text: string, outline: Outline): void {
  const length = text.length;
  const inside = (span: Span, what: string) =>
    check(0 <= span.start && span.start <= span.end && span.end <= length, () => `${what}: ${JSON.stringify(span)} outside the text`);
  for (const section of outline.sections) {
    inside(section, 'section');
    check(section.start <= section.openBrace && section.openBrace <= section.closeBrace && section.closeBrace <= section.end, () => `section braces ${JSON.stringify(section)}`);
  }
  for (const include of outline.includes) {
    inside(include, 'include');
    inside(include.pathSpan, 'include path');
  }
  for (const procedure of outline.procedures) {
    inside(procedure, 'procedure');
    inside(procedure.nameSpan, 'procedure name');
    check(procedure.bodyOpen <= procedure.bodyClose && procedure.bodyClose <= length, () => `procedure body ${procedure.bodyOpen}-${procedure.bodyClose}`);
    for (const parameter of procedure.parameters) inside(parameter.nameSpan, 'parameter');
  }
  for (const declaration of outline.enums) {
    inside(declaration, 'enum');
    for (const member of declaration.members) {
      inside(member.nameSpan, 'enum member');
      if (member.valueSpan) inside(member.valueSpan, 'enum member value');
    }
  }
  for (const global of outline.globals) {
    inside(global, 'global');
    inside(global.nameSpan, 'global name');
  }
  assertSpans(outline.procedures, length, 'procedures');
}

/** IDs sorted and disjoint, each a written integer literal whose value is the ID's value. */
export function assertAnalysis(text: string, analysis: FileAnalysis): void {
  assertSpans(analysis.ids, text.length, 'IDs', { nonEmpty: true });
  assertSpans(analysis.slots, text.length, 'slots', { disjoint: false });
  for (const id of analysis.ids) {
    check(text.slice(id.start, id.end) === id.text, () => `ID text ${JSON.stringify(id.text)} is not the text at ${id.start}`);
    check(id.tables.length > 0, () => `ID ${id.text} at ${id.start} has no table`);
    // Enum member values may be signed (`-1`, `- 1`): the value is the last token's.
    const code = scan(id.text).filter((token) => token.kind !== TokenKind.LineComment && token.kind !== TokenKind.BlockComment);
    const last = code[code.length - 1];
    const written = last && last.kind === TokenKind.Number ? integerValue(id.text.slice(last.start, last.end)) : undefined;
    check(written !== undefined, () => `ID ${JSON.stringify(id.text)} at ${id.start} is no integer literal`);
    check(Math.abs(id.value) === written, () => `ID ${id.text} has value ${id.value}`);
    for (const entry of id.entries) check(id.tables.includes(entry.table) && entry.id === id.value, () => `ID ${id.text}: entry ${entry.constant} does not fit`);
  }
}

function assertEdits(document: TextDocument, edits: readonly TextEdit[], what: string): void {
  const spans = edits.map((edit) => {
    assertRange(document, edit.range, what);
    assert.equal(typeof edit.newText, 'string', `${what}: newText`);
    return { start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end) };
  });
  // LSP: the edits of one change never overlap (insertions at one offset are fine).
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    check(sorted[i - 1].end <= sorted[i].start, () => `${what}: edits ${JSON.stringify(sorted[i - 1])} and ${JSON.stringify(sorted[i])} overlap`);
  }
}

function actionEdits(action: CodeAction, uri: string): TextEdit[] {
  const changes = action.edit?.changes ?? {};
  for (const key of Object.keys(changes)) assert.equal(key, uri, `code action "${action.title}" edits another document`);
  return changes[uri] ?? [];
}

function assertSymbols(document: TextDocument, symbols: readonly DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const symbol of symbols) {
    assert.ok(symbol.name.length > 0 || symbol.kind !== undefined, 'symbol without name');
    assertRange(document, symbol.range, `symbol ${symbol.name} range`);
    assertRange(document, symbol.selectionRange, `symbol ${symbol.name} selectionRange`);
    // VS Code rejects a symbol whose selectionRange is not inside its range.
    check(contains(document, symbol.range, symbol.selectionRange), () => `symbol ${JSON.stringify(symbol.name)}: selectionRange outside its range`);
    if (parent) check(contains(document, parent.range, symbol.range), () => `symbol ${JSON.stringify(symbol.name)} outside its parent ${JSON.stringify(parent.name)}`);
    assertSymbols(document, symbol.children ?? [], symbol);
  }
}

// ---- the whole pipeline --------------------------------------------------------------------

export interface ExerciseOptions {
  readonly uri?: string;
  readonly settings?: Settings;
  /** Offsets (any integers: clamped by the document) where hover, completion and definition are asked. */
  readonly offsets?: readonly number[];
  /** Raw positions, possibly past the end of lines or of the document. */
  readonly positions?: readonly Position[];
  /** Ask code actions for every diagnostic (else for at most a few). */
  readonly allCodeActions?: boolean;
  /** Check that applying fix-all twice changes nothing the second time. */
  readonly fixAllTwice?: boolean;
  /** Other files of the workspace (includes, shared facts). */
  readonly files?: readonly { readonly uri: string; readonly text: string }[];
  /** Label for the statistics. */
  readonly what?: string;
  /**
   * A big input: the facade only (no separate scan/parse/analyzeFile pass, which the facade
   * does itself), and at most 200 inlay hints resolved.
   */
  readonly big?: boolean;
}

export interface Exercised {
  readonly service: CaplLanguageService;
  readonly document: TextDocument;
  readonly analysis: FileAnalysis;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * scan → parseCapl (outline) → analyzeFile → every facade feature, checking each answer. Every
 * request is timed for the statistics; an exception anywhere fails the property.
 */
export function exercise(text: string, options: ExerciseOptions = {}): Exercised {
  const what = options.what ?? 'text';
  const size = text.length;
  const uri = options.uri ?? URIS[0];
  const settings = options.settings ?? DEFAULT_SETTINGS;

  if (!options.big) {
    const tokens = timed(`scan (${what})`, size, () => scan(text));
    assertTokens(text, tokens);
    const parsed = timed(`parseCapl (${what})`, size, () => parseCapl(text));
    assertOutline(text, parsed.outline);
    const pure = timed(`analyzeFile (${what})`, size, () => analyzeFile({ text, path: uri }, settings, parsed));
    assertAnalysis(text, pure);
  }

  const service = serviceWith(settings, options.files ?? []);
  const document = TextDocument.create(uri, 'capl', 1, text);
  service.updateDocument(document);
  const analysis = timed(`analyze (${what})`, size, () => service.analyze(document));
  assertAnalysis(text, analysis);

  const diagnostics = timed(`diagnostics (${what})`, size, () => service.doValidation(document));
  let previous: Diagnostic | undefined;
  for (const diagnostic of diagnostics) {
    assertRange(document, diagnostic.range, `diagnostic ${diagnostic.code}`);
    assert.equal(diagnostic.source, SOURCE);
    check(DIAGNOSTIC_CODES.includes(diagnostic.code as (typeof DIAGNOSTIC_CODES)[number]), () => `unknown code ${diagnostic.code}`);
    assert.ok(typeof diagnostic.message === 'string' && diagnostic.message.length > 0, 'diagnostic without message');
    if (previous) assert.ok(document.offsetAt(previous.range.start) <= document.offsetAt(diagnostic.range.start), 'diagnostics not sorted');
    previous = diagnostic;
  }

  const whole: Range = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  const hints: InlayHint[] = timed(`inlay hints (${what})`, size, () => service.getInlayHints(document, whole));
  let lastHint = -1;
  hints.forEach((hint, i) => {
    assertPosition(document, hint.position, 'inlay hint');
    const offset = document.offsetAt(hint.position);
    assert.ok(offset >= lastHint, 'inlay hints not sorted');
    lastHint = offset;
    if (options.big && i >= 200) return;
    const resolved = timed(`resolve inlay hint (${what})`, size, () => service.resolveInlayHint(hint));
    assert.deepEqual(resolved.position, hint.position);
  });

  const symbols = timed(`document symbols (${what})`, size, () => service.findDocumentSymbols(document));
  assertSymbols(document, symbols);

  const chosen = options.allCodeActions ? diagnostics : diagnostics.slice(0, 3);
  const actions: CodeAction[] = timed(`code actions (${what})`, size, () => service.getCodeActions(document, { diagnostics: [...chosen] }));
  for (const action of actions) assertEdits(document, actionEdits(action, uri), `code action "${action.title}"`);
  const fixAll = timed(`fix all (${what})`, size, () => service.fixAllEdits(document));
  assertEdits(document, fixAll, 'fix all');
  if (options.fixAllTwice && fixAll.length > 0) {
    const fixed = TextDocument.create(uri, 'capl', 2, TextDocument.applyEdits(document, fixAll));
    service.updateDocument(fixed);
    const again = timed(`fix all, second time (${what})`, size, () => service.fixAllEdits(fixed));
    assert.deepEqual(again, [], 'fix-all applied twice changes something the second time');
    service.updateDocument(document);
  }

  const positions = [...(options.offsets ?? []).map((offset) => document.positionAt(offset)), ...(options.positions ?? [])];
  // Completion (≈500 items) is the costly request: asked at the first position only.
  positions.forEach((position, i) => askAt(service, document, position, what, i === 0));
  return { service, document, analysis, diagnostics };
}

/** Hover, completion and definition at one position: they answer, and their answers are well-formed. */
export function askAt(service: CaplLanguageService, document: TextDocument, position: Position, what: string, withCompletion = true): void {
  const size = document.getText().length;
  const at = document.positionAt(document.offsetAt(position));
  const hover: Hover | null = timed(`hover (${what})`, size, () => service.doHover(document, position));
  if (hover) {
    assert.ok(hover.contents !== undefined, 'hover without contents');
    if (hover.range) {
      assertRange(document, hover.range, 'hover');
      check(containsPosition(document, hover.range, at), () => `hover range ${JSON.stringify(hover.range)} does not contain ${JSON.stringify(at)}`);
    }
  }
  if (withCompletion) {
    const completion: CompletionList = timed(`completion (${what})`, size, () => service.doComplete(document, position));
    assertCompletion(document, completion, at);
    for (const item of completion.items.slice(0, 2)) {
      const resolved = timed(`resolve completion item (${what})`, size, () => service.resolveCompletionItem(item));
      assert.equal(resolved.label, item.label, 'resolving a completion item changes its label');
    }
  }
  const locations: Location[] = timed(`definition (${what})`, size, () => service.findDefinition(document, position));
  for (const location of locations) {
    const target = service.index.text(location.uri);
    check(target !== undefined, () => `definition in an unknown document ${location.uri}`);
    assertRange(TextDocument.create(location.uri, 'capl', 1, target), location.range, 'definition');
  }
}

function assertCompletion(document: TextDocument, completion: CompletionList, at: Position): void {
  assert.ok(Array.isArray(completion.items), 'completion answers a list');
  // Items share their ranges: check each distinct range once.
  const checked = new Set<string>();
  for (const item of completion.items) {
    assert.ok(typeof item.label === 'string' && item.label.length > 0, 'completion item without label');
    const edit = item.textEdit;
    if (!edit || !('range' in edit)) continue;
    const key = JSON.stringify([edit.range, (item.additionalTextEdits ?? []).map((extra) => extra.range)]);
    if (checked.has(key)) continue;
    checked.add(key);
    assertRange(document, edit.range, 'completion edit');
    // VS Code: the edit is single-line and contains the cursor.
    assert.equal(edit.range.start.line, edit.range.end.line, 'completion edit spans lines');
    check(containsPosition(document, edit.range, at), () => `completion range ${JSON.stringify(edit.range)} does not contain ${JSON.stringify(at)}`);
    const main = { start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end) };
    for (const extra of item.additionalTextEdits ?? []) {
      assertRange(document, extra.range, 'completion additional edit');
      const other = { start: document.offsetAt(extra.range.start), end: document.offsetAt(extra.range.end) };
      // VS Code: additional edits must not overlap the main edit.
      check(other.end <= main.start || main.end <= other.start, () => `completion ${item.label}: additional edit overlaps the main edit`);
    }
  }
}

// ---- small helpers -------------------------------------------------------------------------

export function isNumberToken(text: string, span: Span): boolean {
  const tokens = scan(text, span.start, span.end);
  return tokens.length === 1 && tokens[0].kind === TokenKind.Number && tokens[0].start === span.start && tokens[0].end === span.end;
}

let gc: (() => void) | undefined;

/** A full garbage collection, so that one measurement does not pay for the previous one's garbage. */
function collectGarbage(): void {
  if (!gc) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = () => undefined;
    }
  }
  gc();
}

/** "Best of": the minimum of several runs (each after a full GC), which is what noise cannot make smaller. */
export function bestOf(times: number, measure: () => number): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    collectGarbage();
    best = Math.min(best, measure());
  }
  return best;
}
