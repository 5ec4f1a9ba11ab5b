import { countWhile } from '../text/sorted';

/** Token kinds of the CAPL scanner. Keywords are Identifiers: consumers compare the text. */
export enum TokenKind {
  /** `[A-Za-z_][A-Za-z0-9_]*` */
  Identifier,
  /** `8`, `0x1A`, `0x100x` (extended CAN ID), `1.5`, `1e-3`, `.5`; letters glued to digits stay in the token. */
  Number,
  /** `"..."` with its quotes; an unterminated string ends at the line end. */
  String,
  /** `'a'`, `'\0'`, `'\''`; an unterminated one ends at the line end. */
  Char,
  /** Operators and punctuation, longest match: `==` `!=` `<=` `>=` `&&` `||` `::` `->` `++` `--` `<<` `>>` `+=` … `{` `}` `(` `)` `[` `]` `;` `,` `.` … */
  Punct,
  /** `@sysvar::A::B`, `@A::B::C`, `@this` — the whole reference. */
  SysVar,
  /** `$Sig`, `$Obj.Member.LatestCall.param`, `$Bus::Msg::Sig` — the whole path. */
  Signal,
  /** A preprocessor line from `#` to the line end: `#include "x.cin"`, `#pragma library("x.dll")`. */
  Directive,
  /** `// ...` up to, not including, the line end. */
  LineComment,
  /** `/* ... *\/`; an unterminated one runs to the end of the text. */
  BlockComment,
  /** Any other single character (stray bytes, `` ` ``, control characters). */
  Unknown,
}

/** Offsets are UTF-16 indexes into the decoded text, `end` exclusive. */
export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
}

/**
 * A text's tokens in two buffers, each in text order: the code tokens, which the outline
 * and the analysis read, and apart from them the few comments and directives, which only
 * the annotations and the include directives are read from.
 */
export interface ScannedTokens {
  readonly code: TokenBuffer;
  readonly commentsAndDirectives: TokenBuffer;
}

/**
 * Tokens as three parallel typed arrays: the hot paths (scanner, outline, analysis) read
 * and write them without allocating an object per token, which on a 100 000-line file is
 * most of the cost of an object array (allocation and garbage collection).
 */
export class TokenBuffer {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity = 256) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(kind: TokenKind, start: number, end: number): void {
    if (this.length === this.kinds.length) this.resize(this.length * 2);
    this.kinds[this.length] = kind;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  /** How many of the tokens start before `offset`: a binary search, the tokens being in text order. */
  countStartingBefore(offset: number): number {
    return countWhile(this.starts.subarray(0, this.length), (start) => start < offset);
  }

  token(index: number): Token {
    return { kind: this.kinds[index], start: this.starts[index], end: this.ends[index] };
  }

  toArray(): Token[] {
    const tokens: Token[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) tokens[i] = this.token(i);
    return tokens;
  }

  /** Moves the tokens to arrays with room for `capacity` tokens (at least `length`). */
  resize(capacity: number): void {
    const kinds = new Uint8Array(capacity);
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    kinds.set(this.kinds.subarray(0, this.length));
    starts.set(this.starts.subarray(0, this.length));
    ends.set(this.ends.subarray(0, this.length));
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
  }
}
