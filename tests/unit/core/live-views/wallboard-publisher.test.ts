/**
 * The wallboard.live publisher over a scripted floor: the snapshot, then diffs carrying agents,
 * minute points, ticker alerts and the leaderboard; queue scope; and the bounded diff rate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WallboardLiveMessage } from '../../../../src-shared/api/wallboard.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import { applyEventsTracked, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import type { LiveState } from '../../../../src-main/core/floor-state/state.js';
import type { LiveChange } from '../../../../src-main/core/live-views/live-source.js';
import { createWallboardLivePublisher, upsertPoint, type WallboardLivePublisher } from '../../../../src-main/core/live-views/wallboard-publisher.js';
import { agentLogin, created, floorScript, queueConfigured, THRESHOLDS, type FloorScript } from '../floor-state/floor-script.js';
import { waitFor } from '../../../support/host-process.js';
import { manualTimers } from '../../../support/manual-timers.js';
import type { PacerTimers } from '../../../../src-main/core/live-views/pacer.js';

const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const everyone: Session = { userId: 'sam', displayName: 'Sam', role: 'wfm_leader', queueScope: null };

interface Floor {
  readonly script: FloorScript;
  readonly publisher: WallboardLivePublisher;
  /** Applies events from the script's position and tells the publisher. */
  apply(clock: number): void;
  setClock(clock: number): void;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function floor(options: { minIntervalMs?: number; leaderboardIntervalMs?: number; timers?: PacerTimers } = {}): Floor {
  const script = floorScript();
  let state: LiveState = createLiveState();
  let applied = 0;
  let clock = T0;
  const listeners = new Set<(change: LiveChange) => void>();
  const source = {
    live: () => state,
    floorNow: () => clock,
    onLiveChange: (listener: (change: LiveChange) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const publisher = createWallboardLivePublisher(source, {
    minIntervalMs: options.minIntervalMs ?? 250,
    leaderboardIntervalMs: options.leaderboardIntervalMs ?? 0,
    tickMs: 20,
    ...(options.timers ? { timers: options.timers } : {}),
  });
  cleanups.push(() => publisher.close());
  return {
    script,
    publisher,
    apply(now) {
      clock = now;
      const events = script.since(applied);
      applied = script.events.length;
      const tracked = applyEventsTracked(state, events);
      state = tracked.state;
      for (const listener of listeners) listener({ events, changedQueues: tracked.changedQueues, replaced: false });
    },
    setClock(now) {
      clock = now;
    },
  };
}

function collect(publisher: WallboardLivePublisher, session: Session): { messages: WallboardLiveMessage[]; arrivals: number[]; stop: () => void } {
  const messages: WallboardLiveMessage[] = [];
  const arrivals: number[] = [];
  const stop = publisher.subscribe(session, (message) => {
    messages.push(message);
    arrivals.push(Date.now());
  });
  cleanups.push(stop);
  return { messages, arrivals, stop };
}

const diffs = (messages: readonly WallboardLiveMessage[]) => messages.filter((message): message is Extract<WallboardLiveMessage, { kind: 'diff' }> => message.kind === 'diff');

describe('upsertPoint', () => {
  it('keeps one point per minute in time order and drops those past the horizon', () => {
    const point = (minute: number, queued: number) => ({ at: minute * 60_000, queued, serviceLevelPct: null, entered: 0 });
    let points = upsertPoint([], point(3, 1));
    points = upsertPoint(points, point(1, 1));
    points = upsertPoint(points, point(3, 5));
    expect(points).toEqual([point(1, 1), point(3, 5)]);
    expect(upsertPoint(points, point(5, 0), 3 * 60_000)).toEqual([point(3, 5), point(5, 0)]);
  });
});

describe('wallboard.live', () => {
  it('sends a snapshot, then agents, minute points and alerts in diffs', async () => {
    const { script, publisher, apply } = floor();
    script.emit(T0, queueConfigured('q1', { name: 'Billing', thresholds: { ...THRESHOLDS, queuedLow: 2, queuedHigh: 3 } }));
    script.emit(T0, agentLogin('a1', ['q1']));
    script.emit(T0, { type: 'agent.status', agentId: 'a1', kind: 'available', reason: 'Ready' });
    apply(T0);
    const { messages } = collect(publisher, everyone);
    expect(messages[0]).toMatchObject({ kind: 'snapshot', agents: [{ agentId: 'a1', statusKind: 'available', busy: false }], ticker: [] });
    expect(messages[0]!.kind === 'snapshot' && messages[0]!.series.q1).toEqual([{ at: T0, queued: 0, serviceLevelPct: null, entered: 0 }]);

    for (const id of ['c1', 'c2', 'c3']) {
      script.emit(T0 + 1_000, created(id, 'q1'));
      script.emit(T0 + 1_000, { type: 'conversation.queued', conversationId: id, queueId: 'q1' });
    }
    script.emit(T0 + 2_000, { type: 'conversation.assigned', conversationId: 'c1', queueId: 'q1', agentId: 'a1' });
    script.emit(T0 + 3_000, { type: 'queue.mitigation', queueId: 'q1', state: 'paused' });
    apply(T0 + 3_000);
    await waitFor(() => diffs(messages).some((message) => message.tickerAppend.length >= 2), { what: 'alerts in a diff' });
    const received = diffs(messages);
    expect(received.flatMap((message) => message.agentsUpsert)).toContainEqual(expect.objectContaining({ agentId: 'a1', busy: true }));
    expect(received.flatMap((message) => message.seriesAppend.q1 ?? []).at(-1)).toEqual({ at: T0, queued: 2, serviceLevelPct: 100, entered: 3 });
    const ticker = received.flatMap((message) => message.tickerAppend);
    expect(ticker).toContainEqual(expect.objectContaining({ queueId: 'q1', severity: 'warning', text: 'Billing: 2 waiting (low threshold 2)' }));
    expect(ticker).toContainEqual(expect.objectContaining({ queueId: 'q1', severity: 'critical', text: 'Billing: paused (no new assignments)' }));
    expect(received.flatMap((message) => message.leaderboard ?? [])).toContainEqual(expect.objectContaining({ agentId: 'a1', assignmentsToday: 1 }));
  });

  it('starts a new point when the floor minute turns, and keeps what entered in each minute', async () => {
    const { script, publisher, apply, setClock } = floor();
    script.emit(T0, queueConfigured('q1'));
    script.emit(T0 + 5_000, created('c1', 'q1'));
    script.emit(T0 + 5_000, { type: 'conversation.queued', conversationId: 'c1', queueId: 'q1' });
    apply(T0 + 5_000);
    const { messages } = collect(publisher, everyone);
    setClock(T0 + 61_000);
    await waitFor(() => diffs(messages).some((message) => message.seriesAppend.q1?.some((point) => point.at === T0 + 60_000)), { what: 'the next minute' });
    const late = collect(publisher, everyone).messages[0];
    expect(late?.kind === 'snapshot' && late.series.q1).toEqual([
      { at: T0, queued: 1, serviceLevelPct: null, entered: 1 },
      { at: T0 + 60_000, queued: 1, serviceLevelPct: null, entered: 0 },
    ]);
  });

  it('shows a scoped session only its queues and their agents', async () => {
    const { script, publisher, apply } = floor();
    script.emit(T0, queueConfigured('q1'));
    script.emit(T0, queueConfigured('q2'));
    script.emit(T0, agentLogin('a1', ['q1']));
    script.emit(T0, agentLogin('a2', ['q2']));
    apply(T0);
    const scoped = collect(publisher, { ...everyone, queueScope: ['q2'] });
    const snapshot = scoped.messages[0];
    if (snapshot?.kind !== 'snapshot') throw new Error('no snapshot');
    expect(snapshot.agents.map((agent) => agent.agentId)).toEqual(['a2']);
    expect(Object.keys(snapshot.series)).toEqual(['q2']);
    script.emit(T0 + 1_000, { type: 'queue.mitigation', queueId: 'q1', state: 'paused' });
    script.emit(T0 + 1_000, { type: 'agent.status', agentId: 'a1', kind: 'away', reason: 'Break' });
    script.emit(T0 + 1_000, { type: 'queue.mitigation', queueId: 'q2', state: 'custom_message' });
    apply(T0 + 1_000);
    await waitFor(() => diffs(scoped.messages).some((message) => message.tickerAppend.length > 0), { what: 'a diff' });
    for (const message of diffs(scoped.messages)) {
      expect(message.tickerAppend.every((item) => item.queueId === 'q2')).toBe(true);
      expect(message.agentsUpsert.every((agent) => agent.agentId === 'a2')).toBe(true);
      expect(Object.keys(message.seriesAppend).every((queueId) => queueId === 'q2')).toBe(true);
    }
  });

  it('sends diffs no closer together than its interval however busy the floor is', () => {
    // A clock moved by hand: the spacing is the publisher's, not the test machine's load.
    const timers = manualTimers(0);
    const { script, publisher, apply } = floor({ minIntervalMs: 250, timers });
    script.emit(T0, queueConfigured('q1'));
    script.emit(T0, agentLogin('a1', ['q1']));
    apply(T0);
    const sentAt: number[] = [];
    const messages: WallboardLiveMessage[] = [];
    cleanups.push(
      publisher.subscribe(everyone, (message) => {
        messages.push(message);
        sentAt.push(timers.now());
      }),
    );
    let time = T0;
    // An event every 7 ms for 840 ms: each one would be a diff without the bound.
    for (let round = 0; round < 120; round += 1) {
      time += 1_000;
      script.emit(time, { type: 'agent.status', agentId: 'a1', kind: round % 2 === 0 ? 'away' : 'available', reason: `r${round}` });
      apply(time);
      timers.advance(7);
    }
    timers.advance(250);
    const diffTimes = sentAt.filter((_, index) => messages[index]!.kind === 'diff');
    // 120 events over 840 ms: the first goes out at once, the rest at most every 250 ms.
    expect(diffTimes).toEqual([0, 250, 500, 750, 1_000]);
    // The last status the floor reached is the one the last diff carries.
    const last = diffs(messages).at(-1)!;
    expect(last.agentsUpsert.at(-1)?.agentId).toBe('a1');
  });
  it('diffs agents only while a board is open: a board opening later gets them as they are, then only those that changed', () => {
    const timers = manualTimers(0);
    const { script, publisher, apply } = floor({ minIntervalMs: 250, timers });
    script.emit(T0, queueConfigured('q1'));
    for (const agentId of ['a1', 'a2', 'a3']) script.emit(T0, agentLogin(agentId, ['q1']));
    apply(T0);
    timers.advance(300);
    // Changes while no board is open, each flushed with no one to send to.
    script.emit(T0 + 1_000, { type: 'agent.status', agentId: 'a1', kind: 'away', reason: 'Break' });
    script.emit(T0 + 1_000, { type: 'agent.logout', agentId: 'a3' });
    apply(T0 + 1_000);
    timers.advance(300);
    const board = collect(publisher, everyone);
    const snapshot = board.messages[0];
    if (snapshot?.kind !== 'snapshot') throw new Error('no snapshot');
    expect(snapshot.agents.map((agent) => [agent.agentId, agent.statusKind])).toEqual([
      ['a1', 'away'],
      ['a2', 'away'],
    ]);
    // a2 changes; a1 gets a new record with the same tile (away, so a conversation makes it no busier on the board).
    script.emit(T0 + 2_000, { type: 'agent.status', agentId: 'a2', kind: 'available', reason: 'Ready' });
    script.emit(T0 + 2_000, created('c1', 'q1'));
    script.emit(T0 + 2_000, { type: 'conversation.queued', conversationId: 'c1', queueId: 'q1' });
    script.emit(T0 + 2_000, { type: 'conversation.assigned', conversationId: 'c1', queueId: 'q1', agentId: 'a1' });
    apply(T0 + 2_000);
    timers.advance(300);
    const upserts = diffs(board.messages).flatMap((message) => message.agentsUpsert.map((agent) => [agent.agentId, agent.statusKind]));
    expect(upserts).toEqual([['a2', 'available']]);
    expect(diffs(board.messages).flatMap((message) => message.agentsRemove)).toEqual([]);
  });
});
