/**
 * Turns the live state into overview pushes: a snapshot per subscriber, then coalesced diffs of
 * the tiles that changed. Diffs leave at most once per `minIntervalMs` (leading edge, so a quiet
 * floor shows an event at once) and time-driven metrics (longest wait, AHT so far) are refreshed
 * every `refreshMs` even when no event arrives.
 *
 * Queue tiles are the same for everyone (each subscriber sees those in its scope). Group tiles are
 * per user (their own groups, the presets, members filtered to their scope), so they are tracked
 * per subscriber, while each distinct group tile is computed once per flush.
 */
import type { OverviewMessage, QueueTile } from '../../../src-shared/api/live.js';
import type { QueueGroup } from '../../../src-shared/api/live-insights.js';
import type { Thresholds } from '../../../src-shared/protocol/events.js';
import type { LiveState, QueueState } from '../floor-state/state.js';
import { buildGroupTile, buildOverview, buildQueueTile } from '../floor-state/overview.js';
import { inScope, type Session } from './session.js';

/** What another area lays over the plain queue tiles: local threshold overrides and queue groups. */
export interface OverviewOverlays {
  /** The thresholds a queue is judged by (the feed's with any local override). */
  thresholds(queue: QueueState): Thresholds;
  /** The groups this session sees, members already limited to its queue scope. */
  groups(session: Session): readonly QueueGroup[];
}

export interface OverviewPublisher {
  subscribe(session: Session, listener: (message: OverviewMessage) => void): () => void;
  /** Called after every applied batch with the queues it touched. */
  markChanged(queueIds: Iterable<string>): void;
  /** Called after a snapshot replaced the state: every tile is rebuilt. */
  markAllChanged(): void;
  /** Installs the overlays (thresholds, groups); every tile is rebuilt with them. */
  setOverlays(overlays: OverviewOverlays): void;
  /** Groups were created, edited or deleted: each subscriber's group tiles are re-evaluated. */
  markGroupsChanged(): void;
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
  /** Group tiles this subscriber has, by tile id, as JSON. */
  readonly sentGroups: Map<string, string>;
}

interface GroupTileEntry {
  readonly tile: QueueTile | null;
  readonly json: string;
}

const NO_OVERLAYS: OverviewOverlays = { thresholds: (queue) => queue.thresholds, groups: () => [] };

/** A group as one subscriber sees it: the cache key covers its members, so scoped variants differ. */
function groupKey(group: QueueGroup): string {
  return `${group.groupId}\u0000${group.name}\u0000${group.channel}\u0000${group.queueIds.join('\u0000')}`;
}

