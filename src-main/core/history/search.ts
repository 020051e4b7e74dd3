/**
 * history.search: full-text search of message text (FTS5) and filters on conversation metadata,
 * performance figures and customer identifiers, sorted and paged, always inside the session's
 * queue scope. SQL is built from the filters with bound parameters only; statements are cached.
 * Searches cover finished conversations, through their row in history_facts (open ones are Live
 * Insights' business and join the search seconds after they end).
 *
 * Counts are exact up to a cap, then "at least" (totalCapped), so no query counts millions of
 * rows; a text search looks at the newest matching messages up to a bound (docs/decisions/0008).
 */
import { messagesReadable, type QueueScope } from '../queue-scope.js';
import type { StoreConnection, StoreStatement } from '../store/connection.js';
import type { ConversationTableRow } from '../store/types.js';
import type { HistoryCountMode, HistoryFilters, HistoryPage, HistoryRow, HistorySearch, HistorySortColumn } from '../../../src-shared/api/history.js';
import { assertNever, fail, ok, type Result } from '../../../src-shared/result.js';
import { MetricsWriter } from './metrics.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { expandPrefixes, PrefixTerms } from './search-prefix.js';

export interface SearchLimits {
  /** Filter-only queries count matching conversations exactly up to this many. */
  readonly countCap: number;
  /** Text searches count matching conversations exactly up to this many. */
  readonly textCountCap: number;
  /** Matching messages a text search looks at, newest first, before it settles for "at least". */
  readonly textScanLimit: number;
  /**
   * A range filter matching at most this many conversations is read through its index (then
   * filtered and sorted); a wider one is left to the planner, which walks an index in the page's
   * order and stops at the page (docs/decisions/0060-range-filters-through-an-index.md).
   */
  readonly narrowRangeRows: number;
}

export const DEFAULT_SEARCH_LIMITS: SearchLimits = { countCap: 2_000, textCountCap: 1_000, textScanLimit: 40_000, narrowRangeRows: 5_000 };

const TEXT_CHUNK = 2_000;
const INLINE_LIST_MAX = 16;
const SNIPPET_TOKENS = 12;
const STATEMENT_CACHE_SIZE = 200;
const HIGHEST_CHARACTER = '\u{10FFFF}';

/** Columns of a result row; the figures come from history_facts when computed, else from the messages. */
const ROW_COLUMNS = `c.conversation_id AS conversationId, c.queue_id AS queueId, COALESCE(q.name, c.queue_id) AS queueName,
  c.channel AS channel, c.intent AS intent, c.agent_id AS agentId, a.name AS agentName,
  c.customer_id AS customerId, c.customer_name AS customerName, c.customer_email AS customerEmail, c.customer_phone AS customerPhone,
  c.created_at AS createdAt, COALESCE(c.ended_at, c.abandoned_at) AS endedAt, c.state AS state, c.disposition AS disposition,
  c.csat AS csat, f.conversation_id IS NOT NULL AS hasFigures, f.handle_ms AS handleMs, f.wait_ms AS waitMs,
  f.first_response_ms AS firstResponseMs, f.avg_response_ms AS avgResponseMs, f.message_count AS messageCount`;

const ROW_JOINS = `LEFT JOIN queues AS q ON q.queue_id = c.queue_id
  LEFT JOIN agents AS a ON a.agent_id = c.agent_id
  LEFT JOIN history_facts AS f ON f.conversation_id = c.conversation_id`;

/** A result row: the conversation's own columns, its queue's and agent's names, and its figures. */
export interface RowRecord
  extends Pick<
    ConversationTableRow,
    'conversationId' | 'queueId' | 'channel' | 'intent' | 'agentId' | 'customerId' | 'customerName' | 'customerEmail' | 'customerPhone' | 'createdAt' | 'disposition' | 'csat'
  > {
  readonly queueName: string;
  readonly agentName: string | null;
  /** The end or the abandonment, whichever happened. */
  readonly endedAt: number | null;
  readonly state: HistoryRow['state'];
  readonly hasFigures: number;
  readonly handleMs: number | null;
  readonly waitMs: number | null;
  readonly firstResponseMs: number | null;
  readonly avgResponseMs: number | null;
  readonly messageCount: number | null;
}

