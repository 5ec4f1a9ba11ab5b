import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue } from '../catalogue/catalogue';
import type { Outline, Section } from '../syntax/outline';
import { relativeIncludePath } from '../text/uris';
import { findIn, type Declaration, type WorkspaceIndex } from '../workspace/workspaceIndex';

/**
 * Plans the edits that let a document use catalogue constants: nothing when it already sees
 * them (declared, or the generated constants include is included, directly or not); else
 * one way per file, never both (a constant defined twice does not compile): `const dword`
 * declarations in `variables { }` when the file already declares catalogue constants so, or
 * when the workspace has no generated constants file; else an `#include` of that file in
 * `includes { }`. A missing section is created.
 */
export class VisibilityPlanner {
  private readonly outline: Outline | undefined;
  /** The generated constants file, when including it is this file's way. */
  private readonly fileToInclude: string | undefined;
  private readonly seesConstantsFile: boolean;
  /** Resolved once: a completion asks for each of its ~500 items. */
  private readonly visible: readonly ReadonlyMap<string, Declaration>[];
  private readonly eol: string;
  private includeEditsOnce: readonly TextEdit[] | undefined;
  private declarationsAt: Insertion | undefined;

  constructor(private readonly document: TextDocument, index: WorkspaceIndex) {
    this.outline = index.outline(document.uri);
    // The first line end tells the file's style; a one-line file gets the Windows one.
    const text = document.getText();
    const firstLineFeed = text.indexOf('\n');
    this.eol = firstLineFeed < 0 || text.charCodeAt(firstLineFeed - 1) === 13 ? '\r\n' : '\n';
    const constantsFile = index.constantsFile();
    const declaresLocally = this.outline?.globals.some((global) => global.isConst && catalogue.byConstant(global.name) !== undefined) === true;
    this.fileToInclude = constantsFile && constantsFile !== index.uriOf(document.uri) && !declaresLocally ? constantsFile : undefined;
    this.seesConstantsFile = constantsFile !== undefined && index.includeClosure(document.uri).slice(1).includes(constantsFile);
    this.visible = index.visibleDeclarations(document.uri);
  }

  /**
   * Whether `constant` may stand for its number here: not when a declaration the file sees
   * gives it another value (or one that is no plain number) — replacing would change the program.
   */
  canUse(constant: string): boolean {
    const declared = findIn(this.visible, constant);
    return !declared || (declared.value !== undefined && declared.value === catalogue.byConstant(constant)?.id);
  }

  editsFor(constants: readonly string[]): readonly TextEdit[] {
    const missing = [...new Set(constants)].filter((constant) => !findIn(this.visible, constant));
    if (missing.length === 0 || !this.outline || this.seesConstantsFile) return NO_EDITS;
    if (this.fileToInclude) return this.includeEdits(this.outline, this.fileToInclude);
    return [insertionEdit(this.declarationsInsertion(this.outline), missing.map(declarationLine), this.eol)];
  }

  /**
   * editsFor([constant]), as a completion asks for each of its ~500 items, and again after
   * every keystroke: the same edits as last time while they go to the same place.
   */
  editsForConstant(constant: string): readonly TextEdit[] {
    if (!this.outline || this.seesConstantsFile || findIn(this.visible, constant)) return NO_EDITS;
    if (this.fileToInclude) return this.includeEdits(this.outline, this.fileToInclude);
    return declarationEdits(this.declarationsInsertion(this.outline), constant, this.eol);
  }

  private includeEdits(outline: Outline, file: string): readonly TextEdit[] {
    if (!this.includeEditsOnce) {
      const separator = outline.includes.some((include) => include.path.includes('/')) ? '/' : '\\';
      const line = `#include "${relativeIncludePath(this.document.uri, file, separator)}"`;
      this.includeEditsOnce = [insertionEdit(planInsertion(this.document, this.document.getText(), outline, 'includes', this.eol), [line], this.eol)];
    }
    return this.includeEditsOnce;
  }

  private declarationsInsertion(outline: Outline): Insertion {
    return (this.declarationsAt ??= planInsertion(this.document, this.document.getText(), outline, 'variables', this.eol));
  }
}

const NO_EDITS: readonly TextEdit[] = [];

function declarationLine(constant: string): string {
  return `const dword ${constant} = ${catalogue.byConstant(constant)?.id ?? 0};`;
}

