import type { DocumentHighlight, Location } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileSummary } from '../analysis/summary';
import type { FileAnalysis } from '../analysis/types';
import { normaliseSysvar } from '../analysis/sysvarPath';
import { codeTokens } from '../syntax/codeTokens';
import type { Span } from '../syntax/outline';
import { parseCaplWithCode } from '../syntax/parse';
import { FileScopes, type Occurrence } from '../syntax/scopes';
import { TokenKind } from '../syntax/tokens';
import { uriKey } from '../text/uris';
import type { Declaration, WorkspaceIndex } from '../workspace/workspaceIndex';
import { findAt, spanRange, wordAt, type Positions } from './positions';

/**
 * A named thing the inference engine says holds message IDs (a carrier, see
 * FileSummary.carriers), as the cursor finds it: a local variable or parameter (in its
 * procedure), a global or constant (in every file where the name means the same
 * declaration), an enum type, a system variable (`@sysvar::A::B`, `@A::B`, `@this` in
 * `on sysvar A::B`, that header, `sysvar::A::B` as a sysvar function names it) or a
 * `$Obj.Member.LatestCall.param` read.
 */
export interface CarrierTarget {
  readonly kind: 'local' | 'global' | 'enum' | 'sysvar' | 'signal';
  /** Where the cursor is on it. */
  readonly span: Span;
  /** The name as written; a system variable's normalised path; a signal in lower case. */
  readonly name: string;
  /** The files that mention it (the summaries say which), in URI order. */
  readonly files: readonly string[];
  /** A local's procedure (outline index) in its file. */
  readonly procedure?: number;
}

/** The carrier at `offset` of the document (as synced), if the inference says it holds IDs. */
export function carrierAt(document: TextDocument, offset: number, analysis: FileAnalysis, index: WorkspaceIndex, views = new FileViews(index)): CarrierTarget | undefined {
  const { uri } = document;
  if (!mayNameCarrier(document.getText(), offset, analysis, index)) return undefined;
  const scopes = views.scopes(uri);
  if (!scopes) return undefined;
  const token = scopes.tokenAt(offset);
  if (token === undefined) return undefined;
  const span = { start: scopes.starts[token], end: scopes.ends[token] };
  const procedure = scopes.procedureOf(token);
  const header = procedure >= 0 ? sysvarHeader(scopes, procedure) : undefined;
  const shared = (kind: 'global' | 'enum' | 'sysvar', name: string, declarations?: readonly Place[]) => sharedTarget(index, uri, kind, span, name, declarations);
  if (header && offset >= header.span.start && offset <= header.span.end) return sharedTarget(index, uri, 'sysvar', header.span, header.path);
  switch (scopes.kinds[token]) {
    case TokenKind.SysVar: {
      const path = sysvarPath(scopes, token);
      return path === undefined ? undefined : shared('sysvar', path);
    }
    case TokenKind.Signal: {
      const signal = scopes.textAt(token).toLowerCase();
      const files = signalFiles(index, signal);
      return files.length > 0 ? { kind: 'signal', span, name: signal, files } : undefined;
    }
    case TokenKind.Identifier:
      break;
    default:
      return undefined;
  }
  const call = scopes.sysvarCalls().find((named) => named.first <= token && token <= named.last);
  if (call) return sharedTarget(index, uri, 'sysvar', { start: scopes.starts[call.first], end: scopes.ends[call.last] }, normaliseSysvar(call.path));
  const name = scopes.textAt(token);
  if (scopes.isEnumType(token)) return shared('enum', name, resolveEnum(index, uri, name));
  if (!scopes.isVariable(token)) return undefined;
  const locals = procedure >= 0 ? scopes.localsOf(procedure).get(name) : undefined;
  if (locals) return locals.some((declared) => holdsIdsWhereDeclared(analysis, declared)) ? { kind: 'local', span, name, files: [uri], procedure } : undefined;
  return shared('global', name, resolveGlobal(index, uri, name));
}

