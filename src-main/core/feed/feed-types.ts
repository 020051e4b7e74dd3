/**
 * The feed client's vocabulary: what it hands the sink (batches, snapshots, backfill, rejects),
 * what it reports (status, command outcomes) and how it is configured.
 */
import type { FeedStatus } from '../../../src-shared/api/live.js';
import type { BackoffPolicy } from '../../../src-shared/backoff.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import type { FeedSocketFactory } from './feed-socket.js';
import type { UnknownEvent } from './frame-decoder.js';

/** A rejected frame or event, as the sink records it (a row in the rejects table). */
export interface RejectInput {
  readonly reason: string;
  readonly detail: string;
  readonly stream?: string;
  /** The event's seq when readable; informative only (an out-of-order event repeats a stored seq). */
  readonly seq?: number;
  readonly excerpt?: string;
}

export interface IngestBatch {
  readonly stream: string;
  readonly epoch: string;
  readonly events: FloorEvent[];
  readonly unknownEvents: UnknownEvent[];
  readonly rejects: RejectInput[];
  /** The stream's new durable position: the last seq consumed (valid, unknown or rejected). */
  readonly lastSeq: number;
}

export interface FeedSnapshot {
  readonly stream: string;
  readonly epoch: string;
  readonly seq: number;
  readonly time: number;
  readonly events: FloorEvent[];
}

export interface BackfillBatch {
  readonly stream: string;
  readonly epoch: string;
  readonly events: FloorEvent[];
  readonly progress: { readonly sentEvents: number; readonly totalEvents: number };
  readonly done: boolean;
}

/** Where the feed's data goes: implemented by the core over the store and the live state. */
export interface FeedSink {
  /** The durable position of a stream, or null when nothing has been stored yet. */
  position(stream: string): { epoch: string; lastSeq: number } | null;
  /** Stores one frame's worth; synchronous and durable when it returns. May throw (disk full...). */
  ingest(batch: IngestBatch): void;
  /** Replaces the stream's state with the snapshot. */
  snapshot(snapshot: FeedSnapshot): void;
  /** Frame-level rejects (no event seq to store them against). */
  reject(rejects: RejectInput[]): void;
  backfill?(batch: BackfillBatch): void;
}

export type FeedClientStatus = Omit<FeedStatus, 'now' | 'feed'>;

export interface CommandOutcome {
  readonly ok: boolean;
  readonly reason?: string;
  /** Set when the feed refused the command because of the user's role or queue scope (v1.1). */
  readonly code?: 'forbidden';
}

/** How a command is sent: an audited command carries the audit chain's head (protocol v1.1). */
export interface SendCommandOptions {
  readonly auditHead?: { readonly auditId: number; readonly hash: string };
}

export interface BackfillRequest {
  readonly since: number;
  readonly until: number;
  readonly maxEvents: number;
}

/** How long to wait between attempts when the server refused us (bad token, unsupported version). */
export interface RefusedRetryPolicy {
  readonly minMs: number;
  readonly capMs: number;
}

export interface FeedClientOptions {
  readonly url: string;
  readonly token: string;
  readonly clientName: string;
  readonly clientVersion: string;
  readonly connect: FeedSocketFactory;
  readonly now: () => number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  readonly random: () => number;
  readonly sink: FeedSink;
  /** Default 250 ms base, 15 s cap. */
  readonly backoff?: BackoffPolicy;
  /** Default 5 s minimum, 60 s cap: slow enough not to hammer a server that refuses us. */
  readonly refusedRetry?: RefusedRetryPolicy;
  /** Silence after welcome that counts as a dead connection. Default 3 × the server's heartbeat interval, at least 1.5 s. */
  readonly heartbeatTimeoutMs?: number;
  /** Time allowed from opening the socket to the server's welcome. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Default 30 s. */
  readonly commandTimeoutMs?: number;
  /** Default DEFAULT_MAX_FRAME_BYTES (4 MiB). */
  readonly maxFrameBytes?: number;
  /** Whether the hello accepts snapshots in chunks (v1.1). Default true; false asks for one-frame snapshots as a v1 console does. */
  readonly chunkedSnapshots?: boolean;
  /**
   * A backfill frame with more events than this is stored in parts of this many, one turn of the
   * event loop each, the socket held meanwhile (BACKFILL_PART_EVENTS by default).
   */
  readonly backfillPartEvents?: number;
}
