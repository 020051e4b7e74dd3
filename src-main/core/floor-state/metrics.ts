/**
 * Queue metrics over the live state, one function per the metric dictionary
 * (src-shared/metrics/dictionary.ts): every value follows the formula written there.
 *
 * "Now" metrics read the queue's conversations and member agents at the floor time passed in, never
 * the machine clock, so a replayed floor shows the numbers it showed then. "Today" metrics read the
 * counters kept since local midnight in the queue's zone.
 */
import type { MetricId, MetricValues } from '../../../src-shared/metrics/dictionary.js';
import { slotTimeOf, type SlotTimeSums } from './slot-time.js';
import { agentTalliesOf, conversationTallyOf, type AgentTally, type ConversationTally } from './queue-tally.js';
import type { LiveState, TodayCounters } from './state.js';

/** Mean in seconds of a sum in ms over a count; null when there is nothing to average. */
function meanSeconds(sumMs: number, count: number): number | null {
  return count > 0 ? sumMs / count / 1000 : null;
}

function percent(part: number, whole: number): number | null {
  return whole > 0 ? (100 * part) / whole : null;
}

/**
 * Every metric of one queue at floor time `now`.
 *
 * Read from the queue's running sums (queue-tally.ts): O(log n) once a version's sums are kept,
 * however many conversations and agents the queue has. An unknown queue yields the values of an
 * empty one. Agents count in every queue they belong to.
 */
export function queueMetrics(state: LiveState, queueId: string, now: number): MetricValues {
  return metricsOver(state, [queueId], state.today.get(queueId), now);
}

/**
 * Every metric of several distinct queues taken together at floor time `now`, `today` being their
 * counters added up (overview.ts groupMetrics): conversations of each queue once, agents serving
 * any of them once, so a group's averages come from the merged sums and counts.
 */
export function metricsOver(state: LiveState, queueIds: readonly string[], today: TodayCounters | undefined, now: number): MetricValues {
  const conversations = queueIds.map((queueId) => conversationTallyOf(state, queueId));
  const agents = agentTalliesOf(state, queueIds);
  // Slot time before the cache's part of the day is not known (TodayCounters.pastUntil).
  const shift = today?.pastUntil === undefined ? shiftMetrics(slotTimeOf(agents, today, now)) : { occupancyTodayPct: null, concurrencyToday: null };
  const figures = conversationMetrics(conversations, now);
  return { ...figures, ...agentMetrics(agents, figures.assigned ?? 0), ...todayMetrics(today, now), ...shift };
}

/** Occupancy and concurrency since midnight, from the queue's slot-time sums (slot-time.ts). */
export function shiftMetrics(slots: SlotTimeSums): Values<'occupancyTodayPct' | 'concurrencyToday'> {
  return {
    occupancyTodayPct: percent(slots.utilisedSlotMs, slots.availableSlotMs),
    concurrencyToday: slots.withChatsMs > 0 ? slots.chatMs / slots.withChatsMs : null,
  };
}

type Values<K extends MetricId> = Record<K, number | null>;

function conversationMetrics(
  tallies: readonly ConversationTally[],
  now: number,
): Values<'queued' | 'longestWaitSec' | 'offered' | 'assigned' | 'avgCurrentTimeInQueueSec' | 'avgTimeToAssignSec' | 'avgWaitSec' | 'ahtNowSec' | 'avgResponseTimeSec' | 'avgFirstResponseTimeSec'> {
  let queued = 0;
  let longestWaitMs = 0;
  let queuedWaitSumMs = 0;
  let assigned = 0;
  let timeToAssignSumMs = 0;
  let handleSumMs = 0;
  let responseSumMs = 0;
  let responseCount = 0;
  let firstResponseSumMs = 0;
  let firstResponseCount = 0;
  for (const tally of tallies) {
    queued += tally.queued;
    // A queued conversation waits now − queuedAt (0 when that is not known, or not past yet).
    const oldest = tally.queuedTimes.min();
    if (oldest !== null) longestWaitMs = Math.max(longestWaitMs, now - oldest);
    queuedWaitSumMs += tally.queuedTimes.elapsedSums(now)[0] ?? 0;
    assigned += tally.assigned;
    timeToAssignSumMs += tally.timeToAssignSumMs;
    handleSumMs += tally.assignedTimes.elapsedSums(now)[0] ?? 0;
    responseSumMs += tally.responseSumMs;
    responseCount += tally.responseCount;
    firstResponseSumMs += tally.firstResponseSumMs;
    firstResponseCount += tally.firstResponseCount;
  }
  return {
    queued,
    longestWaitSec: longestWaitMs / 1000,
    offered: queued + assigned,
    assigned,
    avgCurrentTimeInQueueSec: meanSeconds(queuedWaitSumMs, queued),
    avgTimeToAssignSec: meanSeconds(timeToAssignSumMs, assigned),
    avgWaitSec: meanSeconds(queuedWaitSumMs + timeToAssignSumMs, queued + assigned),
    ahtNowSec: meanSeconds(handleSumMs, assigned),
    avgResponseTimeSec: meanSeconds(responseSumMs, responseCount),
    avgFirstResponseTimeSec: meanSeconds(firstResponseSumMs, firstResponseCount),
  };
}

