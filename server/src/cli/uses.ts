import { fileURLToPath } from 'node:url';
import { entryLabel, TABLE_TITLES, type CatalogueEntry, type EntryUse, type Settings, type UsesIndex } from '../service';
import { entryJson } from './format';
import { displayPath, loadFile } from './files';
import { loadWorkspace } from './workspace';

export interface FoundUse {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters of the decoded text. */
  readonly column: number;
  readonly text: string;
  readonly use: EntryUse;
}

/** The uses index of the given files, analysed together with the files they include (as `check` does). */
export function workspaceUses(paths: readonly string[], settings: Settings): { uses: UsesIndex; fileCount: number } {
  const { service } = loadWorkspace(paths.map(loadFile), settings);
  return { uses: service.uses(), fileCount: paths.length };
}

/** `capl-ids uses`: every use of the entries, each place once, in file and text order. */
export function findUses(uses: UsesIndex, entries: readonly CatalogueEntry[]): FoundUse[] {
  const seen = new Set<string>();
  const found: FoundUse[] = [];
  for (const entry of entries) {
    for (const use of uses.uses(entry)) {
      const key = `${use.uri}\u0000${use.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { range } = uses.location(use);
      found.push({ file: displayPath(fileURLToPath(use.uri)), line: range.start.line + 1, column: range.start.character + 1, text: uses.textOf(use), use });
    }
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.use.start - b.use.start));
}

export function renderUses(found: readonly FoundUse[], entries: readonly CatalogueEntry[], json: boolean): string {
  if (json) {
    return JSON.stringify(found.map(({ file, line, column, text, use }) => ({
      file, line, column, text, spelling: use.spelling, how: use.how, ambiguous: use.ambiguous, entries: use.entries.map(entryJson),
    })), null, 2);
  }
  const lines = found.map(({ file, line, column, text, use }) => {
    const meaning = use.entries.map((entry) => `${TABLE_TITLES[entry.table]}: ${entryLabel(entry)} = ${entry.constant}`).join(' | ');
    return `${file}:${line}:${column}  ${text}  ${use.how}  ${use.ambiguous ? 'ambiguous: ' : ''}${meaning}`;
  });
  const files = new Set(found.map((use) => use.file)).size;
  lines.push(`${found.length} use${found.length === 1 ? '' : 's'} of ${entries.map((entry) => `${entryLabel(entry)} (${TABLE_TITLES[entry.table]})`).join(', ')} in ${files} file${files === 1 ? '' : 's'}`);
  return lines.join('\n');
}
