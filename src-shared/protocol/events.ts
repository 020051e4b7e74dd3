/**
 * Canonical floor events of feed protocol v1 (docs/protocol.md).
 *
 * Every event carries `seq` (monotonic per stream) and `time` (epoch ms when it happened on the
 * floor). Schemas are the single source of the types; ingest validates every event with them.
 */
import { z } from 'zod';
import { ROLES } from '../permissions.js';

/** The major version: a peer with another major is refused (unsupported_version). */
export const PROTOCOL_VERSION = 1;
/** The minor version (1.1): additions a v1 peer can ignore (user and audit anchor in the welcome, forbidden, withheld events). */
export const PROTOCOL_MINOR = 1;

/** Longest id (queue, agent, conversation, message...) the protocol accepts. */
export const MAX_ID_LENGTH = 128;
/** Longest message text the protocol accepts. */
export const MAX_MESSAGE_TEXT_LENGTH = 20_000;

const id = z.string().min(1).max(MAX_ID_LENGTH);
const epochMs = z.number().int().nonnegative();
const seq = z.number().int().positive();

export const channelSchema = z.enum(['chat', 'voice']);
export type Channel = z.infer<typeof channelSchema>;

export const statusKindSchema = z.enum(['available', 'away', 'offline']);
export type StatusKind = z.infer<typeof statusKindSchema>;

export const senderSchema = z.enum(['customer', 'agent', 'bot', 'supervisor']);
export type Sender = z.infer<typeof senderSchema>;

export const messageKindSchema = z.enum(['text', 'whisper', 'note', 'system']);
export type MessageKind = z.infer<typeof messageKindSchema>;

export const dispositionSchema = z.enum(['resolved', 'unresolved', 'escalated', 'transferred', 'closed_by_supervisor']);
export type Disposition = z.infer<typeof dispositionSchema>;

export const mitigationSchema = z.enum(['normal', 'custom_message', 'paused']);
export type MitigationState = z.infer<typeof mitigationSchema>;

