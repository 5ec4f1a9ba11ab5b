import { TABLE_TITLES } from '../catalogue/types';
import { resolveInclude, uriKey } from '../text/uris';
import { countWhile, removeFrom } from '../text/sorted';
import { CrossLinks, localGraph, sameNeighbours, type LocalGraph } from './carrierGraph';
import { tablesOf, type FileSummary } from './summary';

/**
 * The one inference engine of the workspace (docs/context-rules.md, "How IDs flow"): the
 * files' summaries joined into one graph of carriers, each labelled with the tables of the
 * sources it is reached from. A source of one table keeps it; any other carrier takes the
 * tables of every such source it reaches through carriers that are not, so one reached from
 * two tables is ambiguous between exactly those two. A source that leaves its table open
 * (an object of unknown binding, a node of unknown role) counts only where no source of one
 * table reaches.
 *
 * Joining is by key, never by looking at every file for each file: an import is looked up
 * in the files the importer includes (transitively), then in the files that include it,
 * and a function, last, by its only definition in the workspace. System variables are one
 * carrier for the whole workspace.
 *
 * An edit of one file re-solves only what its changed links reach (see update): each file
 * keeps room for carriers its edits add, so carriers keep their numbers, and the graph is
 * each file's own links plus the links across files.
 */
export class Inference {
  /** Files in key order: the answer never depends on the order they were added in. */
  private readonly keys: string[];
  private readonly summaries: FileSummary[];
  /** Where each file's carriers start; an editable file has room for more carriers than it has (see room). */
  private readonly offsets: Int32Array;
  /** Per carrier number: its file. */
  private readonly fileOf: Int32Array;
  /** Per carrier (offset + index in its file): its tables mask. */
  readonly masks: Uint8Array;
  /** Per carrier: 1 when its tables are its own source's (see label). */
  private readonly sourced: Uint8Array;
  /** The carriers' own sources' masks. */
  private readonly sources: Uint8Array;
  /** Calls of a function defined nowhere (a built-in such as `write`): they join nothing. */
  private readonly unresolved: Uint8Array;
  /** The carrier each carrier first took tables from. */
  private readonly via: Int32Array;
  /** Whether an edit may update it (see update): only then does it keep its graph once solved. */
  private readonly updatable: boolean;
  private graphs: LocalGraph[];
  private cross = new CrossLinks();
  /** Per file: what each of its imports joined (a carrier number, or UNRESOLVED). */
  private joins: Map<number, number>[];
  /** Per system variable: its carriers, the first of which all others are linked to. */
  private sysvarCarriers = new Map<string, number[]>();
  /** Per file: how many keys it exports and imports (a re-walk of its bodies only ever adds some: see update). */
  private readonly exportCounts: Int32Array;
  private readonly importCounts: Int32Array;
  /** Per imported key: the files that import it, whose joins an export of that key changes (a file that no longer does is harmless). */
  private readonly importers = new Map<string, number[]>();
  /** Per file: changes whenever the tables or reasons of any of its carriers may have (see stampOf). */
  private readonly stamps: Float64Array;
  private readonly includes: number[][];
  private readonly includers: number[][];
  private readonly closures = new Map<number, number[]>();
  /** Per function (`r:name`): the files that define it; only a single one is a definition to fall back on. */
  private readonly definers = new Map<string, number[]>();
  /** Scratch marks for walks over the graph (see component, label). */
  private marks: Int32Array;
  private mark = 0;

