import { codeTokens, type CodeTokens } from './codeTokens';
import { parseOutline, type Outline } from './outline';
import { tokenize } from './scanner';
import type { ScannedTokens } from './tokens';

export interface ParsedCapl {
  readonly tokens: ScannedTokens;
  readonly outline: Outline;
}

export function parseCapl(text: string): ParsedCapl {
  return parseCaplWithCode(text).parsed;
}

/**
 * parseCapl() with the code tokens the outline was read from: an analysis right after
 * reads them too. They are not part of ParsedCapl, which is kept for as long as the file
 * is open: what they add to the tokens takes as much memory again.
 */
export function parseCaplWithCode(text: string): { parsed: ParsedCapl; code: CodeTokens } {
  const tokens = tokenize(text);
  const code = codeTokens(text, tokens.code, 0, tokens.code.length - 1);
  return { parsed: { tokens, outline: parseOutline(text, tokens, code) }, code };
}
