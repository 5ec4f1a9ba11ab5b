import type { Outline, Procedure, Section, Span } from './outline';
import type { ParsedCapl } from './parse';
import { countWhile } from '../text/sorted';
import { tokenize } from './scanner';
import { type ScannedTokens, TokenBuffer, TokenKind } from './tokens';

/** Where two texts differ: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one. */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** One change that covers `first` and then `second` (whose offsets are in the text `first` made). */
export function composeChanges(first: TextChange, second: TextChange): TextChange {
  const firstEnd = first.newEnd <= second.start ? first.newEnd : first.newEnd >= second.oldEnd ? first.newEnd + second.newEnd - second.oldEnd : second.newEnd;
  const newEnd = Math.max(firstEnd, second.newEnd);
  // After the covered range the first text and the last agree, shifted by what both changes added.
  return { start: Math.min(first.start, second.start), oldEnd: newEnd - (first.newEnd - first.oldEnd) - (second.newEnd - second.oldEnd), newEnd };
}

/** An edit inside one procedure body, re-parsed: what the analysis needs to redo that body alone. */
export interface BodyReparse {
  readonly parsed: ParsedCapl;
  /** Index of the edited procedure in the outline. */
  readonly procedure: number;
  /** The procedure's span before the edit. */
  readonly start: number;
  readonly oldEnd: number;
  /** How far everything after the procedure moved. */
  readonly delta: number;
  /** Line breaks added (or removed, when negative) by the edit. */
  readonly lineDelta: number;
}

/** Comparing in chunks lets the engine compare whole runs of characters at once. */
const CHUNK = 4096;

/** The one range where `before` and `after` differ (longest common prefix and suffix), undefined when they are equal. */
export function textChange(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const shortest = Math.min(before.length, after.length);
  let start = 0;
  while (start + CHUNK <= shortest && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd - CHUNK >= start && newEnd - CHUNK >= start && before.slice(oldEnd - CHUNK, oldEnd) === after.slice(newEnd - CHUNK, newEnd)) {
    oldEnd -= CHUNK;
    newEnd -= CHUNK;
  }
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** Words that may start a top-level item: inside a body they may end it early (see Procedure.bodyClose). */
const HEADER_WORDS = new Set(['on', 'export', 'testcase', 'testfunction', 'includes', 'variables']);
/** Annotations in comments change the whole file's context (pins, silenced lines, node role). */
const ANNOTATION = 'capl-ids';

/**
 * Re-parses only the body of the procedure that holds the whole change, when that is
 * enough: the body still runs from the same `{` to the same (moved) `}` with nothing in it
 * that the outline reads (headers, directives, braces that do not balance) and no
 * annotation. Everything else keeps its tokens and outline, moved by the change.
 * Undefined when the change needs a full parse; otherwise `previous` is given up: its
 * token buffers are edited in place (a copy of every token per keystroke would cost more
 * than the rest of the edit).
 */
export function reparseBody(previous: ParsedCapl, before: string, after: string, change: TextChange): BodyReparse | undefined {
  const procedures = previous.outline.procedures;
  const index = procedureHolding(procedures, change);
  if (index < 0) return undefined;
  const procedure = procedures[index];
  const old = previous.tokens;
  const oldBody = {
    code: { first: procedure.bodyFirstToken, end: procedure.bodyLastToken + 1 },
    commentsAndDirectives: tokensWithin(old.commentsAndDirectives, procedure.bodyOpen, procedure.bodyClose),
  };
  if (old.code.starts[procedure.bodyLastToken] !== procedure.bodyClose || before.charCodeAt(procedure.bodyClose) !== CLOSE_BRACE) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const newClose = procedure.bodyClose + delta;
  if (before.slice(procedure.bodyOpen, procedure.bodyClose).includes(ANNOTATION) || after.slice(procedure.bodyOpen, newClose).includes(ANNOTATION)) return undefined;
  if (hasDirective(old.commentsAndDirectives, oldBody.commentsAndDirectives)) return undefined;
  const body = tokenize(after, procedure.bodyOpen, newClose + 1);
  if (!isPlainBody(after, body)) return undefined;
  const tokenDelta = body.code.length - (oldBody.code.end - oldBody.code.first);
  // Read before the outline moves in place.
  const { start, end: oldEnd, bodyOpen, bodyClose } = procedure;
  const lineDelta = lineBreaks(after, bodyOpen, newClose) - lineBreaks(before, bodyOpen, bodyClose);
  const tokens = {
    code: spliceTokens(old.code, oldBody.code, body.code, delta),
    commentsAndDirectives: spliceTokens(old.commentsAndDirectives, oldBody.commentsAndDirectives, body.commentsAndDirectives, delta),
  };
  const outline = moveOutline(previous.outline, index, { from: bodyClose + 1, delta, tokenDelta });
  return { parsed: { tokens, outline }, procedure: index, start, oldEnd, delta, lineDelta };
}

/** The procedure whose body braces enclose the change (the braces themselves unchanged), else -1. */
function procedureHolding(procedures: readonly Procedure[], change: TextChange): number {
  let low = 0;
  let high = procedures.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const procedure = procedures[middle];
    if (procedure.bodyClose < change.start) low = middle + 1;
    else if (procedure.bodyOpen >= change.start) high = middle - 1;
    else return change.oldEnd <= procedure.bodyClose ? middle : -1;
  }
  return -1;
}

/** A range of buffer indexes, `end` exclusive. */
interface TokenRange {
  readonly first: number;
  readonly end: number;
}

/** The tokens of `tokens` that start in `[start, end)`. */
function tokensWithin(tokens: TokenBuffer, start: number, end: number): TokenRange {
  return { first: tokens.countStartingBefore(start), end: tokens.countStartingBefore(end) };
}

