import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_INFO_SQL, DEFAULT_EVENT_LOG_DAYS, DEFAULT_RETENTION_DAYS } from '../../../../src-main/core/history/retention.js';
import { completeMissingMetrics } from '../../../../src-main/core/history/metrics.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import { ADMIN, conversationEvents, DAY, historyHarness, refusal, SCOPED, setupEvents, T0, value, WALLBOARD, type HistoryHarness } from './history-test-kit.js';

/** Retention acts on the whole cache: an unscoped admin's (docs/product.md §1). */
const CACHE_ADMIN: Session = { ...ADMIN, role: 'admin' };

let harness: HistoryHarness;
const NOW = T0 + 100 * DAY;

function count(table: string): number {
  return harness.store.database.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

beforeEach(async () => {
  harness = historyHarness({ floorTime: NOW });
  harness.ingest(setupEvents(T0 - DAY));
  // 300 old conversations (95 days ago and more) with messages, surveys and notes; 3 recent ones.
  for (let batch = 0; batch < 3; batch++) {
    harness.ingest(
      Array.from({ length: 100 }, (_, index) => index + batch * 100).flatMap((index) =>
        conversationEvents({ id: `c-old-${index}`, createdAt: T0 + index * 1000, csat: 3, messages: [[1, 'customer', 'old refund text'], [5, 'agent', 'ok']] }),
      ),
    );
  }
  // The log in time order, as a feed sends it: the binary search for the cut relies on it.
  harness.ingest([
    ...conversationEvents({ id: 'c-open', createdAt: T0, open: true, messages: [[1, 'customer', 'still waiting']] }),
    ...conversationEvents({ id: 'c-new-2', createdAt: NOW - 2 * DAY, csat: 5 }),
    ...conversationEvents({ id: 'c-new-1', createdAt: NOW - DAY, messages: [[1, 'customer', 'new refund text']] }),
  ]);
  completeMissingMetrics(harness.store.database, NOW);
  await harness.api.command(ADMIN, { type: 'history.note.add', conversationId: 'c-old-1', text: 'old note' }, 'n-1');
});

afterEach(async () => {
  await harness.close();
});

describe('retention', () => {
  it('reports the cache and the default setting', () => {
    const info = value(harness.api.query(ADMIN, { type: 'history.cacheInfo' }));
    expect(info).toMatchObject({ conversations: 303, messages: 602, oldest: T0, newest: NOW - DAY, retentionDays: DEFAULT_RETENTION_DAYS, lastPrunedAt: null });
    expect(info.sizeBytes).toBeGreaterThan(0);
    expect(info.lastEventAt).not.toBeNull();
  });

  it('prunes conversations, messages, full-text rows, surveys, figures, notes and raw events older than the setting, in slices', async () => {
    const eventsBefore = count('events');
    const rollupsBefore = count('rollups_15m');
    await harness.area.internals.metricsIdle();
    expect(count('history_customer_keys')).toBeGreaterThan(2);
    const info = value(await harness.api.command(CACHE_ADMIN, { type: 'history.retention.set', days: 30 }, 'r-1'));
    expect(info.retentionDays).toBe(30);
    const retention = harness.area.internals.retention;
    expect(retention.pruning).toBe(true);
    await retention.idle();

    const conversations = harness.store.database.prepare('SELECT conversation_id FROM conversations ORDER BY conversation_id').pluck().all();
    // The open conversation stays: it may still get messages, whatever its age.
    expect(conversations).toEqual(['c-new-1', 'c-new-2', 'c-open']);
    expect(count('messages')).toBe(2);
    expect(count('surveys')).toBe(1);
    expect(count('history_facts')).toBe(2);
    expect(harness.store.database.prepare('SELECT DISTINCT conversation_id FROM history_customer_keys ORDER BY 1').pluck().all()).toEqual(['c-new-1', 'c-new-2']);
    expect(count('history_notes')).toBe(0);
    expect(harness.store.database.prepare("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'refund'").pluck().get()).toBe(1);
    expect(count('events')).toBeLessThan(eventsBefore);
    expect(harness.store.database.prepare('SELECT count(*) FROM events WHERE time < ?').pluck().get(NOW - 30 * DAY)).toBe(0);
    expect(count('rollups_15m')).toBe(rollupsBefore);

    const after = value(harness.api.query(ADMIN, { type: 'history.cacheInfo' }));
    expect(after).toMatchObject({ conversations: 3, retentionDays: 30, lastPrunedAt: NOW });
    const page = value(await harness.api.query(ADMIN, { type: 'history.search', search: { filters: { text: 'refund' }, sort: { column: 'createdAt', direction: 'desc' } }, offset: 0, limit: 50 }));
    expect(page.rows.map((row) => row.conversationId)).toEqual(['c-new-1']);
  });

  it('counts conversations exactly right after each write, whatever the size of the cache', () => {
    const before = value(harness.api.query(ADMIN, { type: 'history.cacheInfo' })).conversations;
    harness.ingest(conversationEvents({ id: 'c-now', createdAt: NOW - 1000 }));
    expect(value(harness.api.query(ADMIN, { type: 'history.cacheInfo' })).conversations).toBe(before + 1);
    // A conversation heard of again (an upsert that takes its update path) is not counted twice.
    harness.ingest(conversationEvents({ id: 'c-now', createdAt: NOW - 1000 }));
    expect(value(harness.api.query(ADMIN, { type: 'history.cacheInfo' })).conversations).toBe(before + 1);
    expect(value(harness.api.query(ADMIN, { type: 'history.cacheInfo' })).conversations).toBe(count('conversations'));
  });

  it('keeps everything within the setting', async () => {
    value(await harness.api.command(CACHE_ADMIN, { type: 'history.retention.set', days: 365 }, 'r-2'));
    await harness.area.internals.retention.idle();
    expect(count('conversations')).toBe(303);
    expect(harness.store.getSetting('history.retentionDays')).toBe(365);
  });

  it('keeps raw events only for the days of the event log, shorter than the conversations', async () => {
    expect(value(harness.api.query(ADMIN, { type: 'history.cacheInfo' })).eventLogDays).toBe(DEFAULT_EVENT_LOG_DAYS);
    const messagesBefore = count('messages');
    const info = value(await harness.api.command(CACHE_ADMIN, { type: 'history.retention.set', days: 365, eventLogDays: 3 }, 'r-4'));
    expect(info).toMatchObject({ retentionDays: 365, eventLogDays: 3 });
    await harness.area.internals.retention.idle();
    // Every conversation and message stays; only the raw log older than 3 days goes.
    expect(count('conversations')).toBe(303);
    expect(count('messages')).toBe(messagesBefore);
    expect(harness.store.database.prepare('SELECT count(*) FROM events WHERE time < ?').pluck().get(NOW - 3 * DAY)).toBe(0);
    const kept = harness.store.database.prepare("SELECT body FROM events WHERE type = 'conversation.message' ORDER BY time").pluck().all() as string[];
    expect(kept.map((body) => (JSON.parse(body) as { conversationId: string }).conversationId)).toEqual(['c-new-1']);
    expect(harness.store.database.prepare("SELECT count(*) FROM events WHERE body ->> '$.conversationId' = 'c-new-2'").pluck().get()).toBeGreaterThan(0);
    // The log is never kept longer than the conversations.
    const shorter = value(await harness.api.command(CACHE_ADMIN, { type: 'history.retention.set', days: 2, eventLogDays: 30 }, 'r-5'));
    expect(shorter).toMatchObject({ retentionDays: 2, eventLogDays: 2 });
  });

  it('reports a scoped session its queues’ conversations and their span, and no message count', () => {
    harness.ingest([
      ...conversationEvents({ id: 'c-support-1', queueId: 'q-support', createdAt: T0 - 5 * DAY, messages: [[1, 'customer', 'hello']] }),
      ...conversationEvents({ id: 'c-support-2', queueId: 'q-support', createdAt: NOW + DAY }),
      ...conversationEvents({ id: 'c-voice-1', queueId: 'q-voice', createdAt: NOW - 3 * DAY }),
    ]);
    const sales = value(harness.api.query(SCOPED, { type: 'history.cacheInfo' }));
    expect(sales).toMatchObject({ conversations: 303, messages: null, oldest: T0, newest: NOW - DAY });
    const twoQueues = value(harness.api.query({ ...SCOPED, queueScope: ['q-voice', 'q-support', 'q-voice', 'q-gone'] }, { type: 'history.cacheInfo' }));
    expect(twoQueues).toMatchObject({ conversations: 3, messages: null, oldest: T0 - 5 * DAY, newest: NOW + DAY });
    const none = value(harness.api.query({ ...SCOPED, queueScope: ['q-gone'] }, { type: 'history.cacheInfo' }));
    expect(none).toMatchObject({ conversations: 0, messages: null, oldest: null, newest: null });
    expect(value(harness.api.query(ADMIN, { type: 'history.cacheInfo' }))).toMatchObject({ conversations: 306, oldest: T0 - 5 * DAY, newest: NOW + DAY });
  });

  it('reads only the ends of indexes for the cache’s span and message range, never a whole table', () => {
    const db = harness.store.database;
    for (const [name, sql] of Object.entries(CACHE_INFO_SQL)) {
      const plan = db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...sql.split('?').slice(1).map(() => 'q-sales'));
      const scans = plan.map((row) => row.detail).filter((detail) => detail.startsWith('SCAN') && detail !== 'SCAN CONSTANT ROW');
      expect({ name, scans }).toEqual({ name, scans: [] });
    }
  });

  it('needs the retention capability', async () => {
    expect(refusal(await harness.api.command(WALLBOARD, { type: 'history.retention.set', days: 1 }, 'r-3'))).toMatch(/may not/u);
    expect(count('conversations')).toBe(303);
  });
});
