/**
 * The one pacer of every live view (docs/decisions/0005): a push at most every `minIntervalMs`,
 * leading edge (the first change after a quiet spell goes out at once, later ones wait for the
 * interval), and one every `refreshMs` anyway so time-driven figures (handle time, time waiting)
 * keep moving when no event arrives.
 *
 * A request costs a flag check while a push is pending: no timer per event, at most one timer
 * armed at a time plus the refresh interval. Timers are injected so tests step time themselves.
 */

/** The clock and timers a pacer runs on; real ones by default, a manual clock in tests. */
export interface PacerTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Node's clock and timers; the refresh interval does not keep the process alive. */
export const REAL_TIMERS: PacerTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  setInterval: (run, ms) => {
    const handle = setInterval(run, ms);
    handle.unref?.();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** How a view is paced; each view has its defaults, tests shorten them or bring their own timers. */
export interface Pacing {
  readonly minIntervalMs?: number;
  readonly refreshMs?: number;
  readonly timers?: PacerTimers;
}

export interface Pacer {
  /** Something changed: run soon, respecting the minimum interval. */
  request(): void;
  /** Runs now (a pending run is folded into it), e.g. the first push to a new subscriber. */
  runNow(): void;
  close(): void;
}

export interface PacerOptions {
  readonly minIntervalMs: number;
  readonly refreshMs: number;
  readonly timers?: PacerTimers;
}

/**
 * Paces `run`; `run(refresh)` is told whether the periodic refresh is due, so it can rebuild
 * everything then.
 */
export function createPacer(run: (refresh: boolean) => void, options: PacerOptions): Pacer {
  const timers = options.timers ?? REAL_TIMERS;
  let timer: unknown = null;
  let lastRunAt = Number.NEGATIVE_INFINITY;
  let refreshDue = false;
  let closed = false;

  function fire(): void {
    timer = null;
    if (closed) return;
    lastRunAt = timers.now();
    const refresh = refreshDue;
    refreshDue = false;
    run(refresh);
  }

  function request(): void {
    if (timer !== null || closed) return;
    timer = timers.setTimeout(fire, Math.max(0, lastRunAt + options.minIntervalMs - timers.now()));
  }

  const interval = timers.setInterval(() => {
    refreshDue = true;
    request();
  }, options.refreshMs);

  return {
    request,
    runNow() {
      if (timer !== null) timers.clearTimeout(timer);
      fire();
    },
    close() {
      closed = true;
      timers.clearInterval(interval);
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
