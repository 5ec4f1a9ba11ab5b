import { TABLE_TITLES } from '../catalogue/types';
import type { Settings } from '../settings';
import { codeTokens, P, type CodeTokens } from '../syntax/codeTokens';
import { parseCaplWithCode, type ParsedCapl } from '../syntax/parse';
import type { BodyReparse } from '../syntax/reparse';
import type { Procedure } from '../syntax/outline';
import { TokenKind } from '../syntax/tokens';
import { NameSet } from '../text/nameSet';
import { CodeCursor } from '../syntax/codeCursor';
import { structLayouts } from '../syntax/structLayouts';
import { ApiCarriers } from './apiCarriers';
import { CarrierTable } from './carrierTable';
import { NamedCarriers, THIS } from './namedCarriers';
import { detached, type CopyText } from './detached';
import { findEnumMirrors } from './enumMirrors';
import { FileContext } from './fileContext';
import { ID_TYPES, lastSegment, OBJECT_MEMBERS, OBJECT_TABLES, objectOfMemberPath, SCC_FUNCTIONS } from './idApis';
import { emptyLiterals, emptyPlaces, sortedLiterals, sortedPlaces, splicedLiterals, splicedPlaces, type LiteralLists, type PlaceLists } from './sites';
import { ruleCode, tableMask, type FileSummary } from './summary';
import type { EnumMirror, IdRule } from './types';

export interface SourceFile {
  readonly text: string;
  /** A file path or URI: its file and folder names hint at the node role. */
  readonly path: string;
}

/**
 * Reads a file's carriers, sources, links and literal sites (see FileSummary) in one walk
 * over each procedure body and variables section. It decides nothing about other files:
 * what it cannot resolve itself (a global, function or enum declared elsewhere) becomes an
 * import that the engine joins to the declaring file's export.
 */
export function summarizeFile(file: SourceFile, settings: Settings, parsed?: ParsedCapl, code?: CodeTokens, options: SummaryOptions = {}): FileSummary {
  if (!parsed) ({ parsed, code } = parseCaplWithCode(file.text));
  code ??= codeTokens(file.text, parsed.tokens.code, 0, parsed.tokens.code.length - 1);
  const context = new FileContext(file.text, settings, file.path, parsed.tokens.commentsAndDirectives, parsed.outline.procedures, options.copy);
  const builder = new SummaryBuilder(file, parsed, code, context, options.resumable === true, options.copy, options.places !== false);
  const summary = builder.build();
  if (options.resumable) resumable.set(summary, builder);
  return summary;
}

export interface SummaryOptions {
  /** Keep the builder, so that an edit of one body walks that body alone (see resummarizeBody). */
  readonly resumable?: boolean;
  /**
   * How the summary keeps the names and reasons it makes: copied when it must keep none of the
   * file's text alive (see detached). The outline's names it keeps as given: pass an outline
   * from outlineWithCopies then.
   */
  readonly copy?: CopyText;
  /** Whether it keeps the places only hover and completion read (ID slots, operands). Default true; a file whose text is not kept answers neither. */
  readonly places?: boolean;
}

/**
 * The summary after an edit inside one procedure body (see reparseBody): that body is walked
 * again with the carriers the file had (the same names are the same carriers); the rest of
 * the file keeps its links and sites, moved by the edit. Undefined when `previous` was not
 * summarised with `resumable`, or too many carriers of earlier versions of bodies are left.
 * Otherwise `previous` is given up: where the body has as many sites as before, its site
 * arrays are edited in place (fresh arrays of a large file per keystroke cost more than the
 * rest of the edit).
 */
export function resummarizeBody(previous: FileSummary, text: string, edit: BodyReparse): FileSummary | undefined {
  const builder = resumable.get(previous);
  if (!builder || builder.unusedCarriers > builder.carrierCount / 2) return undefined;
  const summary = builder.rewalk(previous, text, edit);
  resumable.delete(previous);
  resumable.set(summary, builder);
  return summary;
}


const SCC_FUNCTION_NAMES = new NameSet(SCC_FUNCTIONS.keys());
const MEMBER_NAMES = new NameSet(OBJECT_MEMBERS.keys());

/** The builder of a document's summary, kept for resummarizeBody. */
const resumable = new WeakMap<FileSummary, SummaryBuilder>();

