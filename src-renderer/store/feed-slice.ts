/**
 * The feed's health as the core last reported it, and the offset between the core's clock and
 * this machine's: a wallboard on another machine may be minutes off, so ages are computed on the
 * core's clock.
 */
import type { FeedStatus } from '../../src-shared/api/live.js';

export interface FeedState {
  readonly status: FeedStatus | null;
  /** core clock − local clock, measured when the status arrived (ms). */
  readonly clockOffsetMs: number;
}

export const initialFeedState: FeedState = { status: null, clockOffsetMs: 0 };

/** Records a status and the clock offset it implies. Transit delay is ignored: sub-second, and ages are shown in seconds. */
export function receiveFeedStatus(status: FeedStatus, receivedAtLocalMs: number): FeedState {
  return { status, clockOffsetMs: Number.isFinite(status.now) ? status.now - receivedAtLocalMs : 0 };
}

/** The core's "now" estimated from this machine's clock. */
export function coreNow(localNowMs: number, clockOffsetMs: number): number {
  return localNowMs + clockOffsetMs;
}
