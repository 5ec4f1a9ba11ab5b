import { TABLE_TITLES, type CatalogueEntry, type TableKey } from '../catalogue/types';
import type { IdLiteral, IdRule, IdSource } from './types';

/** What decided a literal's table when its source left it open: an annotation's pin or the defaultTable setting. */
export type TableOverride = 'pin' | 'default-table' | undefined;

const RULE_WORDING: Readonly<Record<IdRule, string>> = {
  argument: '',
  comparison: 'compared with ',
  'case-label': 'case label of a switch on ',
  assignment: 'assigned to ',
  'enum-member': 'value of ',
  element: 'element of ',
  return: 'returned as ',
  constant: 'value of ',
  member: 'value of ',
};

/**
 * A literal judged to be an ID. Its reason is written out when read: only hover, diagnostics
 * and the CLI read reasons, of a few literals, and a file's ten thousand concatenated reasons
 * would otherwise live as long as its analysis.
 */
export class JudgedLiteral implements IdLiteral {
  constructor(
    public start: number,
    public end: number,
    readonly text: string,
    readonly value: number,
    readonly tables: readonly TableKey[],
    readonly entries: readonly CatalogueEntry[],
    readonly rule: IdRule,
    /** What the literal was judged by: the reason is the rule's wording of its `why`. */
    readonly source: IdSource,
    readonly override: TableOverride,
  ) {}

  /** The literal `delta` further in the text: an edit before it moved it (the analysis it was judged in is given up, see judgeEdited). */
  move(delta: number): void {
    this.start += delta;
    this.end += delta;
  }

  get reason(): string {
    const reason = RULE_WORDING[this.rule] + this.source.why;
    if (this.override === 'pin') return `${reason}; table pinned to ${TABLE_TITLES[this.tables[0]]} by annotation`;
    if (this.override === 'default-table') return `${reason}; ${TABLE_TITLES[this.tables[0]]} by the capl-ids.defaultTable setting`;
    return reason;
  }

}
