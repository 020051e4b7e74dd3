/**
 * The local store: one SQLite file (WAL) holding the raw event log, the projections the console
 * queries, 15-minute rollups, live-state checkpoints and settings.
 *
 * One writer path: ingestBatch (and applySnapshot for snapshots). Each call is one transaction
 * that writes the log rows, the projections, the rollups, the rejects and the stream position
 * together, so the position can never be ahead of the data, even if the process is killed. SQLite
 * replays or discards the WAL on the next open.
 */
import type Database from 'better-sqlite3';
import type { QueueSummary } from '../../../src-shared/api/contract.js';
import type { CacheWriteFault } from '../../../src-shared/api/live.js';
import { FLOOR_EVENT_TYPES, type FloorEvent } from '../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import { IngestBatchError, isContentError } from './errors.js';
import { checkInBackground, type BackgroundCheck } from './background-check.js';
import { timedStep } from '../logging/timed-step.js';
import type { StoreConnection } from './connection.js';
import { withStoreMigrations, type Migration } from './migrate.js';
import { emptyWal, openDatabase } from './open-database.js';
import { EventLogWriter, parseEventBodies } from './event-log.js';
import { Projector } from './projector.js';
import { ftsQueryForWords, prepareReads, type MessageRecord } from './queries.js';
import { RollupAccumulator } from './rollups.js';
import { explainStorageError, StorageUnavailableError, writeFaultOf } from './storage-errors.js';
import type {
  Checkpoint,
  ConversationRow,
  EventKey,
  IngestBatch,
  IngestOutcome,
  MessageRow,
  MessageSearchQuery,
  RecentConversationsQuery,
  RejectInput,
  RollupRow,
  AgentSurveyCounts,
  SnapshotInput,
  StoredReject,
  StoredStreamPosition,
  StoreRecovery,
} from './types.js';

export interface StoreOptions {
  /** Database file, or ':memory:' in tests. */
  readonly path: string;
  /** Files larger than this are integrity-checked in the background after opening (default 256 MiB). */
  readonly syncCheckMaxBytes?: number;
  /** Path of a better_sqlite3.node built for the running runtime (Electron's utility process). */
  readonly nativeBinding?: string;
  /** Clock for reject and bookkeeping times; floor times always come from the events. */
  readonly now?: () => number;
  /**
   * The product areas' migrations, registered by the composition root (core/area-migrations.ts);
   * the store adds its own and applies them all in version order. The store imports no area.
   */
  readonly migrations: readonly Migration[];
  /**
   * The areas' tables whose rows exist only in this cache (audit log, boards, notes...), registered
   * by the composition root: recovery from a damaged file salvages them into the rebuilt one.
   */
  readonly localTables?: readonly string[];
  /**
   * Stops at this schema version: tests that build a cache as an older release left it. The
   * store's own migrations (200 and up) come after most areas', so filtering the areas' list
   * alone would not do.
   */
  readonly schemaVersionLimit?: number;
}

export interface Store {
  /** The database file (':memory:' in tests). */
  readonly path: string;
  /**
   * Set when the file was damaged at open and has been replaced by a rebuilt database: the reason,
   * where the damaged file went, and the local-only rows salvaged from it (and lost).
   */
  readonly recovery: StoreRecovery | null;
  /**
   * The storage failure (disk full, read-only, permissions) of the last feed write, naming the path
   * and the cause; null once a write succeeds again.
   */
  writeFault(): CacheWriteFault | null;
  /** The last write fault that a successful write cleared, so a status can drop its stale report. */
  clearedWriteFault(): CacheWriteFault | null;
  /**
   * The integrity check of a file too large to check before use, running in a worker thread:
   * resolves 'ok' or the problems found (the next start then rebuilds). Null when checked at open.
   */
  readonly backgroundCheck: Promise<string> | null;
  /**
   * The raw connection: the store's own modules and tests only. An area builds its repository with
   * `repository` instead (a test fails when area code reads this).
   */
  readonly database: Database.Database;

