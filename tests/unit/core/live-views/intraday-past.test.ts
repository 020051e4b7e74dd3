/**
 * One past for every view: a wallboard's series on a console started mid-day carry the day's
 * earlier hours from the cache (the 15-minute rollups, and the per-conversation rows for the
 * service level), joined with the live minutes. A real SQLite store holds the earlier buckets;
 * the live state starts later, from a snapshot, as a console started at 07:40 does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SeriesPoint, WallboardLiveMessage } from '../../../../src-shared/api/wallboard.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import { applyEventsTracked, applySnapshot } from '../../../../src-main/core/floor-state/reducer.js';
import type { LiveState } from '../../../../src-main/core/floor-state/state.js';
import { createIntradayPastSource } from '../../../../src-main/core/live-views/intraday-past-source.js';
import { createDayPast } from '../../../../src-main/core/live-views/day-past.js';
import { pastSeries, readIntradayPast, type PastQueue } from '../../../../src-main/core/live-views/intraday-past.js';
import type { LiveChange } from '../../../../src-main/core/live-views/live-source.js';
import { createWallboardLivePublisher } from '../../../../src-main/core/live-views/wallboard-publisher.js';
import type { FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { StoreSandbox, ingestAll, sequence } from '../store/fixtures.js';
import { agentLogin, created, floorScript, queueConfigured } from '../floor-state/floor-script.js';

const MIDNIGHT = Date.UTC(2025, 0, 6);
const at = (hour: number, minute: number, second = 0): number => MIDNIGHT + ((hour * 60 + minute) * 60 + second) * 1000;
const QUEUE: PastQueue = { queueId: 'Q', timeZone: 'UTC', serviceLevelTargetSec: 60 };
const everyone: Session = { userId: 'sam', displayName: 'Sam', role: 'wfm_leader', queueScope: null };

/** The night and morning before the console started, as the cache holds them. */
function earlierHours(): FloorEventInput[] {
  const conversation = (id: string, time: number): FloorEventInput => ({ type: 'conversation.created', time, conversationId: id, queueId: 'Q', channel: 'chat', intent: 'billing', customer: { customerId: `cu-${id}` } });
  const queued = (id: string, time: number): FloorEventInput => ({ type: 'conversation.queued', time, conversationId: id, queueId: 'Q' });
  const assigned = (id: string, time: number): FloorEventInput => ({ type: 'conversation.assigned', time, conversationId: id, queueId: 'Q', agentId: 'A1' });
  const abandoned = (id: string, time: number): FloorEventInput => ({ type: 'conversation.abandoned', time, conversationId: id, queueId: 'Q' });
  const ended = (id: string, time: number): FloorEventInput => ({ type: 'conversation.ended', time, conversationId: id, disposition: 'resolved' });
  return [
    { ...queueConfigured('Q', { timeZone: 'UTC', serviceLevelTargetSec: 60 }), time: at(0, 0) } as FloorEventInput,
    { ...agentLogin('A1', ['Q'], 2), time: at(0, 0) } as FloorEventInput,
    // 00:00 bucket: C1 answered after 30 s (within), C2 left after 3 s (a short abandon, excluded).
    conversation('C1', at(0, 1)), queued('C1', at(0, 1)), assigned('C1', at(0, 1, 30)), ended('C1', at(0, 9)),
    conversation('C2', at(0, 5)), queued('C2', at(0, 5)), abandoned('C2', at(0, 5, 3)),
    // 03:00 bucket: C3 answered after 120 s (late), C4 left after 60 s (eligible, not met).
    conversation('C3', at(3, 0)), queued('C3', at(3, 0)), assigned('C3', at(3, 2)), ended('C3', at(3, 9)),
    conversation('C4', at(3, 10)), queued('C4', at(3, 10)), abandoned('C4', at(3, 11)),
    // 07:30 bucket, before the console started at 07:40: C5 answered after 20 s, over at 07:35.
    conversation('C5', at(7, 31)), queued('C5', at(7, 31)), assigned('C5', at(7, 31, 20)), ended('C5', at(7, 35)),
  ];
}

const sandboxes: StoreSandbox[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const sandbox of sandboxes.splice(0)) sandbox.close();
});

function cachedStore() {
  const sandbox = new StoreSandbox();
  sandboxes.push(sandbox);
  const store = sandbox.open({ now: () => at(7, 40) });
  ingestAll(store, sequence(earlierHours()));
  return store;
}