/** How a struct's initialiser is read (see structInitializer): its members in order, for one struct or for rows of them. */
interface StructLayout {
  readonly members: readonly string[];
  readonly rows: boolean;
}

interface Scope {
  readonly first: number;
  readonly last: number;
  /** Outline index of the procedure, -1 for a variables section. */
  readonly index: number;
  readonly procedure: Procedure | undefined;
  /** Its locals and parameters by name. */
  readonly locals: Map<string, number>;
  /** The carrier of `@this` in `on sysvar X`. */
  readonly thisSysvar: number | undefined;
  /** The object of `on fct_called Obj.Member`: the binding of ID-typed declarations in it. */
  readonly handlerObject: string | undefined;
  /** The function's return value, when it is the file's first function of that name. */
  readonly returns: number | undefined;
}

class SummaryBuilder extends CodeCursor {
  private readonly carriers: CarrierTable;
  private readonly names: NamedCarriers;
  private readonly api: ApiCarriers;
  private links: number[] = [];
  private literals: LiteralLists = emptyLiterals();
  private slots: PlaceLists = emptyPlaces();
  private expressions: PlaceLists = emptyPlaces();
  /** Per procedure (outline index): where its links start and end in `links`. */
  private procedureLinks: Int32Array;
  /** Per procedure (outline index) of a resumable summary: its locals, which a walk of the body again reuses. */
  private readonly procedureLocals: Map<string, number>[] = [];
  /** Carriers of the bodies rewalk replaced: nothing refers to them any more. */
  unusedCarriers = 0;
  /** Per code token: a literal site already (the first rule that meets a literal wins). */
  private judged: Uint8Array;
  /** The carriers declared `const`: their initialiser is their definition. */
  private readonly constants = new Set<number>();
  /** The members of each struct type the file's variables sections declare, in order: an initialiser names them by position. */
  private structs: ReadonlyMap<string, readonly string[]> = new Map();
  private readonly mirrors: readonly EnumMirror[];

  constructor(
    private readonly file: SourceFile,
    private parsed: ParsedCapl,
    code: CodeTokens,
    private context: FileContext,
    private readonly resumable: boolean,
    copy: CopyText | undefined,
    private readonly keepsPlaces: boolean,
  ) {
    super(file.text, code);
    this.judged = new Uint8Array(code.count);
    const { outline } = parsed;
    this.procedureLinks = new Int32Array(2 * outline.procedures.length);
    this.mirrors = findEnumMirrors(outline.enums);
    this.carriers = new CarrierTable(context);
    this.carriers.copy = copy;
    this.names = new NamedCarriers(this.carriers, outline);
    this.api = new ApiCarriers(this.carriers, context);
  }

  build(): FileSummary {
    const { outline } = this.parsed;
    this.summarizeEnums();
    const variablesSections = outline.sections.filter((section) => section.keyword.toLowerCase() === 'variables').map((section) => {
      const first = this.indexAt(section.openBrace);
      return { first, last: this.closingIndex(section.closeBrace, first) };
    });
    this.structs = structLayouts(this, variablesSections, (name) => this.carriers.kept(name));
    let from = 0;
    outline.procedures.forEach((procedure, index) => {
      const first = this.indexAfter(from, procedure.bodyOpen);
      const last = this.closingIndex(procedure.bodyClose, first);
      this.procedureLinks[2 * index] = this.links.length;
      this.walkProcedure(procedure, index, first, last);
      this.procedureLinks[2 * index + 1] = this.links.length;
      from = last + 1;
    });
    for (const { first, last } of variablesSections) {
      this.walk({ first, last, index: -1, procedure: undefined, locals: new Map(), thisSysvar: undefined, handlerObject: undefined, returns: undefined });
    }
    return {
      path: this.file.path,
      carriers: this.carriers.snapshot(),
      links: new Int32Array(this.links),
      literals: sortedLiterals(this.literals),
      slots: sortedPlaces(this.slots),
      expressions: sortedPlaces(this.expressions),
      enumMirrors: this.mirrors,
      context: this.context,
      exports: this.carriers.exports,
      imports: this.carriers.imports,
      sysvars: this.carriers.sysvars,
      includes: outline.includes.map((include) => include.path),
    };
  }

  get carrierCount(): number {
    return this.carriers.count;
  }