export function createOverviewPublisher(deps: OverviewPublisherDeps): OverviewPublisher {
  const minIntervalMs = deps.minIntervalMs ?? 100;
  const subscribers = new Set<Subscriber>();
  /** What every subscriber has been sent, by queue, as JSON so a recomputed tile that did not change is not resent. */
  const sent = new Map<string, { tile: QueueTile; json: string }>();
  /** Group tiles computed in earlier flushes, by groupKey; dropped when a member queue changes. */
  let groupTiles = new Map<string, GroupTileEntry>();
  let overlays = NO_OVERLAYS;
  let changed = new Set<string>();
  let dirty = false;
  let groupsDirty = false;
  let lastSentSeq = -1;
  let lastFlushAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const position = (state: LiveState) => ({ asOfSeq: state.lastSeq, asOfTime: state.lastEventTime });
  const thresholdsOf = (queue: QueueState): Thresholds => overlays.thresholds(queue);

  function groupTile(state: LiveState, group: QueueGroup, now: number): GroupTileEntry {
    const key = groupKey(group);
    let entry = groupTiles.get(key);
    if (!entry) {
      const tile = buildGroupTile(state, group, now, thresholdsOf);
      entry = { tile, json: tile === null ? '' : JSON.stringify(tile) };
      groupTiles.set(key, entry);
    }
    return entry;
  }

  /** Drops cached group tiles with a changed member, so this flush recomputes them. */
  function invalidateGroupTiles(): void {
    if (groupTiles.size === 0) return;
    const kept = new Map<string, GroupTileEntry>();
    for (const [key, entry] of groupTiles) {
      const members = entry.tile?.group?.queueIds ?? [];
      if (entry.tile !== null && !members.some((queueId) => changed.has(queueId))) kept.set(key, entry);
    }
    groupTiles = kept;
  }

  function flush(): void {
    timer = null;
    lastFlushAt = Date.now();
    if (!dirty && !groupsDirty) return;
    dirty = false;
    const state = deps.state();
    const now = deps.floorNow();
    const upsert: QueueTile[] = [];
    for (const queueId of changed) {
      if (!state.queues.has(queueId)) continue;
      const tile = buildQueueTile(state, queueId, now, thresholdsOf);
      const json = JSON.stringify(tile);
      if (sent.get(queueId)?.json === json) continue;
      sent.set(queueId, { tile, json });
      upsert.push(tile);
    }
    const groupsTouched = groupsDirty || changed.size > 0;
    invalidateGroupTiles();
    groupsDirty = false;
    changed = new Set();
    const { asOfSeq, asOfTime } = position(state);
    for (const subscriber of subscribers) {
      const visible = upsert.filter((tile) => inScope(subscriber.session, tile.queueId));
      const remove: string[] = [];
      if (groupsTouched) {
        const seen = new Set<string>();
        for (const group of overlays.groups(subscriber.session)) {
          const { tile, json } = groupTile(state, group, now);
          if (!tile) continue;
          seen.add(tile.queueId);
          if (subscriber.sentGroups.get(tile.queueId) === json) continue;
          subscriber.sentGroups.set(tile.queueId, json);
          visible.push(tile);
        }
        for (const tileId of subscriber.sentGroups.keys()) {
          if (seen.has(tileId)) continue;
          subscriber.sentGroups.delete(tileId);
          remove.push(tileId);
        }
      }
      if (visible.length === 0 && remove.length === 0 && asOfSeq === lastSentSeq) continue;
      // An empty diff still moves asOfSeq, so the UI knows how current its numbers are.
      subscriber.listener({ kind: 'diff', asOfSeq, asOfTime, upsert: visible, remove });
    }
    lastSentSeq = asOfSeq;
  }

  function schedule(): void {
    if (timer || subscribers.size === 0) return;
    timer = setTimeout(flush, Math.max(0, lastFlushAt + minIntervalMs - Date.now()));
  }

  function markEverything(): void {
    sent.clear();
    groupTiles = new Map();
    for (const queueId of deps.state().queues.keys()) changed.add(queueId);
    dirty = true;
    groupsDirty = true;
    schedule();
  }

  const refresh = setInterval(() => {
    for (const queueId of deps.state().queues.keys()) changed.add(queueId);
    dirty = true;
    schedule();
  }, deps.refreshMs ?? 1_000);
  refresh.unref?.();

  return {
    subscribe(session, listener) {
      const state = deps.state();
      const now = deps.floorNow();
      const subscriber: Subscriber = { session, listener, sentGroups: new Map() };
      subscribers.add(subscriber);
      const { asOfSeq, asOfTime } = position(state);
      // Built fresh: `sent` describes what the existing subscribers have, not what is current.
      const queues = buildOverview(state, now, thresholdsOf).filter((tile) => inScope(session, tile.queueId));
      for (const group of overlays.groups(session)) {
        const tile = buildGroupTile(state, group, now, thresholdsOf);
        if (!tile) continue;
        subscriber.sentGroups.set(tile.queueId, JSON.stringify(tile));
        queues.push(tile);
      }
      listener({ kind: 'snapshot', asOfSeq, asOfTime, queues });
      return () => subscribers.delete(subscriber);
    },
    markChanged(queueIds) {
      for (const queueId of queueIds) changed.add(queueId);
      dirty = true;
      schedule();
    },
    markAllChanged: markEverything,
    setOverlays(next) {
      overlays = next;
      markEverything();
    },
    markGroupsChanged() {
      groupsDirty = true;
      schedule();
    },
    close() {
      clearInterval(refresh);
      if (timer) clearTimeout(timer);
      subscribers.clear();
    },
  };
}