  /** `editable` files (documents open in an editor) get room for the carriers their edits add. */
  constructor(files: ReadonlyMap<string, { readonly uri: string; readonly summary: FileSummary; readonly editable?: boolean }>) {
    this.keys = [...files.keys()].sort();
    this.summaries = this.keys.map((key) => files.get(key)!.summary);
    this.offsets = new Int32Array(this.keys.length + 1);
    this.keys.forEach((key, i) => {
      const { count } = this.summaries[i].carriers;
      this.offsets[i + 1] = this.offsets[i] + count + (files.get(key)!.editable ? room(count) : 0);
    });
    this.updatable = this.keys.some((key) => files.get(key)!.editable);
    const total = this.offsets[this.keys.length];
    this.fileOf = new Int32Array(total);
    this.summaries.forEach((_, i) => this.fileOf.fill(i, this.offsets[i], this.offsets[i + 1]));
    this.masks = new Uint8Array(total);
    this.sourced = new Uint8Array(total);
    this.sources = new Uint8Array(total);
    this.unresolved = new Uint8Array(total);
    this.via = new Int32Array(total).fill(-1);
    this.marks = new Int32Array(total);
    this.graphs = this.summaries.map(localGraph);
    this.exportCounts = Int32Array.from(this.summaries, (summary) => summary.exports.size);
    this.importCounts = Int32Array.from(this.summaries, (summary) => summary.imports.size);
    this.stamps = new Float64Array(this.keys.length).fill(nextStamp());
    this.includes = this.summaries.map((summary, file) => this.includedFiles(files.get(this.keys[file])!.uri, summary));
    this.includers = this.summaries.map(() => []);
    this.includes.forEach((targets, file) => targets.forEach((target) => this.includers[target].push(file)));
    this.summaries.forEach((summary, file) => {
      this.define(file, summary.exports.keys());
      this.addImporter(file, summary);
    });
    this.joins = this.summaries.map((summary, file) => {
      this.sources.set(summary.carriers.sourceMasks, this.offsets[file]);
      for (const [path, carrier] of summary.sysvars) this.joinSysvar(path, this.offsets[file] + carrier);
      const joins = this.resolveImports(file, summary.imports);
      this.rejoin(file, new Map(), joins);
      return joins;
    });
    this.label(undefined);
    if (!this.updatable) {
      // Solved once and for all (`check`, `explain`): only the tables and the reasons' chains are read from now on.
      [this.graphs, this.cross, this.joins, this.sysvarCarriers, this.marks] = [[], new CrossLinks(), [], new Map(), new Int32Array(0)];
      this.importers.clear();
      this.definers.clear();
    }
  }

  /**
   * One file's summary replaced by one with the same graph (see sameGraph): every carrier
   * keeps its tables, nothing is solved again.
   */
  replaceSummary(file: number, summary: FileSummary): void {
    this.summaries[file] = summary;
  }

  /**
   * The inference after one file's summary changed (an edit, the file changed on disk): the
   * components of the graph that its changed links, sources and exports touch, before and
   * after, are solved again; every other carrier keeps its tables. The files that import a
   * key the file's exports changed join it again. Undefined, and nothing changed, when the
   * change needs a new inference: the file's includes changed, or it has no room left for its
   * carriers. `othersChanged` tells whether carriers of other files changed their tables or
   * reasons.
   */
  update(file: number, summary: FileSummary): { othersChanged: boolean } | undefined {
    const previous = this.summaries[file];
    const offset = this.offsets[file];
    if (!this.updatable || offset + summary.carriers.count > this.offsets[file + 1] || !sameItems(summary.includes, previous.includes)) return undefined;
    // A re-walk of bodies keeps every carrier's number (see resummarizeBody); a summary made anew numbers them anew.
    const renumbered = summary.exports !== previous.exports;
    const [oldCount, newCount] = [previous.carriers.count, summary.carriers.count];
    const seeds = renumbered ? range(offset, offset + oldCount) : this.changedCarriers(file, previous, summary);
    const changedKeys = renumbered ? new Set([...previous.exports.keys(), ...summary.exports.keys()]) : after(summary.exports.keys(), this.exportCounts[file]);
    const wasSysvars = renumbered ? previous.sysvars : undefined;
    // The importers look the file's exports up in its new summary; the walk before the change reads only graphs and links.
    this.summaries[file] = summary;
    this.undefine(file, previous.exports.keys());
    this.define(file, summary.exports.keys());
    this.exportCounts[file] = summary.exports.size;
    // A re-walk only adds imports, and the ones the file had join what they joined: only the new ones are looked up.
    const ownJoins = renumbered ? this.resolveImports(file, summary.imports) : this.resolveImports(file, after(summary.imports, this.importCounts[file]), new Map(this.joins[file]));
    this.importCounts[file] = summary.imports.size;
    const joins = new Map<number, Map<number, number>>([[file, ownJoins]]);
    for (const key of changedKeys) {
      for (const importer of this.importers.get(key) ?? []) if (!joins.has(importer)) joins.set(importer, this.resolveImports(importer, this.summaries[importer].imports));
    }
    for (const [importer, joined] of joins) {
      if (importer === file && renumbered) continue;
      const importerOffset = this.offsets[importer];
      for (const [carrier, target] of joined) if (this.joins[importer].get(carrier) !== target) seeds.push(importerOffset + carrier);
      for (const carrier of this.joins[importer].keys()) if (!joined.has(carrier)) seeds.push(importerOffset + carrier);
    }
    const reachedBefore = this.component(seeds);
    for (const [importer, joined] of joins) {
      this.rejoin(importer, this.joins[importer], joined);
      this.joins[importer] = joined;
    }
    if (wasSysvars) for (const [path, carrier] of wasSysvars) this.leaveSysvar(path, offset + carrier);
    this.graphs[file] = localGraph(summary);
    this.sources.fill(0, offset, this.offsets[file + 1]);
    this.sources.set(summary.carriers.sourceMasks, offset);
    for (const [path, carrier] of summary.sysvars) if (renumbered || carrier >= oldCount) this.joinSysvar(path, offset + carrier);
    this.addImporter(file, summary);
    const affected = this.component([...seeds, ...(renumbered ? range(offset, offset + newCount) : []), ...reachedBefore]).sort((a, b) => a - b);
    return { othersChanged: this.relabel(affected, file) };
  }

