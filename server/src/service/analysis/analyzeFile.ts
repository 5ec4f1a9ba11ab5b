import { catalogue } from '../catalogue/catalogue';
import { TABLE_TITLES, type CatalogueEntry, type TableKey } from '../catalogue/types';
import type { Settings } from '../settings';
import type { Outline, Procedure, Span } from '../syntax/outline';
import { codeTokens, P, punctCode, type CodeTokens } from '../syntax/codeTokens';
import { parseCaplWithCode, type ParsedCapl } from '../syntax/parse';
import { moveSpan, type BodyReparse } from '../syntax/reparse';
import { integerValueAt } from '../syntax/scanner';
import { TokenKind } from '../syntax/tokens';
import { NameSet } from '../text/nameSet';
import { countWhile } from '../text/sorted';
import { detachedSource } from './detached';
import { carrying } from './describedSource';
import { findEnumMirrors } from './enumMirrors';
import { FileContext } from './fileContext';
import { JudgedLiteral, type TableOverride } from './judgedLiteral';
import type { TableChoice } from './bindings';
import { ID_TYPES, OBJECT_MEMBERS, OBJECT_TABLES, SCC_FUNCTIONS, type CallbackSignature, type MemberSignature } from './idApis';
import type { EnumMirror, FileAnalysis, FileFacts, IdExpression, IdRule, IdSlot, IdSource } from './types';
import { EMPTY_FACTS } from './types';

export interface SourceFile {
  readonly text: string;
  /** A file path or URI: its file and folder names hint at the node role. */
  readonly path: string;
}

/**
 * Decides, for every numeric literal of a CAPL file, whether it is a message ID, in which
 * table and why (docs/context-rules.md). `workspace` holds what other files tell this one
 * (system variables and function parameters that carry IDs); see analyzeFiles. `code`: the
 * code tokens `parsed` was read from (see parseCaplWithCode), when they are at hand.
 */
export function analyzeFile(file: SourceFile, settings: Settings, workspace: FileFacts = EMPTY_FACTS, parsed?: ParsedCapl, code?: CodeTokens): FileAnalysis {
  if (!parsed) ({ parsed, code } = parseCaplWithCode(file.text));
  const { tokens, outline } = parsed;
  code ??= codeTokens(file.text, tokens.code, 0, tokens.code.length - 1);
  const context = new FileContext(file.text, settings, file.path, tokens.commentsAndDirectives, outline.procedures);
  const shared = { globals: new Map(), configured: new Map(), idSysvars: new Map(), idParameters: new Map() };
  const analyzer = new FileAnalyzer(file.text, code, outline, fileTables(outline, workspace), context, workspace, shared);
  return analyzer.run();
}

/**
 * An edit that stayed inside one procedure's body, re-parsed (see syntax/reparse.ts), with
 * the text after it: what the procedure produced in its old span is replaced, what follows
 * moves by `delta`.
 */
export interface BodyEdit extends BodyReparse {
  readonly text: string;
}

/**
 * The analysis after an edit inside one procedure body, re-analysing that body alone; the
 * rest of the file keeps its results, moved by the edit. Undefined when the edit may change
 * what the procedure tells the rest of the file (a full analysis is then needed): its walk
 * must write exactly the shared facts it wrote before, under the same settled state.
 */
export function reanalyseProcedure(previous: FileAnalysis, edit: BodyEdit): FileAnalysis | undefined {
  const settled = previous.settled;
  const signature = settled?.writes[edit.procedure];
  if (!settled || signature === undefined) return undefined;
  const { tokens, outline } = edit.parsed;
  const procedure = outline.procedures[edit.procedure];
  const shared = {
    globals: new Map(settled.globals),
    configured: settled.configured,
    idSysvars: new Map(settled.idSysvars),
    idParameters: new Map([...settled.idParameters].map(([name, parameters]) => [name, new Map(parameters)])),
  };
  const analyzer = new FileAnalyzer(edit.text, codeTokens(edit.text, tokens.code, procedure.bodyFirstToken, procedure.bodyLastToken), outline, settled.tables, settled.context, settled.workspace, shared);
  const body = analyzer.runProcedure(edit.procedure);
  if (!body.writes || !sameWrites(body.writes, signature)) return undefined;
  return moveRest(previous, edit, detachedResults(body));
}

/**
 * The body's results with copies of their strings: those built from this version of the
 * text would keep it alive as long as they live, and they outlive it (every edit of
 * another procedure keeps them), so each edit would keep one more copy of the file.
 */
function detachedResults(body: ProcedureResults): ProcedureResults {
  const sources = new Map<IdSource, IdSource>();
  const source = (original: IdSource) => {
    let copy = sources.get(original);
    if (!copy) sources.set(original, (copy = detachedSource(original)));
    return copy;
  };
  return {
    ids: body.ids.map((id) => id.detached(source(id.source))),
    slots: body.slots.map((slot) => ({ ...slot, source: source(slot.source) })),
    expressions: body.expressions.map((expression) => ({ ...expression, source: source(expression.source) })),
    writes: body.writes,
  };
}

/**
 * The previous analysis with the edited procedure's results replaced and everything after it
 * moved. The previous analysis is given up: its results move in place, which keeps them the
 * same objects (features may cache by them) and costs no copy of thousands of them per edit.
 * The enum mirrors share their spans with the outline, which reparseBody moved already.
 */
function moveRest(previous: FileAnalysis, edit: BodyEdit, body: ProcedureResults): FileAnalysis {
  const { start, oldEnd, delta } = edit;
  const settled = previous.settled!;
  const silencedBy = edit.lineDelta === 0 && delta === 0 ? settled.silencedBy : moveSilences(settled.silencedBy, oldEnd, delta, edit.lineDelta);
  const silencedLines = silencedBy === settled.silencedBy ? previous.silencedLines : moveLines(previous.silencedLines, settled.silencedBy, oldEnd, edit.lineDelta);
  return {
    ...previous,
    ids: spliceSpans(previous.ids, start, oldEnd, body.ids, delta),
    idExpressions: spliceSpans(previous.idExpressions, start, oldEnd, body.expressions, delta),
    slots: spliceSpans(previous.slots, start, oldEnd, body.slots, delta),
    // An edited body holds no annotation (see reparseBody): the problems only move.
    annotationProblems: spliceSpans(previous.annotationProblems, oldEnd, oldEnd, [], delta),
    silencedLines,
    settled: silencedBy === settled.silencedBy ? settled : { ...settled, silencedBy },
  };
}