/** Per-queue thresholds; a metric past its threshold is highlighted until it recovers. */
export const thresholdsSchema = z.object({
  queuedLow: z.number().int().nonnegative(),
  queuedHigh: z.number().int().nonnegative(),
  longestWaitSec: z.number().nonnegative(),
  ahtSec: z.number().nonnegative(),
  firstResponseSec: z.number().nonnegative(),
  serviceLevelPct: z.number().min(0).max(100),
  abandonRatePct: z.number().min(0).max(100),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

const localDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const minuteOfDay = z.number().int().min(0).max(1440);

/**
 * Business hours in the queue's zone (docs/protocol.md, "Business hours"). A window opens at
 * `openMinute` after local midnight of its day and closes at `closeMinute`; a `closeMinute` at or
 * before `openMinute` (other than 0–1440) runs past midnight and closes at that minute of the next
 * day. A window belongs to the day it opens: a holiday or a special date replaces the windows that
 * open on that date.
 */
export const businessHoursSchema = z.object({
  /** Weekly windows: day 0 = Sunday. */
  windows: z.array(z.object({ day: z.number().int().min(0).max(6), openMinute: minuteOfDay, closeMinute: minuteOfDay })).max(64),
  /** Local dates closed all day. */
  holidays: z.array(localDateSchema).max(366),
  /** v1.1: local dates with other windows than the week's (no window: closed that day). */
  special: z.array(z.object({ date: localDateSchema, windows: z.array(z.object({ openMinute: minuteOfDay, closeMinute: minuteOfDay })).max(16) })).max(366).optional(),
  /** v1.1: what a customer hears or reads when the queue is closed and no overflow rule takes them elsewhere. */
  closedMessage: z.string().max(1000).optional(),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const overflowRuleSchema = z.object({
  ruleId: id,
  when: z.enum(['outside_business_hours', 'no_available_agents']),
  targetQueueId: id,
});
export type OverflowRule = z.infer<typeof overflowRuleSchema>;

export const customerSchema = z.object({
  customerId: id,
  name: z.string().max(256).optional(),
  email: z.string().max(256).optional(),
  phone: z.string().max(64).optional(),
});
export type Customer = z.infer<typeof customerSchema>;

const base = { seq, time: epochMs };

export const floorEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('queue.configured'),
    queueId: id,
    name: z.string().min(1).max(256),
    channel: channelSchema,
    timeZone: z.string().min(1).max(64),
    serviceLevelTargetSec: z.number().positive(),
    thresholds: thresholdsSchema,
    businessHours: businessHoursSchema,
    /** Organisation preset groups this queue belongs to (issue-level feature; may be empty). */
    presetGroups: z.array(id).max(64).default([]),
  }),
  z.object({ ...base, type: z.literal('queue.mitigation'), queueId: id, state: mitigationSchema, message: z.string().max(1000).optional() }),
  z.object({ ...base, type: z.literal('queue.overflow_rules'), queueId: id, rules: z.array(overflowRuleSchema).max(32) }),
  z.object({ ...base, type: z.literal('queue.estimated_wait'), queueId: id, seconds: z.number().nonnegative() }),
  z.object({
    ...base,
    type: z.literal('agent.login'),
    agentId: id,
    name: z.string().min(1).max(256),
    teamId: id,
    teamName: z.string().max(256),
    location: z.string().max(256),
    slots: z.number().int().min(1).max(32),
    queueIds: z.array(id).max(256),
  }),
  z.object({ ...base, type: z.literal('agent.logout'), agentId: id }),
  z.object({ ...base, type: z.literal('agent.status'), agentId: id, kind: statusKindSchema, reason: z.string().max(128) }),
  z.object({ ...base, type: z.literal('agent.capacity'), agentId: id, slots: z.number().int().min(1).max(32) }),
  z.object({ ...base, type: z.literal('agent.queues'), agentId: id, queueIds: z.array(id).max(256) }),
  /**
   * v1.1: one person of the directory (agents and supervisors), on shift or not; sent in every
   * snapshot and again whenever a field changes. `role` is the console role (null: no console).
   */
  z.object({
    ...base,
    type: z.literal('user.profile'),
    userId: id,
    name: z.string().min(1).max(256),
    kind: z.enum(['agent', 'supervisor']),
    role: z.enum(ROLES).nullable(),
    queueScope: z.array(id).max(10_000).nullable(),
    teamId: z.string().max(128),
    teamName: z.string().max(256),
    location: z.string().max(256),
    queueIds: z.array(id).max(256),
    /** Conversations an agent takes at once; 0 for someone who takes none. */
    slots: z.number().int().min(0).max(32),
  }),
  /** v1.1: the away reasons the platform offers, in its order; an `agent.set_status` to away names one. */
  z.object({ ...base, type: z.literal('agent.away_reasons'), reasons: z.array(z.string().min(1).max(128)).max(64) }),
  z.object({
    ...base,
    type: z.literal('conversation.created'),
    conversationId: id,
    channel: channelSchema,
    queueId: id,
    intent: z.string().max(128),
    customer: customerSchema,
  }),
  z.object({ ...base, type: z.literal('conversation.queued'), conversationId: id, queueId: id }),
  z.object({ ...base, type: z.literal('conversation.assigned'), conversationId: id, queueId: id, agentId: id }),
  z.object({
    ...base,
    type: z.literal('conversation.transferred'),
    conversationId: id,
    fromQueueId: id,
    toQueueId: id,
    fromAgentId: id.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('conversation.message'),
    conversationId: id,
    messageId: id,
    sender: senderSchema,
    senderId: id.optional(),
    kind: messageKindSchema,
    text: z.string().max(MAX_MESSAGE_TEXT_LENGTH),
  }),
  z.object({ ...base, type: z.literal('conversation.delivery_failed'), conversationId: id, messageId: id, reason: z.string().max(256) }),
  z.object({ ...base, type: z.literal('conversation.flagged'), conversationId: id, flag: z.enum(['high_effort']) }),
  z.object({ ...base, type: z.literal('conversation.taken_over'), conversationId: id, supervisorId: id, fromAgentId: id.optional() }),
  z.object({ ...base, type: z.literal('conversation.ended'), conversationId: id, disposition: dispositionSchema }),
  z.object({ ...base, type: z.literal('conversation.abandoned'), conversationId: id, queueId: id }),
  /**
   * v1.1: an alert's state changed through the feed (docs/protocol.md, "Alerts"): acknowledged,
   * snoozed (until `snoozedUntil`, or null: until it recovers) or escalated to `escalatedTo`, by
   * `by`, at `time`. Every console on the feed applies it to the alert with that id.
   */
  z.object({
    ...base,
    type: z.literal('alert.updated'),
    alertId: z.string().min(1).max(400),
    queueId: id,
    kind: z.enum(['threshold', 'queued', 'event']),
    subject: z.string().min(1).max(260),
    state: z.enum(['acknowledged', 'snoozed', 'escalated']),
    by: id,
    note: z.string().max(1000).optional(),
    snoozedUntil: epochMs.nullable().optional(),
    escalatedTo: id.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('survey.answered'),
    conversationId: id,
    queueId: id,
    agentId: id.optional(),
    rating: z.number().int().min(1).max(5),
    comment: z.string().max(4000).optional(),
  }),
  /**
   * v1.1: event `seq` of this stream exists but the feed holds it back from this user: it concerns
   * nothing inside their queue scope. It keeps the numbering whole and changes no state; a snapshot
   * never holds one (a feed filters a snapshot by leaving events out).
   */
  z.object({ ...base, type: z.literal('feed.withheld') }),
]);

export type FloorEvent = z.infer<typeof floorEventSchema>;
export type FloorEventType = FloorEvent['type'];
export type FloorEventOf<T extends FloorEventType> = Extract<FloorEvent, { type: T }>;
/** An event as the simulator or a feed builds it, before the stream assigns its seq. */
export type FloorEventInput = FloorEvent extends infer E ? (E extends FloorEvent ? Omit<E, 'seq'> : never) : never;

export const FLOOR_EVENT_TYPES: ReadonlySet<string> = new Set(floorEventSchema.options.map((option) => option.shape.type.value));
