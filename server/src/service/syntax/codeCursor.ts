import { P, punctCode, type CodeTokens } from './codeTokens';
import { integerValueAt } from './scanner';
import { TokenKind } from './tokens';
import { NameSet } from '../text/nameSet';
import { SYSVAR_FUNCTION_NAMES, SYSVAR_FUNCTIONS, type NamedSysvar } from './sysvarCalls';
import { countWhile } from '../text/sorted';

/**
 * Reads a file's code tokens by index, for the outline and the analysis alike: what a token
 * is, where an operand starts and ends, its parentheses, calls and their arguments.
 * Out-of-range indexes read as nothing.
 */
export class CodeCursor {
  kinds!: Uint8Array;
  starts!: Int32Array;
  ends!: Int32Array;
  count!: number;
  puncts!: Int32Array;
  partners!: Int32Array;
  text!: string;

  constructor(text: string, code: CodeTokens) {
    this.point(text, code);
  }

  /** Reads these tokens of this text from now on. */
  protected point(text: string, code: CodeTokens): void {
    this.text = text;
    this.kinds = code.kinds;
    this.starts = code.starts;
    this.ends = code.ends;
    this.count = code.count;
    this.puncts = code.puncts;
    this.partners = code.partners;
  }

  /** How many pairs of parentheses enclose the whole of `[first, last]`: 2 for `((x))`. */
  parenthesesAround(first: number, last: number): number {
    let levels = 0;
    while (first + levels < last - levels && this.partners[first + levels] === last - levels && this.punctAt(first + levels) === P.openParen) levels++;
    return levels;
  }

  /** A literal operand: a single integer Number token, or one in parentheses or after a cast (`(dword)229`). */
  literalOperand(outerFirst: number, outerLast: number): number | undefined {
    const levels = this.parenthesesAround(outerFirst, outerLast);
    const first = outerFirst + levels;
    const last = outerLast - levels;
    const cast = this.castEnd(first, last);
    if (cast !== undefined) return this.literalOperand(cast + 1, last);
    if (first !== last || this.kindAt(first) !== TokenKind.Number) return undefined;
    return this.integerAt(first) === undefined ? undefined : first;
  }

  /**
   * The branches of a conditional `c ? a : b` that is the whole of `[first, last]`, as
   * `[aFirst, aLast, bFirst, bLast]` (a nested conditional in `b` is `b`); undefined for
   * any other expression.
   */
  conditionalBranches(first: number, last: number): [number, number, number, number] | undefined {
    let question = -1;
    let open = 0;
    for (let i = first; i <= last; i++) {
      const code = this.punctAt(i);
      if (code === P.openParen || code === P.openBracket) {
        if (this.partners[i] < i || this.partners[i] > last) return undefined;
        i = this.partners[i];
      } else if (code === P.question) {
        if (question < 0) question = i;
        open++;
      } else if (code === P.colon && question >= 0 && --open === 0) {
        return question > first && i - 1 > question && i < last ? [question + 1, i - 1, i + 1, last] : undefined;
      }
    }
    return undefined;
  }

  /** The last token of the expression from `first`: before the `;` or `,` that ends it, or the bracket that closes around it. */
  expressionLast(first: number, highest: number): number | undefined {
    for (let i = first; i <= highest; i++) {
      const code = this.punctAt(i);
      if (code === P.semicolon || code === P.comma || code === P.closeParen || code === P.closeBracket || code === P.closeBrace) return i - 1;
      if (code === P.openParen || code === P.openBracket || code === P.openBrace) {
        if (this.partners[i] < i || this.partners[i] > highest) return undefined;
        i = this.partners[i];
      }
    }
    return undefined;
  }

  /**
   * The last token of a postfix operand starting at the identifier `first`: `a`, `a[i]`,
   * `a[i][0]`, `f(x)`, members `a.b`, `a[i].b[0]`, `a.f(x)`; `first` itself for any other token.
   */
  postfixEnd(first: number, highest: number): number {
    if (this.kindAt(first) !== TokenKind.Identifier) return first;
    let last = first;
    for (;;) {
      if (this.punctAt(last + 1) === P.openParen) return this.matching(last + 1, highest) ?? first;
      while (this.punctAt(last + 1) === P.openBracket) {
        const close = this.matching(last + 1, highest);
        if (close === undefined) return last;
        last = close;
      }
      if (last + 2 > highest || this.punctAt(last + 1) !== P.dot || this.kindAt(last + 2) !== TokenKind.Identifier) return last;
      last += 2;
    }
  }

