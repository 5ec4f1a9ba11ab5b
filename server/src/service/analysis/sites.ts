import { countWhile } from '../text/sorted';
import type { LiteralSites, Sites } from './summary';

/**
 * A summary's sites (literals, slots, expressions) as a walk finds them, sorted into typed
 * arrays, and spliced when one body is walked again (see resummarizeBody).
 */

/** Sites as a walk finds them: columns that grow as they fill, sorted by start when the walk is done. */
export class PlaceLists {
  count = 0;
  starts = new Int32Array(INITIAL_CAPACITY);
  ends = new Int32Array(INITIAL_CAPACITY);
  carriers = new Int32Array(INITIAL_CAPACITY);

  add(start: number, end: number, carrier: number): void {
    if (this.count === this.starts.length) this.grow(2 * this.count);
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.carriers[this.count] = carrier;
    this.count++;
  }

  protected grow(capacity: number): void {
    this.starts = grown(this.starts, capacity);
    this.ends = grown(this.ends, capacity);
    this.carriers = grown(this.carriers, capacity);
  }
}

export class LiteralLists extends PlaceLists {
  values = new Float64Array(INITIAL_CAPACITY);
  readonly texts: (string | undefined)[] = [];
  rules = new Uint8Array(INITIAL_CAPACITY);
  procedures = new Int32Array(INITIAL_CAPACITY);

  addLiteral(start: number, end: number, carrier: number, value: number, text: string | undefined, rule: number, procedure: number): void {
    const at = this.count;
    this.add(start, end, carrier);
    this.values[at] = value;
    this.texts.push(text);
    this.rules[at] = rule;
    this.procedures[at] = procedure;
  }

  protected override grow(capacity: number): void {
    super.grow(capacity);
    this.values = grown(this.values, capacity);
    this.rules = grown(this.rules, capacity);
    this.procedures = grown(this.procedures, capacity);
  }
}

const INITIAL_CAPACITY = 16;

function grown<T extends Int32Array | Float64Array | Uint8Array>(column: T, capacity: number): T {
  const larger = new (column.constructor as new (length: number) => T)(capacity);
  larger.set(column);
  return larger;
}

export function emptyPlaces(): PlaceLists {
  return new PlaceLists();
}

export function emptyLiterals(): LiteralLists {
  return new LiteralLists();
}

/** Where the sites starting in [from, oldEnd) are in `sorted`. */
function replacedRange(sorted: Sites, from: number, oldEnd: number): { head: number; tail: number } {
  const head = countWhile(sorted.starts, (start) => start < from);
  return { head, tail: head + countWhile(sorted.starts.subarray(head), (start) => start < oldEnd) };
}

/**
 * The sites of `sorted` outside [from, oldEnd), those after it moved by `delta`, with
 * `inserted` in the gap: in `sorted` itself when `inserted` has as many sites as the gap.
 */
export function splicedPlaces(sorted: Sites, inserted: Sites, from: number, oldEnd: number, delta: number): Sites {
  return splicedSites(sorted, inserted, from, oldEnd, delta, (count) => ({ count, starts: new Int32Array(count), ends: new Int32Array(count), carriers: new Int32Array(count) }));
}

export function splicedLiterals(sorted: LiteralSites, inserted: LiteralSites, from: number, oldEnd: number, delta: number): LiteralSites {
  return splicedSites(sorted, inserted, from, oldEnd, delta, (count) => ({
    count, starts: new Int32Array(count), ends: new Int32Array(count), carriers: new Int32Array(count),
    values: new Float64Array(count), rules: new Uint8Array(count), procedures: new Int32Array(count), texts: new Array<string | undefined>(count),
  }));
}

type SiteArray = Int32Array | Float64Array | Uint8Array | (string | undefined)[];

