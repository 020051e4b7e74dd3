/**
 * Fast local time of a queue's IANA zone.
 *
 * Arrival rates and business hours depend on the queue's local hour, asked for every simulated
 * arrival; Intl is far too slow for that. Offsets change at most on an hour boundary in the zones
 * we use, so one Intl call per zone per UTC hour is exact.
 */
import { localDate, zoneOffsetMs } from '../../src-shared/time.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface LocalTime {
  /** Days since 1970-01-01 in local time. */
  readonly dayNumber: number;
  /** 0 = Sunday. */
  readonly weekday: number;
  /** Milliseconds since local midnight. */
  readonly msOfDay: number;
}

export interface ZoneClock {
  readonly timeZone: string;
  offsetAt(epochMs: number): number;
  localAt(epochMs: number): LocalTime;
  /** "YYYY-MM-DD" of the local day (cached per day). */
  localDateAt(epochMs: number): string;
}

/** Creates a cached local-time view of one zone. Throws RangeError for an unknown zone. */
export function createZoneClock(timeZone: string): ZoneClock {
  const offsets = new Map<number, number>();
  const dates = new Map<number, string>();
  const offsetAt = (epochMs: number): number => {
    const hour = Math.floor(epochMs / HOUR_MS);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      offset = zoneOffsetMs(hour * HOUR_MS, timeZone);
      if (offsets.size > 10_000) offsets.clear();
      offsets.set(hour, offset);
    }
    return offset;
  };
  offsetAt(0);
  const localAt = (epochMs: number): LocalTime => {
    const local = epochMs + offsetAt(epochMs);
    const dayNumber = Math.floor(local / DAY_MS);
    return { dayNumber, weekday: (((dayNumber + 4) % 7) + 7) % 7, msOfDay: local - dayNumber * DAY_MS };
  };
  return {
    timeZone,
    offsetAt,
    localAt,
    localDateAt: (epochMs) => {
      const { dayNumber } = localAt(epochMs);
      let date = dates.get(dayNumber);
      if (date === undefined) {
        date = localDate(epochMs, timeZone);
        if (dates.size > 1_000) dates.clear();
        dates.set(dayNumber, date);
      }
      return date;
    },
  };
}
