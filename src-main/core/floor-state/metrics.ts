/**
 * Queue metrics over the live state, one function per the metric dictionary
 * (src-shared/metrics/dictionary.ts): every value follows the formula written there.
 *
 * "Now" metrics read the queue's conversations and member agents at the floor time passed in, never
 * the machine clock, so a replayed floor shows the numbers it showed then. "Today" metrics read the
 * counters kept since local midnight in the queue's zone.
 */
import type { MetricId, MetricValues } from '../../../src-shared/metrics/dictionary.js';
import { slotTimeToday, type SlotTimeSums } from './slot-time.js';
import type { AgentState, ConversationState, LiveState, TodayCounters } from './state.js';

const NO_MEMBERS: ReadonlySet<string> = new Set();

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
 * Work is proportional to the queue's own conversations and agents (through the state's indexes).
 * An unknown queue yields the values of an empty one. Agents count in every queue they belong to.
 */
export function queueMetrics(state: LiveState, queueId: string, now: number): MetricValues {
  const today = state.today.get(queueId);
  // Slot time before the cache's part of the day is not known (TodayCounters.pastUntil).
  const shift = today?.pastUntil === undefined ? shiftMetrics(slotTimeToday(state, queueId, today, now)) : { occupancyTodayPct: null, concurrencyToday: null };
  return { ...conversationMetrics(state, queueId, now), ...agentMetrics(state, queueId), ...todayMetrics(today, now), ...shift };
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
  state: LiveState,
  queueId: string,
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
  for (const conversationId of state.conversationsByQueue.get(queueId) ?? NO_MEMBERS) {
    const conversation: ConversationState | undefined = state.conversations.get(conversationId);
    if (!conversation) continue;
    if (conversation.state === 'queued') {
      const wait = conversation.queuedAt === null ? 0 : Math.max(0, now - conversation.queuedAt);
      queued += 1;
      queuedWaitSumMs += wait;
      if (wait > longestWaitMs) longestWaitMs = wait;
    } else if (conversation.state === 'assigned') {
      assigned += 1;
      timeToAssignSumMs += conversation.timeToAssignMs ?? 0;
      handleSumMs += conversation.assignedAt === null ? 0 : Math.max(0, now - conversation.assignedAt);
      responseSumMs += conversation.responseTimeSumMs;
      responseCount += conversation.responseCount;
      if (conversation.firstAgentMessageAt !== null && conversation.assignedAt !== null) {
        firstResponseSumMs += Math.max(0, conversation.firstAgentMessageAt - conversation.assignedAt);
        firstResponseCount += 1;
      }
    }
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
  state: LiveState,
  queueId: string,
): Values<'activeSlotsPct' | 'occupancyNowPct' | 'concurrencyNow' | 'loggedInAgents' | 'agentsAvailable' | 'agentsBusy' | 'agentsAway'> {
  let loggedIn = 0;
  let available = 0;
  let busy = 0;
  let away = 0;
  let activeSlots = 0;
  let availableSlots = 0;
  let availableChats = 0;
  let agentsWithChats = 0;
  for (const agentId of state.agentsByQueue.get(queueId) ?? NO_MEMBERS) {
    const agent: AgentState | undefined = state.agents.get(agentId);
    if (!agent) continue;
    const chats = agent.conversationIds.length;
    const kind = agent.status.kind;
    if (kind !== 'offline') loggedIn += 1;
    if (kind === 'away') away += 1;
    if (kind === 'available') {
      if (chats === 0) available += 1;
      else busy += 1;
      availableSlots += agent.slots;
      availableChats += chats;
    }
    if (chats > 0) agentsWithChats += 1;
    if (kind === 'available' || chats > 0) activeSlots += agent.slots;
  }
  let assigned = 0;
  for (const conversationId of state.conversationsByQueue.get(queueId) ?? NO_MEMBERS) {
    if (state.conversations.get(conversationId)?.state === 'assigned') assigned += 1;
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
