/**
 * Time of Historical Insights in an IANA zone: a range spec (preset or whole local days) resolved
 * to instants with its previous period, the local intervals (15 min, hour, day, week, month) that
 * cut it, and the instant → interval and instant → (weekday, hour) maps the engine folds 15-minute
 * buckets with. Local days are 23 or 25 hours across DST; a repeated local hour (fall back) is two
 * intervals, a skipped one (spring forward) none. Weeks start on Monday. Intl only (no Node, no DOM).
 */
import type { InsightInterval, RangePreset, RangeSpec, ResolvedRange } from '../api/insights.js';
import { DAY_MS, dateOfDayNumber, dayNumberOfDate, resolveLocalTime, weekdayOfDayNumber } from '../business-hours-zone.js';
import { localDate, zoneOffsetMs } from '../time.js';

export const QUARTER_MS = 900_000;
const HOUR_MS = 3_600_000;
const SAMPLE_MS = 6 * HOUR_MS;

/** Offsets of one zone over a span, looked up without Intl once built (Intl costs microseconds per call). */
export interface ZoneOffsets {
  readonly timeZone: string;
  /** Offset from UTC at an instant, in ms (positive east). */
  offsetAt(at: number): number;
  /** Milliseconds since 1970-01-01 00:00 local time. */
  localEpoch(at: number): number;
}

/**
 * Builds the offset table of a zone between two instants (with a day's margin each side): the
 * offset is sampled every 6 hours and each change is found to the second by bisection, which
 * holds for every zone in use (offsets change at most once in 6 hours).
 */
export function zoneOffsets(timeZone: string, from: number, to: number): ZoneOffsets {
  // The widgets of a dashboard ask for the same table: it is built once (a table is a pure function of its arguments).
  const key = `${timeZone}\u0000${from}\u0000${to}`;
  const known = builtOffsets.get(key);
  if (known !== undefined) return known;
  const built = buildZoneOffsets(timeZone, from, to);
  if (builtOffsets.size >= KEPT_OFFSET_TABLES) builtOffsets.delete(builtOffsets.keys().next().value as string);
  builtOffsets.set(key, built);
  return built;
}

/** How many offset tables are kept (the oldest goes first). */
const KEPT_OFFSET_TABLES = 32;
const builtOffsets = new Map<string, ZoneOffsets>();

function buildZoneOffsets(timeZone: string, from: number, to: number): ZoneOffsets {
  const starts: number[] = [];
  const offsets: number[] = [];
  let at = Math.floor((from - DAY_MS) / HOUR_MS) * HOUR_MS;
  let offset = zoneOffsetMs(at, timeZone);
  starts.push(Number.NEGATIVE_INFINITY);
  offsets.push(offset);
  const end = to + DAY_MS;
  while (at < end) {
    const next = at + SAMPLE_MS;
    const nextOffset = zoneOffsetMs(next, timeZone);
    if (nextOffset !== offset) {
      let low = at / 1000;
      let high = next / 1000;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (zoneOffsetMs(middle * 1000, timeZone) === nextOffset) high = middle;
        else low = middle;
      }
      starts.push(high * 1000);
      offsets.push(nextOffset);
      offset = nextOffset;
    }
    at = next;
  }
  const offsetAt = (instant: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= instant) low = middle;
      else high = middle - 1;
    }
    return offsets[low] ?? 0;
  };
  return { timeZone, offsetAt, localEpoch: (instant) => instant + offsetAt(instant) };
}

/** The instant a local day (days since 1970-01-01) starts; a midnight skipped by DST starts at the gap's end. */
export function dayStart(dayNumber: number, timeZone: string): number {
  return resolveLocalTime(dayNumber * DAY_MS, timeZone).at;
}

/** Local day number of an instant. */
export function dayNumberAt(at: number, timeZone: string): number {
  return dayNumberOfDate(localDate(at, timeZone));
}

/** ISO weekday (1 Monday … 7 Sunday) of a day number. */
export function isoWeekday(dayNumber: number): number {
  const weekday = weekdayOfDayNumber(dayNumber);
  return weekday === 0 ? 7 : weekday;
}

