/**
 * The wallboard.live topic: agent tiles, per-queue minute series, a ticker of alerts and today's
 * leaderboard, as a snapshot then diffs paced by the live views' pacer at most every 250 ms, so a
 * board's charts move a few times a second however busy the floor is.
 *
 * Series are sampled in floor time: each queue gets one point per floor minute, revised while the
 * minute runs (queued at its end, service level so far today, conversations that entered in it),
 * kept for 24 hours in memory. Before the first live minute, a snapshot carries the past from the
 * cache (intraday-past.ts): one point per stored 15-minute bucket, so a board opened on a console
 * started mid-day shows the whole day; the service level so far today is the state's, whose
 * counters already hold the cache's part of the day (day-past.ts, through the core's live()).
 */
import type { AgentTile, LeaderboardEntry, SeriesPoint, TickerItem, WallboardLiveMessage } from '../../../src-shared/api/wallboard.js';
import type { MetricValues } from '../../../src-shared/metrics/dictionary.js';
import { isValidTimeZone, startOfDayInZone } from '../../../src-shared/time.js';
import { inScope, type Session } from '../api/session.js';
import { evaluateBreaches } from '../floor-state/breaches.js';
import { queueMetrics } from '../floor-state/metrics.js';
import type { AgentState, LiveState } from '../floor-state/state.js';
import type { PastQueue } from './intraday-past.js';
import type { LiveChange, LiveSource } from './live-source.js';
import { createPacer, REAL_TIMERS, type PacerTimers } from './pacer.js';

export const MINUTE_MS = 60_000;
export const SERIES_HORIZON_MS = 24 * 3_600_000;
export const MAX_TICKER_ITEMS = 50;
/** Transfers out of one queue within the window that make a burst worth telling the floor. */
export const TRANSFER_BURST = 5;
export const ALERT_WINDOW_MS = 5 * MINUTE_MS;
const DAY_MS = 86_400_000;

/** Survey answers an agent received since midnight (in the zone of the survey's queue). */
export interface CsatCounter {
  readonly dayStart: number;
  readonly surveys: number;
  readonly positive: number;
}

export interface WallboardLiveOptions {
  /** Today's survey answers per agent from the store, so a restart keeps the leaderboard's CSAT. */
  readonly seedCsat?: ReadonlyMap<string, CsatCounter>;
  /** Least time between two diffs (default 250 ms). */
  readonly minIntervalMs?: number;
  /** Least time between two leaderboards in diffs (default 5 s): it ranks a whole day and moves slowly. */
  readonly leaderboardIntervalMs?: number;
  /** How often the floor clock is checked for a new minute (default 1 s): the pacer's refresh. */
  readonly tickMs?: number;
  readonly timers?: PacerTimers;
  /** The past from the cache (default: none, the series start with the console). */
  readonly past?: IntradayPast;
}

/** Where the series' past comes from: the store's rollups, through intraday-past.ts. */
export interface IntradayPast {
  /** Points of the queue in [from, to), one per stored bucket. */
  series(queue: PastQueue, from: number, to: number): SeriesPoint[];
}

export interface WallboardLivePublisher {
  /** Sends the snapshot at once, then diffs; returns the way to stop. */
  subscribe(session: Session, listener: (message: WallboardLiveMessage) => void): () => void;
  close(): void;
}

/** One agent as a board shows it. */
export function agentTile(agent: AgentState): AgentTile {
  return {
    agentId: agent.agentId,
    name: agent.name,
    statusKind: agent.status.kind,
    busy: agent.status.kind === 'available' && agent.conversationIds.length > 0,
    statusSince: agent.status.since,
    queueIds: agent.queueIds,
  };
}

function agentKey(tile: AgentTile): string {
  return `${tile.name}\u0000${tile.statusKind}\u0000${tile.busy ? 1 : 0}\u0000${tile.statusSince}\u0000${tile.queueIds.join(',')}`;
}

/** Agents a grid shows: the logged-in ones (a logout removes the tile). */
function onFloor(agent: AgentState): boolean {
  return agent.loggedIn || agent.status.kind !== 'offline';
}

function agentInScope(session: Session, queueIds: readonly string[]): boolean {
  return session.queueScope === null || queueIds.some((queueId) => inScope(session, queueId));
}

