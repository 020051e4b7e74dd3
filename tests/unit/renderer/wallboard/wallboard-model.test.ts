import { describe, expect, it } from 'vitest';
import type { FeedStatus, QueueTile } from '../../../../src-shared/api/live.js';
import type { AgentTile, LeaderboardEntry, SeriesPoint, TickerItem } from '../../../../src-shared/api/wallboard.js';
import type { Playlist } from '../../../../src-shared/wallboard/board.js';
import { newBoard } from '../../../../src-renderer/views/wallboard/board-layout.js';
import { formatClockTime } from '../../../../src-renderer/store/freshness.js';
import {
  deviceTime,
  agentDisplayStatus,
  baselineAt,
  boardFreshness,
  boardTimeZone,
  clockTime,
  describeCombination,
  describeTrend,
  gridAgentIds,
  gridCellSize,
  initials,
  kpiFigure,
  leaderboardRows,
  pixelShiftAt,
  PIXEL_SHIFT_PERIOD_MS,
  playlistFromRows,
  recordSample,
  rotationAt,
  seriesValueAt,
  startRotation,
  statusCounts,
  tickerItems,
  trendOf,
  type Rotation,
} from '../../../../src-renderer/views/wallboard/wallboard-model.js';
import { manualTimers } from '../client/manual-timers.js';
import { tile } from '../store/tile-fixtures.js';

const T = Date.UTC(2025, 2, 14, 10, 42, 13);

const playlist = (...entries: [string, number][]): Playlist => ({ entries: entries.map(([boardId, seconds]) => ({ boardId, seconds })) });

describe('rotationAt', () => {
  const boards = ['a', 'b', 'c'];
  const threeBoards = playlist(['a', 10], ['b', 5], ['c', 20]);

  it.each([
    [0, 'a', 0, 10_000],
    [9_999, 'a', 0, 1],
    [10_000, 'b', 1, 5_000],
    [14_000, 'b', 1, 1_000],
    [15_000, 'c', 2, 20_000],
    [35_000, 'a', 0, 10_000],
    [35_000 * 100 + 12_000, 'b', 1, 3_000],
  ])('at %i ms shows %s (entry %i), next change in %i ms', (elapsed, boardId, position, next) => {
    expect(rotationAt(boards, threeBoards, null, elapsed)).toEqual({ kind: 'board', boardId, position, count: 3, nextChangeInMs: next });
  });

  it('skips entries whose board no longer exists', () => {
    expect(rotationAt(['a', 'c'], threeBoards, null, 12_000)).toEqual({ kind: 'board', boardId: 'c', position: 1, count: 2, nextChangeInMs: 18_000 });
  });

  it('shows the first board, without rotating, when the playlist is empty or has one usable entry', () => {
    expect(rotationAt(boards, playlist(), null, 99_000)).toEqual({ kind: 'board', boardId: 'a', position: 0, count: 1, nextChangeInMs: null });
    expect(rotationAt(boards, playlist(['gone', 5], ['c', 5]), null, 99_000)).toEqual({ kind: 'board', boardId: 'c', position: 0, count: 1, nextChangeInMs: null });
  });

  it('pins the board the route names, and reports a missing one', () => {
    expect(rotationAt(boards, threeBoards, 'c', 0)).toEqual({ kind: 'board', boardId: 'c', position: 0, count: 1, nextChangeInMs: null });
    expect(rotationAt(boards, threeBoards, 'zzz', 0)).toEqual({ kind: 'missing', boardId: 'zzz' });
  });

  it('has nothing to show without boards', () => {
    expect(rotationAt([], threeBoards, null, 0)).toEqual({ kind: 'none' });
  });

  it('treats a clock that went backwards as the start', () => {
    expect(rotationAt(boards, threeBoards, null, -5_000)).toMatchObject({ boardId: 'a', nextChangeInMs: 10_000 });
  });
});

