/**
 * Retention of the cache: conversations (with their messages, full-text rows, surveys, figures and
 * notes) older than N days, and raw log events older than M days (M ≤ N, default 7: only replay
 * and resume read them), are deleted in the background, in small transactions between which the
 * event loop runs, so the console never stalls on a prune. Rollups are kept: they are small and
 * hold the long-range history dashboards (docs/decisions/0042-a-small-cache.md).
 */
import type { QueueScope } from '../queue-scope.js';
import type { StoreConnection } from '../store/connection.js';
import { statSync } from 'node:fs';
import type { CacheInfo } from '../../../src-shared/api/history.js';
import { HISTORY_STREAM, LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import type { Store } from '../store/store.js';
import { eventTimeAtSql, logOf } from '../store/event-runs.js';

export const DEFAULT_RETENTION_DAYS = 90;
export const RETENTION_SETTING = 'history.retentionDays';
export const LAST_PRUNED_SETTING = 'history.lastPrunedAt';
/**
 * Days of the raw event log kept: replay and resume after a restart read it, every view reads the
 * projections. Seven days at ~20 events a conversation is most of a cache's size otherwise.
 */
export const DEFAULT_EVENT_LOG_DAYS = 7;
export const EVENT_LOG_SETTING = 'history.eventLogDays';
const DAY_MS = 86_400_000;
/** Rows deleted per transaction (a conversation counts its messages). */
const ROWS_PER_SLICE = 2_000;
/** A slice also ends after this long, whatever it deleted. */
const SLICE_BUDGET_MS = 15;

export interface RetentionOptions {
  readonly store: Store;
  readonly dbPath: string;
  /** Floor time: ages of cached data are measured on the floor's clock. */
  readonly now: () => number;
  /** Monotonic milliseconds for slice budgets. */
  readonly clock?: () => number;
  /** The last event heard from the feed, when the feed client knows it. */
  readonly lastEventAt?: () => number | null;
  /** Called after a prune removed conversations (caches that remember conversations must forget). */
  readonly onPruned?: (conversations: number) => void;
}

interface PruneState {
  readonly cutoff: number;
  /** Events older than this go (never before `cutoff`'s conversations' events: it is at least as late). */
  readonly eventCutoff: number;
  conversations: number;
  events: number;
  /** (stream, epoch) pairs still to prune, with the seq below which events are old. */
  logs: { stream: string; epoch: string; belowSeq: number }[] | null;
}

/**
 * The cache strip's bounds, asked every few seconds while the Conversation Manager is open. Each
 * bound is its own subquery: SQLite reads one end of an index for a lone min() or max(), and
 * walks the whole index for both in one SELECT (seconds on a million-conversation cache, on the
 * core's thread). A scoped session's span is read one queue at a time, each bound one end of the
 * queue's part of conversations_by_queue_created.
 */
export const CACHE_INFO_SQL = {
  messageIdRange: 'SELECT (SELECT min(id) FROM message_rows) AS low, (SELECT max(id) FROM message_rows) AS high',
  createdRange: 'SELECT (SELECT min(created_at) FROM conversations) AS oldest, (SELECT max(created_at) FROM conversations) AS newest',
  queueRange: `SELECT (SELECT min(created_at) FROM conversations WHERE queue_id = ?) AS oldest,
                      (SELECT max(created_at) FROM conversations WHERE queue_id = ?) AS newest`,
  // Kept by triggers like the whole cache's count (store migration 280): one row a queue.
  queueConversations: 'SELECT conversations FROM queue_conversation_counts WHERE queue_id = ?',
} as const;

export class RetentionService {
  private readonly db: StoreConnection;
  private readonly clock: () => number;
  private readonly statements;
  private running: PruneState | null = null;
  private again = false;
  private closed = false;
  private readonly idleListeners = new Set<() => void>();

  constructor(private readonly options: RetentionOptions) {
    this.db = options.store.repository((connection) => connection);
    this.clock = options.clock ?? (() => performance.now());
    const db = this.db;
    this.statements = {
      oldConversations: db.prepare<[number, number], { conversationId: string }>(
        `SELECT conversation_id AS conversationId FROM conversations
         WHERE created_at < ? AND (state = 'ended' OR state = 'abandoned') ORDER BY created_at LIMIT ?`,
      ),
      deleteMetrics: db.prepare<[string]>('DELETE FROM history_facts WHERE conversation_id = ?'),
      // Before the conversation row goes: its identifiers name the keys to delete.
      deleteCustomerKeys: db.prepare<[{ id: string }]>(
        `DELETE FROM history_customer_keys WHERE conversation_id = @id AND key IN (
           SELECT lower(value) FROM (SELECT customer_id AS value FROM conversations WHERE conversation_id = @id
             UNION ALL SELECT customer_email FROM conversations WHERE conversation_id = @id
             UNION ALL SELECT customer_phone FROM conversations WHERE conversation_id = @id
             UNION ALL SELECT customer_name FROM conversations WHERE conversation_id = @id) WHERE value IS NOT NULL)`,
      ),
      deleteNotes: db.prepare<[string]>('DELETE FROM history_notes WHERE conversation_id = ?'),
      // The compact log's (stream, epoch) numbering (store migration 200): a short table.
      logs: db.prepare<[], { log: number; stream: string; epoch: string }>('SELECT log, stream, epoch FROM event_logs ORDER BY stream, epoch'),
      seqBounds: db.prepare<[number, number], { low: number | null; high: number | null }>(
        `SELECT (SELECT seq FROM event_log WHERE log = ? ORDER BY seq LIMIT 1) AS low,
                (SELECT seq + run - 1 FROM event_log WHERE log = ? ORDER BY seq DESC LIMIT 1) AS high`,
      ),
      timeAtOrAfter: db.prepare<[number, number], { seq: number; time: number }>(
        'SELECT seq, time FROM event_log WHERE log = ? AND seq >= ? ORDER BY seq LIMIT 1',
      ),
      currentEpoch: db.prepare<[string], string>('SELECT epoch FROM streams WHERE stream = ?').pluck(),
      checkpointSeq: db.prepare<[string, string], number>('SELECT seq FROM checkpoints WHERE stream = ? AND epoch = ?').pluck(),
      // Kept by triggers on every insert and delete (store migration 60): exact at any moment.
      conversationCount: db.prepare<[], number>('SELECT conversations FROM conversation_count WHERE only = 1').pluck(),
      messageIdRange: db.prepare<[], { low: number | null; high: number | null }>(CACHE_INFO_SQL.messageIdRange),
      createdRange: db.prepare<[], { oldest: number | null; newest: number | null }>(CACHE_INFO_SQL.createdRange),
      queueRange: db.prepare<[string, string], { oldest: number | null; newest: number | null }>(CACHE_INFO_SQL.queueRange),
      queueConversations: db.prepare<[string], number>(CACHE_INFO_SQL.queueConversations).pluck(),
      // The log's rows are runs (store migration 290): the event is found on the primary key.
      lastStored: db
        .prepare<[{ stream: string }], number | null>(
          `SELECT ${eventTimeAtSql(logOf(':stream', '(SELECT epoch FROM streams WHERE stream = :stream)'), '(SELECT last_seq FROM streams WHERE stream = :stream)')}`,
        )
        .pluck(),
    };
  }

  days(): number {
    const value = this.options.store.getSetting<unknown>(RETENTION_SETTING);
    return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : DEFAULT_RETENTION_DAYS;
  }

  /** Days of raw events kept: the setting, or the default, never more than days(). */
  eventLogDays(): number {
    const value = this.options.store.getSetting<unknown>(EVENT_LOG_SETTING);
    const days = typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : DEFAULT_EVENT_LOG_DAYS;
    return Math.min(days, this.days());
  }

  /** Stores the settings (the event log's when given) and prunes to them at once, in the background. */
  setDays(days: number, eventLogDays?: number): void {
    this.options.store.setSetting(RETENTION_SETTING, days);
    if (eventLogDays !== undefined) this.options.store.setSetting(EVENT_LOG_SETTING, eventLogDays);
    this.prune();
  }

  /** True while a prune runs. */
  get pruning(): boolean {
    return this.running !== null;
  }

  /** Resolves when no prune is running (tests, shutdown). */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleListeners.add(resolve));
  }

  /** Starts a background prune to the current setting; a prune already running runs again after. */
  prune(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const now = this.options.now();
    this.running = { cutoff: now - this.days() * DAY_MS, eventCutoff: now - this.eventLogDays() * DAY_MS, conversations: 0, events: 0, logs: null };
    setImmediate(() => this.slice());
  }

  close(): void {
    this.closed = true;
  }

  /**
   * What the cache holds, as far as the scope may know: a scoped session counts only its queues'
   * conversations (scopedInfo). The conversation counts are exact at any moment: the store keeps
   * the whole cache's and each queue's in tables that triggers move on every write, so neither a
   * large cache nor a write in progress makes it wrong. Messages are estimated from the id range
   * (an upper bound once a prune has left gaps), and the console says so. The file's size and the
   * retention setting are the cache's own.
   */
  info(scope: QueueScope): CacheInfo {
    if (scope.queues !== null) return this.scopedInfo(scope.queues);
    const ids = this.statements.messageIdRange.get() ?? { low: null, high: null };
    const range = this.statements.createdRange.get() ?? { oldest: null, newest: null };
    const messages = ids.low === null || ids.high === null ? 0 : ids.high - ids.low + 1;
    const lastPrunedAt = this.options.store.getSetting<unknown>(LAST_PRUNED_SETTING);
    return {
      conversations: this.statements.conversationCount.get() ?? 0,
      messages,
      oldest: range.oldest,
      newest: range.newest,
      lastEventAt: this.options.lastEventAt?.() ?? this.lastStoredEventAt(),
      sizeBytes: this.sizeBytes(),
      retentionDays: this.days(),
      eventLogDays: this.eventLogDays(),
      lastPrunedAt: typeof lastPrunedAt === 'number' ? lastPrunedAt : null,
    };
  }

  /**
   * A scope's conversations (a row a queue) and their span. Its messages are not counted: the count walks every
   * message of the scope's queues (about two seconds for half of a million-conversation cache) on
   * the core's thread, and only the whole cache's retention panel, which a scoped session never
   * has, shows one.
   */
  private scopedInfo(queues: readonly string[]): CacheInfo {
    let conversations = 0;
    let oldest: number | null = null;
    let newest: number | null = null;
    for (const queue of new Set(queues)) {
      conversations += this.statements.queueConversations.get(queue) ?? 0;
      const range = this.statements.queueRange.get(queue, queue);
      if (range?.oldest != null && (oldest === null || range.oldest < oldest)) oldest = range.oldest;
      if (range?.newest != null && (newest === null || range.newest > newest)) newest = range.newest;
    }
    const lastPrunedAt = this.options.store.getSetting<unknown>(LAST_PRUNED_SETTING);
    return {
      conversations,
      messages: null,
      oldest,
      newest,
      lastEventAt: this.options.lastEventAt?.() ?? this.lastStoredEventAt(),
      sizeBytes: this.sizeBytes(),
      retentionDays: this.days(),
      eventLogDays: this.eventLogDays(),
      lastPrunedAt: typeof lastPrunedAt === 'number' ? lastPrunedAt : null,
    };
  }

  private lastStoredEventAt(): number | null {
    let latest: number | null = null;
    for (const stream of [LIVE_STREAM, HISTORY_STREAM]) {
      const time = this.statements.lastStored.get({ stream }) ?? null;
      if (time !== null && (latest === null || time > latest)) latest = time;
    }
    return latest;
  }

  private sizeBytes(): number {
    let total = 0;
    for (const suffix of ['', '-wal']) {
      try {
        total += statSync(this.options.dbPath + suffix).size;
      } catch {
        // In memory, or no WAL right now.
      }
    }
    return total;
  }

  private slice(): void {
    const state = this.running;
    if (!state || this.closed || !this.db.open) {
      this.settle();
      return;
    }
    const started = this.clock();
    let finished = false;
    try {
      finished = this.db.transaction(() => this.pruneSome(state, started)).immediate();
    } catch (error) {
      console.error('[history] pruning the cache failed:', error);
      finished = true;
    }
    if (!finished) {
      setImmediate(() => this.slice());
      return;
    }
    if (state.conversations > 0) this.options.onPruned?.(state.conversations);
    if (this.db.open) this.options.store.setSetting(LAST_PRUNED_SETTING, this.options.now());
    this.settle();
  }

  private settle(): void {
    this.running = null;
    if (this.again && !this.closed) {
      this.again = false;
      this.prune();
      return;
    }
    for (const listener of this.idleListeners) listener();
    this.idleListeners.clear();
  }

  /** One transaction's worth of deletes; true when nothing old is left. */
  private pruneSome(state: PruneState, started: number): boolean {
    let rows = 0;
    const overBudget = (): boolean => rows >= ROWS_PER_SLICE || this.clock() - started >= SLICE_BUDGET_MS;
    while (!overBudget()) {
      const batch = this.statements.oldConversations.all(state.cutoff, 20);
      if (batch.length === 0) break;
      for (const { conversationId } of batch) {
        // The history's own rows first: the customer keys are found through the conversation row.
        this.statements.deleteCustomerKeys.run({ id: conversationId });
        this.statements.deleteMetrics.run(conversationId);
        this.statements.deleteNotes.run(conversationId);
        rows += this.options.store.pruneConversation(conversationId);
        state.conversations += 1;
      }
    }
    if (overBudget()) return false;
    if (state.logs === null) state.logs = this.oldLogs(state.eventCutoff);
    while (state.logs.length > 0 && !overBudget()) {
      const log = state.logs[0];
      if (!log) break;
      const deleted = this.options.store.pruneEvents(log.stream, log.epoch, log.belowSeq, state.eventCutoff, ROWS_PER_SLICE - rows);
      rows += deleted;
      state.events += deleted;
      if (deleted === 0) state.logs.shift();
    }
    return state.logs.length === 0;
  }

  /**
   * Each (stream, epoch) of the log, with the first seq whose event is recent. Seqs grow with time
   * within a stream, so a binary search on seq finds it with a few index lookups instead of a scan
   * of the whole log. The live stream never loses events its checkpoint has not covered: they
   * rebuild the live state at the next start.
   */
  private oldLogs(cutoff: number): { stream: string; epoch: string; belowSeq: number }[] {
    const logs: { stream: string; epoch: string; belowSeq: number }[] = [];
    for (const next of this.statements.logs.all()) {
      const bounds = this.statements.seqBounds.get(next.log, next.log);
      if (!bounds || bounds.low === null || bounds.high === null) continue;
      let low = bounds.low;
      let high = bounds.high + 1;
      while (low < high) {
        const middle = Math.floor((low + high) / 2);
        const found = this.statements.timeAtOrAfter.get(next.log, middle);
        if (!found) {
          high = middle;
          continue;
        }
        if (found.time < cutoff) low = found.seq + 1;
        else high = middle;
      }
      let belowSeq = low;
      if (next.stream === LIVE_STREAM && this.statements.currentEpoch.get(next.stream) === next.epoch) {
        const checkpointSeq = this.statements.checkpointSeq.get(next.stream, next.epoch);
        belowSeq = checkpointSeq === undefined ? bounds.low : Math.min(belowSeq, checkpointSeq + 1);
      }
      if (belowSeq > bounds.low) logs.push({ stream: next.stream, epoch: next.epoch, belowSeq });
    }
    return logs;
  }
}
