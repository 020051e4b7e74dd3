import { describe, expect, it } from 'vitest';
import type { AgentTile, SeriesPoint, WallboardLiveMessage } from '../../../../src-shared/api/wallboard.js';
import {
  createWallboardLiveStore,
  initialWallboardLiveState,
  mergeSeries,
  reduceWallboardLive,
  SERIES_KEEP_MS,
  TICKER_KEEP,
  type WallboardLiveState,
} from '../../../../src-renderer/views/wallboard/live-data.js';

const MINUTE = 60_000;
const T = 1_000 * MINUTE;

function point(minute: number, queued = 0, serviceLevelPct: number | null = null, entered = 0): SeriesPoint {
  return { at: minute * MINUTE, queued, serviceLevelPct, entered };
}

function agent(agentId: string, overrides: Partial<AgentTile> = {}): AgentTile {
  return { agentId, name: `Agent ${agentId}`, statusKind: 'available', busy: false, statusSince: 0, queueIds: ['q-1'], ...overrides };
}

function snapshot(overrides: Partial<Extract<WallboardLiveMessage, { kind: 'snapshot' }>> = {}): WallboardLiveMessage {
  return { kind: 'snapshot', asOfSeq: 10, asOfTime: T, agents: [agent('a'), agent('b')], series: { 'q-1': [point(998, 1), point(999, 2)] }, ticker: [], leaderboard: [], ...overrides };
}

function diff(overrides: Partial<Extract<WallboardLiveMessage, { kind: 'diff' }>> = {}): WallboardLiveMessage {
  return { kind: 'diff', asOfSeq: 11, asOfTime: T + 1000, agentsUpsert: [], agentsRemove: [], seriesAppend: {}, tickerAppend: [], leaderboard: null, ...overrides };
}

describe('mergeSeries', () => {
  const base = [point(1, 1), point(2, 2), point(3, 3)];

  it('appends newer points and revises the running minute in place', () => {
    expect(mergeSeries(base, [point(3, 9), point(4, 4)], 0)).toEqual([point(1, 1), point(2, 2), point(3, 9), point(4, 4)]);
  });

  it('returns the same array when nothing changed', () => {
    expect(mergeSeries(base, [point(3, 3)], 0)).toBe(base);
    expect(mergeSeries(base, [], 0)).toBe(base);
  });

  it('puts a late point where it belongs, replacing or inserting', () => {
    expect(mergeSeries([point(1), point(3)], [point(2, 5)], 0)).toEqual([point(1), point(2, 5), point(3)]);
    expect(mergeSeries(base, [point(2, 7)], 0)).toEqual([point(1, 1), point(2, 7), point(3, 3)]);
  });

  it('drops points older than the kept window, and points with no time', () => {
    expect(mergeSeries(base, [point(4, 4)], 3 * MINUTE)).toEqual([point(3, 3), point(4, 4)]);
    expect(mergeSeries(base, [], 10 * MINUTE)).toEqual([]);
    expect(mergeSeries(base, [{ ...point(5), at: Number.NaN }], 0)).toBe(base);
  });

  it('never changes the array it was given', () => {
    const frozen = Object.freeze([point(1), point(2)]);
    expect(() => mergeSeries(frozen, [point(2, 9), point(3), point(0)], 0)).not.toThrow();
    expect(frozen).toEqual([point(1), point(2)]);
  });
});

