/**
 * Turns the live state into overview pushes: a snapshot per subscriber, then coalesced diffs of
 * the tiles that changed. Diffs leave at most once per `minIntervalMs` (leading edge, so a quiet
 * floor shows an event at once) and time-driven metrics (longest wait, AHT so far) are refreshed
 * every `refreshMs` even when no event arrives.
 */
import type { OverviewMessage, QueueTile } from '../../../src-shared/api/live.js';
import type { LiveState } from '../live/state.js';
import { buildOverview, buildQueueTile } from '../live/overview.js';
import { inScope, type Session } from './session.js';

export interface OverviewPublisher {
  subscribe(session: Session, listener: (message: OverviewMessage) => void): () => void;
  /** Called after every applied batch with the queues it touched. */
  markChanged(queueIds: Iterable<string>): void;
  /** Called after a snapshot replaced the state: every tile is rebuilt. */
  markAllChanged(): void;
  close(): void;
}

export interface OverviewPublisherDeps {
  readonly state: () => LiveState;
  /** Floor time now (epoch ms); time-based metrics are computed against it. */
  readonly floorNow: () => number;
  readonly minIntervalMs?: number;
  readonly refreshMs?: number;
}

interface Subscriber {
  readonly session: Session;
  readonly listener: (message: OverviewMessage) => void;
}

export function createOverviewPublisher(deps: OverviewPublisherDeps): OverviewPublisher {
  const minIntervalMs = deps.minIntervalMs ?? 100;
  const subscribers = new Set<Subscriber>();
  /** What every subscriber has been sent, by queue, as JSON so a recomputed tile that did not change is not resent. */
  const sent = new Map<string, { tile: QueueTile; json: string }>();
  let changed = new Set<string>();
  let dirty = false;
  let lastSentSeq = -1;
  let lastFlushAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const position = (state: LiveState) => ({ asOfSeq: state.lastSeq, asOfTime: state.lastEventTime });

  function flush(): void {
    timer = null;
    lastFlushAt = Date.now();
    if (!dirty) return;
    dirty = false;
    const state = deps.state();
    const now = deps.floorNow();
    const upsert: QueueTile[] = [];
    for (const queueId of changed) {
      if (!state.queues.has(queueId)) continue;
      const tile = buildQueueTile(state, queueId, now);
      const json = JSON.stringify(tile);
      if (sent.get(queueId)?.json === json) continue;
      sent.set(queueId, { tile, json });
      upsert.push(tile);
    }
    changed = new Set();
    const { asOfSeq, asOfTime } = position(state);
    if (upsert.length === 0 && asOfSeq === lastSentSeq) return;
    lastSentSeq = asOfSeq;
    for (const subscriber of subscribers) {
      const visible = upsert.filter((tile) => inScope(subscriber.session, tile.queueId));
      // An empty diff still moves asOfSeq, so the UI knows how current its numbers are.
      subscriber.listener({ kind: 'diff', asOfSeq, asOfTime, upsert: visible, remove: [] });
    }
  }

  function schedule(): void {
    if (timer || subscribers.size === 0) return;
    timer = setTimeout(flush, Math.max(0, lastFlushAt + minIntervalMs - Date.now()));
  }

  const refresh = setInterval(() => {
    for (const queueId of deps.state().queues.keys()) changed.add(queueId);
    dirty = true;
    schedule();
  }, deps.refreshMs ?? 1_000);
  refresh.unref?.();

  return {
    subscribe(session, listener) {
      const subscriber: Subscriber = { session, listener };
      subscribers.add(subscriber);
      const { asOfSeq, asOfTime } = position(deps.state());
      // Built fresh: `sent` describes what the existing subscribers have, not what is current.
      const queues = buildOverview(deps.state(), deps.floorNow()).filter((tile) => inScope(session, tile.queueId));
      listener({ kind: 'snapshot', asOfSeq, asOfTime, queues });
      return () => subscribers.delete(subscriber);
    },
    markChanged(queueIds) {
      for (const queueId of queueIds) changed.add(queueId);
      dirty = true;
      schedule();
    },
    markAllChanged() {
      sent.clear();
      for (const queueId of deps.state().queues.keys()) changed.add(queueId);
      dirty = true;
      schedule();
    },
    close() {
      clearInterval(refresh);
      if (timer) clearTimeout(timer);
      subscribers.clear();
    },
  };
}