  /**
   * Builds an area's repository (its prepared statements) on the store's connection.
   *
   * Why a builder rather than the handle: the one file per area that holds SQL is the one that
   * receives the connection, so the rest of the area cannot reach SQL, and the projections stay
   * written by ingest alone (docs/decisions/0012-schema-ownership.md).
   */
  repository<Repository>(build: (connection: StoreConnection) => Repository): Repository;
  /**
   * Deletes a conversation with its messages (and their search rows) and survey: retention's way
   * to age out the projections ingest wrote. Runs in the caller's transaction; returns the rows of
   * messages and conversations deleted.
   */
  pruneConversation(conversationId: string): number;
  /** Deletes up to `limit` events of a log below `belowSeq` and older than `before`; returns how many. */
  pruneEvents(stream: string, epoch: string, belowSeq: number, before: number, limit: number): number;

  /** Commits one feed batch atomically. Throws IngestBatchError (nothing written) on failure. */
  ingestBatch(batch: IngestBatch): IngestOutcome;
  /** Records frame-level rejects (no seq) in their own transaction. */
  recordRejects(rejects: readonly RejectInput[]): void;
  /** Projects a snapshot and moves the stream to (epoch, seq); snapshot events are not log rows. */
  applySnapshot(snapshot: SnapshotInput): void;
  streamPosition(stream: string): StoredStreamPosition | null;

  /** Known-type events of the stream's current epoch after `afterSeq`, ascending. */
  readEvents(stream: string, afterSeq: number, limit: number): FloorEvent[];
  /** seq, type and time of every event of the stream's current epoch, ascending. */
  readEventKeys(stream: string): EventKey[];
  countEvents(stream: string): number;
  listQueues(): QueueSummary[];
  recentRejects(limit: number): StoredReject[];
  rejectCounts(): Record<string, number>;
  recentConversations(query: RecentConversationsQuery): ConversationRow[];
  conversationMessages(conversationId: string, limit: number, after?: { readonly time: number; readonly id: number }): MessageRow[];
  searchMessages(query: MessageSearchQuery): MessageRow[];
  readRollups(queueId: string, from: number, to: number): RollupRow[];
  /** Survey answers per agent of one queue, `from` inclusive to `to` exclusive. */
  surveysByAgent(queueId: string, from: number, to: number): AgentSurveyCounts[];

  saveCheckpoint(stream: string, seq: number, time: number, stateJson: string): void;
  loadCheckpoint(stream: string): Checkpoint | null;
  getSetting<T = unknown>(key: string): T | undefined;
  setSetting(key: string, value: unknown): void;

  /** `PRAGMA integrity_check`: 'ok', or the problems found, one per line. */
  integrityCheck(): string;
  /** Empties the WAL now or not at all, never waiting on a lock (open-database.ts emptyWal). */
  emptyWal(): boolean;

  close(): void;
}

/** Bounds of every read, so no caller can ask for an unbounded result by mistake. */
export const READ_LIMITS = {
  events: 10_000,
  rejects: 1_000,
  conversations: 500,
  messages: 1_000,
  search: 200,
} as const;

/** The store's own table that only this machine writes: settings (retention and the like). */
const STORE_LOCAL_TABLES: readonly string[] = ['settings'];

/** Rejects kept; the oldest go first, so a feed spewing garbage cannot fill the disk. */
export const MAX_STORED_REJECTS = 50_000;

/** `PRAGMA optimize` at close analyses at most about this many rows of each index it revisits. */
const CLOSE_ANALYSIS_LIMIT = 400;
const EXCERPT_LENGTH = 512;
const DETAIL_LENGTH = 2_000;
const REASON_LENGTH = 64;
const KNOWN_TYPES_JSON = JSON.stringify([...FLOOR_EVENT_TYPES]);

/**
 * Opens (creating or migrating) the store at `options.path`.
 *
 * Throws DatabaseFromFutureError for a database written by a newer version (left untouched); a
 * corrupt file is moved aside and reported in `store.recovery` instead of failing.
 */
export function openStore(options: StoreOptions): Store {
  const now = options.now ?? Date.now;
  const { db, recovery, checkDeferred } = openDatabase({
    path: options.path,
    nativeBinding: options.nativeBinding,
    now,
    syncCheckMaxBytes: options.syncCheckMaxBytes,
    migrations: withStoreMigrations(options.migrations).filter((migration) => migration.version <= (options.schemaVersionLimit ?? Number.POSITIVE_INFINITY)),
    localTables: [...STORE_LOCAL_TABLES, ...(options.localTables ?? [])],
  });
  const store = new SqliteStore(options.path, db, recovery, now);
  if (checkDeferred) store.startBackgroundCheck(checkInBackground(options.path, options.nativeBinding));
  return store;
}

