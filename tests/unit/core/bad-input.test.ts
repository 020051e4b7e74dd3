/**
 * Bad input through the whole core: malformed frames and events are counted with a reason,
 * recorded in the store, and skipped; the valid events around them are stored and applied.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/core.js';
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import { tempDir, waitFor } from '../../support/host-process.js';
import { eventRange, T0, TestFeedServer, TOKEN } from './feed/feed-test-kit.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('bad input from the feed', () => {
  it('counts and skips each kind of bad frame and event while ingesting the valid ones', async () => {
    const server = await TestFeedServer.start();
    cleanups.push(() => server.close());
    const dataDir = tempDir('bad-input');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const core: Core = await createCore({ dataDir, feed: { kind: 'remote', url: server.url, token: TOKEN }, backfillDays: 0 });
    cleanups.push(() => core.close());

    const connection = await server.hello(0);
    connection.welcome({ epoch: 'e1', headSeq: 9 });
    const [e1, e2, e3, , e5, e6, , , e9] = eventRange(1, 9);
    connection.events('e1', [e1, e2]);
    connection.sendRaw('{ this is not json');
    connection.send({ type: 'events', stream: 'floor', epoch: 'e1', events: 'not an array' });
    connection.sendRaw(JSON.stringify({ type: 'events', stream: 'floor', epoch: 'e1', events: [{ ...e3, padding: 'x'.repeat(5 * 1024 * 1024) }] }));
    connection.events('e1', [e3, { seq: 4, time: T0 + 4, type: 'agent.mood', agentId: 'a1', mood: 'sunny' }]);
    connection.events('e1', [e5, { ...e6, kind: 'sleeping' }, e2, e5]);
    connection.events('e1', [{ seq: 7, time: T0 + 7, type: 'queue.estimated_wait', queueId: 'q1', seconds: -3 }, { seq: 8, time: 'yesterday', type: 'agent.logout', agentId: 'a1' }, e9]);

    await waitFor(() => core.feedStatus().lastSeq >= 9, { what: 'the valid events after the bad ones to be stored' });
    const { counters } = core.feedStatus();
    expect(counters.rejects).toMatchObject({ not_json: 1, bad_frame: 1, oversized: 1, unknown_event_type: 1, invalid_event: 3 });
    expect(counters.rejects.out_of_order ?? 0).toBeGreaterThanOrEqual(1);
    expect(counters.eventsDuplicate).toBeGreaterThanOrEqual(1);

    // Every valid event is in the log; the unknown one is kept; the invalid ones consumed their seq.
    const stored = core.store.readEventKeys(LIVE_STREAM);
    expect(stored.map((row) => row.seq)).toEqual(expect.arrayContaining([1, 2, 3, 5, 9]));
    expect(stored.some((row) => row.seq === 6 || row.seq === 7 || row.seq === 8)).toBe(false);
    expect(core.store.streamPosition(LIVE_STREAM)).toEqual(expect.objectContaining({ epoch: 'e1', lastSeq: 9 }));

    const reasons = core.store.rejectCounts();
    for (const reason of ['not_json', 'bad_frame', 'oversized', 'invalid_event']) expect(reasons[reason], reason).toBeGreaterThanOrEqual(1);

    // The UI can ask why, and a caller without the capability cannot.
    const rejects = core.api.query({ ...core.session(), role: 'wfm_leader' }, { type: 'feed.rejects', limit: 50 });
    expect(rejects.ok && rejects.value.length).toBeGreaterThanOrEqual(6);
    expect(core.api.query({ ...core.session(), role: 'wallboard' }, { type: 'feed.rejects', limit: 50 }).ok).toBe(false);
  });
});
