/**
 * A clock the test moves by hand, implementing the pacer's timers: nothing runs until advance()
 * reaches its due time, so pacing is asserted exactly, with no sleep and no wall clock.
 */
import type { PacerTimers } from '../../src-main/core/live-views/pacer.js';

export interface ManualTimers extends PacerTimers {
  /** Moves the clock by `ms`, running every timer that falls due, in time order. */
  advance(ms: number): void;
  /** Timers armed now (intervals included). */
  pending(): number;
}

interface Entry {
  readonly id: number;
  due: number;
  readonly run: () => void;
  readonly everyMs: number | null;
}

export function manualTimers(start = 0): ManualTimers {
  let now = start;
  let nextId = 1;
  const entries = new Map<number, Entry>();

  function arm(run: () => void, ms: number, everyMs: number | null): number {
    const id = nextId++;
    entries.set(id, { id, due: now + Math.max(0, ms), run, everyMs });
    return id;
  }

  function nextDue(until: number): Entry | undefined {
    let next: Entry | undefined;
    for (const entry of entries.values()) {
      if (entry.due > until) continue;
      if (!next || entry.due < next.due || (entry.due === next.due && entry.id < next.id)) next = entry;
    }
    return next;
  }

  return {
    now: () => now,
    setTimeout: (run, ms) => arm(run, ms, null),
    clearTimeout: (handle) => void entries.delete(handle as number),
    setInterval: (run, ms) => arm(run, ms, ms),
    clearInterval: (handle) => void entries.delete(handle as number),
    advance(ms) {
      const until = now + ms;
      for (let entry = nextDue(until); entry; entry = nextDue(until)) {
        now = entry.due;
        if (entry.everyMs === null) entries.delete(entry.id);
        else entry.due += entry.everyMs;
        entry.run();
      }
      now = until;
    },
    pending: () => entries.size,
  };
}