/** The SELECT ... FROM ... of one result row, for other history modules (transcript, export). */
export const ROW_SELECT = `SELECT ${ROW_COLUMNS} FROM conversations AS c ${ROW_JOINS}`;

function seconds(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 100) / 10;
}

/** Turns a stored row into the contract's HistoryRow, computing missing figures from the messages. */
export function toHistoryRow(record: RowRecord, metrics: MetricsWriter, snippet: string | null = null): HistoryRow {
  const figures =
    record.hasFigures === 1
      ? {
          handleMs: record.handleMs,
          waitMs: record.waitMs,
          firstResponseMs: record.firstResponseMs,
          avgResponseMs: record.avgResponseMs,
          messageCount: record.messageCount ?? 0,
        }
      : (metrics.figuresOf(record.conversationId) ?? { handleMs: null, waitMs: null, firstResponseMs: null, avgResponseMs: null, messageCount: 0 });
  const customer =
    record.customerId === ''
      ? null
      : {
          customerId: record.customerId,
          ...(record.customerName === null ? {} : { name: record.customerName }),
          ...(record.customerEmail === null ? {} : { email: record.customerEmail }),
          ...(record.customerPhone === null ? {} : { phone: record.customerPhone }),
        };
  return {
    conversationId: record.conversationId,
    queueId: record.queueId,
    queueName: record.queueName,
    channel: record.channel,
    intent: record.intent,
    agentId: record.agentId,
    agentName: record.agentName ?? record.agentId,
    customer,
    createdAt: record.createdAt,
    endedAt: record.endedAt,
    state: record.state,
    disposition: record.disposition,
    handleTimeSec: seconds(figures.handleMs),
    waitSec: seconds(figures.waitMs),
    firstResponseSec: seconds(figures.firstResponseMs),
    avgResponseSec: seconds(figures.avgResponseMs),
    csat: record.csat,
    messageCount: figures.messageCount,
    snippet,
  };
}

/** Clauses over history_facts (alias f) and their named parameters. */
interface Where {
  readonly clauses: string[];
  readonly params: Record<string, unknown>;
  /** The range filters on indexed figures, each with the clauses and parameters of its own bounds. */
  readonly ranges: RangeFilter[];
}

interface RangeFilter {
  readonly index: string;
  readonly clauses: string[];
  readonly params: Record<string, unknown>;
}

/** Each range-filtered figure: its column and the index over it (history migration 330). */
const RANGE_COLUMNS = {
  handleTimeSec: { column: 'f.handle_ms', index: 'history_facts_by_handle' },
  waitSec: { column: 'f.wait_ms', index: 'history_facts_by_wait' },
  firstResponseSec: { column: 'f.first_response_ms', index: 'history_facts_by_first_response' },
  avgResponseSec: { column: 'f.avg_response_ms', index: 'history_facts_by_avg_response' },
} as const;

function sortExpression(column: HistorySortColumn): string {
  switch (column) {
    case 'createdAt':
      return 'f.created_at';
    case 'handleTimeSec':
      return 'f.handle_ms';
    case 'waitSec':
      return 'f.wait_ms';
    case 'firstResponseSec':
      return 'f.first_response_ms';
    case 'avgResponseSec':
      return 'f.avg_response_ms';
    case 'csat':
      return 'f.csat';
    case 'queue':
      return 'COALESCE(q.name, f.queue_id)';
    case 'agent':
      return 'COALESCE(a.name, f.agent_id)';
    default:
      return assertNever(column, 'sort column');
  }
}

