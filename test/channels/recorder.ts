/** What a fake platform accepted, in order, and a way to wait until enough of it has come. */
export interface Recorder<T> {
  items: T[];
  record(item: T): void;
  /** Resolves once `count` items have been recorded. */
  waitFor(count: number): Promise<T[]>;
}

export function createRecorder<T>(): Recorder<T> {
  const items: T[] = [];
  const waiters: Array<{ count: number; resolve: (items: T[]) => void }> = [];
  return {
    items,
    record(item) {
      items.push(item);
      for (const waiter of waiters.filter((w) => items.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(items);
      }
    },
    waitFor(count) {
      if (items.length >= count) return Promise.resolve(items);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}
