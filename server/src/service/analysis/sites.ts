import { countWhile } from '../text/sorted';
import type { LiteralSites, Sites } from './summary';

/**
 * A summary's sites (literals, slots, expressions) as a walk finds them, sorted into typed
 * arrays, and spliced when one body is walked again (see resummarizeBody).
 */

/** Sites as they are found, before they are sorted into typed arrays. */
export interface PlaceLists {
  readonly starts: number[];
  readonly ends: number[];
  readonly carriers: number[];
}

export interface LiteralLists extends PlaceLists {
  readonly values: number[];
  readonly texts: string[];
  readonly rules: number[];
  readonly procedures: number[];
}

export function emptyPlaces(): PlaceLists {
  return { starts: [], ends: [], carriers: [] };
}

export function emptyLiterals(): LiteralLists {
  return { ...emptyPlaces(), values: [], texts: [], rules: [], procedures: [] };
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
    values: new Float64Array(count), rules: new Uint8Array(count), procedures: new Int32Array(count), texts: new Array<string>(count),
  }));
}

type SiteArray = Int32Array | Float64Array | Uint8Array | string[];

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

/** The order of sites by start (stable); the walks find them nearly in order. */
function startOrder(starts: readonly number[]): number[] {
  const order = new Array<number>(starts.length);
  let sorted = true;
  for (let i = 0; i < starts.length; i++) {
    order[i] = i;
    if (i > 0 && starts[i] < starts[i - 1]) sorted = false;
  }
  return sorted ? order : order.sort((a, b) => starts[a] - starts[b] || a - b);
}

function picked<T extends Int32Array | Float64Array | Uint8Array>(into: T, from: readonly number[], order: readonly number[]): T {
  for (let i = 0; i < order.length; i++) into[i] = from[order[i]];
  return into;
}

export function sortedPlaces(places: PlaceLists, order = startOrder(places.starts)): Sites {
  const count = order.length;
  return {
    count,
    starts: picked(new Int32Array(count), places.starts, order),
    ends: picked(new Int32Array(count), places.ends, order),
    carriers: picked(new Int32Array(count), places.carriers, order),
  };
}

export function sortedLiterals(sites: LiteralLists): LiteralSites {
  const order = startOrder(sites.starts);
  const count = order.length;
  return {
    ...sortedPlaces(sites, order),
    values: picked(new Float64Array(count), sites.values, order),
    texts: order.map((i) => sites.texts[i]),
    rules: picked(new Uint8Array(count), sites.rules, order),
    procedures: picked(new Int32Array(count), sites.procedures, order),
  };
}
