import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../../src-main/core/api/session.js';
import { completeMissingMetrics } from '../../../../src-main/core/history/metrics.js';
import { createRandom, type Random } from '../../../../src-main/sim/random.js';
import { historySearchSchema } from '../../../../src-shared/api/history.js';
import type { FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { ADMIN, conversationEvents, DAY, historyHarness, SCOPED, setupEvents, T0, value, type HistoryHarness } from './history-test-kit.js';

/**
 * The facts pass keeps pace with a backfill (docs/decisions/0051): a backfill's finished
 * conversations get their search facts between its frames, not after its last one. So a search
 * while a backfill lands finds exactly the finished conversations the user may see — those stored
 * before it and those the backfill has brought so far — and the facts computed on the way equal
 * those the pass computes once everything is stored.
 */
const VOCABULARY = ['refund', 'parcel', 'late', 'invoice', 'thanks', 'broken'] as const;
const QUEUES = ['q-sales', 'q-support', 'q-voice'] as const;
const AGENTS = ['a-1', 'a-2', 'a-3'] as const;
const WORDS = ['refund', 'parcel'] as const;
const EARLIER = 30;
const BACKFILLED = 160;

let harnesses: HistoryHarness[] = [];

afterEach(async () => {
  await Promise.all(harnesses.map((harness) => harness.close()));
  harnesses = [];
});

function harness(): HistoryHarness {
  const created = historyHarness({ search: { searchWorkers: 0 } });
  harnesses.push(created);
  created.ingest(setupEvents(T0 - 2 * DAY));
  return created;
}

/** Conversations of every kind: answered, abandoned, left open, rated after the end, with words from the vocabulary. */
function conversationsOf(prefix: string, count: number, start: number, random: Random): FloorEventInput[][] {
  return Array.from({ length: count }, (_, index) => {
    const sentence = (): string => Array.from({ length: random.integer(1, 3) }, () => random.pick(VOCABULARY)).join(' ');
    const kind = random.integer(0, 9);
    return conversationEvents({
      id: `${prefix}-${String(index).padStart(3, '0')}`,
      queueId: random.pick(QUEUES),
      agentId: random.pick(AGENTS),
      createdAt: start + index * 20_000 + random.integer(0, 19_000),
      waitSec: random.integer(0, 200),
      messages: Array.from({ length: random.integer(1, 5) }, (_, at) => [at * 20 + random.integer(1, 15), random.pick(['customer', 'agent', 'bot'] as const), sentence()] as const),
      handleSec: random.integer(120, 900),
      disposition: random.pick(['resolved', 'unresolved', 'escalated'] as const),
      ...(kind === 0 ? { open: true } : {}),
      ...(kind === 1 ? { abandoned: true } : {}),
      ...(kind >= 6 ? { csat: random.integer(1, 5) } : {}),
    });
  });
}

/** A backfill as a feed sends it: every conversation's events in time order, cut into frames of random sizes. */
function framesOf(conversations: readonly FloorEventInput[][], random: Random): FloorEventInput[][] {
  const events = conversations.flat().sort((left, right) => left.time - right.time);
  const frames: FloorEventInput[][] = [];
  for (let at = 0; at < events.length; ) {
    const size = random.integer(1, 40);
    frames.push(events.slice(at, at + size));
    at += size;
  }
  return frames;
}

/** What the session may find: finished conversations of its queues with a message holding `word`, newest first. */
function oracle(target: HistoryHarness, session: Session, word: string): string[] {
  return target.store.database
    .prepare(
      `SELECT c.conversation_id FROM conversations AS c
       WHERE c.state IN ('ended', 'abandoned') AND (@queues IS NULL OR c.queue_id IN (SELECT value FROM json_each(@queues)))
         AND EXISTS (SELECT 1 FROM messages AS m WHERE m.conversation_id = c.conversation_id AND (' ' || m.text || ' ') LIKE @like)
       ORDER BY c.created_at DESC, c.conversation_id DESC`,
    )
    .pluck()
    .all({ like: `% ${word} %`, queues: session.queueScope === null ? null : JSON.stringify(session.queueScope) }) as string[];
}

async function searched(target: HistoryHarness, session: Session, word: string): Promise<{ readonly ids: string[]; readonly total: number; readonly capped: boolean }> {
  const page = value(await target.api.query(session, { type: 'history.search', search: historySearchSchema.parse({ filters: { text: word } }), offset: 0, limit: 500 }));
  return { ids: page.rows.map((row) => row.conversationId), total: page.total, capped: page.totalCapped };
}

/** Every stored fact but the time it was computed, in a fixed order. */
function factsOf(target: HistoryHarness): { readonly history: unknown[]; readonly insight: unknown[]; readonly customerKeys: unknown[] } {
  const database = target.store.database;
  const columns = (table: string): string =>
    (database.prepare(`SELECT name FROM pragma_table_info('${table}') WHERE name <> 'computed_at'`).pluck().all() as string[]).join(', ');
  return {
    history: database.prepare(`SELECT ${columns('history_facts')} FROM history_facts ORDER BY conversation_id`).all(),
    insight: database.prepare(`SELECT ${columns('insight_facts')} FROM insight_facts ORDER BY conversation_id`).all(),
    customerKeys: database.prepare('SELECT key, conversation_id FROM history_customer_keys ORDER BY key, conversation_id').all(),
  };
}

describe('the facts pass during a backfill', () => {
  it.each([7, 8, 9])('answers a search after each frame with exactly the finished conversations in scope (seed %i)', async (seed) => {
    const random = createRandom(seed);
    const target = harness();
    for (const events of conversationsOf('c', EARLIER, T0, random)) target.ingest(events);
    completeMissingMetrics(target.store.database, T0 + DAY);
    // Older by time than what was there, stored after it: the backfill's messages take the newest ids.
    const frames = framesOf(conversationsOf('b', BACKFILLED, T0 - DAY, random), random);
    let checked = 0;
    for (const [index, frame] of frames.entries()) {
      target.backfill(frame);
      await target.area.internals.metricsIdle();
      if (index % 4 !== 0 && index !== frames.length - 1) continue;
      for (const session of [ADMIN, SCOPED]) {
        for (const word of WORDS) {
          const expected = oracle(target, session, word);
          const found = await searched(target, session, word);
          expect(found.ids).toEqual(expected);
          expect(found.total).toBe(expected.length);
          expect(found.capped).toBe(false);
          checked += 1;
        }
      }
    }
    // The backfill did land in what was searched: most of the last answer came from it.
    const last = oracle(target, ADMIN, 'refund');
    expect(last.filter((id) => id.startsWith('b-')).length).toBeGreaterThan(last.length / 2);
    expect(checked).toBeGreaterThan(10);
  });

  it.each([21, 22])('stores the same facts as the pass run after the backfill (seed %i)', async (seed) => {
    const conversations = conversationsOf('b', BACKFILLED, T0, createRandom(seed));
    const frames = framesOf(conversations, createRandom(seed + 100));
    // Ratings come a minute after the end: some land in a later frame than the end they follow.
    const frameOf = (type: string, conversationId: string): number =>
      frames.findIndex((frame) => frame.some((event) => event.type === type && 'conversationId' in event && event.conversationId === conversationId));
    const rated = frames.flat().flatMap((event) => (event.type === 'survey.answered' ? [event.conversationId] : []));
    expect(rated.some((conversationId) => frameOf('survey.answered', conversationId) > frameOf('conversation.ended', conversationId))).toBe(true);

    const during = harness();
    during.feed.set('live');
    during.feed.setBackfill('running');
    for (const frame of frames) {
      during.backfill(frame);
      await during.area.internals.metricsIdle();
    }
    // The same frames stored with nobody told, then the pass over the whole cache.
    const after = harness();
    for (const frame of frames) after.backfill(frame, { tell: false });
    expect(factsOf(after).history).toEqual([]);
    completeMissingMetrics(after.store.database, T0 + 2 * DAY);
    const expected = factsOf(after);

    // While it runs, the search's facts; Historical Insights' wait for the pass after it.
    const whileRunning = factsOf(during);
    expect(whileRunning.history.length).toBeGreaterThan(BACKFILLED / 2);
    expect(whileRunning.history).toEqual(expected.history);
    expect(whileRunning.customerKeys).toEqual(expected.customerKeys);
    expect(whileRunning.insight).toEqual([]);
    during.feed.setBackfill('done');
    await during.area.internals.metricsIdle();
    expect(factsOf(during)).toEqual(expected);
  });
});