/** `sorted` (by start) with the items starting in [from, oldEnd) replaced by `inserted`; those after move by `delta`, in place. */
function spliceSpans<T extends Span>(sorted: readonly T[], from: number, oldEnd: number, inserted: readonly T[], delta: number): T[] {
  const first = countWhile(sorted, (item) => item.start < from);
  const rest = countWhile(sorted, (item) => item.start < oldEnd);
  const result = sorted.slice(0, first);
  for (const item of inserted) result.push(item);
  for (let i = rest; i < sorted.length; i++) {
    const item = sorted[i];
    if (delta !== 0) moveSpan(item, delta);
    result.push(item);
  }
  return result;
}

/** Lines silenced by comments after the edit move with them. */
function moveSilences(silencedBy: ReadonlyMap<number, number>, oldEnd: number, delta: number, lineDelta: number): Map<number, number> {
  const moved = new Map<number, number>();
  for (const [line, offset] of silencedBy) {
    if (offset < oldEnd) moved.set(line, offset);
    else moved.set(line + lineDelta, offset + delta);
  }
  return moved;
}

function moveLines(lines: ReadonlyMap<number, readonly string[]>, silencedBy: ReadonlyMap<number, number>, oldEnd: number, lineDelta: number): Map<number, readonly string[]> {
  const moved = new Map<number, readonly string[]>();
  for (const [line, codes] of lines) moved.set((silencedBy.get(line) ?? 0) < oldEnd ? line : line + lineDelta, codes);
  return moved;
}

/** The facts shared by all scopes of a file; settled when the last full walk changed none. */
interface SharedFacts {
  readonly globals: Map<string, IdSource>;
  /** Variables named by the idVariables setting or an annotation: any variable of that name. */
  readonly configured: Map<string, IdSource>;
  readonly idSysvars: Map<string, IdSource>;
  readonly idParameters: Map<string, Map<number, IdSource>>;
}

/** What a file declares that the rules look up: built once per full analysis (an edit inside a body changes neither). */
interface FileTables {
  /** The first function of each name (the outline's objects, which move in place with edits). */
  readonly functions: ReadonlyMap<string, Procedure>;
  /** The user functions this file and the others define (the workspace's, which an edit leaves as they are). */
  readonly userFunctions: NameSet;
  /** The SCC functions and the user functions: the called functions whose arguments may carry IDs, found by one look-up. */
  readonly callees: NameSet;
  readonly mirrors: readonly EnumMirror[];
  readonly mirrorsByName: ReadonlyMap<string, EnumMirror>;
}

function fileTables(outline: Outline, workspace: FileFacts): FileTables {
  const functions = new Map<string, Procedure>();
  for (const procedure of outline.procedures) {
    if (procedure.kind === 'function' && !functions.has(procedure.name)) functions.set(procedure.name, procedure);
  }
  const userFunctionNames = [...functions.keys(), ...workspace.definedFunctions];
  const userFunctions = new NameSet(userFunctionNames);
  const callees = new NameSet([...SCC_FUNCTIONS.keys(), ...userFunctionNames]);
  const mirrors = findEnumMirrors(outline.enums);
  return { functions, userFunctions, callees, mirrors, mirrorsByName: new Map(mirrors.map((mirror) => [mirror.name, mirror])) };
}

/** What a full analysis settled, kept so that an edit inside one procedure can re-analyse that procedure alone. */
export interface SettledAnalysis extends SharedFacts {
  readonly tables: FileTables;
  readonly context: FileContext;
  readonly workspace: FileFacts;
  /** Per procedure (outline index): the shared facts its last walk wrote; undefined when its variables did not settle. */
  readonly writes: readonly (readonly SharedWrite[] | undefined)[];
  /** Silenced line → offset of the comment silencing it. */
  readonly silencedBy: ReadonlyMap<number, number>;
}

interface ProcedureResults {
  readonly ids: JudgedLiteral[];
  readonly slots: IdSlot[];
  readonly expressions: IdExpression[];
  readonly writes: readonly SharedWrite[] | undefined;
}

/** A shared fact as a walk writes it (known or not): `label` (what was assigned or passed) holds `from`. */
interface SharedWrite {
  readonly kind: 'global' | 'sysvar' | 'parameter';
  /** The variable, the system variable's key, or the function. */
  readonly key: string;
  /** The parameter's position. */
  readonly index: number;
  readonly label: string;
  readonly from: IdSource;
}

function sameWrites(a: readonly SharedWrite[], b: readonly SharedWrite[]): boolean {
  return a.length === b.length && a.every((write, i) => {
    const other = b[i];
    return write.kind === other.kind && write.key === other.key && write.index === other.index && write.label === other.label
      && write.from.why === other.from.why && write.from.tables.join() === other.from.tables.join();
  });
}

/** What a written shared fact says, for people. */
function heldSource(write: SharedWrite): IdSource {
  const held = carrying(write.from.tables);
  return write.kind === 'parameter' ? held`${write.label} by ${write.key}'s caller (${write.from})` : held`${write.label}, which holds ${write.from}`;
}

/** A procedure body or the top level: the tokens to walk and the variables in scope. */
interface Scope {
  readonly first: number;
  readonly last: number;
  readonly procedure: Procedure | undefined;
  /** The procedure's index in the outline. */
  readonly index: number;
  /** Made with their first name: most procedures have no ID-carrying local, event procedures no parameters. */
  locals: Map<string, IdSource> | undefined;
  /** The locals it declares (not its parameters: see declares). */
  declared: Set<string> | undefined;
  declarationsRead: boolean;
  /** `@this` inside `on sysvar X` when X carries IDs. */
  readonly thisSysvar: string | undefined;
  /** The object of `on fct_called Obj.Member`. */
  readonly handlerObject: string | undefined;
  readonly pin: TableKey | undefined;
}

/**
 * A scope with all its fields from the start, in one order: V8 then gives every scope the
 * same hidden class, where fields added as the walks go (locals, declared, …) made many, and
 * the walks' reads of a scope polymorphic (analysis 3–16% slower in CPU time).
 */
function newScope(scope: Pick<Scope, 'first' | 'last' | 'index'> & Partial<Pick<Scope, 'procedure' | 'locals' | 'thisSysvar' | 'handlerObject' | 'pin'>>): Scope {
  const { first, last, procedure, index, locals, thisSysvar, handlerObject, pin } = scope;
  return { first, last, procedure, index, locals, declared: undefined, declarationsRead: false, thisSysvar, handlerObject, pin };
}

/** A called function whose arguments may carry IDs: an SCC function, a user function or a Distributed Object member. */
type Callee =
  | { readonly kind: 'scc'; readonly name: string; readonly signature: CallbackSignature }
  | {
    readonly kind: 'user';
    readonly name: string;
    readonly definition: Procedure | undefined;
    /** What its callers pass in: parameter position → ID source. */
    readonly called: ReadonlyMap<number, IdSource> | undefined;
  }
  | { readonly kind: 'member'; readonly object: string; readonly member: string; readonly signature: MemberSignature; readonly binding: TableChoice };

const MAX_PROPAGATION_ROUNDS = 4;

