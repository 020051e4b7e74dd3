/**
 * Range filters on a figure (handle, wait, first and average response): a narrow range is read
 * through its own index (history migration 330), a wide one is left to the planner, and either way
 * the page and the count are exactly what the filters select, in the sort's order, inside the scope.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeMissingMetrics } from '../../../../src-main/core/history/metrics.js';
import { DEFAULT_SEARCH_LIMITS, HistorySearcher } from '../../../../src-main/core/history/search.js';
import { scopeOf } from '../../../../src-main/core/queue-scope.js';
import type { StoreConnection } from '../../../../src-main/core/store/connection.js';
import { createRandom } from '../../../../src-main/sim/random.js';
import { historySearchSchema, type HistoryFilters, type HistorySortColumn } from '../../../../src-shared/api/history.js';
import { conversationEvents, DAY, historyHarness, MINUTE, setupEvents, T0, type HistoryHarness } from './history-test-kit.js';

const QUEUES = ['q-sales', 'q-support', 'q-voice'] as const;
const CONVERSATIONS = 90;
/** Small enough that some of the generated ranges are narrow and some are not. */
const NARROW = 12;
const LIMITS = { ...DEFAULT_SEARCH_LIMITS, narrowRangeRows: NARROW };

let harness: HistoryHarness;
/** Every statement the searcher prepared, by its SQL. */
const prepared: string[] = [];

/** The connection, recording the SQL of each statement prepared through it. */
function recording(connection: StoreConnection): StoreConnection {
  return {
    prepare: ((sql: string) => {
      prepared.push(sql);
      return connection.prepare(sql);
    }) as StoreConnection['prepare'],
    transaction: connection.transaction.bind(connection),
    pragma: connection.pragma.bind(connection),
    open: connection.open,
  };
}

beforeAll(() => {
  harness = historyHarness();
  harness.ingest(setupEvents(T0 - DAY));
  const random = createRandom(330);
  for (let index = 0; index < CONVERSATIONS; index++) {
    const abandoned = random.integer(0, 11) === 0;
    harness.ingest(
      conversationEvents({
        id: `c-${String(index).padStart(3, '0')}`,
        queueId: random.pick(QUEUES),
        createdAt: T0 + Math.floor(index / 3) * MINUTE,
        waitSec: random.integer(0, 600),
        // Most handle times short, a few long: the rare range a supervisor looks for.
        handleSec: random.integer(0, 9) === 0 ? random.integer(900, 3_600) : random.integer(30, 600),
        messages: Array.from({ length: random.integer(1, 4) }, (_, at) => [at * 20 + 5, at % 2 === 0 ? 'customer' : 'agent', 'hello'] as const),
        abandoned,
      }),
    );
  }
  completeMissingMetrics(harness.store.database, T0 + 2 * DAY);
});

afterAll(() => harness.close());

type Figure = 'handleTimeSec' | 'waitSec';

interface FactRow {
  readonly id: string;
  readonly queueId: string;
  readonly createdAt: number;
  readonly handleMs: number | null;
  readonly waitMs: number | null;
}

function facts(): FactRow[] {
  return harness.store.database
    .prepare('SELECT conversation_id AS id, queue_id AS queueId, created_at AS createdAt, handle_ms AS handleMs, wait_ms AS waitMs FROM history_facts')
    .all() as FactRow[];
}

/** What the filters select, sorted as the search sorts: the oracle, in plain TypeScript. */
function expected(filters: HistoryFilters, queues: readonly string[] | null, column: HistorySortColumn, direction: 'asc' | 'desc'): string[] {
  const inRange = (value: number | null, range: { readonly min?: number; readonly max?: number } | undefined): boolean =>
    range === undefined || (value !== null && (range.min === undefined || value >= range.min * 1000) && (range.max === undefined || value <= range.max * 1000));
  const newestFirst = (left: FactRow, right: FactRow): number => right.createdAt - left.createdAt || (right.id < left.id ? -1 : right.id > left.id ? 1 : 0);
  const sign = direction === 'asc' ? 1 : -1;
  const value = (row: FactRow): number | null => (column === 'handleTimeSec' ? row.handleMs : column === 'waitSec' ? row.waitMs : row.createdAt);
  return facts()
    .filter((row) => (queues === null || queues.includes(row.queueId)) && inRange(row.handleMs, filters.handleTimeSec) && inRange(row.waitMs, filters.waitSec))
    .sort((left, right) => {
      if (column === 'createdAt') return -sign * newestFirst(left, right);
      const a = value(left);
      const b = value(right);
      if (a === null || b === null) return a === b ? newestFirst(left, right) : a === null ? 1 : -1;
      return a < b ? -sign : a > b ? sign : newestFirst(left, right);
    })
    .map((row) => row.id);
}

