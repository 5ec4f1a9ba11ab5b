import { parseOutline, type Outline } from './outline';
import { tokenize } from './scanner';
import type { TokenBuffer } from './tokens';

export interface ParsedCapl {
  readonly tokens: TokenBuffer;
  readonly outline: Outline;
}

export function parseCapl(text: string): ParsedCapl {
  const tokens = tokenize(text);
  return { tokens, outline: parseOutline(text, tokens) };
}
