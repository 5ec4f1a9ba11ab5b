import type { Position, TextEdit } from 'vscode-languageserver-types';
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
  private includeEdit: TextEdit | undefined;
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

  editsFor(constants: readonly string[]): TextEdit[] {
    const outline = this.outline;
    if (!outline || this.seesConstantsFile) return [];
    const missing = [...new Set(constants)].filter((constant) => !findIn(this.visible, constant));
    if (missing.length === 0) return [];
    const text = this.document.getText();
    const eol = this.eol;
    if (this.fileToInclude) {
      if (!this.includeEdit) {
        const separator = outline.includes.some((include) => include.path.includes('/')) ? '/' : '\\';
        const line = `#include "${relativeIncludePath(this.document.uri, this.fileToInclude, separator)}"`;
        this.includeEdit = insertionEdit(planInsertion(this.document, text, outline, 'includes', eol), [line], eol);
      }
      return [this.includeEdit];
    }
    this.declarationsAt ??= planInsertion(this.document, text, outline, 'variables', eol);
    const declarations = missing.map((constant) => `const dword ${constant} = ${catalogue.byConstant(constant)?.id ?? 0};`);
    return [insertionEdit(this.declarationsAt, declarations, eol)];
  }
}

/** Where lines go into a section, and what surrounds them: planned once, used by every edit. */
interface Insertion {
  readonly position: Position;
  readonly prefix: string;
  readonly indent: string;
  readonly suffix: string;
}

function insertionEdit(insertion: Insertion, lines: readonly string[], eol: string): TextEdit {
  const body = lines.map((line) => `${insertion.indent}${line}${eol}`).join('');
  return { range: { start: insertion.position, end: insertion.position }, newText: `${insertion.prefix}${body}${insertion.suffix}` };
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
    return { position: document.positionAt(offset), prefix: `${before}${keyword}${eol}{${eol}`, indent: '  ', suffix: `}${eol}${eol}` };
  }
  const indent = detectIndent(text, section) ?? '  ';
  if (keyword === 'variables') {
    const afterBrace = section.openBrace + 1;
    const lineEnd = endOfLine(text, afterBrace);
    const restOfLine = text.slice(afterBrace, lineEnd);
    if (restOfLine.trim() === '' && restOfLine.endsWith('\n')) return { position: document.positionAt(lineEnd), prefix: '', indent, suffix: '' };
    return { position: document.positionAt(afterBrace), prefix: eol, indent, suffix: '' };
  }
  const lineStart = startOfLine(text, section.closeBrace);
  if (text.slice(lineStart, section.closeBrace).trim() === '') return { position: document.positionAt(lineStart), prefix: '', indent, suffix: '' };
  return { position: document.positionAt(section.closeBrace), prefix: eol, indent, suffix: '' };
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
