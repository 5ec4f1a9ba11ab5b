import type { Location } from 'vscode-languageserver-types';
import type { FileAnalysis } from '../analysis/types';
import { catalogue } from '../catalogue/catalogue';
import type { CatalogueEntry } from '../catalogue/types';
import type { Outline, Span } from '../syntax/outline';
import { tokenize } from '../syntax/scanner';
import { TokenKind, type TokenBuffer } from '../syntax/tokens';
import { LineIndex } from '../text/lineIndex';
import { findAt, spanRange } from './positions';
import { uriKey } from '../text/uris';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

/** How a use handles its message: the coverage view counts these. `declared`: where a constant or enum member is defined. */
export const USE_KINDS = ['compared', 'switched', 'sent', 'timed-out', 'other', 'declared'] as const;
export type UseKind = (typeof USE_KINDS)[number];

/** How the code writes the entry: a number, a catalogue constant, or a name the user declared (constant or enum member). */
export type Spelling = 'number' | 'constant' | 'name';

/** A constant or enum member the user declared whose value is a message ID: it can be renamed. */
export interface NamedId {
  readonly name: string;
  readonly uri: string;
  readonly span: Span;
  readonly entries: readonly CatalogueEntry[];
  readonly ambiguous: boolean;
}

export interface EntryUse extends Span {
  readonly uri: string;
  readonly spelling: Spelling;
  readonly how: UseKind;
  /** The entries it may mean: one, or the candidates of an ambiguous use. */
  readonly entries: readonly CatalogueEntry[];
  /** The use may mean this entry or another table's (an ambiguous literal, or a name whose value is one). */
  readonly ambiguous: boolean;
  /** The user's declaration the name resolves to. */
  readonly named?: NamedId;
}

/**
 * Every use of every catalogue entry in the workspace, built once per inference (see
 * WorkspaceIndex.derived): references, highlights, workspace symbols, the hover's count and
 * the coverage report all read it, none of them scans the files again.
 */
export class UsesIndex {
  private readonly byEntry = new Map<CatalogueEntry, EntryUse[]>();
  private readonly byNamed = new Map<NamedId, EntryUse[]>();
  /** Per file key, its uses in text order. */
  private readonly byFile = new Map<string, EntryUse[]>();
  private readonly named = new Map<string, NamedId[]>();
  private readonly lines = new Map<string, LineIndex>();

  constructor(private readonly index: WorkspaceIndex) {
    const files = index.uris().map((uri) => ({ uri, analysis: index.analysis(uri)!, outline: index.outline(uri)! }));
    for (const file of files) this.collectNamedIds(file.uri, file.analysis, file.outline);
    for (const file of files) this.collectUses(file.uri, file.analysis, file.outline);
    for (const list of this.byEntry.values()) list.sort(compareUses);
    for (const list of this.byFile.values()) list.sort((a, b) => a.start - b.start);
  }

  static of(index: WorkspaceIndex): UsesIndex {
    return index.derived(UsesIndex, () => new UsesIndex(index));
  }

  /** The uses of an entry: those that mean it for certain first, then the ambiguous ones; each group in file and text order. */
  uses(entry: CatalogueEntry): readonly EntryUse[] {
    return this.byEntry.get(entry) ?? [];
  }

  /** The declaration and every use of a user's named ID. */
  usesOfNamed(named: NamedId): readonly EntryUse[] {
    return this.byNamed.get(named) ?? [];
  }

  /** The use at `offset` of the file (its end included, as a cursor right after a name is on it). */
  useAt(uri: string, offset: number): EntryUse | undefined {
    return findAt(this.byFile.get(uriKey(uri)) ?? [], offset);
  }

  /** The entries that have at least one use. */
  usedEntries(): IterableIterator<CatalogueEntry> {
    return this.byEntry.keys();
  }

  /** The user's named ID that `name` means in the file, if it is one. */
  resolveName(uri: string, name: string): NamedId | undefined {
    const candidates = this.named.get(name);
    if (!candidates) return undefined;
    const declared = this.index.findDeclaration(uri, name);
    if (!declared) return candidates.length === 1 ? candidates[0] : undefined;
    return candidates.find((candidate) => candidate.uri === declared.uri && candidate.span.start === declared.span.start);
  }

  /** The use as the code writes it. */
  textOf(use: EntryUse): string {
    return (this.index.text(use.uri) ?? '').slice(use.start, use.end);
  }

  location(use: { uri: string } & Span): Location {
    let lines = this.lines.get(use.uri);
    if (!lines) this.lines.set(use.uri, (lines = new LineIndex(this.index.text(use.uri) ?? '')));
    return { uri: use.uri, range: spanRange(lines, use) };
  }

