import type { Location } from 'vscode-languageserver-types';
import type { EntryKey, EntryUseCounts } from '../../../../shared/protocol';
import { catalogue } from '../catalogue/catalogue';
import type { CatalogueEntry } from '../catalogue/types';
import type { EntryUse, UsesIndex } from './usesIndex';

/** The uses of an entry that count as using it: all but its definitions (a constant's, an enum member's). */
export function countedUses(uses: UsesIndex, entry: CatalogueEntry): EntryUse[] {
  return uses.uses(entry).filter((use) => use.how !== 'declared');
}

/** How many places use each entry the workspace uses, in catalogue order. */
export function entryUseCounts(uses: UsesIndex): EntryUseCounts {
  return catalogue.entries.flatMap((entry) => {
    const count = countedUses(uses, entry).length;
    return count > 0 ? [{ table: entry.table, id: entry.id, uses: count }] : [];
  });
}

/** Every place of the workspace that means the entry, declarations included, as Find All References on one of its uses lists them. */
export function entryReferences(uses: UsesIndex, key: EntryKey): Location[] {
  const entry = catalogue.get(key.table, key.id);
  return entry ? uses.uses(entry).map((use) => uses.location(use)) : [];
}
