import { CodeCursor } from './codeCursor';
import { codeTokens, HeaderWord, type CodeTokens } from './codeTokens';
import { integerValue, integerValueAt } from './scanner';
import { type ScannedTokens, type TokenBuffer, TokenKind } from './tokens';

/**
 * The top-level structure of a CAPL file, read from its tokens: sections, include
 * directives, procedures (event procedures, functions, test cases) and declarations.
 * All offsets are UTF-16 indexes into the decoded text; `end` is exclusive.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Section extends Span {
  /** `includes` or `variables` (as written, any case). */
  readonly keyword: string;
  /**
   * Offsets of `{` and of the matching `}`. An unclosed section ends at the text end, or,
   * when a procedure or another section starts inside it, after its last token before that.
   */
  readonly openBrace: number;
  readonly closeBrace: number;
}

export interface IncludeDirective extends Span {
  /** The path as written between the quotes, backslashes kept: `..\Common\ids.cin`. */
  readonly path: string;
  /** The span of the quoted path, quotes included. */
  readonly pathSpan: Span;
}

export interface Parameter extends Span {
  /** Type as written, without `&` and `[]`: `dword`, `byte`, `LastRxMessageIdType`. */
  readonly type: string;
  readonly name: string;
  readonly nameSpan: Span;
  readonly isArray: boolean;
  readonly isReference: boolean;
}

export type ProcedureKind = 'event' | 'function' | 'testcase' | 'testfunction';

export interface Procedure extends Span {
  readonly kind: ProcedureKind;
  /** Function or test name; for an event procedure the whole header after `on`, e.g. `fct_called EVSE.SetMessageTimeout`. */
  readonly name: string;
  readonly nameSpan: Span;
  /** Event procedures: lower-cased event type (`start`, `message`, `fct_called`, `sysvar`, `timer`, `key` …). */
  readonly eventType?: string;
  /** Event procedures: what follows the event type, as written (`EVSE.OnLastReceivedMessageIdChanged`, `Common::LastId`, `0x123`, `*`). */
  readonly eventTarget?: string;
  /** Functions: the return type when written (`void`, `long`), else undefined. */
  readonly returnType?: string;
  readonly parameters: readonly Parameter[];
  /**
   * Offsets of the body's `{` and of its matching `}`. An unclosed body ends at the text
   * end, or, when a top-level header (`on`, `testcase`, `testfunction`, `export`,
   * `includes`, `variables`) starts a line or statement inside it, after its last token
   * before that header: the header cannot be CAPL inside a body, so the `}` is missing.
   */
  readonly bodyOpen: number;
  readonly bodyClose: number;
  /** Index range of the body's code tokens (ScannedTokens.code), `{` and `}` (when there is one) included. */
  readonly bodyFirstToken: number;
  readonly bodyLastToken: number;
}

export interface EnumMember {
  readonly name: string;
  readonly nameSpan: Span;
  /** The value: written (`= 5`, `= 0x10`, `= -1`) or implied (previous + 1, first 0); undefined when not a literal. */
  readonly value: number | undefined;
  /** The span of the written value literal, when there is one. */
  readonly valueSpan?: Span;
}

export interface EnumDeclaration extends Span {
  /** Empty for an anonymous `enum { ... }`, whose nameSpan is then the `enum` keyword. */
  readonly name: string;
  readonly nameSpan: Span;
  readonly members: readonly EnumMember[];
}

export interface VariableDeclaration extends Span {
  /** `int`, `dword`, `msTimer`, `LastRxMessageIdType`, `enum SmartChargingMessageIDs`, `message 0x123` … as written. */
  readonly type: string;
  readonly name: string;
  readonly nameSpan: Span;
  readonly isConst: boolean;
  /** Span of the initializer expression after `=`, when there is one. */
  readonly initializer?: Span;
  /** The initializer's value when it is an integer literal (`const dword X = 8;`). */
  readonly value?: number;
}

