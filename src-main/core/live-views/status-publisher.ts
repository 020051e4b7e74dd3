/**
 * The status topic: the feed's status at once, then whenever it changes at most every 250 ms,
 * and every second anyway so the ages it shows ("last event 12 s ago") keep moving on a quiet feed.
 */
import type { FeedStatus } from '../../../src-shared/api/live.js';
import { createPacer, type Pacing } from './pacer.js';

/** The feed's status as the core reports it, and its change notices. */
export interface StatusSource {
  status(): FeedStatus;
  onStatus(listener: () => void): () => void;
}

export interface StatusPublisher {
  subscribe(listener: (message: FeedStatus) => void): () => void;
}

/** Status pushes at most this often, plus once a second so ages keep moving on idle floors. */
const STATUS_MIN_INTERVAL_MS = 250;
const STATUS_REFRESH_MS = 1_000;

/** Each subscriber is paced on its own: its first status goes out at once, whatever the others had. */
export function createStatusPublisher(feed: StatusSource, pacing: Pacing = {}): StatusPublisher {
  return {
    subscribe(listener) {
      const pacer = createPacer(() => listener(feed.status()), {
        minIntervalMs: pacing.minIntervalMs ?? STATUS_MIN_INTERVAL_MS,
        refreshMs: pacing.refreshMs ?? STATUS_REFRESH_MS,
        timers: pacing.timers,
      });
      pacer.runNow();
      const unsubscribe = feed.onStatus(pacer.request);
      return () => {
        unsubscribe();
        pacer.close();
      };
    },
  };
}
