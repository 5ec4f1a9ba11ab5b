import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { cachedDataVersionTag } from 'node:v8';
import { HeapCollection, v8Heap, type Heap } from '../../server/src/heapCollection';

const QUIET_MS = 20;
const GROWTH = 1000;

/** A heap whose use the test sets, counting the collections asked of it (each leaves `live` in use). */
class FakeHeap implements Heap {
  used = 0;
  live = 0;
  collections = 0;
  inUse(): number {
    return this.used;
  }
  collect(): void {
    this.collections++;
    this.used = this.live;
  }
}

describe('HeapCollection: garbage collected once the server is quiet', () => {
  it('collects once the server has been quiet, when the heap grew by the threshold since the last collection', async () => {
    const heap = new FakeHeap();
    const collection = new HeapCollection(QUIET_MS, GROWTH, heap);
    heap.used = GROWTH;
    heap.live = 300;
    collection.activity();
    assert.equal(heap.collections, 0, 'not while the server is busy');
    await sleep(QUIET_MS * 3);
    assert.equal(heap.collections, 1);
    assert.equal(heap.used, 300);
  });

  it('measures growth from what the last collection left, and leaves a heap that grew less alone', async () => {
    const heap = new FakeHeap();
    const collection = new HeapCollection(QUIET_MS, GROWTH, heap);
    heap.used = 3500;
    heap.live = 3000;
    collection.activity();
    await sleep(QUIET_MS * 3);
    assert.equal(heap.collections, 1, 'the first quiet moment collects what the start left');
    heap.used = 3000 + GROWTH - 1;
    collection.activity();
    await sleep(QUIET_MS * 3);
    assert.equal(heap.collections, 1, 'grown by less than the threshold since the collection');
    heap.used = 3000 + GROWTH;
    heap.live = 3200;
    collection.activity();
    await sleep(QUIET_MS * 3);
    assert.equal(heap.collections, 2);
    heap.used = 3200 + GROWTH - 1;
    collection.activity();
    await sleep(QUIET_MS * 3);
    assert.equal(heap.collections, 2);
  });

  it('on a large heap, waits for it to grow by a quarter of what the last collection left', async () => {
    const heap = new FakeHeap();
    const collection = new HeapCollection(QUIET_MS, GROWTH, heap);
    heap.used = GROWTH * 50;
    heap.live = GROWTH * 40;
    collection.activity();
    await sleep(QUIET_MS * 3);
    assert.equal(heap.collections, 1);
    heap.used = GROWTH * 49;
    collection.activity();
    await sleep(QUIET_MS * 3);
    assert.equal(heap.collections, 1, 'grown by 9 times the threshold, less than a quarter of 40');
    heap.used = GROWTH * 50;
    collection.activity();
    await sleep(QUIET_MS * 3);
    assert.equal(heap.collections, 2);
  });

  it('never collects without activity', async () => {
    const heap = new FakeHeap();
    heap.used = GROWTH * 10;
    new HeapCollection(QUIET_MS, GROWTH, heap);
    await sleep(QUIET_MS * 3);
    assert.equal(heap.collections, 0);
  });

  it('waits while the server stays busy: each activity postpones the collection', async () => {
    const heap = new FakeHeap();
    const collection = new HeapCollection(QUIET_MS * 10, GROWTH, heap);
    heap.used = GROWTH * 10;
    for (let i = 0; i < 12; i++) {
      collection.activity();
      await sleep(QUIET_MS / 2);
    }
    assert.equal(heap.collections, 0, 'typing never waits for a collection');
    await sleep(QUIET_MS * 15);
    assert.equal(heap.collections, 1, 'one collection for the whole burst');
  });

  it('after a large document is opened, collects as soon as its diagnostics are answered, quiet or not', async () => {
    const heap = new FakeHeap();
    const collection = new HeapCollection(QUIET_MS * 100, GROWTH, heap);
    heap.used = GROWTH * 10;
    collection.answered();
    collection.activity();
    await sleep(QUIET_MS);
    assert.equal(heap.collections, 0, 'an answer alone waits for a quiet moment');
    collection.largeDocumentOpened();
    collection.activity();
    collection.answered();
    assert.equal(heap.collections, 0, 'not before the answer is written');
    await sleep(QUIET_MS);
    assert.equal(heap.collections, 1);
    heap.used = GROWTH * 20;
    collection.answered();
    await sleep(QUIET_MS);
    assert.equal(heap.collections, 1, 'once per large document');
  });

  it("collects V8's garbage and leaves the flags that code caches are checked against as they were", () => {
    const tag = cachedDataVersionTag();
    const heap = v8Heap();
    let garbage: unknown[] | undefined = Array.from({ length: 200_000 }, (_, i) => ({ i, text: `garbage ${i}` }));
    const withGarbage = heap.inUse();
    assert.ok(garbage.length > 0);
    garbage = undefined;
    heap.collect();
    assert.ok(heap.inUse() < withGarbage - 5_000_000, `${heap.inUse()} in use after collecting, ${withGarbage} before`);
    assert.equal(cachedDataVersionTag(), tag);
    assert.equal((globalThis as { gc?: unknown }).gc, undefined, 'gc() is not left on the global object');
  });
});