/** ORDER BY of a search: the column, empty values last whatever the direction, then newest first. */
function orderBy(sort: HistorySearch['sort']): string {
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
  if (sort.column === 'createdAt') return `f.created_at ${direction}, f.conversation_id ${direction}`;
  const expression = sortExpression(sort.column);
  return `(${expression} IS NULL), ${expression} ${direction}, f.created_at DESC, f.conversation_id DESC`;
}

/** Joins a sort needs beside history_facts: names for the queue and agent sorts. */
function sortJoins(column: HistorySortColumn): string {
  if (column === 'queue') return 'LEFT JOIN queues AS q ON q.queue_id = f.queue_id';
  if (column === 'agent') return 'LEFT JOIN agents AS a ON a.agent_id = f.agent_id';
  return '';
}

/**
 * The queues a search may look at: those asked for, within the session's scope. Null means
 * every queue; an empty list means nothing can match.
 */
export function effectiveQueues(filterQueues: readonly string[] | undefined, scope: readonly string[] | null): readonly string[] | null {
  if (filterQueues === undefined || filterQueues.length === 0) return scope;
  if (scope === null) return filterQueues;
  const allowed = new Set(scope);
  return filterQueues.filter((queueId) => allowed.has(queueId));
}

/** WHERE clauses of every filter except the text; `queues` is already intersected with the scope. */
function buildWhere(filters: HistoryFilters, queues: readonly string[] | null): Where {
  const where: Where = { clauses: [], params: {}, ranges: [] };
  const list = (name: string, values: readonly string[], column: string): void => {
    // A short list is spelt out, so the planner knows its size and can walk the queue or agent
    // index (newest first, already in order) instead of scanning every row.
    if (values.length <= INLINE_LIST_MAX) {
      const names = values.map((value, index) => {
        where.params[`${name}${index}`] = value;
        return `@${name}${index}`;
      });
      where.clauses.push(names.length === 0 ? '0' : `${column} IN (${names.join(', ')})`);
      return;
    }
    where.params[name] = JSON.stringify(values);
    where.clauses.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
  };
  if (queues !== null) list('queues', queues, 'f.queue_id');
  if (filters.agentIds?.length) list('agents', filters.agentIds, 'f.agent_id');
  if (filters.teamIds?.length) list('teams', filters.teamIds, 'f.team_id');
  if (filters.channels?.length) list('channels', filters.channels, 'f.channel');
  if (filters.intents?.length) list('intents', filters.intents, 'f.intent');
  if (filters.dispositions?.length) list('dispositions', filters.dispositions, 'f.disposition');
  if (filters.createdAt?.min !== undefined) {
    where.params.createdFrom = filters.createdAt.min;
    where.clauses.push('f.created_at >= @createdFrom');
  }
  if (filters.createdAt?.max !== undefined) {
    where.params.createdTo = filters.createdAt.max;
    where.clauses.push('f.created_at <= @createdTo');
  }
  for (const key of ['handleTimeSec', 'waitSec', 'firstResponseSec', 'avgResponseSec'] as const) {
    const range = filters[key];
    if (!range) continue;
    const { column, index } = RANGE_COLUMNS[key];
    const own: RangeFilter = { index, clauses: [], params: {} };
    if (range.min !== undefined) {
      own.params[`${key}Min`] = Math.round(range.min * 1000);
      own.clauses.push(`${column} >= @${key}Min`);
    }
    if (range.max !== undefined) {
      own.params[`${key}Max`] = Math.round(range.max * 1000);
      own.clauses.push(`${column} <= @${key}Max`);
    }
    if (own.clauses.length === 0) continue;
    Object.assign(where.params, own.params);
    where.clauses.push(...own.clauses);
    where.ranges.push(own);
  }
  if (filters.csat?.min !== undefined) {
    where.params.csatMin = filters.csat.min;
    where.clauses.push('f.csat >= @csatMin');
  }
  if (filters.csat?.max !== undefined) {
    where.params.csatMax = filters.csat.max;
    where.clauses.push('f.csat <= @csatMax');
  }
  if (filters.resolved !== undefined) {
    // "Not resolved" follows the resolution rate's denominator: dispositioned, but not resolved.
    where.clauses.push(filters.resolved ? "f.disposition = 'resolved'" : "f.disposition IS NOT NULL AND f.disposition <> 'resolved'");
  }
  if (filters.customer !== undefined) {
    // Keys are stored lower-cased (ASCII, like SQLite's lower()); an exact match falls inside the prefix range.
    const term = asciiLower(filters.customer);
    where.params.customer = term;
    where.params.customerEnd = term + HIGHEST_CHARACTER;
    where.clauses.push('f.conversation_id IN (SELECT conversation_id FROM history_customer_keys WHERE key >= @customer AND key < @customerEnd)');
  }
  return where;
}

