/**
 * One past for every view: the "today" figures of a console started mid-day count from the
 * queue's midnight, the hours before it started read from a real SQLite cache (the conversation
 * rows the wallboard's past reads too); a cache that starts later, or stops well before the
 * console started, gives a partial day or none — said, never counted as zero.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { explainMetric } from '../../../../src-main/core/floor-state/explain.js';
import { buildQueueTile } from '../../../../src-main/core/floor-state/overview.js';
import { applyEventsTracked, applySnapshot } from '../../../../src-main/core/floor-state/reducer.js';
import type { LiveState } from '../../../../src-main/core/floor-state/state.js';
import { createDayPast } from '../../../../src-main/core/live-views/day-past.js';
import { createIntradayPastSource } from '../../../../src-main/core/live-views/intraday-past-source.js';
import type { Store } from '../../../../src-main/core/store/store.js';
import { partialDayNote } from '../../../../src-renderer/format/metric-format.js';
import { buildQueuePanel } from '../../../../src-main/core/live-insights/conversation-rows.js';
import { StoreSandbox, ingestAll, sequence } from '../store/fixtures.js';
import { agentLogin, created, floorScript, queueConfigured } from '../floor-state/floor-script.js';

const MIDNIGHT = Date.UTC(2025, 0, 6);
const at = (hour: number, minute: number, second = 0): number => MIDNIGHT + ((hour * 60 + minute) * 60 + second) * 1000;

const sandboxes: StoreSandbox[] = [];
afterEach(() => {
  for (const sandbox of sandboxes.splice(0)) sandbox.close();
});

/** A conversation's life in the queue Q, as the cache stores it. */
function conversation(id: string, steps: { created: number; assigned?: number; ended?: number; abandoned?: number; disposition?: 'resolved' | 'unresolved' }): FloorEventInput[] {
  const events: FloorEventInput[] = [
    { type: 'conversation.created', time: steps.created, conversationId: id, queueId: 'Q', channel: 'chat', intent: 'billing', customer: { customerId: `cu-${id}` } },
    { type: 'conversation.queued', time: steps.created, conversationId: id, queueId: 'Q' },
  ];
  if (steps.assigned !== undefined) events.push({ type: 'conversation.assigned', time: steps.assigned, conversationId: id, queueId: 'Q', agentId: 'A1' });
  if (steps.abandoned !== undefined) events.push({ type: 'conversation.abandoned', time: steps.abandoned, conversationId: id, queueId: 'Q' });
  if (steps.ended !== undefined) events.push({ type: 'conversation.ended', time: steps.ended, conversationId: id, disposition: steps.disposition ?? 'resolved' });
  return events;
}

function cache(events: FloorEventInput[]): Store {
  const sandbox = new StoreSandbox();
  sandboxes.push(sandbox);
  const store = sandbox.open({ now: () => at(12, 0) });
  const setup: FloorEventInput[] = [
    { ...queueConfigured('Q', { timeZone: 'UTC', serviceLevelTargetSec: 60 }), time: at(0, 0) - 3_600_000 } as FloorEventInput,
    { ...agentLogin('A1', ['Q'], 2), time: at(0, 0) - 3_600_000 } as FloorEventInput,
  ];
  ingestAll(store, sequence([...setup, ...events].sort((a, b) => a.time - b.time)));
  return store;
}

/** The console's live state from the feed's snapshot at `start`: the queue, its agent, and the conversations open then. */
function startedAt(start: number, open: FloorEventInput[] = []): LiveState {
  const script = floorScript(1000);
  script.emit(start, queueConfigured('Q', { timeZone: 'UTC', serviceLevelTargetSec: 60 }));
  script.emit(start, agentLogin('A1', ['Q'], 2));
  script.emit(start, { type: 'agent.status', agentId: 'A1', kind: 'available', reason: 'Ready' });
  for (const event of open) script.emit(event.time, event);
  return applySnapshot(script.events, 1000 + script.events.length);
}

