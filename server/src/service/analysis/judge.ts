import { catalogue } from '../catalogue/catalogue';
import type { CatalogueEntry, TableKey } from '../catalogue/types';
import type { Inference } from './inference';
import { JudgedLiteral, type TableOverride } from './judgedLiteral';
import { RULES, tablesOf, type FileSummary, type Sites } from './summary';
import type { FileAnalysis, IdExpression, IdSlot, IdSource } from './types';
import type { TextChange } from '../syntax/reparse';
import { countWhile } from '../text/sorted';

/**
 * A file's analysis under the workspace's inference: its literal sites whose carrier holds
 * IDs are the file's IDs (rule 7), with the pins and the defaultTable setting applied
 * (rules 11 and 12).
 */
export function judgeFile(summary: FileSummary, inference: Inference, file: number): FileAnalysis {
  const judge = new LiteralJudge(summary, inference, file);
  const ids: JudgedLiteral[] = [];
  for (let i = 0; i < summary.literals.count; i++) judge.push(ids, i);
  return analysisOf(summary, inference, file, judge, ids);
}

/** Where the edits since `base` fell (in one change), when they left every carrier's tables as they were (see sameGraph). */
export interface AnalysisEdit {
  /** The file's analysis before the edits, under the same tables. */
  readonly base: FileAnalysis;
  readonly change: TextChange;
  /** Line breaks the edits added (negative: removed). */
  readonly lineDelta: number;
}

/** What an analysis judgeEdited made was made from, and how many of the base's IDs came after the change (moved). */
export interface JudgedEdit extends AnalysisEdit {
  readonly moved: number;
}

/** The edit each analysis judgeEdited made was made from; one step only, so that no chain of old versions is kept. */
const edits = new WeakMap<FileAnalysis, JudgedEdit>();

/** What an analysis was made from by judgeEdited, while that is still at hand (see derived diagnostics). */
export function editOf(analysis: FileAnalysis): JudgedEdit | undefined {
  return edits.get(analysis);
}

/**
 * The analysis after edits that left every carrier's tables as they were: outside the
 * change the IDs are the base's, inside it they are judged again. The base is given up: its
 * IDs after the change are moved in place (a copy of thousands of them per keystroke would
 * be most of the edit's garbage), so only its number of IDs and its diagnostics are read
 * from then on (see editOf).
 */
export function judgeEdited(edit: AnalysisEdit, summary: FileSummary, inference: Inference, file: number): FileAnalysis {
  const { base, change } = edit;
  const judge = new LiteralJudge(summary, inference, file);
  const before = base.ids as readonly JudgedLiteral[];
  const head = countWhile(before, (id) => id.start < change.start);
  const tail = countWhile(before, (id) => id.start < change.oldEnd);
  const ids = before.slice(0, head);
  const { starts } = summary.literals;
  for (let i = countWhile(starts, (start) => start < change.start); i < summary.literals.count && starts[i] < change.newEnd; i++) judge.push(ids, i);
  const delta = change.newEnd - change.oldEnd;
  for (let i = tail; i < before.length; i++) {
    if (delta !== 0) before[i].move(delta);
    ids.push(before[i]);
  }
  const analysis = analysisOf(summary, inference, file, judge, ids);
  edits.delete(base);
  edits.set(analysis, { ...edit, moved: before.length - tail });
  return analysis;
}

/** Judges literal sites of a summary under an inference, with one lazy source per carrier. */
class LiteralJudge {
  private readonly offset: number;
  private readonly sources = new Map<number, IdSource>();

  constructor(private readonly summary: FileSummary, private readonly inference: Inference, file: number) {
    this.offset = inference.offset(file);
  }

  sourceOf(carrier: number): IdSource {
    let source = this.sources.get(carrier);
    if (!source) this.sources.set(carrier, (source = new InferredSource(this.inference, this.offset + carrier)));
    return source;
  }