export interface Outline {
  readonly sections: readonly Section[];
  readonly includes: readonly IncludeDirective[];
  readonly procedures: readonly Procedure[];
  /** Enums declared at top level or in `variables`. */
  readonly enums: readonly EnumDeclaration[];
  /** Variables and constants declared at top level or in `variables` (not inside procedures). */
  readonly globals: readonly VariableDeclaration[];
}

/** The outline with the names and paths `copy` gives (see detached), its procedures as they are. */
export function outlineWithCopies(outline: Outline, copy: (text: string) => string): Outline {
  return {
    sections: outline.sections.map((section) => ({ ...section, keyword: copy(section.keyword) })),
    includes: outline.includes.map((include) => ({ ...include, path: copy(include.path) })),
    procedures: outline.procedures,
    enums: outline.enums.map((declaration) => ({ ...declaration, name: copy(declaration.name), members: declaration.members.map((member) => ({ ...member, name: copy(member.name) })) })),
    globals: outline.globals.map((global) => ({ ...global, type: copy(global.type), name: copy(global.name) })),
  };
}

/**
 * Reads the outline in one forward pass over the tokens, tracking brace depth, without
 * recursion. Best effort on broken input: an unclosed block ends where a top-level header
 * starts inside it (see Procedure.bodyClose), stray tokens are skipped. Never throws.
 */
export function parseOutline(text: string, tokens: ScannedTokens, code: CodeTokens = codeTokens(text, tokens.code, 0, tokens.code.length - 1)): Outline {
  return new OutlineReader(text, tokens.commentsAndDirectives, code).read();
}

const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const AMPERSAND = 0x26;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DOUBLE_QUOTE = 0x22;
/** Shared by every procedure without parameters: an empty array each would be thousands of objects kept with the outline. */
const NO_PARAMETERS: readonly Parameter[] = Object.freeze([]);

/** Where a block ends: at its `}`, before a top-level header inside it, or at the text end. */
interface BlockEnd {
  /** Offset of the `}`, else of the end of the block's last token, else the text end. */
  readonly close: number;
  readonly end: number;
  /** Index in the token array of the block's last token. */
  readonly lastToken: number;
  /** Position in `code` where reading goes on. */
  readonly next: number;
}

interface FunctionHeader {
  readonly kind: ProcedureKind;
  readonly first: number;
  readonly name: number;
  readonly openParen: number;
  readonly closeParen: number;
  readonly returnType: string | undefined;
}

interface OpenSection {
  readonly keyword: string;
  readonly start: number;
  readonly openBrace: number;
}

/**
 * Positions (`k`, `j`) index the code tokens: those that are neither comments nor directives.
 * Every read method returns a position past the one it was given, and no token is looked
 * at more than a few times, so the pass is linear (the tests count the reads).
 */
class OutlineReader extends CodeCursor {
  private readonly words: Uint8Array;
  private readonly sections: Section[] = [];
  private readonly includes: IncludeDirective[] = [];
  private readonly procedures: Procedure[] = [];
  private readonly enums: EnumDeclaration[] = [];
  private readonly globals: VariableDeclaration[] = [];
  /** See shared(). */
  private readonly sharedStrings = new Map<string, string>();
  /** A `variables` section whose `}` has not been reached: declarations go on inside it. */
  private openSection: OpenSection | undefined;

  constructor(text: string, commentsAndDirectives: TokenBuffer, code: CodeTokens) {
    super(text, code);
    this.words = code.headerWords;
    for (let i = 0; i < commentsAndDirectives.length; i++) {
      if (commentsAndDirectives.kinds[i] === TokenKind.Directive) this.readInclude(commentsAndDirectives.starts[i], commentsAndDirectives.ends[i]);
    }
  }

  read(): Outline {
    let k = 0;
    while (k < this.count) k = this.readItem(k);
    this.closeSection(this.text.length, this.text.length);
    return { sections: this.sections, includes: this.includes, procedures: this.procedures, enums: this.enums, globals: this.globals };
  }

