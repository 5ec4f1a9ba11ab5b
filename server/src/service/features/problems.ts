import { catalogue } from '../catalogue/catalogue';
import { entryLabel, entryPlace, TABLE_TITLES, type CatalogueEntry } from '../catalogue/types';
import type { EnumMirror, FileAnalysis, IdLiteral, MirroredMember } from '../analysis/types';
import type { Span } from '../syntax/outline';
import type { DiagnosticCode } from './diagnosticCodes';
import { findAt } from './positions';

/**
 * What is wrong in an analysed file, item by item: the diagnostic code and message of an ID
 * literal or a mirrored enum member, and its fix when it has one. The diagnostics report
 * them; a quick fix asks again for the item at a diagnostic's range, so no fix travels in a
 * diagnostic.
 */

/** A replacement a quick fix offers. */
export interface Replacement {
  readonly text: string;
  /** What the text replaces, when not the problem's own span (a removed definition's line). */
  readonly span?: Span;
  /** A catalogue constant the replacement uses and the file must be able to see. */
  readonly constant?: string;
  readonly title: string;
}

export interface Fix {
  readonly replacements: readonly Replacement[];
  /** Whether the first replacement is the obvious fix (fix-all applies only those). */
  readonly preferred: boolean;
}

/** What a quick fix needs of a problem: the message it is reported with, and its fix. */
export interface ProblemFix {
  readonly message: string;
  readonly fix: Fix | undefined;
}

export function idProblemCode(id: IdLiteral): DiagnosticCode | undefined {
  if (id.rule === 'enum-member') return undefined;
  if (id.tables.length > 1) return id.entries.length > 0 ? 'ambiguous-id' : undefined;
  // A constant's own value is the name's definition, not a magic number.
  if (id.entries.length > 0) return id.rule === 'constant' ? undefined : 'magic-number';
  return catalogue.withId(id.value).length > 0 ? 'wrong-table' : 'unknown-id';
}

function idProblemMessage(id: IdLiteral, code: DiagnosticCode): string {
  switch (code) {
    case 'magic-number': {
      const entry = id.entries[0];
      return `${id.text} is ${entryLabel(entry)} (${TABLE_TITLES[entry.table]}): use ${entry.constant}.`;
    }
    case 'ambiguous-id':
      return `${id.text} is ambiguous: ${id.entries.map(describeEntry).join(' or ')}. ${capitalise(id.reason)}.`;
    case 'wrong-table':
      return `${id.text} is not a message ID of ${TABLE_TITLES[id.tables[0]]}; it exists in ${catalogue.withId(id.value).map(describeEntry).join(', ')}. ${capitalise(id.reason)}.`;
    default:
      return `${id.text} is not a message ID of ${TABLE_TITLES[id.tables[0]]}. ${capitalise(id.reason)}.`;
  }
}

/** `idProblemMessage` with the message of a magic number built once per spelling and entry: most of a file's diagnostics are such repeats. */
export function memoisedIdProblemMessage(): (id: IdLiteral, code: DiagnosticCode) => string {
  const magicNumbers = new Map<CatalogueEntry, Map<string, string>>();
  return (id, code) => {
    if (code !== 'magic-number') return idProblemMessage(id, code);
    let byText = magicNumbers.get(id.entries[0]);
    if (!byText) magicNumbers.set(id.entries[0], (byText = new Map()));
    let message = byText.get(id.text);
    if (message === undefined) byText.set(id.text, (message = idProblemMessage(id, code)));
    return message;
  };
}

function idFix(id: IdLiteral, code: DiagnosticCode): Fix | undefined {
  if (code === 'magic-number') return { preferred: true, replacements: [replaceWith(id, id.entries[0])] };
  if (code === 'ambiguous-id') return { preferred: false, replacements: id.entries.map((entry) => replaceWith(id, entry)) };
  if (code === 'wrong-table') {
    // It changes the number, so it is never applied without being chosen (fix-all leaves it).
    const candidates = catalogue.sameMessageAs(id.value, id.tables[0]);
    if (candidates.length > 0) return { preferred: false, replacements: candidates.map((entry) => replaceWithOther(id, entry)) };
  }
  return undefined;
}