class FileAnalyzer {
  private readonly globals: Map<string, IdSource>;
  private readonly configured: Map<string, IdSource>;
  private readonly idSysvars: Map<string, IdSource>;
  private readonly idParameters: Map<string, Map<number, IdSource>>;
  /** The shared facts the current walk of a scope writes (whether or not they were known), for SettledAnalysis.writes. */
  private writes: SharedWrite[] = [];
  private readonly mirrors: readonly EnumMirror[];
  private readonly mirrorsByName: ReadonlyMap<string, EnumMirror>;
  private readonly functions: ReadonlyMap<string, Procedure>;
  private readonly ids: JudgedLiteral[] = [];
  /** Per value, the spelling of the last literal judged with it: most IDs repeat a spelling, which they then share. */
  private readonly literalTexts = new Map<number, string>();
  private readonly slots: IdSlot[] = [];
  private readonly expressions: IdExpression[] = [];
  /** Per code token: judged an ID already (the first rule that judges a literal wins). */
  private readonly emitted: Uint8Array;
  /** Whether the current walk set a local after it looked a variable up: what it read may have missed that local, so it walks again. */
  private localChanged = false;
  /** Whether the current walk looked a variable up yet: the locals it sets before (its typed declarations) change nothing it read. */
  private lookedUp = false;
  /**
   * Per shared fact, the scopes whose walk looked it up before it was known (a known one never
   * changes: the first writer wins). When it becomes known, only they are walked again. An
   * array rather than a Set (most facts are looked up by one scope): it holds a scope once
   * per walk that looked the fact up.
   */
  private readonly waiting = { global: new Map<string, Scope[]>(), sysvar: new Map<string, Scope[]>(), parameters: new Map<string, Scope[]>() };
  private readonly dirty = new Set<Scope>();
  private readonly sysvarKeys = new Map<string, string>();
  private readonly latestCalls = new Map<string, IdSource | null>();
  private readonly thisSources = new Map<IdSource, IdSource>();
  /** argumentSource's answers per called function (SCC or user function: one kind per name) and position. */
  private readonly functionArguments = new Map<string, (IdSource | null)[]>();
  /** argumentSource's answers per object (its binding: one per object name, see FileContext.objectBinding) and member. */
  private readonly memberArguments = new Map<TableChoice, Map<MemberSignature, IdSource>>();
  private walking: Scope | undefined;

  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly count: number;
  private readonly puncts: Int32Array;
  private readonly partners: Int32Array;

  constructor(
    private readonly text: string,
    code: CodeTokens,
    private readonly outline: Outline,
    private readonly tables: FileTables,
    private readonly context: FileContext,
    private readonly workspace: FileFacts,
    private readonly shared: SharedFacts,
  ) {
    this.globals = shared.globals;
    this.configured = shared.configured;
    this.idSysvars = shared.idSysvars;
    this.idParameters = shared.idParameters;
    this.kinds = code.kinds;
    this.starts = code.starts;
    this.ends = code.ends;
    this.count = code.count;
    this.puncts = code.puncts;
    this.partners = code.partners;
    this.emitted = new Uint8Array(code.count);
    this.functions = tables.functions;
    this.mirrors = tables.mirrors;
    this.mirrorsByName = tables.mirrorsByName;
  }

  run(): FileAnalysis {
    this.declareConfiguredVariables();
    const scopes = this.scopes();
    const writes: (readonly SharedWrite[] | undefined)[] = new Array(this.outline.procedures.length).fill(undefined);
    // Walk every scope until its own variables settle; walk again the scopes that looked up
    // something shared (globals, system variables, function parameters) found later on.
    // Index loops: run once per analysis, these run unoptimised, where for…of makes an
    // iterator result per scope.
    let pending = scopes;
    for (let round = 0; round < MAX_PROPAGATION_ROUNDS && pending.length > 0; round++) {
      this.dirty.clear();
      for (let i = 0; i < pending.length; i++) {
        const scope = pending[i];
        const written = this.settleScope(scope);
        if (scope.procedure) writes[scope.index] = written;
      }
      pending = scopes.filter((scope) => this.dirty.has(scope));
    }
    const settled = pending.length === 0;
    for (let i = 0; i < scopes.length; i++) this.classify(scopes[i]);
    this.addEnumMembers();
    this.ids.sort((a, b) => a.start - b.start);
    this.slots.sort((a, b) => a.start - b.start);
    this.expressions.sort((a, b) => a.start - b.start);
    return {
      ids: this.ids,
      idExpressions: this.expressions,
      slots: this.slots,
      enumMirrors: this.mirrors,
      facts: { idSysvars: this.idSysvars, idParameters: this.idParameters, definedFunctions: new Set(this.functions.keys()) },
      annotationProblems: this.context.annotationProblems,
      silencedLines: this.context.silencedLines,
      role: this.context.role,
      filePin: this.context.filePin,
      settled: settled ? { ...this.shared, context: this.context, workspace: this.workspace, tables: this.tables, writes, silencedBy: this.context.silencedBy } : undefined,
    };
  }

  /** Walks the one procedure these tokens hold, under the shared facts as they are. */
  runProcedure(index: number): ProcedureResults {
    const scope = this.procedureScope(this.outline.procedures[index], index, 0);
    const writes = this.settleScope(scope);
    this.classify(scope);
    this.ids.sort((a, b) => a.start - b.start);
    this.slots.sort((a, b) => a.start - b.start);
    this.expressions.sort((a, b) => a.start - b.start);
    return { ids: this.ids, slots: this.slots, expressions: this.expressions, writes };
  }

  /** Walks a scope until its own variables settle; the shared facts its last walk wrote, undefined if they did not settle. */
  private settleScope(scope: Scope): readonly SharedWrite[] | undefined {
    this.walking = scope;
    try {
      this.enterScope(scope);
      for (let pass = 0; pass < MAX_PROPAGATION_ROUNDS; pass++) {
        this.localChanged = false;
        this.lookedUp = false;
        this.writes = [];
        this.propagate(scope);
        if (!this.localChanged) return this.writes;
      }
      return undefined;
    } finally {
      this.walking = undefined;
    }
  }

  /** The scope being walked looked up a shared fact that is not known yet. */
  private awaitFact(waiting: Map<string, Scope[]>, key: string): void {
    const walking = this.walking;
    if (!walking) return;
    const scopes = waiting.get(key);
    if (!scopes) waiting.set(key, [walking]);
    else if (scopes[scopes.length - 1] !== walking) scopes.push(walking);
  }

  private factKnown(waiting: Map<string, Scope[]>, key: string): void {
    const scopes = waiting.get(key);
    if (scopes) for (const scope of scopes) this.dirty.add(scope);
  }