/** Every place of the workspace that names the carrier, in file and text order (`document`: the one the cursor is in, as synced). */
export function carrierReferences(target: CarrierTarget, document: TextDocument, index: WorkspaceIndex, includeDeclaration: boolean, views = new FileViews(index)): Location[] {
  return target.files.flatMap((uri) => {
    // The document computes its lines once for all requests; another file's are counted here.
    const positions: Positions | undefined = uriKey(uri) === uriKey(document.uri) ? document : index.lineIndex(uri);
    if (!positions) return [];
    return occurrencesIn(views, uri, target)
      .filter((occurrence) => includeDeclaration || occurrence.access !== 'declared')
      .map((occurrence) => ({ uri: index.uriOf(uri) ?? uri, range: spanRange(positions, occurrence) }));
  });
}

/** The carrier in the document (as synced): a declaration or an assignment is a write, any other a read. */
export function carrierHighlights(target: CarrierTarget, document: TextDocument, views: FileViews): DocumentHighlight[] {
  if (!target.files.some((file) => uriKey(file) === uriKey(document.uri))) return [];
  return occurrencesIn(views, document.uri, target).map((occurrence) => ({
    range: { start: document.positionAt(occurrence.start), end: document.positionAt(occurrence.end) },
    kind: occurrence.access === 'read' ? READ : WRITE,
  }));
}

/**
 * Whether the name at `offset` may be a carrier, from what the index holds, without parsing:
 * a system variable or `$…` read, an `on sysvar` header, an ID expression of the file
 * spelled so (a local's or parameter's declaration, an operand compared with IDs), a global
 * or enum type of that name that holds IDs in some file. Most names are none, and editors
 * ask for highlights at every move of the cursor.
 */
function mayNameCarrier(text: string, offset: number, analysis: FileAnalysis, index: WorkspaceIndex): boolean {
  const path = pathAt(text, offset);
  if (!path) return false;
  const first = text.charCodeAt(path.start);
  if (first === DOLLAR) return signalFiles(index, text.slice(path.start, path.end).toLowerCase()).length > 0;
  if (first === AT) {
    const key = normaliseSysvar(text.slice(path.start, path.end));
    // `@this` is decided by its handler; a path with a member (`.x`) by the parse.
    return key === 'this' || key.includes('.') || holdsIdsSomewhere(index, (summary) => summary.sysvars.get(key));
  }
  const named = text.slice(path.start, path.end);
  if (SYSVAR_NAME.test(named)) return holdsIdsSomewhere(index, (summary) => summary.sysvars.get(normaliseSysvar(named)));
  const word = wordAt(text, offset);
  if (!word) return false;
  const name = text.slice(word.start, word.end);
  if (path.end - path.start > name.length && SYSVAR_HEADER.test(text.slice(text.lastIndexOf('\n', path.start) + 1, path.start))) return true;
  if (analysis.idExpressions.some((expression) => expression.end - expression.start === name.length && text.startsWith(name, expression.start))) return true;
  const [global, enumType] = [`g:${name}`, `e:${name}`];
  return holdsIdsSomewhere(index, (summary) => summary.exports.get(global) ?? summary.imports.get(global) ?? summary.exports.get(enumType) ?? summary.imports.get(enumType));
}

/** Whether the carrier `carrierOf` finds in a file's summary holds IDs in any file. */
function holdsIdsSomewhere(index: WorkspaceIndex, carrierOf: (summary: FileSummary) => number | undefined): boolean {
  return index.carrierSummaries().some(({ summary, masks }) => {
    const carrier = carrierOf(summary);
    return carrier !== undefined && masks[carrier] !== 0;
  });
}

/** `sysvar::A::B` as a sysvar function's argument names it. */
const SYSVAR_NAME = /^sysvar::/i;

/** `on sysvar ` or `on sysvar_update ` before a path, on its line. */
const SYSVAR_HEADER = /^\s*on\s+sysvar(?:_update)?\s+$/i;

/** The run of path characters (`@sysvar::A::B`, `$Obj.Member.LatestCall.param`, `A::B`, a name) around `offset`. */
function pathAt(text: string, offset: number): Span | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && PATH.test(text[start - 1])) start--;
  while (end < text.length && PATH.test(text[end])) end++;
  return start < end ? { start, end } : undefined;
}

const PATH = /[A-Za-z0-9_:.@$]/;
const AT = '@'.charCodeAt(0);

const READ = 2;
const WRITE = 3;

/**
 * The files' names as FileScopes reads them, parsed once per request: an open document
 * from the tokens it keeps, a file read from disk parsed again (and not kept).
 */
export class FileViews {
  private readonly views = new Map<string, FileScopes | undefined>();