/** Lower-cases A–Z only, exactly as SQLite's lower() does without ICU. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/gu, (letter) => letter.toLowerCase());
}

function whereSql(where: Where): string {
  return where.clauses.length === 0 ? '' : `WHERE ${where.clauses.join(' AND ')}`;
}

/** Whether an SQLite error is FTS5 refusing the query text (as opposed to a real failure). */
export function isSearchSyntaxError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /^fts5: |unterminated string|no such column|malformed MATCH|unknown special query/u.test(message);
}

function syntaxMessage(error: unknown): string {
  const detail = (errorMessage(error)).replace(/^fts5: /u, '');
  return `Search syntax: ${detail}. Put words in double quotes to search for them literally (e.g. "AND" or "NEAR(").`;
}

interface Candidate {
  readonly conversationId: string;
  readonly createdAt: number;
  readonly sortValue: number | string | null;
  /** The newest matching message, for the snippet. */
  readonly messageRowid: number | null;
}

interface CandidateRow {
  readonly conversationId: string;
  readonly createdAt: number;
  readonly sortValue: number | string | null;
}

function compareCandidates(sort: HistorySearch['sort']): (left: Candidate, right: Candidate) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const newestFirst = (left: Candidate, right: Candidate): number =>
    right.createdAt - left.createdAt || (right.conversationId < left.conversationId ? -1 : right.conversationId > left.conversationId ? 1 : 0);
  if (sort.column === 'createdAt') return (left, right) => -sign * newestFirst(left, right);
  return (left, right) => {
    if (left.sortValue === null || right.sortValue === null) {
      if (left.sortValue === right.sortValue) return newestFirst(left, right);
      return left.sortValue === null ? 1 : -1;
    }
    if (left.sortValue < right.sortValue) return -sign;
    if (left.sortValue > right.sortValue) return sign;
    return newestFirst(left, right);
  };
}

/** Searches the cache; one instance per connection, its statements prepared on first use. */
export class HistorySearcher {
  private readonly statements = new Map<string, StoreStatement>();
  private readonly metrics: MetricsWriter;
  private readonly prefixTerms: PrefixTerms;
  private readonly snippetStatement: StoreStatement<[{ text: string; low: bigint; high: bigint; ids: string }], { id: number; snippet: string }>;
  private readonly matchStatement: StoreStatement<[string, number, number], { id: number; conversationId: string }>;