  /** See resummarizeBody. */
  rewalk(previous: FileSummary, text: string, edit: BodyReparse): FileSummary {
    const { parsed, procedure: index, start, oldEnd, delta, lineDelta } = edit;
    const procedure = parsed.outline.procedures[index];
    const body = codeTokens(text, parsed.tokens.code, procedure.bodyFirstToken, procedure.bodyLastToken);
    this.point(text, body);
    this.parsed = parsed;
    this.judged = new Uint8Array(body.count);
    this.links = [];
    this.literals = emptyLiterals();
    this.slots = emptyPlaces();
    this.expressions = emptyPlaces();
    this.context = this.context.moved(oldEnd, delta, lineDelta);
    // From now on names are copied (see kept): the builder outlives this version of the text.
    this.carriers.copy ??= detached;
    const locals = this.procedureLocals[index];
    for (const carrier of locals.values()) this.constants.delete(carrier);
    this.carriers.recycle(locals);
    this.walkProcedure(procedure, index, 0, body.count - 1);
    this.unusedCarriers += this.carriers.endRecycling();
    return {
      ...previous,
      carriers: this.carriers.snapshot(previous.carriers),
      links: this.splicedLinks(previous.links, index),
      literals: splicedLiterals(previous.literals, sortedLiterals(this.literals), start, oldEnd, delta),
      slots: splicedPlaces(previous.slots, sortedPlaces(this.slots), start, oldEnd, delta),
      expressions: splicedPlaces(previous.expressions, sortedPlaces(this.expressions), start, oldEnd, delta),
      context: this.context,
    };
  }

  /** `links` with the body's links replaced by the walk's: `links` itself when they are the same (see sameGraph). */
  private splicedLinks(links: Int32Array, index: number): Int32Array {
    const [first, end] = [this.procedureLinks[2 * index], this.procedureLinks[2 * index + 1]];
    const fresh = this.links;
    if (end - first === fresh.length && fresh.every((link, i) => links[first + i] === link)) return links;
    const spliced = new Int32Array(links.length - (end - first) + fresh.length);
    spliced.set(links.subarray(0, first));
    spliced.set(fresh, first);
    spliced.set(links.subarray(end), first + fresh.length);
    const moved = fresh.length - (end - first);
    this.procedureLinks[2 * index + 1] = first + fresh.length;
    for (let i = 2 * index + 2; i < this.procedureLinks.length; i++) this.procedureLinks[i] += moved;
    return spliced;
  }

  // ---- carriers ---------------------------------------------------------------------------

  private link(a: number, b: number): void {
    if (a !== b) this.links.push(a, b);
  }

  /** The variable `name` as seen from the scope: a local or parameter, a global or enum member of the file, else one declared elsewhere. */
  private variable(scope: Scope, name: string): number {
    const local = scope.locals.get(name);
    return local !== undefined ? local : this.names.fileVariable(name);
  }

  // ---- scopes -----------------------------------------------------------------------------

  private walkProcedure(procedure: Procedure, index: number, first: number, last: number): void {
    const scope = this.procedureScope(procedure, index, first, last);
    this.walk(scope);
    if (this.resumable) this.procedureLocals[index] = scope.locals;
  }

  private procedureScope(procedure: Procedure, index: number, first: number, last: number): Scope {
    const exported = this.names.exports(procedure);
    const handlerObject = procedure.eventType === 'fct_called' || procedure.eventType === 'fct_returning'
      ? objectOfMemberPath(procedure.eventTarget ?? '')
      : undefined;
    const target = procedure.eventType === 'sysvar' || procedure.eventType === 'sysvar_update' ? procedure.eventTarget ?? '' : undefined;
    const targetCarrier = target === undefined ? undefined : this.names.sysvar(target);
    const thisSysvar = targetCarrier === THIS ? this.names.sysvarCarrier(target!) : targetCarrier;
    const scope: Scope = {
      first, last, index, procedure, locals: new Map(), thisSysvar, handlerObject,
      returns: exported ? this.names.returnOf(procedure.name) : undefined,
    };
    const callback = procedure.kind === 'function' ? SCC_FUNCTIONS.get(procedure.name) : undefined;
    procedure.parameters.forEach((parameter, position) => {
      const carrier = exported ? this.names.parameterOf(procedure.name, position) : this.carriers.local(scope.locals, parameter.name);
      scope.locals.set(parameter.name, carrier);
      const role = callback?.idParameters.get(position);
      if (role === 'states') {
        const states = this.context.stateTables();
        this.carriers.addSource(carrier, tableMask(states.tables), `${parameter.name}, a state parameter of ${procedure.name} (${states.why})`);
      } else if (role) {
        this.carriers.addSource(carrier, tableMask([role]), `${parameter.name}, the message ID parameter of ${procedure.name} (${TABLE_TITLES[role]} table)`);
      } else {
        this.typed(carrier, parameter.name, parameter.type, handlerObject);
      }
      if (this.keepsPlaces) this.expressions.add(parameter.nameSpan.start, parameter.nameSpan.end, carrier);
    });
    return scope;
  }

