import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeMissingMetrics } from '../../../../src-main/core/history/metrics.js';
import { DEFAULT_SEARCH_LIMITS, HistorySearcher } from '../../../../src-main/core/history/search.js';
import { scopeOf, type QueueScope } from '../../../../src-main/core/queue-scope.js';
import { createRandom } from '../../../../src-main/sim/random.js';
import { historySearchSchema } from '../../../../src-shared/api/history.js';
import { conversationEvents, DAY, historyHarness, MINUTE, setupEvents, T0, type HistoryHarness } from './history-test-kit.js';

/**
 * A search while a backfill lands: the backfilled conversations' messages take the newest ids and
 * have no search facts until the facts pass reaches them. A search must still answer exactly the
 * finished, computed conversations of the user's queues — however many newer matches lie above them.
 */
const VOCABULARY = ['refund', 'parcel', 'late', 'invoice', 'thanks', 'broken', 'kettle', 'order'] as const;
const QUEUES = ['q-sales', 'q-support', 'q-voice'] as const;
const COMPUTED = 60;
const BACKFILLED = 300;
/** Every backfilled message holds it: more than one chunk (2,000) of matches above every computed one. */
const BACKFILL_WORD = 'parcel';
const BACKFILL_MESSAGES = 8;
/** The smallest scan bound the searcher allows for a page of 5 (20 matches a row). */
const LIMITS = { ...DEFAULT_SEARCH_LIMITS, textScanLimit: 100 };

let harness: HistoryHarness;
let searcher: HistorySearcher;

function conversations(prefix: string, count: number, start: number, messages: number, always: string | null, seed: number): void {
  const random = createRandom(seed);
  const sentence = (): string => [always, ...Array.from({ length: random.integer(1, 4) }, () => random.pick(VOCABULARY))].filter(Boolean).join(' ');
  for (let index = 0; index < count; index++) {
    harness.ingest(
      conversationEvents({
        id: `${prefix}-${String(index).padStart(3, '0')}`,
        queueId: random.pick(QUEUES),
        createdAt: start + Math.floor(index / 2) * MINUTE,
        messages: Array.from({ length: messages === 0 ? random.integer(1, 3) : messages }, (_, at) => [at + 1, at % 2 === 0 ? 'customer' : 'agent', sentence()] as const),
        // A few left open: never shown, computed or not.
        open: random.integer(0, 9) === 0,
      }),
    );
  }
}

beforeAll(() => {
  harness = historyHarness();
  harness.ingest(setupEvents(T0 - DAY));
  conversations('c', COMPUTED, T0, 0, null, 51);
  completeMissingMetrics(harness.store.database, T0 + DAY);
  // The backfill: older conversations by time, but stored last, so their messages have the newest ids.
  conversations('b', BACKFILLED, T0 - DAY / 2, BACKFILL_MESSAGES, BACKFILL_WORD, 52);
  searcher = new HistorySearcher(harness.store.database, LIMITS);
});

afterAll(async () => {
  await harness.close();
});

/** What the user may see: computed conversations of the scope's queues with a message matching `word`, newest first. */
function oracle(word: string, queues: readonly string[] | null): string[] {
  return harness.store.database
    .prepare(
      `SELECT DISTINCT f.conversation_id FROM messages AS m JOIN history_facts AS f ON f.conversation_id = m.conversation_id
       WHERE (' ' || m.text || ' ') LIKE @like AND (@queues IS NULL OR f.queue_id IN (SELECT value FROM json_each(@queues)))
       ORDER BY f.created_at DESC, f.conversation_id DESC`,
    )
    .pluck()
    .all({ like: `% ${word} %`, queues: queues === null ? null : JSON.stringify(queues) }) as string[];
}

function searched(scope: QueueScope, text: string, offset: number, limit: number): { readonly ids: string[]; readonly total: number; readonly capped: boolean } {
  const page = searcher.search(scope, historySearchSchema.parse({ filters: { text } }), offset, limit);
  if (!page.ok) throw new Error(`"${text}": ${page.error}`);
  return { ids: page.value.rows.map((row) => row.conversationId), total: page.value.total, capped: page.value.totalCapped };
}

const scopes = fc.constantFrom<readonly string[] | null>(null, ['q-sales'], ['q-support', 'q-voice'], ['q-voice']);

describe('search during a backfill', () => {
  it('has more matches of the backfill above the computed ones than one chunk of the scan', () => {
    const above = harness.store.database
      .prepare(
        `SELECT count(*) FROM messages_fts WHERE messages_fts MATCH @word
         AND rowid > (SELECT max(m.id) FROM messages AS m JOIN history_facts AS f ON f.conversation_id = m.conversation_id)`,
      )
      .pluck()
      .get({ word: BACKFILL_WORD }) as number;
    expect(above).toBeGreaterThan(2_000);
  });

  it('pages through exactly the computed conversations of the scope, whatever the backfill holds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VOCABULARY), scopes, fc.integer({ min: 0, max: 6 }), (word, queues, pageIndex) => {
        const expected = oracle(word, queues);
        const offset = pageIndex * 5;
        const found = searched(scopeOf(queues, true), word, offset, 5);
        expect(found.ids).toEqual(expected.slice(offset, offset + 5));
        expect(found.total).toBe(expected.length);
        expect(found.capped).toBe(false);
      }),
      { numRuns: 120, seed: 20_261_204 },
    );
  });

  it('finds the backfilled conversations once the facts pass has reached them, still in scope', () => {
    const database = harness.store.database;
    const before = oracle(BACKFILL_WORD, ['q-sales']);
    completeMissingMetrics(database, T0 + 2 * DAY);
    const after = oracle(BACKFILL_WORD, ['q-sales']);
    expect(after.length).toBeGreaterThan(before.length);
    const found = new HistorySearcher(database, DEFAULT_SEARCH_LIMITS);
    const page = found.search(scopeOf(['q-sales'], true), historySearchSchema.parse({ filters: { text: BACKFILL_WORD } }), 0, 500);
    if (!page.ok) throw new Error(page.error);
    expect(page.value.rows.map((row) => row.conversationId)).toEqual(after);
    expect(page.value.rows.every((row) => row.queueId === 'q-sales')).toBe(true);
  });
});