  constructor(
    private readonly db: StoreConnection,
    private readonly limits: SearchLimits = DEFAULT_SEARCH_LIMITS,
  ) {
    this.metrics = new MetricsWriter(db);
    this.prefixTerms = new PrefixTerms(db);
    // The page's snippets in one pass over the rowids it spans: a prefix (`refu*`) is resolved once
    // for all of them, not once a row. `+rowid` keeps the list out of the full-text index's own
    // constraints (an IN there would run the MATCH once per value); snippet() runs on the listed rows only.
    this.snippetStatement = db.prepare(
      `SELECT rowid AS id, snippet(messages_fts, 0, char(2), char(3), '…', ${SNIPPET_TOKENS}) AS snippet FROM messages_fts
       WHERE messages_fts MATCH @text AND rowid BETWEEN @low AND @high AND +rowid IN (SELECT value FROM json_each(@ids))`,
    );
    // Newest first: FTS5 walks its doclists backwards by rowid without sorting. Only messages of
    // conversations with search facts are returned: a search shows nothing else, and a backfill's
    // messages (the newest ids, their facts not computed yet) would otherwise use up the scan
    // bound. Skipping one costs two index seeks inside the statement (docs/decisions/0047).
    this.matchStatement = db.prepare<[string, number, number], { id: number; conversationId: string }>(
      `SELECT fts.rowid AS id, m.conversation_id AS conversationId FROM messages_fts AS fts JOIN messages AS m ON m.id = fts.rowid
       WHERE messages_fts MATCH ? AND fts.rowid < ?
         AND EXISTS (SELECT 1 FROM history_facts AS f WHERE f.conversation_id = m.conversation_id)
       ORDER BY fts.rowid DESC LIMIT ?`,
    );
  }

  /**
   * Runs a search; malformed text syntax and impossible inputs are refused with a clear message.
   * `count` says when a filter-only search counts (a text search's count is its scan, always with
   * its page): with the page, after it (`countPending`), or alone (no rows).
   */
  search(scope: QueueScope, search: HistorySearch, offset: number, limit: number, count: HistoryCountMode = 'withPage'): Result<HistoryPage> {
    const queues = effectiveQueues(search.filters.queueIds, scope.queues);
    if (queues !== null && queues.length === 0) return ok({ rows: [], total: 0, totalCapped: false, offset });
    const where = buildWhere(search.filters, queues);
    const text = search.filters.text?.trim();
    if (text) {
      const page = this.answerText(text, (query) => this.textSearch(scope, query, where, search.sort, offset, limit));
      return count === 'only' && page.ok ? ok({ ...page.value, rows: [] }) : page;
    }
    if (count === 'only') return ok(this.filterCount(where, offset, limit));
    return ok(this.filterSearch(where, search.sort, offset, limit, count === 'later'));
  }

  /**
   * Answers a text search: `run` gets the text as FTS5 runs it fast, prefix terms spelt out as the
   * index's own terms (search-prefix.ts). Its statements run in one read transaction, so the
   * prefix's terms, each chunk of the scan and the snippets see the same committed data whatever
   * ingest commits meanwhile. FTS5's syntax errors are the user's: refused with a hint, always
   * as the text was written (a rewritten text FTS5 refused is run as written).
   */
  private answerText<T>(text: string, run: (query: string) => T): Result<T> {
    this.prefixTerms.prepare();
    try {
      return ok(
        this.db.transaction(() => {
          const query = expandPrefixes(text, (prefix) => this.prefixTerms.termsOf(prefix));
          try {
            return run(query);
          } catch (error) {
            if (query === text || !isSearchSyntaxError(error)) throw error;
            return run(text);
          }
        })(),
      );
    } catch (error) {
      if (isSearchSyntaxError(error)) return fail(syntaxMessage(error));
      throw error;
    }
  }

  private prepared(sql: string): StoreStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * A filter-only page. `countLater`: a full page answers at once with the rows so far as an
   * "at least" total and `countPending`, since the count may walk the whole cache (a rare filter
   * matches fewer rows than the cap) where the page stops at its last row.
   */
  private filterSearch(where: Where, sort: HistorySearch['sort'], offset: number, limit: number, countLater: boolean): HistoryPage {
    // The page is chosen on history_facts alone; only its rows are read from conversations.
    const pageSql = `SELECT f.conversation_id FROM ${this.factsSource(where)} ${sortJoins(sort.column)} ${whereSql(where)}
      ORDER BY ${orderBy(sort)} LIMIT @limit OFFSET @offset`;
    const ids = this.prepared(pageSql).pluck().all({ ...where.params, limit, offset }) as string[];
    // A short last page (or an empty first one) already tells the total: no second pass to count.
    const countNeeded = ids.length === limit || (ids.length === 0 && offset > 0);
    const records = this.rowsFor(ids);
    const rows = ids.flatMap((conversationId) => {
      const record = records.get(conversationId);
      return record ? [toHistoryRow(record, this.metrics)] : [];
    });
    if (!countNeeded) return { rows, total: offset + ids.length, totalCapped: false, offset };
    if (countLater) return { rows, total: offset + ids.length, totalCapped: true, offset, countPending: true };
    return { ...this.filterCount(where, offset, limit), rows };
  }