  /** The carriers of a file whose bodies were walked again that are new, or changed their links or sources. */
  private changedCarriers(file: number, previous: FileSummary, summary: FileSummary): number[] {
    const offset = this.offsets[file];
    const [before, after] = [this.graphs[file], localGraph(summary)];
    const changed: number[] = [];
    for (let carrier = 0; carrier < summary.carriers.count; carrier++) {
      if (carrier >= previous.carriers.count || previous.carriers.sourceMasks[carrier] !== summary.carriers.sourceMasks[carrier] || !sameNeighbours(before, after, carrier)) changed.push(offset + carrier);
    }
    return changed;
  }

  /** Labels `affected` (ascending, whole components) anew; new stamps for the files of a component that changed: whether one is not `file`. */
  private relabel(affected: readonly number[], file: number): boolean {
    const [masks, via, sourced] = [this.masks, this.via, this.sourced].map((values) => affected.map((carrier) => values[carrier]));
    for (const carrier of affected) {
      this.masks[carrier] = 0;
      this.sourced[carrier] = 0;
      this.via[carrier] = -1;
    }
    this.label(affected);
    if (!affected.some((carrier, i) => this.masks[carrier] !== masks[i] || this.via[carrier] !== via[i] || this.sourced[carrier] !== sourced[i])) return false;
    // A reason follows the chain of carriers through the component: every file with a carrier in it may read differently.
    const stamp = nextStamp();
    let othersChanged = false;
    for (const carrier of affected) {
      const owner = this.fileOf[carrier];
      this.stamps[owner] = stamp;
      if (owner !== file) othersChanged = true;
    }
    return othersChanged;
  }

  /** Changes whenever the tables or reasons of the file's carriers may have: an analysis made under one stamp holds while it stays. */
  stampOf(file: number): number {
    return this.stamps[file];
  }

  /** The index of a file by its key, -1 if it is not part of this inference. */
  fileIndex(key: string): number {
    const index = countWhile(this.keys, (known) => known < key);
    return this.keys[index] === key ? index : -1;
  }

  offset(file: number): number {
    return this.offsets[file];
  }

  /** A hash of the tables of every carrier other files can see: when it changes, other files' analyses may have. */
  sharedSignature(): string {
    let hash = 0x811c9dc5;
    this.summaries.forEach((summary, file) => {
      const offset = this.offsets[file];
      for (const shared of [summary.exports, summary.imports, summary.sysvars]) {
        for (const carrier of shared.values()) hash = Math.imul(hash ^ (this.masks[offset + carrier] + 1), 0x01000193);
      }
    });
    return `${this.keys.length}:${hash >>> 0}`;
  }

  /** Why the carrier holds IDs, for people: its source, or the chain of carriers that leads to one. */
  reason(carrier: number): string {
    const parts: string[] = [];
    let current = carrier;
    for (let step = 0; step < MAX_REASON_STEPS; step++) {
      const { summary, index } = this.locate(current);
      if (this.sourced[current]) {
        parts.push(summary.carriers.sourceWhy.get(index) ?? summary.carriers.labels[index]);
        break;
      }
      const label = summary.carriers.labels[index];
      if (parts.length === 0 || parts[parts.length - 1] !== label) parts.push(label);
      const next = this.via[current];
      if (next < 0) break;
      current = next;
    }
    let reason = parts.join(', which holds ');
    const elsewhere = this.masks[carrier] & ~this.masks[current];
    if (elsewhere !== 0 && current !== carrier) reason += `, and IDs of the ${tablesOf(elsewhere).map((table) => TABLE_TITLES[table]).join(' and ')} table${tablesOf(elsewhere).length > 1 ? 's' : ''} elsewhere`;
    return reason;
  }

  private locate(carrier: number): { summary: FileSummary; index: number } {
    const file = this.fileOf[carrier];
    return { summary: this.summaries[file], index: carrier - this.offsets[file] };
  }

  // ---- joins across files ---------------------------------------------------------------------

