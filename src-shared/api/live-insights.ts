/**
 * API contract of Live Insights (docs/product.md §2): queue and group detail, live transcripts,
 * performance, layout and groups, thresholds, and the supervisor actions. Composed into the one
 * contract in contract.ts.
 */
import { z } from 'zod';
import type { Capability } from '../permissions.js';
import type { Channel, StatusKind, Thresholds } from '../protocol/events.js';
import type { QueueHoursState } from '../business-hours.js';
import { channelSchema, overflowRuleSchema, statusKindSchema, thresholdsSchema } from '../protocol/events.js';
import { METRIC_IDS, type MetricValues } from '../metrics/dictionary.js';
import type { MetricExplanation } from '../metrics/explanation.js';
import { AGENT_FIGURE_IDS, type AgentFigureExplanation } from '../metrics/agent-explanation.js';
import type { Breach } from './live.js';
import type { TranscriptEntry } from './transcript.js';

const id = z.string().min(1).max(128);
const text = z.string().trim().min(1).max(4000);

/** What a detail view looks at: one queue, or a queue group (the user's own or an organisation preset). */
export const liveTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), queueId: id }),
  z.object({ kind: z.literal('group'), groupId: id }),
]);
export type LiveTarget = z.infer<typeof liveTargetSchema>;

/**
 * What a figure explained belongs to: a queue or group (its metrics), or one agent of the agent
 * panel (its row's figures, for the panel's period).
 */
export const explainTargetSchema = z.discriminatedUnion('kind', [
  ...liveTargetSchema.options,
  z.object({ kind: z.literal('agent'), agentId: id, period: z.enum(['now', 'today']) }),
]);
export type ExplainTarget = z.infer<typeof explainTargetSchema>;

// ---- shapes ----

export interface QueueGroup {
  readonly groupId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly queueIds: readonly string[];
  /** Organisation presets come from the feed, are visible to everyone and cannot be edited. */
  readonly preset: boolean;
}

export interface LayoutPreferences {
  /** Queues the user chose not to see on the overview. */
  readonly hiddenQueueIds: readonly string[];
}

export type ConversationAlert = 'transfer' | 'whisper_sent' | 'high_effort' | 'delivery_failure' | 'taken_over' | 'response_sla';

/** One row of the live conversations table (conversations with an agent or a supervisor now). */
export interface LiveConversationRow {
  readonly conversationId: string;
  readonly queueId: string;
  readonly queueName: string;
  readonly channel: Channel;
  readonly intent: string;
  readonly agentId: string | null;
  readonly agentName: string | null;
  /** Set when a supervisor owns the conversation after a takeover. */
  readonly supervisorId: string | null;
  readonly assignedAt: number;
  readonly handleTimeSec: number;
  readonly avgResponseTimeSec: number | null;
  /** Since the last customer message no one has answered; null when nothing is waiting. */
  readonly timeWaitingSec: number | null;
  /** Response-time SLA: ok, or past the queue's first-response threshold while the customer waits. */
  readonly responseSla: 'ok' | 'breached';
  readonly alerts: readonly ConversationAlert[];
  /**
   * True for a customer still waiting in the queue for an agent: listed so that the waiting
   * customers the tiles count can be seen. Then agentId is null, assignedAt is when they were
   * queued, handleTimeSec is 0 and timeWaitingSec is the time in the queue. Absent: held by someone.
   */
  readonly waitingForAgent?: boolean;
}

/** The "current queue" panel beside the conversations table. */
export interface QueuePanel {
  readonly metrics: MetricValues;
  readonly breaches: readonly Breach[];
  /** The earliest local midnight of the queues, and from when their "today" figures count (as QueueTile's). */
  readonly dayStart: number;
  readonly todaySince: number;
  /** The first queue's zone, in which the panel says from when "today" counts. */
  readonly timeZone: string;
  /** Open now by business hours (several queues: while any is open), and when that changes. */
  readonly hours: QueueHoursState;
}