/**
 * Puts a point into a queue's series in time order, replacing the point of the same minute, and
 * drops points older than the horizon. Returns a new array.
 */
export function upsertPoint(points: readonly SeriesPoint[], point: SeriesPoint, horizonMs: number = SERIES_HORIZON_MS): SeriesPoint[] {
  const kept = points.filter((existing) => existing.at !== point.at && existing.at > point.at - horizonMs);
  let index = kept.length;
  while (index > 0 && kept[index - 1]!.at > point.at) index -= 1;
  kept.splice(index, 0, point);
  const newest = kept[kept.length - 1]!.at;
  return kept.filter((existing) => existing.at > newest - horizonMs);
}

/** How loud the queue length is against its thresholds: the same rule as the tiles' highlight. */
export function queuedSeverity(metrics: MetricValues, thresholds: Parameters<typeof evaluateBreaches>[1]): 'warning' | 'critical' | null {
  return evaluateBreaches(metrics, thresholds).find((breach) => breach.metricId === 'queued')?.severity ?? null;
}

/**
 * Today's leaderboard: every agent with an assignment or a survey answer today, most
 * assignments first. The whole list is sent (a few hundred rows at most, every few seconds), so
 * a tile ranks by its own metric and keeps only its own queues' agents.
 */
export function buildLeaderboard(state: LiveState, csat: ReadonlyMap<string, CsatCounter>, now: number, session: Session): LeaderboardEntry[] {
  const entries: LeaderboardEntry[] = [];
  for (const agent of state.agents.values()) {
    if (!agentInScope(session, agent.queueIds)) continue;
    const today = agent.today !== undefined && now >= agent.today.dayStart && now < agent.today.nextDayStart ? agent.today : undefined;
    const answers = csat.get(agent.agentId);
    const surveys = answers !== undefined && now - answers.dayStart < DAY_MS ? answers : undefined;
    const assignments = today?.assigned ?? 0;
    if (assignments === 0 && (surveys?.surveys ?? 0) === 0) continue;
    entries.push({
      agentId: agent.agentId,
      name: agent.name,
      assignmentsToday: assignments,
      ahtTodaySec: today !== undefined && today.finished > 0 ? today.handleTimeSumMs / today.finished / 1000 : null,
      csatPct: surveys !== undefined && surveys.surveys > 0 ? (100 * surveys.positive) / surveys.surveys : null,
      queueIds: agent.queueIds,
    });
  }
  return entries.sort((a, b) => b.assignmentsToday - a.assignmentsToday || a.name.localeCompare(b.name) || (a.agentId < b.agentId ? -1 : 1));
}

interface QueueAlertState {
  severity: 'warning' | 'critical' | null;
  transfers: number[];
  lastTransferAlertAt: number;
  lastHighEffortAlertAt: number;
}

interface Subscriber {
  readonly session: Session;
  readonly listener: (message: WallboardLiveMessage) => void;
  lastLeaderboardJson: string;
}