  /** The count of a filter-only search, exact up to the cap, then "at least"; no rows. */
  private filterCount(where: Where, offset: number, limit: number): HistoryPage {
    const cap = Math.max(this.limits.countCap, offset + limit);
    const countSql = `SELECT count(*) FROM (SELECT 1 FROM ${this.factsSource(where)} ${whereSql(where)} LIMIT ${cap + 1})`;
    const counted = this.prepared(countSql).pluck().get(where.params) as number;
    return { rows: [], total: Math.min(counted, cap), totalCapped: counted > cap, offset };
  }

  /**
   * Text search: walks matching messages newest first in chunks, keeps the conversations that pass
   * the filters, and stops at the count cap or the scan bound. Sorting happens over what was found.
   */
  private textSearch(scope: QueueScope, text: string, where: Where, sort: HistorySearch['sort'], offset: number, limit: number): HistoryPage {
    const cap = Math.max(this.limits.textCountCap, offset + limit);
    const scanLimit = Math.max(this.limits.textScanLimit, (offset + limit) * 20);
    const { found, exhausted } = this.collectText(text, where, sort, cap, scanLimit);
    const page = found.slice(offset, offset + limit);
    const rows = this.rowsFor(page.map((candidate) => candidate.conversationId));
    // A conversation still in progress shows no words of its messages without the live-transcript permission.
    const readable = page.flatMap((candidate) => {
      const record = rows.get(candidate.conversationId);
      return record && candidate.messageRowid !== null && messagesReadable(scope, record.state) ? [candidate.messageRowid] : [];
    });
    const snippets = this.snippetsOf(text, readable);
    return {
      rows: page.flatMap((candidate) => {
        const record = rows.get(candidate.conversationId);
        if (!record) return [];
        const snippet = candidate.messageRowid === null ? null : (snippets.get(candidate.messageRowid) ?? null);
        return [toHistoryRow(record, this.metrics, snippet)];
      }),
      total: Math.min(found.length, cap),
      totalCapped: !exhausted || found.length > cap,
      offset,
    };
  }

  /** Snippets of the matching messages `messageIds`, by message id. */
  private snippetsOf(text: string, messageIds: readonly number[]): Map<number, string> {
    if (messageIds.length === 0) return new Map();
    // Bound as integers: FTS5 reads a REAL rowid bound (what a JS number binds as) by scanning
    // from the doclist's start, hundreds of ms on a large cache, and ignores a REAL `rowid = ?`.
    const found = this.snippetStatement.all({ text, low: BigInt(Math.min(...messageIds)), high: BigInt(Math.max(...messageIds)), ids: JSON.stringify(messageIds) });
    return new Map(found.map((row) => [row.id, row.snippet]));
  }

