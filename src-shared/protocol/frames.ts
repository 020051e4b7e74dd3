/**
 * Wire frames of feed protocol v1.1 (docs/protocol.md). JSON text over one WebSocket.
 *
 * v1.1 adds, all optional so that v1 peers still talk: the authenticated user and the audit anchor
 * in the welcome, `auditHead` on a command, the `forbidden` refusal, and snapshots in chunks
 * (`snapshot.begin` / `snapshot.chunk` / `snapshot.end`) for a client whose hello accepts them.
 *
 * Envelopes are validated here; the events inside an `events`, `snapshot` or `backfill` frame are
 * validated one by one (floorEventSchema) so that one bad event never costs its neighbours.
 */
import { z } from 'zod';
import { PROTOCOL_MINOR, PROTOCOL_VERSION, businessHoursSchema, thresholdsSchema } from './events.js';
import { ROLES } from '../permissions.js';

export { PROTOCOL_MINOR, PROTOCOL_VERSION };

/** Frames larger than this are counted as oversized and skipped, never parsed. */
export const DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;
/**
 * A chunked snapshot (v1.1) holds at most this many events in all, as a one-frame snapshot does:
 * the receiver keeps the whole snapshot until its end before applying it, so this bounds its memory.
 */
export const MAX_SNAPSHOT_EVENTS = 1_000_000;
/** At most this many events in one `snapshot.chunk` (a sender keeps each chunk frame well under the frame limit). */
export const MAX_SNAPSHOT_CHUNK_EVENTS = 100_000;
export const LIVE_STREAM = 'floor';
export const HISTORY_STREAM = 'history';

/** The longest id (request, command, snapshot, …) a frame carries. */
export const MAX_FRAME_ID_LENGTH = 128;
/** The longest stream name or epoch. */
export const MAX_STREAM_NAME_LENGTH = 64;
/** What a stream name looks like. */
export const STREAM_NAME_PATTERN = /^[a-z][a-z0-9_-]*$/;
/** At most this many events in one `events` or `backfill` frame. */
export const MAX_FRAME_EVENTS = 100_000;

const id = z.string().min(1).max(MAX_FRAME_ID_LENGTH);
const streamName = z.string().min(1).max(MAX_STREAM_NAME_LENGTH).regex(STREAM_NAME_PATTERN);
const epoch = z.string().min(1).max(MAX_STREAM_NAME_LENGTH);
const epochMs = z.number().int().nonnegative();
const seqOrZero = z.number().int().nonnegative();

/** What names an alert in the feed's alert commands: the console's deterministic id, its queue, kind and subject, and who acts. */
const alertCommandFields = {
  alertId: z.string().min(1).max(400),
  queueId: id,
  kind: z.enum(['threshold', 'queued', 'event']),
  subject: z.string().min(1).max(260),
  by: id,
};
const alertNote = z.string().max(1000).optional();

// ---- commands the console sends to the feed (acked or rejected, applied once per commandId) ----

export const feedCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('conversation.whisper'), conversationId: id, supervisorId: id, text: z.string().min(1).max(4000) }),
  z.object({ type: z.literal('conversation.take_over'), conversationId: id, supervisorId: id }),
  z.object({ type: z.literal('conversation.reply'), conversationId: id, supervisorId: id, text: z.string().min(1).max(4000) }),
  z.object({ type: z.literal('conversation.add_note'), conversationId: id, supervisorId: id, text: z.string().min(1).max(4000) }),
  z.object({ type: z.literal('queue.set_mitigation'), queueId: id, state: z.enum(['normal', 'custom_message', 'paused']), message: z.string().max(1000).optional() }),
  z.object({ type: z.literal('queue.set_overflow_rules'), queueId: id, rules: z.array(z.object({ ruleId: id, when: z.enum(['outside_business_hours', 'no_available_agents']), targetQueueId: id })).max(32) }),
  z.object({ type: z.literal('queue.transfer_waiting'), queueId: id, targetQueueId: id }),
  z.object({ type: z.literal('queue.end_all'), queueId: id }),
  z.object({ type: z.literal('agent.set_status'), agentId: id, kind: z.enum(['available', 'away', 'offline']), reason: z.string().max(128) }),
  // v1.1: management (docs/protocol.md, "Management commands"); each takes effect as ordinary events.
  z.object({ type: z.literal('queue.set_business_hours'), queueId: id, businessHours: businessHoursSchema }),
  z.object({ type: z.literal('queue.set_thresholds'), queueId: id, thresholds: thresholdsSchema }),
  z.object({ type: z.literal('agent.set_queues'), agentId: id, queueIds: z.array(id).max(256) }),
  z.object({ type: z.literal('agent.set_capacity'), agentId: id, slots: z.number().int().min(1).max(32) }),
  /** A console role (null: none) and, when given, a new queue scope; it reaches the user's next session. */
  z.object({ type: z.literal('user.set_role'), userId: id, role: z.enum(ROLES).nullable(), queueScope: z.array(id).max(10_000).nullable().optional() }),
  // v1.1: an alert's lifecycle (docs/protocol.md, "Alerts"); the feed answers with `alert.updated` to every console.
  z.object({ type: z.literal('alert.acknowledge'), ...alertCommandFields, note: alertNote }),
  z.object({ type: z.literal('alert.snooze'), ...alertCommandFields, durationSec: z.number().int().min(1).max(86_400).optional(), note: alertNote }),
  z.object({ type: z.literal('alert.escalate'), ...alertCommandFields, toUserId: id, note: alertNote }),
]);
export type FeedCommand = z.infer<typeof feedCommandSchema>;

