import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EntryKey, EntryUses } from '../../../../shared/protocol';
import type { FileAnalysis } from '../analysis/types';
import { catalogue } from '../catalogue/catalogue';
import type { Span } from '../syntax/outline';
import { TokenKind, type TokenBuffer } from '../syntax/tokens';
import { spanRange } from './positions';

/**
 * Where a document uses a catalogue entry, in text order: the ID literals the analysis judged
 * to be that entry (one candidate of an ambiguous literal counts), and the entry's constant
 * where it is an identifier of the code (not in a comment or string).
 */
export function findEntryUses(document: TextDocument, analysis: FileAnalysis, code: TokenBuffer, key: EntryKey): EntryUses {
  const entry = catalogue.get(key.table, key.id);
  if (!entry) return [];
  const literals = analysis.ids.filter((id) => id.entries.some((candidate) => candidate.table === entry.table && candidate.id === entry.id));
  const uses: Span[] = [...literals, ...identifiersNamed(document.getText(), code, entry.constant)];
  return uses.sort((a, b) => a.start - b.start).map((use): Range => spanRange(document, use));
}

function identifiersNamed(text: string, code: TokenBuffer, name: string): Span[] {
  const found: Span[] = [];
  for (let start = text.indexOf(name); start >= 0; start = text.indexOf(name, start + name.length)) {
    const token = code.countStartingBefore(start + 1) - 1;
    if (token >= 0 && code.kinds[token] === TokenKind.Identifier && code.starts[token] === start && code.ends[token] === start + name.length) {
      found.push({ start, end: start + name.length });
    }
  }
  return found;
}
