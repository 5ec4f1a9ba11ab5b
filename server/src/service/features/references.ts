import type { DocumentHighlight, Location, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAnalysis, IdLiteral } from '../analysis/types';
import { TABLE_TITLES, type CatalogueEntry } from '../catalogue/types';
import type { Span } from '../syntax/outline';
import { compareUses, type EntryUse, type NamedId, type UsesIndex } from './usesIndex';
import { entryLabel } from '../catalogue/types';
import { countedUses } from './entryReferences';
import { uriKey } from '../text/uris';
import { findAt, spanRange } from './positions';
import { carrierAt, carrierHighlights, carrierReferences, FileViews, type CarrierTarget } from './carrierReferences';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

/**
 * What the cursor is on when it is on a message ID: a number, a catalogue constant, or a
 * name the user declared for one; for references and highlights also a carrier, a named
 * thing that holds IDs (no entries: its uses are those of the name).
 */
export interface UseTarget {
  readonly span: Span;
  readonly entries: readonly CatalogueEntry[];
  readonly literal?: IdLiteral;
  readonly constant?: CatalogueEntry;
  readonly named?: NamedId;
  readonly carrier?: CarrierTarget;
}

export function targetAt(document: TextDocument, position: Position, analysis: FileAnalysis, uses: () => UsesIndex): UseTarget | undefined {
  const offset = document.offsetAt(position);
  const literal = findAt(analysis.ids, offset);
  if (literal) return literal.entries.length > 0 ? { span: literal, entries: literal.entries, literal } : undefined;
  const use = uses().useAt(document.uri, offset);
  if (!use) return undefined;
  return { span: use, entries: use.entries, constant: use.spelling === 'constant' ? use.entries[0] : undefined, named: use.named };
}

/** targetAt, else the carrier at the position (see carrierAt): what references and highlights answer for. */
export function referenceTargetAt(document: TextDocument, position: Position, analysis: FileAnalysis, uses: () => UsesIndex, index: WorkspaceIndex, views: FileViews): UseTarget | undefined {
  const target = targetAt(document, position, analysis, uses);
  if (target) return target;
  const carrier = carrierAt(document, document.offsetAt(position), analysis, index, views);
  return carrier && { span: carrier.span, entries: [], carrier };
}

/**
 * Every place of the workspace that means the target's entry: numbers in decimal or hex,
 * catalogue constants, the user's constants and enum members. Those that mean it for
 * certain come first; an ambiguous literal, which may mean another table's entry, after them.
 */
export function findReferences(document: TextDocument, target: UseTarget, uses: UsesIndex, includeDeclaration: boolean, index: WorkspaceIndex, views: FileViews): Location[] {
  if (target.carrier) return carrierReferences(target.carrier, document, index, includeDeclaration, views);
  return usesOf(target, uses)
    .filter((use) => includeDeclaration || use.how !== 'declared')
    .map((use) => uses.location(use));
}

/**
 * The target's entry in the current file: a declaration is a write, an ambiguous use plain
 * text, any other a read; a carrier's declarations and assignments are writes.
 */
export function findDocumentHighlights(document: TextDocument, target: UseTarget, uses: UsesIndex, views: FileViews): DocumentHighlight[] {
  if (target.carrier) return carrierHighlights(target.carrier, document, views);
  return usesOf(target, uses)
    .filter((use) => uriKey(use.uri) === uriKey(document.uri))
    .sort((a, b) => a.start - b.start)
    .map((use) => ({ range: spanRange(document, use), kind: use.how === 'declared' ? WRITE : use.ambiguous ? TEXT : READ }));
}

const TEXT = 1;
const READ = 2;
const WRITE = 3;

/** The hover's line "Used in N places in M files", one per entry of an ambiguous target. */
export function useCountMarkdown(target: UseTarget, uses: UsesIndex): string {
  return target.entries.map((entry) => {
    const counted = countedUses(uses, entry);
    const files = new Set(counted.map((use) => use.uri)).size;
    const where = counted.length === 0 ? 'used nowhere in the workspace' : `used in ${plural(counted.length, 'place')} in ${plural(files, 'file')}`;
    return target.entries.length > 1 ? `${entryLabel(entry)} (${TABLE_TITLES[entry.table]}): ${where}` : `${where[0].toUpperCase()}${where.slice(1)}`;
  }).join('  \n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function usesOf(target: UseTarget, uses: UsesIndex): EntryUse[] {
  if (target.entries.length === 1) return [...uses.uses(target.entries[0])];
  const seen = new Set<string>();
  const all: EntryUse[] = [];
  for (const entry of target.entries) {
    for (const use of uses.uses(entry)) {
      const key = `${use.uri}\u0000${use.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(use);
    }
  }
  return all.sort(compareUses);
}
