import { kHeapIndex } from '../internal.js';

/** What the index orders: anything with a creation time and a slot for its heap position. */
export interface Aged {
  readonly createdAtMs: number;
  [kHeapIndex]: number;
}

/**
 * The pool's sessions ordered by creation time: a binary min-heap whose
 * entries know their own position, so removing any session is O(log n) and
 * finding the expired ones costs O(k log n) for k expired sessions, whatever
 * the pool's size. Sessions restored with an old creation time land where
 * they belong and still expire on time.
 */
export class AgeIndex<T extends Aged> {
  readonly #heap: T[] = [];
  /** The newest session, or undefined once it was removed and not yet looked for again. */
  #newest: T | undefined;
  #newestKnown = true;

  get size(): number {
    return this.#heap.length;
  }

  add(session: T): void {
    const heap = this.#heap;
    session[kHeapIndex] = heap.length;
    heap.push(session);
    this.#siftUp(heap.length - 1);
    if (this.#newestKnown && (this.#newest === undefined || session.createdAtMs >= this.#newest.createdAtMs)) {
      this.#newest = session;
    }
  }

  remove(session: T): boolean {
    const heap = this.#heap;
    const index = session[kHeapIndex];
    if (index < 0 || heap[index] !== session) return false;
    const last = heap.pop() as T;
    if (last !== session) {
      heap[index] = last;
      last[kHeapIndex] = index;
      this.#siftDown(index);
      this.#siftUp(last[kHeapIndex]);
    }
    session[kHeapIndex] = -1;
    if (session === this.#newest) {
      this.#newest = undefined;
      this.#newestKnown = heap.length === 0;
    }
    return true;
  }

  oldest(): T | undefined {
    return this.#heap[0];
  }

  /** O(1) while the newest session stays; one scan after it was removed. */
  newest(): T | undefined {
    if (!this.#newestKnown) {
      let newest: T | undefined;
      for (const session of this.#heap) if (newest === undefined || session.createdAtMs > newest.createdAtMs) newest = session;
      this.#newest = newest;
      this.#newestKnown = true;
    }
    return this.#newest;
  }

  /** Removes and returns every session created before `cutoffMs`, oldest first. */
  takeCreatedBefore(cutoffMs: number): T[] {
    const taken: T[] = [];
    for (let oldest = this.#heap[0]; oldest !== undefined && oldest.createdAtMs < cutoffMs; oldest = this.#heap[0]) {
      this.remove(oldest);
      taken.push(oldest);
    }
    return taken;
  }

  #siftUp(index: number): void {
    const heap = this.#heap;
    const item = heap[index] as T;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex] as T;
      if (parent.createdAtMs <= item.createdAtMs) break;
      heap[index] = parent;
      parent[kHeapIndex] = index;
      index = parentIndex;
    }
    heap[index] = item;
    item[kHeapIndex] = index;
  }

  #siftDown(index: number): void {
    const heap = this.#heap;
    const length = heap.length;
    const item = heap[index] as T;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && (heap[right] as T).createdAtMs < (heap[left] as T).createdAtMs) child = right;
      const childItem = heap[child] as T;
      if (childItem.createdAtMs >= item.createdAtMs) break;
      heap[index] = childItem;
      childItem[kHeapIndex] = index;
      index = child;
    }
    heap[index] = item;
    item[kHeapIndex] = index;
  }
}