  /** Writes a shared fact unless it is known (the first writer wins), and records the write for SettledAnalysis.writes. */
  private writeShared<K extends string | number>(facts: Map<K, IdSource>, key: K, write: SharedWrite, waiting: Map<string, Scope[]>): void {
    this.writes.push(write);
    if (facts.has(key)) return;
    facts.set(key, heldSource(write));
    this.factKnown(waiting, write.key);
  }

  // ---- scopes -------------------------------------------------------------------------

  private declareConfiguredVariables(): void {
    const configured: [string, TableKey, string][] = [
      ...Object.entries(this.context.settings.idVariables).map(([name, table]): [string, TableKey, string] => [name, table, 'the capl-ids.idVariables setting']),
      ...[...this.context.variableTables].map(([name, table]): [string, TableKey, string] => [name, table, 'annotation']),
    ];
    for (const [name, table, origin] of configured) {
      const source = carrying([table])`${name}, an ID variable of the ${TABLE_TITLES[table]} table by ${origin}`;
      this.configured.set(name, source);
      this.globals.set(name, source);
    }
  }

  private scopes(): Scope[] {
    const procedures = this.outline.procedures;
    const scopes: Scope[] = [];
    // The procedures come in text order: each body's tokens are looked for from the end of the previous one on.
    let from = 0;
    for (let index = 0; index < procedures.length; index++) {
      const scope = this.procedureScope(procedures[index], index, from);
      scopes.push(scope);
      from = scope.last + 1;
    }
    for (const section of this.outline.sections) {
      if (section.keyword.toLowerCase() !== 'variables') continue;
      const first = this.codeIndexAt(section.openBrace);
      scopes.push(newScope({ first, last: this.closingIndexAt(section.closeBrace, first), index: -1, locals: this.globals }));
    }
    return scopes;
  }

  /** The scope of a procedure whose tokens start at or after the code token `from`. */
  private procedureScope(procedure: Procedure, index: number, from: number): Scope {
    const eventObject = procedure.eventType === 'fct_called' || procedure.eventType === 'fct_returning'
      ? objectOfMemberPath(procedure.eventTarget ?? '')
      : undefined;
    const first = this.codeIndexAfter(from, procedure.bodyOpen);
    return newScope({
      first,
      last: this.closingIndexAt(procedure.bodyClose, first),
      procedure,
      index,
      thisSysvar: procedure.eventType === 'sysvar' || procedure.eventType === 'sysvar_update'
        ? normaliseSysvar(procedure.eventTarget ?? '')
        : undefined,
      handlerObject: eventObject,
      pin: this.context.procedurePins.get(index),
    });
  }

  /** Index of the first code token starting at or after `offset`. */
  private codeIndexAt(offset: number): number {
    return countWhile(this.starts, (start) => start < offset);
  }

  /**
   * codeIndexAt for an offset after the starts of all code tokens before `from`, when few
   * tokens lie between: they are read in order, where a binary search reads far apart (and,
   * over the thousands of procedures of a large file, misses the cache at most steps).
   */
  private codeIndexAfter(from: number, offset: number): number {
    let i = from;
    while (i < this.count && this.starts[i] < offset) i++;
    return i;
  }

  /** Index of the last code token starting at or before `offset`: without a search when it is the partner of the `{` at `open`. */
  private closingIndexAt(offset: number, open: number): number {
    const close = this.partners[open];
    if (close >= 0 && this.starts[close] <= offset && (close + 1 === this.count || this.starts[close + 1] > offset)) return close;
    return this.codeIndexAt(offset + 1) - 1;
  }

  private enterScope(scope: Scope): void {
    const procedure = scope.procedure;
    // Without parameters, nothing its callers pass matters: no wait for them either.
    if (!procedure || procedure.parameters.length === 0) return;
    const callback = procedure.kind === 'function' ? SCC_FUNCTIONS.get(procedure.name) : undefined;
    const called = this.calledWithIds(procedure.name);
    for (let index = 0; index < procedure.parameters.length; index++) {
      const parameter = procedure.parameters[index];
      if (scope.locals?.has(parameter.name)) continue;
      const role = callback?.idParameters.get(index);
      let source: IdSource | undefined;
      if (role === 'states') {
        const states = this.context.stateTables();
        source = carrying(states.tables)`${parameter.name}, a state parameter of ${procedure.name} (${states})`;
      } else if (role) {
        source = carrying([role])`${parameter.name}, the message ID parameter of ${procedure.name} (${TABLE_TITLES[role]} table)`;
      } else if (ID_TYPES.has(lastSegment(parameter.type))) {
        source = this.typedSource(parameter.name, parameter.type, scope.handlerObject);
      } else if (called?.has(index)) {
        const from = called.get(index)!;
        source = carrying(from.tables)`${parameter.name}, called with ${from}`;
      }
      if (!source || scope.locals?.has(parameter.name)) continue;
      this.setLocal(scope, parameter.name, source);
      const { start, end } = parameter.nameSpan;
      this.expressions.push({ start, end, source });
    }
  }

  private calledWithIds(name: string): ReadonlyMap<number, IdSource> | undefined {
    // A function's parameters may become known one by one: any read waits for more.
    this.awaitFact(this.waiting.parameters, name);
    return this.idParameters.get(name) ?? this.workspace.idParameters.get(name);
  }

  private typedSource(name: string, type: string, handlerObject: string | undefined): IdSource {
    if (handlerObject) {
      const binding = this.context.objectBinding(handlerObject);
      return carrying(binding.tables)`${name}, of type ${type} (${binding})`;
    }
    return carrying(OBJECT_TABLES)`${name}, of type ${type} (CCS or OCPP binding)`;
  }

  private setLocal(scope: Scope, name: string, source: IdSource): void {
    const locals = (scope.locals ??= new Map());
    if (locals.has(name)) return;
    locals.set(name, source);
    if (locals === this.globals) this.factKnown(this.waiting.global, name);
    else if (this.lookedUp) this.localChanged = true;
  }

  private lookup(scope: Scope, name: string): IdSource | undefined {
    this.lookedUp = true;
    const local = scope.locals?.get(name);
    if (local) return local;
    if (declares(scope, name)) return this.configured.get(name);
    const global = this.globals.get(name);
    if (!global) this.awaitFact(this.waiting.global, name);
    return global;
  }

  // ---- pass 1: which variables carry IDs -----------------------------------------------

  private propagate(scope: Scope): void {
    // A scope's declarations say the same in every walk: the first one records them all.
    const readDeclarations = !scope.declarationsRead;
    for (let i = scope.first; i <= scope.last; i++) {
      const punct = this.puncts[i];
      if (punct === P.assign) this.propagateAssignment(i, scope);
      else if (punct === P.openParen) this.propagateCall(i, scope);
      else if (readDeclarations && this.kinds[i] === TokenKind.Identifier && this.isStatementStart(i, scope)) this.readDeclaration(i, scope);
    }
    scope.declarationsRead = true;
  }

