/**
 * The discrete-event agenda: a binary min-heap of pending actions ordered by time, then by the
 * order in which they were scheduled, so that ties resolve the same way on every run.
 */

export interface Scheduled<T> {
  readonly time: number;
  readonly order: number;
  readonly action: T;
}

export interface Agenda<T> {
  schedule(time: number, action: T): void;
  /** Time of the earliest pending action, or Infinity. */
  peekTime(): number;
  /** Removes and returns the earliest action. */
  pop(): T | undefined;
  size(): number;
}

/** Creates an empty agenda. */
export function createAgenda<T>(): Agenda<T> {
  const heap: Scheduled<T>[] = [];
  let nextOrder = 0;
  const before = (left: Scheduled<T>, right: Scheduled<T>): boolean =>
    left.time < right.time || (left.time === right.time && left.order < right.order);

  return {
    schedule(time, action) {
      const entry: Scheduled<T> = { time, order: nextOrder++, action };
      let index = heap.length;
      heap.push(entry);
      while (index > 0) {
        const parentIndex = (index - 1) >> 1;
        const parent = heap[parentIndex] as Scheduled<T>;
        if (!before(entry, parent)) break;
        heap[index] = parent;
        index = parentIndex;
      }
      heap[index] = entry;
    },
    peekTime: () => (heap.length > 0 ? (heap[0] as Scheduled<T>).time : Infinity),
    pop() {
      const top = heap[0];
      if (top === undefined) return undefined;
      const last = heap.pop() as Scheduled<T>;
      if (heap.length > 0) {
        let index = 0;
        const length = heap.length;
        for (;;) {
          const leftIndex = 2 * index + 1;
          if (leftIndex >= length) break;
          const rightIndex = leftIndex + 1;
          let childIndex = leftIndex;
          if (rightIndex < length && before(heap[rightIndex] as Scheduled<T>, heap[leftIndex] as Scheduled<T>)) childIndex = rightIndex;
          const child = heap[childIndex] as Scheduled<T>;
          if (!before(child, last)) break;
          heap[index] = child;
          index = childIndex;
        }
        heap[index] = last;
      }
      return top.action;
    },
    size: () => heap.length,
  };
}