  /** Where a member chain ending with the name at `name` starts: `a` of `a[i].b.c`; undefined when what is before a `.` is no name. */
  private memberChainStart(name: number, lowest: number): number | undefined {
    let first = name;
    while (first - 2 >= lowest && this.punctAt(first - 1) === P.dot) {
      let previous = first - 2;
      while (previous >= lowest && this.punctAt(previous) === P.closeBracket) {
        const open = this.matchingBackward(previous, lowest);
        if (open === undefined) return undefined;
        previous = open - 1;
      }
      if (previous < lowest || this.kindAt(previous) !== TokenKind.Identifier) return undefined;
      first = previous;
    }
    return first;
  }

  /** The first token of the whole operand left of the operator at `i`, if it stands alone (no tighter operator binds it). */
  leftOperandFirst(i: number, lowest: number): number | undefined {
    const last = i - 1;
    if (last < lowest) return undefined;
    let first = last;
    const punct = this.punctAt(last);
    if (punct === P.closeParen || punct === P.closeBracket) {
      const open = this.matchingBackward(last, lowest);
      if (open === undefined) return undefined;
      first = open;
      // `a[i][0]`, `f(x)`: walk back over the postfix groups to the name.
      while (first - 1 >= lowest && this.punctAt(first - 1) === P.closeBracket) {
        const previous = this.matchingBackward(first - 1, lowest);
        if (previous === undefined) return undefined;
        first = previous;
      }
      if (first - 1 >= lowest && this.kindAt(first - 1) === TokenKind.Identifier) first--;
      else if (punct === P.closeBracket) return undefined;
    } else {
      const kind = this.kindAt(last);
      if (kind !== TokenKind.Identifier && kind !== TokenKind.Number && kind !== TokenKind.SysVar && kind !== TokenKind.Signal) return undefined;
    }
    if (this.kindAt(first) === TokenKind.Identifier) {
      const chainStart = this.memberChainStart(first, lowest);
      if (chainStart === undefined) return undefined;
      first = chainStart;
    }
    if (first - 1 >= lowest && !this.opensOperand(first - 1)) return undefined;
    return first;
  }

  /** The last token of the whole operand right of the operator at `i`, if it stands alone. */
  rightOperandLast(i: number, highest: number): number | undefined {
    const first = i + 1;
    if (first > highest) return undefined;
    let last = first;
    const cast = this.castEnd(first, highest);
    if (cast !== undefined) return this.rightOperandLast(cast, highest);
    if (this.punctAt(first) === P.openParen) {
      const close = this.matching(first, highest);
      if (close === undefined) return undefined;
      last = close;
    } else {
      const kind = this.kindAt(first);
      if (kind === TokenKind.Identifier) last = this.postfixEnd(first, highest);
      else if (kind !== TokenKind.Number && kind !== TokenKind.SysVar && kind !== TokenKind.Signal) return undefined;
    }
    if (last + 1 <= highest && !OPERAND_CLOSERS.has(this.punctAt(last + 1))) return undefined;
    return last;
  }

  /** The `)` of a cast `(dword)`, `(enum Ids)` at `open` that an operand follows. */
  castEnd(open: number, highest: number): number | undefined {
    if (this.punctAt(open) !== P.openParen) return undefined;
    const close = this.matching(open, highest);
    if (close === undefined || close === open + 1) return undefined;
    for (let i = open + 1; i < close; i++) {
      if (this.kindAt(i) !== TokenKind.Identifier && this.punctAt(i) !== P.scope) return undefined;
    }
    const next = this.kindAt(close + 1);
    const operandFollows = next === TokenKind.Identifier || next === TokenKind.Number || next === TokenKind.SysVar || next === TokenKind.Signal || this.punctAt(close + 1) === P.openParen;
    return operandFollows && close + 1 <= highest ? close : undefined;
  }

