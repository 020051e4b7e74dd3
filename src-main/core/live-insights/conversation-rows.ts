/**
 * Rows of the live conversations table and the figures beside it, as pure functions of the live
 * state, the floor time and the effective thresholds.
 */
import type { ConversationAlert, LiveConversationRow, QueuePanel } from '../../../src-shared/api/live-insights.js';
import type { Thresholds } from '../../../src-shared/protocol/events.js';
import { evaluateBreaches, groupThresholds } from '../floor-state/breaches.js';
import { groupMetrics, todayWindow, type ThresholdsOf } from '../floor-state/overview.js';
import { combinedHours } from '../floor-state/hours.js';
import type { ConversationState, LiveState, QueueState } from '../floor-state/state.js';

/** A conversation an agent or a supervisor holds now. */
export function isHeldNow(conversation: ConversationState): boolean {
  return conversation.state === 'assigned' && (conversation.agentId !== null || conversation.supervisorId !== null);
}

/** A row of the table: held now, or a customer waiting in the queue (counted on the tiles, so listed too). */
export function isListedNow(conversation: ConversationState): boolean {
  return isHeldNow(conversation) || conversation.state === 'queued';
}

/** Whole seconds since `since`: the table shows seconds, and whole values let unchanged rows be skipped. */
function secondsSince(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 1000));
}

/** Seconds since the customer's last unanswered message; null when nothing is waiting. */
export function timeWaitingSec(conversation: ConversationState, now: number): number | null {
  return conversation.lastUnansweredCustomerMessageAt === null ? null : secondsSince(conversation.lastUnansweredCustomerMessageAt, now);
}

/**
 * The event alerts of a conversation, in a fixed order. response_sla: the customer has waited for
 * an answer longer than the queue's first-response threshold.
 */
export function conversationAlerts(conversation: ConversationState, thresholds: Thresholds, now: number): ConversationAlert[] {
  const alerts: ConversationAlert[] = [];
  if (conversation.transfers > 0) alerts.push('transfer');
  if (conversation.whispers > 0) alerts.push('whisper_sent');
  if (conversation.highEffort) alerts.push('high_effort');
  if (conversation.deliveryFailures > 0) alerts.push('delivery_failure');
  if (conversation.supervisorId !== null) alerts.push('taken_over');
  const waiting = timeWaitingSec(conversation, now);
  if (waiting !== null && waiting > thresholds.firstResponseSec) alerts.push('response_sla');
  return alerts;
}

/** The row of a held conversation at floor time `now`. */
export function buildConversationRow(state: LiveState, conversation: ConversationState, now: number, thresholdsOf: ThresholdsOf): LiveConversationRow {
  const queue = state.queues.get(conversation.queueId);
  const thresholds = queue ? thresholdsOf(queue) : null;
  const alerts = thresholds === null ? [] : conversationAlerts(conversation, thresholds, now);
  const agent = conversation.agentId === null ? undefined : state.agents.get(conversation.agentId);
  if (conversation.state === 'queued') {
    const queuedAt = conversation.queuedAt ?? conversation.createdAt;
    return {
      conversationId: conversation.conversationId,
      queueId: conversation.queueId,
      queueName: queue?.name ?? conversation.queueId,
      channel: conversation.channel,
      intent: conversation.intent,
      agentId: null,
      agentName: null,
      supervisorId: null,
      assignedAt: queuedAt,
      handleTimeSec: 0,
      avgResponseTimeSec: null,
      timeWaitingSec: secondsSince(queuedAt, now),
      responseSla: alerts.includes('response_sla') ? 'breached' : 'ok',
      alerts,
      waitingForAgent: true,
    };
  }
  const assignedAt = conversation.assignedAt ?? conversation.createdAt;
  return {
    conversationId: conversation.conversationId,
    queueId: conversation.queueId,
    queueName: queue?.name ?? conversation.queueId,
    channel: conversation.channel,
    intent: conversation.intent,
    agentId: conversation.agentId,
    agentName: conversation.agentId === null ? null : (agent?.name ?? conversation.agentId),
    supervisorId: conversation.supervisorId,
    assignedAt,
    handleTimeSec: secondsSince(assignedAt, now),
    avgResponseTimeSec: conversation.responseCount > 0 ? conversation.responseTimeSumMs / conversation.responseCount / 1000 : null,
    timeWaitingSec: timeWaitingSec(conversation, now),
    responseSla: alerts.includes('response_sla') ? 'breached' : 'ok',
    alerts,
  };
}

/** Held and waiting conversations of the queues, oldest assignment (or queueing) first (the table's default order). */
export function buildConversationRows(state: LiveState, queueIds: Iterable<string>, now: number, thresholdsOf: ThresholdsOf): LiveConversationRow[] {
  const rows: LiveConversationRow[] = [];
  for (const queueId of queueIds) {
    for (const conversationId of state.conversationsByQueue.get(queueId) ?? []) {
      const conversation = state.conversations.get(conversationId);
      if (conversation && isListedNow(conversation)) rows.push(buildConversationRow(state, conversation, now, thresholdsOf));
    }
  }
  return rows.sort((a, b) => a.assignedAt - b.assignedAt || (a.conversationId < b.conversationId ? -1 : 1));
}

/** The queues of a list the state knows. */
export function knownQueues(state: LiveState, queueIds: Iterable<string>): QueueState[] {
  const queues: QueueState[] = [];
  for (const queueId of queueIds) {
    const queue = state.queues.get(queueId);
    if (queue) queues.push(queue);
  }
  return queues;
}

/** The current-queue panel over one queue or a group's queues taken together. */
export function buildQueuePanel(state: LiveState, queueIds: readonly string[], now: number, thresholdsOf: ThresholdsOf): QueuePanel {
  const metrics = groupMetrics(state, queueIds, now);
  const queues = knownQueues(state, queueIds);
  const thresholds = groupThresholds(queues.map(thresholdsOf));
  const window = queues.length > 0 ? todayWindow(state, queues, now) : { dayStart: 0, todaySince: 0 };
  return { metrics, breaches: evaluateBreaches(metrics, thresholds), hours: combinedHours(queues, now), ...window, timeZone: queues[0]?.timeZone ?? 'UTC' };
}