  private readItem(k: number): number {
    if (this.isPunct(k, CLOSE_BRACE)) {
      this.closeSection(this.startOf(k), this.endOf(k));
      return k + 1;
    }
    if (this.isPunct(k, SEMICOLON)) return k + 1;
    if (this.startsSection(k)) return this.readSection(k);
    if (this.wordAt(k) === HeaderWord.On) return this.readEventProcedure(k);
    if (this.startsTypeBody(k)) return this.readTypeBody(k);
    return this.readStatement(k);
  }

  private readInclude(start: number, end: number): void {
    const text = this.text;
    let i = skipBlanks(text, start + 1, end);
    if (!text.startsWith('include', i)) return;
    i = skipBlanks(text, i + 'include'.length, end);
    if (i >= end || text.charCodeAt(i) !== DOUBLE_QUOTE) return;
    let close = i + 1;
    while (close < end && text.charCodeAt(close) !== DOUBLE_QUOTE) close++;
    this.includes.push({
      start,
      end,
      path: text.slice(i + 1, close),
      pathSpan: { start: i, end: Math.min(close + 1, end) },
    });
  }

  private readSection(k: number): number {
    this.closeSectionBefore(k);
    const section = { keyword: this.tokenText(k), start: this.startOf(k), openBrace: this.startOf(k + 1) };
    if (this.wordAt(k) === HeaderWord.Variables) {
      this.openSection = section;
      return k + 2;
    }
    const end = this.blockEnd(this.matchingBrace(k + 1));
    this.sections.push({ ...section, end: end.end, closeBrace: end.close });
    return end.next;
  }

  private closeSection(closeBrace: number, end: number): void {
    if (!this.openSection) return;
    this.sections.push({ ...this.openSection, end, closeBrace });
    this.openSection = undefined;
  }

  /** A procedure or section header at `k` ends an open `variables` section whose `}` is missing. */
  private closeSectionBefore(k: number): void {
    if (k > 0) this.closeSection(this.endOf(k - 1), this.endOf(k - 1));
  }

  /** `on <eventType> <target…> { … }`: `on` at `k`. */
  private readEventProcedure(k: number): number {
    if (!this.isEventType(k + 1)) return k + 1;
    let open = k + 2;
    while (open < this.count && !this.isPunct(open, OPEN_BRACE) && !this.isPunct(open, SEMICOLON) && !this.isPunct(open, CLOSE_BRACE) && !this.startsTopLevelItem(open)) {
      open++;
    }
    if (!this.isPunct(open, OPEN_BRACE)) return this.isPunct(open, SEMICOLON) ? open + 1 : open;
    this.closeSectionBefore(k);
    const header = this.span(k + 1, open - 1);
    const end = this.blockEnd(this.matchingBrace(open));
    this.procedures.push({
      kind: 'event',
      start: this.startOf(k),
      end: end.end,
      name: this.text.slice(header.start, header.end),
      nameSpan: header,
      eventType: this.shared(this.tokenText(k + 1).toLowerCase()),
      eventTarget: open > k + 2 ? this.slice(k + 2, open - 1) : undefined,
      returnType: undefined,
      parameters: NO_PARAMETERS,
      bodyOpen: this.startOf(open),
      bodyClose: end.close,
      bodyFirstToken: open,
      bodyLastToken: end.lastToken,
    });
    return end.next;
  }

  /** `enum [Name] { … } [declarators];` or `struct [Name] { … } [declarators];`. */
  private readTypeBody(k: number): number {
    const keyword = this.tokenText(k);
    const named = this.isIdentifier(k + 1);
    const open = named ? k + 2 : k + 1;
    const close = keyword === 'enum' ? this.readEnumMembers(k, named, open) : this.matchingBrace(open);
    const end = this.blockEnd(close);
    if (!this.isPunct(close, CLOSE_BRACE)) return end.next;
    const tailEnd = this.statementEnd(end.next);
    if (!this.isPunct(tailEnd, SEMICOLON)) return end.next;
    const type = named ? `${keyword} ${this.tokenText(k + 1)}` : keyword;
    if (tailEnd > end.next) this.declareVariables(end.next, tailEnd, type);
    return tailEnd + 1;
  }