export type ConversationsMessage =
  | {
      readonly kind: 'snapshot';
      readonly asOfSeq: number;
      readonly asOfTime: number;
      readonly rows: readonly LiveConversationRow[];
      readonly panel: QueuePanel;
    }
  | {
      readonly kind: 'diff';
      readonly asOfSeq: number;
      readonly asOfTime: number;
      readonly upsert: readonly LiveConversationRow[];
      readonly remove: readonly string[];
      readonly panel: QueuePanel;
    };

export interface Watcher {
  readonly userId: string;
  readonly displayName: string;
}

export interface LiveConversationHeader {
  readonly conversationId: string;
  readonly queueId: string;
  readonly queueName: string;
  readonly channel: Channel;
  readonly intent: string;
  readonly state: 'created' | 'queued' | 'assigned' | 'ended' | 'abandoned';
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly supervisorId: string | null;
  /** The supervisor's name where the console knows it (the feed's directory); views fall back to supervisorId. */
  readonly supervisorName?: string | null;
  readonly createdAt: number;
  readonly assignedAt: number | null;
  readonly handleTimeSec: number | null;
  readonly deliveryFailures: number;
  readonly alerts: readonly ConversationAlert[];
}

export type TranscriptMessage =
  | {
      readonly kind: 'snapshot';
      readonly header: LiveConversationHeader;
      readonly entries: readonly TranscriptEntry[];
      readonly watchers: readonly Watcher[];
    }
  | {
      readonly kind: 'update';
      readonly header: LiveConversationHeader;
      /** Entries after the last one sent, in order. */
      readonly append: readonly TranscriptEntry[];
      /** Message ids whose delivery failed since the last message. */
      readonly deliveryFailures: readonly { readonly messageId: string; readonly reason: string }[];
      readonly watchers: readonly Watcher[];
    };

export type AgentSignal = 'high_effort' | 'flex';

export interface AgentRow {
  readonly agentId: string;
  readonly name: string;
  readonly teamName: string;
  readonly location: string;
  readonly statusKind: StatusKind;
  /** Busy is derived: available with at least one conversation. */
  readonly busy: boolean;
  readonly statusReason: string;
  readonly statusSince: number;
  readonly ahtSec: number | null;
  readonly avgResponseTimeSec: number | null;
  /** Conversations held now ("right now") or assigned since midnight ("since midnight"). */
  readonly assignments: number;
  readonly slots: number;
  readonly signals: readonly AgentSignal[];
}

export interface GroupStatsRow {
  /** Team name or location. */
  readonly name: string;
  readonly size: number;
  readonly occupancyPct: number | null;
  readonly available: number;
  readonly busy: number;
  readonly away: number;
  readonly offline: number;
}

export interface FeedbackRow {
  readonly at: number;
  readonly conversationId: string;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly rating: number;
  readonly comment: string | null;
}

export type PerformancePeriod = 'now' | 'today';

export interface PerformanceMessage {
  readonly kind: 'snapshot';
  readonly asOfSeq: number;
  readonly asOfTime: number;
  readonly period: PerformancePeriod;
  readonly metrics: MetricValues;
  readonly breaches: readonly Breach[];
  readonly agents: readonly AgentRow[];
  readonly teams: readonly GroupStatsRow[];
  readonly locations: readonly GroupStatsRow[];
  /** Newest first, at most 200. */
  readonly feedback: readonly FeedbackRow[];
  readonly mitigation: { readonly state: 'normal' | 'custom_message' | 'paused'; readonly message?: string };
  /** Open now by business hours (several queues: while any is open), and when that changes. */
  readonly hours: QueueHoursState;
}

/**
 * A queue's thresholds as one user's views judge it: the organisation's (the feed's, changed in
 * Management with `queue.thresholds`) with that user's own override laid over them. The override
 * is a personal view setting (`thresholds.override`, layout.edit): only for them, on this console.
 */
