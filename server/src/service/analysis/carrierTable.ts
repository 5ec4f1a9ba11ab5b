import { TABLE_TITLES } from '../catalogue/types';
import type { CopyText } from './detached';
import type { FileContext } from './fileContext';
import { tableMask, type Carriers } from './summary';

/** Which of the file's look-ups a keyed carrier is in (see CarrierKey): the file's own exports and imports, the shared system variables, its API positions, or columns of its locals. */
export const enum Reach {
  Exported,
  Imported,
  Sysvar,
  Api,
  Own,
  /** A local: no key (see local). */
  Local,
}

/**
 * A file's carriers as its walks make them: one per key (see CarrierKey), one per local, with
 * their labels and sources, and which of them the file exports, imports or shares as a
 * system variable.
 */
export class CarrierTable {
  private readonly labels: string[] = [];
  private readonly sourceMasks: number[] = [];
  private readonly sourceWhy = new Map<number, string>();
  readonly exports = new Map<string, number>();
  readonly imports = new Map<string, number>();
  readonly sysvars = new Map<string, number>();
  /** Per Reach but Local: its carriers by key (exports, imports and sysvars are the summary's own maps). */
  private readonly byKey: readonly Map<string, number>[] = [this.exports, this.imports, this.sysvars, new Map(), new Map()];
  /** Each carrier's reach and key; undefined for a local. */
  private readonly reaches: Reach[] = [];
  private readonly keys: (string | undefined)[] = [];
  /** Variables the settings or an annotation name: any variable of that name carries IDs. */
  private readonly configured = new Map<string, { mask: number; why: string }>();
  /**
   * How names and reasons are kept: copied (see detached) where what is kept outlives the
   * text (a document's builder once a body is walked again, a file read once); else as read.
   */
  copy: CopyText | undefined;
  /** The locals an earlier walk of the body being walked again made, by name (see recycle). */
  private reusable: Map<string, number> | undefined;

  constructor(context: FileContext) {
    for (const [name, table] of Object.entries(context.settings.idVariables)) {
      this.configured.set(name, { mask: tableMask([table]), why: `${name}, an ID variable of the ${TABLE_TITLES[table]} table by the capl-ids.idVariables setting` });
    }
    for (const [name, table] of context.variableTables) {
      this.configured.set(name, { mask: tableMask([table]), why: `${name}, an ID variable of the ${TABLE_TITLES[table]} table by annotation` });
    }
  }

  get count(): number {
    return this.labels.length;
  }

  label(carrier: number): string {
    return this.labels[carrier];
  }

  hasSource(carrier: number): boolean {
    return this.sourceMasks[carrier] !== 0;
  }

  /** The carrier of `key` in `reach`, made on first use (see CarrierKey for the keys). */
  keyed(reach: Exclude<Reach, Reach.Local>, key: string, label: string): number {
    const byKey = this.byKey[reach];
    let index = byKey.get(key);
    if (index !== undefined) return index;
    if (this.copy) [key, label] = [this.copy(key), this.copy(label)];
    index = this.add(reach, key, label);
    byKey.set(key, index);
    if (reach !== Reach.Sysvar && reach !== Reach.Api) this.configure(index, label);
    return index;
  }

  /**
   * A local variable or an event procedure's parameter: no other scope or file refers to it,
   * so it needs no key (the scope's `locals` find it).
   */
  local(locals: Map<string, number>, name: string): number {
    const known = locals.get(name);
    if (known !== undefined) return known;
    const kept = this.kept(name);
    let index = this.reusable?.get(kept);
    if (index === undefined) index = this.add(Reach.Local, undefined, kept);
    else this.reusable!.delete(kept);
    locals.set(kept, index);
    this.configure(index, name);
    return index;
  }

  /**
   * A body is walked again: the locals its earlier walk made are its locals again, by name,
   * their sources cleared, so that a body whose flow of IDs did not change makes the same
   * carriers and links (see sameGraph).
   */
  recycle(locals: ReadonlyMap<string, number>): void {
    this.reusable = new Map(locals);
    for (const carrier of locals.values()) {
      this.sourceMasks[carrier] = 0;
      this.sourceWhy.delete(carrier);
    }
  }

  /** The end of a walk that recycled: how many earlier locals it left unused (nothing refers to them any more). */
  endRecycling(): number {
    const unused = this.reusable?.size ?? 0;
    this.reusable = undefined;
    return unused;
  }

  /** Column `column` of the rows of an array carrier (`tbl[i][0]`). */
  column(array: number, column: number): number {
    return this.part(array, `[${column}]`, `[…][${column}]`);
  }

  /** Member `name` of a struct carrier (`a.b`, `a[i].b`). */
  member(struct: number, name: string): number {
    return this.part(struct, `.${name}`, `.${name}`);
  }

  /** A carrier within `whole`, in its reach (a local's in the file's own). */
  private part(whole: number, keySuffix: string, labelSuffix: string): number {
    const reach = this.reaches[whole];
    const label = `${this.labels[whole]}${labelSuffix}`;
    if (reach === Reach.Local) return this.keyed(Reach.Own, `#${whole}${keySuffix}`, label);
    return this.keyed(reach, `${this.keys[whole]}${keySuffix}`, label);
  }

  addSource(carrier: number, mask: number, why: string): void {
    if (this.sourceMasks[carrier] === 0) this.sourceWhy.set(carrier, this.kept(why));
    this.sourceMasks[carrier] |= mask;
  }

  /** A name as a look-up keeps it (see copy). */
  kept(name: string): string {
    return this.copy ? this.copy(name) : name;
  }

  /** The carriers as a summary holds them; with `previous`'s source masks when they are the same (see sameGraph). */
  snapshot(previous?: Carriers): Carriers {
    const unchanged = previous?.count === this.labels.length && this.sourceMasks.every((mask, i) => previous.sourceMasks[i] === mask);
    return { count: this.labels.length, labels: this.labels, sourceMasks: unchanged ? previous.sourceMasks : new Uint8Array(this.sourceMasks), sourceWhy: this.sourceWhy };
  }

  private add(reach: Reach, key: string | undefined, label: string): number {
    this.reaches.push(reach);
    this.keys.push(key);
    this.labels.push(label);
    this.sourceMasks.push(0);
    return this.labels.length - 1;
  }

  private configure(carrier: number, name: string): void {
    if (this.configured.size === 0) return;
    const configured = this.configured.get(name);
    if (configured) this.addSource(carrier, configured.mask, configured.why);
  }
}
