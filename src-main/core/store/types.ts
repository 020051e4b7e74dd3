/** Shapes that go in and out of the store. Plain data, safe to send across a worker boundary. */
import type { CacheRecoveryReport } from '../../../src-shared/api/live.js';
import type { ConversationRow, RejectRecord } from '../../../src-shared/api/contract.js';
import type { Channel, Disposition, FloorEvent, MessageKind, Sender } from '../../../src-shared/protocol/events.js';
import type { RejectInput } from '../feed/feed-client.js';
import type { UnknownEvent } from '../feed/frame-decoder.js';
import type { RollupCounts } from './rollups.js';
import type { QueueScope } from '../queue-scope.js';

/** A malformed frame or event (the feed client's shape), recorded and counted so it never disappears silently. */
export type { RejectInput };
/** An event whose type this version does not know: kept in the log, not projected. */
export type UnknownEventInput = UnknownEvent;

/** One feed batch: everything in it is committed together with the stream position, or nothing is. */
export interface IngestBatch {
  readonly stream: string;
  readonly epoch: string;
  /** Validated events, ascending seq. */
  readonly events: readonly FloorEvent[];
  readonly unknownEvents?: readonly UnknownEventInput[];
  readonly rejects?: readonly RejectInput[];
  /** The stream position once this batch is stored; covers rejected seqs too. */
  readonly lastSeq: number;
}

export interface IngestOutcome {
  /** Event-log rows written (known and unknown types). */
  readonly inserted: number;
  /** Events already in the log: replays, projected no second time. */
  readonly duplicates: number;
}

export interface SnapshotInput {
  readonly stream: string;
  readonly epoch: string;
  readonly seq: number;
  /** Events describing the floor as of `seq`. */
  readonly events: readonly FloorEvent[];
}

export interface StoredStreamPosition {
  readonly epoch: string;
  readonly lastSeq: number;
}

/**
 * What the startup check found, where the damaged file went, and which local-only rows were
 * salvaged from it into the rebuilt cache.
 */
export type StoreRecovery = CacheRecoveryReport;

export interface Checkpoint {
  /** The stream epoch at save time; a checkpoint of another epoch describes a floor that is gone. */
  readonly epoch: string;
  readonly seq: number;
  readonly time: number;
  readonly stateJson: string;
}

export interface EventKey {
  readonly seq: number;
  readonly type: string;
  readonly time: number;
}

export interface StoredReject extends RejectRecord {
  readonly id: number;
  readonly stream: string | null;
  readonly seq: number | null;
  readonly excerpt: string | null;
}

export interface RecentConversationsQuery {
  readonly queueId?: string;
  readonly limit: number;
  /** Queues the caller may see (the session's, from the API service). */
  readonly queueScope: QueueScope;
}

export interface MessageRow {
  /** Row id: stable, increasing with arrival; the paging key of search results. */
  readonly id: number;
  readonly conversationId: string;
  readonly messageId: string;
  readonly time: number;
  readonly sender: Sender;
  readonly senderId: string | null;
  readonly kind: MessageKind;
  readonly text: string;
  readonly deliveryFailed: boolean;
}

export interface MessageSearchQuery {
  /** Plain words typed by a user; every word must occur. FTS5 syntax is not interpreted. */
  readonly text: string;
  readonly limit: number;
  /** Queues the caller may see (the session's, from the API service). */
  readonly queueScope: QueueScope;
  /** Page: only hits with a row id below this (results come newest first). */
  readonly beforeId?: number;
}

/** Survey answers of one agent in a queue over a span: how many, and how many rated 4 or 5. */
export interface AgentSurveyCounts {
  readonly agentId: string;
  readonly surveys: number;
  readonly positive: number;
}

export interface RollupRow extends RollupCounts {
  readonly queueId: string;
  readonly bucketStart: number;
}

export type { ConversationRow };

/** Where a conversation stands in the conversations table. */
export type StoredConversationState = 'created' | 'queued' | 'assigned' | 'ended' | 'abandoned';

/**
 * One row of the conversations table, every column named as readers select it
 * (`conversation_id AS conversationId`, ...); SQLite booleans read as 0 or 1. The one type of that
 * row: a reader that selects some columns types its result `Pick<ConversationTableRow, ...>`, so a
 * column's type is written once. (ConversationRow above is the API's recent-conversations row.)
 */
export interface ConversationTableRow {
  readonly conversationId: string;
  readonly queueId: string;
  readonly channel: Channel;
  readonly intent: string;
  readonly customerId: string;
  readonly customerName: string | null;
  readonly customerEmail: string | null;
  readonly customerPhone: string | null;
  readonly agentId: string | null;
  readonly state: StoredConversationState;
  readonly stateAt: number;
  readonly createdAt: number;
  readonly queuedAt: number | null;
  readonly assignedAt: number | null;
  readonly firstResponseAt: number | null;
  readonly endedAt: number | null;
  readonly abandonedAt: number | null;
  readonly disposition: Disposition | null;
  readonly highEffort: number;
  readonly transfers: number;
  readonly takenOverBy: string | null;
  readonly takenOverAt: number | null;
  readonly csat: number | null;
  readonly csatComment: string | null;
}
