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

export function isComment(kind: TokenKind): boolean {
  return kind === TokenKind.LineComment || kind === TokenKind.BlockComment;
}

export function tokenText(text: string, token: Token): string {
  return text.slice(token.start, token.end);
}