  private isStatementStart(i: number, scope: Scope): boolean {
    if (i === scope.first) return true;
    const previous = this.punctAt(i - 1);
    return previous === P.semicolon || previous === P.openBrace || previous === P.closeBrace;
  }

  /** `[const] Type name [= ...][, name2 ...];` — records declared names and ID-typed ones. */
  private readDeclaration(i: number, scope: Scope): void {
    let typeStart = i;
    if (this.isWord(typeStart, 'const')) typeStart++;
    let typeEnd = typeStart;
    const isEnum = this.isWord(typeStart, 'enum');
    if (isEnum || this.isWord(typeStart, 'struct')) typeEnd++;
    while (this.punctAt(typeEnd + 1) === P.scope && this.kindAt(typeEnd + 2) === TokenKind.Identifier) typeEnd += 2;
    if (this.kindAt(typeStart) !== TokenKind.Identifier || this.kindAt(typeEnd) !== TokenKind.Identifier) return;
    const nameIndex = typeEnd + 1;
    if (this.kindAt(nameIndex) !== TokenKind.Identifier) return;
    const after = this.punctAt(nameIndex + 1);
    if (after !== P.assign && after !== P.semicolon && after !== P.comma && after !== P.openBracket) return;
    const typeName = this.textAt(typeEnd);
    const typed = ID_TYPES.has(typeName);
    const mirror = isEnum ? this.mirrorsByName.get(typeName) : undefined;
    for (let n = nameIndex; n <= scope.last && this.kindAt(n) === TokenKind.Identifier; ) {
      const name = this.textAt(n);
      (scope.declared ??= new Set()).add(name);
      // Every walk meets the declaration again: its source is made once.
      if (!scope.locals?.has(name)) {
        if (typed) this.setLocal(scope, name, this.typedSource(name, this.spanText(typeStart, typeEnd), scope.handlerObject));
        else if (mirror) this.setLocal(scope, name, carrying([mirror.table])`${name}, of type enum ${mirror.name} (it mirrors the ${TABLE_TITLES[mirror.table]} table)`);
      }
      n = this.nextDeclarator(n + 1, scope.last);
    }
  }