  /** A declaration of an ID type (rule 3) is a source; one of an enum type is linked to the enum. */
  private typed(carrier: number, name: string, type: string, handlerObject: string | undefined): void {
    const enumType = /^enum\s+(\w+)$/.exec(type)?.[1];
    if (enumType) {
      this.link(carrier, this.names.enumType(enumType));
      return;
    }
    if (!ID_TYPES.has(lastSegment(type))) return;
    if (handlerObject) {
      const binding = this.context.objectBinding(handlerObject);
      this.carriers.addSource(carrier, tableMask(binding.tables), `${name}, of type ${type} (${binding.why})`);
    } else {
      this.carriers.addSource(carrier, tableMask(OBJECT_TABLES), `${name}, of type ${type} (CCS or OCPP binding)`);
    }
  }

  private walk(scope: Scope): void {
    const switches: { depth: number; carrier: number | undefined }[] = [];
    let depth = 0;
    for (let i = scope.first; i <= scope.last; i++) {
      const kind = this.kinds[i];
      if (kind === TokenKind.Punct) {
        const code = this.puncts[i];
        if (code === P.openBrace) depth++;
        else if (code === P.closeBrace) {
          depth--;
          while (switches.length > 0 && switches[switches.length - 1].depth > depth) switches.pop();
        } else if (code === P.equal || code === P.notEqual) this.comparison(i, scope);
        else if (code === P.assign) this.assignment(i, scope);
        else if (code === P.openParen) this.call(i, scope);
      } else if (kind === TokenKind.Identifier) {
        if (this.isStatementStart(i, scope)) {
          const skipped = this.skipTypeBody(i, scope.last);
          if (skipped !== undefined) {
            i = skipped;
            continue;
          }
          this.declaration(i, scope);
        }
        if (this.isWord(i, 'switch') && this.punctAt(i + 1) === P.openParen) {
          const close = this.matching(i + 1, scope.last);
          if (close !== undefined && this.punctAt(close + 1) === P.openBrace) {
            const carrier = this.operand(i + 2, close - 1, scope);
            if (carrier !== undefined) this.expression(i + 2, close - 1, carrier);
            switches.push({ depth: depth + 1, carrier });
          }
        } else if (switches.length > 0 && this.isWord(i, 'case')) {
          this.caseLabel(i, switches[switches.length - 1].carrier, scope);
        } else if (scope.returns !== undefined && this.isWord(i, 'return')) {
          this.flow(i, scope, scope.returns, 'return');
        }
      }
    }
  }

  private isStatementStart(i: number, scope: Scope): boolean {
    if (i === scope.first) return true;
    const previous = this.punctAt(i - 1);
    return previous === P.semicolon || previous === P.openBrace || previous === P.closeBrace;
  }

  /**
   * `enum Name { … }`, `struct Name { … }`: the index of its `}`. An enum's members are
   * summarised from the outline (summarizeEnums), a struct's are no variables.
   */
  private skipTypeBody(i: number, last: number): number | undefined {
    if (!this.isWord(i, 'enum') && !this.isWord(i, 'struct')) return undefined;
    const open = this.punctAt(i + 1) === P.openBrace ? i + 1 : this.punctAt(i + 2) === P.openBrace ? i + 2 : undefined;
    return open === undefined ? undefined : this.matching(open, last);
  }