  /** Matching conversations, sorted, at most `cap + 1` of them (the extra one says "more"). */
  private collectText(
    text: string,
    where: Where,
    sort: HistorySearch['sort'],
    cap: number,
    scanLimit: number,
  ): { readonly found: Candidate[]; readonly exhausted: boolean } {
    const filterSql = `SELECT f.conversation_id AS conversationId, f.created_at AS createdAt, ${
      sort.column === 'createdAt' ? 'NULL' : sortExpression(sort.column)
    } AS sortValue FROM history_facts AS f ${sortJoins(sort.column)}
      WHERE f.conversation_id IN (SELECT value FROM json_each(@candidates)) ${where.clauses.map((clause) => `AND ${clause}`).join(' ')}`;
    const filter = this.prepared(filterSql);
    const seen = new Map<string, number>();
    const found: Candidate[] = [];
    let before = Number.MAX_SAFE_INTEGER;
    let scanned = 0;
    let exhausted = false;
    while (found.length <= cap && scanned < scanLimit) {
      const matches = this.matchStatement.all(text, before, TEXT_CHUNK);
      scanned += matches.length;
      const fresh: string[] = [];
      for (const match of matches) {
        if (seen.has(match.conversationId)) continue;
        seen.set(match.conversationId, match.id);
        fresh.push(match.conversationId);
      }
      if (fresh.length > 0) {
        for (const row of filter.all({ ...where.params, candidates: JSON.stringify(fresh) }) as CandidateRow[]) {
          found.push({ ...row, messageRowid: seen.get(row.conversationId) ?? null });
        }
      }
      const last = matches[matches.length - 1];
      if (matches.length < TEXT_CHUNK || last === undefined) {
        exhausted = true;
        break;
      }
      before = last.id;
    }
    found.sort(compareCandidates(sort));
    return { found, exhausted };
  }

  /**
   * The conversations of a whole search in its order, up to `max` (downloads). `capped` says the
   * search had more.
   */
  conversationIds(scope: QueueScope, search: HistorySearch, max: number): Result<{ readonly ids: string[]; readonly capped: boolean }> {
    const queues = effectiveQueues(search.filters.queueIds, scope.queues);
    if (queues !== null && queues.length === 0) return ok({ ids: [], capped: false });
    const where = buildWhere(search.filters, queues);
    const text = search.filters.text?.trim();
    if (text) {
      return this.answerText(text, (query) => {
        const { found, exhausted } = this.collectText(query, where, search.sort, max, Math.max(this.limits.textScanLimit, max * 20));
        return { ids: found.slice(0, max).map((candidate) => candidate.conversationId), capped: !exhausted || found.length > max };
      });
    }
    const sql = `SELECT f.conversation_id FROM ${this.factsSource(where)} ${sortJoins(search.sort.column)} ${whereSql(where)} ORDER BY ${orderBy(search.sort)} LIMIT @limit`;
    const ids = this.prepared(sql).pluck().all({ ...where.params, limit: max + 1 }) as string[];
    return ok({ ids: ids.slice(0, max), capped: ids.length > max });
  }

  /**
   * The facts table of a filter-only query, through the index of its narrowest range when that
   * range matches at most `narrowRangeRows` conversations. Without statistics the planner prefers
   * an index in the page's order, which for a rare range means scanning nearly every row to fill a
   * page; counting a range through its own index stops after `narrowRangeRows` + 1 entries.
   */
  private factsSource(where: Where): string {
    let narrowest: { readonly index: string; readonly rows: number } | null = null;
    for (const range of where.ranges) {
      const sql = `SELECT count(*) FROM (SELECT 1 FROM history_facts AS f INDEXED BY ${range.index} WHERE ${range.clauses.join(' AND ')} LIMIT ${this.limits.narrowRangeRows + 1})`;
      const rows = this.prepared(sql).pluck().get(range.params) as number;
      if (rows <= this.limits.narrowRangeRows && (narrowest === null || rows < narrowest.rows)) narrowest = { index: range.index, rows };
    }
    return narrowest === null ? 'history_facts AS f' : `history_facts AS f INDEXED BY ${narrowest.index}`;
  }

  private rowsFor(conversationIds: readonly string[]): Map<string, RowRecord> {
    const records = this.prepared(`${ROW_SELECT} WHERE c.conversation_id IN (SELECT value FROM json_each(@ids))`).all({
      ids: JSON.stringify(conversationIds),
    }) as RowRecord[];
    return new Map(records.map((record) => [record.conversationId, record]));
  }
}
