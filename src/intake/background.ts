/**
 * Work a channel does after it has answered the platform (a chat turn and its reply). Each piece is
 * handed to the runtime's waitUntil when there is one (Workers), and tracked, so `settle` can wait
 * for all of it: a server closing, or a test reading what was sent.
 */
export interface Background {
  run(work: Promise<unknown>): void;
  /** Resolves once nothing runs, including work started while waiting. */
  settle(): Promise<void>;
}

export function createBackground(waitUntil?: (work: Promise<unknown>) => void): Background {
  const inflight = new Set<Promise<unknown>>();
  return {
    run(work) {
      inflight.add(work);
      void work.finally(() => inflight.delete(work));
      waitUntil?.(work);
    },
    async settle() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
  };
}
