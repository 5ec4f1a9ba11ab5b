import type { CatalogueEntry, TableKey } from '../catalogue/types';
import type { NodeRole } from '../settings';
import type { Span } from '../syntax/outline';

/** Something that carries a message ID, with the candidate tables and why. */
export interface IdSource {
  readonly tables: readonly TableKey[];
  /** Describes the expression and how its table was decided, for people. */
  readonly why: string;
}

export type IdRule = 'argument' | 'comparison' | 'case-label' | 'assignment' | 'enum-member' | 'element' | 'return' | 'constant' | 'member';

/** A numeric literal judged to be a message ID. */
export interface IdLiteral extends Span {
  /** As written, e.g. `0xE3`. */
  readonly text: string;
  readonly value: number;
  /** Candidate tables: one when the context decides, several when it is ambiguous. */
  readonly tables: readonly TableKey[];
  /** The entries with this value in those tables (empty: unknown in a decided table). */
  readonly entries: readonly CatalogueEntry[];
  readonly rule: IdRule;
  readonly reason: string;
}

/** An enum whose members copy a table, and how each member compares with it. */
export interface EnumMirror {
  readonly name: string;
  readonly nameSpan: Span;
  readonly table: TableKey;
  readonly members: readonly MirroredMember[];
}

export interface MirroredMember {
  readonly name: string;
  readonly nameSpan: Span;
  readonly value: number | undefined;
  readonly valueSpan?: Span;
  /** The table's entries for this member's name (empty when the name is not in the table). */
  readonly expected: readonly CatalogueEntry[];
}

export interface AnnotationProblem extends Span {
  readonly message: string;
}

/** A place where a message ID is expected (`MessageId == |`, `case |:`, an ID argument), for completion. */
export interface IdSlot extends Span {
  readonly source: IdSource;
}

/** An expression that carries IDs: an ID parameter where it is declared, or an operand compared with IDs. */
export interface IdExpression extends Span {
  readonly source: IdSource;
}

export interface FileAnalysis {
  readonly ids: readonly IdLiteral[];
  /** Start-sorted, for hover on `MessageID`, `$EVSE.….LatestCall.lastRxMessageId`, `@this`. */
  readonly idExpressions: readonly IdExpression[];
  /** Start-sorted; each covers the operand written there, or is empty where none is written yet. */
  readonly slots: readonly IdSlot[];
  readonly enumMirrors: readonly EnumMirror[];
  readonly annotationProblems: readonly AnnotationProblem[];
  /** 0-based line → diagnostic codes silenced on it (empty list: all codes). */
  readonly silencedLines: ReadonlyMap<number, readonly string[]>;
  /** The node role used for the state tables, if decided, and why. */
  readonly role: { readonly role: NodeRole | undefined; readonly why: string };
  /** Table pinned for the whole file by an annotation. */
  readonly filePin: TableKey | undefined;
}
