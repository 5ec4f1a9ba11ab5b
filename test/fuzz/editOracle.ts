/**
 * The independent judge of fix edits. From a file's analysis it derives which literals the
 * preferred fixes must replace and by what (docs: magic-number → the entry's constant,
 * enum-mismatch with one expected entry → the table's value), without looking at the
 * product's edits. Then it diffs the original text against the edited one: everything but
 * those literals and one inserted block (an `#include` or `const dword` declarations, maybe
 * in a new section) must be identical, character for character.
 */
import { strict as assert } from 'node:assert';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import type { FileAnalysis } from '../../server/src/service/analysis/types';
import { catalogue } from '../../server/src/service/catalogue/catalogue';
import type { Settings } from '../../server/src/service/settings';
import { parseCapl } from '../../server/src/service/syntax/parse';
import { integerValue, scan } from '../../server/src/service/syntax/scanner';
import { TokenKind } from '../../server/src/service/syntax/tokens';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { resolveInclude, uriKey } from '../../server/src/service/text/uris';

export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
  /** The catalogue constant that replaces an ID literal (undefined for an enum value fix). */
  readonly constant?: string;
}

function silenced(analysis: FileAnalysis, line: number, code: string): boolean {
  const codes = analysis.silencedLines.get(line);
  return codes !== undefined && (codes.length === 0 || codes.includes(code));
}

function severityOff(settings: Settings, code: 'magic-number' | 'enum-mismatch'): boolean {
  const configured = settings.diagnostics.severity[code];
  if (configured) return configured === 'off';
  return code === 'magic-number' && settings.diagnostics.magicNumber === 'off';
}

/**
 * What fix-all must replace in `text`, from the analysis (README "Diagnostics") and, for
 * duplicate-constant, the names and values the file's includes define: every `const` defined
 * again with the same value is removed, with its line where nothing else stands on it.
 */
export function expectedFixAll(text: string, analysis: FileAnalysis, settings: Settings, included: ReadonlyMap<string, number | undefined> = new Map()): Replacement[] {
  const lines = new LineIndex(text);
  const replacements: Replacement[] = [];
  if (settings.diagnostics.severity['duplicate-constant'] !== 'off') {
    const seen = new Map<string, number | undefined>();
    for (const global of parseCapl(text).outline.globals) {
      const value = global.initializer ? integerValue(text.slice(global.initializer.start, global.initializer.end).trim()) : undefined;
      const before = included.has(global.name) ? included.get(global.name) : seen.get(global.name);
      const defined = included.has(global.name) || seen.has(global.name);
      if (!seen.has(global.name)) seen.set(global.name, value);
      if (!global.isConst || !defined || value === undefined || before !== value) continue;
      if (silenced(analysis, lines.lineOf(global.nameSpan.start), 'duplicate-constant')) continue;
      const lineStart = text.lastIndexOf('\n', global.start - 1) + 1;
      const lineEnd = text.indexOf('\n', global.end);
      const semicolon = text.indexOf(';', global.end);
      const rest = text.slice(semicolon + 1, lineEnd < 0 ? text.length : lineEnd).trim();
      const alone = text.slice(lineStart, global.start).trim() === '' && (rest === '' || rest.startsWith('//'));
      replacements.push(alone ? { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, newText: '' } : { start: global.start, end: semicolon + 1, newText: '' });
    }
  }
  if (!severityOff(settings, 'magic-number')) {
    for (const id of analysis.ids) {
      if (id.rule === 'enum-member' || id.tables.length !== 1 || id.entries.length === 0) continue;
      if (silenced(analysis, lines.lineOf(id.start), 'magic-number')) continue;
      replacements.push({ start: id.start, end: id.end, newText: id.entries[0].constant, constant: id.entries[0].constant });
    }
  }
  if (!severityOff(settings, 'enum-mismatch')) {
    for (const mirror of analysis.enumMirrors) {
      for (const member of mirror.members) {
        if (!member.valueSpan || member.expected.length !== 1 || member.expected[0].id === member.value) continue;
        if (silenced(analysis, lines.lineOf(member.valueSpan.start), 'enum-mismatch')) continue;
        replacements.push({ start: member.valueSpan.start, end: member.valueSpan.end, newText: String(member.expected[0].id) });
      }
    }
  }
  return replacements.sort((a, b) => a.start - b.start);
}