  /** Records the enum whose `{` is at `open`; returns the position of its `}` (or where it stops). */
  private readEnumMembers(k: number, named: boolean, open: number): number {
    const members: EnumMember[] = [];
    let implied: number | undefined = 0;
    let j = open + 1;
    while (j < this.count && !this.isPunct(j, CLOSE_BRACE) && !this.isPunct(j, SEMICOLON) && !this.startsTopLevelItem(j)) {
      const memberEnd = this.enumMemberEnd(j);
      if (this.isIdentifier(j)) {
        const literal = this.isPunct(j + 1, EQUALS) ? this.literal(j + 2, memberEnd) : undefined;
        const value: number | undefined = this.isPunct(j + 1, EQUALS) ? literal?.value : implied;
        members.push({ name: this.tokenText(j), nameSpan: this.span(j, j), value, valueSpan: literal?.span });
        implied = value === undefined ? undefined : value + 1;
      }
      j = this.isPunct(memberEnd, COMMA) ? memberEnd + 1 : memberEnd;
    }
    const end = this.blockEnd(j);
    this.enums.push({
      start: this.startOf(k),
      end: end.end,
      name: named ? this.tokenText(k + 1) : '',
      nameSpan: this.span(named ? k + 1 : k, named ? k + 1 : k),
      members,
    });
    return j;
  }

  /** The `,` after the member starting at `j`, or the `}`, `;` or header that ends the member list. */
  private enumMemberEnd(j: number): number {
    let depth = 0;
    for (let m = j; m < this.count; m++) {
      if (this.isPunct(m, SEMICOLON) || (m > j && this.startsTopLevelItem(m))) return m;
      if (depth === 0 && (this.isPunct(m, COMMA) || this.isPunct(m, CLOSE_BRACE))) return m;
      depth = Math.max(0, depth + this.nesting(m));
    }
    return this.count;
  }

  /** An integer literal, optionally signed, filling `[first, end)`. */
  private literal(first: number, end: number): { value: number; span: Span } | undefined {
    const signed = end - first === 2 && (this.isPunct(first, MINUS) || this.isPunct(first, PLUS));
    if (end - first !== 1 && !signed) return undefined;
    const number = end - 1;
    if (this.kindOf(number) !== TokenKind.Number) return undefined;
    const value = integerValue(this.tokenText(number));
    if (value === undefined) return undefined;
    return { value: signed && this.isPunct(first, MINUS) ? -value : value, span: this.span(first, number) };
  }

  /** A declaration, a function or a stray block starting at `k`. */
  private readStatement(k: number): number {
    const end = this.statementEnd(k);
    if (this.isPunct(end, OPEN_BRACE)) return this.readBlockStatement(k, end);
    if (end > k && !this.isPrototype(k, end)) this.declareVariables(k, end);
    return this.isPunct(end, SEMICOLON) ? end + 1 : end;
  }

  /**
   * The `;`, `}`, body `{` or top-level header that ends the statement starting at `k`
   * (`count` at the end); the braces of an `= { … }` initializer are skipped.
   */
  private statementEnd(k: number): number {
    for (let j = k; j < this.count; j++) {
      if (this.isPunct(j, SEMICOLON) || this.isPunct(j, CLOSE_BRACE)) return j;
      if (this.isPunct(j, OPEN_BRACE)) {
        if (j === k || !this.isPunct(j - 1, EQUALS)) return j;
        j = this.matchingBrace(j);
        if (!this.isPunct(j, CLOSE_BRACE)) return j;
      } else if (j > k && this.startsTopLevelItem(j)) {
        return j;
      }
    }
    return this.count;
  }