/** The query plan of a statement the searcher prepared, its named parameters bound as nulls. */
function planOf(sql: string): string {
  const names = [...new Set(sql.match(/@\w+/gu) ?? [])].map((name) => name.slice(1));
  const statement = harness.store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = statement.all(Object.fromEntries(names.map((name) => [name, null]))) as { detail: string }[];
  return rows.map((row) => row.detail).join('\n');
}

/** How many facts rows a range selects. */
function rowsIn(figure: Figure, range: { readonly min?: number; readonly max?: number }): number {
  return facts().filter((row) => {
    const value = figure === 'handleTimeSec' ? row.handleMs : row.waitMs;
    return value !== null && (range.min === undefined || value >= range.min * 1000) && (range.max === undefined || value <= range.max * 1000);
  }).length;
}

const bound = fc.option(fc.integer({ min: 0, max: 3_600 }), { nil: undefined });
const range = fc
  .tuple(bound, bound)
  .filter(([min, max]) => min !== undefined || max !== undefined)
  .map(([min, max]) => (min !== undefined && max !== undefined && min > max ? { min: max, max: min } : { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) }));

describe('range filters through an index', () => {
  it('pages and counts exactly what the filters select, narrow or wide, in every sort and scope', () => {
    const searcher = new HistorySearcher(harness.store.database, LIMITS);
    fc.assert(
      fc.property(
        fc.record({ handleTimeSec: fc.option(range, { nil: undefined }), waitSec: fc.option(range, { nil: undefined }) }),
        fc.constantFrom<readonly string[] | null>(null, ['q-sales'], ['q-support', 'q-voice']),
        fc.constantFrom<HistorySortColumn>('createdAt', 'handleTimeSec', 'waitSec'),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        fc.integer({ min: 0, max: 3 }),
        (ranges, queues, column, direction, pageIndex) => {
          const filters: HistoryFilters = {
            ...(ranges.handleTimeSec === undefined ? {} : { handleTimeSec: ranges.handleTimeSec }),
            ...(ranges.waitSec === undefined ? {} : { waitSec: ranges.waitSec }),
          };
          const search = historySearchSchema.parse({ filters, sort: { column, direction } });
          const all = expected(filters, queues, column, direction);
          const offset = pageIndex * 5;
          const answer = searcher.search(scopeOf(queues, true), search, offset, 5);
          if (!answer.ok) throw new Error(answer.error);
          expect(answer.value.rows.map((row) => row.conversationId)).toEqual(all.slice(offset, offset + 5));
          if (!answer.value.totalCapped) expect(answer.value.total).toBe(all.length);
        },
      ),
      { numRuns: 150, seed: 20_261_205 },
    );
  });

  it('reads a narrow range through its index and leaves a wide one to the planner', () => {
    const searcher = new HistorySearcher(recording(harness.store.database), LIMITS);
    const narrow = { min: 900 };
    const wide = { min: 0 };
    expect(rowsIn('handleTimeSec', narrow)).toBeGreaterThan(0);
    expect(rowsIn('handleTimeSec', narrow)).toBeLessThanOrEqual(NARROW);
    expect(rowsIn('handleTimeSec', wide)).toBeGreaterThan(NARROW);
    const pageSql = (filters: HistoryFilters): string => {
      prepared.length = 0;
      const answer = searcher.search(scopeOf(null, true), historySearchSchema.parse({ filters }), 0, 5);
      if (!answer.ok) throw new Error(answer.error);
      const page = prepared.find((sql) => sql.includes('OFFSET @offset'));
      if (page === undefined) throw new Error(`no page statement among ${prepared.length}`);
      return page;
    };
    expect(planOf(pageSql({ handleTimeSec: narrow }))).toMatch(/USING (COVERING )?INDEX history_facts_by_handle\b/u);
    expect(pageSql({ handleTimeSec: wide })).not.toContain('INDEXED BY');
    // Two ranges: the narrower one's index.
    expect(planOf(pageSql({ handleTimeSec: narrow, waitSec: { min: 0 } }))).toMatch(/USING (COVERING )?INDEX history_facts_by_handle\b/u);
  });
});