  private collectNamedIds(uri: string, analysis: FileAnalysis, outline: Outline): void {
    const add = (name: string, span: Span, entries: readonly CatalogueEntry[], ambiguous: boolean) => {
      if (entries.length === 0 || catalogue.byConstant(name)) return;
      const list = this.named.get(name) ?? [];
      list.push({ name, uri, span, entries, ambiguous });
      this.named.set(name, list);
    };
    // The value is the literal itself: an array's initializer (`= { 0xE3, 0xE5 }`) names no one entry.
    const literalIn = (span: Span | undefined) => (span ? analysis.ids.find((id) => id.start === span.start && id.end === span.end) : undefined);
    for (const global of outline.globals) {
      const literal = global.isConst ? literalIn(global.initializer) : undefined;
      if (literal) add(global.name, global.nameSpan, literal.entries, literal.tables.length > 1);
    }
    const mirrored = new Set<number>();
    for (const mirror of analysis.enumMirrors) {
      for (const member of mirror.members) {
        const agreeing = member.expected.filter((entry) => entry.id === member.value);
        add(member.name, member.nameSpan, agreeing.length > 0 ? agreeing : member.expected, false);
        mirrored.add(member.nameSpan.start);
      }
    }
    for (const declaration of outline.enums) {
      for (const member of declaration.members) {
        const literal = mirrored.has(member.nameSpan.start) ? undefined : literalIn(member.valueSpan);
        if (literal) add(member.name, member.nameSpan, literal.entries, literal.tables.length > 1);
      }
    }
  }

  private collectUses(uri: string, analysis: FileAnalysis, outline: Outline): void {
    const text = this.index.text(uri)!;
    // An open document keeps its tokens; a file read from disk is tokenized again, not kept.
    const code = this.index.version(uri) !== undefined ? this.index.parsed(uri)!.tokens.code : tokenize(text).code;
    const declared = declarationStarts(outline);
    for (const id of analysis.ids) {
      if (id.entries.length === 0) continue;
      const how = id.rule === 'constant' || id.rule === 'enum-member' ? 'declared' : useKind(text, code, code.countStartingBefore(id.start));
      this.add({ uri, start: id.start, end: id.end, spelling: 'number', how, entries: id.entries, ambiguous: id.tables.length > 1 });
    }
    for (let token = 0; token < code.length; token++) {
      if (code.kinds[token] !== TokenKind.Identifier) continue;
      const start = code.starts[token];
      const name = text.slice(start, code.ends[token]);
      const how = declared.has(start) ? 'declared' : undefined;
      const constant = catalogue.byConstant(name);
      if (constant) {
        this.add({ uri, start, end: code.ends[token], spelling: 'constant', how: how ?? useKind(text, code, token), entries: [constant], ambiguous: false });
        continue;
      }
      const named = this.named.has(name) ? this.resolveName(uri, name) : undefined;
      if (!named) continue;
      const use: EntryUse = { uri, start, end: code.ends[token], spelling: 'name', how: how ?? useKind(text, code, token), entries: named.entries, ambiguous: named.ambiguous, named };
      this.add(use);
      const list = this.byNamed.get(named) ?? [];
      list.push(use);
      this.byNamed.set(named, list);
    }
  }

  private add(use: EntryUse): void {
    for (const entry of use.entries) {
      let list = this.byEntry.get(entry);
      if (!list) this.byEntry.set(entry, (list = []));
      list.push(use);
    }
    let inFile = this.byFile.get(uriKey(use.uri));
    if (!inFile) this.byFile.set(uriKey(use.uri), (inFile = []));
    inFile.push(use);
  }
}

/** Uses that mean their entry for certain first, then by file and offset. */
export function compareUses(a: EntryUse, b: EntryUse): number {
  return Number(a.ambiguous) - Number(b.ambiguous) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.start - b.start);
}

function declarationStarts(outline: Outline): Set<number> {
  const starts = new Set<number>();
  for (const global of outline.globals) starts.add(global.nameSpan.start);
  for (const declaration of outline.enums) for (const member of declaration.members) starts.add(member.nameSpan.start);
  return starts;
}

function dottedNameEndingAt(code: TokenBuffer, last: number, textOf: (at: number) => string): string | undefined {
  if (last < 0 || code.kinds[last] !== TokenKind.Identifier) return undefined;
  let name = textOf(last);
  for (let at = last; at >= 2 && textOf(at - 1) === '.' && code.kinds[at - 2] === TokenKind.Identifier; at -= 2) name = `${textOf(at - 2)}.${name}`;
  return name;
}

const STATEMENT_BOUNDARY = new Set([';', '{', '}']);
const MAX_CALL_LOOKBACK = 64;

/** What the code does with the ID at `token`: compares it, switches on it, passes it to a call that sends or times out a message. */
function useKind(text: string, code: TokenBuffer, token: number): UseKind {
  const textOf = (at: number) => (at >= 0 && at < code.length ? text.slice(code.starts[at], code.ends[at]) : '');
  const before = textOf(token - 1);
  if (before === 'case') return 'switched';
  if (before === '==' || before === '!=' || textOf(token + 1) === '==' || textOf(token + 1) === '!=') return 'compared';
  const callee = enclosingCallee(code, token, textOf);
  if (callee === undefined) return 'other';
  if (/SetMessageTimeout(\.Call)?$/i.test(callee)) return 'timed-out';
  if (/send|transmit|tx/i.test(callee)) return 'sent';
  return 'other';
}

/** The name before the `(` whose argument list holds `token`, within its statement, dots included (`EVSE.SetMessageTimeout.Call`). */
function enclosingCallee(code: TokenBuffer, token: number, textOf: (at: number) => string): string | undefined {
  let depth = 0;
  for (let at = token - 1; at >= 0 && at >= token - MAX_CALL_LOOKBACK; at--) {
    const punct = textOf(at);
    if (STATEMENT_BOUNDARY.has(punct)) return undefined;
    if (punct === ')') depth++;
    else if (punct === '(') {
      if (depth === 0) return dottedNameEndingAt(code, at - 1, textOf);
      depth--;
    }
  }
  return undefined;
}
