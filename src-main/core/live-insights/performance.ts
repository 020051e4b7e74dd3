/**
 * The performance view of a queue or group: its metrics, its agents, team and location tables,
 * today's customer feedback and the mitigation state, as pure functions of the live state (the
 * topic that pushes them is live-views/performance-publisher.ts).
 *
 * Agent signals, as the dictionary's notes define them:
 * - high_effort: the agent holds a conversation the feed flagged as high effort;
 * - flex: the agent holds more conversations than their concurrency slots (flexed above their
 *   normal capacity, e.g. after a transfer or a takeover was handed back).
 */
import type { AgentRow, AgentSignal, FeedbackRow, GroupStatsRow, PerformanceMessage, PerformancePeriod } from '../../../src-shared/api/live-insights.js';
import type { Channel } from '../../../src-shared/protocol/events.js';
import { assertNever } from '../../../src-shared/result.js';
import { combinedMitigation, type ThresholdsOf } from '../floor-state/overview.js';
import type { AgentState, FeedbackEntry, LiveState } from '../floor-state/state.js';
import { buildQueuePanel, knownQueues } from './conversation-rows.js';

/** Feedback rows in a snapshot, newest first. */
export const MAX_FEEDBACK_ROWS = 200;

export interface PerformanceRequest {
  readonly queueIds: readonly string[];
  readonly period: PerformancePeriod;
  /** Only queues of these channels; all when absent. */
  readonly channels?: readonly Channel[];
}

function meanSeconds(sumMs: number, count: number): number | null {
  return count > 0 ? sumMs / count / 1000 : null;
}

/** The agent's row: "now" figures from the conversations held, "today" figures from the day's counters. */
export function buildAgentRow(state: LiveState, agent: AgentState, period: PerformancePeriod, now: number): AgentRow {
  let handleSumMs = 0;
  let handled = 0;
  let responseSumMs = 0;
  let responseCount = 0;
  let highEffort = false;
  for (const conversationId of agent.conversationIds) {
    const conversation = state.conversations.get(conversationId);
    if (!conversation) continue;
    if (conversation.highEffort) highEffort = true;
    if (conversation.assignedAt !== null) {
      handleSumMs += Math.max(0, now - conversation.assignedAt);
      handled += 1;
    }
    responseSumMs += Math.max(0, conversation.responseTimeSumMs - (conversation.responseSumAtAssignMs ?? 0));
    responseCount += Math.max(0, conversation.responseCount - (conversation.responseCountAtAssign ?? 0));
  }
  const today = agent.today !== undefined && now < agent.today.nextDayStart ? agent.today : undefined;
  const signals: AgentSignal[] = [];
  if (highEffort) signals.push('high_effort');
  if (agent.conversationIds.length > agent.slots) signals.push('flex');
  const isNow = period === 'now';
  return {
    agentId: agent.agentId,
    name: agent.name,
    teamName: agent.teamName,
    location: agent.location,
    statusKind: agent.status.kind,
    busy: agent.status.kind === 'available' && agent.conversationIds.length > 0,
    statusReason: agent.status.reason,
    statusSince: agent.status.since,
    ahtSec: isNow ? meanSeconds(handleSumMs, handled) : meanSeconds(today?.handleTimeSumMs ?? 0, today?.finished ?? 0),
    // Today's replies: those of finished assignments plus those of the conversations held now.
    avgResponseTimeSec: isNow
      ? meanSeconds(responseSumMs, responseCount)
      : meanSeconds((today?.responseTimeSumMs ?? 0) + responseSumMs, (today?.responseCount ?? 0) + responseCount),
    assignments: isNow ? agent.conversationIds.length : (today?.assigned ?? 0),
    slots: agent.slots,
    signals,
  };
}