  constructor(private readonly index: WorkspaceIndex) {}

  scopes(uri: string): FileScopes | undefined {
    const key = uriKey(uri);
    if (this.views.has(key)) return this.views.get(key);
    const scopes = this.read(uri);
    this.views.set(key, scopes);
    return scopes;
  }

  private read(uri: string): FileScopes | undefined {
    const text = this.index.text(uri);
    if (text === undefined) return undefined;
    if (this.index.version(uri) !== undefined) {
      const { tokens, outline } = this.index.parsed(uri)!;
      return new FileScopes(text, codeTokens(text, tokens.code, 0, tokens.code.length - 1), outline);
    }
    const { parsed, code } = parseCaplWithCode(text);
    return new FileScopes(text, code, parsed.outline);
  }
}

function occurrencesIn(views: FileViews, uri: string, target: CarrierTarget): Occurrence[] {
  const scopes = views.scopes(uri);
  if (!scopes) return [];
  const { name } = target;
  switch (target.kind) {
    case 'local': {
      const { first, last } = scopes.tokenRange(target.procedure!);
      const declared = new Set(scopes.localsOf(target.procedure!).get(name)!.map((span) => span.start));
      return scopes.tokensWhere(TokenKind.Identifier, (token) => scopes.isWord(token, name) && scopes.isVariable(token), first, last).map((token) => scopes.occurrence(token, declared));
    }
    case 'global': {
      const declared = new Set(scopes.outline.globals.filter((global) => global.name === name).map((global) => global.nameSpan.start));
      const shadowed = (token: number) => {
        const procedure = scopes.procedureOf(token);
        return procedure >= 0 && scopes.localsOf(procedure).has(name);
      };
      return scopes.tokensWhere(TokenKind.Identifier, (token) => scopes.isWord(token, name) && scopes.isVariable(token) && !shadowed(token)).map((token) => scopes.occurrence(token, declared));
    }
    case 'enum': {
      const declared = new Set(scopes.outline.enums.filter((declaration) => declaration.name === name).map((declaration) => declaration.nameSpan.start));
      return scopes.tokensWhere(TokenKind.Identifier, (token) => scopes.isWord(token, name) && scopes.isEnumType(token)).map((token) => scopes.occurrence(token, declared));
    }
    case 'sysvar': {
      const headers = scopes.outline.procedures.flatMap((_, procedure) => {
        const header = sysvarHeader(scopes, procedure);
        return header?.path === name ? [{ ...header.span, access: 'read' as const }] : [];
      });
      const uses = scopes.tokensWhere(TokenKind.SysVar, (token) => sysvarPath(scopes, token) === name).map((token) => scopes.occurrence(token, NOTHING_DECLARED));
      const calls = scopes.sysvarCalls().filter((call) => normaliseSysvar(call.path) === name)
        .map((call) => ({ start: scopes.starts[call.first], end: scopes.ends[call.last], access: call.access }));
      return [...headers, ...uses, ...calls].sort((a, b) => a.start - b.start);
    }
    case 'signal':
      return scopes.tokensWhere(TokenKind.Signal, (token) => scopes.textAt(token).toLowerCase() === name).map((token) => scopes.occurrence(token, NOTHING_DECLARED));
  }
}

const NOTHING_DECLARED: ReadonlySet<number> = new Set();

/**
 * A global, enum type or system variable seen from the file `from`: the files whose summaries mention its key, as far
 * as the name means the same declaration there (`declarations`: what it resolves to where
 * the cursor is; none when that file sees no declaration of it, as in a file an includer's
 * global is used in). Undefined when it holds no IDs in any of them.
 */
function sharedTarget(index: WorkspaceIndex, from: string, kind: 'global' | 'enum' | 'sysvar', span: Span, name: string, declarations: readonly Place[] = []): CarrierTarget | undefined {
  const key = kind === 'sysvar' ? `sv:${name}` : `${kind === 'enum' ? 'e' : 'g'}:${name}`;
  const resolve = kind === 'enum' ? resolveEnum : resolveGlobal;
  const files: string[] = [];
  let holdsIds = false;
  for (const { uri, summary, masks } of index.carrierSummaries()) {
    const carrier = kind === 'sysvar' ? summary.sysvars.get(name) : summary.exports.get(key) ?? summary.imports.get(key);
    if (carrier === undefined) continue;
    if (kind !== 'sysvar' && !meansSame(resolve(index, uri, name), declarations)) continue;
    files.push(uri);
    holdsIds ||= masks[carrier] !== 0;
  }
  if (!holdsIds) return undefined;
  // The cursor's file names it, even where its summary does not (`id++;` is no operand the engine reads).
  if (!files.some((file) => uriKey(file) === uriKey(from))) files.push(index.uriOf(from) ?? from);
  return { kind, span, name, files: files.sort(byUri) };
}