describe('reduceWallboardLive', () => {
  it('ignores diffs until the first snapshot', () => {
    expect(reduceWallboardLive(initialWallboardLiveState, diff())).toBe(initialWallboardLiveState);
  });

  it('loads a snapshot: agents by id, series sorted, a new roster', () => {
    const state = reduceWallboardLive(initialWallboardLiveState, snapshot({ series: { 'q-1': [point(999, 2), point(998, 1)] } }));
    expect(state.loaded).toBe(true);
    expect(Object.keys(state.agents)).toEqual(['a', 'b']);
    expect(state.series['q-1']).toEqual([point(998, 1), point(999, 2)]);
    expect(state.rosterVersion).toBe(1);
    expect(state.asOfTime).toBe(T);
  });

  it('keeps unchanged agents by identity and bumps the roster only when membership or names change', () => {
    const first = reduceWallboardLive(initialWallboardLiveState, snapshot());
    const statusOnly = reduceWallboardLive(first, diff({ agentsUpsert: [agent('a', { busy: true }), agent('b')] }));
    expect(statusOnly.agents.b).toBe(first.agents.b);
    expect(statusOnly.agents.a).not.toBe(first.agents.a);
    expect(statusOnly.rosterVersion).toBe(first.rosterVersion);

    const renamed = reduceWallboardLive(statusOnly, diff({ asOfSeq: 12, agentsUpsert: [agent('b', { name: 'Bea' })] }));
    expect(renamed.rosterVersion).toBe(first.rosterVersion + 1);
    const joined = reduceWallboardLive(renamed, diff({ asOfSeq: 13, agentsUpsert: [agent('c')] }));
    expect(joined.rosterVersion).toBe(renamed.rosterVersion + 1);
    const left = reduceWallboardLive(joined, diff({ asOfSeq: 14, agentsRemove: ['a', 'never-there'] }));
    expect(Object.keys(left.agents).sort()).toEqual(['b', 'c']);
    expect(left.rosterVersion).toBe(joined.rosterVersion + 1);
    const moved = reduceWallboardLive(left, diff({ asOfSeq: 15, agentsUpsert: [agent('c', { queueIds: ['q-2'] })] }));
    expect(moved.rosterVersion).toBe(left.rosterVersion + 1);
  });

  it('keeps the same agents object when a diff repeats what is known', () => {
    const first = reduceWallboardLive(initialWallboardLiveState, snapshot());
    expect(reduceWallboardLive(first, diff({ agentsUpsert: [agent('a')] })).agents).toBe(first.agents);
  });

  it('never moves the floor position backwards', () => {
    const first = reduceWallboardLive(initialWallboardLiveState, snapshot({ asOfSeq: 50 }));
    expect(reduceWallboardLive(first, diff({ asOfSeq: 49, agentsRemove: ['a'] }))).toBe(first);
  });

  it('appends series points, trims to 24 hours, and leaves untouched queues as they were', () => {
    const first = reduceWallboardLive(initialWallboardLiveState, snapshot({ series: { 'q-1': [point(999, 2)], 'q-2': [point(999, 5)] } }));
    const next = reduceWallboardLive(first, diff({ seriesAppend: { 'q-1': [point(999, 3), point(1000, 4)], 'q-3': [point(1000, 1)] } }));
    expect(next.series['q-1']).toEqual([point(999, 3), point(1000, 4)]);
    expect(next.series['q-2']).toBe(first.series['q-2']);
    expect(next.series['q-3']).toEqual([point(1000, 1)]);

    const dayLater = reduceWallboardLive(next, diff({ asOfSeq: 20, asOfTime: 999 * MINUTE + SERIES_KEEP_MS + MINUTE / 2 }));
    expect(dayLater.series['q-1']).toEqual([point(1000, 4)]);
    expect(dayLater.series['q-2']).toEqual([]);
  });

  it('keeps the newest alerts only, and the leaderboard until a new one comes', () => {
    const first = reduceWallboardLive(initialWallboardLiveState, snapshot({ leaderboard: [{ agentId: 'a', name: 'A', assignmentsToday: 1, ahtTodaySec: null, csatPct: null }] }));
    const alerts = Array.from({ length: TICKER_KEEP + 5 }, (_, index) => ({ at: index, queueId: null, text: `alert ${index}`, severity: 'info' as const }));
    const next = reduceWallboardLive(first, diff({ tickerAppend: alerts }));
    expect(next.ticker).toHaveLength(TICKER_KEEP);
    expect(next.ticker[TICKER_KEEP - 1]?.text).toBe(`alert ${TICKER_KEEP + 4}`);
    expect(next.leaderboard).toBe(first.leaderboard);
    const replaced = reduceWallboardLive(next, diff({ asOfSeq: 12, leaderboard: [] }));
    expect(replaced.leaderboard).toEqual([]);
  });

  it('a new snapshot after a reconnect replaces everything but keeps what did not change', () => {
    const first = reduceWallboardLive(initialWallboardLiveState, snapshot());
    const again = reduceWallboardLive(first, snapshot({ asOfSeq: 30, agents: [agent('a'), agent('b', { statusKind: 'away' })] }));
    expect(again.agents.a).toBe(first.agents.a);
    expect(again.series['q-1']).toBe(first.series['q-1']);
    expect(again.rosterVersion).toBe(first.rosterVersion);
  });
});

describe('createWallboardLiveStore', () => {
  it('notifies subscribers on data, and keeps data on screen when the subscription later fails', () => {
    const store = createWallboardLiveStore();
    const seen: WallboardLiveState[] = [];
    store.subscribe((state) => seen.push(state));
    store.getState().actions.receive(snapshot());
    store.getState().actions.receive(diff({ asOfSeq: 1 }));
    expect(seen).toHaveLength(1);
    store.getState().actions.failed('Not permitted');
    expect(store.getState()).toMatchObject({ loaded: true, error: 'Not permitted' });
    expect(Object.keys(store.getState().agents)).toEqual(['a', 'b']);
  });
});