  /** After a declarator, the index of the next declared name (`, name`), or past the end. */
  private nextDeclarator(i: number, last: number): number {
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

  private propagateAssignment(i: number, scope: Scope): void {
    const rightLast = this.rightOperandLast(i, scope.last);
    if (rightLast === undefined) return;
    const source = this.sourceOf(i + 1, rightLast, scope);
    if (!source) return;
    const target = this.assignmentTarget(i, scope.first);
    if (target === undefined) return;
    const label = this.textAt(target);
    if (this.kinds[target] === TokenKind.SysVar) {
      const key = this.sysvarKey(label);
      if (key !== 'this') this.writeShared(this.idSysvars, key, { kind: 'sysvar', key, index: 0, label, from: source }, this.waiting.sysvar);
    } else if (this.kinds[target] === TokenKind.Identifier) {
      const write: SharedWrite = { kind: 'global', key: label, index: 0, label, from: source };
      if (!scope.procedure || declares(scope, label)) {
        if (!scope.locals?.has(label)) this.setLocal(scope, label, heldSource(write));
      } else {
        this.writeShared(this.globals, label, write, this.waiting.global);
      }
    }
  }

  /** A user function called with an ID expression: that parameter carries IDs (rule 4). */
  private propagateCall(open: number, scope: Scope): void {
    if (open - 1 < scope.first || !this.mayNameFunction(open - 1)) return;
    if (this.isMemberAccess(open - 2)) return;
    const name = this.nameAt(this.tables.userFunctions, open - 1);
    if (name === undefined) return;
    const close = this.matching(open, scope.last);
    if (close === undefined) return;
    for (let first = open + 1, index = 0; ; index++) {
      const end = this.argumentEnd(first, close);
      const source = this.sourceOf(first, end - 1, scope);
      if (source) {
        let parameters = this.idParameters.get(name);
        if (!parameters) this.idParameters.set(name, (parameters = new Map()));
        this.writeShared(parameters, index, { kind: 'parameter', key: name, index, label: this.spanText(first, end - 1), from: source }, this.waiting.parameters);
      }
      if (end === close) return;
      first = end + 1;
    }
  }

  // ---- pass 2: which literals are IDs ---------------------------------------------------

  private classify(scope: Scope): void {
    const switches: { depth: number; source: IdSource | undefined }[] = [];
    let depth = 0;
    for (let i = scope.first; i <= scope.last; i++) {
      const kind = this.kinds[i];
      if (kind === TokenKind.Punct) {
        const code = this.puncts[i];
        if (code === P.openBrace) depth++;
        else if (code === P.closeBrace) {
          depth--;
          while (switches.length > 0 && switches[switches.length - 1].depth > depth) switches.pop();
        } else if (code === P.equal || code === P.notEqual) this.classifyComparison(i, scope);
        else if (code === P.assign) this.classifyAssignment(i, scope);
        else if (code === P.openParen) this.classifyCall(i, scope);
      } else if (kind === TokenKind.Identifier) {
        if (this.isWord(i, 'switch') && this.punctAt(i + 1) === P.openParen) {
          const close = this.matching(i + 1, scope.last);
          if (close !== undefined && this.punctAt(close + 1) === P.openBrace) {
            const source = this.sourceOf(i + 2, close - 1, scope);
            if (source) this.addExpression(i + 2, close - 1, source);
            switches.push({ depth: depth + 1, source });
          }
        } else if (switches.length > 0 && this.isWord(i, 'case')) {
          const current = switches[switches.length - 1];
          if (current.source) this.addSlot(i, scope.last, current.source);
          const literal = this.literalOperand(i + 1, i + 1);
          if (current.source && literal !== undefined && this.punctAt(literal + 1) === P.colon) {
            this.emit(literal, current.source, scope, 'case-label');
          }
        }
      }
    }
  }

  private classifyComparison(i: number, scope: Scope): void {
    const leftFirst = this.leftOperandFirst(i, scope.first);
    const leftSource = leftFirst === undefined ? undefined : this.sourceOf(leftFirst, i - 1, scope);
    if (leftSource) this.addSlot(i, scope.last, leftSource);
    const rightLast = this.rightOperandLast(i, scope.last);
    if (leftFirst === undefined || rightLast === undefined) return;
    const leftLiteral = this.literalOperand(leftFirst, i - 1);
    const rightLiteral = this.literalOperand(i + 1, rightLast);
    if (rightLiteral !== undefined && leftLiteral === undefined && leftSource) {
      this.addExpression(leftFirst, i - 1, leftSource);
      this.emit(rightLiteral, leftSource, scope, 'comparison');
    } else if (leftLiteral !== undefined && rightLiteral === undefined) {
      const source = this.sourceOf(i + 1, rightLast, scope);
      if (!source) return;
      this.addExpression(i + 1, rightLast, source);
      this.emit(leftLiteral, source, scope, 'comparison');
    }
  }

  private classifyAssignment(i: number, scope: Scope): void {
    const rightLast = this.rightOperandLast(i, scope.last);
    const target = this.assignmentTarget(i, scope.first);
    if (rightLast === undefined || target === undefined) return;
    const literal = this.literalOperand(i + 1, rightLast);
    if (literal === undefined) return;
    const source = this.sourceOf(target, target, scope);
    if (!source || this.isResetToZero(literal, source, scope)) return;
    this.emit(literal, source, scope, 'assignment');
  }

  private classifyCall(open: number, scope: Scope): void {
    const callee = this.calleeAt(open, scope);
    if (!callee) return;
    const close = this.matching(open, scope.last);
    if (close === undefined) return;
    for (let first = open + 1, index = 0; ; index++) {
      const end = this.argumentEnd(first, close);
      const source = this.calledArgumentSource(callee, index);
      if (source) {
        this.addSlot(first - 1, end - 1, source);
        const literal = this.literalOperand(first, end - 1);
        if (literal !== undefined) this.emit(literal, source, scope, 'argument');
      }
      if (end === close) return;
      first = end + 1;
    }
  }

  /** The function called by the `(` at `open`, if its arguments may carry IDs. */
  private calleeAt(open: number, scope: Scope): Callee | undefined {
    const calleeIndex = open - 1;
    if (calleeIndex < scope.first || !this.mayNameFunction(calleeIndex)) return undefined;
    if (!this.isMemberAccess(calleeIndex - 1)) {
      // Only SCC and user functions: a built-in such as writeLineEx has no definition in the analysed files.
      const name = this.nameAt(this.tables.callees, calleeIndex);
      if (name === undefined) return undefined;
      const signature = SCC_FUNCTIONS.get(name);
      if (signature) return { kind: 'scc', name, signature };
      return { kind: 'user', name, definition: this.functions.get(name), called: this.calledWithIds(name) };
    }
    // Obj.Member(...) or Obj.Member.Call(...)
    let memberIndex = calleeIndex;
    if (this.isWord(calleeIndex, 'Call') && this.punctAt(calleeIndex - 1) === P.dot) memberIndex = calleeIndex - 2;
    const member = this.nameAt(MEMBER_NAMES, memberIndex);
    if (member === undefined || this.punctAt(memberIndex - 1) !== P.dot || this.kindAt(memberIndex - 2) !== TokenKind.Identifier) return undefined;
    const object = this.textAt(memberIndex - 2);
    return { kind: 'member', object, member, signature: OBJECT_MEMBERS.get(member)!, binding: this.context.objectBinding(object) };
  }

  /** argumentSource once per callee and position: a file calls the same few functions all over, and each call's slots and literals keep the answer. */
  private calledArgumentSource(callee: Callee, index: number): IdSource | undefined {
    if (callee.kind === 'member') {
      if (index !== callee.signature.idParameter) return undefined;
      let byMember = this.memberArguments.get(callee.binding);
      if (!byMember) this.memberArguments.set(callee.binding, (byMember = new Map()));
      let source = byMember.get(callee.signature);
      if (!source) byMember.set(callee.signature, (source = this.argumentSource(callee, index)!));
      return source;
    }
    let sources = this.functionArguments.get(callee.name);
    if (!sources) this.functionArguments.set(callee.name, (sources = []));
    let source = sources[index];
    if (source === undefined) sources[index] = source = this.argumentSource(callee, index) ?? null;
    return source ?? undefined;
  }

  /** The ID the argument at position `index` of a call of `callee` carries, if any. */
  private argumentSource(callee: Callee, index: number): IdSource | undefined {
    switch (callee.kind) {
      case 'scc': {
        const role = callee.signature.idParameters.get(index);
        if (!role) return undefined;
        if (role === 'states') {
          const states = this.context.stateTables();
          return carrying(states.tables)`argument ${index + 1} of ${callee.name}, a state (${states})`;
        }
        return carrying([role])`argument ${index + 1} of ${callee.name}, a message ID (${TABLE_TITLES[role]} table)`;
      }
      case 'user': {
        const parameter = callee.definition?.parameters[index];
        if (parameter && ID_TYPES.has(lastSegment(parameter.type))) {
          const typed = this.typedSource(parameter.name, parameter.type, undefined);
          return carrying(typed.tables)`argument ${index + 1} of ${callee.name}: ${typed}`;
        }
        const source = callee.called?.get(index);
        if (source) return carrying(source.tables)`argument ${index + 1} of ${callee.name}, whose ${parameter?.name ?? 'parameter'} carries IDs (${source})`;
        return undefined;
      }
      case 'member':
        if (index !== callee.signature.idParameter) return undefined;
        return carrying(callee.binding.tables)`argument ${index + 1} of ${callee.object}.${callee.member}, the message ID (${callee.binding})`;
    }
  }

  private addExpression(first: number, last: number, source: IdSource): void {
    this.expressions.push({ start: this.starts[first], end: this.ends[last], source });
  }

  /** `gLastRxId = 0;` resets an ID variable: 0 is an ID only where the table has an entry 0. */
  private isResetToZero(literal: number, source: IdSource, scope: Scope): boolean {
    if (this.integerAt(literal) !== 0) return false;
    const tables = this.decideTables(source.tables, scope);
    return !tables.some((table) => catalogue.get(table, 0) !== undefined);
  }

  /** Records the operand written after the operator or `case` at `i` (or its empty place) as an ID slot. */
  private addSlot(i: number, highest: number, source: IdSource): void {
    const nextKind = i + 1 <= highest ? this.kindAt(i + 1) : undefined;
    // An operand on a later line is the next statement, not what is being typed here.
    const written = (nextKind === TokenKind.Identifier || nextKind === TokenKind.Number) && !this.lineBreakBetween(this.ends[i], this.starts[i + 1]);
    const after = this.ends[i];
    this.slots.push(written ? { start: this.starts[i + 1], end: this.ends[i + 1], source } : { start: after, end: after, source });
  }

  private lineBreakBetween(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 10 || c === 13) return true;
    }
    return false;
  }

  private emit(index: number, source: IdSource, scope: Scope, rule: IdRule): void {
    if (this.emitted[index]) return;
    const value = this.integerAt(index);
    if (value === undefined) return;
    this.emitted[index] = 1;
    const tables = this.decideTables(source.tables, scope);
    const override: TableOverride = (scope.pin ?? this.context.filePin) ? 'pin' : tables !== source.tables ? 'default-table' : undefined;
    this.ids.push(new JudgedLiteral(this.starts[index], this.ends[index], this.literalText(index, value), value, tables, entriesOf(tables, value), rule, source, override));
  }

  private literalText(index: number, value: number): string {
    const start = this.starts[index];
    const length = this.ends[index] - start;
    const last = this.literalTexts.get(value);
    if (last !== undefined && last.length === length && this.text.startsWith(last, start)) return last;
    const text = this.text.slice(start, start + length);
    this.literalTexts.set(value, text);
    return text;
  }

  /** A pin overrides the candidates; the defaultTable setting picks among undecided ones. */
  private decideTables(candidates: readonly TableKey[], scope: Scope): readonly TableKey[] {
    const pin = scope.pin ?? this.context.filePin;
    if (pin) return [pin];
    const fallback = this.context.settings.defaultTable;
    if (candidates.length > 1 && fallback && candidates.includes(fallback)) return [fallback];
    return candidates;
  }

  private addEnumMembers(): void {
    for (const mirror of this.mirrors) {
      for (const member of mirror.members) {
        if (!member.valueSpan || member.value === undefined) continue;
        // The value's first token: the literal, or the sign before it (which no rule judges).
        const first = this.codeIndexAt(member.valueSpan.start);
        if (this.emitted[first]) continue;
        this.emitted[first] = 1;
        const text = this.text.slice(member.valueSpan.start, member.valueSpan.end);
        const tables = [mirror.table];
        const source = carrying(tables)`value of ${member.name} in enum ${mirror.name}, which mirrors the ${TABLE_TITLES[mirror.table]} table`;
        const { start, end } = member.valueSpan;
        this.ids.push(new JudgedLiteral(start, end, text, member.value, tables, entriesOf(tables, member.value), 'enum-member', source, undefined));
      }
    }
  }

  // ---- expressions ----------------------------------------------------------------------

  /** The ID an operand carries, if it is an ID-carrying variable, system variable or `$...LatestCall` read. */
  private sourceOf(outerFirst: number, outerLast: number, scope: Scope): IdSource | undefined {
    const levels = this.parenthesesAround(outerFirst, outerLast);
    const first = outerFirst + levels;
    if (first !== outerLast - levels) return undefined;
    switch (this.kinds[first]) {
      case TokenKind.Identifier:
        if (this.isMemberAccess(first - 1)) return undefined;
        return this.lookup(scope, this.textAt(first));
      case TokenKind.SysVar: {
        const key = this.sysvarKey(this.textAt(first));
        if (key === 'this') {
          if (!scope.thisSysvar) return undefined;
          const source = this.sysvarSource(scope.thisSysvar);
          return source && this.thisSource(source);
        }
        return this.sysvarSource(key);
      }
      case TokenKind.Signal:
        return this.latestCallSource(this.textAt(first));
      default:
        return undefined;
    }
  }

  private sysvarSource(key: string): IdSource | undefined {
    const own = this.idSysvars.get(key);
    if (own) return own;
    this.awaitFact(this.waiting.sysvar, key);
    return this.workspace.idSysvars.get(key);
  }

  /** What `@this` carries in a handler of the system variable `sysvar` carries: one source per system variable, not per read. */
  private thisSource(sysvar: IdSource): IdSource {
    let source = this.thisSources.get(sysvar);
    if (!source) this.thisSources.set(sysvar, (source = carrying(sysvar.tables)`@this, i.e. ${sysvar}`));
    return source;
  }

  /** normaliseSysvar once per spelling: a file reads the same few system variables all over. */
  private sysvarKey(reference: string): string {
    let key = this.sysvarKeys.get(reference);
    if (key === undefined) this.sysvarKeys.set(reference, (key = normaliseSysvar(reference)));
    return key;
  }

  /** readLatestCall once per spelling. */
  private latestCallSource(signal: string): IdSource | undefined {
    let source = this.latestCalls.get(signal);
    if (source === undefined) this.latestCalls.set(signal, (source = this.readLatestCall(signal) ?? null));
    return source ?? undefined;
  }

  /** `$Obj.Member.LatestCall.param` where param is Member's ID parameter (rule 2). */
  private readLatestCall(signal: string): IdSource | undefined {
    const match = LATEST_CALL.exec(signal);
    if (!match) return undefined;
    const [, objectPath, memberName, parameter] = match;
    const member = OBJECT_MEMBERS.get(memberName);
    if (!member || parameter.toLowerCase() !== member.idParameterName.toLowerCase()) return undefined;
    const object = lastSegment(objectPath);
    const binding = this.context.objectBinding(object);
    return carrying(binding.tables)`${signal}, the message ID of ${object}.${memberName} (${binding})`;
  }

  /** A literal operand: a single integer Number token (or one in parentheses). */
  private literalOperand(outerFirst: number, outerLast: number): number | undefined {
    const levels = this.parenthesesAround(outerFirst, outerLast);
    const first = outerFirst + levels;
    if (first !== outerLast - levels || this.kindAt(first) !== TokenKind.Number) return undefined;
    return this.integerAt(first) === undefined ? undefined : first;
  }

  /** How many pairs of parentheses enclose the whole of `[first, last]`: 2 for `((x))`. */
  private parenthesesAround(first: number, last: number): number {
    let levels = 0;
    while (first + levels < last - levels && this.partners[first + levels] === last - levels && this.punctAt(first + levels) === P.openParen) levels++;
    return levels;
  }

  /** The first token of the whole operand left of the operator at `i`, if it stands alone (no tighter operator binds it). */
  private leftOperandFirst(i: number, lowest: number): number | undefined {
    const last = i - 1;
    if (last < lowest) return undefined;
    let first = last;
    if (this.punctAt(last) === P.closeParen) {
      const open = this.matchingBackward(last, lowest);
      if (open === undefined) return undefined;
      first = open;
      if (first - 1 >= lowest && (this.kindAt(first - 1) === TokenKind.Identifier || this.punctAt(first - 1) === P.closeBracket)) return undefined;
    } else {
      const kind = this.kindAt(last);
      if (kind !== TokenKind.Identifier && kind !== TokenKind.Number && kind !== TokenKind.SysVar && kind !== TokenKind.Signal) return undefined;
    }
    if (first - 1 >= lowest && !this.opensOperand(first - 1)) return undefined;
    return first;
  }

  /** The variable or system variable assigned by the `=` at `i` (also in a declaration `long id = ...`). */
  private assignmentTarget(i: number, lowest: number): number | undefined {
    const target = i - 1;
    if (target < lowest) return undefined;
    const kind = this.kindAt(target);
    if (kind !== TokenKind.Identifier && kind !== TokenKind.SysVar) return undefined;
    return this.isMemberAccess(target - 1) ? undefined : target;
  }

  /** The last token of the whole operand right of the operator at `i`, if it stands alone. */
  private rightOperandLast(i: number, highest: number): number | undefined {
    const first = i + 1;
    if (first > highest) return undefined;
    let last = first;
    if (this.punctAt(first) === P.openParen) {
      const close = this.matching(first, highest);
      if (close === undefined) return undefined;
      last = close;
    } else {
      const kind = this.kindAt(first);
      if (kind !== TokenKind.Identifier && kind !== TokenKind.Number && kind !== TokenKind.SysVar && kind !== TokenKind.Signal) return undefined;
    }
    if (last + 1 <= highest && !OPERAND_CLOSERS.has(this.punctAt(last + 1))) return undefined;
    return last;
  }

  /** The `,` or the `)` at `close` that ends the call argument starting at `first`. */
  private argumentEnd(first: number, close: number): number {
    let depth = 0;
    for (let i = first; i < close; i++) {
      const code = this.punctAt(i);
      if (code === P.openParen || code === P.openBracket || code === P.openBrace) depth++;
      else if (code === P.closeParen || code === P.closeBracket || code === P.closeBrace) depth--;
      else if (code === P.comma && depth === 0) return i;
    }
    return close;
  }

  private matching(open: number, highest: number): number | undefined {
    const close = this.partners[open] ?? -1;
    return close > open && close <= highest ? close : undefined;
  }

  private matchingBackward(close: number, lowest: number): number | undefined {
    const open = this.partners[close] ?? -1;
    return open >= lowest && open < close ? open : undefined;
  }

  private isMemberAccess(i: number): boolean {
    if (i < 0) return false;
    const code = this.punctAt(i);
    return code === P.dot || code === P.scope || code === P.arrow;
  }

  /** The punctuator at `i` as a number (see punctCode), 0 for any other token. */
  private punctAt(i: number): number {
    return i >= 0 && i < this.count ? this.puncts[i] : 0;
  }

  /** Whether the identifier at `i` is `word`, without slicing the text. */
  private isWord(i: number, word: string): boolean {
    if (i < 0 || i >= this.count || this.kinds[i] !== TokenKind.Identifier) return false;
    const start = this.starts[i];
    return this.ends[i] - start === word.length && this.text.startsWith(word, start);
  }

  /** Whether the token at `i` is an identifier but none of the keywords a `(` follows: `if (`, `switch (` … open no call, and no function is named so. */
  private mayNameFunction(i: number): boolean {
    if (this.kindAt(i) !== TokenKind.Identifier) return false;
    for (let k = 0; k < KEYWORDS_BEFORE_PAREN.length; k++) if (this.isWord(i, KEYWORDS_BEFORE_PAREN[k])) return false;
    return true;
  }

  /** After this token an operand stands alone: `(`, `,`, `&&`, `return` … */
  private opensOperand(i: number): boolean {
    if (OPERAND_OPENERS.has(this.punctAt(i))) return true;
    return this.isWord(i, 'return') || this.isWord(i, 'case');
  }

  private kindAt(i: number): TokenKind | undefined {
    return i >= 0 && i < this.count ? this.kinds[i] : undefined;
  }

  /** The value of the integer literal at `i` (see integerValue). */
  private integerAt(i: number): number | undefined {
    return i >= 0 && i < this.count ? integerValueAt(this.text, this.starts[i], this.ends[i]) : undefined;
  }

  /** The name of `names` that the token at `i` spells, without slicing the text. */
  private nameAt(names: NameSet, i: number): string | undefined {
    return i >= 0 && i < this.count ? names.find(this.text, this.starts[i], this.ends[i]) : undefined;
  }

  private textAt(i: number): string {
    return i >= 0 && i < this.count ? this.text.slice(this.starts[i], this.ends[i]) : '';
  }

  private spanText(first: number, last: number): string {
    if (first > last) return '';
    return this.text.slice(this.starts[first], this.ends[last]);
  }
}

