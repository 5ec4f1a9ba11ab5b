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
  assign: punctCode('='), equal: punctCode('=='), notEqual: punctCode('!='), colon: punctCode(':'), question: punctCode('?'),
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
 * The code tokens the outline and the expression rules look at, with what they read over
 * and over computed once: each punctuator's code, each bracket's partner and the header
 * words. The outline reads them, then hands them to the analysis.
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
}

/**
 * The code tokens `tokens[first..last]`: bracket matching is O(1) afterwards, however deep
 * or broken the nesting. Their kinds and offsets are views of the buffer's, not copies:
 * they hold only until a body re-parse edits the buffer in place (see reparseBody).
 */
export function codeTokens(text: string, tokens: TokenBuffer, first: number, last: number): CodeTokens {
  const count = Math.max(0, last - first + 1);
  const kinds = tokens.kinds.subarray(first, first + count);
  const starts = tokens.starts.subarray(first, first + count);
  const ends = tokens.ends.subarray(first, first + count);
  const puncts = new Int32Array(count);
  const partners = new Int32Array(count).fill(-1);
  const headerWords = new Uint8Array(count);
  const groups = new IndexStack();
  const braces = new IndexStack();
  for (let i = 0; i < count; i++) {
    const kind = kinds[i];
    const start = starts[i];
    const end = ends[i];
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
  return { count, kinds, starts, ends, puncts, partners, headerWords };
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
}
