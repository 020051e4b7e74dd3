/**
 * Floor replay through the API: a seek gives exactly the tiles the reducer gives for the stored
 * events up to that instant (the expectation is built from the stored log alone, with no
 * checkpoint), stepping moves one stored event at a time, the replayed floor keeps to the
 * session's queues, and a seek before the log's start is refused with a message.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../../src-main/core/api/session.js';
import { buildOverview } from '../../../../src-main/core/floor-state/overview.js';
import { applyEvents, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { serializeLiveState } from '../../../../src-main/core/floor-state/state.js';
import type { QueueTile } from '../../../../src-shared/api/live.js';
import type { ReplayFrame } from '../../../../src-shared/api/replay.js';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../../src-shared/protocol/frames.js';
import type { Result } from '../../../../src-shared/result.js';
import { agentLogin, created, queueConfigured } from '../floor-state/floor-script.js';
import { EPOCH, T0, replayHarness, tenMinutes, type ReplayHarness } from './replay-test-kit.js';

const ADMIN: Session = { userId: 'ada', displayName: 'Ada', role: 'admin', queueScope: null };
const ORDERS_ONLY: Session = { userId: 'sam', displayName: 'Sam', role: 'wfm_leader', queueScope: ['q-orders'] };

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** The tiles at `at` from the stored log alone: every stored event up to `at`, applied to an empty floor. */
function expectedTiles(harness: ReplayHarness, at: number, queueScope: readonly string[] | null = null): QueueTile[] {
  const stored: FloorEvent[] = harness.store.readEvents(LIVE_STREAM, 0, 100_000);
  const state = applyEvents(createLiveState(), stored.filter((event) => event.time <= at));
  return buildOverview(state, at).filter((tile) => queueScope === null || queueScope.includes(tile.queueId));
}

function expectedTilesAtSeq(harness: ReplayHarness, seq: number): { tiles: QueueTile[]; at: number } {
  const stored = harness.store.readEvents(LIVE_STREAM, 0, 100_000).filter((event) => event.seq <= seq);
  const at = stored[stored.length - 1]?.time ?? 0;
  return { tiles: buildOverview(applyEvents(createLiveState(), stored), at), at };
}