  /** `[const] Type name [= …][, name2 …];`: declares locals (or reads a global's type). */
  private declaration(i: number, scope: Scope): void {
    const declared = this.declarationAt(i);
    if (!declared) return;
    const { typeStart, typeEnd, name: nameIndex } = declared;
    const type = this.spanText(typeStart, typeEnd);
    const isConst = typeStart > i;
    const typed = ID_TYPES.has(this.textAt(typeEnd)) || this.isWord(typeStart, 'enum');
    for (let n = nameIndex; n <= scope.last && this.kindAt(n) === TokenKind.Identifier; ) {
      const name = this.textAt(n);
      const carrier = scope.index < 0 ? this.names.declaredGlobal(name) : this.carriers.local(scope.locals, name);
      // Where a local is declared, as a parameter is: hover explains it there, references know whether it holds IDs.
      if (scope.index >= 0 && this.keepsPlaces) this.expressions.add(this.starts[n], this.ends[n], carrier);
      if (isConst) this.constants.add(carrier);
      if (typed) this.typed(carrier, name, type.replace(/\s+/g, ' '), scope.handlerObject);
      n = this.nextDeclarator(n + 1, scope.last);
    }
  }

  // ---- operands ---------------------------------------------------------------------------

  /** The carrier an operand names: a variable (or an element or column of an array), a system variable, a `$…LatestCall` read, a call's return value. */
  private operand(outerFirst: number, outerLast: number, scope: Scope): number | undefined {
    const levels = this.parenthesesAround(outerFirst, outerLast);
    const cast = this.castEnd(outerFirst + levels, outerLast - levels);
    if (cast !== undefined) return this.operand(cast + 1, outerLast - levels, scope);
    const first = outerFirst + levels;
    const last = outerLast - levels;
    switch (this.kinds[first]) {
      case TokenKind.Identifier: {
        if (this.isMemberAccess(first - 1) || this.postfixEnd(first, last) !== last) return undefined;
        if (last === first) return this.variable(scope, this.textAt(first));
        if (this.punctAt(first + 1) === P.openParen) {
          if (this.sysvarAccess(first) === 'read') return this.sysvarRead(first + 1, last);
          return this.mayNameFunction(first) ? this.names.returnOf(this.textAt(first)) : undefined;
        }
        return this.member(first, last, scope);
      }
      case TokenKind.SysVar: {
        if (first !== last) return undefined;
        const carrier = this.names.sysvar(this.textAt(first));
        return carrier === THIS ? scope.thisSysvar : carrier;
      }
      case TokenKind.Signal:
        return first === last ? this.api.latestCall(this.textAt(first)) : undefined;
      default:
        return undefined;
    }
  }

  /**
   * `a.b.c`, `a[i].b`: a member is a carrier of its own, of the variable's (an element's
   * members are the array's); the last name's brackets are read as element() reads them.
   * Undefined for a method's result (`a.f(x)`) and for the members of `this`, the message or
   * event of an `on` procedure.
   */
  private member(first: number, last: number, scope: Scope): number | undefined {
    const names = [first];
    for (let i = first + 1; i <= last; i++) {
      const code = this.puncts[i];
      if (code === P.openBracket) i = this.partners[i];
      else if (code === P.dot) names.push(++i);
      else return undefined;
    }
    if (names.length > 1 && this.isWord(first, 'this')) return undefined;
    let carrier = this.variable(scope, this.textAt(first));
    for (let n = 1; n < names.length; n++) carrier = this.carriers.member(carrier, this.textAt(names[n]));
    return this.element(names[names.length - 1], last, carrier);
  }

  /** `tbl[i]` is any element of `tbl`; `tbl[i][0]` the column 0 of its rows. */
  private element(name: number, last: number, array: number): number {
    const lastOpen = this.partners[last];
    if (last === name || lastOpen === name + 1) return array;
    const column = this.literalOperand(lastOpen + 1, last - 1);
    return column === undefined ? array : this.column(array, this.integerAt(column)!);
  }

  private column(array: number, column: number): number {
    return this.carriers.column(array, column);
  }

  // ---- links and sites --------------------------------------------------------------------

  private comparison(i: number, scope: Scope): void {
    const leftFirst = this.leftOperandFirst(i, scope.first);
    const leftCarrier = leftFirst === undefined ? undefined : this.operand(leftFirst, i - 1, scope);
    if (leftCarrier !== undefined) this.slot(i, scope.last, leftCarrier);
    const rightLast = this.rightOperandLast(i, scope.last);
    if (leftFirst === undefined || rightLast === undefined) return;
    const leftLiteral = this.literalOperand(leftFirst, i - 1);
    const rightLiteral = this.literalOperand(i + 1, rightLast);
    if (leftLiteral !== undefined && rightLiteral !== undefined) return;
    if (rightLiteral !== undefined) {
      if (leftCarrier === undefined) return;
      this.expression(leftFirst, i - 1, leftCarrier);
      this.literal(rightLiteral, leftCarrier, 'comparison', scope);
      return;
    }
    const rightCarrier = this.operand(i + 1, rightLast, scope);
    if (rightCarrier === undefined) return;
    this.expression(i + 1, rightLast, rightCarrier);
    if (leftLiteral !== undefined) this.literal(leftLiteral, rightCarrier, 'comparison', scope);
    else if (leftCarrier !== undefined) {
      this.expression(leftFirst, i - 1, leftCarrier);
      this.link(leftCarrier, rightCarrier);
    }
  }

