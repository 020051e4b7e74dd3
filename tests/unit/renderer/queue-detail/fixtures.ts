import type { AgentRow, ConversationsMessage, LiveConversationHeader, LiveConversationRow, QueuePanel } from '../../../../src-shared/api/live-insights.js';
import type { TranscriptEntry } from '../../../../src-shared/api/transcript.js';
import { emptyMetricValues } from '../../../../src-shared/metrics/dictionary.js';

/** A plausible live row; every call builds fresh objects so identity checks mean something. */
export function row(conversationId: string, overrides: Partial<LiveConversationRow> = {}): LiveConversationRow {
  return {
    conversationId,
    queueId: 'q-billing',
    queueName: 'Billing',
    channel: 'chat',
    intent: 'refund',
    agentId: 'a-ada',
    agentName: 'Ada',
    supervisorId: null,
    assignedAt: Date.UTC(2026, 2, 10, 14, 0, 0),
    handleTimeSec: 60,
    avgResponseTimeSec: 20,
    timeWaitingSec: null,
    responseSla: 'ok',
    alerts: [],
    ...overrides,
  };
}

export function panel(queued = 0): QueuePanel {
  return { metrics: { ...emptyMetricValues(), queued }, breaches: [], hours: { open: true, alwaysOpen: true, changeAt: null, closedBy: null }, dayStart: 0, todaySince: 0, timeZone: 'UTC' };
}

export function snapshot(asOfSeq: number, rows: readonly LiveConversationRow[]): ConversationsMessage {
  return { kind: 'snapshot', asOfSeq, asOfTime: asOfSeq * 1000, rows, panel: panel() };
}

export function diff(asOfSeq: number, upsert: readonly LiveConversationRow[], remove: readonly string[] = []): ConversationsMessage {
  return { kind: 'diff', asOfSeq, asOfTime: asOfSeq * 1000, upsert, remove, panel: panel(asOfSeq) };
}

export function header(overrides: Partial<LiveConversationHeader> = {}): LiveConversationHeader {
  return {
    conversationId: 'c-1',
    queueId: 'q-billing',
    queueName: 'Billing',
    channel: 'chat',
    intent: 'refund',
    state: 'assigned',
    agentId: 'a-ada',
    agentName: 'Ada',
    supervisorId: null,
    createdAt: 1_000,
    assignedAt: 2_000,
    handleTimeSec: 30,
    deliveryFailures: 0,
    alerts: [],
    ...overrides,
  };
}

export function message(messageId: string, overrides: Partial<Extract<TranscriptEntry, { kind: 'message' }>> = {}): TranscriptEntry {
  return { kind: 'message', messageId, at: 5_000, sender: 'customer', messageKind: 'text', senderId: null, text: `text of ${messageId}`, deliveryFailure: null, ...overrides };
}

export function agent(agentId: string, overrides: Partial<AgentRow> = {}): AgentRow {
  return {
    agentId,
    name: agentId,
    teamName: 'Team North',
    location: 'Lisbon',
    statusKind: 'available',
    busy: false,
    statusReason: 'Available',
    statusSince: 0,
    ahtSec: null,
    avgResponseTimeSec: null,
    assignments: 0,
    slots: 3,
    signals: [],
    ...overrides,
  };
}