  /** A function, test case or test function when `[k, open)` is its header, else a block skipped whole. */
  private readBlockStatement(k: number, open: number): number {
    const header = this.functionHeader(k, open);
    if (header) this.closeSectionBefore(k);
    const end = this.blockEnd(this.matchingBrace(open));
    if (header) {
      this.procedures.push({
        kind: header.kind,
        start: this.startOf(header.first),
        end: end.end,
        name: this.tokenText(header.name),
        nameSpan: this.span(header.name, header.name),
        eventType: undefined,
        eventTarget: undefined,
        returnType: header.returnType,
        parameters: this.readParameters(header.openParen, header.closeParen),
        bodyOpen: this.startOf(open),
        bodyClose: end.close,
        bodyFirstToken: open,
        bodyLastToken: end.lastToken,
      });
    }
    return end.next;
  }

  /** `[export] [testcase | testfunction | returnType] name(…)` ending right before `open`; tokens before it are ignored. */
  private functionHeader(k: number, open: number): FunctionHeader | undefined {
    const closeParen = open - 1;
    if (closeParen <= k || !this.isPunct(closeParen, CLOSE_PAREN)) return undefined;
    const openParen = this.openingParen(k, closeParen);
    const name = openParen - 1;
    if (name < k || !this.isIdentifier(name)) return undefined;
    let kind: ProcedureKind = 'function';
    let returnType: string | undefined;
    let first = name;
    const before = first > k ? this.wordAt(first - 1) : HeaderWord.None;
    if (before === HeaderWord.Testcase || before === HeaderWord.Testfunction) {
      kind = before === HeaderWord.Testcase ? 'testcase' : 'testfunction';
      first--;
    } else if (first > k && this.isIdentifier(first - 1) && before !== HeaderWord.Export) {
      first--;
      if (first > k && (this.isWord(first - 1, 'enum') || this.isWord(first - 1, 'struct'))) first--;
      returnType = this.shared(this.slice(first, name - 1));
    }
    if (first > k && this.wordAt(first - 1) === HeaderWord.Export) first--;
    return { kind, first, name, openParen, closeParen, returnType };
  }

  /** The `(` matching the `)` at `closeParen`, searching back to `k` (k - 1 when unmatched). */
  private openingParen(k: number, closeParen: number): number {
    let depth = 0;
    for (let j = closeParen; j >= k; j--) {
      if (this.isPunct(j, CLOSE_PAREN)) depth++;
      else if (this.isPunct(j, OPEN_PAREN) && --depth === 0) return j;
    }
    return k - 1;
  }

  private readParameters(openParen: number, closeParen: number): readonly Parameter[] {
    if (closeParen === openParen + 1) return NO_PARAMETERS;
    const parameters: Parameter[] = [];
    let first = openParen + 1;
    let depth = 0;
    for (let j = first; j <= closeParen; j++) {
      if (j === closeParen || (depth === 0 && this.isPunct(j, COMMA))) {
        const parameter = this.readParameter(first, j);
        if (parameter) parameters.push(parameter);
        first = j + 1;
      } else {
        depth = Math.max(0, depth + this.nesting(j));
      }
    }
    return parameters;
  }

  /** `type [&] name [[…]]` in `[first, end)`; undefined for `void` and for nameless parameters. */
  private readParameter(first: number, end: number): Parameter | undefined {
    let bracket = first;
    while (bracket < end && !this.isPunct(bracket, OPEN_BRACKET)) bracket++;
    const name = bracket - 1;
    if (name < first || !this.isIdentifier(name) || (name === first && this.isWord(name, 'void'))) return undefined;
    let typeLast = name - 1;
    while (typeLast >= first && this.isPunct(typeLast, AMPERSAND)) typeLast--;
    return {
      start: this.startOf(first),
      end: this.endOf(end - 1),
      type: typeLast >= first ? this.shared(this.slice(first, typeLast)) : '',
      name: this.shared(this.tokenText(name)),
      nameSpan: this.span(name, name),
      isArray: bracket < end,
      isReference: typeLast < name - 1,
    };
  }