/** The head of the console's audit chain, kept by the feed outside this machine (v1.1). */
export const auditHeadSchema = z.object({ auditId: z.number().int().nonnegative(), hash: z.string().min(1).max(128) });
export type AuditHead = z.infer<typeof auditHeadSchema>;

/** Who the feed authenticated from the hello's token (v1.1); the console's role and scope come from here only. */
export const feedUserSchema = z.object({
  userId: id,
  name: z.string().min(1).max(200),
  role: z.enum(ROLES),
  /** Queues this user may see and act on; null means every queue. */
  queueScope: z.array(id).max(10_000).nullable(),
});
export type FeedUser = z.infer<typeof feedUserSchema>;

// ---- client -> server ----

export const streamPositionSchema = z.object({ stream: streamName, epoch: epoch.optional(), lastSeq: seqOrZero });
export type StreamPosition = z.infer<typeof streamPositionSchema>;

export const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocolVersion: z.number().int(),
    /** v1.1: the minor version the client speaks (absent from a v1 client). */
    minor: z.number().int().nonnegative().optional(),
    token: z.string().max(512),
    client: z.object({ name: z.string().max(64), version: z.string().max(64) }),
    streams: z.array(streamPositionSchema).max(16),
    /** v1.1: the client assembles a snapshot sent in chunks (snapshot.begin / snapshot.chunk / snapshot.end). */
    chunkedSnapshots: z.boolean().optional(),
  }),
  z.object({ type: z.literal('heartbeat'), time: epochMs }),
  z.object({
    type: z.literal('backfill.request'),
    requestId: id,
    since: epochMs,
    until: epochMs,
    /** The server stops after this many events and says so (bounded backfill). */
    maxEvents: z.number().int().positive().max(50_000_000),
  }),
  z.object({ type: z.literal('command'), commandId: id, command: feedCommandSchema, auditHead: auditHeadSchema.optional() }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

// ---- server -> client ----

/** `forbidden` (v1.1): the user may not make this request; a v1 client treats it like `internal`. */
export const ERROR_CODES = ['unauthorized', 'unsupported_version', 'bad_frame', 'internal', 'forbidden'] as const;
export type FeedErrorCode = (typeof ERROR_CODES)[number];
// `events` arrays are left as unknown[] here and validated per event by the receiver.

export const streamResumeSchema = z.object({
  stream: streamName,
  /** Identifies one incarnation of the stream; seqs restart only with a new epoch. */
  epoch,
  /** replay: events after the client's lastSeq follow; snapshot: a snapshot frame follows. */
  resume: z.enum(['replay', 'snapshot']),
  headSeq: seqOrZero,
});
export type StreamResume = z.infer<typeof streamResumeSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    protocolVersion: z.number().int(),
    minor: z.number().int().nonnegative().optional(),
    sessionId: id,
    heartbeatIntervalMs: z.number().int().min(100).max(60_000),
    streams: z.array(streamResumeSchema).max(16),
    /** v1.1: the authenticated user; a v1 feed sends none (the console then grants least privilege). */
    user: feedUserSchema.optional(),
    /** v1.1: the last audit head this user's console sent with a command, or null when none yet. */
    auditAnchor: auditHeadSchema.nullable().optional(),
    /** v1.1: the hello accepted chunked snapshots and this feed may send them on this connection. */
    chunkedSnapshots: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('snapshot'),
    stream: streamName,
    epoch,
    /** The state below is the stream as of this seq; live events continue at seq + 1. */
    seq: seqOrZero,
    time: epochMs,
    events: z.array(z.unknown()).max(MAX_SNAPSHOT_EVENTS),
  }),
  /** v1.1: a snapshot in chunks opens; it is the stream as of `seq` once its end arrives, and nothing of it before. */
  z.object({ type: z.literal('snapshot.begin'), snapshotId: id, stream: streamName, epoch, seq: seqOrZero, time: epochMs }),
  /** v1.1: the next part (1, 2, 3… with no gap) of the open snapshot's events. */
  z.object({ type: z.literal('snapshot.chunk'), snapshotId: id, part: z.number().int().positive(), events: z.array(z.unknown()).max(MAX_SNAPSHOT_CHUNK_EVENTS) }),
  /** v1.1: the open snapshot is complete: `parts` chunks holding `events` events in all. */
  z.object({ type: z.literal('snapshot.end'), snapshotId: id, parts: z.number().int().nonnegative(), events: z.number().int().nonnegative().max(MAX_SNAPSHOT_EVENTS) }),
  z.object({ type: z.literal('events'), stream: streamName, epoch, events: z.array(z.unknown()).min(1).max(MAX_FRAME_EVENTS) }),
  z.object({ type: z.literal('heartbeat'), time: epochMs, heads: z.record(z.string(), seqOrZero) }),
  z.object({
    type: z.literal('backfill'),
    requestId: id,
    stream: streamName,
    epoch,
    events: z.array(z.unknown()).max(MAX_FRAME_EVENTS),
    progress: z.object({ sentEvents: seqOrZero, totalEvents: seqOrZero }),
    done: z.boolean(),
    /** Set on the last chunk when maxEvents cut the backfill short. */
    truncated: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('command.result'),
    commandId: id,
    ok: z.boolean(),
    reason: z.string().max(1000).optional(),
    /** v1.1: set when the user's role or queue scope does not allow the command. */
    code: z.literal('forbidden').optional(),
  }),
  z.object({ type: z.literal('error'), code: z.enum(ERROR_CODES), message: z.string().max(1000) }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
export type ServerFrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/** WebSocket close codes the protocol uses. */
export const CLOSE_CODES = {
  unauthorized: 4001,
  unsupportedVersion: 4002,
  heartbeatTimeout: 4003,
  gap: 4004,
} as const;