describe('floor replay', () => {
  let harness: ReplayHarness;
  let events: FloorEvent[];

  beforeEach(async () => {
    events = tenMinutes();
    let floorNow = T0;
    // A checkpoint every 50 events, or 2 minutes of floor time: several in ten minutes.
    harness = replayHarness(() => floorNow, { everyEvents: 50, everyMs: 120_000 });
    // The feed's batches: seven events at a time, as frames arrive.
    for (let index = 0; index < events.length; index += 7) {
      const batch = events.slice(index, index + 7);
      floorNow = batch[batch.length - 1]?.time ?? floorNow;
      harness.ingest(batch);
      await harness.settled();
    }
  });

  afterEach(async () => {
    await harness.close();
  });

  it('says what the log holds: from its first checkpoint to its last event', () => {
    const range = value(harness.api.query(ADMIN, { type: 'replay.range' }));
    expect(range.epoch).toBe(EPOCH);
    expect(range.from).toBe(events[6]?.time);
    expect(range.to).toBe(events[events.length - 1]?.time);
  });

  it('keeps a checkpoint every so many events, so a seek folds a bounded number of them', () => {
    const seqs = harness.store.database.prepare('SELECT seq FROM replay_checkpoints ORDER BY seq').pluck().all() as number[];
    expect(seqs[0]).toBe(7);
    // Batches are seven events, so a checkpoint falls due at most a batch after the fiftieth event.
    for (let index = 1; index < seqs.length; index += 1) expect((seqs[index] ?? 0) - (seqs[index - 1] ?? 0)).toBeLessThanOrEqual(50 + 6);
    expect(events.length - (seqs[seqs.length - 1] ?? 0)).toBeLessThanOrEqual(50 + 6);
  });

  it('keeps a checkpoint every so much floor time on a quiet floor', async () => {
    const quiet = replayHarness(() => T0, { everyEvents: 1_000_000, everyMs: 120_000 });
    try {
      for (let index = 0; index < events.length; index += 7) {
        quiet.ingest(events.slice(index, index + 7));
        await quiet.settled();
      }
      const times = quiet.store.database.prepare('SELECT time FROM replay_checkpoints ORDER BY seq').pluck().all() as number[];
      expect(times.length).toBeGreaterThanOrEqual(5);
      for (let index = 1; index < times.length; index += 1) expect((times[index] ?? 0) - (times[index - 1] ?? 0)).toBeLessThan(120_000 + 60_000);
    } finally {
      await quiet.close();
    }
  });

  it('stores checkpoints deflated, a small part of the text they hold', () => {
    const row = harness.store.database.prepare('SELECT length(state_deflated) AS bytes FROM replay_checkpoints ORDER BY seq DESC LIMIT 1').get() as { bytes: number };
    const text = serializeLiveState(applyEvents(createLiveState(), events));
    expect(row.bytes).toBeLessThan(text.length / 2);
  });

  it('gives at any past instant exactly the tiles the stored events up to it give', () => {
    const range = value(harness.api.query(ADMIN, { type: 'replay.range' }));
    const instants = [range.from, range.from + 1, T0 + 61_500, T0 + 200_000, T0 + 333_333, events[300]?.time ?? 0, T0 + 599_999, range.to];
    for (const at of instants) {
      const frame = value(harness.api.query(ADMIN, { type: 'replay.frame', at }));
      expect(frame.at).toBe(at);
      expect(frame.tiles, `tiles at +${(at - T0) / 1000}s`).toEqual(expectedTiles(harness, at));
      expect(frame.seq).toBe(Math.max(...events.filter((event) => event.time <= at).map((event) => event.seq)));
    }
  });

  it('gives the same tiles seeking backward after playing forward', () => {
    const late = value(harness.api.query(ADMIN, { type: 'replay.frame', at: T0 + 500_000 }));
    const early = value(harness.api.query(ADMIN, { type: 'replay.frame', at: T0 + 100_000 }));
    expect(early.tiles).toEqual(expectedTiles(harness, T0 + 100_000));
    expect(late.tiles).toEqual(expectedTiles(harness, T0 + 500_000));
  });

  it('shows a scoped session only its own queues', () => {
    const frame = value(harness.api.query(ORDERS_ONLY, { type: 'replay.frame', at: T0 + 300_000 }));
    expect(frame.tiles.map((tile) => tile.queueId)).toEqual(['q-orders']);
    expect(frame.tiles).toEqual(expectedTiles(harness, T0 + 300_000, ['q-orders']));
  });

  it('steps one stored event forward and back', () => {
    const start = value(harness.api.query(ADMIN, { type: 'replay.frame', at: T0 + 250_000 }));
    const forward: ReplayFrame = value(harness.api.query(ADMIN, { type: 'replay.step', epoch: start.epoch, seq: start.seq, direction: 'forward' }));
    expect(forward.seq).toBe(start.seq + 1);
    expect(forward.eventType).toBe(events[start.seq]?.type);
    const expected = expectedTilesAtSeq(harness, forward.seq);
    expect(forward.at).toBe(expected.at);
    expect(forward.tiles).toEqual(expected.tiles);
    const back = value(harness.api.query(ADMIN, { type: 'replay.step', epoch: start.epoch, seq: forward.seq, direction: 'back' }));
    expect(back.seq).toBe(start.seq);
    expect(back.tiles).toEqual(expectedTilesAtSeq(harness, start.seq).tiles);
  });

  it('refuses to step past either end of the log', () => {
    const range = value(harness.api.query(ADMIN, { type: 'replay.range' }));
    const first = value(harness.api.query(ADMIN, { type: 'replay.frame', at: range.from }));
    const backToStart = value(harness.api.query(ADMIN, { type: 'replay.step', epoch: first.epoch, seq: first.seq, direction: 'back' }));
    expect(backToStart.seq).toBe(harness.log.firstCheckpoint(LIVE_STREAM, EPOCH)?.seq);
    expect(backToStart.eventType).toBeNull();
    const before = harness.api.query(ADMIN, { type: 'replay.step', epoch: first.epoch, seq: backToStart.seq, direction: 'back' });
    expect(before).toEqual({ ok: false, error: 'This is the first moment the local log holds.' });
    const last = value(harness.api.query(ADMIN, { type: 'replay.frame', at: range.to }));
    const after = harness.api.query(ADMIN, { type: 'replay.step', epoch: last.epoch, seq: last.seq, direction: 'forward' });
    expect(after).toEqual({ ok: false, error: 'This is the last event the local log holds.' });
  });

  it('refuses a seek before the log starts, saying where it starts', () => {
    const range = value(harness.api.query(ADMIN, { type: 'replay.range' }));
    const refused = harness.api.query(ADMIN, { type: 'replay.frame', at: range.from - 1 });
    expect(refused).toEqual({ ok: false, error: `The local log starts at ${new Date(range.from).toISOString()}; nothing before it can be replayed (raw feed events are kept for the days set under Conversations, Retention).` });
  });

  it('starts a new epoch at its snapshot, whose events the log does not hold', async () => {
    const restart = T0 + 3_600_000;
    const described = [queueConfigured('q-orders', { name: 'Orders' }), agentLogin('a1', ['q-orders'])].map((event, index) => ({ ...event, seq: index + 1, time: restart }) as FloorEvent);
    harness.snapshot('after-restart', 40, described);
    harness.ingest([{ seq: 41, time: restart + 5_000, ...created('n1', 'q-orders') } as FloorEvent, { seq: 42, time: restart + 5_000, type: 'conversation.queued', conversationId: 'n1', queueId: 'q-orders' }], 'after-restart');
    await harness.settled();
    const range = value(harness.api.query(ADMIN, { type: 'replay.range' }));
    expect(range).toEqual({ epoch: 'after-restart', from: restart, to: restart + 5_000 });
    const atStart = value(harness.api.query(ADMIN, { type: 'replay.frame', at: restart }));
    expect(atStart.tiles.map((tile) => [tile.queueId, tile.metrics.queued, (tile.metrics.agentsAvailable ?? 0) + (tile.metrics.agentsAway ?? 0)])).toEqual([['q-orders', 0, 1]]);
    const later = value(harness.api.query(ADMIN, { type: 'replay.frame', at: restart + 5_000 }));
    expect(later.seq).toBe(42);
    expect(later.tiles[0]?.metrics.queued).toBe(1);
  });

  it('starts the range at the first checkpoint whose following events retention has kept', () => {
    const before = value(harness.api.query(ADMIN, { type: 'replay.range' }));
    const later = T0 + 400_000;
    const expected = expectedTiles(harness, later);
    const pruned = harness.store.pruneEvents(LIVE_STREAM, EPOCH, 100, Number.MAX_SAFE_INTEGER, 1_000);
    expect(pruned).toBe(99);
    const after = value(harness.api.query(ADMIN, { type: 'replay.range' }));
    const usable = harness.log.firstCheckpoint(LIVE_STREAM, EPOCH);
    expect(usable?.seq).toBeGreaterThanOrEqual(99);
    expect(after.from).toBe(usable?.time);
    expect(after.from).toBeGreaterThan(before.from);
    expect(harness.api.query(ADMIN, { type: 'replay.frame', at: before.from })).toMatchObject({ ok: false });
    expect(after.from).toBeLessThan(later);
    expect(value(harness.api.query(ADMIN, { type: 'replay.frame', at: later })).tiles).toEqual(expected);
    // Checkpoints retention has made useless are dropped at the next write.
    expect(harness.log.pruneCheckpoints(LIVE_STREAM, EPOCH)).toBeGreaterThan(0);
    const lowest = harness.store.database.prepare('SELECT min(seq) FROM replay_checkpoints').pluck().get() as number;
    expect(lowest).toBe(usable?.seq);
  });
});