/** `$[Path.]Obj.Member.LatestCall.param`, where no part before `param` is `LatestCall`. */
const LATEST_CALL = /^\$(?:(?!latestcall\.)[^.]*\.)*((?!latestcall\.)[^.]*)\.((?!latestcall\.)[^.]*)\.latestcall\.([^.]*)$/i;

const MEMBER_NAMES = new NameSet(OBJECT_MEMBERS.keys());
const KEYWORDS_BEFORE_PAREN = ['if', 'for', 'while', 'switch', 'return'];

/** Punctuators after which an operand stands alone on the left of `==`, `!=` or `=`. */
const OPERAND_OPENERS = new Set(['(', ',', ';', '{', '}', '?', ':', '&&', '||', '!'].map(punctCode));
/** Punctuators before which an operand stands alone on the right. */
const OPERAND_CLOSERS = new Set([')', ',', ';', '?', ':', '&&', '||', ']', '}'].map(punctCode));

/**
 * The catalogue entries of a value in some tables, one shared array per tables and value: a
 * file has thousands of IDs, few distinct ones (and the catalogue bounds how many there are).
 */
const sharedEntries = new Map<string, Map<number, readonly CatalogueEntry[]>>();
const NO_ENTRIES: readonly CatalogueEntry[] = Object.freeze([]);