/**
 * The edits that declare one constant each, for the last insertion point asked about. They
 * are the same wherever they are offered (an edit names no document).
 */
const lastDeclarationEdits = { at: '', byConstant: new Map<string, readonly TextEdit[]>() };

function declarationEdits(insertion: Insertion, constant: string, eol: string): readonly TextEdit[] {
  if (lastDeclarationEdits.at !== insertion.key) {
    lastDeclarationEdits.at = insertion.key;
    lastDeclarationEdits.byConstant.clear();
  }
  let edits = lastDeclarationEdits.byConstant.get(constant);
  if (!edits) {
    edits = [insertionEdit(insertion, [declarationLine(constant)], eol)];
    lastDeclarationEdits.byConstant.set(constant, edits);
  }
  return edits;
}

/** Where lines go into a section, and what surrounds them: planned once, used by every edit. */
interface Insertion {
  /** Empty, where the lines go; shared by every edit planned there. */
  readonly range: Range;
  readonly prefix: string;
  readonly indent: string;
  readonly suffix: string;
  /** The same for two insertions that make the same edits (with the same line ends). */
  readonly key: string;
}

function insertionEdit(insertion: Insertion, lines: readonly string[], eol: string): TextEdit {
  const body = lines.map((line) => `${insertion.indent}${line}${eol}`).join('');
  return { range: insertion.range, newText: `${insertion.prefix}${body}${insertion.suffix}` };
}

/**
 * Includes go last in `includes { }`; declarations go first in `variables { }`, so that they
 * come before any use in the section's own initialisers. A missing section is created.
 */
function planInsertion(document: TextDocument, text: string, outline: Outline, keyword: 'includes' | 'variables', eol: string): Insertion {
  const section = outline.sections.find((s) => s.keyword.toLowerCase() === keyword);
  if (!section) {
    const offset = newSectionOffset(text, outline, keyword);
    const before = offset > 0 && !isLineStart(text, offset) ? eol : '';
    return insertionAt(document, offset, `${before}${keyword}${eol}{${eol}`, '  ', `}${eol}${eol}`, eol);
  }
  const indent = detectIndent(text, section) ?? '  ';
  if (keyword === 'variables') {
    const afterBrace = section.openBrace + 1;
    const lineEnd = endOfLine(text, afterBrace);
    const restOfLine = text.slice(afterBrace, lineEnd);
    if (restOfLine.trim() === '' && restOfLine.endsWith('\n')) return insertionAt(document, lineEnd, '', indent, '', eol);
    return insertionAt(document, afterBrace, eol, indent, '', eol);
  }
  const lineStart = startOfLine(text, section.closeBrace);
  if (text.slice(lineStart, section.closeBrace).trim() === '') return insertionAt(document, lineStart, '', indent, '', eol);
  return insertionAt(document, section.closeBrace, eol, indent, '', eol);
}

function insertionAt(document: TextDocument, offset: number, prefix: string, indent: string, suffix: string, eol: string): Insertion {
  const position = document.positionAt(offset);
  return { range: { start: position, end: position }, prefix, indent, suffix, key: `${position.line}:${position.character}\n${prefix}\n${indent}\n${suffix}\n${eol}` };
}

/** Where a new section goes: `includes` first (after the encoding header), `variables` after `includes`. */
function newSectionOffset(text: string, outline: Outline, keyword: 'includes' | 'variables'): number {
  if (keyword === 'variables') {
    const includes = outline.sections.find((s) => s.keyword.toLowerCase() === 'includes');
    if (includes) return endOfLine(text, includes.closeBrace);
  }
  const header = /^\uFEFF?\s*\/\*@!Encoding:[^*]*\*\/[ \t]*(\r?\n)?/.exec(text);
  if (header) return header[0].length;
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

function detectIndent(text: string, section: Section): string | undefined {
  const body = text.slice(section.openBrace + 1, section.closeBrace);
  return /\n([ \t]+)\S/.exec(body)?.[1];
}

function startOfLine(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

function endOfLine(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n') end++;
  return Math.min(text.length, end + 1);
}

function isLineStart(text: string, offset: number): boolean {
  return offset === 0 || text[offset - 1] === '\n' || text[offset - 1] === '\r';
}
