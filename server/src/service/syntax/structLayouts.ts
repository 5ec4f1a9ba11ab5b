import type { CodeCursor } from './codeCursor';
import { P } from './codeTokens';
import { TokenKind } from './tokens';

/**
 * The members of each struct type that the token ranges declare (`struct Name { … };`, the
 * file's variables sections), in order: an initialiser names them by position. `kept`
 * gives the names as the caller keeps them.
 */
export function structLayouts(code: CodeCursor, ranges: readonly { readonly first: number; readonly last: number }[], kept: (name: string) => string): Map<string, readonly string[]> {
  const layouts = new Map<string, readonly string[]>();
  for (const { first, last } of ranges) {
    for (let i = first; i < last; i++) {
      if (!code.isWord(i, 'struct') || code.kindAt(i + 1) !== TokenKind.Identifier || code.punctAt(i + 2) !== P.openBrace) continue;
      const close = code.matching(i + 2, last);
      if (close === undefined) break;
      layouts.set(kept(code.textAt(i + 1)), memberNames(code, i + 3, close - 1, kept));
      i = close;
    }
  }
  return layouts;
}

/** The names a struct body declares, in order: `dword id; byte data[8]; int a, b; struct { … } inner;`. */
function memberNames(code: CodeCursor, first: number, last: number, kept: (name: string) => string): string[] {
  const names: string[] = [];
  for (let i = first; i <= last; i++) {
    const punct = code.puncts[i];
    if (punct === P.openBrace || punct === P.openBracket) {
      if (code.partners[i] > i) i = code.partners[i];
    } else if (code.kinds[i] === TokenKind.Identifier) {
      const next = code.punctAt(i + 1);
      if (next === P.semicolon || next === P.comma || next === P.openBracket) names.push(kept(code.textAt(i)));
    }
  }
  return names;
}