describe('startRotation (injected clock and timers)', () => {
  function run(boardIds: string[], list: Playlist, pinned: string | null = null) {
    const timers = manualTimers();
    let now = 1_000_000;
    const seen: Rotation[] = [];
    const stop = startRotation({
      boardIds,
      playlist: list,
      pinnedBoardId: pinned,
      now: () => now,
      timers: {
        setTimeout: timers.setTimeout,
        clearTimeout: timers.clearTimeout,
      },
      onChange: (rotation) => seen.push(rotation),
    });
    const advance = (ms: number): void => {
      // The clock moves with the timers, as it does in a browser.
      const step = 250;
      for (let done = 0; done < ms; done += step) {
        now += Math.min(step, ms - done);
        timers.advance(Math.min(step, ms - done));
      }
    };
    return { seen, stop, advance, timers, boards: () => seen.map((rotation) => (rotation.kind === 'board' ? rotation.boardId : rotation.kind)) };
  }

  it('reports the first board at once, then each change in playlist order, around and around', () => {
    const rotation = run(['a', 'b'], playlist(['a', 5], ['b', 10]));
    expect(rotation.boards()).toEqual(['a']);
    rotation.advance(4_999);
    expect(rotation.boards()).toEqual(['a']);
    rotation.advance(1);
    expect(rotation.boards()).toEqual(['a', 'b']);
    rotation.advance(10_000);
    rotation.advance(5_000);
    expect(rotation.boards()).toEqual(['a', 'b', 'a', 'b']);
    expect(rotation.timers.pending).toBe(1);
  });

  it('stops: no timer left and no more changes', () => {
    const rotation = run(['a', 'b'], playlist(['a', 5], ['b', 5]));
    rotation.stop();
    expect(rotation.timers.pending).toBe(0);
    rotation.advance(60_000);
    expect(rotation.boards()).toEqual(['a']);
  });

  it('sets no timer when nothing rotates', () => {
    const rotation = run(['a', 'b'], playlist(['a', 5], ['b', 5]), 'b');
    expect(rotation.boards()).toEqual(['b']);
    expect(rotation.timers.pending).toBe(0);
  });

  it('keeps to the schedule when a timer fires late', () => {
    const timers = manualTimers();
    let now = 0;
    const seen: string[] = [];
    startRotation({
      boardIds: ['a', 'b', 'c'],
      playlist: playlist(['a', 5], ['b', 5], ['c', 5]),
      pinnedBoardId: null,
      now: () => now,
      timers,
      onChange: (rotation) => seen.push(rotation.kind === 'board' ? rotation.boardId : rotation.kind),
    });
    // The machine slept: the clock jumps 11 s while the 5 s timer fires once.
    now = 11_000;
    timers.advance(5_000);
    expect(seen).toEqual(['a', 'c']);
  });
});

