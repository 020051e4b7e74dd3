/**
 * The arrival forecast for the rest of the day (docs/staffing.md#forecast, ADR 0026): the mean of
 * the last up to four same weekdays the cache holds, interval by interval in the queue's local day,
 * scaled by how today has run so far against that mean, and the agents each interval needs (Erlang
 * C, slots for chat). Pure: a function of the 15-minute rollups, the zone and the floor time, so a
 * test fixes all three.
 *
 * Honest by construction: a day the cache does not wholly cover is not averaged in, and without a
 * same weekday there is no forecast at all (null and the reason), never a curve of zeros.
 */
import type { ArrivalForecast, Figure, ForecastBasis, ForecastInterval } from '../../../src-shared/api/staffing.js';
import { DAY_MS, dateOfDayNumber, resolveLocalTime, weekdayOfDayNumber } from '../../../src-shared/business-hours-zone.js';
import type { Channel } from '../../../src-shared/protocol/events.js';
import { requiredConcurrentAgents } from '../../../src-shared/staffing/concurrency.js';
import { zoneOffsetMs } from '../../../src-shared/time.js';

export const INTERVAL_MS = 15 * 60_000;
const INTERVALS_PER_DAY = DAY_MS / INTERVAL_MS;
/** Same weekdays averaged at most, and how many weeks back they are looked for. */
export const FORECAST_DAYS = 4;
export const FORECAST_LOOKBACK_WEEKS = 8;
/**
 * Arrivals of prior weight in today's ratio: (actual + prior) / (mean + prior). Early in the day a
 * handful of arrivals would otherwise triple or zero the rest of it.
 */
