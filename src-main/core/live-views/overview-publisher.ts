/**
 * The overview topic: a snapshot per subscriber, then coalesced diffs of the tiles that changed,
 * paced by the live views' pacer (at most one diff per 100 ms, leading edge; every tile refreshed
 * each second so time-driven metrics move on a quiet floor).
 *
 * Queue tiles are the same for everyone (each subscriber sees those in its scope). Group tiles are
 * per user (their own groups, the presets, members filtered to their scope), so they are tracked
 * per subscriber, while each distinct group tile is computed once per flush.
 */
import type { OverviewMessage, QueueTile } from '../../../src-shared/api/live.js';
import type { QueueGroup } from '../../../src-shared/api/live-insights.js';
import { inScope, type Session } from '../api/session.js';
import { evaluateBreaches } from '../floor-state/breaches.js';
import { buildGroupTile, buildOverview, buildQueueTile, type ThresholdsOf } from '../floor-state/overview.js';
import type { LiveState, QueueState } from '../floor-state/state.js';
import type { LiveSource, ViewOverlays } from './live-source.js';
import { createPacer, REAL_TIMERS, type Pacing } from './pacer.js';
import { queueHoursAt } from '../floor-state/hours.js';

/** setTimeout's longest delay; a later change is re-armed when this one fires. */
const MAX_TIMER_MS = 2_147_483_647;

