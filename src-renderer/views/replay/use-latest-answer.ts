/**
 * Asking the core about replayed instants, one request at a time: while one is out, only the
 * latest instant asked for waits, so a playing or scrubbed replay never queues stale questions.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../src-shared/result.js';

export interface LatestAnswer<T> {
  readonly value: T | null;
  readonly error: string | null;
  /** Asks for the instant `at` (dropping any instant still waiting). */
  request(at: number): void;
  /** Shows an answer obtained otherwise (a step), dropping any instant still waiting. */
  show(value: T): void;
}

/** Answers of `ask` for the latest instant requested; `ask` should be stable (useCallback). */
export function useLatestAnswer<T>(ask: (at: number) => Promise<Result<T>>): LatestAnswer<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<number | null>(null);
  const busy = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const request = useCallback(
    (at: number) => {
      pending.current = at;
      if (busy.current) return;
      const run = (): void => {
        const next = pending.current;
        if (next === null || !mounted.current) return;
        pending.current = null;
        busy.current = true;
        void ask(next).then((result) => {
          busy.current = false;
          if (!mounted.current) return;
          if (result.ok) {
            setValue(result.value);
            setError(null);
          } else setError(result.error);
          run();
        });
      };
      run();
    },
    [ask],
  );
  const show = useCallback((next: T) => {
    pending.current = null;
    setValue(next);
    setError(null);
  }, []);
  return { value, error, request, show };
}
