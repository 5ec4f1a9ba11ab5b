import { TABLE_TITLES } from '../catalogue/types';
import { resolveInclude, uriKey } from '../text/uris';
import { countWhile } from '../text/sorted';
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
 */
export class Inference {
  /** Files in key order: the answer never depends on the order they were added in. */
  private readonly keys: string[];
  private readonly summaries: FileSummary[];
  private readonly offsets: Int32Array;
  /** Per carrier (offset + index in its file): its tables mask, and the carrier it first took tables from. */
  readonly masks: Uint8Array;
  /** Per carrier: 1 when its tables are its own source's (see label). */
  private readonly sourced: Uint8Array;
  /** The carriers' own sources' masks. */
  private readonly sources: Uint8Array;
  /** Calls of a function defined nowhere (a built-in such as `write`): they join nothing. */
  private readonly unresolved: Uint8Array;
  private readonly via: Int32Array;

  constructor(files: ReadonlyMap<string, { readonly uri: string; readonly summary: FileSummary }>) {
    this.keys = [...files.keys()].sort();
    this.summaries = this.keys.map((key) => files.get(key)!.summary);
    this.offsets = new Int32Array(this.keys.length + 1);
    this.summaries.forEach((summary, i) => (this.offsets[i + 1] = this.offsets[i] + summary.carriers.count));
    const total = this.offsets[this.keys.length];
    this.masks = new Uint8Array(total);
    this.sourced = new Uint8Array(total);
    this.sources = new Uint8Array(total);
    this.unresolved = new Uint8Array(total);
    this.via = new Int32Array(total).fill(-1);
    const edges = this.edges(this.keys.map((key) => files.get(key)!.uri));
    this.label(adjacency(total, edges));
  }

  /**
   * This inference with the summary of one file replaced by one with the same graph (see
   * sameGraph): every carrier keeps its tables, nothing is solved again.
   */
  withSummary(file: number, summary: FileSummary): Inference {
    const summaries = [...this.summaries];
    summaries[file] = summary;
    return Object.assign(Object.create(Inference.prototype) as Inference, this, { summaries });
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
    // The last file starting at or before the carrier (an empty file starts where the next one does).
    const file = countWhile(this.offsets, (start) => start <= carrier) - 1;
    return { summary: this.summaries[file], index: carrier - this.offsets[file] };
  }

