import { runInNewContext } from 'node:vm';

/** What a HeapCollection reads of a heap and does to it. */
export interface Heap {
  /** Bytes in use, dead objects included until they are collected. */
  inUse(): number;
  collect(): void;
}

/**
 * Collects V8's garbage when the server falls quiet with much more heap in use than its last
 * collection left: `growthBytes` more, or a quarter more on a large heap, where a full
 * collection takes longer (~100 ms with 2,000 files indexed) and so should come more seldom.
 * V8 starts a major collection only when the old generation reaches a limit
 * set for throughput, so the messages, texts, token arrays and reports of a few large
 * documents opened and analysed pile up long after they are dead (bench/README.md, Memory);
 * clangd trims malloc after building an AST for the same reason. A collection waits until no
 * activity started for `quietMs`, so keystrokes in quick succession never wait for one; work
 * that itself takes longer (a large file's first analysis) is followed by one right away.
 */
export class HeapCollection {
  private timer: NodeJS.Timeout | undefined;
  /** None at the start: the first quiet moment collects, once the start and the first work have left garbage. */
  private inUseAfterCollection = 0;
  private afterAnswer = false;

  constructor(private readonly quietMs: number, private readonly growthBytes: number, private readonly heap: Heap = v8Heap()) {}

  /** The server is busy (a document changed, diagnostics were asked for, a file was indexed): look again once it has been quiet for a while. */
  activity(): void {
    if (this.timer) this.timer.refresh();
    else {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.collectIfGrown();
      }, this.quietMs).unref();
    }
  }

  /**
   * A large document was opened: look again as soon as its diagnostics are answered (see
   * answered), quiet or not. Documents opened and closed one after another (an editor's
   * preview as the user clicks through files) leave no quiet moment in between.
   */
  largeDocumentOpened(): void {
    this.afterAnswer = true;
  }

  /** Diagnostics were answered (call before the answer is written: the look comes after it). */
  answered(): void {
    if (!this.afterAnswer) return;
    this.afterAnswer = false;
    setImmediate(() => this.collectIfGrown());
  }

  private collectIfGrown(): void {
    if (this.heap.inUse() - this.inUseAfterCollection < Math.max(this.growthBytes, this.inUseAfterCollection / 4)) return;
    this.heap.collect();
    this.inUseAfterCollection = this.heap.inUse();
  }
}

/**
 * V8's heap: in use is its objects and the memory they hold outside it (`ArrayBuffer`s), read
 * without I/O (`process.memoryUsage()` reads /proc, and throws when no file descriptor is left).
 * `node:v8` is loaded when first needed: it is not among the modules Node starts with.
 */
export function v8Heap(): Heap {
  let collectGarbage: (() => void) | undefined;
  return {
    inUse: () => {
      const heap = v8().getHeapStatistics();
      return heap.used_heap_size + heap.external_memory;
    },
    collect: () => {
      collectGarbage ??= v8GarbageCollector();
      collectGarbage();
    },
  };
}

/**
 * V8's `gc()` (a no-op where it cannot be had), which Node exposes only with `--expose-gc`.
 * The flag is set just long enough to make a context that has the function, then cleared: V8
 * checks a code cache against its flags (see cachedStart.ts), so the one written when the
 * server exits must see them as they were when it started.
 */
function v8GarbageCollector(): () => void {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  const { setFlagsFromString } = v8();
  try {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as unknown;
    if (typeof collect === 'function') return collect as () => void;
  } catch {
    // an embedder that refuses the flag: V8 collects on its own
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return () => undefined;
}

function v8(): typeof import('node:v8') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:v8') as typeof import('node:v8');
}