export interface OverviewPublisher {
  subscribe(session: Session, listener: (message: OverviewMessage) => void): () => void;
  /** Thresholds or groups changed: every tile is judged again, and only those that differ are sent. */
  overlaysChanged(): void;
  close(): void;
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

/** A group as one subscriber sees it: the cache key covers its members, so scoped variants differ. */
function groupKey(group: QueueGroup): string {
  return `${group.groupId}\u0000${group.name}\u0000${group.channel}\u0000${group.queueIds.join('\u0000')}`;
}

/**
 * A queue tile as one user sees it: the shared tile (organisation thresholds) judged again by the
 * user's own override, when they have one for that queue. Metrics are the same for everyone.
 */
function personalTile(tile: QueueTile, state: LiveState, thresholdsOf: ThresholdsOf): QueueTile {
  const queue = state.queues.get(tile.queueId);
  if (!queue) return tile;
  const thresholds = thresholdsOf(queue);
  return { ...tile, thresholds, breaches: evaluateBreaches(tile.metrics, thresholds) };
}

export function createOverviewPublisher(source: LiveSource, overlays: Pick<ViewOverlays, 'thresholdsFor' | 'overriddenQueues' | 'groups'>, pacing: Pacing = {}): OverviewPublisher {
  const subscribers = new Set<Subscriber>();
  /** What every subscriber has been sent, by queue, as JSON so a recomputed tile that did not change is not resent. */
  const sent = new Map<string, { tile: QueueTile; json: string }>();
  /** Group tiles computed in earlier flushes, by groupKey; dropped when a member queue changes. */
  let groupTiles = new Map<string, GroupTileEntry>();
  let changed = new Set<string>();
  let dirty = false;
  let groupsDirty = false;
  let lastSentSeq = -1;

  const position = (state: LiveState) => ({ asOfSeq: state.lastSeq, asOfTime: state.lastEventTime });
  const organisation: ThresholdsOf = (queue: QueueState) => queue.thresholds;

  function groupTile(state: LiveState, group: QueueGroup, now: number, session: Session): GroupTileEntry {
    // A group with a member the user overrode is judged by their thresholds: its tile is theirs alone.
    const overridden = overlays.overriddenQueues(session);
    const personal = overridden.size > 0 && group.queueIds.some((queueId) => overridden.has(queueId));
    const key = personal ? `${groupKey(group)}\u0000${session.userId}` : groupKey(group);
    let entry = groupTiles.get(key);
    if (!entry) {
      const tile = buildGroupTile(state, group, now, personal ? overlays.thresholdsFor(session) : organisation);
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

  function markQueues(queueIds: Iterable<string>): void {
    for (const queueId of queueIds) changed.add(queueId);
    dirty = true;
  }

  function flush(refresh: boolean): void {
    // Time-driven metrics (longest wait, AHT so far) move with the clock alone.
    if (refresh) markQueues(source.live().queues.keys());
    // Nobody to tell: the changes wait for the next subscriber's first flush.
    if (subscribers.size === 0) return;
    if (!dirty && !groupsDirty) return;
    dirty = false;
    const state = source.live();
    const now = source.floorNow();
    const upsert: QueueTile[] = [];
    for (const queueId of changed) {
      if (!state.queues.has(queueId)) continue;
      const tile = buildQueueTile(state, queueId, now, organisation);
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
      const overridden = overlays.overriddenQueues(subscriber.session);
      const visible = upsert
        .filter((tile) => inScope(subscriber.session, tile.queueId))
        .map((tile) => (overridden.has(tile.queueId) ? personalTile(tile, state, overlays.thresholdsFor(subscriber.session)) : tile));
      const remove: string[] = [];
      if (groupsTouched) {
        const seen = new Set<string>();
        for (const group of overlays.groups(subscriber.session)) {
          const { tile, json } = groupTile(state, group, now, subscriber.session);
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

  const timers = pacing.timers ?? REAL_TIMERS;
  const pacer = createPacer(
    (refresh) => {
      flush(refresh);
      armHoursTimer();
    },
    { minIntervalMs: pacing.minIntervalMs ?? 100, refreshMs: pacing.refreshMs ?? 1_000, timers },
  );
  const request = (): void => {
    if (subscribers.size > 0) pacer.request();
  };

  // A queue opens or closes with no event at all: one timer, to the earliest next change of any
  // queue, marks the tiles then (the cached hours clock makes asking every queue a comparison).
  let hoursTimer: unknown = null;
  let hoursTimerAt = Number.POSITIVE_INFINITY;
  function armHoursTimer(): void {
    if (subscribers.size === 0) return;
    const now = source.floorNow();
    let next = Number.POSITIVE_INFINITY;
    for (const queue of source.live().queues.values()) {
      const changeAt = queueHoursAt(queue, now).changeAt;
      if (changeAt !== null && changeAt < next) next = changeAt;
    }
    if (next === hoursTimerAt) return;
    if (hoursTimer !== null) timers.clearTimeout(hoursTimer);
    hoursTimer = null;
    hoursTimerAt = next;
    if (next === Number.POSITIVE_INFINITY) return;
    hoursTimer = timers.setTimeout(
      () => {
        hoursTimer = null;
        hoursTimerAt = Number.POSITIVE_INFINITY;
        markQueues(source.live().queues.keys());
        request();
      },
      Math.min(MAX_TIMER_MS, Math.max(0, next - now)),
    );
    (hoursTimer as { unref?: () => void } | null)?.unref?.();
  }

  const stopListening = source.onLiveChange((change) => {
    if (change.replaced) {
      // A snapshot replaced the state: every tile is rebuilt and sent again.
      sent.clear();
      groupTiles = new Map();
      groupsDirty = true;
    }
    markQueues(change.changedQueues);
    request();
  });

  return {
    subscribe(session, listener) {
      const state = source.live();
      const now = source.floorNow();
      const subscriber: Subscriber = { session, listener, sentGroups: new Map() };
      subscribers.add(subscriber);
      const { asOfSeq, asOfTime } = position(state);
      // Built fresh: `sent` describes what the existing subscribers have, not what is current.
      const thresholdsOf = overlays.thresholdsFor(session);
      const queues = buildOverview(state, now, thresholdsOf).filter((tile) => inScope(session, tile.queueId));
      for (const group of overlays.groups(session)) {
        const tile = buildGroupTile(state, group, now, thresholdsOf);
        if (!tile) continue;
        subscriber.sentGroups.set(tile.queueId, JSON.stringify(tile));
        queues.push(tile);
      }
      listener({ kind: 'snapshot', asOfSeq, asOfTime, queues });
      armHoursTimer();
      return () => subscribers.delete(subscriber);
    },
    overlaysChanged() {
      // Someone's own thresholds changed: their tiles differ from what was sent while the shared ones may not.
      sent.clear();
      groupTiles = new Map();
      markQueues(source.live().queues.keys());
      groupsDirty = true;
      request();
    },
    close() {
      stopListening();
      pacer.close();
      if (hoursTimer !== null) timers.clearTimeout(hoursTimer);
      hoursTimer = null;
      subscribers.clear();
    },
  };
}
