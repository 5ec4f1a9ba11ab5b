import { TABLE_TITLES, type TableKey } from '../catalogue/types';
import type { NodeRole, Settings } from '../settings';
import type { Procedure } from '../syntax/outline';
import { TokenKind, type TokenBuffer } from '../syntax/tokens';
import { LineIndex } from '../text/lineIndex';
import { readAnnotation } from './annotations';
import { carrying } from './describedSource';
import type { CopyText } from './detached';
import { bindingByName, roleByCallbacks, roleByPath, type TableChoice } from './bindings';
import { OBJECT_TABLES, STATE_TABLES } from './idApis';
import type { AnnotationProblem } from './types';

/** What a file's annotations, its settings, its name and its callbacks decide for all its procedures. */
export class FileContext {
  readonly annotationProblems: AnnotationProblem[] = [];
  readonly silencedLines = new Map<number, readonly string[]>();
  /** For each silenced line, the offset of the (last) comment silencing it: an edit before that comment moves the line. */
  readonly silencedBy = new Map<number, number>();
  /** Table pins by index of the procedure in the outline. */
  readonly procedurePins = new Map<number, TableKey>();
  readonly variableTables = new Map<string, TableKey>();
  filePin: TableKey | undefined;
  readonly role: { readonly role: NodeRole | undefined; readonly why: string };
  private readonly objectAnnotations = new Map<string, 'ccs' | 'ocpp'>();
  private readonly bindings = new Map<string, TableChoice>();

  constructor(
    text: string,
    readonly settings: Settings,
    path: string,
    commentsAndDirectives: TokenBuffer,
    procedures: readonly Procedure[],
    /** How names read from the text are kept (see SummaryOptions.copy). */
    private readonly copy: CopyText = (name) => name,
  ) {
    let annotatedRole: NodeRole | undefined;
    let lines: LineIndex | undefined;
    // Most comments say nothing to capl-ids: go from mention to mention, never look at the others.
    for (let mention = nextMention(text, 0); mention >= 0; ) {
      const i = tokenHolding(commentsAndDirectives, mention);
      const kind = i < 0 ? undefined : commentsAndDirectives.kinds[i];
      if (kind !== TokenKind.LineComment && kind !== TokenKind.BlockComment) {
        mention = nextMention(text, mention + 1);
        continue;
      }
      const token = { start: commentsAndDirectives.starts[i], end: commentsAndDirectives.ends[i] };
      mention = nextMention(text, token.end);
      const annotation = readAnnotation(copy(text.slice(token.start, token.end)));
      if (!annotation) continue;
      switch (annotation.kind) {
        case 'invalid':
          this.annotationProblems.push({ start: token.start, end: token.end, message: annotation.message });
          break;
        case 'disable': {
          lines ??= new LineIndex(text);
          const line = lines.lineOf(token.start) + (annotation.nextLine ? 1 : 0);
          this.silence(line, annotation.codes);
          this.silencedBy.set(line, token.start);
          break;
        }
        case 'table': {
          const procedure = procedureAround(procedures, token.start);
          if (procedure >= 0) this.procedurePins.set(procedure, annotation.table);
          else this.filePin = annotation.table;
          break;
        }
        case 'node':
          annotatedRole = annotation.role;
          break;
        case 'object':
          this.objectAnnotations.set(annotation.object, annotation.table);
          break;
        case 'variable':
          this.variableTables.set(annotation.name, annotation.table);
          break;
      }
    }
    const role = decideRole(annotatedRole, settings, procedures, path);
    this.role = { role: role.role, why: copy(role.why) };
  }

  /**
   * This context after an edit of one procedure body that ended at `oldEnd` (the old text)
   * and moved what follows by `delta` characters and `lineDelta` lines. An edited body holds
   * no annotation (see reparseBody): the annotations after it only move.
   */
  moved(oldEnd: number, delta: number, lineDelta: number): FileContext {
    if (delta === 0 && lineDelta === 0) return this;
    const moved: FileContext = Object.create(FileContext.prototype);
    Object.assign(moved, this, {
      annotationProblems: this.annotationProblems.map((problem) => (problem.start < oldEnd ? problem : { ...problem, start: problem.start + delta, end: problem.end + delta })),
      silencedLines: new Map<number, readonly string[]>(),
      silencedBy: new Map<number, number>(),
    });
    for (const [line, codes] of this.silencedLines) {
      const offset = this.silencedBy.get(line) ?? 0;
      const after = offset >= oldEnd;
      moved.silencedLines.set(after ? line + lineDelta : line, codes);
      moved.silencedBy.set(after ? line + lineDelta : line, after ? offset + delta : offset);
    }
    return moved;
  }