  /** `[const] type name [[…]] [= init] {, name [[…]] [= init]}` in `[k, end)`; `knownType` when the type came before (`enum E { … } a, b;`). */
  private declareVariables(k: number, end: number, knownType?: string): void {
    const isConst = knownType === undefined && this.isWord(k, 'const');
    let type = knownType;
    let first = isConst ? k + 1 : k;
    // The first declaration's span starts with its type (and `const`), the others' with their name.
    let spanStart = k;
    let depth = 0;
    for (let j = first; j <= end; j++) {
      if (j < end && (depth > 0 || !this.isPunct(j, COMMA))) {
        depth = Math.max(0, depth + this.nesting(j));
        continue;
      }
      const declarator = this.declarator(first, j, type === undefined);
      if (declarator) {
        type ??= this.shared(this.slice(first, declarator.name - 1));
        this.globals.push({
          start: this.startOf(spanStart),
          end: this.endOf(j - 1),
          type,
          name: this.tokenText(declarator.name),
          nameSpan: this.span(declarator.name, declarator.name),
          isConst,
          initializer: declarator.initializer,
          value: declarator.initializer && integerValueAt(this.text, declarator.initializer.start, declarator.initializer.end),
        });
      } else if (type === undefined) {
        return;
      }
      first = j + 1;
      spanStart = first;
    }
  }

  /** The name (the identifier before the first `[` or `=`) and initializer of `[first, end)`; with `typed`, type tokens must precede the name. */
  private declarator(first: number, end: number, typed: boolean): { name: number; initializer: Span | undefined } | undefined {
    let stop = first;
    while (stop < end && !this.isPunct(stop, OPEN_BRACKET) && !this.isPunct(stop, EQUALS)) stop++;
    const name = stop - 1;
    if (name < (typed ? first + 1 : first) || !this.isIdentifier(name)) return undefined;
    let equals = stop;
    while (equals < end && !this.isPunct(equals, EQUALS)) equals++;
    return { name, initializer: equals + 1 < end ? this.span(equals + 1, end - 1) : undefined };
  }

  /** `type name(…);` (a function prototype): a `(` right after an identifier, before any `=`. */
  private isPrototype(k: number, end: number): boolean {
    for (let j = k + 1; j < end; j++) {
      if (this.isPunct(j, EQUALS)) return false;
      if (this.isPunct(j, OPEN_PAREN)) return this.isIdentifier(j - 1);
    }
    return false;
  }

  /** The `}` matching the `{` at `open`, or the top-level header where an unclosed block stops, or `count`. */
  private matchingBrace(open: number): number {
    const puncts = this.puncts;
    const words = this.words;
    let depth = 0;
    for (let j = open; j < this.count; j++) {
      const punct = puncts[j];
      if (punct === OPEN_BRACE) depth++;
      else if (punct === CLOSE_BRACE) {
        if (--depth === 0) return j;
      } else if (words[j] !== HeaderWord.None && j > open && this.startsTopLevelItem(j)) {
        return j;
      }
    }
    return this.count;
  }

  /** Where the block closed at `close` (a `}`, a header or `count`, as matchingBrace returns) ends. */
  private blockEnd(close: number): BlockEnd {
    if (this.isPunct(close, CLOSE_BRACE)) {
      return { close: this.startOf(close), end: this.endOf(close), lastToken: close, next: close + 1 };
    }
    if (close < this.count) {
      const lastEnd = this.endOf(close - 1);
      return { close: lastEnd, end: lastEnd, lastToken: close - 1, next: close };
    }
    return { close: this.text.length, end: this.text.length, lastToken: this.count - 1, next: this.count };
  }

