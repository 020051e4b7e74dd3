/**
 * The business hours editor as pure functions: the text typed for each window, holiday and special
 * date, and the BusinessHours it makes (docs/protocol.md, "Business hours"). Times are "HH:MM" in
 * the queue's own zone; a window whose closing time is at or before its opening time runs past
 * midnight and belongs to the day it opens.
 */
import type { BusinessHours } from '../../../src-shared/protocol/events.js';
import { calendarDateIn } from '../../format/locale.js';
import { useT } from '../../i18n/translate.js';

const t = useT('management');

/** One window as typed: "08:00" to "17:00"; "22:00" to "06:00" runs past midnight. */
export interface WindowDraft {
  readonly open: string;
  readonly close: string;
}

export interface SpecialDraft {
  readonly date: string;
  /** No window: closed all that day. */
  readonly windows: readonly WindowDraft[];
}

export interface HoursDraft {
  /** Seven days, Sunday first (day 0), as the feed numbers them. */
  readonly week: readonly (readonly WindowDraft[])[];
  readonly holidays: readonly string[];
  readonly special: readonly SpecialDraft[];
  readonly closedMessage: string;
}

export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The editor lists Monday first, as most floors plan their week. */
export const DAY_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

/** What the feed and the schema accept (src-shared/protocol/events.ts). */
export const LIMITS = { windows: 64, specialWindows: 16, holidays: 366, special: 366, closedMessage: 1000 } as const;

/** A new window's default: a working day. */
export const NEW_WINDOW: WindowDraft = { open: '08:00', close: '17:00' };