export interface ThresholdSettings {
  readonly queueId: string;
  /** The organisation's thresholds, from the feed's queue configuration: what everyone else sees. */
  readonly feed: Thresholds;
  /** This user's own override (only for them, on this console); null when they have none. */
  readonly override: Partial<Thresholds> | null;
  /** What this user's tiles, rows and panels are judged by. */
  readonly effective: Thresholds;
  /** The override's owner (the user asking) and when they set it (epoch ms); absent when there is none. */
  readonly overrideBy?: string;
  readonly overrideAt?: number;
}

export interface AuditRecord {
  readonly auditId: number;
  readonly at: number;
  readonly userId: string;
  readonly role: string;
  readonly action: string;
  readonly target: string;
  readonly detail: string;
  readonly commandId: string;
  /** pending until the feed answers; then acked or rejected (with the reason in outcomeDetail). */
  readonly outcome: 'pending' | 'acked' | 'rejected' | 'local';
  readonly outcomeDetail: string | null;
  readonly hash: string;
  /**
   * The chain entry that wrote the feed's answer (null while pending, or for a local action): an
   * action and its outcome are two entries, so the numbers of listed actions skip one.
   */
  readonly outcomeAuditId?: number | null;
}

/** A point of the audit chain: a record's id and hash (the head is the last record). */
export interface AuditHead {
  readonly auditId: number;
  readonly hash: string;
}

/**
 * What is wrong with the local chain: a record that does not match (edited, inserted or forged
 * without the key), records missing (deleted from the middle, the tail or the whole log), the
 * chain's key or its head kept outside the database missing, or the legacy boundary moved.
 */
export type AuditProblem = 'forged' | 'missing' | 'key-missing' | 'head-missing' | 'boundary-moved';

/**
 * The local chain against the head the feed keeps for this user (protocol v1.1): `agrees` when this
 * log holds that record with that hash; `unknown` when the feed keeps none (a v1 feed, or nothing
 * sent yet); `disagrees` when the record is gone (the log was rolled back) or differs (forged).
 */
export type AuditAnchorCheck =
  | { readonly state: 'agrees'; readonly anchor: AuditHead }
  | { readonly state: 'unknown'; readonly reason: string }
  | { readonly state: 'disagrees'; readonly anchor: AuditHead; readonly reason: string };

export interface AuditVerification {
  /** The local chain holds and the feed's anchor does not disagree. */
  readonly ok: boolean;
  /** Records walked before the verdict. */
  readonly checked: number;
  /** The first record that is bad or missing; null when the chain holds. */
  readonly firstBadAuditId: number | null;
  /** The last record that verified before the break (0: none did); null when the chain holds. */
  readonly lastGoodAuditId: number | null;
  readonly problem: AuditProblem | null;
  /** The verdict in words, naming the records. */
  readonly reason: string | null;
  /** Records up to this id predate the keyed chain and are plain SHA-256 (0: none). */
  readonly legacyThrough: number;
  /** The last record of the local log. */
  readonly head: AuditHead | null;
  readonly anchor: AuditAnchorCheck;
}

/** What every supervisor action answers once applied: the audit record and the feed's answer. */
export interface ActionReceipt {
  readonly auditId: number;
  readonly outcome: 'acked' | 'local';
  readonly detail: string | null;
}

// ---- queries ----

export const liveQuerySchemas = [
  z.object({ type: z.literal('live.groups') }),
  z.object({ type: z.literal('live.layout') }),
  z.object({ type: z.literal('live.thresholds'), queueId: id }),
  z.object({ type: z.literal('audit.list'), limit: z.number().int().min(1).max(1000).default(200) }),
  z.object({ type: z.literal('audit.verify') }),
  // What one figure of a queue, group or agent is made of now (asked when someone opens the figure, never pushed).
  // A queue or group takes a metric of the dictionary; an agent, one of its row's figures.
  z.object({ type: z.literal('live.explain'), target: explainTargetSchema, metricId: z.enum([...METRIC_IDS, ...AGENT_FIGURE_IDS]), channels: z.array(channelSchema).min(1).max(2).optional() }),
] as const;

export interface LiveQueryResults {
  'live.groups': readonly QueueGroup[];
  'live.layout': LayoutPreferences;
  'live.thresholds': ThresholdSettings;
  'audit.list': readonly AuditRecord[];
  'audit.verify': AuditVerification;
  'live.explain': MetricExplanation | AgentFigureExplanation;
}