  /** The first token of the assignment target written before the `=` at `i`: `x`, `@sysvar::A`, `tbl[i]`, `tbl[i][0]`, `a[i].b`. */
  assignmentTarget(i: number, lowest: number): number | undefined {
    let target = i - 1;
    while (target >= lowest && this.punctAt(target) === P.closeBracket) {
      const open = this.matchingBackward(target, lowest);
      if (open === undefined) return undefined;
      target = open - 1;
    }
    if (target < lowest) return undefined;
    const kind = this.kindAt(target);
    if (kind === TokenKind.SysVar) return this.isMemberAccess(target - 1) ? undefined : target;
    if (kind !== TokenKind.Identifier) return undefined;
    const first = this.memberChainStart(target, lowest);
    return first === undefined || this.isMemberAccess(first - 1) ? undefined : first;
  }

  /**
   * `[const] Type [::Type…] name` followed by `=`, `;`, `,` or `[` at the statement start `i`
   * (`enum Ids id;`, `LastRxMessageIdType id = …`): where its type and its first declared
   * name are. Undefined when the statement declares nothing (`x = 1;`, `return id;`, `else id = 1;`).
   */
  declarationAt(i: number): { typeStart: number; typeEnd: number; name: number } | undefined {
    let typeStart = i;
    if (this.isWord(typeStart, 'const')) typeStart++;
    let typeEnd = typeStart;
    if (this.isWord(typeStart, 'enum') || this.isWord(typeStart, 'struct')) typeEnd++;
    while (this.punctAt(typeEnd + 1) === P.scope && this.kindAt(typeEnd + 2) === TokenKind.Identifier) typeEnd += 2;
    if (this.kindAt(typeStart) !== TokenKind.Identifier || this.kindAt(typeEnd) !== TokenKind.Identifier) return undefined;
    const name = typeEnd + 1;
    if (this.kindAt(name) !== TokenKind.Identifier) return undefined;
    const after = this.punctAt(name + 1);
    if (after !== P.assign && after !== P.semicolon && after !== P.comma && after !== P.openBracket) return undefined;
    // Last, as few statements get this far: `return id;`, `else id = 1;`.
    if (typeStart === typeEnd && this.nameAt(STATEMENT_KEYWORDS, typeStart) !== undefined) return undefined;
    return { typeStart, typeEnd, name };
  }

  /** After a declarator, the index of the next declared name (`, name`), or past `last`. */
  nextDeclarator(i: number, last: number): number {
    while (i <= last) {
      const code = this.punctAt(i);
      if (code === P.semicolon) return last + 1;
      if (code === P.comma) return i + 1;
      if (code === P.openParen || code === P.openBracket || code === P.openBrace) {
        // Jump over the group; an unclosed one ends the declaration.
        const close = this.partners[i];
        if (close < i) return last + 1;
        i = close + 1;
      } else if (code === P.closeParen || code === P.closeBracket || code === P.closeBrace) {
        return last + 1;
      } else {
        i++;
      }
    }
    return last + 1;
  }

  /** The `,` or the `)` at `close` that ends the call argument starting at `first`. */
  argumentEnd(first: number, close: number): number {
    for (let i = first; i < close; i++) {
      const code = this.punctAt(i);
      if (code === P.comma) return i;
      // A group is jumped over whole: nested calls cost their length once, not once per level.
      if ((code === P.openParen || code === P.openBracket || code === P.openBrace) && this.partners[i] > i && this.partners[i] < close) i = this.partners[i];
    }
    return close;
  }

  matching(open: number, highest: number): number | undefined {
    const close = this.partners[open] ?? -1;
    return close > open && close <= highest ? close : undefined;
  }

  matchingBackward(close: number, lowest: number): number | undefined {
    const open = this.partners[close] ?? -1;
    return open >= lowest && open < close ? open : undefined;
  }

  isMemberAccess(i: number): boolean {
    if (i < 0) return false;
    const code = this.punctAt(i);
    return code === P.dot || code === P.scope || code === P.arrow;
  }

  /** The punctuator at `i` as a number (see punctCode), 0 for any other token. */
  punctAt(i: number): number {
    return i >= 0 && i < this.count ? this.puncts[i] : 0;
  }

  /** Whether the identifier at `i` is `word`, without slicing the text. */
  isWord(i: number, word: string): boolean {
    if (i < 0 || i >= this.count || this.kinds[i] !== TokenKind.Identifier) return false;
    const start = this.starts[i];
    return this.ends[i] - start === word.length && this.text.startsWith(word, start);
  }

