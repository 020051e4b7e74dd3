import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeMissingMetrics } from '../../../../src-main/core/history/metrics.js';
import { DEFAULT_SEARCH_LIMITS, HistorySearcher } from '../../../../src-main/core/history/search.js';
import type { HistoryCountMode, HistoryFilters, HistoryPage, HistorySearchInput } from '../../../../src-shared/api/history.js';
import { historySearchSchema } from '../../../../src-shared/api/history.js';
import { ADMIN, conversationEvents, DAY, historyHarness, MINUTE, refusal, SCOPED, setupEvents, T0, value, WALLBOARD, type HistoryHarness } from './history-test-kit.js';
import { WHOLE_CACHE } from '../../../../src-main/core/queue-scope.js';

let harness: HistoryHarness;

beforeAll(() => {
  harness = historyHarness();
  harness.ingest(setupEvents(T0 - DAY));
  harness.ingest([
    ...conversationEvents({
      id: 'c-refund',
      createdAt: T0,
      waitSec: 10,
      handleSec: 600,
      csat: 2,
      comment: 'slow',
      customer: { customerId: 'cu-100', name: 'Ada Lovelace', email: 'Ada@Example.com', phone: '+33 1 23 45 67 89' },
      messages: [
        [5, 'customer', 'I want a refund for my broken kettle'],
        [65, 'agent', 'I can help with the refund'],
        [70, 'customer', 'Thanks'],
        [80, 'agent', 'Done'],
      ],
    }),
    ...conversationEvents({
      id: 'c-parcel',
      createdAt: T0 + 10 * MINUTE,
      agentId: 'a-2',
      intent: 'delivery',
      waitSec: 120,
      handleSec: 200,
      csat: 5,
      disposition: 'resolved',
      customer: { customerId: 'cu-200', name: 'Alan Brown', email: 'alan@example.org' },
      messages: [
        [1, 'customer', 'Where is my parcel?'],
        [11, 'agent', 'Your parcel left the depot; no refund needed'],
      ],
    }),
    ...conversationEvents({
      id: 'c-support',
      queueId: 'q-support',
      agentId: 'a-3',
      createdAt: T0 + 20 * MINUTE,
      waitSec: 300,
      handleSec: 900,
      csat: 4,
      disposition: 'unresolved',
      customer: { customerId: 'cu-300', phone: '+1 555 0100' },
      messages: [
        [2, 'customer', 'My refund has not arrived'],
        [302, 'agent', 'Let me look into the refund'],
      ],
    }),
    ...conversationEvents({ id: 'c-gone', createdAt: T0 + 30 * MINUTE, abandoned: true, waitSec: 200, customer: { customerId: 'cu-400', name: 'Zoe' } }),
    ...conversationEvents({
      id: 'c-voice',
      queueId: 'q-voice',
      agentId: 'a-3',
      createdAt: T0 + 40 * MINUTE,
      handleSec: 100,
      disposition: 'escalated',
      customer: { customerId: 'cu-500' },
      messages: [[1, 'customer', 'Call about invoice 2024']],
    }),
  ]);
  completeMissingMetrics(harness.store.database, T0 + DAY);
});

afterAll(async () => {
  await harness.close();
});

async function search(filters: HistoryFilters, rest: Partial<Omit<HistorySearchInput, 'filters'>> = {}, paging: { offset?: number; limit?: number; count?: HistoryCountMode } = {}, session = ADMIN): Promise<HistoryPage> {
  return value(
    await harness.api.query(session, {
      type: 'history.search',
      search: historySearchSchema.parse({ filters, ...rest }),
      offset: paging.offset ?? 0,
      limit: paging.limit ?? 50,
      ...(paging.count === undefined ? {} : { count: paging.count }),
    }),
  );
}

const ids = (page: HistoryPage): string[] => page.rows.map((row) => row.conversationId);

