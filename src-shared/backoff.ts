/** Reconnect delays: exponential with full jitter, so a fleet of consoles never reconnects in step. */

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

/** The shortest delay ever returned: a reconnect loop must never spin, whatever random() says. */
export const MIN_BACKOFF_MS = 50;

/**
 * Delay before reconnect attempt `attempt` (0 for the first retry): random × min(cap, base × 2^attempt).
 *
 * Full jitter spreads a crowd of clients evenly after a feed outage. Out-of-range inputs (a NaN
 * attempt, a random() outside [0, 1)) are clamped rather than trusted, and the result never drops
 * below MIN_BACKOFF_MS.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0;
  const cap = Math.max(0, policy.capMs);
  // 2^1024 is Infinity; Math.min keeps the ceiling at the cap either way.
  const ceiling = Math.min(cap, Math.max(0, policy.baseMs) * 2 ** Math.min(exponent, 1023));
  const draw = random();
  const fraction = Number.isFinite(draw) ? Math.min(1, Math.max(0, draw)) : 1;
  return Math.max(MIN_BACKOFF_MS, Math.floor(fraction * ceiling));
}