  /** Whether the token at `i` is an identifier but none of the keywords a `(` follows: `if (`, `switch (` … open no call. */
  mayNameFunction(i: number): boolean {
    if (this.kindAt(i) !== TokenKind.Identifier) return false;
    for (let k = 0; k < KEYWORDS_BEFORE_PAREN.length; k++) if (this.isWord(i, KEYWORDS_BEFORE_PAREN[k])) return false;
    return true;
  }

  /** After this token an operand stands alone: `(`, `,`, `&&`, `return` … */
  opensOperand(i: number): boolean {
    if (OPERAND_OPENERS.has(this.punctAt(i))) return true;
    return this.isWord(i, 'return') || this.isWord(i, 'case');
  }

  kindAt(i: number): TokenKind | undefined {
    return i >= 0 && i < this.count ? this.kinds[i] : undefined;
  }

  /** The value of the integer literal at `i` (see integerValue). */
  integerAt(i: number): number | undefined {
    return i >= 0 && i < this.count ? integerValueAt(this.text, this.starts[i], this.ends[i]) : undefined;
  }

  /** Whether the function named at `callee` writes or reads a system variable (see SYSVAR_FUNCTIONS). */
  sysvarAccess(callee: number): 'write' | 'read' | undefined {
    const name = this.nameAt(SYSVAR_FUNCTION_NAMES, callee);
    return name === undefined ? undefined : SYSVAR_FUNCTIONS.get(name);
  }

  /** The system variable the arguments after the `(` at `open` name first, as `sysvar::A::B` or as the strings `"A", "B"` (namespace, variable). */
  sysvarNamed(open: number, close: number): NamedSysvar | undefined {
    const end = this.argumentEnd(open + 1, close);
    if (this.kindAt(open + 1) === TokenKind.Identifier && this.textAt(open + 1).toLowerCase() === 'sysvar') {
      for (let i = open + 2; i < end; i += 2) {
        if (this.punctAt(i) !== P.scope || this.kindAt(i + 1) !== TokenKind.Identifier) return undefined;
      }
      return end > open + 2 ? { first: open + 1, last: end - 1, path: this.spanText(open + 1, end - 1), next: end + 1 } : undefined;
    }
    const variableEnd = end < close ? this.argumentEnd(end + 1, close) : end;
    const namespace = this.plainString(open + 1, end - 1);
    const variable = this.plainString(end + 1, variableEnd - 1);
    if (namespace === undefined || variable === undefined) return undefined;
    return { first: open + 1, last: variableEnd - 1, path: `${namespace}::${variable}`, next: variableEnd + 1 };
  }

  /** The contents of a string literal that is all of `[first, last]` and has no escapes. */
  private plainString(first: number, last: number): string | undefined {
    if (first !== last || this.kindAt(first) !== TokenKind.String) return undefined;
    const text = this.textAt(first);
    return text.length >= 2 && text.endsWith('"') && !text.includes('\\') ? text.slice(1, -1) : undefined;
  }

  /** The name of `names` that the token at `i` spells, without slicing the text. */
  nameAt(names: NameSet, i: number): string | undefined {
    return i >= 0 && i < this.count ? names.find(this.text, this.starts[i], this.ends[i]) : undefined;
  }

  textAt(i: number): string {
    return i >= 0 && i < this.count ? this.text.slice(this.starts[i], this.ends[i]) : '';
  }

  spanText(first: number, last: number): string {
    if (first > last) return '';
    return this.text.slice(this.starts[first], this.ends[last]);
  }

  /** Index of the first code token starting at or after `offset`. */
  indexAt(offset: number): number {
    return countWhile(this.starts, (start) => start < offset);
  }

  lineBreakBetween(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 10 || c === 13) return true;
    }
    return false;
  }
}

const KEYWORDS_BEFORE_PAREN = ['if', 'for', 'while', 'switch', 'return'];

/** Words that start a statement and are followed by a name without declaring it (`return id;`, `else id = 1;`). */
const STATEMENT_KEYWORDS = new NameSet(['return', 'else', 'case', 'do', 'goto']);

/** Punctuators after which an operand stands alone on the left of `==`, `!=` or `=`. */
const OPERAND_OPENERS = new Set(['(', ',', ';', '{', '}', '?', ':', '&&', '||', '!'].map(punctCode));
/** Punctuators before which an operand stands alone on the right. */
const OPERAND_CLOSERS = new Set([')', ',', ';', '?', ':', '&&', '||', ']', '}'].map(punctCode));