  /** Every link of every file, each import joined to the export it resolves to, and each system variable to its first carrier. */
  private edges(uris: readonly string[]): Int32Array {
    let capacity = 0;
    for (const summary of this.summaries) capacity += summary.links.length + 2 * (summary.sysvars.size + summary.imports.size);
    const edges = new Int32Array(capacity);
    let count = 0;
    const add = (a: number, b: number) => {
      edges[count++] = a;
      edges[count++] = b;
    };
    const sysvars = new Map<string, number>();
    const includes = this.summaries.map((summary, file) => this.includedFiles(uris[file], summary));
    const includers: number[][] = this.summaries.map(() => []);
    includes.forEach((targets, file) => targets.forEach((target) => includers[target].push(file)));
    const closures = new Map<number, number[]>();
    const closure = (file: number): number[] => {
      let found = closures.get(file);
      if (!found) closures.set(file, (found = closureOf(file, includes)));
      return found;
    };
    const definers = new Map<string, number>();
    this.summaries.forEach((summary, file) => {
      for (const key of summary.exports.keys()) {
        // A function defined by several files has no single definition to fall back on.
        if (key.charCodeAt(0) === R && key.charCodeAt(1) === COLON) definers.set(key, definers.has(key) ? -1 : file);
      }
    });
    this.summaries.forEach((summary, file) => {
      const offset = this.offsets[file];
      const { links, carriers } = summary;
      for (let i = 0; i < links.length; i++) edges[count++] = offset + links[i];
      this.sources.set(carriers.sourceMasks, offset);
      for (const [path, carrier] of summary.sysvars) {
        const first = sysvars.get(path);
        if (first === undefined) sysvars.set(path, offset + carrier);
        else add(first, offset + carrier);
      }
      if (summary.imports.size === 0) return;
      const own = closure(file);
      let related: number[] | undefined;
      for (const [key, carrier] of summary.imports) {
        let target = this.exportIn(key, own);
        if (target === undefined) {
          // The files that include this one, and what they include: looked at only for names the file's own includes lack.
          related ??= [...new Set(includers[file].flatMap((includer) => [includer, ...closure(includer)]))];
          target = this.exportIn(key, related);
        }
        target ??= this.onlyDefinition(key, definers);
        if (target !== undefined) add(offset + carrier, target);
        else if (key.startsWith('p:') || key.startsWith('r:')) this.unresolved[offset + carrier] = 1;
      }
    });
    return edges.subarray(0, count);
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
  private onlyDefinition(key: string, definers: ReadonlyMap<string, number>): number | undefined {
    if (key.startsWith('g:') || key.startsWith('e:')) return undefined;
    const name = key.startsWith('p:') ? key.slice(2, key.lastIndexOf('#')) : key.slice(2);
    const definer = definers.get(`r:${name}`);
    if (definer === undefined || definer < 0) return undefined;
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

  /**
   * Sources of one table spread first, through every carrier that is not one; then the
   * sources that leave their table open spread through the carriers still without tables.
   * A carrier takes each table bit at most once: linear in carriers and links.
   */
  private label(graph: Adjacency): void {
    const decided: number[] = [];
    const open: number[] = [];
    for (let carrier = 0; carrier < this.sources.length; carrier++) {
      const mask = this.sources[carrier];
      if (mask === 0) continue;
      if (isSingleTable(mask)) decided.push(carrier);
      else open.push(carrier);
    }
    this.spread(graph, decided, (to) => isSingleTable(this.sources[to]));
    const undecided = open.filter((carrier) => this.masks[carrier] === 0);
    const reached = new Uint8Array(this.masks.length);
    for (const carrier of undecided) reached[carrier] = 1;
    this.spread(graph, undecided, (to) => this.masks[to] !== 0 && !reached[to], reached);
  }

  /** Breadth-first from carriers that hold their own sources, never into one `closed` says. */
  private spread({ starts, targets }: Adjacency, from: readonly number[], closed: (carrier: number) => boolean, reached?: Uint8Array): void {
    const queue = [...from];
    for (const carrier of from) {
      this.masks[carrier] = this.sources[carrier];
      this.sourced[carrier] = 1;
    }
    for (let head = 0; head < queue.length; head++) {
      const carrier = queue[head];
      const mask = this.masks[carrier];
      for (let e = starts[carrier]; e < starts[carrier + 1]; e++) {
        const to = targets[e];
        if (this.unresolved[to] || closed(to)) continue;
        const added = mask & ~this.masks[to];
        if (added === 0) continue;
        this.masks[to] |= added;
        if (reached) reached[to] = 1;
        if (this.via[to] < 0) this.via[to] = carrier;
        queue.push(to);
      }
    }
  }
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

interface Adjacency {
  readonly starts: Int32Array;
  readonly targets: Int32Array;
}

/** The undirected graph of `edges` (pairs) in compressed rows. */
function adjacency(count: number, edges: Int32Array): Adjacency {
  const starts = new Int32Array(count + 1);
  for (const node of edges) starts[node + 1]++;
  for (let i = 0; i < count; i++) starts[i + 1] += starts[i];
  const fill = starts.slice(0, count);
  const targets = new Int32Array(edges.length);
  for (let i = 0; i < edges.length; i += 2) {
    const a = edges[i];
    const b = edges[i + 1];
    targets[fill[a]++] = b;
    targets[fill[b]++] = a;
  }
  return { starts, targets };
}