describe("today's figures on a console started at 07:40 with the earlier hours in the cache", () => {
  // Hand-computed: C0 (assigned yesterday 23:59, ended 00:05: a finished assignment of today, not
  // an entry); C1 within target; C2 a short abandon; C3 late; C4 abandoned after 60 s; C5 within.
  const earlier = [
    ...conversation('C0', { created: at(0, 0) - 10 * 60_000, assigned: at(0, 0) - 60_000, ended: at(0, 5) }),
    ...conversation('C1', { created: at(0, 1), assigned: at(0, 1, 30), ended: at(0, 10) }),
    ...conversation('C2', { created: at(0, 5), abandoned: at(0, 5, 3) }),
    ...conversation('C3', { created: at(3, 0), assigned: at(3, 2), ended: at(3, 20), disposition: 'unresolved' }),
    ...conversation('C4', { created: at(3, 10), abandoned: at(3, 11) }),
    ...conversation('C5', { created: at(7, 31), assigned: at(7, 31, 20), ended: at(7, 35) }),
  ];
  // C7 is still waiting at 07:40: the snapshot carries it (and the cache holds it, open).
  const c7 = conversation('C7', { created: at(7, 38) });

  function dayAt742(): { live: LiveState; view: LiveState } {
    const store = cache([...earlier, ...c7]);
    let live = startedAt(at(7, 40), c7);
    const script = floorScript(2000);
    script.emit(at(7, 41), created('C6', 'Q'));
    script.emit(at(7, 41), { type: 'conversation.queued', conversationId: 'C6', queueId: 'Q' });
    script.emit(at(7, 41, 10), { type: 'conversation.assigned', conversationId: 'C6', queueId: 'Q', agentId: 'A1' });
    live = applyEventsTracked(live, script.events).state;
    return { live, view: createDayPast(store.repository(createIntradayPastSource)).withPast(live) };
  }

  it('counts from midnight: the cached hours plus the live ones, none twice', () => {
    const { live, view } = dayAt742();
    const before = buildQueueTile(live, 'Q', at(7, 42));
    expect(before.todaySince).toBe(at(7, 40));
    expect(before.metrics.offeredToday).toBe(2);

    const tile = buildQueueTile(view, 'Q', at(7, 42));
    expect(tile.todaySince).toBe(MIDNIGHT);
    expect(partialDayNote(tile)).toBeNull();
    // Entered C1..C5 before 07:40, C7 (snapshot) and C6 (live) after.
    expect(tile.metrics.enteredToday).toBe(7);
    expect(tile.metrics.offeredToday).toBe(7);
    expect(tile.metrics.assignedToday).toBe(4);
    expect(tile.metrics.abandonedToday).toBe(2);
    // Within target: C1, C5, C6 of eligible C1, C3, C4, C5, C6 (C2 left within 5 s).
    expect(tile.metrics.serviceLevelPct).toBeCloseTo(60, 10);
    // Finished assignments C0 (360 s), C1 (510 s), C3 (1080 s), C5 (220 s).
    expect(tile.metrics.ahtTodaySec).toBeCloseTo(542.5, 10);
    expect(tile.metrics.resolutionRatePct).toBeCloseTo(75, 10);
    expect(tile.metrics.abandonRatePct).toBeCloseTo((100 * 2) / 7, 10);
  });

  it('says "not known" for what the cache does not keep: time-outs and slot time', () => {
    const { live, view } = dayAt742();
    expect(buildQueueTile(live, 'Q', at(7, 42)).metrics.timedOutToday).toBe(0);
    const tile = buildQueueTile(view, 'Q', at(7, 42));
    expect(tile.metrics.timedOutToday).toBeNull();
    expect(tile.metrics.occupancyTodayPct).toBeNull();
    expect(tile.metrics.concurrencyToday).toBeNull();
    // Its explanation says why, and what the live part alone holds.
    expect(explainMetric(view, ['Q'], 'timedOutToday', at(7, 42)).summary).toMatch(/^Not known for the day: .*Since the start: 0 /);
    expect(explainMetric(view, ['Q'], 'offeredToday', at(7, 42)).summary).toMatch(/^7 /);
  });

  it('reads the same view for the same state, and the live state is left as it was', () => {
    const store = cache([...earlier, ...c7]);
    const live = startedAt(at(7, 40), c7);
    const past = createDayPast(store.repository(createIntradayPastSource));
    expect(past.withPast(live)).toBe(past.withPast(live));
    expect(live.today.get('Q')?.entered).toBe(1);
    expect(live.today.get('Q')?.pastUntil).toBeUndefined();
  });
});

describe("today's figures when the cache does not hold the whole morning", () => {
  it('counts from 09:00 on a cache that starts at 09:00, and says so', () => {
    const store = cache(conversation('D1', { created: at(9, 0), assigned: at(9, 0, 30), ended: at(9, 50) }));
    const view = createDayPast(store.repository(createIntradayPastSource)).withPast(startedAt(at(10, 0)));
    const tile = buildQueueTile(view, 'Q', at(10, 5));
    expect(tile.todaySince).toBe(at(9, 0));
    expect(tile.metrics.offeredToday).toBe(1);
    expect(tile.metrics.assignedToday).toBe(1);
    expect(tile.metrics.timedOutToday).toBeNull();
    expect(partialDayNote(tile)).toMatchObject({ since: expect.stringContaining('09:00') as unknown as string });
    expect(partialDayNote(tile)?.explanation).toContain('not known');
    // The queue page's panel says the same.
    const panel = buildQueuePanel(view, ['Q'], at(10, 5), (queue) => queue.thresholds);
    expect(panel).toMatchObject({ dayStart: MIDNIGHT, todaySince: at(9, 0), timeZone: 'UTC' });
    expect(panel.metrics.timedOutToday).toBeNull();
    expect(partialDayNote(panel)?.since).toBe(partialDayNote(tile)?.since);
  });

  it('adds nothing from a cache that stops hours before the console started: the day counts from the start', () => {
    const store = cache(conversation('E1', { created: at(5, 0), assigned: at(5, 0, 30), ended: at(6, 0) }));
    const live = startedAt(at(10, 0));
    const view = createDayPast(store.repository(createIntradayPastSource)).withPast(live);
    expect(view).toBe(live);
    const tile = buildQueueTile(view, 'Q', at(10, 5));
    expect(tile.todaySince).toBe(at(10, 0));
    expect(tile.metrics.offeredToday).toBe(0);
    expect(partialDayNote(tile)?.explanation).toContain('not known');
  });

  it('adds nothing from an empty cache', () => {
    const sandbox = new StoreSandbox();
    sandboxes.push(sandbox);
    const live = startedAt(at(7, 40));
    expect(createDayPast(sandbox.open().repository(createIntradayPastSource)).withPast(live)).toBe(live);
  });
});