export const LIVE_QUERY_CAPABILITY = {
  'live.groups': 'live.view',
  'live.layout': 'live.view',
  'live.thresholds': 'live.view',
  'audit.list': 'diagnostics.view',
  'audit.verify': 'diagnostics.view',
  'live.explain': 'live.view',
} as const satisfies Record<keyof LiveQueryResults, Capability>;

// ---- subscriptions ----

export const liveTopicSchemas = [
  z.object({ topic: z.literal('live.conversations'), target: liveTargetSchema }),
  z.object({ topic: z.literal('live.transcript'), conversationId: id }),
  z.object({
    topic: z.literal('live.performance'),
    target: liveTargetSchema,
    period: z.enum(['now', 'today']),
    channels: z.array(channelSchema).min(1).max(2).optional(),
  }),
] as const;

export interface LiveTopicMessages {
  'live.conversations': ConversationsMessage;
  'live.transcript': TranscriptMessage;
  'live.performance': PerformanceMessage;
}

export const LIVE_TOPIC_CAPABILITY = {
  'live.conversations': 'live.view',
  'live.transcript': 'live.transcripts',
  'live.performance': 'live.view',
} as const satisfies Record<keyof LiveTopicMessages, Capability>;

// ---- commands ----

export const liveCommandSchemas = [
  z.object({ type: z.literal('layout.save'), hiddenQueueIds: z.array(id).max(1000) }),
  z.object({ type: z.literal('group.save'), groupId: id.optional(), name: z.string().trim().min(1).max(80), queueIds: z.array(id).min(1).max(500) }),
  z.object({ type: z.literal('group.delete'), groupId: id }),
  z.object({ type: z.literal('thresholds.override'), queueId: id, thresholds: thresholdsSchema.partial().nullable() }),
  z.object({ type: z.literal('conversation.whisper'), conversationId: id, text }),
  z.object({ type: z.literal('conversation.takeover'), conversationId: id }),
  z.object({ type: z.literal('conversation.reply'), conversationId: id, text }),
  z.object({ type: z.literal('queue.mitigation'), queueId: id, state: z.enum(['normal', 'custom_message', 'paused']), message: z.string().trim().max(1000).optional() }),
  z.object({ type: z.literal('queue.overflow'), queueId: id, rules: z.array(overflowRuleSchema).max(32) }),
  z.object({ type: z.literal('queue.transfer_waiting'), queueId: id, targetQueueId: id }),
  z.object({ type: z.literal('queue.end_all'), queueId: id }),
  z.object({ type: z.literal('agent.status'), agentId: id, kind: statusKindSchema, reason: z.string().trim().max(128) }),
] as const;

export interface LiveCommandResults {
  'layout.save': LayoutPreferences;
  'group.save': QueueGroup;
  'group.delete': null;
  'thresholds.override': ThresholdSettings;
  'conversation.whisper': ActionReceipt;
  'conversation.takeover': ActionReceipt;
  'conversation.reply': ActionReceipt;
  'queue.mitigation': ActionReceipt;
  'queue.overflow': ActionReceipt;
  'queue.transfer_waiting': ActionReceipt;
  'queue.end_all': ActionReceipt;
  'agent.status': ActionReceipt;
}

export const LIVE_COMMAND_CAPABILITY = {
  'layout.save': 'layout.edit',
  'group.save': 'layout.edit',
  'group.delete': 'layout.edit',
  'thresholds.override': 'layout.edit',
  'conversation.whisper': 'live.whisper',
  'conversation.takeover': 'live.takeover',
  'conversation.reply': 'live.takeover',
  'queue.mitigation': 'queue.mitigation',
  'queue.overflow': 'queue.overflow',
  'queue.transfer_waiting': 'queue.bulk_actions',
  'queue.end_all': 'queue.bulk_actions',
  'agent.status': 'agent.set_status',
} as const satisfies Record<keyof LiveCommandResults, Capability>;
