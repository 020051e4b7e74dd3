/** Overview tiles: a queue's configuration, its metrics and its breaches, as the UI shows them. */
import { groupTileId, type QueueTile } from '../../../src-shared/api/live.js';
import type { MetricValues } from '../../../src-shared/metrics/dictionary.js';
import type { Channel, MitigationState, Thresholds } from '../../../src-shared/protocol/events.js';
import { isValidTimeZone, startOfDayInZone } from '../../../src-shared/time.js';
import { evaluateBreaches, groupThresholds } from './breaches.js';
import { combinedHours, queueHoursAt } from './hours.js';
import { metricsOver, queueMetrics } from './metrics.js';
import { transientIndex } from './queue-tally.js';
import type { LiveState, QueueState, TodayCounters } from './state.js';

/** The thresholds a tile is judged by: the feed's, or a local override laid over them. */
export type ThresholdsOf = (queue: QueueState) => Thresholds;

const feedThresholds: ThresholdsOf = (queue) => queue.thresholds;

function dayStartOf(state: LiveState, queue: QueueState, now: number): number {
  const counters = state.today.get(queue.queueId);
  return counters !== undefined && now < counters.nextDayStart ? counters.dayStart : startOfDayInZone(now, isValidTimeZone(queue.timeZone) ? queue.timeZone : 'UTC');
}

/**
 * From when "today" figures count for these queues: the earliest of their midnights, or later when
 * neither the live counters nor the cache's past (live-views/day-past.ts) reach back to it.
 */
export function todayWindow(state: LiveState, queues: readonly QueueState[], now: number): { readonly dayStart: number; readonly todaySince: number } {
  const dayStart = Math.min(...queues.map((queue) => dayStartOf(state, queue, now)));
  return { dayStart, todaySince: Math.max(dayStart, state.observedSince) };
}

/**
 * The tile of one queue at floor time `now`.
 *
 * Throws for a queue the state does not know: callers build tiles from state.queues or from the
 * changed-queue set of the same state, so an unknown id is a wiring mistake worth hearing about.
 */
export function buildQueueTile(state: LiveState, queueId: string, now: number, thresholdsOf: ThresholdsOf = feedThresholds): QueueTile {
  const queue = state.queues.get(queueId);
  if (!queue) throw new Error(`No queue ${queueId} in the live state`);
  const metrics = queueMetrics(state, queueId, now);
  const thresholds = thresholdsOf(queue);
  return {
    queueId: queue.queueId,
    name: queue.name,
    channel: queue.channel,
    timeZone: queue.timeZone,
    serviceLevelTargetSec: queue.serviceLevelTargetSec,
    thresholds,
    mitigation: queue.mitigation,
    overflowRules: queue.overflowRules,
    metrics,
    breaches: evaluateBreaches(metrics, thresholds),
    ...todayWindow(state, [queue], now),
    hours: queueHoursAt(queue, now),
  };
}

/** Tiles of every queue, sorted by name (then id, so equal names keep a stable order). */
export function buildOverview(state: LiveState, now: number, thresholdsOf: ThresholdsOf = feedThresholds): QueueTile[] {
  const tiles = [...state.queues.keys()].map((queueId) => buildQueueTile(state, queueId, now, thresholdsOf));
  return tiles.sort((a, b) => a.name.localeCompare(b.name) || (a.queueId < b.queueId ? -1 : a.queueId > b.queueId ? 1 : 0));
}

// ---- several queues as one ----

