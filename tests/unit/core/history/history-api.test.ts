import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../../src-main/core/core.js';
import { conversationFigures } from '../../../../src-main/core/history/metrics.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { openStore } from '../../../../src-main/core/store/store.js';
import { historySearchSchema } from '../../../../src-shared/api/history.js';
import { HISTORY_STREAM } from '../../../../src-shared/protocol/frames.js';
import { floorEventSchema } from '../../../../src-shared/protocol/events.js';
import { tempDir } from '../../../support/host-process.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import { ADMIN, conversationEvents, DAY, historyHarness, refusal, SCOPED, setupEvents, T0, untilAsync, value, type HistoryHarness } from './history-test-kit.js';

const BOB: Session = { userId: 'bob', displayName: 'Bob', role: 'business_stakeholder', queueScope: null };

describe('conversation figures', () => {
  const times = { queuedAt: 0, assignedAt: 60_000, firstResponseAt: 70_000, endedAt: 360_000, abandonedAt: null };

  it('measures handle, wait, first and average response as the dictionary defines them', () => {
    const figures = conversationFigures(times, [
      { time: 10_000, sender: 'customer', kind: 'text' },
      { time: 20_000, sender: 'customer', kind: 'text' },
      { time: 70_000, sender: 'agent', kind: 'text' },
      { time: 80_000, sender: 'customer', kind: 'text' },
      { time: 85_000, sender: 'supervisor', kind: 'whisper' },
      { time: 100_000, sender: 'agent', kind: 'text' },
      { time: 110_000, sender: 'customer', kind: 'text' },
      { time: 115_000, sender: 'bot', kind: 'text' },
      { time: 130_000, sender: 'agent', kind: 'text' },
    ]);
    // Answers: 70 s - assignment (60 s) = 10 s; 100 - 80 = 20 s; the bot closed the third run.
    expect(figures).toEqual({ handleMs: 300_000, waitMs: 60_000, firstResponseMs: 10_000, avgResponseMs: 15_000, responses: 2, messageCount: 9 });
  });

  it('leaves figures empty when they do not apply', () => {
    expect(conversationFigures({ queuedAt: 0, assignedAt: null, firstResponseAt: null, endedAt: null, abandonedAt: 50_000 }, [])).toEqual({
      handleMs: null,
      waitMs: 50_000,
      firstResponseMs: null,
      avgResponseMs: null,
      responses: 0,
      messageCount: 0,
    });
  });
});

describe('history area', () => {
  let harness: HistoryHarness;

  beforeEach(() => {
    harness = historyHarness({ background: true });
    harness.ingest(setupEvents(T0 - DAY));
  });

  afterEach(async () => {
    await harness.close();
  });

  it('stores figures in the background as conversations finish, so performance filters find them', async () => {
    harness.ingest(conversationEvents({ id: 'c-1', createdAt: T0, handleSec: 700, messages: [[0, 'customer', 'hi'], [9, 'agent', 'hello']] }));
    await harness.area.internals.metricsIdle();
    const stored = harness.store.database.prepare('SELECT handle_ms, avg_response_ms FROM history_facts WHERE conversation_id = ?').get('c-1');
    expect(stored).toEqual({ handle_ms: 700_000, avg_response_ms: 9_000 });
    const page = value(await harness.api.query(ADMIN, { type: 'history.search', search: historySearchSchema.parse({ filters: { handleTimeSec: { min: 600 } } }), offset: 0, limit: 50 }));
    expect(page.rows.map((row) => row.conversationId)).toEqual(['c-1']);
  });

  it('offers the filter options of the scope: queues, their agents and teams, intents seen', async () => {
    harness.ingest([...conversationEvents({ id: 'c-1', createdAt: T0, intent: 'refund' }), ...conversationEvents({ id: 'c-2', createdAt: T0, intent: 'delivery' })]);
    await harness.area.internals.metricsIdle();
    const all = value(harness.api.query(ADMIN, { type: 'history.filterOptions' }));
    expect(all.queues.map((queue) => queue.queueId)).toEqual(['q-voice', 'q-sales', 'q-support']);
    expect(all.teams).toEqual([
      { teamId: 't-blue', name: 'Blue' },
      { teamId: 't-green', name: 'Green' },
    ]);
    expect(all.intents).toEqual(['delivery', 'refund']);
    const scoped = value(harness.api.query(SCOPED, { type: 'history.filterOptions' }));
    expect(scoped.queues).toEqual([{ queueId: 'q-sales', name: 'Sales', channel: 'chat', timeZone: 'Europe/Paris' }]);
    expect(scoped.agents.map((agent) => agent.agentId)).toEqual(['a-2', 'a-1']);
    expect(scoped.teams).toEqual([{ teamId: 't-blue', name: 'Blue' }]);
  });

  it('saves, lists and deletes searches per user, once per command id', async () => {
    const search = historySearchSchema.parse({ filters: { text: 'refund', csat: { max: 2 } } });
    const saved = value(await harness.api.command(ADMIN, { type: 'history.savedSearch.save', name: 'Unhappy refunds', search }, 's-1'));
    expect(saved).toMatchObject({ savedSearchId: 's-1', name: 'Unhappy refunds', search });
    value(await harness.api.command(ADMIN, { type: 'history.savedSearch.save', name: 'Unhappy refunds', search }, 's-1'));
    expect(value(harness.api.query(ADMIN, { type: 'history.savedSearches' }))).toEqual([saved]);
    expect(value(harness.api.query(BOB, { type: 'history.savedSearches' }))).toEqual([]);
    expect(refusal(await harness.api.command(BOB, { type: 'history.savedSearch.delete', savedSearchId: 's-1' }, 'd-0'))).toMatch(/No saved search/u);
    value(await harness.api.command(ADMIN, { type: 'history.savedSearch.delete', savedSearchId: 's-1' }, 'd-1'));
    value(await harness.api.command(ADMIN, { type: 'history.savedSearch.delete', savedSearchId: 's-1' }, 'd-1'));
    expect(value(harness.api.query(ADMIN, { type: 'history.savedSearches' }))).toEqual([]);
  });
});

