import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EntryKey, EntryUses } from '../../../../shared/protocol';
import { catalogue } from '../catalogue/catalogue';
import type { UsesIndex } from './usesIndex';
import { uriKey } from '../text/uris';
import { spanRange } from './positions';

/**
 * Where a document uses a catalogue entry, in text order: the ID literals the analysis judged
 * to be that entry (one candidate of an ambiguous literal counts), its constant and the
 * user's names for it where they are identifiers of the code (not in a comment or string).
 */
export function findEntryUses(document: TextDocument, uses: UsesIndex, key: EntryKey): EntryUses {
  const entry = catalogue.get(key.table, key.id);
  if (!entry) return [];
  return uses.uses(entry)
    .filter((use) => uriKey(use.uri) === uriKey(document.uri))
    .sort((a, b) => a.start - b.start)
    .map((use): Range => spanRange(document, use));
}