  private assignment(i: number, scope: Scope): void {
    const target = this.assignmentTarget(i, scope.first);
    if (target === undefined) return;
    // In a declaration (`dword tbl[2][3] = …`) the brackets are dimensions: the whole array is assigned.
    const declared = this.kindAt(target - 1) === TokenKind.Identifier && this.kindAt(target) === TokenKind.Identifier && this.bracketsUpTo(target + 1, i);
    const carrier = declared ? this.variable(scope, this.textAt(target)) : this.operand(target, i - 1, scope);
    if (carrier === undefined) return;
    if (this.punctAt(i + 1) !== P.openBrace) this.flow(i, scope, carrier, this.constants.has(carrier) ? 'constant' : 'assignment');
    else if (!declared || !this.isWord(target - 2, 'struct')) this.initializer(i + 1, carrier, scope);
    else {
      const members = this.structs.get(this.textAt(target - 1));
      // A struct type declared in another file: which member a position fills is not known here.
      if (members) this.structInitializer(i + 1, carrier, scope, { members, rows: this.punctAt(target + 1) === P.openBracket });
    }
  }

  /** Whether only bracket groups stand from `i` up to `end`: `[2][3]`, or nothing. */
  private bracketsUpTo(i: number, end: number): boolean {
    while (i < end && this.punctAt(i) === P.openBracket && this.partners[i] > i) i = this.partners[i] + 1;
    return i === end;
  }

  /** The operand after the token at `i` (`=`, `return`) flows into `carrier`. */
  private flow(i: number, scope: Scope, carrier: number, rule: IdRule): void {
    const last = this.expressionLast(i + 1, scope.last);
    if (last !== undefined) this.meet(i + 1, last, carrier, rule, scope);
  }

  /** `= { a, b }` fills the array's elements; `= { {a, b}, {c, d} }` its columns. */
  private initializer(open: number, array: number, scope: Scope): void {
    const close = this.matching(open, scope.last);
    if (close === undefined) return;
    for (let first = open + 1; first < close; ) {
      const end = this.argumentEnd(first, close);
      if (this.punctAt(first) === P.openBrace && this.partners[first] === end - 1) {
        for (let column = 0, inner = first + 1; inner < end - 1; column++) {
          const innerEnd = this.argumentEnd(inner, end - 1);
          this.meet(inner, innerEnd - 1, this.column(array, column), 'element', scope);
          inner = innerEnd + 1;
        }
      } else {
        this.meet(first, end - 1, array, 'element', scope);
      }
      first = end + 1;
    }
  }

  /**
   * A struct's `= { a, b }` fills its members by position; an array of structs'
   * `= { {a, b}, … }` those of every row. What the layout has no member for fills nothing.
   */
  private structInitializer(open: number, struct: number, scope: Scope, { members, rows }: StructLayout): void {
    const close = this.matching(open, scope.last);
    if (close === undefined) return;
    const fill = (first: number, end: number) => {
      for (let position = 0; first < end && position < members.length; position++) {
        const valueEnd = this.argumentEnd(first, end);
        this.meet(first, valueEnd - 1, this.carriers.member(struct, members[position]), 'member', scope);
        first = valueEnd + 1;
      }
    };
    if (!rows) return fill(open + 1, close);
    for (let first = open + 1; first < close; ) {
      const end = this.argumentEnd(first, close);
      if (this.punctAt(first) === P.openBrace && this.partners[first] === end - 1) fill(first + 1, end - 1);
      first = end + 1;
    }
  }

