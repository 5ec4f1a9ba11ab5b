import { insertSorted, removeFrom } from '../text/sorted';
import type { FileSummary } from './summary';

/** A file's links as an undirected graph over its carriers, in compressed rows. */
export interface LocalGraph {
  readonly starts: Int32Array;
  readonly targets: Int32Array;
}

/** Built once per links array (and carrier count): an edit that keeps a file's links keeps its graph. */
const localGraphs = new WeakMap<Int32Array, LocalGraph>();

export function localGraph(summary: FileSummary): LocalGraph {
  const { links } = summary;
  const count = summary.carriers.count;
  const known = localGraphs.get(links);
  if (known && known.starts.length === count + 1) return known;
  const starts = new Int32Array(count + 1);
  for (const carrier of links) starts[carrier + 1]++;
  for (let i = 0; i < count; i++) starts[i + 1] += starts[i];
  const fill = starts.slice(0, count);
  const targets = new Int32Array(links.length);
  for (let i = 0; i < links.length; i += 2) {
    const a = links[i];
    const b = links[i + 1];
    targets[fill[a]++] = b;
    targets[fill[b]++] = a;
  }
  const graph = { starts, targets };
  localGraphs.set(links, graph);
  return graph;
}

/** Whether carrier `carrier` has the same neighbours, in the same order, in both graphs. */
export function sameNeighbours(a: LocalGraph, b: LocalGraph, carrier: number): boolean {
  const from = a.starts[carrier];
  const length = a.starts[carrier + 1] - from;
  const other = b.starts[carrier];
  if (b.starts[carrier + 1] - other !== length) return false;
  for (let i = 0; i < length; i++) if (a.targets[from + i] !== b.targets[other + i]) return false;
  return true;
}

/**
 * The links between carriers of different files (an import and the export it resolves to, a
 * system variable and its first carrier), by workspace-wide carrier number. Each carrier's
 * neighbours are kept sorted, so that the order they were added in changes nothing.
 */
export class CrossLinks {
  private readonly lists = new Map<number, number[]>();

  add(a: number, b: number): void {
    insertSorted(this.list(a), b);
    insertSorted(this.list(b), a);
  }

  remove(a: number, b: number): void {
    removeFrom(this.lists.get(a), b);
    removeFrom(this.lists.get(b), a);
  }

  neighbours(carrier: number): readonly number[] | undefined {
    return this.lists.get(carrier);
  }

  private list(carrier: number): number[] {
    let list = this.lists.get(carrier);
    if (!list) this.lists.set(carrier, (list = []));
    return list;
  }
}
