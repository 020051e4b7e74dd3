/**
 * Business hours as a queue's own clock sees them (docs/protocol.md, "Business hours"): whether a
 * queue is open at an instant, when that changes next, and a week laid out for people to check,
 * all in the queue's IANA zone, exact on DST days. One module for the simulator, the core and the UI
 * (docs/decisions/0020-business-hours.md).
 */
import type { BusinessHours } from './protocol/events.js';
import {
  DAY_MS,
  MINUTE_MS,
  dateOfDayNumber,
  dayNumberOfDate,
  localEpochMs,
  minuteLabel,
  resolveLocalTime,
  weekdayOfDayNumber,
} from './business-hours-zone.js';
import type { ResolvedLocalTime } from './business-hours-zone.js';

/** Whether a queue is open at an instant, and when that changes. */
export interface QueueHoursState {
  readonly open: boolean;
  /** Open around the clock every day with no holiday or special date: nothing to announce. */
  readonly alwaysOpen: boolean;
  /** The next instant the queue opens or closes; null when nothing changes within the horizon looked at. */
  readonly changeAt: number | null;
  /** Why it is closed now: outside the week's windows, a holiday, or a special date; null when open. */
  readonly closedBy: 'hours' | 'holiday' | 'special' | null;
}

/** How many local days after today are searched for the next change; beyond, changeAt is null. */
export const HOURS_HORIZON_DAYS = 14;

/** A window of one local day, in minutes after that day's midnight (closeMinute past openMinute, up to 2880). */
export interface DayWindow {
  readonly openMinute: number;
  readonly closeMinute: number;
}

/** The windows opening on one local date, and where they come from. */
export interface DayPlan {
  readonly kind: 'weekly' | 'holiday' | 'special';
  readonly windows: readonly DayWindow[];
}

/** A schedule prepared once for repeated questions (sets and maps instead of arrays). */
interface CompiledHours {
  readonly weekly: readonly (readonly DayWindow[])[];
  readonly holidays: ReadonlySet<string>;
  readonly special: ReadonlyMap<string, readonly DayWindow[]>;
  readonly alwaysOpen: boolean;
}

const ALWAYS_OPEN: QueueHoursState = { open: true, alwaysOpen: true, changeAt: null, closedBy: null };
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** A window's close in minutes after the midnight of the day it opens: past midnight when it closes at or before it opens. */
function closeAfterOpen(openMinute: number, closeMinute: number): number {
  return closeMinute > openMinute ? closeMinute : closeMinute + 1440;
}

function dayWindow(window: { readonly openMinute: number; readonly closeMinute: number }): DayWindow {
  return { openMinute: window.openMinute, closeMinute: closeAfterOpen(window.openMinute, window.closeMinute) };
}

function byOpen(left: DayWindow, right: DayWindow): number {
  return left.openMinute - right.openMinute || left.closeMinute - right.closeMinute;
}

function compile(hours: BusinessHours): CompiledHours {
  const weekly: DayWindow[][] = [[], [], [], [], [], [], []];
  for (const window of hours.windows) weekly[window.day]?.push(dayWindow(window));
  for (const day of weekly) day.sort(byOpen);
  const special = new Map<string, readonly DayWindow[]>();
  for (const entry of hours.special ?? []) if (!special.has(entry.date)) special.set(entry.date, entry.windows.map(dayWindow).sort(byOpen));
  const alwaysOpen =
    hours.holidays.length === 0 && special.size === 0 && weekly.every((day) => day.some((window) => window.openMinute === 0 && window.closeMinute >= 1440));
  return { weekly, holidays: new Set(hours.holidays), special, alwaysOpen };
}

function planOf(schedule: CompiledHours, dayNumber: number): DayPlan {
  const date = dateOfDayNumber(dayNumber);
  if (schedule.holidays.has(date)) return { kind: 'holiday', windows: [] };
  const special = schedule.special.get(date);
  if (special !== undefined) return { kind: 'special', windows: special };
  return { kind: 'weekly', windows: schedule.weekly[weekdayOfDayNumber(dayNumber)] ?? [] };
}

/** The windows that open on a local date ("YYYY-MM-DD"): a holiday has none, a special date its own, any other day the week's. */
export function dayPlan(hours: BusinessHours, date: string): DayPlan {
  const dayNumber = dayNumberOfDate(date);
  if (Number.isNaN(dayNumber)) return { kind: 'weekly', windows: [] };
  return planOf(compile(hours), dayNumber);
}

/** One window of a local day as instants, with how each boundary resolved against DST. */
export interface ResolvedWindow {
  readonly window: DayWindow;
  readonly open: ResolvedLocalTime;
  readonly close: ResolvedLocalTime;
}