  /**
   * The operand `[first, last]` meets `carrier`: a literal is a site of it (by `rule`), a
   * carrier is linked to it; each branch of a conditional `c ? a : b` meets it (not `c`).
   */
  private meet(first: number, last: number, carrier: number, rule: IdRule, scope: Scope): void {
    if (first > last) return;
    const literal = this.literalOperand(first, last);
    if (literal !== undefined) return this.literal(literal, carrier, rule, scope);
    const from = this.operand(first, last, scope);
    if (from !== undefined) return this.link(carrier, from);
    const levels = this.parenthesesAround(first, last);
    const branches = this.conditionalBranches(first + levels, last - levels);
    if (branches === undefined) return;
    this.meet(branches[0], branches[1], carrier, rule, scope);
    this.meet(branches[2], branches[3], carrier, rule, scope);
  }

  private caseLabel(i: number, switched: number | undefined, scope: Scope): void {
    if (switched === undefined) return;
    this.slot(i, scope.last, switched);
    const labelLast = this.punctAt(i + 1) === P.openParen ? this.matching(i + 1, scope.last) : i + 1;
    if (labelLast === undefined || this.punctAt(labelLast + 1) !== P.colon) return;
    this.meet(i + 1, labelLast, switched, 'case-label', scope);
  }

  /** A call's arguments flow into the callee's parameters (rules 1, 2 and 4). */
  private call(open: number, scope: Scope): void {
    const callee = open - 1;
    if (callee < scope.first || !this.mayNameFunction(callee)) return;
    const close = this.matching(open, scope.last);
    if (close === undefined) return;
    if (this.isMemberAccess(callee - 1)) this.memberCall(callee, open, close, scope);
    else this.functionCall(callee, open, close, scope);
  }

  /** `Obj.Member(…)`, `Obj.Member.Call(…)`: the argument at the member's ID position flows into its carrier. */
  private memberCall(callee: number, open: number, close: number, scope: Scope): void {
    let memberIndex = callee;
    if (this.isWord(callee, 'Call') && this.punctAt(callee - 1) === P.dot) memberIndex = callee - 2;
    const member = this.nameAt(MEMBER_NAMES, memberIndex);
    if (member === undefined || this.punctAt(memberIndex - 1) !== P.dot || this.kindAt(memberIndex - 2) !== TokenKind.Identifier) return;
    const idParameter = OBJECT_MEMBERS.get(member)!.idParameter;
    const carrier = this.api.memberArgument(this.textAt(memberIndex - 2), member);
    for (let first = open + 1, index = 0; ; index++) {
      const end = this.argumentEnd(first, close);
      if (index === idParameter) return this.argument(first, end, carrier, scope);
      if (end === close) return;
      first = end + 1;
    }
  }

  private functionCall(callee: number, open: number, close: number, scope: Scope): void {
    const access = this.sysvarAccess(callee);
    if (access !== undefined) {
      if (access === 'write') this.sysvarWrite(open, close, scope);
      return;
    }
    const scc = this.nameAt(SCC_FUNCTION_NAMES, callee);
    const name = scc === undefined ? this.textAt(callee) : '';
    const parameters = scc === undefined ? this.names.parametersOf(name) : undefined;
    for (let first = open + 1, index = 0; ; index++) {
      const end = this.argumentEnd(first, close);
      const carrier = parameters ? this.names.parameterOf(name, index, parameters) : this.api.sccArgument(scc!, index);
      if (carrier !== undefined) this.argument(first, end, carrier, scope);
      if (end === close) return;
      first = end + 1;
    }
  }

  /** `sysSetVariableInt(sysvar::A::B, value)`, `sysSetVariableInt("A", "B", value)`: the value is assigned to the system variable. */
  private sysvarWrite(open: number, close: number, scope: Scope): void {
    const named = this.sysvarNamed(open, close);
    if (!named || named.next >= close) return;
    const carrier = this.names.sysvarCarrier(named.path);
    const end = this.argumentEnd(named.next, close);
    this.slot(named.next - 1, end - 1, carrier);
    this.meet(named.next, end - 1, carrier, 'assignment', scope);
  }

  /** The system variable `sysGetVariableInt(…)` reads, its arguments from the `(` at `open` to `close`. */
  private sysvarRead(open: number, close: number): number | undefined {
    const named = this.sysvarNamed(open, close);
    return named && named.next > close ? this.names.sysvarCarrier(named.path) : undefined;
  }

