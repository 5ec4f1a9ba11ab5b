import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import { catalogue, hexId } from '../catalogue/catalogue';
import { CatalogueSearch } from '../catalogue/search';
import { entryPlace, TABLES } from '../catalogue/types';
import type { UsesIndex } from './usesIndex';
import { entryLabel } from '../catalogue/types';

const MAX_SYMBOLS = 1000;

/**
 * `CableCheck`, `cable check res`, `227` or `0xE3`: the matching entries' uses in the
 * workspace, one symbol each, named so that the editor's own filter keeps them (the name
 * holds the entry's name and both spellings of its number).
 */
export function findWorkspaceSymbols(query: string, uses: UsesIndex): SymbolInformation[] {
  const search = new CatalogueSearch(query);
  if (search.isEmpty) return [];
  const symbols: SymbolInformation[] = [];
  for (const table of TABLES) {
    for (const entry of catalogue.inTable(table)) {
      if (!search.matches(entry)) continue;
      const name = `${entryLabel(entry)} = ${entry.id} (${hexId(entry.id)})`;
      for (const use of uses.uses(entry)) {
        if (symbols.length === MAX_SYMBOLS) return symbols;
        const spelling = use.spelling === 'number' ? (use.ambiguous ? 'ambiguous number' : 'number') : use.spelling === 'constant' ? entry.constant : use.named!.name;
        symbols.push({ name, kind: SymbolKind.Constant, location: uses.location(use), containerName: `${entryPlace(entry)} · ${use.how} · ${spelling}` });
      }
    }
  }
  return symbols;
}