  /**
   * What the file's `imports` join, added to `joins`: the carrier of the export each resolves
   * to, or UNRESOLVED for a call of a function defined nowhere.
   */
  private resolveImports(file: number, imports: Iterable<[string, number]>, joins = new Map<number, number>()): Map<number, number> {
    let own: number[] | undefined;
    let related: number[] | undefined;
    for (const [key, carrier] of imports) {
      let target = this.exportIn(key, (own ??= this.closure(file)));
      if (target === undefined) {
        // The files that include this one, and what they include: looked at only for names the file's own includes lack.
        related ??= [...new Set(this.includers[file].flatMap((includer) => [includer, ...this.closure(includer)]))];
        target = this.exportIn(key, related);
      }
      target ??= this.onlyDefinition(key);
      if (target !== undefined) joins.set(carrier, target);
      else if (key.startsWith('p:') || key.startsWith('r:')) joins.set(carrier, UNRESOLVED);
    }
    return joins;
  }

  /** The links across files of the file's imports from what `before` joined to what `after` does (only the differences change). */
  private rejoin(file: number, before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): void {
    const offset = this.offsets[file];
    for (const [carrier, target] of before) {
      if (after.get(carrier) === target) continue;
      if (target === UNRESOLVED) this.unresolved[offset + carrier] = 0;
      else this.cross.remove(offset + carrier, target);
    }
    for (const [carrier, target] of after) {
      if (before.get(carrier) === target) continue;
      if (target === UNRESOLVED) this.unresolved[offset + carrier] = 1;
      else this.cross.add(offset + carrier, target);
    }
  }

  /** A system variable is one carrier for the workspace: each of its carriers is linked to its first (in file order). */
  private joinSysvar(path: string, carrier: number): void {
    const carriers = this.sysvarCarriers.get(path);
    if (!carriers) {
      this.sysvarCarriers.set(path, [carrier]);
      return;
    }
    const first = carriers[0];
    if (carrier > first) {
      this.cross.add(first, carrier);
      carriers.push(carrier);
      return;
    }
    for (const other of carriers) {
      if (other !== first) this.cross.remove(first, other);
      this.cross.add(carrier, other);
    }
    carriers.unshift(carrier);
  }

  /** A carrier of a file summarised anew leaves its system variable (see joinSysvar). */
  private leaveSysvar(path: string, carrier: number): void {
    const carriers = this.sysvarCarriers.get(path)!;
    const [first, ...others] = carriers;
    if (carrier !== first) {
      this.cross.remove(first, carrier);
      carriers.splice(carriers.indexOf(carrier), 1);
      return;
    }
    for (const other of others) this.cross.remove(first, other);
    const [next, ...rest] = others;
    for (const other of rest) this.cross.add(next, other);
    carriers.shift();
    if (carriers.length === 0) this.sysvarCarriers.delete(path);
  }

  private define(file: number, keys: Iterable<string>): void {
    for (const key of keys) {
      if (key.charCodeAt(0) !== R || key.charCodeAt(1) !== COLON) continue;
      const files = this.definers.get(key);
      if (files) files.push(file);
      else this.definers.set(key, [file]);
    }
  }

  private undefine(file: number, keys: Iterable<string>): void {
    for (const key of keys) removeFrom(this.definers.get(key), file);
  }

  private addImporter(file: number, summary: FileSummary): void {
    for (const key of summary.imports.keys()) {
      const files = this.importers.get(key);
      if (!files) this.importers.set(key, [file]);
      else if (!files.includes(file)) files.push(file);
    }
  }

  private closure(file: number): number[] {
    let found = this.closures.get(file);
    if (!found) this.closures.set(file, (found = closureOf(file, this.includes)));
    return found;
  }

  /** The carrier of the first of `files` that exports `key`. */
  private exportIn(key: string, files: readonly number[]): number | undefined {
    for (const file of files) {
      const carrier = this.summaries[file].exports.get(key);
      if (carrier !== undefined) return this.offsets[file] + carrier;
    }
    return undefined;
  }

  /** A function's parameter or result by its only definition in the workspace. */
  private onlyDefinition(key: string): number | undefined {
    if (key.startsWith('g:') || key.startsWith('e:')) return undefined;
    const name = key.startsWith('p:') ? key.slice(2, key.lastIndexOf('#')) : key.slice(2);
    const definers = this.definers.get(`r:${name}`);
    // A function defined by several files has no single definition to fall back on.
    if (definers?.length !== 1) return undefined;
    const definer = definers[0];
    const carrier = this.summaries[definer].exports.get(key);
    return carrier === undefined ? undefined : this.offsets[definer] + carrier;
  }