  /** The argument from `first` to before `end` flows into `carrier`, and is a slot of it. */
  private argument(first: number, end: number, carrier: number, scope: Scope): void {
    this.slot(first - 1, end - 1, carrier);
    if (first < end) this.meet(first, end - 1, carrier, 'argument', scope);
  }

  private literal(index: number, carrier: number, rule: IdRule, scope: Scope): void {
    if (this.judged[index]) return;
    const value = this.integerAt(index);
    if (value === undefined) return;
    this.judged[index] = 1;
    this.site(this.starts[index], this.ends[index], carrier, value, rule, scope.index);
  }

  /**
   * Each enum member is a carrier linked to its enum type, and its value a literal of it. A
   * mirror (rule 8) is a source for the type and for each member that names an entry; a
   * member of a mirror that names none is never an ID.
   */
  private summarizeEnums(): void {
    // By where the enum is declared: a name may be declared twice.
    const mirrors = new Map(this.mirrors.map((mirror) => [mirror.nameSpan.start, mirror]));
    for (const declaration of this.parsed.outline.enums) {
      const mirror = declaration.name ? mirrors.get(declaration.nameSpan.start) : undefined;
      const type = declaration.name ? this.names.enumType(declaration.name) : undefined;
      if (mirror && type !== undefined) this.carriers.addSource(type, tableMask([mirror.table]), `enum ${mirror.name}, which mirrors the ${TABLE_TITLES[mirror.table]} table`);
      declaration.members.forEach((member, position) => {
        if (mirror && mirror.members[position].expected.length === 0) return;
        const carrier = this.names.fileVariable(member.name);
        if (type !== undefined) this.link(carrier, type);
        if (mirror) this.carriers.addSource(carrier, tableMask([mirror.table]), `${member.name} in enum ${mirror.name}, which mirrors the ${TABLE_TITLES[mirror.table]} table`);
        if (member.valueSpan && member.value !== undefined) {
          this.site(member.valueSpan.start, member.valueSpan.end, carrier, member.value, 'enum-member', -1);
          // An enum the walk does not recognise to skip (one left open) must not give its values a second site.
          const token = this.indexAt(member.valueSpan.start);
          if (this.starts[token] === member.valueSpan.start) this.judged[token] = 1;
        }
      });
    }
  }

  /** Records the operand written after the operator or `case` at `i` (or its empty place) as an ID slot. */
  private slot(i: number, highest: number, carrier: number): void {
    if (!this.keepsPlaces) return;
    const nextKind = i + 1 <= highest ? this.kindAt(i + 1) : undefined;
    // An operand on a later line is the next statement, not what is being typed here.
    const written = (nextKind === TokenKind.Identifier || nextKind === TokenKind.Number) && !this.lineBreakBetween(this.ends[i], this.starts[i + 1]);
    const at = written ? i + 1 : i;
    this.slots.add(written ? this.starts[at] : this.ends[at], this.ends[at], carrier);
  }

  private expression(first: number, last: number, carrier: number): void {
    if (this.keepsPlaces) this.expressions.add(this.starts[first], this.ends[last], carrier);
  }

  private site(start: number, end: number, carrier: number, value: number, rule: IdRule, procedure: number): void {
    const spelling = isDecimalOf(this.text, start, end, value) ? undefined : this.carriers.kept(this.text.slice(start, end));
    this.literals.addLiteral(start, end, carrier, value, spelling, ruleCode(rule), procedure);
  }

  // ---- token positions ----------------------------------------------------------------------

  /** indexAt for an offset after the starts of all code tokens before `from`: read in order, few tokens lie between. */
  private indexAfter(from: number, offset: number): number {
    let i = from;
    while (i < this.count && this.starts[i] < offset) i++;
    return i;
  }

  /** Index of the last code token starting at or before `offset`: without a search when it is the partner of the `{` at `open`. */
  private closingIndex(offset: number, open: number): number {
    const close = this.partners[open];
    if (close >= 0 && this.starts[close] <= offset && (close + 1 === this.count || this.starts[close + 1] > offset)) return close;
    return this.indexAt(offset + 1) - 1;
  }
}

/** Whether text[start, end) is `value` as `String` writes it: up to 15 decimal digits, no leading zero. */
function isDecimalOf(text: string, start: number, end: number, value: number): boolean {
  if (end <= start || end - start > 15 || (end - start > 1 && text.charCodeAt(start) === 0x30)) return false;
  let read = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return false;
    read = read * 10 + digit;
  }
  return read === value;
}
