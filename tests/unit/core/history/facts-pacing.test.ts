import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_EVENTS_PER_S } from '../../../../src-main/core/history/busy-pacer.js';
import { BUSY_EVERY_MS, BUSY_SLICE, FactsPacer, QUIET_SLICE } from '../../../../src-main/core/history/facts-pacer.js';
import type { FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { conversationEvents, historyHarness, MINUTE, setupEvents, T0, type HistoryHarness } from './history-test-kit.js';

/**
 * The facts of finished conversations are paced while the feed is busy (ADR 0049, addendum 3):
 * gathered for a while after they last caught up, then stored oldest first one small transaction
 * a turn, and at once when the feed is quiet; none is lost. On a clock the test moves.
 */
let harnesses: HistoryHarness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.map((harness) => harness.close()));
  harnesses = [];
});

/** The history area over a monotonic clock the test moves. */
function paced(): { readonly target: HistoryHarness; advance(ms: number): void } {
  let time = 5_000_000;
  const target = historyHarness({ search: { searchWorkers: 0, clock: () => time } });
  harnesses.push(target);
  target.ingest(setupEvents(T0 - MINUTE));
  return { target, advance: (ms) => (time += ms) };
}

/** `count` conversations that finish within the batch, each with 22 messages (26 events a conversation). */
function finished(prefix: string, count: number, start: number): { readonly ids: string[]; readonly events: FloorEventInput[] } {
  const ids = Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(3, '0')}`);
  const conversations = ids.map((id, index) =>
    conversationEvents({ id, createdAt: start + index * 1_000, messages: Array.from({ length: 22 }, (_, at) => [at * 5 + 1, at % 2 === 0 ? 'customer' : 'agent', 'hello'] as const), handleSec: 200 }),
  );
  return { ids, events: conversations.flat().sort((left, right) => left.time - right.time) };
}

/** Which of `ids` have both their search facts and Historical Insights' facts stored. */
function withFacts(target: HistoryHarness, ids: readonly string[]): string[] {
  const has = target.store.database.prepare<[{ id: string }], number>(
    `SELECT EXISTS (SELECT 1 FROM history_facts WHERE conversation_id = @id) AND EXISTS (SELECT 1 FROM insight_facts WHERE conversation_id = @id)`,
  ).pluck();
  return ids.filter((id) => has.get({ id }) === 1);
}

describe('FactsPacer', () => {
  it('gives small slices and a wait after catching up only while the feed is busy', () => {
    let time = 0;
    const pacer = new FactsPacer(() => time);
    pacer.noteEvents(BUSY_EVENTS_PER_S - 1);
    pacer.caughtUp();
    expect(pacer.slice()).toEqual(QUIET_SLICE);
    expect(pacer.waitMs()).toBe(0);
    pacer.noteEvents(1);
    expect(pacer.slice()).toEqual(BUSY_SLICE);
    expect(pacer.waitMs()).toBe(BUSY_EVERY_MS);
    time += 1_500;
    expect(pacer.waitMs()).toBe(BUSY_EVERY_MS - 1_500);
    time += 1_000;
    expect(pacer.waitMs()).toBe(0);
    expect(pacer.slice()).toEqual(QUIET_SLICE);
  });
});

describe('facts of finished conversations while the feed is busy', () => {
  it('are gathered after they caught up, then stored oldest first one small slice a turn, none lost', async () => {
    const { target, advance } = paced();
    const first = finished('c-first', 45, T0);
    expect(first.events.length).toBeGreaterThanOrEqual(BUSY_EVENTS_PER_S);
    target.ingest(first.events);
    // Never caught up before: they start at once.
    await target.area.internals.metricsIdle();
    expect(withFacts(target, first.ids)).toEqual(first.ids);

    // Busy, just caught up: the next conversations wait, however many turns go by.
    const second = finished('c-second', 20, T0 + 10 * MINUTE);
    target.ingest(second.events);
    for (let turn = 0; turn < 30; turn += 1) await nextTurn();
    expect(withFacts(target, second.ids)).toEqual([]);

    // Still busy once the wait is over: one chunk a turn, the oldest first.
    advance(BUSY_EVERY_MS);
    // More than three chunks: each of the first three turns stores a proper prefix.
    const third = finished('c-third', 3 * BUSY_SLICE.chunk, T0 + 20 * MINUTE);
    target.ingest(third.events);
    const order = [...second.ids, ...third.ids];
    for (let turn = 1; turn <= 3; turn += 1) {
      await nextTurn();
      expect(withFacts(target, order)).toEqual(order.slice(0, turn * BUSY_SLICE.chunk));
    }
    // (Not metricsIdle: the agent-time pass, paced on the same clock, waits on while the feed is busy.)
    for (let turn = 4; turn <= order.length / BUSY_SLICE.chunk + 1; turn += 1) await nextTurn();
    expect(withFacts(target, order)).toEqual(order);
  });

  it('take turns with the agent-time pass when both are due', async () => {
    const { target } = paced();
    const busy = finished('c-busy', 3 * BUSY_SLICE.chunk, T0);
    // A status change: the agent-time pass has a step to take now too (it never caught up).
    target.ingest([...busy.events, { type: 'agent.status', time: T0 + 30 * MINUTE, agentId: 'a-2', kind: 'away', reason: 'Break' }]);
    const done: number[] = [];
    for (let turn = 0; turn < 4; turn += 1) {
      await nextTurn();
      done.push(withFacts(target, busy.ids).length);
    }
    // A facts slice, then the agent-time step's turn (no facts), then facts again.
    expect(done).toEqual([BUSY_SLICE.chunk, BUSY_SLICE.chunk, 2 * BUSY_SLICE.chunk, 2 * BUSY_SLICE.chunk]);
  });

  it('are stored at once, in one turn, once the feed is quiet again', async () => {
    const { target, advance } = paced();
    target.ingest(finished('c-busy', 45, T0).events);
    await target.area.internals.metricsIdle();
    // A second with no events, then a few: quiet, so no wait and the quiet slice.
    advance(2_000);
    const quiet = finished('c-quiet', 20, T0 + 10 * MINUTE);
    expect(quiet.events.length).toBeLessThan(BUSY_EVENTS_PER_S);
    target.ingest(quiet.events);
    await nextTurn();
    expect(withFacts(target, quiet.ids)).toEqual(quiet.ids);
  });
});