function monthStartDay(dayNumber: number, monthsAhead: number): number {
  const date = new Date(dayNumber * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + monthsAhead, 1) / DAY_MS;
}

/** Whole local days [firstDay, endDay) and how the range was asked for. */
interface DaySpan {
  readonly firstDay: number;
  readonly endDay: number;
}

const PRESET_LABELS: Readonly<Record<RangePreset, string>> = {
  today: 'Today',
  yesterday: 'Yesterday',
  last7Days: 'Last 7 days',
  last30Days: 'Last 30 days',
  last90Days: 'Last 90 days',
  thisWeek: 'This week',
  lastWeek: 'Last week',
  thisMonth: 'This month',
  lastMonth: 'Last month',
};

/**
 * Names a range: the preset or "Custom", and its first and last local dates (YYYY-MM-DD). The
 * renderer passes one in the console's locale; the default writes English with ISO dates.
 */
export type RangeLabeller = (name: RangePreset | 'custom' | 'previous', firstDate: string, lastDate: string) => string;

export const DEFAULT_RANGE_LABELLER: RangeLabeller = (name, firstDate, lastDate) => {
  const title = name === 'custom' ? 'Custom' : name === 'previous' ? 'Previous period' : PRESET_LABELS[name];
  return firstDate === lastDate ? `${title} (${firstDate})` : `${title} (${firstDate} – ${lastDate})`;
};

/** A resolved range and the period it is compared with. */
export interface RangeResolution {
  readonly range: ResolvedRange;
  readonly previous: ResolvedRange;
}

function spanOf(spec: RangeSpec, today: number): { readonly span: DaySpan; readonly previous: DaySpan } {
  if (!('preset' in spec)) {
    const firstDay = dayNumberOfDate(spec.from);
    const endDay = dayNumberOfDate(spec.to) + 1;
    if (!Number.isFinite(firstDay) || !Number.isFinite(endDay) || endDay <= firstDay) throw new RangeError('not a range of calendar dates');
    return { span: { firstDay, endDay }, previous: { firstDay: 2 * firstDay - endDay, endDay: firstDay } };
  }
  const days = (firstDay: number, endDay: number) => ({ span: { firstDay, endDay }, previous: { firstDay: 2 * firstDay - endDay, endDay: firstDay } });
  const monday = today - (isoWeekday(today) - 1);
  switch (spec.preset) {
    case 'today':
      return days(today, today + 1);
    case 'yesterday':
      return days(today - 1, today);
    // The last N whole days, today left out: a partial day would weigh against full ones.
    case 'last7Days':
      return days(today - 7, today);
    case 'last30Days':
      return days(today - 30, today);
    case 'last90Days':
      return days(today - 90, today);
    case 'thisWeek':
      return days(monday, monday + 7);
    case 'lastWeek':
      return days(monday - 7, monday);
    // Months compare with the calendar month before, whatever its length.
    case 'thisMonth':
      return { span: { firstDay: monthStartDay(today, 0), endDay: monthStartDay(today, 1) }, previous: { firstDay: monthStartDay(today, -1), endDay: monthStartDay(today, 0) } };
    case 'lastMonth':
      return { span: { firstDay: monthStartDay(today, -1), endDay: monthStartDay(today, 0) }, previous: { firstDay: monthStartDay(today, -2), endDay: monthStartDay(today, -1) } };
  }
}

/**
 * Resolves a range spec to instants in a zone at `now`, with the previous period: the same number
 * of local days just before (the calendar month before, for month presets). Every bound is a local
 * midnight, so a range holding a DST change is an hour shorter or longer than its days × 24 h.
 * Throws RangeError for an unknown zone or impossible dates (the query schema refuses them first).
 */