/** The key under which mergedState files the merged queue (its maps hold nothing else). */
const MERGED_KEY = '\u0000merged';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The counters that add up across queues (and across a day's past and its live part: live-views/day-past.ts). */
export const SUMMED_COUNTERS = [
  'entered',
  'offered',
  'assigned',
  'assignWaitSumMs',
  'assignedWithinTarget',
  'abandoned',
  'abandonWaitCount',
  'abandonWaitSumMs',
  'abandonedShort',
  'leftQueueCount',
  'queueTimeSumMs',
  'assignmentsFinished',
  'handleTimeSumMs',
  'ended',
  'dispositioned',
  'resolved',
  'surveys',
  'csatSum',
  'csatPositive',
] as const satisfies readonly (keyof TodayCounters)[];

/** Counters that states written before them lack (absent counts as 0). */
const OPTIONAL_SUMMED_COUNTERS = ['timedOut', 'availableSlotMs', 'utilisedSlotMs', 'chatMs', 'withChatsMs'] as const satisfies readonly (keyof TodayCounters)[];

/**
 * Today's counters of several queues added up; queues whose day is over at `now` add nothing.
 * Undefined when no queue has counters for the current day.
 */
export function mergeTodayCounters(counters: readonly (TodayCounters | undefined)[], now: number): TodayCounters | undefined {
  let merged: Mutable<TodayCounters> | undefined;
  for (const today of counters) {
    if (today === undefined || now >= today.nextDayStart) continue;
    if (merged === undefined) {
      merged = { ...today, feedback: undefined };
      continue;
    }
    merged.dayStart = Math.min(merged.dayStart, today.dayStart);
    merged.nextDayStart = Math.min(merged.nextDayStart, today.nextDayStart);
    for (const key of SUMMED_COUNTERS) merged[key] += today[key];
    for (const key of OPTIONAL_SUMMED_COUNTERS) merged[key] = (merged[key] ?? 0) + (today[key] ?? 0);
    if (today.pastUntil !== undefined) merged.pastUntil = Math.max(merged.pastUntil ?? today.pastUntil, today.pastUntil);
  }
  return merged;
}

/**
 * A view of the state where the given queues are one queue, filed under an internal key: their
 * conversations, their agents (each once, however many of the queues they serve) and their
 * counters added up. The metric functions then read it like any queue, so a group's averages are
 * computed from the merged sums and counts, never averaged from the queues' averages.
 */
function mergedState(state: LiveState, queueIds: readonly string[], now: number): LiveState {
  const conversations = new Set<string>();
  const agents = new Set<string>();
  const counters: (TodayCounters | undefined)[] = [];
  for (const queueId of queueIds) {
    for (const conversationId of state.conversationsByQueue.get(queueId) ?? []) conversations.add(conversationId);
    for (const agentId of state.agentsByQueue.get(queueId) ?? []) agents.add(agentId);
    counters.push(state.today.get(queueId));
  }
  const today = mergeTodayCounters(counters, now);
  return {
    ...state,
    conversationsByQueue: transientIndex(new Map([[MERGED_KEY, conversations]])),
    agentsByQueue: transientIndex(new Map([[MERGED_KEY, agents]])),
    today: today === undefined ? new Map() : new Map([[MERGED_KEY, today]]),
  };
}

/**
 * Several queues as one queue of a state, the way groupMetrics reads them: whatever reads one
 * queue's figures (the metrics, their explanations) then reads a group's the same way.
 */
export function asOneQueue(state: LiveState, queueIds: readonly string[], now: number): { readonly state: LiveState; readonly queueId: string } {
  if (queueIds.length === 1 && queueIds[0] !== undefined) return { state, queueId: queueIds[0] };
  return { state: mergedState(state, queueIds, now), queueId: MERGED_KEY };
}

/** Every metric over several queues taken together (a queue group, or a queue filtered by channel). */
export function groupMetrics(state: LiveState, queueIds: readonly string[], now: number): MetricValues {
  if (queueIds.length === 1 && queueIds[0] !== undefined) return queueMetrics(state, queueIds[0], now);
  // From the queues' running sums, as asOneQueue's view would read them (each conversation and agent once).
  return metricsOver(state, [...new Set(queueIds)], mergeTodayCounters(queueIds.map((queueId) => state.today.get(queueId)), now), now);
}

const MITIGATION_RANK: Readonly<Record<MitigationState, number>> = { normal: 0, custom_message: 1, paused: 2 };

/** The most severe mitigation among the queues (paused over a custom message over normal). */
export function combinedMitigation(queues: readonly QueueState[]): { readonly state: MitigationState; readonly message?: string } {
  let strongest: QueueState['mitigation'] = { state: 'normal' };
  for (const queue of queues) {
    if (MITIGATION_RANK[queue.mitigation.state] > MITIGATION_RANK[strongest.state]) strongest = queue.mitigation;
  }
  return strongest;
}

/** What a group tile needs to know about the group itself. */
export interface GroupTileInput {
  readonly groupId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly queueIds: readonly string[];
  readonly preset: boolean;
}

/**
 * The overview tile of a queue group: metrics over the merged member queues, judged by thresholds
 * derived from the members' (groupThresholds). Members the state does not know are left out;
 * null when none is known.
 */
export function buildGroupTile(state: LiveState, group: GroupTileInput, now: number, thresholdsOf: ThresholdsOf = feedThresholds): QueueTile | null {
  const queues: QueueState[] = [];
  for (const queueId of group.queueIds) {
    const queue = state.queues.get(queueId);
    if (queue) queues.push(queue);
  }
  const first = queues[0];
  if (first === undefined) return null;
  const queueIds = queues.map((queue) => queue.queueId);
  const metrics = groupMetrics(state, queueIds, now);
  const thresholds = groupThresholds(queues.map(thresholdsOf));
  return {
    queueId: groupTileId(group.groupId),
    name: group.name,
    channel: group.channel,
    // Members may sit in different zones; dayStart is the earliest of their midnights either way.
    timeZone: first.timeZone,
    serviceLevelTargetSec: Math.min(...queues.map((queue) => queue.serviceLevelTargetSec)),
    thresholds,
    mitigation: combinedMitigation(queues),
    overflowRules: [],
    metrics,
    breaches: evaluateBreaches(metrics, thresholds),
    ...todayWindow(state, queues, now),
    hours: combinedHours(queues, now),
    group: { groupId: group.groupId, queueIds, preset: group.preset },
  };
}