/** Where a name is declared, for comparing what it resolves to in two files. */
interface Place {
  readonly uri: string;
  readonly start: number;
}

/** A file that sees no declaration of the name uses the one the workspace joins it to (see Inference): it counts for any. */
function meansSame(resolved: readonly Place[], declarations: readonly Place[]): boolean {
  if (resolved.length === 0 || declarations.length === 0) return true;
  return resolved.some((place) => declarations.some((declared) => declared.start === place.start && uriKey(declared.uri) === uriKey(place.uri)));
}

function resolveGlobal(index: WorkspaceIndex, uri: string, name: string): Place[] {
  const declaration: Declaration | undefined = index.findDeclaration(uri, name);
  return declaration ? [{ uri: declaration.uri, start: declaration.span.start }] : [];
}

/** The first enum type of that name in the file or what it includes. */
function resolveEnum(index: WorkspaceIndex, uri: string, name: string): Place[] {
  for (const candidate of index.includeClosure(uri)) {
    const declaration = index.outline(candidate)?.enums.find((declared) => declared.name === name);
    if (declaration) return [{ uri: candidate, start: declaration.nameSpan.start }];
  }
  return [];
}

/** A local or parameter holds IDs where the engine placed its declaration among the file's ID expressions. */
function holdsIdsWhereDeclared(analysis: FileAnalysis, declared: Span): boolean {
  const expression = findAt(analysis.idExpressions, declared.start);
  return expression !== undefined && expression.start === declared.start && expression.end === declared.end;
}

/** The normalised path of the system variable at `token`; `@this` names the one of its `on sysvar` handler. */
function sysvarPath(scopes: FileScopes, token: number): string | undefined {
  const path = normaliseSysvar(scopes.textAt(token));
  if (path !== 'this') return path;
  const procedure = scopes.procedureOf(token);
  return procedure >= 0 ? sysvarHeader(scopes, procedure)?.path : undefined;
}

/** `on sysvar A::B` (or `on sysvar_update`): the path its header names, and where. */
function sysvarHeader(scopes: FileScopes, procedure: number): { path: string; span: Span } | undefined {
  const { eventType, eventTarget, nameSpan } = scopes.outline.procedures[procedure];
  if ((eventType !== 'sysvar' && eventType !== 'sysvar_update') || !eventTarget) return undefined;
  return { path: normaliseSysvar(eventTarget), span: { start: nameSpan.end - eventTarget.length, end: nameSpan.end } };
}

/** The files that read the `$Obj.Member.LatestCall.param` (in lower case), where it holds IDs. */
function signalFiles(index: WorkspaceIndex, signal: string): string[] {
  const files: string[] = [];
  for (const { uri, summary, masks } of index.carrierSummaries()) {
    const carrier = signalsOf(summary).get(signal);
    if (carrier !== undefined && masks[carrier] !== 0) files.push(uri);
  }
  return files.sort(byUri);
}

/**
 * A summary's `$…` carriers by their label in lower case, read once per summary (an edit
 * reads the edited file's again, no other). A LatestCall read is a sourced carrier: only
 * those are looked at, not every carrier.
 */
function signalsOf(summary: FileSummary): ReadonlyMap<string, number> {
  const known = signalsBySummary.get(summary);
  if (known) return known;
  const signals = new Map<string, number>();
  const { labels, sourceWhy } = summary.carriers;
  for (const carrier of sourceWhy.keys()) {
    if (labels[carrier].charCodeAt(0) === DOLLAR) signals.set(labels[carrier].toLowerCase(), carrier);
  }
  signalsBySummary.set(summary, signals);
  return signals;
}

const signalsBySummary = new WeakMap<FileSummary, ReadonlyMap<string, number>>();
const DOLLAR = '$'.charCodeAt(0);

function byUri(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