  private includedFiles(uri: string, summary: FileSummary): number[] {
    const files: number[] = [];
    for (const path of summary.includes) {
      const target = resolveInclude(uri, path);
      const file = target === undefined ? -1 : this.fileIndex(uriKey(target));
      if (file >= 0) files.push(file);
    }
    return files;
  }

  // ---- labelling ------------------------------------------------------------------------------

  /** The carriers connected to `from` (itself included), in no order. */
  private component(from: readonly number[]): number[] {
    const mark = ++this.mark;
    const found: number[] = [];
    for (const carrier of from) {
      if (this.marks[carrier] === mark) continue;
      this.marks[carrier] = mark;
      found.push(carrier);
    }
    for (let head = 0; head < found.length; head++) {
      this.forEachNeighbour(found[head], (to) => {
        if (this.marks[to] === mark) return;
        this.marks[to] = mark;
        found.push(to);
      });
    }
    return found;
  }

  private forEachNeighbour(carrier: number, visit: (to: number) => void): void {
    const file = this.fileOf[carrier];
    const offset = this.offsets[file];
    const { starts, targets } = this.graphs[file];
    const local = carrier - offset;
    if (local < starts.length - 1) for (let e = starts[local]; e < starts[local + 1]; e++) visit(offset + targets[e]);
    const across = this.cross.neighbours(carrier);
    if (across) for (const to of across) visit(to);
  }

  /**
   * Sources of one table spread first, through every carrier that is not one; then the
   * sources that leave their table open spread through the carriers still without tables.
   * A carrier takes each table bit at most once: linear in carriers and links. `carriers`
   * (ascending), when given, are the only ones labelled: whole components, reset.
   */
  private label(carriers: readonly number[] | undefined): void {
    const decided: number[] = [];
    const open: number[] = [];
    const consider = (carrier: number) => {
      const mask = this.sources[carrier];
      if (mask === 0) return;
      if (isSingleTable(mask)) decided.push(carrier);
      else open.push(carrier);
    };
    if (carriers) carriers.forEach(consider);
    else for (let carrier = 0; carrier < this.sources.length; carrier++) consider(carrier);
    this.spread(decided, (to) => isSingleTable(this.sources[to]));
    const undecided = open.filter((carrier) => this.masks[carrier] === 0);
    const reached = ++this.mark;
    for (const carrier of undecided) this.marks[carrier] = reached;
    this.spread(undecided, (to) => this.masks[to] !== 0 && this.marks[to] !== reached, reached);
  }

  /** Breadth-first from carriers that hold their own sources, never into one `closed` says. */
  private spread(from: readonly number[], closed: (carrier: number) => boolean, reached?: number): void {
    const queue = [...from];
    for (const carrier of from) {
      this.masks[carrier] = this.sources[carrier];
      this.sourced[carrier] = 1;
    }
    for (let head = 0; head < queue.length; head++) {
      const carrier = queue[head];
      const mask = this.masks[carrier];
      this.forEachNeighbour(carrier, (to) => {
        if (this.unresolved[to] || closed(to)) return;
        const added = mask & ~this.masks[to];
        if (added === 0) return;
        this.masks[to] |= added;
        if (reached !== undefined) this.marks[to] = reached;
        if (this.via[to] < 0) this.via[to] = carrier;
        queue.push(to);
      });
    }
  }
}

/** Room for the carriers later edits of a file add, so that they keep every carrier's number (see update). */
function room(count: number): number {
  return 16 + (count >> 3);
}

const UNRESOLVED = -1;
let lastStamp = 0;

/** The items of `items` after its first `skipped` (what a map got since it had that many). */
function* after<T>(items: Iterable<T>, skipped: number): Generator<T> {
  let index = 0;
  for (const item of items) if (index++ >= skipped) yield item;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((item, i) => item === b[i]));
}

function nextStamp(): number {
  return ++lastStamp;
}

function isSingleTable(mask: number): boolean {
  return mask !== 0 && (mask & (mask - 1)) === 0;
}

const MAX_REASON_STEPS = 8;
const R = 'r'.charCodeAt(0);
const COLON = ':'.charCodeAt(0);
const MAX_CLOSURE = 1000;

/** The file's includes, transitively, in breadth-first order (itself excluded). */
function closureOf(file: number, includes: readonly (readonly number[])[]): number[] {
  const seen = new Set([file]);
  const order: number[] = [];
  for (let i = -1; i < order.length && order.length < MAX_CLOSURE; i++) {
    for (const target of includes[i < 0 ? file : order[i]]) {
      if (seen.has(target)) continue;
      seen.add(target);
      order.push(target);
    }
  }
  return order;
}

