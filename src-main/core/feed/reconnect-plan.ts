/**
 * When to try the feed again: at once after a gap (the server replays from the durable seq), with
 * jittered backoff after a failure, slowly when the server refused us; a second gap with no
 * progress in between backs off too. Owns the one reconnect timer.
 */
import { backoffDelay, type BackoffPolicy } from '../../../src-shared/backoff.js';
import type { RefusedRetryPolicy } from './feed-types.js';

export type ReconnectKind = 'immediate' | 'backoff' | 'refused';

export interface ReconnectPlanOptions {
  readonly backoff: BackoffPolicy;
  readonly refusedRetry: RefusedRetryPolicy;
  readonly now: () => number;
  readonly random: () => number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
}

export class ReconnectPlan {
  /** Failed attempts since the last welcome (shown in the status, drives the backoff). */
  attempts = 0;
  /** When the next attempt is due, or null when none is planned. */
  nextRetryAt: number | null = null;
  /** A gap reconnect already happened with no progress since: the next one backs off. */
  private immediateRetries = 0;
  private timer: unknown = null;

  constructor(private readonly options: ReconnectPlanOptions) {}

  /** Plans the next attempt of this kind and returns its delay; `open` runs when it is due. */
  schedule(kind: ReconnectKind, open: () => void): number {
    const { backoff, refusedRetry, random } = this.options;
    let delay: number;
    if (kind === 'immediate' && this.immediateRetries === 0) {
      this.immediateRetries += 1;
      delay = 0;
    } else if (kind === 'refused') {
      delay = Math.max(refusedRetry.minMs, backoffDelay(this.attempts, { baseMs: backoff.baseMs, capMs: refusedRetry.capMs }, random));
      this.attempts += 1;
    } else {
      delay = backoffDelay(this.attempts, backoff, random);
      this.attempts += 1;
    }
    this.nextRetryAt = this.options.now() + delay;
    this.cancelTimer();
    this.timer = this.options.setTimer(() => {
      this.timer = null;
      open();
    }, delay);
    return delay;
  }

  /** Events moved the stream on: the next gap may reconnect at once again. */
  progressed(): void {
    this.immediateRetries = 0;
  }

  /** The feed welcomed us: the backoff starts over. */
  connected(): void {
    this.attempts = 0;
    this.nextRetryAt = null;
  }

  /** No attempt is planned any more (one is opening now, or the client stopped). */
  cancel(): void {
    this.cancelTimer();
    this.nextRetryAt = null;
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
  }
}
