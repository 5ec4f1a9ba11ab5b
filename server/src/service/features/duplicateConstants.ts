import type { Span, VariableDeclaration } from '../syntax/outline';
import type { LineIndex } from '../text/lineIndex';
import { baseName } from '../text/uris';
import { findIn, type WorkspaceIndex } from '../workspace/workspaceIndex';

/**
 * A `const` the file defines although an included file (directly or not) or an earlier line
 * of the file already defines that name: CAPL rejects the second definition. It happens when
 * constants once declared locally meet the generated constants include.
 */
export interface DuplicateConstant {
  readonly name: string;
  /** The name in the redundant definition (the diagnostic's range). */
  readonly nameSpan: Span;
  readonly message: string;
  /** What removing the redundant definition deletes; undefined when it shares its statement with other names (or the text is not kept). */
  readonly removal: Span | undefined;
  /** Whether both definitions give the same number: only then is removing it sure to keep the program's meaning. */
  readonly sameValue: boolean;
}

export function findDuplicateConstants(uri: string, index: WorkspaceIndex): DuplicateConstant[] {
  const outline = index.outline(uri);
  if (!outline?.globals.some((global) => global.isConst)) return [];
  const text = index.text(uri);
  const [own, ...included] = index.visibleDeclarations(uri);
  let lines: LineIndex | undefined;
  const duplicates: DuplicateConstant[] = [];
  for (const global of outline.globals) {
    if (!global.isConst) continue;
    // The file's first declaration of the name, when it is an earlier one.
    const first = own.get(global.name);
    const inFile = first && first.span !== global.nameSpan ? first : undefined;
    const elsewhere = findIn(included, global.name);
    const other = elsewhere ? { where: `in ${baseName(elsewhere.uri)}, which this file includes`, value: elsewhere.value } : inFile && { where: `on line ${(lines ??= index.lineIndex(uri)!).lineOf(inFile.span.start) + 1}`, value: inFile.value };
    if (!other) continue;
    const sameValue = global.value !== undefined && global.value === other.value;
    duplicates.push({
      name: global.name,
      nameSpan: global.nameSpan,
      message: `${global.name} is already defined ${other.where}${sameValue ? '' : `, with ${other.value === undefined ? 'a value that is no plain number' : `the value ${other.value}`}`}: CAPL rejects a second definition.`,
      removal: text === undefined ? undefined : removalOf(text, global),
      sameValue,
    });
  }
  return duplicates;
}

/** The declaration through its `;`, and its whole line when nothing but a comment shares it. */
function removalOf(text: string, declaration: VariableDeclaration): Span | undefined {
  let end = declaration.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  if (text[end] !== ';' || precedingCode(text, declaration.start) === ',') return undefined;
  end++;
  const lineStart = text.lastIndexOf('\n', declaration.start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const before = text.slice(lineStart, declaration.start);
  const after = text.slice(end, lineEnd < 0 ? text.length : lineEnd).trim();
  if (before.trim() === '' && (after === '' || after.startsWith('//'))) return { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1 };
  return { start: declaration.start, end };
}

function precedingCode(text: string, offset: number): string | undefined {
  let at = offset - 1;
  while (at >= 0 && /\s/.test(text[at])) at--;
  return at >= 0 ? text[at] : undefined;
}