export function createWallboardLivePublisher(source: LiveSource, deps: WallboardLiveOptions = {}): WallboardLivePublisher {
  const leaderboardIntervalMs = deps.leaderboardIntervalMs ?? 5_000;
  const subscribers = new Set<Subscriber>();

  const series = new Map<string, SeriesPoint[]>();
  /** Points changed since the last diff, by queue and minute. */
  let pendingPoints = new Map<string, Map<number, SeriesPoint>>();
  /** The queue's entered-today counter already attributed to a minute, and the day it belongs to. */
  const enteredSeen = new Map<string, { dayStart: number; entered: number }>();
  /** Conversations that entered each queue per minute (floor time). */
  const enteredByMinute = new Map<string, Map<number, number>>();
  let toSample = new Set<string>();
  let sampledMinute = Math.floor(source.floorNow() / MINUTE_MS) * MINUTE_MS;

  let ticker: TickerItem[] = [];
  let pendingTicker: TickerItem[] = [];
  const alerts = new Map<string, QueueAlertState>();
  const csat = new Map<string, CsatCounter>(deps.seedCsat ?? []);

  /** The tile each agent's board shows, by the agent's record it was made from (records are immutable: the same record, the same tile). */
  const sentAgents = new Map<string, { readonly agent: AgentState; readonly key: string }>();
  let agentsDirty = true;
  let lastSentSeq = -1;
  let lastLeaderboardAt = 0;
  let dirty = false;

  const queueName = (state: LiveState, queueId: string): string => state.queues.get(queueId)?.name ?? queueId;

  function alertState(queueId: string): QueueAlertState {
    let current = alerts.get(queueId);
    if (!current) {
      current = { severity: null, transfers: [], lastTransferAlertAt: -Infinity, lastHighEffortAlertAt: -Infinity };
      alerts.set(queueId, current);
    }
    return current;
  }

  function announce(item: TickerItem): void {
    ticker = [...ticker, item].slice(-MAX_TICKER_ITEMS);
    pendingTicker = [...pendingTicker, item].slice(-MAX_TICKER_ITEMS);
  }

  function dayStartOf(state: LiveState, queueId: string, time: number): number {
    const counters = state.today.get(queueId);
    if (counters !== undefined && time >= counters.dayStart && time < counters.nextDayStart) return counters.dayStart;
    const zone = state.queues.get(queueId)?.timeZone;
    return startOfDayInZone(time, zone !== undefined && isValidTimeZone(zone) ? zone : 'UTC');
  }

  function countEntered(state: LiveState, queueIds: Iterable<string>, attribute: boolean): void {
    const minute = Math.floor(state.lastEventTime / MINUTE_MS) * MINUTE_MS;
    for (const queueId of queueIds) {
      const counters = state.today.get(queueId);
      if (!counters) continue;
      const seen = enteredSeen.get(queueId);
      const before = seen !== undefined && seen.dayStart === counters.dayStart ? seen.entered : 0;
      enteredSeen.set(queueId, { dayStart: counters.dayStart, entered: counters.entered });
      const added = counters.entered - before;
      if (!attribute || added <= 0) continue;
      let minutes = enteredByMinute.get(queueId);
      if (!minutes) {
        minutes = new Map();
        enteredByMinute.set(queueId, minutes);
      }
      minutes.set(minute, (minutes.get(minute) ?? 0) + added);
      for (const at of minutes.keys()) if (at <= minute - SERIES_HORIZON_MS) minutes.delete(at);
      // A late event for a past minute revises that minute's point.
      const points = series.get(queueId);
      const past = points?.find((point) => point.at === minute);
      if (past && minute < sampledMinute) setPoint(queueId, { ...past, entered: minutes.get(minute) ?? 0 });
    }
  }

  /** The queue's series as a snapshot shows it: the cached past before its first live point, then the live points. */
  function withPast(state: LiveState, queueId: string, points: readonly SeriesPoint[], now: number): readonly SeriesPoint[] {
    const queue = state.queues.get(queueId);
    if (deps.past === undefined || queue === undefined) return points;
    const firstLive = points[0]?.at ?? sampledMinute;
    const earlier = deps.past.series(queue, now - SERIES_HORIZON_MS, firstLive);
    return earlier.length === 0 ? points : [...earlier, ...points];
  }

  function setPoint(queueId: string, point: SeriesPoint): void {
    series.set(queueId, upsertPoint(series.get(queueId) ?? [], point));
    let pending = pendingPoints.get(queueId);
    if (!pending) {
      pending = new Map();
      pendingPoints.set(queueId, pending);
    }
    pending.set(point.at, point);
  }

  function sample(state: LiveState, now: number): void {
    const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    if (minute > sampledMinute) {
      sampledMinute = minute;
      for (const queueId of state.queues.keys()) toSample.add(queueId);
    }
    for (const queueId of toSample) {
      const queue = state.queues.get(queueId);
      if (!queue) continue;
      const metrics = queueMetrics(state, queueId, now);
      setPoint(queueId, { at: minute, queued: metrics.queued ?? 0, serviceLevelPct: metrics.serviceLevelPct, entered: enteredByMinute.get(queueId)?.get(minute) ?? 0 });
      const alert = alertState(queueId);
      const severity = queuedSeverity(metrics, queue.thresholds);
      if (severity !== alert.severity) {
        const rank = { none: 0, warning: 1, critical: 2 } as const;
        const rising = rank[severity ?? 'none'] > rank[alert.severity ?? 'none'];
        if (severity !== null && rising) {
          const limit = severity === 'critical' ? queue.thresholds.queuedHigh : queue.thresholds.queuedLow;
          announce({ at: now, queueId, severity, text: `${queue.name}: ${metrics.queued ?? 0} waiting (${severity === 'critical' ? 'high' : 'low'} threshold ${limit})` });
        } else if (severity === null) {
          announce({ at: now, queueId, severity: 'info', text: `${queue.name}: back under the queue threshold (${metrics.queued ?? 0} waiting)` });
        }
        alert.severity = severity;
      }
    }
    toSample = new Set();
  }

  function onEvents(state: LiveState, change: LiveChange): void {
    for (const event of change.events) {
      switch (event.type) {
        case 'queue.mitigation': {
          const name = queueName(state, event.queueId);
          const text =
            event.state === 'paused'
              ? `${name}: paused (no new assignments)`
              : event.state === 'custom_message'
                ? `${name}: high-wait message on`
                : `${name}: back to normal routing`;
          announce({ at: event.time, queueId: event.queueId, severity: event.state === 'paused' ? 'critical' : event.state === 'custom_message' ? 'warning' : 'info', text });
          break;
        }
        case 'conversation.transferred': {
          const alert = alertState(event.fromQueueId);
          alert.transfers = [...alert.transfers.filter((time) => time > event.time - ALERT_WINDOW_MS), event.time];
          if (alert.transfers.length >= TRANSFER_BURST && event.time - alert.lastTransferAlertAt >= ALERT_WINDOW_MS) {
            alert.lastTransferAlertAt = event.time;
            announce({ at: event.time, queueId: event.fromQueueId, severity: 'warning', text: `${queueName(state, event.fromQueueId)}: ${alert.transfers.length} transfers in 5 minutes` });
          }
          break;
        }
        case 'conversation.flagged': {
          const queueId = state.conversations.get(event.conversationId)?.queueId;
          if (queueId === undefined) break;
          const alert = alertState(queueId);
          if (event.time - alert.lastHighEffortAlertAt < ALERT_WINDOW_MS) break;
          alert.lastHighEffortAlertAt = event.time;
          announce({ at: event.time, queueId, severity: 'info', text: `${queueName(state, queueId)}: high-effort conversation flagged` });
          break;
        }
        case 'survey.answered': {
          if (event.agentId === undefined) break;
          const dayStart = dayStartOf(state, event.queueId, event.time);
          const current = csat.get(event.agentId);
          const base = current !== undefined && current.dayStart === dayStart ? current : { dayStart, surveys: 0, positive: 0 };
          csat.set(event.agentId, { dayStart, surveys: base.surveys + 1, positive: base.positive + (event.rating >= 4 ? 1 : 0) });
          break;
        }
        default:
          break;
      }
    }
  }

  function agentDiff(state: LiveState): { upsert: AgentTile[]; remove: string[] } {
    const upsert: AgentTile[] = [];
    const remove: string[] = [];
    for (const agent of state.agents.values()) {
      if (!onFloor(agent)) continue;
      const sent = sentAgents.get(agent.agentId);
      if (sent?.agent === agent) continue;
      const tile = agentTile(agent);
      const key = agentKey(tile);
      sentAgents.set(agent.agentId, { agent, key });
      if (sent?.key !== key) upsert.push(tile);
    }
    for (const agentId of sentAgents.keys()) {
      const agent = state.agents.get(agentId);
      if (agent === undefined || !onFloor(agent)) {
        sentAgents.delete(agentId);
        remove.push(agentId);
      }
    }
    return { upsert, remove };
  }

  function flush(refresh: boolean): void {
    const flushedAt = timers.now();
    // The periodic tick only matters when the floor clock entered a new minute.
    if (refresh && Math.floor(source.floorNow() / MINUTE_MS) * MINUTE_MS > sampledMinute) dirty = true;
    if (!dirty) return;
    dirty = false;
    const state = source.live();
    const now = source.floorNow();
    sample(state, now);
    // With no board open there is no one to diff for: the first board's snapshot starts afresh.
    const agents = agentsDirty && subscribers.size > 0 ? agentDiff(state) : { upsert: [], remove: [] };
    if (subscribers.size > 0) agentsDirty = false;
    const points = pendingPoints;
    pendingPoints = new Map();
    const items = pendingTicker;
    pendingTicker = [];
    const leaderboardDue = flushedAt - lastLeaderboardAt >= leaderboardIntervalMs;
    if (leaderboardDue) lastLeaderboardAt = flushedAt;
    const moved = state.lastSeq !== lastSentSeq;
    lastSentSeq = state.lastSeq;
    for (const subscriber of subscribers) {
      const { session } = subscriber;
      const seriesAppend: Record<string, readonly SeriesPoint[]> = {};
      for (const [queueId, changed] of points) if (inScope(session, queueId)) seriesAppend[queueId] = [...changed.values()].sort((a, b) => a.at - b.at);
      let leaderboard: LeaderboardEntry[] | null = null;
      if (leaderboardDue) {
        const board = buildLeaderboard(state, csat, now, session);
        const json = JSON.stringify(board);
        if (json !== subscriber.lastLeaderboardJson) {
          subscriber.lastLeaderboardJson = json;
          leaderboard = board;
        }
      }
      const message: WallboardLiveMessage = {
        kind: 'diff',
        asOfSeq: state.lastSeq,
        asOfTime: state.lastEventTime,
        agentsUpsert: agents.upsert.filter((tile) => agentInScope(session, tile.queueIds)),
        agentsRemove: agents.remove,
        seriesAppend,
        tickerAppend: items.filter((item) => item.queueId === null || inScope(session, item.queueId)),
        leaderboard,
      };
      const empty = message.agentsUpsert.length === 0 && message.agentsRemove.length === 0 && Object.keys(seriesAppend).length === 0 && message.tickerAppend.length === 0 && leaderboard === null;
      // An empty diff still goes out when the floor moved on, so a board knows how current it is.
      if (!empty || moved) subscriber.listener(message);
    }
  }

  const timers = deps.timers ?? REAL_TIMERS;
  const pacer = createPacer(flush, { minIntervalMs: deps.minIntervalMs ?? 250, refreshMs: deps.tickMs ?? 1_000, timers });
  function schedule(): void {
    dirty = true;
    pacer.request();
  }

  countEntered(source.live(), source.live().queues.keys(), false);
  for (const queueId of source.live().queues.keys()) toSample.add(queueId);

  const stopListening = source.onLiveChange((change: LiveChange) => {
    const state = source.live();
    if (change.replaced) {
      enteredSeen.clear();
      countEntered(state, state.queues.keys(), false);
      for (const queueId of state.queues.keys()) toSample.add(queueId);
    } else {
      onEvents(state, change);
      countEntered(state, change.changedQueues, true);
      for (const queueId of change.changedQueues) toSample.add(queueId);
    }
    agentsDirty = true;
    schedule();
  });


  return {
    subscribe(session, listener) {
      const state = source.live();
      const now = source.floorNow();
      // Brings everything up to now first, so the snapshot and the next diff agree.
      sample(state, now);
      const subscriber: Subscriber = { session, listener, lastLeaderboardJson: '' };
      if (subscribers.size === 0) {
        // No one holds earlier agent tiles: what this snapshot shows is what has been sent.
        sentAgents.clear();
        for (const agent of state.agents.values()) if (onFloor(agent)) sentAgents.set(agent.agentId, { agent, key: agentKey(agentTile(agent)) });
        agentsDirty = true;
      }
      const leaderboard = buildLeaderboard(state, csat, now, session);
      subscriber.lastLeaderboardJson = JSON.stringify(leaderboard);
      const visibleSeries: Record<string, readonly SeriesPoint[]> = {};
      for (const [queueId, points] of series) if (inScope(session, queueId)) visibleSeries[queueId] = withPast(state, queueId, points, now);
      // Points sampled just now are in the snapshot; the next diff may repeat them, which is harmless (same minute replaces).
      listener({
        kind: 'snapshot',
        asOfSeq: state.lastSeq,
        asOfTime: state.lastEventTime,
        agents: [...state.agents.values()].filter((agent) => onFloor(agent) && agentInScope(session, agent.queueIds)).map(agentTile),
        series: visibleSeries,
        ticker: ticker.filter((item) => item.queueId === null || inScope(session, item.queueId)),
        leaderboard,
      });
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    close() {
      stopListening();
      pacer.close();
      subscribers.clear();
    },
  };
}