describe('the past of the intraday series', () => {
  it('gives one point per stored bucket: entered, mean waiting, service level since midnight', () => {
    const source = cachedStore().repository(createIntradayPastSource);
    const points = readIntradayPast(source, QUEUE, at(0, 0) - 3_600_000, at(7, 40));
    expect(points.map((point) => point.at)).toEqual([at(0, 0), at(3, 0), at(7, 30)]);
    expect(points.map((point) => point.entered)).toEqual([2, 2, 1]);
    // (30 s + 3 s) / 900 s rounds to 0.0; (120 s + 60 s) / 900 s = 0.2; 20 s / 900 s rounds to 0.0.
    expect(points.map((point) => point.queued)).toEqual([0, 0.2, 0]);
    // Cumulative since midnight: 1 of 1; 1 of 3 (C3 late, C4 abandoned after 5 s); 2 of 4.
    expect(points.map((point) => point.serviceLevelPct)).toEqual([100, 100 / 3, 50]);
  });

  it('restarts the service level at the queue’s midnight', () => {
    const points = pastSeries(QUEUE, [], [
      { bucketStart: at(0, 0) - 900_000, within: 0, eligible: 4 },
      { bucketStart: at(0, 0), within: 1, eligible: 1 },
    ]);
    expect(points.map((point) => point.serviceLevelPct)).toEqual([0, 100]);
  });
});

describe('a wallboard on a console started at 07:40', () => {
  it("shows the hours before it started, and today's service level from midnight", async () => {
    const store = cachedStore();
    const source = store.repository(createIntradayPastSource);
    // The live state starts from the feed's snapshot at 07:40: its counters cover only what follows.
    const script = floorScript(100);
    script.emit(at(7, 40), queueConfigured('Q', { timeZone: 'UTC', serviceLevelTargetSec: 60 }));
    script.emit(at(7, 40), agentLogin('A1', ['Q'], 2));
    script.emit(at(7, 40), { type: 'agent.status', agentId: 'A1', kind: 'available', reason: 'Ready' });
    let state: LiveState = applySnapshot(script.events, 102);
    expect(state.observedSince).toBe(at(7, 40));
    let clock = at(7, 40);
    const listeners = new Set<(change: LiveChange) => void>();
    // The views read the state with the cache's part of the day added, as the core's live() gives it.
    const dayPast = createDayPast(source);
    const publisher = createWallboardLivePublisher(
      { live: () => dayPast.withPast(state), floorNow: () => clock, onLiveChange: (listener) => (listeners.add(listener), () => listeners.delete(listener)) },
      { minIntervalMs: 0, tickMs: 20, past: { series: (queue, from, to) => readIntradayPast(source, queue, from, to) } },
    );
    cleanups.push(() => publisher.close());

    // 07:41: C6 answered after 10 s, live.
    const live = floorScript(103);
    live.emit(at(7, 41), created('C6', 'Q'));
    live.emit(at(7, 41), { type: 'conversation.queued', conversationId: 'C6', queueId: 'Q' });
    live.emit(at(7, 41, 10), { type: 'conversation.assigned', conversationId: 'C6', queueId: 'Q', agentId: 'A1' });
    clock = at(7, 42);
    const tracked = applyEventsTracked(state, live.events);
    state = tracked.state;
    for (const listener of listeners) listener({ events: live.events, changedQueues: tracked.changedQueues, replaced: false });

    const messages: WallboardLiveMessage[] = [];
    const stop = publisher.subscribe(everyone, (message) => messages.push(message));
    cleanups.push(stop);
    const snapshot = messages[0];
    if (snapshot?.kind !== 'snapshot') throw new Error('the first message is not a snapshot');
    const points: readonly SeriesPoint[] = snapshot.series['Q'] ?? [];
    // The past first, one point per cached bucket before the first live minute, then the live minutes.
    expect(points.slice(0, 3).map((point) => point.at)).toEqual([at(0, 0), at(3, 0), at(7, 30)]);
    expect(points.slice(3).every((point) => point.at >= at(7, 40))).toBe(true);
    expect(points.map((point) => point.at)).toEqual([...points.map((point) => point.at)].sort((a, b) => a - b));
    // Service level today at 07:42: 2 of 4 from the cache before 07:40, plus C6 within target live.
    expect(points.at(-1)?.serviceLevelPct).toBeCloseTo(60, 10);
  });
});
