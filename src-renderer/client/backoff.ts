/** Reconnect delays for the UI↔core link. */

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const LINK_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 5_000 };

/**
 * Delay before reconnect attempt `attempt` (0 for the first retry): exponential, capped, with
 * "equal jitter" — half fixed, half random — so many consoles restarting with the host do not
 * reconnect in lockstep, yet no retry fires with zero delay.
 */
export function backoffDelayMs(attempt: number, random: () => number, policy: BackoffPolicy = LINK_BACKOFF): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * unit);
}