describe('playlistFromRows', () => {
  it('turns typed rows into a playlist', () => {
    expect(playlistFromRows([{ boardId: 'a', seconds: '30' }, { boardId: 'b', seconds: '5' }])).toEqual({ ok: true, playlist: playlist(['a', 30], ['b', 5]) });
  });

  it.each(['', '4', '3601', '7.5', 'abc'])('refuses %j seconds with the entry number', (seconds) => {
    const result = playlistFromRows([{ boardId: 'a', seconds: '10' }, { boardId: 'b', seconds }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^Entry 2: seconds must be a whole number from 5 to 3600/);
  });
});

describe('clockTime', () => {
  it('writes hours and minutes in the zone asked for', () => {
    expect(clockTime(T, 'UTC')).toBe('10:42');
    expect(clockTime(T, 'Asia/Kolkata')).toBe('16:12');
    expect(clockTime(T, 'UTC')).toBe('10:42');
  });
});

describe('pixelShiftAt', () => {
  it('stays within a few pixels, moves once per period, and comes back around', () => {
    const offsets = Array.from({ length: 9 }, (_, step) => pixelShiftAt(step * PIXEL_SHIFT_PERIOD_MS + 1));
    for (const offset of offsets) {
      expect(Math.abs(offset.x)).toBeLessThanOrEqual(4);
      expect(Math.abs(offset.y)).toBeLessThanOrEqual(4);
    }
    expect(new Set(offsets.map((offset) => `${offset.x},${offset.y}`)).size).toBe(9);
    expect(pixelShiftAt(9 * PIXEL_SHIFT_PERIOD_MS + 1)).toEqual(offsets[0]);
    expect(pixelShiftAt(PIXEL_SHIFT_PERIOD_MS - 1000).nextInMs).toBe(1000);
  });
});

function status(overrides: Partial<FeedStatus> = {}): FeedStatus {
  return {
    now: T,
    connection: 'live',
    feed: 'embedded simulator',
    connectionSince: T - 60_000,
    lastFrameAt: T - 500,
    lastEventAt: T - 500,
    lastSeq: 42,
    reconnectAttempts: 0,
    nextRetryAt: null,
    lastError: null,
    counters: { framesReceived: 1, eventsIngested: 1, eventsDuplicate: 0, gaps: 0, rejects: {} },
    backfill: { state: 'done', sentEvents: 0, totalEvents: 0 },
    ...overrides,
  };
}

describe('boardFreshness', () => {
  it('is not stale while link and feed are live', () => {
    expect(boardFreshness({ link: 'open', linkEverOpened: true, status: status(), sourcesAsOf: [T + 2_000, null], coreNowMs: T })).toEqual({ stale: false, asOf: T - 500, headline: null, detail: null });
  });

  it('says STALE with the time of the last update in the board zone when the feed is lost', () => {
    const lastFrame = Date.UTC(2025, 2, 14, 10, 40, 5);
    const freshness = boardFreshness({
      link: 'open',
      linkEverOpened: true,
      status: status({ connection: 'reconnecting', lastFrameAt: lastFrame }),
      sourcesAsOf: [lastFrame - 3_000, lastFrame - 1_000],
      coreNowMs: T,
      timeZone: 'America/New_York',
    });
    expect(freshness.stale).toBe(true);
    expect(freshness.headline).toBe('STALE — last update 06:40:05');
    expect(freshness.detail).toBe('Feed connection lost · 2 min 8 s old · Reconnecting…');
  });

  it('says STALE when the link to the console drops, from the last word of the feed on the core clock', () => {
    // The floor's own clock runs hours ahead (a simulated afternoon): it must not make the data look fresh.
    const freshness = boardFreshness({ link: 'closed', linkEverOpened: true, status: status({ lastFrameAt: T - 30_000 }), sourcesAsOf: [T + 5 * 3_600_000, null], coreNowMs: T, timeZone: 'UTC' });
    expect(freshness).toMatchObject({ stale: true, asOf: T - 30_000, headline: 'STALE — last update 10:41:43' });
    expect(freshness.detail).toMatch(/^Connection to the console lost · 30 s old/);
  });

  it('falls back to the newest source position before the core has heard from the feed', () => {
    const freshness = boardFreshness({ link: 'closed', linkEverOpened: true, status: status({ lastFrameAt: null }), sourcesAsOf: [T - 90_000, T - 60_000], coreNowMs: T, timeZone: 'UTC' });
    expect(freshness.asOf).toBe(T - 60_000);
  });

  it('before the link ever opened, is not stale (the loading screen speaks)', () => {
    expect(boardFreshness({ link: 'connecting', linkEverOpened: false, status: null, sourcesAsOf: [], coreNowMs: T }).stale).toBe(false);
  });

  it('says when nothing was ever received', () => {
    expect(boardFreshness({ link: 'open', linkEverOpened: true, status: status({ connection: 'connecting', lastFrameAt: null }), sourcesAsOf: [null], coreNowMs: T }).headline).toBe('STALE — no data received yet');
  });
});

describe('boardTimeZone', () => {
  const queues: Record<string, QueueTile> = { 'q-1': { ...tile('q-1', 'One'), timeZone: 'Asia/Tokyo' }, 'q-2': { ...tile('q-2', 'Two'), timeZone: 'America/Chicago' } };

  it('follows the first queue the board shows, then the floor, then the viewer', () => {
    const board = { ...newBoard('b', 'B'), tiles: [{ tileId: 't', kind: 'kpi' as const, metricId: 'queued' as const, queueIds: ['missing', 'q-2'], x: 0, y: 0, w: 1, h: 1 }] };
    expect(boardTimeZone(board, queues)).toBe('America/Chicago');
    expect(boardTimeZone(newBoard('b', 'B'), queues)).toBe('Asia/Tokyo');
    expect(boardTimeZone(null, {})).toBeUndefined();
  });
});

describe('kpiFigure', () => {
  const queues: Record<string, QueueTile> = {
    a: tile('a', 'A', { queued: 4, longestWaitSec: 30, serviceLevelPct: 90, assignedToday: 90, abandonedToday: 10, abandonRatePct: 10, enteredToday: 100, csatPct: 80 }),
    b: tile('b', 'B', { queued: 6, longestWaitSec: 200, serviceLevelPct: 50, assignedToday: 10, abandonedToday: 0, abandonRatePct: 0, enteredToday: 300, csatPct: null }),
    'group:g': { ...tile('group:g', 'G', { queued: 10 }), group: { groupId: 'g', queueIds: ['a', 'b'], preset: false } },
  };

  it('adds counts over every queue, leaving group tiles out so nothing counts twice', () => {
    expect(kpiFigure('queued', [], queues)).toMatchObject({ value: 10, queueCount: 2, combination: 'sum' });
  });

  it('takes the longest of the longest waits', () => {
    expect(kpiFigure('longestWaitSec', ['a', 'b'], queues)).toMatchObject({ value: 200, combination: 'max' });
  });

  it('weights rates by what they are taken over', () => {
    // Service level: (90×100 + 50×10) / 110; abandon rate: (10×100 + 0×300) / 400.
    expect(kpiFigure('serviceLevelPct', [], queues).value).toBeCloseTo(9500 / 110, 6);
    expect(kpiFigure('abandonRatePct', [], queues).value).toBeCloseTo(2.5, 6);
    expect(kpiFigure('abandonRatePct', [], queues).combination).toBe('weighted');
  });

  it('ignores queues without a value, and is null when none has one', () => {
    expect(kpiFigure('csatPct', [], queues)).toMatchObject({ value: 80, combination: 'mean' });
    expect(kpiFigure('ahtTodaySec', [], queues).value).toBeNull();
  });

  it('shows one queue as it is, and covers only queues that exist', () => {
    expect(kpiFigure('serviceLevelPct', ['b', 'gone'], queues)).toMatchObject({ value: 50, queueCount: 1, combination: 'single' });
    expect(kpiFigure('queued', ['gone'], queues)).toMatchObject({ value: null, queueCount: 0 });
  });

  it('carries the worst breach of the metric among its queues', () => {
    const breached: Record<string, QueueTile> = {
      a: { ...tile('a', 'A', { queued: 12 }), breaches: [{ metricId: 'queued', severity: 'warning' }] },
      b: { ...tile('b', 'B', { queued: 30 }), breaches: [{ metricId: 'queued', severity: 'critical' }, { metricId: 'serviceLevelPct', severity: 'warning' }] },
    };
    expect(kpiFigure('queued', [], breached).severity).toBe('critical');
    expect(kpiFigure('queued', ['a'], breached).severity).toBe('warning');
    expect(kpiFigure('longestWaitSec', [], breached).severity).toBeNull();
  });

  it('says how the figure was made', () => {
    expect(describeCombination('serviceLevelPct', kpiFigure('serviceLevelPct', [], queues))).toBe('weighted by assigned + abandoned, 2 queues');
    expect(describeCombination('queued', kpiFigure('queued', ['a'], queues))).toBe('1 queue');
  });
});

describe('trend', () => {
  it('keeps one sample every 30 s for 20 minutes', () => {
    let samples = recordSample([], 0, 1);
    samples = recordSample(samples, 10_000, 2);
    expect(samples).toHaveLength(1);
    for (let at = 30_000; at <= 30 * 60_000; at += 30_000) samples = recordSample(samples, at, at);
    expect(samples[0]?.at).toBe(10 * 60_000);
    expect(recordSample(samples, 31 * 60_000, null)).toBe(samples);
  });

  it('starts over when the floor clock goes back (a replayed day)', () => {
    const samples = recordSample(recordSample([], 600_000, 5), 700_000, 6);
    expect(recordSample(samples, 100_000, 7)).toEqual([{ at: 100_000, value: 7 }]);
  });

  it('compares with the value nearest 15 minutes before, within two minutes of it', () => {
    const samples = [
      { at: 0, value: 10 },
      { at: 60_000, value: 12 },
      { at: 5 * 60_000, value: 20 },
    ];
    expect(baselineAt(samples, 16 * 60_000)).toBe(12);
    expect(baselineAt(samples, 23 * 60_000)).toBeNull();
    expect(trendOf(15, 12)).toEqual({ direction: 'up', delta: 3, baseline: 12 });
    expect(trendOf(11.8, 12)?.direction).toBe('flat');
    expect(trendOf(9, 12)?.direction).toBe('down');
    expect(trendOf(9, null)).toBeNull();
  });

  it('reads queued (summed) and service level (mean) 15 minutes ago from the series', () => {
    const at = 1_000 * 60_000;
    const point = (minute: number, queued: number, serviceLevelPct: number | null): SeriesPoint => ({ at: minute * 60_000, queued, serviceLevelPct, entered: 0 });
    const series = { a: [point(984, 1, 90), point(985, 2, 80)], b: [point(985, 5, null)], c: [point(900, 99, 10)] };
    expect(seriesValueAt(series, [], 'queued', at - 15 * 60_000)).toBe(7);
    expect(seriesValueAt(series, ['a', 'b'], 'serviceLevelPct', at - 15 * 60_000)).toBe(80);
    expect(seriesValueAt(series, ['c'], 'queued', at - 15 * 60_000)).toBeNull();
  });

  it('puts the change into words with its unit', () => {
    expect(describeTrend('serviceLevelPct', trendOf(70, 80))).toBe('Down 10 points from 15 minutes ago');
    expect(describeTrend('longestWaitSec', trendOf(200, 80))).toBe('Up 2:00 from 15 minutes ago');
    expect(describeTrend('queued', null)).toBe('No value from 15 minutes ago yet');
  });
});

function agent(agentId: string, name: string, overrides: Partial<AgentTile> = {}): AgentTile {
  return { agentId, name, statusKind: 'available', busy: false, statusSince: 0, queueIds: ['q-1'], ...overrides };
}

describe('agents', () => {
  it('shows busy for available agents with work; away stays away', () => {
    expect(agentDisplayStatus({ statusKind: 'available', busy: false })).toBe('available');
    expect(agentDisplayStatus({ statusKind: 'available', busy: true })).toBe('busy');
    expect(agentDisplayStatus({ statusKind: 'away', busy: true })).toBe('away');
    expect(agentDisplayStatus({ statusKind: 'offline', busy: false })).toBe('offline');
  });

  it.each([
    ['Ada Lovelace', 'AL'],
    ['grace brewster murray hopper', 'GH'],
    ['Zoë', 'ZO'],
    ['  jean-luc  ', 'JL'],
    ['李小龙', '李小'],
    ['---', '?'],
  ])('initials of %j are %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it('lists the agents of the chosen queues by name, ties by id', () => {
    const agents = { z: agent('z', 'Bob'), y: agent('y', 'alice'), x: agent('x', 'Bob'), w: agent('w', 'Carl', { queueIds: ['q-2'] }) };
    expect(gridAgentIds(agents, [])).toEqual(['y', 'x', 'z', 'w']);
    expect(gridAgentIds(agents, ['q-2'])).toEqual(['w']);
  });

  it('counts the shown agents per status', () => {
    const agents = { a: agent('a', 'A'), b: agent('b', 'B', { busy: true }), c: agent('c', 'C', { statusKind: 'away' }), d: agent('d', 'D', { statusKind: 'offline' }) };
    expect(statusCounts(agents, ['a', 'b', 'c', 'd', 'gone'])).toEqual({ available: 1, busy: 1, away: 1, offline: 1 });
  });

  it('finds the largest square cell that fits every agent', () => {
    expect(gridCellSize(4, 100, 100, 0)).toEqual({ columns: 2, cellPx: 50 });
    expect(gridCellSize(3, 300, 100, 0)).toEqual({ columns: 3, cellPx: 100 });
    const large = gridCellSize(1000, 1200, 500, 3);
    const rows = Math.ceil(1000 / large.columns);
    expect(large.columns * (large.cellPx + 3) - 3).toBeLessThanOrEqual(1200);
    expect(rows * (large.cellPx + 3) - 3).toBeLessThanOrEqual(500);
    expect(large.cellPx).toBeGreaterThanOrEqual(20);
    expect(gridCellSize(0, 100, 100, 2).cellPx).toBe(0);
    expect(gridCellSize(100_000, 50, 50, 1).cellPx).toBe(4);
  });
});