export const RATIO_PRIOR = 10;
/** The ratio's bounds: an outage morning must not forecast an empty afternoon, nor one burst a flood. */
export const RATIO_MIN = 0.25;
export const RATIO_MAX = 4;
/** Fewest handled conversations on the same weekdays before their handle time is used. */
export const MIN_HANDLED_FOR_HANDLE_TIME = 5;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** One stored 15-minute rollup (of one queue, or summed over a group's queues). */
export interface ArrivalRollup {
  readonly bucketStart: number;
  /** Conversations that entered the queue (queued, or transferred in). */
  readonly entered: number;
  readonly handled: number;
  readonly handleMsSum: number;
}

export interface ForecastRequest {
  readonly targetId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly timeZone: string;
  /** Floor time. */
  readonly now: number;
  /** The rollups of the forecastWindows (more are ignored). */
  readonly rollups: readonly ArrivalRollup[];
  /**
   * Since when the cache holds every arrival of the target (its earliest stored rollup, or the live
   * state's start if earlier); null: nothing stored. A day starting before it is not a measurement.
   */
  readonly coveredFrom: number | null;
  /** Today's handle time from the live floor, in seconds, when known. */
  readonly todayHandleTimeS: number | null;
  readonly targetAnswerS: number;
  readonly targetServiceLevel: number;
  readonly slotsPerAgent: number;
}

/**
 * A zone's offset at an instant, asked of Intl once or twice per UTC day rather than per instant
 * (Intl is the forecast's main cost): a day whose two ends share an offset has no change inside it,
 * since no zone changes its offset twice in a day.
 */
function offsetLookup(timeZone: string): (at: number) => number {
  const byDay = new Map<number, number | null>();
  return (at) => {
    const day = Math.floor(at / DAY_MS);
    let offset = byDay.get(day);
    if (offset === undefined) {
      const start = zoneOffsetMs(day * DAY_MS, timeZone);
      offset = start === zoneOffsetMs((day + 1) * DAY_MS - 1, timeZone) ? start : null;
      byDay.set(day, offset);
    }
    return offset ?? zoneOffsetMs(at, timeZone);
  };
}

/** The local day number and the interval within it of an instant. */
function place(at: number, timeZone: string, offsetAt: (at: number) => number = (instant) => zoneOffsetMs(instant, timeZone)): { readonly day: number; readonly interval: number } {
  const local = at + offsetAt(at);
  const day = Math.floor(local / DAY_MS);
  return { day, interval: Math.min(INTERVALS_PER_DAY - 1, Math.floor((local - day * DAY_MS) / INTERVAL_MS)) };
}

interface StoredDay {
  readonly entered: Float64Array;
  handled: number;
  handleMsSum: number;
}

function byLocalDay(rollups: readonly ArrivalRollup[], timeZone: string): Map<number, StoredDay> {
  const days = new Map<number, StoredDay>();
  const offsetAt = offsetLookup(timeZone);
  for (const rollup of rollups) {
    const { day, interval } = place(rollup.bucketStart, timeZone, offsetAt);
    let stored = days.get(day);
    if (stored === undefined) {
      stored = { entered: new Float64Array(INTERVALS_PER_DAY), handled: 0, handleMsSum: 0 };
      days.set(day, stored);
    }
    // A repeated hour (the autumn change) lands twice on the same local interval: both count.
    stored.entered[interval] = (stored.entered[interval] ?? 0) + rollup.entered;
    stored.handled += rollup.handled;
    stored.handleMsSum += rollup.handleMsSum;
  }
  return days;
}

/** Today's intervals: each local quarter hour's first instant; a quarter hour skipped by the spring change is left out. */
function todaysStarts(today: number, timeZone: string): { readonly interval: number; readonly start: number }[] {
  const starts: { interval: number; start: number }[] = [];
  const dayStart = resolveLocalTime(today * DAY_MS, timeZone);
  const nextDayStart = resolveLocalTime((today + 1) * DAY_MS, timeZone).at;
  if (dayStart.resolution === 'exact' && nextDayStart - dayStart.at === DAY_MS) {
    // No change of offset today: every quarter hour is 15 minutes after the one before.
    for (let interval = 0; interval < INTERVALS_PER_DAY; interval += 1) starts.push({ interval, start: dayStart.at + interval * INTERVAL_MS });
    return starts;
  }
  let previous = Number.NEGATIVE_INFINITY;
  for (let interval = 0; interval < INTERVALS_PER_DAY; interval += 1) {
    const resolved = resolveLocalTime(today * DAY_MS + interval * INTERVAL_MS, timeZone);
    if (resolved.resolution === 'gap' || resolved.at <= previous) continue;
    starts.push({ interval, start: resolved.at });
    previous = resolved.at;
  }
  return starts;
}

/** The same weekdays to average: the newest up to FORECAST_DAYS the cache covers from their midnight and holds arrivals of. */
export function sameWeekdays(days: ReadonlyMap<number, unknown>, today: number, timeZone: string, coveredFrom: number | null): number[] {
  const chosen: number[] = [];
  if (coveredFrom === null) return chosen;
  for (let weeks = 1; weeks <= FORECAST_LOOKBACK_WEEKS && chosen.length < FORECAST_DAYS; weeks += 1) {
    const day = today - 7 * weeks;
    if (!days.has(day)) continue;
    if (resolveLocalTime(day * DAY_MS, timeZone).at < coveredFrom) continue;
    chosen.push(day);
  }
  return chosen;
}

/**
 * The spans of floor time a forecast reads, each a local day: today up to now, and the same
 * weekdays of the last FORECAST_LOOKBACK_WEEKS weeks. Reading only these keeps a forecast to nine
 * days of rollups rather than eight weeks.
 */
export function forecastWindows(now: number, timeZone: string): { readonly from: number; readonly to: number }[] {
  const today = place(now, timeZone).day;
  const windows = [{ from: resolveLocalTime(today * DAY_MS, timeZone).at, to: now + 1 }];
  for (let weeks = 1; weeks <= FORECAST_LOOKBACK_WEEKS; weeks += 1) {
    const day = today - 7 * weeks;
    windows.push({ from: resolveLocalTime(day * DAY_MS, timeZone).at, to: resolveLocalTime((day + 1) * DAY_MS, timeZone).at });
  }
  return windows;
}

function known<T>(value: T): Figure<T> {
  return { value };
}

function unknown<T>(reason: string): Figure<T> {
  return { value: null, reason };
}

function agentsFor(arrivals: number, request: ForecastRequest, handleTimeS: number): number | null {
  if (arrivals <= 0) return 0;
  const load = { trafficErlangs: (arrivals * handleTimeS) / (INTERVAL_MS / 1000), handleTimeS, targetAnswerS: request.targetAnswerS };
  return requiredConcurrentAgents(load, { serviceLevel: request.targetServiceLevel }, { slotsPerAgent: request.slotsPerAgent })?.agents ?? null;
}

/** Today's arrivals against the same weekdays' mean, the forecast for the rest of the day and the agents it needs. */
export function forecastDay(request: ForecastRequest): ArrivalForecast {
  const { timeZone, now, coveredFrom } = request;
  const today = place(now, timeZone).day;
  const weekday = WEEKDAYS[weekdayOfDayNumber(today)] ?? 'day';
  const days = byLocalDay(request.rollups, timeZone);
  const chosen = sameWeekdays(days, today, timeZone, coveredFrom);
  const todayStored = days.get(today);

  let average: Float64Array | null = null;
  let handled = 0;
  let handleMsSum = 0;
  if (chosen.length > 0) {
    average = new Float64Array(INTERVALS_PER_DAY);
    for (const day of chosen) {
      const stored = days.get(day);
      if (stored === undefined) continue;
      for (let interval = 0; interval < INTERVALS_PER_DAY; interval += 1) average[interval] = (average[interval] ?? 0) + (stored.entered[interval] ?? 0) / chosen.length;
      handled += stored.handled;
      handleMsSum += stored.handleMsSum;
    }
  }

  const starts = todaysStarts(today, timeZone);
  let actualSoFar = 0;
  let averageSoFar = 0;
  const rows = starts.map(({ interval, start }, index) => {
    const end = starts[index + 1]?.start ?? resolveLocalTime((today + 1) * DAY_MS, timeZone).at;
    const covered = coveredFrom !== null && start >= coveredFrom && start <= now;
    const actual = covered ? (todayStored?.entered[interval] ?? 0) : null;
    const mean = average === null ? null : (average[interval] ?? 0);
    if (actual !== null && mean !== null && end <= now) {
      actualSoFar += actual;
      averageSoFar += mean;
    }
    return { start, end, actual, mean };
  });
  const ratio = Math.min(RATIO_MAX, Math.max(RATIO_MIN, (actualSoFar + RATIO_PRIOR) / (averageSoFar + RATIO_PRIOR)));

  const handleTimeS: Figure<number> =
    request.todayHandleTimeS !== null
      ? known(request.todayHandleTimeS)
      : handled >= MIN_HANDLED_FOR_HANDLE_TIME && handleMsSum > 0
        ? known(handleMsSum / handled / 1000)
        : unknown(`no handle time today yet, and ${handled} handled on the same weekdays; it needs ${MIN_HANDLED_FOR_HANDLE_TIME}`);
  const handleTimeFrom = request.todayHandleTimeS !== null ? 'today' : handleTimeS.value !== null ? 'same-weekdays' : null;

  const intervals: ForecastInterval[] = rows.map((row) => {
    const forecast = row.mean === null || row.end <= now ? null : row.mean * ratio;
    return {
      start: row.start,
      actual: row.actual,
      average: row.mean,
      forecast,
      agentsNeeded: forecast === null || handleTimeS.value === null ? null : agentsFor(forecast, request, handleTimeS.value),
    };
  });

  const basis: Figure<ForecastBasis> =
    chosen.length === 0
      ? unknown(`No earlier ${weekday} in the cache to forecast from`)
      : known({ days: chosen.map(dateOfDayNumber), actualSoFar, averageSoFar, ratio });
  return {
    targetId: request.targetId,
    name: request.name,
    channel: request.channel,
    timeZone,
    at: now,
    weekday,
    basis,
    handleTimeS,
    handleTimeFrom,
    targetAnswerS: request.targetAnswerS,
    targetServiceLevel: request.targetServiceLevel,
    slotsPerAgent: request.slotsPerAgent,
    intervals,
  };
}
