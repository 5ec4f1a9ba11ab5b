import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EnumMirror, FileAnalysis, IdLiteral } from '../analysis/types';
import { entryLabel, TABLE_TITLES } from '../catalogue/types';
import type { InlayHintMode } from '../settings';
import { idMarkdown } from './entryMarkdown';
import { countWhile } from '../text/sorted';
import { findAt } from './positions';

/** What an inlay hint carries to be resolved later: the literal's offset in that version. */
export interface InlayHintData {
  readonly uri: string;
  readonly version: number;
  readonly offset: number;
}

/**
 * Hints after the bare ID literals inside `range` (`MessageId == 8` shows `ServiceDiscovery Res`),
 * padded on both sides so that a hint never runs into the comma or parenthesis after it. None
 * after an enum member whose own name names its entry (`ServiceDiscoveryRes = 8`).
 */
export function getInlayHints(document: TextDocument, range: Range, analysis: FileAnalysis, mode: InlayHintMode): InlayHint[] {
  if (mode === 'off') return [];
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const selfNamed = selfNamedMemberValues(analysis.enumMirrors);
  const hints: InlayHint[] = [];
  for (let i = countWhile(analysis.ids, (id) => id.end < start); i < analysis.ids.length && analysis.ids[i].start < end; i++) {
    const id = analysis.ids[i];
    const ambiguous = id.tables.length > 1;
    if (mode === 'ambiguousOnly' && !ambiguous) continue;
    if (id.rule === 'enum-member' && selfNamed.has(id.start)) continue;
    const data: InlayHintData = { uri: document.uri, version: document.version, offset: id.start };
    hints.push({ position: document.positionAt(id.end), label: hintLabel(id), paddingLeft: true, paddingRight: true, data });
  }
  return hints;
}

/** Where the written values of mirrored enum members stand whose name names the entry their value is. */
function selfNamedMemberValues(mirrors: readonly EnumMirror[]): Set<number> {
  const starts = new Set<number>();
  for (const mirror of mirrors) {
    for (const member of mirror.members) {
      if (member.valueSpan && member.expected.some((entry) => entry.id === member.value)) starts.add(member.valueSpan.start);
    }
  }
  return starts;
}

/** Adds the tooltip (the hover text) to a hint the client wants to show in full. */
export function resolveInlayHint(hint: InlayHint, analysis: FileAnalysis | undefined): InlayHint {
  const data = hint.data as InlayHintData | undefined;
  if (!analysis || !data || typeof data.offset !== 'number') return hint;
  const id = findAt(analysis.ids, data.offset);
  if (!id || id.start !== data.offset) return hint;
  return { ...hint, tooltip: { kind: 'markdown', value: idMarkdown(id) } };
}

export function hintLabel(id: IdLiteral): string {
  if (id.tables.length > 1) {
    const names = id.entries.map(entryLabel);
    return names.length > 0 ? `ambiguous: ${names.join(' | ')}` : `ambiguous: unknown in ${id.tables.map((table) => TABLE_TITLES[table]).join(' and ')}`;
  }
  const entry = id.entries[0];
  return entry ? entryLabel(entry) : `unknown in ${TABLE_TITLES[id.tables[0]]}`;
}