describe('offline', () => {
  it('answers searches, transcripts, notes and cache info from the cache of a core whose feed refuses connections', async () => {
    const dataDir = tempDir('history-offline');
    try {
      const seeded = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
      // Recent, so the retention prune at start (90 days by default) keeps it.
      const recent = Date.now() - DAY;
      const events = [...setupEvents(recent - DAY), ...conversationEvents({ id: 'c-1', createdAt: recent, messages: [[1, 'customer', 'offline refund question']] })].map(
        (input, index) => floorEventSchema.parse({ ...input, seq: index + 1 }),
      );
      seeded.ingestBatch({ stream: HISTORY_STREAM, epoch: 'seed', events, lastSeq: events.length });
      seeded.close();

      const core = await createCore({ dataDir, feed: { kind: 'remote', url: 'ws://127.0.0.1:9', token: 'none' } });
      try {
        // The feed is unreachable and this cache has seen no user: the test acts as a leader directly.
        const session = { userId: 'ana', displayName: 'Ana', role: 'wfm_leader' as const, queueScope: null };
        expect(core.feedStatus().connection).not.toBe('live');
        // The top bar of this offline console tells the cache's real age and its queues, not an age from 0.
        const contents = core.feedStatus().cache?.contents;
        expect(contents?.lastEventAt).toBeGreaterThanOrEqual(recent);
        expect(contents?.queues).toBeGreaterThan(0);
        const search = historySearchSchema.parse({ filters: { text: 'refund' } });
        // The facts of cached conversations are computed in the background after the start.
        await untilAsync(async () => value(await core.api.query(session, { type: 'history.search', search, offset: 0, limit: 50 })).rows.length > 0, 'the cache to be searchable');
        const page = value(await core.api.query(session, { type: 'history.search', search, offset: 0, limit: 50 }));
        expect(page.rows.map((row) => row.conversationId)).toEqual(['c-1']);
        expect(value(core.api.query(session, { type: 'history.transcript', conversationId: 'c-1' })).entries.length).toBeGreaterThan(3);
        const note = value(await core.api.command(session, { type: 'history.note.add', conversationId: 'c-1', text: 'written offline' }, 'n-offline'));
        expect(note.sentToFeed).toBe(false);
        expect(value(core.api.query(session, { type: 'history.cacheInfo' })).conversations).toBe(1);
        expect(value(await core.api.command(session, { type: 'history.backfill.start', days: 1 }, 'b-offline')).requested).toBe(false);
      } finally {
        await core.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
