import { CodeCursor } from './codeCursor';
import { P, punctCode, type CodeTokens } from './codeTokens';
import type { Outline, Span } from './outline';
import type { NamedSysvar } from './sysvarCalls';
import { TokenKind } from './tokens';

/** How code meets a name: where it declares it, assigns or increments it, or reads it. */
export type Access = 'declared' | 'written' | 'read';

export interface Occurrence extends Span {
  readonly access: Access;
}

/**
 * A file's names as CAPL resolves them, read from its code tokens and outline: the
 * procedure a token stands in, the names a procedure declares (its parameters and locals,
 * which hide a global of the same name in the whole procedure, as the inference engine
 * reads them), and where a name is written as a variable. Strings and comments are no
 * tokens of code: they never count.
 */
export class FileScopes extends CodeCursor {
  /** Per procedure of the outline: the index of its first token (its header's) and of its last. */
  private readonly firstTokens: Int32Array;
  private readonly lastTokens: Int32Array;
  private readonly locals = new Map<number, ReadonlyMap<string, readonly Span[]>>();
  private sysvarCallList: readonly SysvarCall[] | undefined;

  constructor(text: string, code: CodeTokens, readonly outline: Outline) {
    super(text, code);
    const { procedures } = outline;
    this.firstTokens = Int32Array.from(procedures, (procedure) => this.indexAt(procedure.start));
    this.lastTokens = Int32Array.from(procedures, (procedure) => procedure.bodyLastToken);
  }

  /** The code token at `offset`, its end included (a cursor right after a name is on it); a name before a punctuator it touches. */
  tokenAt(offset: number): number | undefined {
    const token = this.indexAt(offset + 1) - 1;
    if (token < 0 || this.ends[token] < offset) return undefined;
    if (this.kinds[token] === TokenKind.Punct && this.starts[token] === offset && token > 0 && this.ends[token - 1] === offset) return token - 1;
    return token;
  }

  /** The index in the outline of the procedure the token stands in (its header included), -1 outside any. */
  procedureOf(token: number): number {
    let low = 0;
    let high = this.firstTokens.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.lastTokens[middle] < token) low = middle + 1;
      else if (this.firstTokens[middle] > token) high = middle - 1;
      else return middle;
    }
    return -1;
  }

  /** The names the procedure declares, each with where: its parameters, then the locals its body declares. */
  localsOf(procedure: number): ReadonlyMap<string, readonly Span[]> {
    let locals = this.locals.get(procedure);
    if (locals) return locals;
    const declared = new Map<string, Span[]>();
    const add = (name: string, span: Span) => {
      const spans = declared.get(name);
      if (spans) spans.push(span);
      else declared.set(name, [span]);
    };
    const { parameters, bodyFirstToken } = this.outline.procedures[procedure];
    for (const parameter of parameters) add(parameter.name, parameter.nameSpan);
    const last = this.lastTokens[procedure];
    for (let i = bodyFirstToken + 1; i <= last; i++) {
      const previous = this.punctAt(i - 1);
      if (previous !== P.semicolon && previous !== P.openBrace && previous !== P.closeBrace) continue;
      const declaration = this.declarationAt(i);
      if (!declaration) continue;
      for (let n = declaration.name; n <= last && this.kindAt(n) === TokenKind.Identifier; n = this.nextDeclarator(n + 1, last)) {
        add(this.textAt(n), { start: this.starts[n], end: this.ends[n] });
      }
    }
    this.locals.set(procedure, (locals = declared));
    return locals;
  }

  /** Whether the name at `token` is a variable as written: not a member (`.x`, `::x`, `->x`), not a call, not an enum type. */
  isVariable(token: number): boolean {
    return this.kindAt(token) === TokenKind.Identifier && !this.isMemberAccess(token - 1) && this.punctAt(token + 1) !== P.openParen && !this.isEnumType(token);
  }

  /** Whether the name at `token` follows `enum`: CAPL writes an enum type so. */
  isEnumType(token: number): boolean {
    return this.kindAt(token) === TokenKind.Identifier && this.isWord(token - 1, 'enum');
  }

  /** The tokens of `kind` that `matches` accepts (by offsets), in text order, from `first` to `last`. */
  tokensWhere(kind: TokenKind, matches: (token: number) => boolean, first = 0, last = this.count - 1): number[] {
    const found: number[] = [];
    for (let i = first; i <= last; i++) if (this.kinds[i] === kind && matches(i)) found.push(i);
    return found;
  }

  /** The procedure's tokens, its header's included. */
  tokenRange(procedure: number): { first: number; last: number } {
    return { first: this.firstTokens[procedure], last: this.lastTokens[procedure] };
  }

  /** Whether the code at `token` (a variable, an element `x[i]` or a system variable) is assigned, incremented or decremented there. */
  isWritten(token: number): boolean {
    if (STEPS.has(this.punctAt(token - 1))) return true;
    let last = token;
    while (this.punctAt(last + 1) === P.openBracket) {
      const close = this.matching(last + 1, this.count - 1);
      if (close === undefined) break;
      last = close;
    }
    const after = this.punctAt(last + 1);
    return ASSIGNMENTS.has(after) || STEPS.has(after);
  }

  /** The calls that write or read a system variable named in their arguments (`sysSetVariableInt(sysvar::A::B, 5)`), in text order. */
  sysvarCalls(): readonly SysvarCall[] {
    if (this.sysvarCallList) return this.sysvarCallList;
    const calls: SysvarCall[] = [];
    for (let i = 0; i < this.count; i++) {
      if (this.kinds[i] !== TokenKind.Identifier || this.punctAt(i + 1) !== P.openParen) continue;
      const access = this.sysvarAccess(i);
      const close = access && this.matching(i + 1, this.count - 1);
      const named = close ? this.sysvarNamed(i + 1, close) : undefined;
      if (named) calls.push({ ...named, access: access === 'write' ? 'written' : 'read' });
    }
    return (this.sysvarCallList = calls);
  }

  /** The occurrence of `token` with its access, `declared` when it is one of `declarations` (by start). */
  occurrence(token: number, declarations: ReadonlySet<number>): Occurrence {
    const start = this.starts[token];
    const access: Access = declarations.has(start) ? 'declared' : this.isWritten(token) ? 'written' : 'read';
    return { start, end: this.ends[token], access };
  }
}

/** A system variable a call names, and whether the call writes or reads it. */
export interface SysvarCall extends NamedSysvar {
  readonly access: Access;
}

const ASSIGNMENTS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>='].map(punctCode));
const STEPS = new Set(['++', '--'].map(punctCode));