function hasDirective(tokens: TokenBuffer, range: TokenRange = { first: 0, end: tokens.length }): boolean {
  for (let i = range.first; i < range.end; i++) if (tokens.kinds[i] === TokenKind.Directive) return true;
  return false;
}

/** `{ … }` with braces that close only at the last token, no directive and no word that could start a top-level item. */
function isPlainBody(text: string, body: ScannedTokens): boolean {
  const { code, commentsAndDirectives } = body;
  const last = code.length - 1;
  if (last < 1 || !isBrace(text, code, 0, OPEN_BRACE) || !isBrace(text, code, last, CLOSE_BRACE)) return false;
  if (hasDirective(commentsAndDirectives)) return false;
  let depth = 0;
  for (let i = 0; i <= last; i++) {
    if (code.kinds[i] === TokenKind.Identifier && HEADER_WORDS.has(text.slice(code.starts[i], code.ends[i]).toLowerCase())) return false;
    if (isBrace(text, code, i, OPEN_BRACE)) depth++;
    else if (isBrace(text, code, i, CLOSE_BRACE) && --depth === 0 && i < last) return false;
  }
  return depth === 0;
}

function isBrace(text: string, tokens: TokenBuffer, i: number, brace: number): boolean {
  return tokens.kinds[i] === TokenKind.Punct && tokens.ends[i] - tokens.starts[i] === 1 && text.charCodeAt(tokens.starts[i]) === brace;
}

/** Line breaks in `text[start, end)`, CRLF counted once. */
function lineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) count++;
  }
  return count;
}

/** `tokens` with `replaced` replaced by `body` and those after moved by `delta`: in place, or in a larger buffer when it is full. */
function spliceTokens(tokens: TokenBuffer, replaced: TokenRange, body: TokenBuffer, delta: number): TokenBuffer {
  const { first, end: rest } = replaced;
  const at = first + body.length;
  const length = at + (tokens.length - rest);
  let target = tokens;
  if (at === rest) {
    // As many tokens as before (typing inside a word, a number or a comment): the tail stays where it is.
  } else if (length <= tokens.kinds.length) {
    // The tail first: the body overwrites its old place.
    tokens.kinds.copyWithin(at, rest, tokens.length);
    tokens.starts.copyWithin(at, rest, tokens.length);
    tokens.ends.copyWithin(at, rest, tokens.length);
  } else {
    target = new TokenBuffer(length + (length >> 4));
    for (const [from, to] of [[tokens.kinds, target.kinds], [tokens.starts, target.starts], [tokens.ends, target.ends]] as const) {
      to.set(from.subarray(0, first));
      to.set(from.subarray(rest, tokens.length), at);
    }
  }
  target.kinds.set(body.kinds.subarray(0, body.length), first);
  target.starts.set(body.starts.subarray(0, body.length), first);
  target.ends.set(body.ends.subarray(0, body.length), first);
  if (delta !== 0) {
    const { starts, ends } = target;
    for (let i = at; i < length; i++) {
      starts[i] += delta;
      ends[i] += delta;
    }
  }
  target.length = length;
  return target;
}

/** Offsets from `from` on move by `delta`; token indexes after the edited body by `tokenDelta`. */
interface Shift {
  readonly from: number;
  readonly delta: number;
  readonly tokenDelta: number;
}

type Movable<T> = { -readonly [K in keyof T]: T[K] };

/** The outline after an edit inside the body of procedure `index`, moved in place: that procedure ends later (or earlier), all after it move. */
function moveOutline(outline: Outline, index: number, shift: Shift): Outline {
  const { from, delta, tokenDelta } = shift;
  const edited = outline.procedures[index] as Movable<Procedure>;
  edited.end += delta;
  edited.bodyClose += delta;
  edited.bodyLastToken += tokenDelta;
  if (delta === 0 && tokenDelta === 0) return outline;
  for (let i = index + 1; i < outline.procedures.length; i++) {
    const procedure = outline.procedures[i] as Movable<Procedure>;
    moveSpan(procedure, delta);
    moveSpan(procedure.nameSpan, delta);
    for (const parameter of procedure.parameters) {
      moveSpan(parameter, delta);
      moveSpan(parameter.nameSpan, delta);
    }
    procedure.bodyOpen += delta;
    procedure.bodyClose += delta;
    procedure.bodyFirstToken += tokenDelta;
    procedure.bodyLastToken += tokenDelta;
  }
  for (const section of after(outline.sections, from) as Movable<Section>[]) {
    moveSpan(section, delta);
    section.openBrace += delta;
    section.closeBrace += delta;
  }
  for (const include of after(outline.includes, from)) {
    moveSpan(include, delta);
    moveSpan(include.pathSpan, delta);
  }
  for (const declaration of after(outline.enums, from)) {
    moveSpan(declaration, delta);
    moveSpan(declaration.nameSpan, delta);
    for (const member of declaration.members) {
      moveSpan(member.nameSpan, delta);
      if (member.valueSpan) moveSpan(member.valueSpan, delta);
    }
  }
  for (const global of after(outline.globals, from)) {
    moveSpan(global, delta);
    moveSpan(global.nameSpan, delta);
    if (global.initializer) moveSpan(global.initializer, delta);
  }
  return outline;
}

/** The items of a start-sorted list from `offset` on. */
function after<T extends Span>(items: readonly T[], offset: number): readonly T[] {
  return items.slice(countWhile(items, (item) => item.start < offset));
}

/** Moves a span of a result kept across an edit, in place. */
export function moveSpan(span: Span, by: number): void {
  const movable = span as Movable<Span>;
  movable.start += by;
  movable.end += by;
}
