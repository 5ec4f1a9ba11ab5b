import { type TokenBuffer, TokenKind } from './tokens';

/** A punctuator as one number: its characters' codes in base 256 (`==` is 0x3d3d). */
export function punctCode(text: string): number {
  let code = 0;
  for (let i = 0; i < text.length; i++) code = code * 256 + text.charCodeAt(i);
  return code;
}

export const P = {
  openParen: punctCode('('), closeParen: punctCode(')'), openBracket: punctCode('['), closeBracket: punctCode(']'),
  openBrace: punctCode('{'), closeBrace: punctCode('}'), semicolon: punctCode(';'), comma: punctCode(','),
  assign: punctCode('='), equal: punctCode('=='), notEqual: punctCode('!='), colon: punctCode(':'),
  dot: punctCode('.'), scope: punctCode('::'), arrow: punctCode('->'),
};

/** The words that start top-level headers (see CodeTokens.headerWords). */
export const enum HeaderWord {
  None,
  /** `on`, `includes` and `variables` in any case, the others as written. */
  On,
  Includes,
  Variables,
  Export,
  Testcase,
  Testfunction,
}

/**
 * The tokens the outline and the expression rules look at (comments and directives left
 * out), with what they read over and over computed once: each punctuator's code and each
 * bracket's partner, the header words and where the directives are. The outline reads
 * them, then hands them to the analysis.
 */
export interface CodeTokens {
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The punctuator's code (see punctCode), 0 for any other token. */
  readonly puncts: Int32Array;
  /** For each `(` `)` `[` `]` `{` `}`, the index of its partner, or -1; parentheses and square brackets never pair across `;`, `{` or `}`. */
  readonly partners: Int32Array;
  /** The HeaderWord of each identifier (None for most, and for other tokens): the outline looks for headers in every body. */
  readonly headerWords: Uint8Array;
  /** The TokenBuffer indexes of the directives left out. */
  readonly directives: readonly number[];
  /** The TokenBuffer index of the first token read (see TokenIndexes). */
  readonly firstToken: number;
  /** For each comment and directive left out, in order, the position of the code token after it (`count` after the last one). */
  readonly skipped: Int32Array;
}

/**
 * The TokenBuffer index of a code token: its position plus the comments and directives
 * before it, counted by a cursor that moves from the last position asked, so that
 * positions asked in order (as the outline does) cost O(1) each. Comments and directives
 * are rare: this is cheaper than an index per code token.
 */
export class TokenIndexes {
  /** How many of `code.skipped` precede the last position asked. */
  private skippedBefore = 0;

  constructor(private readonly code: CodeTokens) {}

  of(position: number): number {
    const skipped = this.code.skipped;
    while (this.skippedBefore < skipped.length && skipped[this.skippedBefore] <= position) this.skippedBefore++;
    while (this.skippedBefore > 0 && skipped[this.skippedBefore - 1] > position) this.skippedBefore--;
    return this.code.firstToken + position + this.skippedBefore;
  }
}

/**
 * The code tokens among `tokens[first..last]`: bracket matching is O(1) afterwards, however
 * deep or broken the nesting. The arrays are views of arrays with room for every token: a
 * pass to count the comments first would cost more than the room they leave unused.
 */
export function codeTokens(text: string, tokens: TokenBuffer, first: number, last: number): CodeTokens {
  const skipped = new IndexStack();
  const capacity = Math.max(0, last - first + 1);
  const kinds = new Uint8Array(capacity);
  const starts = new Int32Array(capacity);
  const ends = new Int32Array(capacity);
  const puncts = new Int32Array(capacity);
  const partners = new Int32Array(capacity).fill(-1);
  const headerWords = new Uint8Array(capacity);
  const directives: number[] = [];
  const groups = new IndexStack();
  const braces = new IndexStack();
  let count = 0;
  for (let t = first; t <= last; t++) {
    const kind = tokens.kinds[t];
    if (!isCode(kind)) {
      skipped.push(count);
      if (kind === TokenKind.Directive) directives.push(t);
      continue;
    }
    const i = count++;
    const start = tokens.starts[t];
    const end = tokens.ends[t];
    kinds[i] = kind;
    starts[i] = start;
    ends[i] = end;
    if (kind === TokenKind.Identifier) headerWords[i] = headerWordAt(text, start, end - start);
    if (kind !== TokenKind.Punct) continue;
    const code = end === start + 1 ? text.charCodeAt(start) : multiCharCode(text, start, end);
    puncts[i] = code;
    if (code === P.openParen || code === P.openBracket) groups.push(i);
    else if (code === P.closeParen || code === P.closeBracket) {
      const expected = code === P.closeParen ? P.openParen : P.openBracket;
      if (groups.length > 0 && puncts[groups.top()] === expected) pair(partners, groups.pop(), i);
    } else if (code === P.openBrace || code === P.closeBrace || code === P.semicolon) {
      groups.length = 0;
      if (code === P.openBrace) braces.push(i);
      else if (code === P.closeBrace && braces.length > 0) pair(partners, braces.pop(), i);
    }
  }
  return {
    count,
    kinds: kinds.subarray(0, count),
    starts: starts.subarray(0, count),
    ends: ends.subarray(0, count),
    puncts: puncts.subarray(0, count),
    partners: partners.subarray(0, count),
    headerWords: headerWords.subarray(0, count),
    directives,
    firstToken: first,
    skipped: skipped.toArray(),
  };
}

/** Neither a comment nor a directive. */
function isCode(kind: TokenKind): boolean {
  return kind !== TokenKind.LineComment && kind !== TokenKind.BlockComment && kind !== TokenKind.Directive;
}

/** The HeaderWord of the identifier `text[start, start + length)`. */
function headerWordAt(text: string, start: number, length: number): HeaderWord {
  switch (length) {
    case 2:
      return isWordAt(text, start, 'on', true) ? HeaderWord.On : HeaderWord.None;
    case 6:
      return isWordAt(text, start, 'export', false) ? HeaderWord.Export : HeaderWord.None;
    case 8:
      if (isWordAt(text, start, 'testcase', false)) return HeaderWord.Testcase;
      return isWordAt(text, start, 'includes', true) ? HeaderWord.Includes : HeaderWord.None;
    case 9:
      return isWordAt(text, start, 'variables', true) ? HeaderWord.Variables : HeaderWord.None;
    case 12:
      return isWordAt(text, start, 'testfunction', false) ? HeaderWord.Testfunction : HeaderWord.None;
    default:
      return HeaderWord.None;
  }
}

/** Whether the lower-case letters of `word` are at `start`, in any case with `ignoreCase`. */
function isWordAt(text: string, start: number, word: string, ignoreCase: boolean): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = text.charCodeAt(start + i);
    if ((ignoreCase ? c | 0x20 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

function multiCharCode(text: string, start: number, end: number): number {
  let code = 0;
  for (let c = start; c < end; c++) code = code * 256 + text.charCodeAt(c);
  return code;
}

function pair(partners: Int32Array, a: number, b: number): void {
  partners[a] = b;
  partners[b] = a;
}

/** A stack of token indexes that allocates only when it grows. */
class IndexStack {
  private items = new Int32Array(64);
  length = 0;

  push(index: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = index;
  }

  top(): number {
    return this.items[this.length - 1];
  }

  pop(): number {
    return this.items[--this.length];
  }

  /** The items pushed and not popped, bottom first. */
  toArray(): Int32Array {
    return this.items.slice(0, this.length);
  }
}
