/**
 * One past for every view: the "today" figures of a console that started observing the floor
 * after a queue's local midnight (a snapshot at 07:40) count from that midnight. The hours before
 * come from the cache — the same conversation rows the wallboard's past reads (intraday-past.ts) —
 * and are added to the live counters of every queue, so the overview tiles, the queue pages, the
 * wallboards and the explanations all read one day.
 *
 * The cache is trusted for the hours before the console started only when it holds the floor up
 * to then: its last conversation end before that instant is at most COVERAGE_GAP_MS earlier. Its
 * oldest conversation says from when: a cache starting after midnight gives the day from there
 * (the tile's `todaySince` says so, and the figures are partial), and a cache that holds nothing
 * close enough adds nothing (the figures count from the console's start, as before). Figures the
 * cache does not keep — time-outs and slot time — are not known for such a day (pastUntil).
 * docs/decisions/0041-one-past-for-the-live-pages.md says why.
 */
import { isValidTimeZone } from '../../../src-shared/time.js';
import { SUMMED_COUNTERS } from '../floor-state/overview.js';
import { countersForDay } from '../floor-state/reducer.js';
import type { LiveState, TodayCounters } from '../floor-state/state.js';
import type { IntradayPastSource, PastDayCounters } from './intraday-past-source.js';

/** The cache holds the floor up to the console's start when it saw a conversation end this shortly before. */
export const COVERAGE_GAP_MS = 15 * 60_000;

export interface DayPast {
  /**
   * The state as the views read it: each queue's counters of the day the console started in, with
   * the cache's part of that day before it added. The same object when nothing is added; the same
   * result for the same state (kept until the state is dropped).
   */
  withPast(state: LiveState): LiveState;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The cache's part of the day, per queue, read again only when the day, the range or the cache's reach moves. */
interface CachedPast {
  readonly key: string;
  readonly counters: PastDayCounters;
}

export function createDayPast(source: IntradayPastSource): DayPast {
  const views = new WeakMap<LiveState, LiveState>();
  const pasts = new Map<string, CachedPast>();

  function pastOf(queueId: string, targetMs: number, from: number, until: number, reach: number): PastDayCounters {
    const key = `${from}|${until}|${targetMs}|${reach}`;
    let past = pasts.get(queueId);
    if (past?.key !== key) {
      past = { key, counters: source.dayCounters(queueId, targetMs, from, until) };
      pasts.set(queueId, past);
    }
    return past.counters;
  }

  function addPast(state: LiveState): LiveState {
    const until = state.observedSince;
    if (until <= 0 || state.queues.size === 0) return state;
    const coverage = source.coverage(until);
    if (coverage.oldest === null || coverage.lastEndBefore === null || coverage.lastEndBefore < until - COVERAGE_GAP_MS) return state;
    const coveredFrom = coverage.oldest;
    const today = new Map(state.today);
    let added = false;
    for (const queue of state.queues.values()) {
      const day = countersForDay(until, isValidTimeZone(queue.timeZone) ? queue.timeZone : 'UTC');
      const live = state.today.get(queue.queueId);
      // A day that began after the console started is live from its midnight.
      if (live !== undefined && live.dayStart > day.dayStart) continue;
      const from = Math.max(day.dayStart, coveredFrom);
      if (from >= until) continue;
      const base: TodayCounters = live !== undefined && live.dayStart === day.dayStart ? live : day;
      const past = pastOf(queue.queueId, queue.serviceLevelTargetSec * 1000, from, until, coverage.lastEndBefore);
      const merged: Mutable<TodayCounters> = { ...base, pastUntil: until };
      for (const key of SUMMED_COUNTERS) merged[key] += past[key];
      today.set(queue.queueId, merged);
      added = true;
    }
    if (!added) return state;
    // Tiles say from when "today" counts: max(the queue's midnight, this).
    return { ...state, today, observedSince: Math.min(until, coveredFrom) };
  }

  return {
    withPast(state) {
      let view = views.get(state);
      if (view === undefined) {
        view = addPast(state);
        views.set(state, view);
      }
      return view;
    },
  };
}
