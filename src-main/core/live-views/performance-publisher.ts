/**
 * The performance topic of a queue or group: a fresh snapshot (live-insights/performance.ts builds
 * it) at most every 500 ms when something in its queues changed, and every second regardless.
 */
import type { LiveTarget, PerformanceMessage, PerformancePeriod } from '../../../src-shared/api/live-insights.js';
import type { Channel } from '../../../src-shared/protocol/events.js';
import { ok, type Result } from '../../../src-shared/result.js';
import type { Session } from '../api/session.js';
import type { LiveState } from '../floor-state/state.js';
import { buildPerformance } from '../live-insights/performance.js';
import type { LiveSource, ViewOverlays } from './live-source.js';
import { createPacer, type Pacing } from './pacer.js';

export interface PerformanceSubscription {
  readonly target: LiveTarget;
  readonly period: PerformancePeriod;
  readonly channels?: readonly Channel[];
}

export interface PerformancePublisher {
  subscribe(session: Session, subscription: PerformanceSubscription, listener: (message: PerformanceMessage) => void): Result<() => void>;
  /** Groups or thresholds changed: targets are resolved again and everyone gets a fresh snapshot. */
  overlaysChanged(): void;
  close(): void;
}

interface Subscriber {
  readonly session: Session;
  readonly subscription: PerformanceSubscription;
  readonly listener: (message: PerformanceMessage) => void;
  queueIds: ReadonlySet<string>;
  dirty: boolean;
}

export function createPerformancePublisher(source: LiveSource, overlays: ViewOverlays, pacing: Pacing = {}): PerformancePublisher {
  const subscribers = new Set<Subscriber>();

  function send(subscriber: Subscriber, state: LiveState, now: number): void {
    const { period, channels } = subscriber.subscription;
    subscriber.dirty = false;
    subscriber.listener(buildPerformance(state, { queueIds: [...subscriber.queueIds], period, channels }, now, overlays.thresholdsFor(subscriber.session)));
  }

  const pacer = createPacer(
    (refresh) => {
      const state = source.live();
      const now = source.floorNow();
      for (const subscriber of subscribers) if (refresh || subscriber.dirty) send(subscriber, state, now);
    },
    { minIntervalMs: pacing.minIntervalMs ?? 500, refreshMs: pacing.refreshMs ?? 1_000, timers: pacing.timers },
  );

  const stopListening = source.onLiveChange((change) => {
    let any = false;
    for (const subscriber of subscribers) {
      if (subscriber.dirty) continue;
      if (change.replaced || [...change.changedQueues].some((queueId) => subscriber.queueIds.has(queueId))) {
        subscriber.dirty = true;
        any = true;
      }
    }
    if (any) pacer.request();
  });

  return {
    subscribe(session, subscription, listener) {
      const state = source.live();
      const resolved = overlays.resolve(session, subscription.target, state);
      if (!resolved.ok) return resolved;
      const subscriber: Subscriber = { session, subscription, listener, queueIds: new Set(resolved.value.queueIds), dirty: false };
      subscribers.add(subscriber);
      send(subscriber, state, source.floorNow());
      return ok(() => {
        subscribers.delete(subscriber);
      });
    },
    overlaysChanged() {
      const state = source.live();
      for (const subscriber of subscribers) {
        const resolved = overlays.resolve(subscriber.session, subscriber.subscription.target, state);
        if (resolved.ok) subscriber.queueIds = new Set(resolved.value.queueIds);
        subscriber.dirty = true;
      }
      pacer.request();
    },
    close() {
      stopListening();
      pacer.close();
      subscribers.clear();
    },
  };
}