describe('leaderboardRows', () => {
  const entries: LeaderboardEntry[] = [
    { agentId: 'a', name: 'Ann', assignmentsToday: 12, ahtTodaySec: 300, csatPct: 90, queueIds: ['q-1'] },
    { agentId: 'b', name: 'Ben', assignmentsToday: 20, ahtTodaySec: null, csatPct: 70, queueIds: ['q-2'] },
    { agentId: 'c', name: 'Cy', assignmentsToday: 12, ahtTodaySec: 200, csatPct: null },
    { agentId: 'd', name: 'Di', assignmentsToday: 3, ahtTodaySec: 500, csatPct: 95, queueIds: ['q-1'] },
  ];
  const agents = { c: agent('c', 'Cy', { queueIds: ['q-1'] }) };

  it('ranks most assignments first, with ties sharing a rank', () => {
    expect(leaderboardRows(entries, 'assignments', 10, [], agents).map((row) => [row.rank, row.name, row.display])).toEqual([
      [1, 'Ben', '20'],
      [2, 'Ann', '12'],
      [2, 'Cy', '12'],
      [4, 'Di', '3'],
    ]);
  });

  it('ranks shortest handle time first and leaves out agents without one', () => {
    expect(leaderboardRows(entries, 'aht', 10, [], agents).map((row) => row.display)).toEqual(['3:20', '5:00', '8:20']);
  });

  it('keeps the top N of the chosen queues, by the entry or else the agent tile', () => {
    expect(leaderboardRows(entries, 'csat', 2, ['q-1'], agents).map((row) => [row.name, row.display])).toEqual([
      ['Di', '95%'],
      ['Ann', '90%'],
    ]);
    expect(leaderboardRows(entries, 'assignments', 10, ['q-1'], agents).map((row) => row.agentId)).toEqual(['a', 'c', 'd']);
  });
});

describe('tickerItems', () => {
  const items: TickerItem[] = [
    { at: 1, queueId: 'q-1', text: 'one', severity: 'info' },
    { at: 2, queueId: null, text: 'floor', severity: 'warning' },
    { at: 3, queueId: 'q-2', text: 'two', severity: 'critical' },
    { at: 4, queueId: 'q-1', text: 'three', severity: 'info' },
  ];

  it('lists newest first, the chosen queues and floor-wide alerts, up to a limit', () => {
    expect(tickerItems(items, [], 10).map((item) => item.text)).toEqual(['three', 'two', 'floor', 'one']);
    expect(tickerItems(items, ['q-1'], 10).map((item) => item.text)).toEqual(['three', 'floor', 'one']);
    expect(tickerItems(items, [], 2).map((item) => item.text)).toEqual(['three', 'two']);
  });
});

describe('device times', () => {
  it('are the viewer’s clock, never a queue’s zone', () => {
    const created = Date.UTC(2026, 11, 3, 15, 2, 7);
    const now = created + 60_000;
    expect(deviceTime(created, now)).toBe(formatClockTime(created, now));
    expect(deviceTime(created, now)).toBe(formatClockTime(created, now, Intl.DateTimeFormat().resolvedOptions().timeZone));
  });
});