/** The windows opening on a local day as instants; a window entirely inside a DST gap has open === close. */
export function resolveDayWindows(windows: readonly DayWindow[], dayNumber: number, timeZone: string): ResolvedWindow[] {
  const midnight = dayNumber * DAY_MS;
  return windows.map((window) => ({
    window,
    open: resolveLocalTime(midnight + window.openMinute * MINUTE_MS, timeZone),
    close: resolveLocalTime(midnight + window.closeMinute * MINUTE_MS, timeZone),
  }));
}

interface Computed {
  readonly state: QueueHoursState;
  /** The state holds for every instant from the one asked up to (not including) this one. */
  readonly validUntil: number;
}

function compute(schedule: CompiledHours, timeZone: string, at: number): Computed {
  if (schedule.alwaysOpen) return { state: ALWAYS_OPEN, validUntil: Number.POSITIVE_INFINITY };
  const today = Math.floor(localEpochMs(at, timeZone) / DAY_MS);
  const horizonEnd = resolveLocalTime((today + HOURS_HORIZON_DAYS + 1) * DAY_MS, timeZone).at;
  const intervals: { from: number; to: number }[] = [];
  // A window closes at most a day after the day it opens, so two days back cover everything open today.
  for (let day = today - 2; day <= today + HOURS_HORIZON_DAYS; day += 1) {
    for (const resolved of resolveDayWindows(planOf(schedule, day).windows, day, timeZone)) {
      if (resolved.close.at > resolved.open.at) intervals.push({ from: resolved.open.at, to: resolved.close.at });
    }
  }
  intervals.sort((left, right) => left.from - right.from);
  let open = false;
  let changeAt: number | null = null;
  let decided = false;
  let runFrom = Number.NaN;
  let runTo = Number.NaN;
  const decide = (): void => {
    if (decided || Number.isNaN(runFrom)) return;
    if (runFrom <= at && at < runTo) {
      open = true;
      changeAt = runTo < horizonEnd ? runTo : null;
      decided = true;
    } else if (runFrom > at) {
      changeAt = runFrom < horizonEnd ? runFrom : null;
      decided = true;
    }
  };
  for (const interval of intervals) {
    if (!Number.isNaN(runTo) && interval.from <= runTo) {
      runTo = Math.max(runTo, interval.to);
      continue;
    }
    decide();
    if (decided) break;
    runFrom = interval.from;
    runTo = interval.to;
  }
  decide();
  const plan = planOf(schedule, today);
  const closedBy = open ? null : plan.kind === 'weekly' ? 'hours' : plan.kind;
  const nextMidnight = resolveLocalTime((today + 1) * DAY_MS, timeZone).at;
  return { state: { open, alwaysOpen: false, changeAt, closedBy }, validUntil: Math.min(changeAt ?? Number.POSITIVE_INFINITY, nextMidnight) };
}

/**
 * Whether a queue with these hours is open at an instant in its zone, why not, and when that
 * changes next (within HOURS_HORIZON_DAYS local days). Exact on DST days: a boundary skipped by
 * spring forward takes effect after the gap, a repeated one at its first occurrence. Throws
 * RangeError for a zone Intl does not know.
 */
export function hoursStateAt(hours: BusinessHours, timeZone: string, at: number): QueueHoursState {
  return compute(compile(hours), timeZone, at).state;
}

/** A queue's hours asked again and again as time moves on. */
export interface HoursClock {
  readonly hours: BusinessHours;
  readonly timeZone: string;
  stateAt(at: number): QueueHoursState;
}

/**
 * A cached hoursStateAt for one schedule: the live path asks every queue on every overview diff
 * (10 times a second) and every simulated arrival, so an answer is reused until the next change
 * or the next local midnight (where the reason for being closed may change), and Intl is only
 * called then, or when time goes back.
 */
export function createHoursClock(hours: BusinessHours, timeZone: string): HoursClock {
  const schedule = compile(hours);
  let validFrom = Number.POSITIVE_INFINITY;
  let validUntil = Number.NEGATIVE_INFINITY;
  let state: QueueHoursState = ALWAYS_OPEN;
  return {
    hours,
    timeZone,
    stateAt(at) {
      if (at >= validFrom && at < validUntil) return state;
      const computed = compute(schedule, timeZone, at);
      state = computed.state;
      validFrom = at;
      validUntil = computed.validUntil;
      return state;
    },
  };
}

/** Whether the schedule is open around the clock with nothing to announce (every day 00:00–24:00, no holiday, no special date). */
export function isAlwaysOpen(hours: BusinessHours): boolean {
  return compile(hours).alwaysOpen;
}