export function hasMirrorProblem(member: MirroredMember): boolean {
  return member.expected.length > 0 && !member.expected.some((entry) => entry.id === member.value);
}

export function mirrorProblemSpan(member: MirroredMember): Span {
  return member.valueSpan ?? member.nameSpan;
}

export function mirrorProblemMessage(mirror: EnumMirror, member: MirroredMember): string {
  const expected = member.expected.map((entry) => `${entryLabel(entry)} is ${entry.id}`).join(', ');
  return `${member.name} = ${member.value ?? '?'} disagrees with ${TABLE_TITLES[mirror.table]}: ${expected}.`;
}

/** Only a written value can be changed; a member without one gets no fix. */
function mirrorFix(member: MirroredMember): Fix | undefined {
  if (!member.valueSpan) return undefined;
  return {
    preferred: member.expected.length === 1,
    replacements: member.expected.map((entry) => ({ text: String(entry.id), title: `Change ${member.name} to ${entry.id} (${entryLabel(entry)})` })),
  };
}

/** A problem's obvious fix: what fix-all applies. */
export interface PreferredFix {
  readonly code: DiagnosticCode;
  /** The problem's span: its diagnostic's range. */
  readonly span: Span;
  readonly replacement: Replacement;
}

/** The preferred fix of every ID literal and mirrored enum member that has one, in text order. */
export function preferredFixes(analysis: FileAnalysis): PreferredFix[] {
  const fixes: PreferredFix[] = [];
  for (const id of analysis.ids) {
    const code = idProblemCode(id);
    const fix = code && idFix(id, code);
    if (code && fix?.preferred) fixes.push({ code, span: id, replacement: fix.replacements[0] });
  }
  const ofMirrors: PreferredFix[] = [];
  for (const mirror of analysis.enumMirrors) {
    for (const member of mirror.members) {
      const fix = hasMirrorProblem(member) ? mirrorFix(member) : undefined;
      if (fix?.preferred) ofMirrors.push({ code: 'enum-mismatch', span: mirrorProblemSpan(member), replacement: fix.replacements[0] });
    }
  }
  return mergeByStart(fixes, ofMirrors);
}

/** Both lists in text order, `first`'s item before `second`'s at the same start. */
export function mergeByStart<T extends { readonly span: Span }>(first: readonly T[], second: readonly T[]): T[] {
  if (second.length === 0) return [...first];
  return [...first, ...second].sort((a, b) => a.span.start - b.span.start);
}

/** The problem of the ID literal or mirrored enum member at exactly `span`, if it has one with `code`. */
export function problemAt(analysis: FileAnalysis, span: Span, code: DiagnosticCode): ProblemFix | undefined {
  if (code === 'magic-number' || code === 'ambiguous-id' || code === 'wrong-table') {
    const id = findAt(analysis.ids, span.start);
    if (!id || id.start !== span.start || id.end !== span.end || idProblemCode(id) !== code) return undefined;
    return { message: idProblemMessage(id, code), fix: idFix(id, code) };
  }
  if (code !== 'enum-mismatch') return undefined;
  for (const mirror of analysis.enumMirrors) {
    for (const member of mirror.members) {
      const at = mirrorProblemSpan(member);
      if (at.start === span.start && at.end === span.end && hasMirrorProblem(member)) return { message: mirrorProblemMessage(mirror, member), fix: mirrorFix(member) };
    }
  }
  return undefined;
}

function replaceWith(id: IdLiteral, entry: CatalogueEntry): Replacement {
  return { text: entry.constant, constant: entry.constant, title: `Replace ${id.text} with ${entry.constant}` };
}

function replaceWithOther(id: IdLiteral, entry: CatalogueEntry): Replacement {
  return { text: entry.constant, constant: entry.constant, title: `Replace ${id.text} with ${entry.constant} = ${entry.id} (${entryLabel(entry)} in ${entryPlace(entry)})` };
}

function describeEntry(entry: CatalogueEntry): string {
  return `${entryLabel(entry)} (${TABLE_TITLES[entry.table]})`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
