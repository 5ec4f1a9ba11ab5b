import { looseName } from './catalogue';
import type { CatalogueEntry } from './types';

/**
 * The one search over the catalogue (the lookup panel's filter, the Look Up Message ID
 * command): a number, decimal or `0x` hex, finds the entries with that ID; anything else is
 * words, each of which must occur in the entry's name with its kind, an alias with its kind,
 * or its constant, in any order, ignoring case, spaces and punctuation: "current demand res",
 * "res CurrentDemand", "cable check", "CURRENT_DEMAND" all find their rows.
 */
export class CatalogueSearch {
  readonly id: number | undefined;
  private readonly words: readonly string[];

  constructor(readonly text: string) {
    const trimmed = text.trim();
    this.id = /^(0x[0-9a-f]+|\d+)$/i.test(trimmed) ? Number(trimmed) : undefined;
    this.words = this.id === undefined ? trimmed.split(/[^A-Za-z0-9]+/).map(looseName).filter((word) => word.length > 0) : [];
  }

  get isEmpty(): boolean {
    return this.id === undefined && this.words.length === 0;
  }

  matches(entry: CatalogueEntry): boolean {
    if (this.id !== undefined) return entry.id === this.id;
    if (this.words.length === 0) return true;
    const haystack = searchText(entry);
    return this.words.every((word) => haystack.includes(word));
  }
}

/** The searchable spellings of an entry, loosened and joined by a character no word contains. */
const searchTexts = new WeakMap<CatalogueEntry, string>();
function searchText(entry: CatalogueEntry): string {
  let text = searchTexts.get(entry);
  if (text === undefined) {
    const kind = entry.kind ?? '';
    text = [entry.constant, entry.name + kind, ...entry.aliases.map((alias) => alias + kind)].map(looseName).join(' ');
    searchTexts.set(entry, text);
  }
  return text;
}