function windowLabel(window: DayWindow): string {
  return `${minuteLabel(window.openMinute)}–${minuteLabel(window.closeMinute)}${window.closeMinute > 1440 ? ' (next day)' : ''}`;
}

/** The first pair of overlapping windows in a list spread over `period` minutes (a week wraps around), or null. */
function firstOverlap<T extends { readonly from: number; readonly to: number }>(spans: readonly T[], period: number | null): readonly [T, T] | null {
  for (let left = 0; left < spans.length; left += 1) {
    for (let right = left + 1; right < spans.length; right += 1) {
      const a = spans[left];
      const b = spans[right];
      if (a === undefined || b === undefined) continue;
      const shifts = period === null ? [0] : [-period, 0, period];
      if (shifts.some((shift) => a.from < b.to + shift && b.from + shift < a.to)) return [a, b];
    }
  }
  return null;
}

/**
 * Why a schedule is refused, or null: a window that opens and closes at the same minute, windows
 * that overlap (a past-midnight one included), a date listed twice, a date both a holiday and
 * special, or a date that is not in the calendar. The simulator and the console refuse the same.
 */
export function validateBusinessHours(hours: BusinessHours): string | null {
  for (const window of hours.windows) {
    if (window.openMinute === window.closeMinute) return `The ${WEEKDAYS[window.day] ?? '?'} window opens and closes at ${minuteLabel(window.openMinute)}.`;
  }
  const weekly = hours.windows.map((window) => {
    const span = dayWindow(window);
    return { from: window.day * 1440 + span.openMinute, to: window.day * 1440 + span.closeMinute, label: `${WEEKDAYS[window.day] ?? '?'} ${windowLabel(span)}` };
  });
  const weeklyOverlap = firstOverlap(weekly, 7 * 1440);
  if (weeklyOverlap !== null) return `Windows overlap: ${weeklyOverlap[0].label} and ${weeklyOverlap[1].label}.`;
  const holidays = new Set<string>();
  for (const date of hours.holidays) {
    if (Number.isNaN(dayNumberOfDate(date))) return `${date} is not a date.`;
    if (holidays.has(date)) return `${date} is listed twice as a holiday.`;
    holidays.add(date);
  }
  const special = new Set<string>();
  for (const entry of hours.special ?? []) {
    if (Number.isNaN(dayNumberOfDate(entry.date))) return `${entry.date} is not a date.`;
    if (special.has(entry.date)) return `${entry.date} has special hours twice.`;
    if (holidays.has(entry.date)) return `${entry.date} is both a holiday and a date with special hours.`;
    special.add(entry.date);
    for (const window of entry.windows) {
      if (window.openMinute === window.closeMinute) return `A window on ${entry.date} opens and closes at ${minuteLabel(window.openMinute)}.`;
    }
    const spans = entry.windows.map((window) => {
      const span = dayWindow(window);
      return { from: span.openMinute, to: span.closeMinute, label: windowLabel(span) };
    });
    const overlap = firstOverlap(spans, null);
    if (overlap !== null) return `Windows on ${entry.date} overlap: ${overlap[0].label} and ${overlap[1].label}.`;
  }
  return null;
}

/** One window of a previewed day: instants, and local times as a person reads them. */
export interface PreviewInterval {
  readonly from: number;
  readonly to: number;
  /** Local times after DST is applied: "08:00–17:00", "22:00–02:00 (next day)", "03:00–17:00" on a spring-forward day. */
  readonly label: string;
}

/** A local day of the preview: which windows open that day and what DST does to them. */
export interface DayPreview {
  readonly date: string;
  /** 0 = Sunday. */
  readonly weekday: number;
  readonly kind: DayPlan['kind'];
  readonly intervals: readonly PreviewInterval[];
  /** Plain sentences on DST effects, e.g. "02:30 does not occur on Sun 8 Mar 2026 in America/New_York: the window opens at 03:00". */
  readonly notes: readonly string[];
}

const SHORT_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function dayText(dayNumber: number): string {
  const date = new Date(dayNumber * DAY_MS);
  return `${SHORT_WEEKDAYS[date.getUTCDay()] ?? ''} ${date.getUTCDate()} ${SHORT_MONTHS[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()}`;
}