describe('history.search: full text', () => {
  it('finds conversations whose messages match, newest first, with a highlighted snippet', async () => {
    const page = await search({ text: 'refund' });
    expect(ids(page)).toEqual(['c-support', 'c-parcel', 'c-refund']);
    expect(page.total).toBe(3);
    expect(page.totalCapped).toBe(false);
    for (const row of page.rows) expect(row.snippet).toMatch(/\u0002refund\u0003/iu);
    expect(page.rows[0]?.snippet).toContain('\u0002refund\u0003');
  });

  it('supports phrases, prefixes and boolean operators', async () => {
    expect(ids(await search({ text: '"broken kettle"' }))).toEqual(['c-refund']);
    expect(ids(await search({ text: 'parc*' }))).toEqual(['c-parcel']);
    expect(ids(await search({ text: 'refund NOT parcel' }))).toEqual(['c-support', 'c-refund']);
    expect(ids(await search({ text: 'kettle OR invoice' }))).toEqual(['c-voice', 'c-refund']);
  });

  it('combines text with filters, and an empty text is no text filter', async () => {
    expect(ids(await search({ text: 'refund', queueIds: ['q-sales'], csat: { max: 3 } }))).toEqual(['c-refund']);
    expect((await search({ text: '   ' })).total).toBe(5);
  });

  it.each([
    ['unbalanced quotes', '"refund'],
    ['a lone operator', 'AND'],
    ['an unclosed NEAR', 'NEAR('],
    ['an unknown column', 'secret:refund'],
  ])('refuses %s with a clear message and keeps working', async (_label, text) => {
    const error = refusal(await harness.api.query(ADMIN, { type: 'history.search', search: historySearchSchema.parse({ filters: { text } }), offset: 0, limit: 50 }));
    expect(error).toMatch(/^Search syntax: /u);
    expect(error).toContain('double quotes');
    expect((await search({ text: 'refund' })).total).toBe(3);
  });
});

describe('history.search: filters', () => {
  it('filters on metadata', async () => {
    expect(ids(await search({ queueIds: ['q-support'] }))).toEqual(['c-support']);
    expect(ids(await search({ agentIds: ['a-2'] }))).toEqual(['c-parcel']);
    expect(ids(await search({ teamIds: ['t-green'] }))).toEqual(['c-voice', 'c-support']);
    expect(ids(await search({ channels: ['voice'] }))).toEqual(['c-voice']);
    expect(ids(await search({ intents: ['delivery'] }))).toEqual(['c-parcel']);
    expect(ids(await search({ dispositions: ['escalated', 'unresolved'] }))).toEqual(['c-voice', 'c-support']);
    expect(ids(await search({ createdAt: { min: T0 + 10 * MINUTE, max: T0 + 30 * MINUTE } }))).toEqual(['c-gone', 'c-support', 'c-parcel']);
  });

  it('filters on performance figures', async () => {
    expect(ids(await search({ handleTimeSec: { min: 500 } }))).toEqual(['c-support', 'c-refund']);
    expect(ids(await search({ handleTimeSec: { max: 150 } }))).toEqual(['c-voice']);
    expect(ids(await search({ waitSec: { min: 150 } }))).toEqual(['c-gone', 'c-support']);
    // First response: the first agent text after assignment (65 s for c-refund).
    expect(ids(await search({ firstResponseSec: { min: 60, max: 70 } }))).toEqual(['c-refund']);
    // c-refund answers in 60 s then 10 s (mean 35 s); c-parcel in 10 s; c-support in 300 s.
    expect(ids(await search({ avgResponseSec: { min: 30, max: 40 } }))).toEqual(['c-refund']);
    expect(ids(await search({ avgResponseSec: { min: 200 } }))).toEqual(['c-support']);
    expect(ids(await search({ csat: { min: 4 } }))).toEqual(['c-support', 'c-parcel']);
    expect(ids(await search({ resolved: true }))).toEqual(['c-parcel', 'c-refund']);
    expect(ids(await search({ resolved: false }))).toEqual(['c-voice', 'c-support']);
  });

  it('shows the figures on each row, in seconds', async () => {
    const row = (await search({ customer: 'cu-100' })).rows[0];
    expect(row).toMatchObject({
      conversationId: 'c-refund',
      queueName: 'Sales',
      agentName: 'Grace Hopper',
      waitSec: 10,
      handleTimeSec: 600,
      firstResponseSec: 65,
      avgResponseSec: 35,
      csat: 2,
      messageCount: 4,
      state: 'ended',
      disposition: 'resolved',
      customer: { customerId: 'cu-100', name: 'Ada Lovelace', email: 'Ada@Example.com', phone: '+33 1 23 45 67 89' },
      snippet: null,
    });
  });

  it('finds a customer by id, name, e-mail (any case) or phone, exactly or by prefix', async () => {
    expect(ids(await search({ customer: 'cu-200' }))).toEqual(['c-parcel']);
    expect(ids(await search({ customer: 'cu-' })).length).toBe(5);
    expect(ids(await search({ customer: 'ada lovelace' }))).toEqual(['c-refund']);
    expect(ids(await search({ customer: 'ALAN@EXAMPLE.ORG' }))).toEqual(['c-parcel']);
    expect(ids(await search({ customer: 'alan@' }))).toEqual(['c-parcel']);
    expect(ids(await search({ customer: '+1 555' }))).toEqual(['c-support']);
    expect(ids(await search({ customer: 'nobody' }))).toEqual([]);
  });

  it('looks customers up with one range seek on the key table', async () => {
    const plan = harness.store.database
      .prepare(`EXPLAIN QUERY PLAN SELECT conversation_id FROM history_customer_keys WHERE key >= ? AND key < ?`)
      .all('a', 'b') as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/SEARCH history_customer_keys USING PRIMARY KEY \(key>\? AND key<\?\)/);
  });
});