export function resolveRange(spec: RangeSpec, timeZone: string, now: number, labeller: RangeLabeller = DEFAULT_RANGE_LABELLER): RangeResolution {
  const today = dayNumberAt(now, timeZone);
  const { span, previous } = spanOf(spec, today);
  const name = 'preset' in spec ? spec.preset : 'custom';
  const resolve = (days: DaySpan, label: RangePreset | 'custom' | 'previous'): ResolvedRange => ({
    from: dayStart(days.firstDay, timeZone),
    to: dayStart(days.endDay, timeZone),
    timeZone,
    label: labeller(label, dateOfDayNumber(days.firstDay), dateOfDayNumber(days.endDay - 1)),
  });
  return { range: resolve(span, name), previous: resolve(previous, 'previous') };
}

/**
 * The starts of the local intervals cutting [from, to), in order; each ends where the next starts
 * (the last at `to`). 15-minute and hour intervals follow the wall clock: a repeated local hour is
 * two intervals, a skipped one none. Days, weeks (from Monday) and months start at local midnight.
 */
export function intervalStarts(from: number, to: number, interval: InsightInterval, offsets: ZoneOffsets): number[] {
  const starts: number[] = [];
  switch (interval) {
    case '15m':
    case 'hour': {
      const step = interval === '15m' ? QUARTER_MS : HOUR_MS;
      // Every zone in use is offset from UTC by whole quarter hours, so local boundaries are UTC quarters.
      for (let at = Math.ceil(from / QUARTER_MS) * QUARTER_MS; at < to; at += QUARTER_MS) {
        if (starts.length === 0 || offsets.localEpoch(at) % step === 0) starts.push(at);
      }
      if (starts.length > 0) starts[0] = from;
      return starts;
    }
    case 'day':
    case 'week':
    case 'month': {
      const timeZone = offsets.timeZone;
      let day = Math.floor(offsets.localEpoch(from) / DAY_MS);
      starts.push(from);
      for (;;) {
        if (interval === 'day') day += 1;
        else if (interval === 'week') day += 8 - isoWeekday(day);
        else day = monthStartDay(day, 1);
        const at = dayStart(day, timeZone);
        if (at >= to) return starts;
        starts.push(at);
      }
    }
  }
}

/** Index of the interval holding an instant, by binary search over the starts; -1 before the first. */
export function intervalIndexOf(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  if (high < 0 || at < (starts[0] ?? 0)) return -1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** "3:14": ISO weekday (1 Monday … 7 Sunday) and local hour of an instant, the key of the hour-of-week heatmap. */
export function hourOfWeekKey(at: number, offsets: ZoneOffsets): string {
  const local = offsets.localEpoch(at);
  const day = Math.floor(local / DAY_MS);
  return `${isoWeekday(day)}:${Math.floor((local - day * DAY_MS) / HOUR_MS)}`;
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Tue 14:00" for an hour-of-week key. */
export function hourOfWeekLabel(key: string): string {
  const [weekday, hour] = key.split(':').map(Number);
  return `${WEEKDAY_NAMES[(weekday ?? 1) - 1] ?? '?'} ${String(hour ?? 0).padStart(2, '0')}:00`;
}

/**
 * A locale-neutral label of an interval start: "2026-10-25" for days, weeks and months
 * ("2026-10" for months), "2026-10-25 02:00" for hours and quarters; a repeated local hour gets
 * its UTC offset ("02:00 +01:00") so its two intervals read apart.
 */
export function intervalLabel(start: number, interval: InsightInterval, offsets: ZoneOffsets): string {
  const local = new Date(offsets.localEpoch(start)).toISOString();
  if (interval === 'month') return local.slice(0, 7);
  if (interval === 'day' || interval === 'week') return local.slice(0, 10);
  const label = `${local.slice(0, 10)} ${local.slice(11, 16)}`;
  const offset = offsets.offsetAt(start);
  // Falling back repeats local times: the first pass is followed by a smaller offset, the second preceded by a larger one.
  const repeated = offsets.offsetAt(start - HOUR_MS) > offset || offsets.offsetAt(start + HOUR_MS) < offset;
  if (!repeated) return label;
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  return `${label} ${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