  /** Several directives may silence one line: all codes add up, and "all" stays all. */
  private silence(line: number, codes: readonly string[]): void {
    const previous = this.silencedLines.get(line);
    if (previous === undefined) this.silencedLines.set(line, codes);
    else if (previous.length > 0 && codes.length > 0) this.silencedLines.set(line, [...previous, ...codes]);
    else this.silencedLines.set(line, []);
  }

  /** The binding of a Distributed Object (rule 10), decided once per object name. */
  objectBinding(object: string): TableChoice {
    let choice = this.bindings.get(object);
    if (!choice) {
      const name = this.copy(object);
      this.bindings.set(name, (choice = this.decideBinding(name)));
    }
    return choice;
  }

  private decideBinding(object: string): TableChoice {
    const annotated = this.objectAnnotations.get(object);
    if (annotated) return carrying([annotated])`${object}: ${TABLE_TITLES[annotated]} object, by annotation`;
    const configured = Object.hasOwn(this.settings.objects, object) ? this.settings.objects[object] : undefined;
    if (configured) return carrying([configured])`${object}: ${TABLE_TITLES[configured]} object, by the capl-ids.objects setting`;
    const named = bindingByName(object);
    if (named) return carrying([named])`${object}: ${TABLE_TITLES[named]} object, by its name`;
    return carrying(OBJECT_TABLES)`${object}: binding unknown, CCS or OCPP`;
  }

  /** The state table of SCC_StateTransitionInd and SCC_GetStateName (rule 9). */
  stateTables(): TableChoice {
    const { role, why } = this.role;
    if (role === 'vehicle') return { tables: VEHICLE_STATES, why };
    if (role === 'charge-point') return { tables: CHARGE_POINT_STATES, why };
    return { tables: STATE_TABLES, why };
  }
}

function decideRole(
  annotated: NodeRole | undefined,
  settings: Settings,
  procedures: readonly Procedure[],
  path: string,
): { role: NodeRole | undefined; why: string } {
  if (annotated) return { role: annotated, why: `${describe(annotated)}, by annotation` };
  if (settings.node !== 'auto') return { role: settings.node, why: `${describe(settings.node)}, by the capl-ids.node setting` };
  const byCallbacks = roleByCallbacks(procedures.filter((p) => p.kind === 'function').map((p) => p.name));
  if (byCallbacks) return { role: byCallbacks.role, why: `${describe(byCallbacks.role)}: it defines ${byCallbacks.callback}` };
  const byPath = roleByPath(path);
  if (byPath) return { role: byPath, why: `${describe(byPath)}, by the file name` };
  return { role: undefined, why: 'vehicle or charge point node: not decided' };
}

function describe(role: NodeRole): string {
  return role === 'vehicle' ? 'vehicle node' : 'charge point node';
}

const DIRECTIVE_PREFIX = 'capl-ids';
/** What nextMention looks for: DIRECTIVE_PREFIX from its `p` on. */
const PREFIX_TAIL = DIRECTIVE_PREFIX.slice(DIRECTIVE_PREFIX.indexOf('p'));
const TAIL_OFFSET = DIRECTIVE_PREFIX.length - PREFIX_TAIL.length;
const VEHICLE_STATES: readonly TableKey[] = ['vehicle-states'];
const CHARGE_POINT_STATES: readonly TableKey[] = ['charge-point-states'];

/** The index of the procedure whose body holds `offset` (procedures are sorted and disjoint), else -1. */
function procedureAround(procedures: readonly Procedure[], offset: number): number {
  let low = 0;
  let high = procedures.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const procedure = procedures[middle];
    if (procedure.bodyClose <= offset) low = middle + 1;
    else if (procedure.bodyOpen >= offset) high = middle - 1;
    else return middle;
  }
  return -1;
}

/** The index of the token whose span holds `offset`, else -1. */
function tokenHolding(tokens: TokenBuffer, offset: number): number {
  const i = tokens.countStartingBefore(offset + 1) - 1;
  return i >= 0 && tokens.ends[i] > offset ? i : -1;
}

/**
 * The offset of the first `capl-ids` at or after `from`, else -1, looked for by its tail
 * `pl-ids`: V8 finds a pattern of under 7 characters by jumping from one occurrence of its
 * first character to the next (and `p` is rare in code), a longer one by reading the text
 * through (bench/README.md has the figures).
 */
function nextMention(text: string, from: number): number {
  for (let tail = text.indexOf(PREFIX_TAIL, from + TAIL_OFFSET); tail >= 0; tail = text.indexOf(PREFIX_TAIL, tail + 1)) {
    if (text.startsWith(DIRECTIVE_PREFIX, tail - TAIL_OFFSET)) return tail - TAIL_OFFSET;
  }
  return -1;
}