function boundaryNote(localMinute: number, dayNumber: number, resolved: ResolvedLocalTime, verb: 'opens' | 'closes', timeZone: string): string | null {
  const written = minuteLabel(localMinute);
  const day = dayText(dayNumber + Math.floor(localMinute / 1440));
  if (resolved.resolution === 'gap') return `${written} does not occur on ${day} in ${timeZone}: the window ${verb} at ${minuteLabel((localEpochMs(resolved.at, timeZone) % DAY_MS) / MINUTE_MS)}`;
  if (resolved.resolution === 'repeated') return `${written} occurs twice on ${day} in ${timeZone}: the window ${verb} at the first ${written}`;
  return null;
}

/**
 * Days laid out for a person to check a schedule before saving it: each day's windows as
 * instants and local times, and what DST does to them that day, so a window that cannot open as
 * written is said, not silently moved.
 */
export function weekPreview(hours: BusinessHours, timeZone: string, firstDate: string, days = 7): DayPreview[] {
  const first = dayNumberOfDate(firstDate);
  if (Number.isNaN(first)) return [];
  const schedule = compile(hours);
  const preview: DayPreview[] = [];
  for (let dayNumber = first; dayNumber < first + days; dayNumber += 1) {
    const plan = planOf(schedule, dayNumber);
    const intervals: PreviewInterval[] = [];
    const notes: string[] = [];
    for (const resolved of resolveDayWindows(plan.windows, dayNumber, timeZone)) {
      if (resolved.close.at <= resolved.open.at) {
        notes.push(`${windowLabel(resolved.window)} falls in the time skipped on ${dayText(dayNumber)} in ${timeZone}: the window does not open`);
        continue;
      }
      const midnight = dayNumber * DAY_MS;
      const openMinute = (localEpochMs(resolved.open.at, timeZone) - midnight) / MINUTE_MS;
      const closeMinute = (localEpochMs(resolved.close.at, timeZone) - midnight) / MINUTE_MS;
      intervals.push({ from: resolved.open.at, to: resolved.close.at, label: windowLabel({ openMinute, closeMinute }) });
      for (const note of [
        boundaryNote(resolved.window.openMinute, dayNumber, resolved.open, 'opens', timeZone),
        boundaryNote(resolved.window.closeMinute, dayNumber, resolved.close, 'closes', timeZone),
      ]) {
        if (note !== null) notes.push(note);
      }
    }
    preview.push({ date: dateOfDayNumber(dayNumber), weekday: weekdayOfDayNumber(dayNumber), kind: plan.kind, intervals, notes });
  }
  return preview;
}

/** Building an Intl.DateTimeFormat costs far more than using one, and tiles re-render often. */
const textFormatters = new Map<string, Intl.DateTimeFormat>();

function textFormatter(locale: string, timeZone: string, part: 'time' | 'weekday' | 'date'): Intl.DateTimeFormat {
  const key = `${locale}\u0000${timeZone}\u0000${part}`;
  let formatter = textFormatters.get(key);
  if (formatter === undefined) {
    const options: Intl.DateTimeFormatOptions =
      part === 'time'
        ? { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }
        : part === 'weekday'
          ? { timeZone, weekday: 'short' }
          : { timeZone, weekday: 'short', day: 'numeric', month: 'short' };
    formatter = new Intl.DateTimeFormat(locale, options);
    textFormatters.set(key, formatter);
  }
  return formatter;
}

function changeText(changeAt: number, timeZone: string, now: number, locale: string): string {
  const time = textFormatter(locale, timeZone, 'time').format(changeAt);
  const days = Math.floor(localEpochMs(changeAt, timeZone) / DAY_MS) - Math.floor(localEpochMs(now, timeZone) / DAY_MS);
  if (days === 0) return time;
  return `${textFormatter(locale, timeZone, days < 6 ? 'weekday' : 'date').format(changeAt)} ${time}`;
}

/**
 * The one line a tile or panel shows about a queue's hours, in the queue's zone with its
 * abbreviation: "Open — closes 17:00 EST", "Closed — opens Mon 08:00 EST", "Closed today
 * (holiday) — opens Tue 08:00 EST", "Open 24 hours". The weekday appears only when the change is
 * not today (the date too when it is a week or more away). Times are 24-hour like the rest of the
 * console; the locale sets the words Intl supplies (weekday, zone).
 */
export function describeHoursState(state: QueueHoursState, timeZone: string, now: number, locale = 'en-US'): string {
  if (state.alwaysOpen) return 'Open 24 hours';
  const change = state.changeAt === null ? null : changeText(state.changeAt, timeZone, now, locale);
  if (state.open) return change === null ? 'Open' : `Open — closes ${change}`;
  const closed = state.closedBy === 'holiday' ? 'Closed today (holiday)' : state.closedBy === 'special' ? 'Closed today (special hours)' : 'Closed';
  return change === null ? closed : `${closed} — opens ${change}`;
}
