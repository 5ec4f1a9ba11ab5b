import type { EnumDeclaration, IncludeDirective, Outline, Parameter, Procedure, Section, Span, VariableDeclaration } from './outline';
import type { ParsedCapl } from './parse';
import { tokenize } from './scanner';
import { TokenBuffer, TokenKind } from './tokens';

/** Where two texts differ: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one. */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
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
 * Undefined when the change needs a full parse.
 */
export function reparseBody(previous: ParsedCapl, before: string, after: string, change: TextChange): BodyReparse | undefined {
  const procedures = previous.outline.procedures;
  const index = procedureHolding(procedures, change);
  if (index < 0) return undefined;
  const procedure = procedures[index];
  const old = previous.tokens;
  const oldBody = { first: procedure.bodyFirstToken, last: procedure.bodyLastToken };
  if (old.starts[oldBody.last] !== procedure.bodyClose || before.charCodeAt(procedure.bodyClose) !== CLOSE_BRACE) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const newClose = procedure.bodyClose + delta;
  if (before.slice(procedure.bodyOpen, procedure.bodyClose).includes(ANNOTATION) || after.slice(procedure.bodyOpen, newClose).includes(ANNOTATION)) return undefined;
  if (hasDirective(old, oldBody.first, oldBody.last)) return undefined;
  const body = tokenize(after, procedure.bodyOpen, newClose + 1);
  if (!isPlainBody(after, body)) return undefined;
  const tokenDelta = body.length - (oldBody.last - oldBody.first + 1);
  const shift: Shift = { from: procedure.bodyClose + 1, delta, tokenDelta };
  return {
    parsed: { tokens: spliceTokens(old, oldBody.first, oldBody.last, body, delta), outline: moveOutline(previous.outline, index, shift) },
    procedure: index,
    start: procedure.start,
    oldEnd: procedure.end,
    delta,
    lineDelta: lineBreaks(after, procedure.bodyOpen, newClose) - lineBreaks(before, procedure.bodyOpen, procedure.bodyClose),
  };
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

function hasDirective(tokens: TokenBuffer, first: number, last: number): boolean {
  for (let i = first; i <= last; i++) if (tokens.kinds[i] === TokenKind.Directive) return true;
  return false;
}

/** `{ … }` with braces that close only at the last token, no directive and no word that could start a top-level item. */
function isPlainBody(text: string, body: TokenBuffer): boolean {
  const last = body.length - 1;
  if (last < 1 || !isBrace(text, body, 0, OPEN_BRACE) || !isBrace(text, body, last, CLOSE_BRACE)) return false;
  let depth = 0;
  for (let i = 0; i <= last; i++) {
    const kind = body.kinds[i];
    if (kind === TokenKind.Directive) return false;
    if (kind === TokenKind.Identifier && HEADER_WORDS.has(text.slice(body.starts[i], body.ends[i]).toLowerCase())) return false;
    if (isBrace(text, body, i, OPEN_BRACE)) depth++;
    else if (isBrace(text, body, i, CLOSE_BRACE) && --depth === 0 && i < last) return false;
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

/** The old tokens with `first..last` replaced by `body`, those after moved by `delta`. */
function spliceTokens(old: TokenBuffer, first: number, last: number, body: TokenBuffer, delta: number): TokenBuffer {
  const rest = last + 1;
  const length = first + body.length + (old.length - rest);
  const tokens = new TokenBuffer(length);
  tokens.kinds.set(old.kinds.subarray(0, first));
  tokens.starts.set(old.starts.subarray(0, first));
  tokens.ends.set(old.ends.subarray(0, first));
  tokens.kinds.set(body.kinds.subarray(0, body.length), first);
  tokens.starts.set(body.starts.subarray(0, body.length), first);
  tokens.ends.set(body.ends.subarray(0, body.length), first);
  const at = first + body.length;
  tokens.kinds.set(old.kinds.subarray(rest, old.length), at);
  for (let i = rest, j = at; i < old.length; i++, j++) {
    tokens.starts[j] = old.starts[i] + delta;
    tokens.ends[j] = old.ends[i] + delta;
  }
  tokens.length = length;
  return tokens;
}

/** Offsets from `from` on move by `delta`; token indexes after the edited body by `tokenDelta`. */
interface Shift {
  readonly from: number;
  readonly delta: number;
  readonly tokenDelta: number;
}

/** The outline after an edit inside the body of procedure `index`: that procedure ends later (or earlier), all after it move. */
function moveOutline(outline: Outline, index: number, shift: Shift): Outline {
  if (shift.delta === 0 && shift.tokenDelta === 0) return outline;
  const edited = outline.procedures[index];
  const procedures = outline.procedures.slice(0, index);
  procedures.push({ ...edited, end: edited.end + shift.delta, bodyClose: edited.bodyClose + shift.delta, bodyLastToken: edited.bodyLastToken + shift.tokenDelta });
  for (let i = index + 1; i < outline.procedures.length; i++) procedures.push(moveProcedure(outline.procedures[i], shift));
  return {
    sections: moveAll(outline.sections, shift, moveSection),
    includes: moveAll(outline.includes, shift, (include, by): IncludeDirective => ({ ...include, ...moveSpan(include, by), pathSpan: moveSpan(include.pathSpan, by) })),
    procedures,
    enums: moveAll(outline.enums, shift, moveEnum),
    globals: moveAll(outline.globals, shift, moveGlobal),
  };
}

function moveAll<T extends Span>(items: readonly T[], shift: Shift, move: (item: T, by: number) => T): readonly T[] {
  if (items.length === 0 || items[items.length - 1].start < shift.from) return items;
  return items.map((item) => (item.start < shift.from ? item : move(item, shift.delta)));
}

function moveSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

function moveProcedure(procedure: Procedure, shift: Shift): Procedure {
  const by = shift.delta;
  return {
    ...procedure,
    ...moveSpan(procedure, by),
    nameSpan: moveSpan(procedure.nameSpan, by),
    parameters: procedure.parameters.map((parameter): Parameter => ({ ...parameter, ...moveSpan(parameter, by), nameSpan: moveSpan(parameter.nameSpan, by) })),
    bodyOpen: procedure.bodyOpen + by,
    bodyClose: procedure.bodyClose + by,
    bodyFirstToken: procedure.bodyFirstToken + shift.tokenDelta,
    bodyLastToken: procedure.bodyLastToken + shift.tokenDelta,
  };
}

function moveSection(section: Section, by: number): Section {
  return { ...section, ...moveSpan(section, by), openBrace: section.openBrace + by, closeBrace: section.closeBrace + by };
}

function moveEnum(declaration: EnumDeclaration, by: number): EnumDeclaration {
  return {
    ...declaration,
    ...moveSpan(declaration, by),
    nameSpan: moveSpan(declaration.nameSpan, by),
    members: declaration.members.map((member) => ({ ...member, nameSpan: moveSpan(member.nameSpan, by), valueSpan: member.valueSpan && moveSpan(member.valueSpan, by) })),
  };
}

function moveGlobal(global: VariableDeclaration, by: number): VariableDeclaration {
  return { ...global, ...moveSpan(global, by), nameSpan: moveSpan(global.nameSpan, by), initializer: global.initializer && moveSpan(global.initializer, by) };
}
