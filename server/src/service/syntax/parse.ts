import { parseOutline, type Outline } from './outline';
import { scan } from './scanner';
import type { Token } from './tokens';

export interface ParsedCapl {
  readonly tokens: readonly Token[];
  readonly outline: Outline;
}

export function parseCapl(text: string): ParsedCapl {
  const tokens = scan(text);
  return { tokens, outline: parseOutline(text, tokens) };
}