function boundedLimit(limit: number, max: number): number {
  if (!Number.isFinite(limit)) throw new RangeError(`limit must be a finite number, got ${limit}`);
  return Math.min(max, Math.max(1, Math.floor(limit)));
}

function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${what} must be a non-empty string`);
  return value;
}

function requireSeq(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/** The seq of something that should be an event, without trusting that it is one. */
function seqOf(value: unknown): number | null {
  const seq = (value as { seq?: unknown } | null)?.seq;
  return typeof seq === 'number' ? seq : null;
}

function toMessageRow(record: MessageRecord): MessageRow {
  return { ...record, deliveryFailed: record.deliveryFailed === 1 };
}

class SqliteStore implements Store {
  backgroundCheck: Promise<string> | null = null;
  private stopBackgroundCheck: () => void = () => undefined;
  private readonly rollups: RollupAccumulator;
  private readonly projector: Projector;
  private pruneMessages: Database.Statement<[string]> | null = null;
  private readonly eventLog: EventLogWriter;
  private readonly write;
  private preparedReads: ReturnType<typeof prepareReads> | null = null;
  /** The event being written, for IngestBatchError; a field rather than a closure on the hot path. */
  private failing: { seq: number | null; index: number | null } = { seq: null, index: null };
  /** Rejects written by the current transaction, so old ones are pruned only when new ones arrive. */
  private rejectsWritten = 0;
  private readonly ingestTransaction: Database.Transaction<(batch: IngestBatch, stream: string, epoch: string, lastSeq: number) => IngestOutcome>;
  private readonly snapshotTransaction: Database.Transaction<(snapshot: SnapshotInput, stream: string, epoch: string, seq: number) => void>;
  private readonly rejectsTransaction: Database.Transaction<(rejects: readonly RejectInput[]) => void>;
  private fault: CacheWriteFault | null = null;
  private cleared: CacheWriteFault | null = null;

  constructor(
    readonly path: string,
    readonly database: Database.Database,
    readonly recovery: StoreRecovery | null,
    private readonly now: () => number,
  ) {
    const db = database;
    this.rollups = new RollupAccumulator(db);
    this.projector = new Projector(db, this.rollups, (reject) => this.insertReject(reject));
    this.eventLog = new EventLogWriter(db);
    this.write = {
      // A replay is a no-op. `ON CONFLICT ... DO NOTHING` rather than `OR IGNORE`: only the key
      // conflict is forgiven, a NULL or mistyped value still fails the batch instead of vanishing.
      reject: db.prepare<[number, string, string, string | null, number | null, string | null]>(
        'INSERT INTO rejects (at, reason, detail, stream, seq, excerpt) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      pruneRejects: db.prepare<[number]>('DELETE FROM rejects WHERE id <= (SELECT max(id) FROM rejects) - ?'),
      // Within an epoch the position only moves forward; a new epoch restarts it.
      advanceStream: db.prepare<[string, string, number, number]>(
        `INSERT INTO streams (stream, epoch, last_seq, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (stream) DO UPDATE SET
           last_seq = CASE WHEN streams.epoch = excluded.epoch THEN max(streams.last_seq, excluded.last_seq) ELSE excluded.last_seq END,
           epoch = excluded.epoch, updated_at = excluded.updated_at`,
      ),
      setStream: db.prepare<[string, string, number, number]>(
        `INSERT INTO streams (stream, epoch, last_seq, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (stream) DO UPDATE SET epoch = excluded.epoch, last_seq = excluded.last_seq, updated_at = excluded.updated_at`,
      ),
      // Through the messages view, which reads message_rows alone for ids and text (store migration
      // 230), and which is a table at an older schema version (tests open a store at one).
      lastMessageId: db.prepare<[], number | null>('SELECT max(id) FROM messages').pluck(),
      // Messages written by this transaction have ids above the pre-transaction maximum.
      indexMessages: db.prepare<[number]>('INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE id > ?'),
      dropStaleCheckpoint: db.prepare<[string, string]>('DELETE FROM checkpoints WHERE stream = ? AND epoch <> ?'),
      checkpoint: db.prepare<[string, string, number, number, string, number]>(
        `INSERT INTO checkpoints (stream, epoch, seq, time, state, saved_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (stream) DO UPDATE SET epoch = excluded.epoch, seq = excluded.seq, time = excluded.time,
           state = excluded.state, saved_at = excluded.saved_at`,
      ),
      setting: db.prepare<[string, string]>(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      pruneSurvey: db.prepare<[string]>('DELETE FROM surveys WHERE conversation_id = ?'),
      pruneConversation: db.prepare<[string]>('DELETE FROM conversations WHERE conversation_id = ?'),
    };
    this.ingestTransaction = db.transaction((batch: IngestBatch, stream: string, epoch: string, lastSeq: number) =>
      this.ingestInTransaction(batch, stream, epoch, lastSeq),
    );
    this.snapshotTransaction = db.transaction((snapshot: SnapshotInput, stream: string, epoch: string, seq: number) =>
      this.snapshotInTransaction(snapshot, stream, epoch, seq),
    );
    this.rejectsTransaction = db.transaction((rejects: readonly RejectInput[]) => {
      for (const reject of rejects) this.insertReject(reject);
      this.write.pruneRejects.run(MAX_STORED_REJECTS);
    });
  }

  ingestBatch(batch: IngestBatch): IngestOutcome {
    const stream = requireText(batch.stream, 'batch.stream');
    const epoch = requireText(batch.epoch, 'batch.epoch');
    const lastSeq = requireSeq(batch.lastSeq, 'batch.lastSeq');
    this.failing = { seq: null, index: null };
    try {
      const outcome = this.ingestTransaction.immediate(batch, stream, epoch, lastSeq);
      this.writeSucceeded();
      return outcome;
    } catch (error) {
      throw this.batchError(stream, error);
    }
  }

  writeFault(): CacheWriteFault | null {
    return this.fault;
  }

  clearedWriteFault(): CacheWriteFault | null {
    return this.cleared;
  }

  private writeSucceeded(): void {
    if (this.fault === null) return;
    this.cleared = this.fault;
    this.fault = null;
  }

  /** Names the path and cause of a storage failure, and keeps it as the standing write fault. */
  private explainWriteError(error: unknown): unknown {
    if (this.path === ':memory:') return error;
    const explained = explainStorageError(error, this.path, 'write to');
    if (explained instanceof StorageUnavailableError) {
      this.fault = this.fault?.code === explained.code && this.fault.path === explained.path ? this.fault : writeFaultOf(explained, this.now());
    }
    return explained;
  }

  private ingestInTransaction(batch: IngestBatch, stream: string, epoch: string, lastSeq: number): IngestOutcome {
    const eventLog = this.eventLog;
    const failing = this.failing;
    let inserted = 0;
    let duplicates = 0;
    const events = batch.events;
    const messagesBefore = this.write.lastMessageId.get() ?? 0;
    const identity = this.identityEpoch(stream, epoch);
    const log = eventLog.logId(stream, epoch);
    eventLog.begin();
    this.rejectsWritten = 0;
    for (let index = 0; index < events.length; index += 1) {
      const event = events[index] as FloorEvent;
      failing.index = index;
      failing.seq = seqOf(event);
      if (!eventLog.isNew(log, event.seq)) {
        duplicates += 1;
        continue;
      }
      inserted += 1;
      this.projector.apply(event, stream, identity);
      if (event.type === 'conversation.message') eventLog.logMessage(log, event, this.projector.takeWrittenMessage());
      else eventLog.logEvent(log, event);
    }
    eventLog.flush();
    failing.index = null;
    for (const unknown of batch.unknownEvents ?? []) {
      failing.seq = unknown.seq;
      if (eventLog.isNew(log, unknown.seq)) {
        eventLog.logRaw(log, unknown);
        inserted += 1;
      } else duplicates += 1;
    }
    failing.seq = null;
    for (const reject of batch.rejects ?? []) this.insertReject(reject);
    this.write.indexMessages.run(messagesBefore);
    this.rollups.flush();
    if (this.rejectsWritten > 0) this.write.pruneRejects.run(MAX_STORED_REJECTS);
    this.write.advanceStream.run(stream, epoch, lastSeq, this.now());
    return { inserted, duplicates };
  }

  /**
   * The epoch whose conversations a batch's events speak of. The live stream's own; a history
   * backfill describes the past of the feed the live stream comes from, so it takes the live
   * epoch ('' before there is one: its rows are adopted by the first live epoch).
   */
  private identityEpoch(stream: string, epoch: string): string {
    if (stream === LIVE_STREAM) return epoch;
    return this.read.streamPosition.get(LIVE_STREAM)?.epoch ?? '';
  }

  private batchError(stream: string, failure: unknown): IngestBatchError {
    this.rollups.discard();
    this.projector.discard();
    this.eventLog.forget();
    const error = this.explainWriteError(failure);
    const { seq, index } = this.failing;
    this.failing = { seq: null, index: null };
    return new IngestBatchError(stream, seq, index, (seq !== null || index !== null) && isContentError(error), error);
  }

  recordRejects(rejects: readonly RejectInput[]): void {
    if (rejects.length === 0) return;
    try {
      this.rejectsTransaction.immediate(rejects);
    } catch (error) {
      throw this.explainWriteError(error);
    }
    this.writeSucceeded();
  }

  private insertReject(reject: RejectInput): void {
    this.rejectsWritten += 1;
    this.write.reject.run(
      this.now(),
      String(reject.reason).slice(0, REASON_LENGTH),
      String(reject.detail).slice(0, DETAIL_LENGTH),
      reject.stream ?? null,
      Number.isSafeInteger(reject.seq) ? (reject.seq as number) : null,
      reject.excerpt === undefined ? null : String(reject.excerpt).slice(0, EXCERPT_LENGTH),
    );
  }

  applySnapshot(snapshot: SnapshotInput): void {
    const stream = requireText(snapshot.stream, 'snapshot.stream');
    const epoch = requireText(snapshot.epoch, 'snapshot.epoch');
    const seq = requireSeq(snapshot.seq, 'snapshot.seq');
    this.failing = { seq: null, index: null };
    try {
      this.snapshotTransaction.immediate(snapshot, stream, epoch, seq);
      this.writeSucceeded();
    } catch (error) {
      throw this.batchError(stream, error);
    }
  }

  private snapshotInTransaction(snapshot: SnapshotInput, stream: string, epoch: string, seq: number): void {
    const failing = this.failing;
    const messagesBefore = this.write.lastMessageId.get() ?? 0;
    const identity = this.identityEpoch(stream, epoch);
    snapshot.events.forEach((event, index) => {
      failing.index = index;
      failing.seq = seqOf(event);
      this.projector.apply(event, stream, identity);
    });
    failing.seq = null;
    failing.index = null;
    this.write.indexMessages.run(messagesBefore);
    this.rollups.flush();
    this.write.setStream.run(stream, epoch, seq, this.now());
    this.write.dropStaleCheckpoint.run(stream, epoch);
  }

  /** Prepared on first read, so a store opened at an older schema (tests) still opens. */
  private get read(): ReturnType<typeof prepareReads> {
    this.preparedReads ??= prepareReads(this.database);
    return this.preparedReads;
  }

  repository<Repository>(build: (connection: StoreConnection) => Repository): Repository {
    return build(this.database);
  }

  pruneConversation(conversationId: string): number {
    // Prepared on first use: a store opened at a schema older than migration 230 (tests) has no message_rows.
    this.pruneMessages ??= this.database.prepare<[string]>(
      'DELETE FROM message_rows WHERE conversation = (SELECT conversation_key FROM conversations WHERE conversation_id = ?)',
    );
    const messages = this.pruneMessages.run(conversationId).changes;
    this.write.pruneSurvey.run(conversationId);
    // A later event about this id is then an orphan, not an update of a row that is gone.
    this.projector.forgetConversation(conversationId);
    return messages + this.write.pruneConversation.run(conversationId).changes;
  }

  pruneEvents(stream: string, epoch: string, belowSeq: number, before: number, limit: number): number {
    return this.eventLog.prune(stream, epoch, belowSeq, before, limit);
  }

  streamPosition(stream: string): StoredStreamPosition | null {
    return this.read.streamPosition.get(stream) ?? null;
  }

  readEvents(stream: string, afterSeq: number, limit: number): FloorEvent[] {
    const bodies = this.read.eventsAfter.all({ stream, afterSeq, types: KNOWN_TYPES_JSON, limit: boundedLimit(limit, READ_LIMITS.events) });
    return parseEventBodies(bodies);
  }

  readEventKeys(stream: string): EventKey[] {
    return this.read.eventKeys.all({ stream }).map(([seq, type, time]) => ({ seq, type, time }));
  }

  countEvents(stream: string): number {
    return this.read.eventCount.get({ stream }) ?? 0;
  }

  listQueues(): QueueSummary[] {
    return this.read.queues.all();
  }

  recentRejects(limit: number): StoredReject[] {
    return this.read.recentRejects.all(boundedLimit(limit, READ_LIMITS.rejects));
  }

  rejectCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const row of this.read.rejectCounts.all()) counts[row.reason] = row.count;
    return counts;
  }

  recentConversations(query: RecentConversationsQuery): ConversationRow[] {
    const limit = boundedLimit(query.limit, READ_LIMITS.conversations);
    const scope = query.queueScope.queues;
    if (query.queueId !== undefined) {
      if (scope !== null && !scope.includes(query.queueId)) return [];
      return this.read.conversationsOfQueue.all(query.queueId, limit);
    }
    if (scope === null) return this.read.conversationsAll.all(limit);
    if (scope.length === 0) return [];
    return this.read.conversationsInScope.all(JSON.stringify(scope), limit);
  }

  conversationMessages(conversationId: string, limit: number, after?: { readonly time: number; readonly id: number }): MessageRow[] {
    const rows = this.read.messagesOfConversation.all(
      conversationId,
      after?.time ?? Number.MIN_SAFE_INTEGER,
      after?.id ?? 0,
      boundedLimit(limit, READ_LIMITS.messages),
    );
    return rows.map(toMessageRow);
  }

  searchMessages(query: MessageSearchQuery): MessageRow[] {
    const match = ftsQueryForWords(query.text);
    if (match === null) return [];
    const limit = boundedLimit(query.limit, READ_LIMITS.search);
    const beforeId = query.beforeId ?? Number.MAX_SAFE_INTEGER;
    const scope = query.queueScope.queues;
    if (scope === null) return this.read.searchMessages.all(match, beforeId, limit).map(toMessageRow);
    if (scope.length === 0) return [];
    return this.read.searchMessagesInScope.all(match, beforeId, JSON.stringify(scope), limit).map(toMessageRow);
  }

  readRollups(queueId: string, from: number, to: number): RollupRow[] {
    return this.read.rollups.all(queueId, from, to);
  }

  surveysByAgent(queueId: string, from: number, to: number): AgentSurveyCounts[] {
    return this.read.surveysByAgent.all(queueId, from, to);
  }

  saveCheckpoint(stream: string, seq: number, time: number, stateJson: string): void {
    const epoch = this.streamPosition(stream)?.epoch ?? '';
    try {
      this.write.checkpoint.run(stream, epoch, requireSeq(seq, 'checkpoint seq'), time, stateJson, this.now());
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_CHECK') {
        throw new TypeError(`Checkpoint state for stream ${stream} is not valid JSON`, { cause: error });
      }
      throw error;
    }
  }

  loadCheckpoint(stream: string): Checkpoint | null {
    return this.read.checkpoint.get(stream) ?? null;
  }

  getSetting<T = unknown>(key: string): T | undefined {
    const value = this.read.setting.get(key);
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  setSetting(key: string, value: unknown): void {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`Setting ${key} cannot be stored: its value is not JSON`);
    this.write.setting.run(requireText(key, 'setting key'), text);
  }

  integrityCheck(): string {
    return (this.database.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map((row) => row.integrity_check).join('\n');
  }

  emptyWal(): boolean {
    return emptyWal(this.database);
  }

  startBackgroundCheck(check: BackgroundCheck): void {
    this.backgroundCheck = check.result;
    this.stopBackgroundCheck = () => check.stop();
  }

  close(): void {
    if (!this.database.open) return;
    // A check still reading a large file is ended, not awaited: the next start checks again.
    timedStep('close', 'integrity check stopped', () => this.stopBackgroundCheck());
    try {
      // Statistics from a sample (at most this many rows an index), so the close never scans a large table.
      this.database.pragma(`analysis_limit = ${CLOSE_ANALYSIS_LIMIT}`);
      timedStep('close', 'store optimized', () => this.database.pragma('optimize'));
    } catch {
      // A damaged file (found by the background check) still has to close.
    }
    timedStep('close', 'store connection closed', () => this.database.close());
  }
}