export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  let result = '';
  let at = 0;
  for (const replacement of [...replacements].sort((a, b) => a.start - b.start)) {
    assert.ok(replacement.start >= at, 'overlapping replacements');
    result += text.slice(at, replacement.start) + replacement.newText;
    at = replacement.end;
  }
  return result + text.slice(at);
}

/** Each replacing constant has exactly the replaced literal's value (hex included). */
export function assertReplacementValues(text: string, replacements: readonly Replacement[]): void {
  for (const replacement of replacements) {
    if (!replacement.constant) continue;
    const written = text.slice(replacement.start, replacement.end);
    const value = integerValue(written);
    const entry = catalogue.byConstant(replacement.constant);
    assert.ok(entry, `${replacement.constant} is no catalogue constant`);
    assert.equal(entry.id, value, `${written} replaced by ${replacement.constant}, which is ${entry.id}`);
  }
}

export type LineEndStyle = 'crlf' | 'lf' | 'mixed' | 'none';

export function lineEndStyle(text: string): LineEndStyle {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  if (crlf === 0 && lf === 0) return 'none';
  if (lf === 0) return 'crlf';
  return crlf === 0 ? 'lf' : 'mixed';
}

/** The names the globals of these files define, and their values (the first definition of a name wins). */
export function definitionsIn(texts: readonly string[]): Map<string, number | undefined> {
  const definitions = new Map<string, number | undefined>();
  for (const text of texts) {
    for (const global of parseCapl(text).outline.globals) {
      if (definitions.has(global.name)) continue;
      definitions.set(global.name, global.initializer ? integerValue(text.slice(global.initializer.start, global.initializer.end).trim()) : undefined);
    }
  }
  return definitions;
}

/** Whether the file declares catalogue constants itself: then it gets declarations, never the constants include beside them (README "Named constants"). */
export function declaresCatalogueConstants(text: string): boolean {
  return parseCapl(text).outline.globals.some((global) => global.isConst && catalogue.byConstant(global.name) !== undefined);
}

export interface InsertionExpectation {
  /** The document's URI (include paths resolve against it). */
  readonly uri: string;
  /** The generated constants include, when the workspace has one the document does not see yet. */
  readonly includeOf?: string;
  /** Constants that must be declared by the inserted block (those used but not visible before). */
  readonly declare: readonly string[];
}

/**
 * The edited text is the original with exactly the expected replacements and at most one
 * inserted block, at `insertAt` (an offset of the original, from the product's insertion
 * edit: only its place is taken from the product, and that place is checked too).
 */
export function assertSafeEdit(
  original: string,
  edited: string,
  replacements: readonly Replacement[],
  insertAt: number | undefined,
  expectation: InsertionExpectation,
): string {
  const replaced = applyReplacements(original, replacements);
  const inserted = edited.length - replaced.length;
  const needsBlock = expectation.includeOf !== undefined || expectation.declare.length > 0;
  if (!needsBlock || inserted === 0) {
    assert.equal(inserted, 0, `${inserted} characters inserted where nothing had to be`);
    assert.ok(!needsBlock, `nothing inserted, but ${expectation.includeOf ? 'an #include' : expectation.declare.join(', ')} was needed`);
    assert.equal(edited, replaced, 'the edit changed more than the replaced literals');
    return '';
  }
  assert.ok(inserted > 0, `the edited text is ${-inserted} characters shorter than the original with its replacements`);
  assert.ok(insertAt !== undefined, 'a block was inserted but no insertion edit says where');
  // Where the block goes in `replaced`: insertAt shifted by the replacements before it.
  let at = insertAt;
  for (const replacement of replacements) {
    if (replacement.end <= insertAt) at += replacement.newText.length - (replacement.end - replacement.start);
    else assert.ok(replacement.start >= insertAt, `the insertion at ${insertAt} falls inside a replaced literal`);
  }
  assert.equal(edited.slice(0, at), replaced.slice(0, at), 'the text before the inserted block changed');
  assert.equal(edited.slice(at + inserted), replaced.slice(at), 'the text after the inserted block changed');
  const block = edited.slice(at, at + inserted);

  // The block goes between tokens, never inside a token, comment or string of the original.
  for (const token of scan(original)) {
    assert.ok(!(token.start < insertAt && insertAt < token.end), `the block is inserted inside ${JSON.stringify(original.slice(token.start, token.end))}`);
  }
  assertLineEnds(original, block);
  assertBlockShape(block, expectation);
  return block;
}