  /**
   * A header that cannot occur inside a block, at the start of a line or statement: when
   * met inside a block, that block's `}` is missing (the user is typing, or the file was cut).
   */
  private startsTopLevelItem(j: number): boolean {
    let isHeader: boolean;
    switch (this.wordAt(j)) {
      case HeaderWord.On:
        isHeader = this.isEventType(j + 1);
        break;
      case HeaderWord.Testcase:
      case HeaderWord.Testfunction:
        isHeader = this.isIdentifier(j + 1) && this.isPunct(j + 2, OPEN_PAREN);
        break;
      case HeaderWord.Export:
        isHeader = this.wordAt(j + 1) === HeaderWord.Testfunction;
        break;
      case HeaderWord.Includes:
      case HeaderWord.Variables:
        isHeader = this.isPunct(j + 1, OPEN_BRACE);
        break;
      default:
        return false;
    }
    return isHeader && this.startsLineOrStatement(j);
  }

  private startsSection(k: number): boolean {
    const word = this.wordAt(k);
    return (word === HeaderWord.Includes || word === HeaderWord.Variables) && this.isPunct(k + 1, OPEN_BRACE);
  }

  private startsTypeBody(k: number): boolean {
    if (!this.isWord(k, 'enum') && !this.isWord(k, 'struct')) return false;
    return this.isPunct(k + 1, OPEN_BRACE) || (this.isIdentifier(k + 1) && this.isPunct(k + 2, OPEN_BRACE));
  }

  /** The event type after `on` is an identifier on the same line. */
  private isEventType(k: number): boolean {
    if (k < 1 || !this.isIdentifier(k)) return false;
    const text = this.text;
    for (let i = this.endOf(k - 1); i < this.startOf(k); i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || c === 0x0d) return false;
    }
    return true;
  }

  private startsLineOrStatement(k: number): boolean {
    if (k === 0 || this.isPunct(k - 1, SEMICOLON) || this.isPunct(k - 1, OPEN_BRACE) || this.isPunct(k - 1, CLOSE_BRACE)) return true;
    const text = this.text;
    let i = this.startOf(k) - 1;
    while (i >= 0 && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i--;
    return i < 0 || text.charCodeAt(i) === 0x0a || text.charCodeAt(i) === 0x0d;
  }

  /** +1 for an opening bracket of any kind, -1 for a closing one. */
  private nesting(k: number): number {
    const c = this.punctAt(k);
    if (c === OPEN_PAREN || c === OPEN_BRACKET || c === OPEN_BRACE) return 1;
    return c === CLOSE_PAREN || c === CLOSE_BRACKET || c === CLOSE_BRACE ? -1 : 0;
  }

  private startOf(k: number): number {
    return this.starts[k];
  }

  private endOf(k: number): number {
    return this.ends[k];
  }

  private kindOf(k: number): TokenKind {
    return this.kinds[k];
  }

  private tokenText(k: number): string {
    return this.text.slice(this.startOf(k), this.endOf(k));
  }

  /**
   * One string for all equal ones: types, event types and parameter names repeat
   * thousands of times in a large file, and the outline is kept while the file is open.
   */
  private shared(value: string): string {
    const known = this.sharedStrings.get(value);
    if (known !== undefined) return known;
    this.sharedStrings.set(value, value);
    return value;
  }

  /** The text from the start of `first` to the end of `last`, as written. */
  private slice(first: number, last: number): string {
    return this.text.slice(this.startOf(first), this.endOf(last));
  }

  private span(first: number, last: number): Span {
    return { start: this.startOf(first), end: this.endOf(last) };
  }

  private isPunct(k: number, c: number): boolean {
    return this.punctAt(k) === c;
  }

  /** See `words`; HeaderWord.None past the last position. */
  private wordAt(k: number): HeaderWord {
    return k < this.count ? this.words[k] : HeaderWord.None;
  }

  private isIdentifier(k: number): boolean {
    return k < this.count && this.kindOf(k) === TokenKind.Identifier;
  }
}

function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  return i;
}