  /** Literal site `i`, when its carrier holds IDs, judged onto `ids`. */
  push(ids: JudgedLiteral[], i: number): void {
    const { literals, context } = this.summary;
    const carrier = literals.carriers[i];
    const mask = this.inference.masks[this.offset + carrier];
    if (mask === 0) return;
    const procedure = literals.procedures[i];
    const pin = (procedure >= 0 ? context.procedurePins.get(procedure) : undefined) ?? context.filePin;
    const candidates = tablesOf(mask);
    const tables = decideTables(candidates, pin, context.settings.defaultTable);
    const value = literals.values[i];
    const rule = RULES[literals.rules[i]];
    // `gLastRxId = 0;` resets an ID variable: 0 is an ID only where the table has an entry 0.
    if (value === 0 && rule === 'assignment' && !hasEntry(tables, 0)) return;
    const override: TableOverride = pin ? 'pin' : tables !== candidates ? 'default-table' : undefined;
    ids.push(new JudgedLiteral(literals.starts[i], literals.ends[i], literals.texts[i] ?? String(value), value, tables, entriesOf(tables, value), rule, this.sourceOf(carrier), override));
  }
}

function analysisOf(summary: FileSummary, inference: Inference, file: number, judge: LiteralJudge, ids: readonly JudgedLiteral[]): FileAnalysis {
  const { context } = summary;
  const { masks } = inference;
  const offset = inference.offset(file);
  const sourceOf = (carrier: number) => judge.sourceOf(carrier);
  // The places only hover and completion read are made when first read: `check` never does.
  let idExpressions: readonly IdExpression[] | undefined;
  let slots: readonly IdSlot[] | undefined;
  return {
    ids,
    get idExpressions() {
      return (idExpressions ??= placesHolding(summary.expressions, masks, offset, sourceOf));
    },
    get slots() {
      return (slots ??= placesHolding(summary.slots, masks, offset, sourceOf));
    },
    enumMirrors: summary.enumMirrors,
    annotationProblems: context.annotationProblems,
    silencedLines: context.silencedLines,
    role: context.role,
    filePin: context.filePin,
  };
}

function placesHolding(sites: Sites, masks: Uint8Array, offset: number, sourceOf: (carrier: number) => IdSource): (IdSlot & IdExpression)[] {
  const places: (IdSlot & IdExpression)[] = [];
  for (let i = 0; i < sites.count; i++) {
    const carrier = sites.carriers[i];
    if (masks[offset + carrier] !== 0) places.push({ start: sites.starts[i], end: sites.ends[i], source: sourceOf(carrier) });
  }
  return places;
}

/** A source whose reason is written out when read (only hover, diagnostics and the CLI read reasons). */
class InferredSource implements IdSource {
  readonly tables: readonly TableKey[];

  constructor(
    private readonly inference: Inference,
    private readonly carrier: number,
  ) {
    this.tables = tablesOf(inference.masks[carrier]);
  }

  get why(): string {
    return this.inference.reason(this.carrier);
  }
}

/** A pin overrides the candidates; the defaultTable setting picks among undecided ones. */
function decideTables(candidates: readonly TableKey[], pin: TableKey | undefined, fallback: TableKey | null): readonly TableKey[] {
  if (pin) return [pin];
  if (candidates.length > 1 && fallback && candidates.includes(fallback)) return [fallback];
  return candidates;
}

/**
 * The catalogue entries of a value in some tables, one shared array per tables and value: a
 * file has thousands of IDs, few distinct ones (and the catalogue bounds how many there are).
 */
const sharedEntries = new Map<string, Map<number, readonly CatalogueEntry[]>>();
const NO_ENTRIES: readonly CatalogueEntry[] = Object.freeze([]);

function entriesOf(tables: readonly TableKey[], value: number): readonly CatalogueEntry[] {
  if (!hasEntry(tables, value)) return NO_ENTRIES;
  const key = tables.length === 1 ? tables[0] : tables.join();
  let byValue = sharedEntries.get(key);
  if (!byValue) sharedEntries.set(key, (byValue = new Map()));
  let entries = byValue.get(value);
  if (!entries) byValue.set(value, (entries = Object.freeze(tables.flatMap((table) => catalogue.get(table, value) ?? []))));
  return entries;
}

function hasEntry(tables: readonly TableKey[], value: number): boolean {
  for (const table of tables) if (catalogue.get(table, value)) return true;
  return false;
}