function agentMetrics(
  tallies: readonly AgentTally[],
  assigned: number,
): Values<'activeSlotsPct' | 'occupancyNowPct' | 'concurrencyNow' | 'loggedInAgents' | 'agentsAvailable' | 'agentsBusy' | 'agentsAway'> {
  let loggedIn = 0;
  let available = 0;
  let busy = 0;
  let away = 0;
  let activeSlots = 0;
  let availableSlots = 0;
  let availableChats = 0;
  let agentsWithChats = 0;
  for (const tally of tallies) {
    loggedIn += tally.loggedIn;
    available += tally.available;
    busy += tally.busy;
    away += tally.away;
    activeSlots += tally.activeSlots;
    availableSlots += tally.availableSlots;
    availableChats += tally.availableChats;
    agentsWithChats += tally.agentsWithChats;
  }
  return {
    activeSlotsPct: percent(assigned, activeSlots),
    occupancyNowPct: percent(availableChats, availableSlots),
    concurrencyNow: agentsWithChats > 0 ? assigned / agentsWithChats : null,
    loggedInAgents: loggedIn,
    agentsAvailable: available,
    agentsBusy: busy,
    agentsAway: away,
  };
}

function todayMetrics(
  counters: TodayCounters | undefined,
  now: number,
): Values<
  | 'enteredToday'
  | 'offeredToday'
  | 'assignedToday'
  | 'abandonedToday'
  | 'timedOutToday'
  | 'abandonRatePct'
  | 'avgAbandonTimeSec'
  | 'avgTimeInQueueTodaySec'
  | 'avgTimeToAssignTodaySec'
  | 'ahtTodaySec'
  | 'serviceLevelPct'
  | 'resolutionRatePct'
  | 'csatPct'
  | 'csatMean'
> {
  // Past the queue's midnight with no event since: yesterday's counters no longer apply.
  const today = counters === undefined || now >= counters.nextDayStart ? undefined : counters;
  const entered = today?.entered ?? 0;
  const assigned = today?.assigned ?? 0;
  const abandoned = today?.abandoned ?? 0;
  const surveys = today?.surveys ?? 0;
  return {
    enteredToday: entered,
    offeredToday: today?.offered ?? 0,
    assignedToday: assigned,
    abandonedToday: abandoned,
    timedOutToday: today?.pastUntil === undefined ? (today?.timedOut ?? 0) : null,
    abandonRatePct: percent(abandoned, entered),
    avgAbandonTimeSec: meanSeconds(today?.abandonWaitSumMs ?? 0, today?.abandonWaitCount ?? 0),
    avgTimeInQueueTodaySec: meanSeconds(today?.queueTimeSumMs ?? 0, today?.leftQueueCount ?? 0),
    avgTimeToAssignTodaySec: meanSeconds(today?.assignWaitSumMs ?? 0, assigned),
    ahtTodaySec: meanSeconds(today?.handleTimeSumMs ?? 0, today?.assignmentsFinished ?? 0),
    serviceLevelPct: percent(today?.assignedWithinTarget ?? 0, assigned + abandoned - (today?.abandonedShort ?? 0)),
    resolutionRatePct: percent(today?.resolved ?? 0, today?.dispositioned ?? 0),
    csatPct: percent(today?.csatPositive ?? 0, surveys),
    csatMean: surveys > 0 ? (today?.csatSum ?? 0) / surveys : null,
  };
}