function splicedSites<S extends Sites>(sorted: S, inserted: S, from: number, oldEnd: number, delta: number, allocate: (count: number) => S): S {
  const { head, tail } = replacedRange(sorted, from, oldEnd);
  const inPlace = tail - head === inserted.count;
  const spliced = inPlace ? sorted : allocate(head + inserted.count + sorted.count - tail);
  for (const field of Object.keys(sorted) as (keyof S)[]) {
    if (field === 'count') continue;
    const [into, old, fresh] = [spliced[field], sorted[field], inserted[field]] as SiteArray[];
    if (!inPlace) {
      copy(into, old, 0, head, 0);
      copy(into, old, tail, sorted.count, head + inserted.count);
    }
    copy(into, fresh, 0, inserted.count, head);
  }
  if (delta !== 0) {
    for (let i = head + inserted.count; i < spliced.count; i++) {
      spliced.starts[i] += delta;
      spliced.ends[i] += delta;
    }
  }
  return spliced;
}

/** `from[start, end)` into `into` at `at`. */
function copy(into: SiteArray, from: SiteArray, start: number, end: number, at: number): void {
  if (Array.isArray(into)) for (let i = start; i < end; i++) into[at + i - start] = (from as string[])[i];
  else (into as Int32Array).set((from as Int32Array).subarray(start, end), at);
}

/**
 * The order of the sites by start (stable), undefined when they are in order already. The
 * walks find them in a few ordered runs (a variables section after the procedures, an
 * operand's site after the one right of it), so the runs are merged, pairwise.
 */
function startOrder(starts: Int32Array, count: number): Int32Array | undefined {
  let bounds = [0];
  for (let i = 1; i < count; i++) if (starts[i] < starts[i - 1]) bounds.push(i);
  if (bounds.length === 1) return undefined;
  bounds.push(count);
  let order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  let merged = new Int32Array(count);
  while (bounds.length > 2) {
    const next = [0];
    for (let run = 0; run + 1 < bounds.length; run += 2) {
      const end = run + 2 < bounds.length ? bounds[run + 2] : bounds[run + 1];
      mergeRuns(starts, order, merged, bounds[run], bounds[run + 1], end);
      next.push(end);
    }
    [order, merged] = [merged, order];
    bounds = next;
  }
  return order;
}

/** `from`'s ordered runs [low, middle) and [middle, high) into `into`, the first run's first at equal starts. */
function mergeRuns(starts: Int32Array, from: Int32Array, into: Int32Array, low: number, middle: number, high: number): void {
  let a = low;
  let b = middle;
  let k = low;
  while (a < middle && b < high) into[k++] = starts[from[b]] < starts[from[a]] ? from[b++] : from[a++];
  while (a < middle) into[k++] = from[a++];
  while (b < high) into[k++] = from[b++];
}

function picked<T extends Int32Array | Float64Array | Uint8Array>(from: T, count: number, order: Int32Array | undefined): T {
  if (!order) return from.slice(0, count) as T;
  const into = new (from.constructor as new (length: number) => T)(count);
  for (let i = 0; i < count; i++) into[i] = from[order[i]];
  return into;
}

function pickedTexts(from: readonly (string | undefined)[], order: Int32Array): (string | undefined)[] {
  const into = new Array<string | undefined>(order.length);
  for (let i = 0; i < order.length; i++) into[i] = from[order[i]];
  return into;
}

export function sortedPlaces(places: PlaceLists, order = startOrder(places.starts, places.count)): Sites {
  const { count } = places;
  return {
    count,
    starts: picked(places.starts, count, order),
    ends: picked(places.ends, count, order),
    carriers: picked(places.carriers, count, order),
  };
}

export function sortedLiterals(sites: LiteralLists): LiteralSites {
  const order = startOrder(sites.starts, sites.count);
  const { count } = sites;
  return {
    ...sortedPlaces(sites, order),
    values: picked(sites.values, count, order),
    texts: order ? pickedTexts(sites.texts, order) : sites.texts,
    rules: picked(sites.rules, count, order),
    procedures: picked(sites.procedures, count, order),
  };
}