describe('history.search: sorting and paging', () => {
  it('sorts on every column, empty values last in both directions', async () => {
    const order = async (column: NonNullable<HistorySearchInput['sort']>['column'], direction: 'asc' | 'desc'): Promise<string[]> =>
      ids(await search({}, { sort: { column, direction } }));
    expect(await order('createdAt', 'asc')).toEqual(['c-refund', 'c-parcel', 'c-support', 'c-gone', 'c-voice']);
    expect(await order('handleTimeSec', 'desc')).toEqual(['c-support', 'c-refund', 'c-parcel', 'c-voice', 'c-gone']);
    expect(await order('handleTimeSec', 'asc')).toEqual(['c-voice', 'c-parcel', 'c-refund', 'c-support', 'c-gone']);
    expect((await order('waitSec', 'desc')).slice(0, 3)).toEqual(['c-support', 'c-gone', 'c-parcel']);
    expect((await order('firstResponseSec', 'asc')).slice(0, 3)).toEqual(['c-parcel', 'c-refund', 'c-support']);
    expect((await order('avgResponseSec', 'desc')).slice(0, 3)).toEqual(['c-support', 'c-refund', 'c-parcel']);
    expect(await order('csat', 'desc')).toEqual(['c-parcel', 'c-support', 'c-refund', 'c-voice', 'c-gone']);
    expect(await order('queue', 'asc')).toEqual(['c-voice', 'c-gone', 'c-parcel', 'c-refund', 'c-support']);
    expect(await order('agent', 'asc')).toEqual(['c-parcel', 'c-refund', 'c-voice', 'c-support', 'c-gone']);
  });

  it('sorts text results by the chosen column too', async () => {
    expect(ids(await search({ text: 'refund' }, { sort: { column: 'csat', direction: 'asc' } }))).toEqual(['c-refund', 'c-support', 'c-parcel']);
  });

  it('pages with offset and limit, keeping the total', async () => {
    const first = await search({}, {}, { offset: 0, limit: 2 });
    const second = await search({}, {}, { offset: 2, limit: 2 });
    const third = await search({}, {}, { offset: 4, limit: 2 });
    expect([...ids(first), ...ids(second), ...ids(third)]).toEqual(['c-voice', 'c-gone', 'c-support', 'c-parcel', 'c-refund']);
    expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
    expect(second.offset).toBe(2);
    expect(ids(await search({ text: 'refund' }, {}, { offset: 1, limit: 1 }))).toEqual(['c-parcel']);
  });

  it('answers a full filter-only page before its count when asked, and the count alone after it', async () => {
    const first = await search({}, {}, { limit: 2, count: 'later' });
    expect(ids(first)).toEqual(['c-voice', 'c-gone']);
    expect(first).toMatchObject({ total: 2, totalCapped: true, countPending: true });
    const counted = await search({}, {}, { limit: 2, count: 'only' });
    expect(counted).toEqual({ rows: [], total: 5, totalCapped: false, offset: 0 });
    // A short page tells its total itself: nothing is left to count.
    const short = await search({ csat: { min: 4 } }, {}, { limit: 50, count: 'later' });
    expect(short).toMatchObject({ total: 2, totalCapped: false });
    expect(short).not.toHaveProperty('countPending');
    // A text search counts in its scan, with its page, whatever is asked.
    const text = await search({ text: 'refund' }, {}, { limit: 1, count: 'later' });
    expect(text).toMatchObject({ total: 3, totalCapped: false });
    expect(text).not.toHaveProperty('countPending');
    expect(await search({ text: 'refund' }, {}, { limit: 1, count: 'only' })).toMatchObject({ rows: [], total: 3 });
    // The count keeps the session's scope.
    expect(await search({}, {}, { limit: 1, count: 'only' }, SCOPED)).toMatchObject({ rows: [], total: (await search({}, {}, {}, SCOPED)).total });
  });

  it('caps counts and says so', async () => {
    const searcher = new HistorySearcher(harness.store.database, { ...DEFAULT_SEARCH_LIMITS, countCap: 2, textCountCap: 1, textScanLimit: 1 });
    const filtered = value(searcher.search(WHOLE_CACHE, historySearchSchema.parse({ filters: {} }), 0, 1));
    expect(filtered).toMatchObject({ total: 2, totalCapped: true });
    expect(value(searcher.search(WHOLE_CACHE, historySearchSchema.parse({ filters: {} }), 0, 1, 'only'))).toEqual({ rows: [], total: 2, totalCapped: true, offset: 0 });
    const text = value(searcher.search(WHOLE_CACHE, historySearchSchema.parse({ filters: { text: 'refund' } }), 0, 1));
    expect(text.totalCapped).toBe(true);
    expect(text.rows.length).toBe(1);
  });
});

