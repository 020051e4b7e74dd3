/**
 * One debug line per step of a start or a close (`[close] core: store closed: 12 ms`), so a slow
 * start or stop says where its time went, in the log of the user's machine as in a benchmark
 * (FLOORWATCH_LOG_LEVEL=debug). At any other level a step runs with no timing at all.
 */
import { logLevelFrom } from './log-files.js';

/** Read once: the level is the process's, fixed at its start. */
let enabled: boolean | null = null;

function debugEnabled(): boolean {
  if (enabled === null) {
    const { level } = logLevelFrom(process.env);
    enabled = level === 'debug' || level === 'trace';
  }
  return enabled;
}

/** One debug line (`[scope] text`), at debug level only. */
export function debugLine(scope: string, text: string): void {
  if (debugEnabled()) console.debug(`[${scope}] ${text}`);
}

/**
 * Runs `step` (synchronous or a promise) and, at debug level, logs how long it took under
 * `[scope] name`, also when it fails. Returns what the step returns.
 */
export function timedStep<T>(scope: string, name: string, step: () => T): T {
  if (!debugEnabled()) return step();
  const started = performance.now();
  const log = (): void => console.debug(`[${scope}] ${name}: ${Math.round(performance.now() - started)} ms`);
  let result: T;
  try {
    result = step();
  } catch (error) {
    log();
    throw error;
  }
  if (result instanceof Promise) return result.finally(log) as T;
  log();
  return result;
}
