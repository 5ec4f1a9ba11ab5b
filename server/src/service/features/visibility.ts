import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue } from '../catalogue/catalogue';
import type { Outline, Section } from '../syntax/outline';
import { relativeIncludePath } from '../workspace/uris';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

/**
 * Plans the edits that let a document use catalogue constants: nothing when it already sees
 * them (declared, or the generated constants include is included, directly or not); else an
 * `#include` of the workspace's generated constants file in `includes { }`, or, without such
 * a file, `const dword` declarations in `variables { }`. A missing section is created.
 */
export class VisibilityPlanner {
  private readonly outline: Outline | undefined;
  private readonly constantsFile: string | undefined;
  private readonly seesConstantsFile: boolean;
  private includeEdit: TextEdit | undefined;

  constructor(private readonly document: TextDocument, private readonly index: WorkspaceIndex) {
    this.outline = index.outline(document.uri);
    const constantsFile = index.constantsFile();
    this.constantsFile = constantsFile && constantsFile !== index.uriOf(document.uri) ? constantsFile : undefined;
    this.seesConstantsFile = constantsFile !== undefined && index.includeClosure(document.uri).slice(1).includes(constantsFile);
  }

  editsFor(constants: readonly string[]): TextEdit[] {
    const outline = this.outline;
    if (!outline || this.seesConstantsFile) return [];
    const missing = [...new Set(constants)].filter((constant) => !this.index.findDeclaration(this.document.uri, constant));
    if (missing.length === 0) return [];
    const text = this.document.getText();
    const eol = text.includes('\r\n') || !text.includes('\n') ? '\r\n' : '\n';
    if (this.constantsFile) {
      if (!this.includeEdit) {
        const separator = outline.includes.some((include) => include.path.includes('/')) ? '/' : '\\';
        const line = `#include "${relativeIncludePath(this.document.uri, this.constantsFile, separator)}"`;
        this.includeEdit = insertIntoSection(this.document, text, outline, 'includes', [line], eol);
      }
      return [this.includeEdit];
    }
    const declarations = missing.map((constant) => `const dword ${constant} = ${catalogue.byConstant(constant)?.id ?? 0};`);
    return [insertIntoSection(this.document, text, outline, 'variables', declarations, eol)];
  }
}

function insertIntoSection(document: TextDocument, text: string, outline: Outline, keyword: 'includes' | 'variables', lines: readonly string[], eol: string): TextEdit {
  const section = outline.sections.find((s) => s.keyword.toLowerCase() === keyword);
  if (section) return insertBeforeClosingBrace(document, text, section, lines, eol);
  const offset = newSectionOffset(text, outline, keyword);
  const body = lines.map((line) => `  ${line}${eol}`).join('');
  const position = document.positionAt(offset);
  const before = offset > 0 && !isLineStart(text, offset) ? eol : '';
  return { range: { start: position, end: position }, newText: `${before}${keyword}${eol}{${eol}${body}}${eol}${eol}` };
}

function insertBeforeClosingBrace(document: TextDocument, text: string, section: Section, lines: readonly string[], eol: string): TextEdit {
  const lineStart = startOfLine(text, section.closeBrace);
  const indent = detectIndent(text, section) ?? '  ';
  const body = lines.map((line) => `${indent}${line}`);
  if (text.slice(lineStart, section.closeBrace).trim() === '') {
    const position = document.positionAt(lineStart);
    return { range: { start: position, end: position }, newText: body.map((line) => line + eol).join('') };
  }
  const position = document.positionAt(section.closeBrace);
  return { range: { start: position, end: position }, newText: eol + body.map((line) => line + eol).join('') };
}

/** Where a new section goes: `includes` first (after the encoding header), `variables` after `includes`. */
function newSectionOffset(text: string, outline: Outline, keyword: 'includes' | 'variables'): number {
  if (keyword === 'variables') {
    const includes = outline.sections.find((s) => s.keyword.toLowerCase() === 'includes');
    if (includes) return endOfLine(text, includes.closeBrace);
  }
  const header = /^\uFEFF?\s*\/\*@!Encoding:[^*]*\*\/[ \t]*(\r?\n)?/.exec(text);
  return header ? header[0].length : 0;
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
