import { TABLES, type TableKey } from '../catalogue/types';
import type { FileContext } from './fileContext';
import type { EnumMirror, IdRule } from './types';

/**
 * What one file tells the inference engine (docs/context-rules.md, "How IDs flow"): its
 * carriers (named things that may hold message IDs), the sources that give some of them a
 * table, the links that join two carriers, and the places where a literal, an operand or
 * an empty slot meets a carrier. Built once per version of the file (see summarizeFile);
 * the engine joins all summaries into one graph (see inference.ts). It keeps no reference
 * to the file's text.
 */
export interface FileSummary {
  readonly path: string;
  readonly carriers: Carriers;
  /** Pairs of carrier indexes: `a = b`, `a == b`, `switch (a) { case b: }`, argument ↔ parameter, `return a`. */
  readonly links: Int32Array;
  readonly literals: LiteralSites;
  /** Where completion offers IDs: after `==`, `case`, at an ID argument (start-sorted). */
  readonly slots: Sites;
  /** Operands that hover explains: parameters, compared and switched-on names (start-sorted). */
  readonly expressions: Sites;
  readonly enumMirrors: readonly EnumMirror[];
  readonly context: FileContext;
  /** What the file declares for the others, by key (see CarrierKey), and what it looks for in them. */
  readonly exports: ReadonlyMap<string, number>;
  readonly imports: ReadonlyMap<string, number>;
  /** System variables by normalised path: shared by every file. */
  readonly sysvars: ReadonlyMap<string, number>;
  /** The include paths as written, for resolving imports. */
  readonly includes: readonly string[];
}

/**
 * The carriers' keys: what makes two carriers of different files (or scopes) the same one.
 * - `g:name` a global variable or constant the file declares (exported)
 * - `p:fn#i`, `r:fn` parameter i and the return value of a function it defines (exported)
 * - `e:Type` an enum type it declares (exported); its members are exported as `g:Member`
 * - the same keys in `imports`: used but declared in another file
 * - in `sysvars`, a normalised path: a system variable (one for the workspace)
 * - `<scope>:name` a local variable or an event procedure's parameter (the file's own)
 * - API positions (`SetMessageTimeout`'s 1st argument, `$EVSE….LatestCall.lastRxMessageId`) are sourced carriers of the file
 */
export interface Carriers {
  readonly count: number;
  /** What a person calls it: `MessageID`, `@sysvar::Common::LastId`, `argument 1 of StartGuard`. */
  readonly labels: readonly string[];
  /** Tables mask (see tableMask) of its sources; 0 for most. */
  readonly sourceMasks: Uint8Array;
  /** Why it has that table, for the sourced ones. */
  readonly sourceWhy: ReadonlyMap<number, string>;
}

export interface Sites {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly carriers: Int32Array;
}

export interface LiteralSites extends Sites {
  readonly values: Float64Array;
  /** The literal as written; undefined where that is its value in decimal (`231`, not `0xE7` or `0231`), as most are. */
  readonly texts: readonly (string | undefined)[];
  readonly rules: Uint8Array;
  /** Outline index of the procedure the literal stands in, -1 at top level (for pins). */
  readonly procedures: Int32Array;
}

export const RULES: readonly IdRule[] = ['argument', 'comparison', 'case-label', 'assignment', 'enum-member', 'element', 'return', 'constant', 'member'];

export function ruleCode(rule: IdRule): number {
  return RULES.indexOf(rule);
}

export function tableMask(tables: readonly TableKey[]): number {
  let mask = 0;
  for (const table of tables) mask |= 1 << TABLES.indexOf(table);
  return mask;
}

const TABLES_OF_MASK: (readonly TableKey[])[] = Array.from({ length: 1 << TABLES.length }, (_, mask) => Object.freeze(TABLES.filter((_, i) => mask & (1 << i))));

/** The tables of a mask, in catalogue order (one shared array per mask). */
export function tablesOf(mask: number): readonly TableKey[] {
  return TABLES_OF_MASK[mask];
}

/**
 * Whether `edited`, a summary of the file after an edit of one body (see resummarizeBody),
 * gives the inference the graph `previous` gave: the same carriers, sources and links, so
 * every carrier keeps its tables (typing that changed no flow of IDs: a digit, a comment, a
 * new statement of the same shape). The re-walk keeps the arrays of what did not change.
 */
export function sameGraph(previous: FileSummary, edited: FileSummary): boolean {
  return previous.carriers.count === edited.carriers.count
    && previous.links === edited.links && previous.carriers.sourceMasks === edited.carriers.sourceMasks
    && previous.exports === edited.exports && previous.imports === edited.imports && previous.sysvars === edited.sysvars
    && previous.includes === edited.includes;
}