function entriesOf(tables: readonly TableKey[], value: number): readonly CatalogueEntry[] {
  if (!tables.some((table) => catalogue.get(table, value))) return NO_ENTRIES;
  // Nearly always one table: its key costs no new string.
  const key = tables.length === 1 ? tables[0] : tables.join();
  let byValue = sharedEntries.get(key);
  if (!byValue) sharedEntries.set(key, (byValue = new Map()));
  let entries = byValue.get(value);
  if (!entries) byValue.set(value, (entries = Object.freeze(tables.flatMap((table) => catalogue.get(table, value) ?? []))));
  return entries;
}

/** Whether `name` is a parameter or a local the scope declares. */
function declares(scope: Scope, name: string): boolean {
  if (scope.declared?.has(name)) return true;
  const parameters = scope.procedure?.parameters;
  if (parameters) for (let i = 0; i < parameters.length; i++) if (parameters[i].name === name) return true;
  return false;
}

/** `@sysvar::Common::X`, `@Common::X`, `sysvar::Common::X`, `Common::X` → `common::x`; `@this` → `this`. */
export function normaliseSysvar(reference: string): string {
  let path = reference.trim().replace(/^@/, '');
  if (/^sysvar::/i.test(path)) path = path.slice('sysvar::'.length);
  return path.replace(/\s+/g, '').toLowerCase();
}

/** `Path::Obj.Member` → `Obj`. */
function objectOfMemberPath(target: string): string | undefined {
  const last = target.lastIndexOf('.');
  if (last < 0) return undefined;
  const previous = last > 0 ? target.lastIndexOf('.', last - 1) : -1;
  return lastSegment(target.slice(previous + 1, last).trim());
}

function lastSegment(path: string): string {
  const index = path.lastIndexOf('::');
  return index < 0 ? path : path.slice(index + 2);
}