const TIME_PATTERN = /^(\d{1,2}):(\d{2})$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** "08:00" for 480; 1440 reads "24:00" (the end of the day). */
export function minuteText(minute: number): string {
  const hours = Math.floor(minute / 60);
  const minutes = minute % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** Minutes after local midnight for "HH:MM" (00:00 to 24:00), or null when it is not a time of day. */
export function parseMinute(text: string): number | null {
  const match = TIME_PATTERN.exec(text.trim());
  if (match === null) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

/** Whether a window (in minutes) runs past midnight into the next day (0–1440 and 0–0 are the whole day, not past it). */
export function crossesMidnight(openMinute: number, closeMinute: number): boolean {
  return closeMinute <= openMinute && !(openMinute === 0 && (closeMinute === 0 || closeMinute === 1440));
}

/** "08:00–17:00", "22:00–06:00 next day", "all day". */
export function describeWindow(openMinute: number, closeMinute: number): string {
  if (openMinute === 0 && (closeMinute === 1440 || closeMinute === 0)) return t('allDay');
  const range = `${minuteText(openMinute)}–${minuteText(closeMinute === 1440 ? 1440 : closeMinute)}`;
  return crossesMidnight(openMinute, closeMinute) ? t('rangeNextDay', { range }) : range;
}

/** Whether a typed date is a real calendar date (YYYY-MM-DD). */
export function isLocalDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The date (YYYY-MM-DD) an instant falls on in a zone: "today" for the queue's own calendar. */
export function localDateIn(timeZone: string, at: number): string {
  const { year, month, day } = calendarDateIn(at, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The editor's text for the hours a queue has. */
export function draftFromHours(hours: BusinessHours): HoursDraft {
  const week: WindowDraft[][] = [[], [], [], [], [], [], []];
  const sorted = [...hours.windows].sort((left, right) => left.day - right.day || left.openMinute - right.openMinute);
  for (const window of sorted) week[window.day]?.push({ open: minuteText(window.openMinute), close: minuteText(window.closeMinute) });
  return {
    week,
    holidays: [...hours.holidays].sort(),
    special: [...(hours.special ?? [])]
      .sort((left, right) => (left.date < right.date ? -1 : left.date > right.date ? 1 : 0))
      .map((entry) => ({ date: entry.date, windows: entry.windows.map((window) => ({ open: minuteText(window.openMinute), close: minuteText(window.closeMinute) })) })),
    closedMessage: hours.closedMessage ?? '',
  };
}

/** Where an error belongs: a window of a day, of a special date, a holiday, or the whole form. */
export type DraftPath = `week.${number}.${number}` | `week.${number}` | `special.${number}.${number}` | `special.${number}` | `holiday.${number}` | 'holidays' | 'closedMessage' | 'form';

export type ParsedHours = { readonly ok: true; readonly hours: BusinessHours } | { readonly ok: false; readonly errors: ReadonlyMap<DraftPath, string> };

type Span = { readonly openMinute: number; readonly closeMinute: number };

function parseWindow(window: WindowDraft): Span | string {
  const openMinute = parseMinute(window.open);
  const closeMinute = parseMinute(window.close);
  if (openMinute === null || closeMinute === null) return t('timesAreHhMm');
  if (openMinute === 1440) return t('aWindowCannotOpen');
  // As the feed and the core refuse it (validateBusinessHours): a whole day is 00:00 to 24:00.
  if (openMinute === closeMinute) return t('opensAndClosesAt');
  return { openMinute, closeMinute };
}

/** A window's minutes from its day's midnight; one past midnight ends after 1440. */
function extent(span: Span): readonly [number, number] {
  return [span.openMinute, crossesMidnight(span.openMinute, span.closeMinute) || span.closeMinute === 0 ? span.closeMinute + 1440 : span.closeMinute];
}

/** The first pair of windows of one day that overlap, described, or null. */
function overlapIn(spans: readonly Span[]): string | null {
  const extents = spans.map(extent).sort((left, right) => left[0] - right[0]);
  for (let index = 1; index < extents.length; index += 1) {
    const previous = extents[index - 1];
    const current = extents[index];
    if (previous !== undefined && current !== undefined && current[0] < previous[1]) return t('windowsOverlapValue0Opens', { value0: minuteText(current[0]), value1: minuteText(previous[1] % 1440) });
  }
  return null;
}

/**
 * The BusinessHours the draft makes, or what to fix, field by field: a time that is not a time,
 * windows of one day that overlap, a date that is not a date, a date given twice, more than the
 * feed accepts.
 */
export function parseHoursDraft(draft: HoursDraft): ParsedHours {
  const errors = new Map<DraftPath, string>();
  const windows: BusinessHours['windows'][number][] = [];
  draft.week.forEach((day, dayIndex) => {
    const spans: Span[] = [];
    day.forEach((window, windowIndex) => {
      const parsed = parseWindow(window);
      if (typeof parsed === 'string') errors.set(`week.${dayIndex}.${windowIndex}`, parsed);
      else spans.push(parsed);
    });
    const overlap = overlapIn(spans);
    if (overlap !== null) errors.set(`week.${dayIndex}`, overlap);
    for (const span of spans) windows.push({ day: dayIndex, ...span });
  });
  if (windows.length > LIMITS.windows) errors.set('form', `At most ${LIMITS.windows} windows a week.`);

  const holidays = new Set<string>();
  draft.holidays.forEach((date, index) => {
    if (!isLocalDate(date)) errors.set(`holiday.${index}`, 'Pick a date.');
    else if (holidays.has(date)) errors.set(`holiday.${index}`, 'This date is already a holiday.');
    else holidays.add(date);
  });
  if (holidays.size > LIMITS.holidays) errors.set('holidays', `At most ${LIMITS.holidays} holidays.`);

  const specialDates = new Set<string>();
  const special: NonNullable<BusinessHours['special']>[number][] = [];
  draft.special.forEach((entry, index) => {
    if (!isLocalDate(entry.date)) errors.set(`special.${index}`, 'Pick a date.');
    else if (specialDates.has(entry.date)) errors.set(`special.${index}`, 'This date already has special hours.');
    else if (holidays.has(entry.date)) errors.set(`special.${index}`, 'This date is a holiday (closed all day); remove one of the two.');
    if (entry.windows.length > LIMITS.specialWindows) errors.set(`special.${index}`, `At most ${LIMITS.specialWindows} windows on one date.`);
    specialDates.add(entry.date);
    const spans: Span[] = [];
    entry.windows.forEach((window, windowIndex) => {
      const parsed = parseWindow(window);
      if (typeof parsed === 'string') errors.set(`special.${index}.${windowIndex}`, parsed);
      else spans.push(parsed);
    });
    const overlap = overlapIn(spans);
    if (overlap !== null && !errors.has(`special.${index}`)) errors.set(`special.${index}`, overlap);
    special.push({ date: entry.date, windows: spans });
  });
  if (special.length > LIMITS.special) errors.set('form', `At most ${LIMITS.special} special dates.`);

  if (draft.closedMessage.length > LIMITS.closedMessage) errors.set('closedMessage', `At most ${LIMITS.closedMessage} characters.`);
  if (errors.size > 0) return { ok: false, errors };
  const message = draft.closedMessage.trim();
  return {
    ok: true,
    hours: {
      windows,
      holidays: [...holidays].sort(),
      ...(special.length === 0 ? {} : { special: special.sort((left, right) => (left.date < right.date ? -1 : 1)) }),
      ...(message.length === 0 ? {} : { closedMessage: message }),
    },
  };
}

/** Whether hours say the queue never opens by the week alone (no window at all). */
export function hasNoWindow(hours: BusinessHours): boolean {
  return hours.windows.length === 0;
}

/** A copy of the draft with one day's windows replaced. */
export function withDay(draft: HoursDraft, day: number, windows: readonly WindowDraft[]): HoursDraft {
  return { ...draft, week: draft.week.map((current, index) => (index === day ? windows : current)) };
}

/** A copy of a list with one entry replaced. */
export function replaceAt<T>(list: readonly T[], index: number, value: T): readonly T[] {
  return list.map((current, position) => (position === index ? value : current));
}

/** A copy of a list without one entry. */
export function removeAt<T>(list: readonly T[], index: number): readonly T[] {
  return list.filter((_, position) => position !== index);
}
