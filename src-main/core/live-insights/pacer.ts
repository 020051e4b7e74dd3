/**
 * Paces a live view's pushes: at most one per `minIntervalMs` (leading edge, so a quiet floor
 * shows an event at once), and one every `refreshMs` anyway, so time-driven figures (handle time,
 * time waiting) keep moving when no event arrives.
 */
export interface Pacer {
  /** Something changed: run soon, respecting the minimum interval. */
  request(): void;
  close(): void;
}

export interface PacerOptions {
  readonly minIntervalMs: number;
  readonly refreshMs: number;
}

/** `run(refresh)` is told whether the periodic refresh is due, so it can rebuild everything then. */
export function createPacer(run: (refresh: boolean) => void, options: PacerOptions): Pacer {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastRunAt = 0;
  let refreshDue = false;
  let closed = false;

  function fire(): void {
    timer = null;
    if (closed) return;
    lastRunAt = Date.now();
    const refresh = refreshDue;
    refreshDue = false;
    run(refresh);
  }

  function request(): void {
    if (timer || closed) return;
    timer = setTimeout(fire, Math.max(0, lastRunAt + options.minIntervalMs - Date.now()));
  }

  const interval = setInterval(() => {
    refreshDue = true;
    request();
  }, options.refreshMs);
  interval.unref?.();

  return {
    request,
    close() {
      closed = true;
      clearInterval(interval);
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