/** Inserted line ends follow the file's: CRLF in a CRLF file, LF in an LF file, never a bare CR. */
function assertLineEnds(original: string, block: string): void {
  assert.ok(!/\r(?!\n)/.test(block), `the inserted block has a bare CR: ${JSON.stringify(block)}`);
  const style = lineEndStyle(original);
  if (style === 'crlf') assert.ok(!/(?<!\r)\n/.test(block), `LF inserted into a CRLF file: ${JSON.stringify(block)}`);
  if (style === 'lf') assert.ok(!block.includes('\r'), `CRLF inserted into an LF file: ${JSON.stringify(block)}`);
}

/** `[includes {] #include "<constants file>" [}]` or `[variables {] const dword NAME = VALUE; … [}]`. */
function assertBlockShape(block: string, expectation: InsertionExpectation): void {
  const tokens = scan(block).map((token) => ({ kind: token.kind, text: block.slice(token.start, token.end) }));
  const words = tokens.map((token) => token.text);
  let k = 0;
  const section = expectation.includeOf ? 'includes' : 'variables';
  const opensSection = words[0] === section && words[1] === '{';
  if (opensSection) k = 2;
  if (expectation.includeOf) {
    const directive = tokens[k];
    assert.ok(directive && directive.kind === TokenKind.Directive, `the inserted block is no #include: ${JSON.stringify(block)}`);
    const path = /^#include\s+"([^"]*)"$/.exec(directive.text)?.[1];
    assert.ok(path !== undefined, `malformed include ${JSON.stringify(directive.text)}`);
    const target = resolveInclude(expectation.uri, path);
    assert.ok(target && uriKey(target) === uriKey(expectation.includeOf), `#include "${path}" does not name ${expectation.includeOf}`);
    k++;
  } else {
    const declared: string[] = [];
    while (k < words.length && words[k] === 'const') {
      assert.deepEqual([words[k + 1], words[k + 3], words[k + 5]], ['dword', '=', ';'], `malformed declaration in ${JSON.stringify(block)}`);
      const name = words[k + 2];
      const entry = catalogue.byConstant(name);
      assert.ok(entry, `declares ${name}, no catalogue constant`);
      assert.equal(integerValue(words[k + 4]), entry.id, `declares ${name} = ${words[k + 4]}, the catalogue says ${entry.id}`);
      declared.push(name);
      k += 6;
    }
    assert.deepEqual([...declared].sort(), [...new Set(expectation.declare)].sort(), 'declared constants differ from the constants used and not yet visible');
  }
  if (opensSection) {
    assert.equal(words[k], '}', `the new ${section} section is not closed: ${JSON.stringify(block)}`);
    k++;
  }
  assert.equal(k, words.length, `unexpected text in the inserted block: ${JSON.stringify(block)}`);
}

/**
 * CAPL, like C, needs a declaration before its use: where the file declares a constant it
 * uses, the declaration comes first (a global initialiser in the same `variables` section
 * included).
 */
export function assertDeclaredBeforeUse(edited: string, constants: readonly string[]): void {
  const { outline } = parseCapl(edited);
  const tokens = scan(edited);
  for (const constant of new Set(constants)) {
    const declaration = outline.globals.find((global) => global.name === constant);
    if (!declaration) continue;
    for (const token of tokens) {
      if (token.kind !== TokenKind.Identifier || edited.slice(token.start, token.end) !== constant || token.start === declaration.nameSpan.start) continue;
      assert.ok(
        token.start > declaration.nameSpan.start,
        `${constant} is used at ${token.start} (line ${new LineIndex(edited).lineOf(token.start) + 1}) before its declaration at line ${new LineIndex(edited).lineOf(declaration.nameSpan.start) + 1}:\n${edited}`,
      );
    }
  }
}

/** The edits as offsets of `document`: the replacements (non-empty ranges) and the insertion points. */
export function splitEdits(document: TextDocument, edits: readonly TextEdit[]): { replacements: Replacement[]; insertions: { at: number; text: string }[] } {
  const replacements: Replacement[] = [];
  const insertions: { at: number; text: string }[] = [];
  for (const edit of edits) {
    const start = document.offsetAt(edit.range.start);
    const end = document.offsetAt(edit.range.end);
    if (start === end) insertions.push({ at: start, text: edit.newText });
    else replacements.push({ start, end, newText: edit.newText, ...(catalogue.byConstant(edit.newText) ? { constant: edit.newText } : {}) });
  }
  return { replacements: replacements.sort((a, b) => a.start - b.start), insertions };
}
