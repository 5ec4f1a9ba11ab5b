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

/** The sites of `sorted` outside [from, oldEnd), those after it moved by `delta`, with `inserted` in the gap. */
export function splicedPlaces(sorted: Sites, inserted: Sites, from: number, oldEnd: number, delta: number): Sites {
  const { head, tail } = replacedRange(sorted, from, oldEnd);
  const count = head + inserted.count + sorted.count - tail;
  const spliced = { count, starts: new Int32Array(count), ends: new Int32Array(count), carriers: new Int32Array(count) };
  for (const field of ['starts', 'ends', 'carriers'] as const) {
    spliced[field].set(sorted[field].subarray(0, head));
    spliced[field].set(inserted[field], head);
    spliced[field].set(sorted[field].subarray(tail), head + inserted.count);
  }
  if (delta !== 0) {
    for (let i = head + inserted.count; i < count; i++) {
      spliced.starts[i] += delta;
      spliced.ends[i] += delta;
    }
  }
  return spliced;
}

export function splicedLiterals(sorted: LiteralSites, inserted: LiteralSites, from: number, oldEnd: number, delta: number): LiteralSites {
  const { head, tail } = replacedRange(sorted, from, oldEnd);
  const places = splicedPlaces(sorted, inserted, from, oldEnd, delta);
  const count = places.count;
  const values = new Float64Array(count);
  const rules = new Uint8Array(count);
  const procedures = new Int32Array(count);
  for (const [into, old, fresh] of [[values, sorted.values, inserted.values], [rules, sorted.rules, inserted.rules], [procedures, sorted.procedures, inserted.procedures]] as const) {
    into.set(old.subarray(0, head));
    into.set(fresh, head);
    into.set(old.subarray(tail), head + inserted.count);
  }
  return { ...places, values, rules, procedures, texts: [...sorted.texts.slice(0, head), ...inserted.texts, ...sorted.texts.slice(tail)] };
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
