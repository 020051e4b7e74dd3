/**
 * Background work waits for the console's first answer (docs/decisions/0048-a-bounded-close-and-a-first-paint-that-waits-for-nothing.md):
 * a pass over every conversation at start (figures, retention) costs seconds of the core's thread
 * on a large cache, and the first screen needs none of it. The gate opens when the API has answered
 * its first query, or after a while when nobody asks (a host with no window open).
 */
export interface StartGate {
  /** Runs `task` once the gate is open (at once if it is). */
  afterStart(task: () => void): void;
  /** Opens the gate (idempotent); the waiting tasks run on the next turn. */
  open(): void;
  /** Drops the tasks still waiting (the core is closing). */
  close(): void;
}

/** With no query at all, background work starts this long after the core. */
export const START_GATE_FALLBACK_MS = 5_000;

export function createStartGate(fallbackMs = START_GATE_FALLBACK_MS): StartGate {
  let waiting: (() => void)[] | null = [];
  const fallback = setTimeout(() => gate.open(), fallbackMs);
  fallback.unref();
  const gate: StartGate = {
    afterStart(task) {
      if (waiting === null) task();
      else waiting.push(task);
    },
    open() {
      if (waiting === null) return;
      const tasks = waiting;
      waiting = null;
      clearTimeout(fallback);
      // After the answer has been sent, not before it.
      setImmediate(() => {
        for (const task of tasks) {
          try {
            task();
          } catch (error) {
            console.error('[core] a background task failed to start:', error);
          }
        }
      });
    },
    close() {
      clearTimeout(fallback);
      if (waiting !== null) waiting = [];
    },
  };
  return gate;
}
