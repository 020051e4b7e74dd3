/**
 * Local wall-clock time of an IANA zone turned into instants and back, with the plan's DST rules:
 * a local time skipped by a spring-forward gap takes effect at the first instant after the gap; a
 * local time repeated by a fall-back overlap takes its first occurrence. Intl only (no Node, no DOM).
 */
import { zoneOffsetMs } from './time.js';

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** How a local time resolved to an instant: as written, moved past a gap, or the first of two. */
export type LocalResolution = 'exact' | 'gap' | 'repeated';

export interface ResolvedLocalTime {
  readonly at: number;
  readonly resolution: LocalResolution;
}

/**
 * The instant of a local time given as ms since 1970-01-01 00:00 local (a "local epoch").
 * Assumes at most one offset change within a day either side, true of every zone in use.
 */
export function resolveLocalTime(localMs: number, timeZone: string): ResolvedLocalTime {
  const before = zoneOffsetMs(localMs - DAY_MS, timeZone);
  const after = zoneOffsetMs(localMs + DAY_MS, timeZone);
  const earlier = localMs - Math.max(before, after);
  const later = localMs - Math.min(before, after);
  const earlierFits = zoneOffsetMs(earlier, timeZone) === localMs - earlier;
  const laterFits = earlier === later ? earlierFits : zoneOffsetMs(later, timeZone) === localMs - later;
  if (earlierFits) return { at: earlier, resolution: laterFits && earlier !== later ? 'repeated' : 'exact' };
  if (laterFits) return { at: later, resolution: 'exact' };
  // A gap: the offset grows from `before` to `after` between `earlier` and `later`; the first
  // instant carrying the new offset is the first one after the skipped local times.
  let low = Math.floor(earlier / 1000);
  let high = Math.ceil(later / 1000);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zoneOffsetMs(middle * 1000, timeZone) === after) high = middle;
    else low = middle;
  }
  return { at: high * 1000, resolution: 'gap' };
}

/** The local epoch ms of an instant in the zone (the inverse of resolveLocalTime where it is defined). */
export function localEpochMs(at: number, timeZone: string): number {
  return at + zoneOffsetMs(at, timeZone);
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" date; NaN when it is not a calendar date. */
export function dayNumberOfDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return Number.NaN;
  return utc / DAY_MS;
}

/** "YYYY-MM-DD" of a day number. */
export function dateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday. */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** "08:00" for a minute of a local day (1440 and beyond wrap into the next day). */
export function minuteLabel(minute: number): string {
  const wrapped = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}