/** Size, occupancy and status counts of agents grouped by a key (team name, location). */
export function groupStats(agents: readonly AgentState[], keyOf: (agent: AgentState) => string): GroupStatsRow[] {
  const groups = new Map<string, { size: number; available: number; busy: number; away: number; offline: number; chats: number; slots: number }>();
  for (const agent of agents) {
    const name = keyOf(agent);
    let group = groups.get(name);
    if (!group) {
      group = { size: 0, available: 0, busy: 0, away: 0, offline: 0, chats: 0, slots: 0 };
      groups.set(name, group);
    }
    group.size += 1;
    const chats = agent.conversationIds.length;
    switch (agent.status.kind) {
      case 'available':
        if (chats > 0) group.busy += 1;
        else group.available += 1;
        group.chats += chats;
        group.slots += agent.slots;
        break;
      case 'away':
        group.away += 1;
        break;
      case 'offline':
        group.offline += 1;
        break;
      default:
        assertNever(agent.status.kind, 'status kind');
    }
  }
  return [...groups.entries()]
    .map(([name, group]) => ({
      name,
      size: group.size,
      // Occupancy (now): chats of available agents over their slots, as the dictionary defines it.
      occupancyPct: group.slots > 0 ? (100 * group.chats) / group.slots : null,
      available: group.available,
      busy: group.busy,
      away: group.away,
      offline: group.offline,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Today's survey answers of the queues, newest first, at most MAX_FEEDBACK_ROWS. */
export function feedbackRows(state: LiveState, queueIds: readonly string[], now: number): FeedbackRow[] {
  const entries: FeedbackEntry[] = [];
  for (const queueId of queueIds) {
    const today = state.today.get(queueId);
    if (today === undefined || now >= today.nextDayStart) continue;
    for (const entry of today.feedback ?? []) entries.push(entry);
  }
  entries.sort((a, b) => b.at - a.at || (a.conversationId < b.conversationId ? -1 : 1));
  return entries.slice(0, MAX_FEEDBACK_ROWS).map((entry) => ({
    at: entry.at,
    conversationId: entry.conversationId,
    agentId: entry.agentId,
    agentName: entry.agentId === null ? null : (state.agents.get(entry.agentId)?.name ?? entry.agentId),
    rating: entry.rating,
    comment: entry.comment,
  }));
}

/** The queues a request covers once its channel filter is applied. */
export function queuesOfRequest(state: LiveState, request: PerformanceRequest): string[] {
  const channels = request.channels;
  return knownQueues(state, request.queueIds)
    .filter((queue) => channels === undefined || channels.includes(queue.channel))
    .map((queue) => queue.queueId);
}

/**
 * The whole performance snapshot. Agents listed: members of the queues who are logged in or hold
 * a conversation, and, since midnight, also those who took an assignment today.
 */
export function buildPerformance(state: LiveState, request: PerformanceRequest, now: number, thresholdsOf: ThresholdsOf): PerformanceMessage {
  const queueIds = queuesOfRequest(state, request);
  const panel = buildQueuePanel(state, queueIds, now, thresholdsOf);
  const members = new Set<string>();
  for (const queueId of queueIds) for (const agentId of state.agentsByQueue.get(queueId) ?? []) members.add(agentId);
  const agents: AgentState[] = [];
  for (const agentId of members) {
    const agent = state.agents.get(agentId);
    if (!agent) continue;
    const workedToday = request.period === 'today' && agent.today !== undefined && now < agent.today.nextDayStart && agent.today.assigned > 0;
    if (agent.status.kind !== 'offline' || agent.conversationIds.length > 0 || workedToday) agents.push(agent);
  }
  const rows = agents.map((agent) => buildAgentRow(state, agent, request.period, now)).sort((a, b) => a.name.localeCompare(b.name) || (a.agentId < b.agentId ? -1 : 1));
  const mitigation = combinedMitigation(knownQueues(state, queueIds));
  return {
    kind: 'snapshot',
    asOfSeq: state.lastSeq,
    asOfTime: state.lastEventTime,
    period: request.period,
    metrics: panel.metrics,
    breaches: panel.breaches,
    agents: rows,
    teams: groupStats(agents, (agent) => agent.teamName || 'No team'),
    locations: groupStats(agents, (agent) => agent.location || 'No location'),
    feedback: feedbackRows(state, queueIds, now),
    mitigation: mitigation.message === undefined ? { state: mitigation.state } : { state: mitigation.state, message: mitigation.message },
    hours: panel.hours,
  };
}