describe('history.search: queue scope and permissions', () => {
  it('never shows a scoped user another queue, whatever the filters ask', async () => {
    expect(ids(await search({}, {}, {}, SCOPED)).sort()).toEqual(['c-gone', 'c-parcel', 'c-refund']);
    expect(ids(await search({ text: 'refund' }, {}, {}, SCOPED))).toEqual(['c-parcel', 'c-refund']);
    expect(await search({ queueIds: ['q-support'] }, {}, {}, SCOPED)).toEqual({ rows: [], total: 0, totalCapped: false, offset: 0 });
    expect(ids(await search({ customer: 'cu-300' }, {}, {}, SCOPED))).toEqual([]);
  });

  it('refuses roles without history', async () => {
    expect(refusal(await harness.api.query(WALLBOARD, { type: 'history.search', search: historySearchSchema.parse({ filters: {} }), offset: 0, limit: 50 }))).toMatch(
      /may not run history.search/u,
    );
  });

  it('refuses impossible ranges with a clear message, before any query runs', async () => {
    const answer = await harness.ask(ADMIN, {
      op: 'query',
      query: { type: 'history.search', search: { filters: { handleTimeSec: { min: 600, max: 60 } } } },
    });
    expect(refusal(answer)).toContain('the lower bound is above the upper bound');
    expect(refusal(answer)).toContain('handleTimeSec');
  });
});
