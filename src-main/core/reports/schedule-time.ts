/**
 * When a report runs: its cadence and local time of day in its own IANA zone, as croner computes
 * them (docs/decisions/0034-scheduled-reports.md). Across a DST change a time that does not exist
 * that day runs at the next valid minute (02:30 on a spring-forward night runs at 03:00) and a time
 * that happens twice runs once, at its first occurrence.
 */
import { Cron } from 'croner';
import type { ReportCadence } from '../../../src-shared/api/reports.js';

/** What of a schedule says when it runs. */
export interface ScheduleTiming {
  readonly cadence: ReportCadence;
  /** HH:MM, local to `timeZone`. */
  readonly time: string;
  /** Weekly: 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** Monthly: 1–28. */
  readonly dayOfMonth: number;
  readonly timeZone: string;
}

/**
 * The longest gap between two runs of any cadence (a monthly one), with room: the latest run
 * before a time is always found within this window before it.
 */
const LONGEST_GAP_MS = 40 * 86_400_000;

/** Whether the runtime knows a zone by this IANA name (a schedule in an unknown zone is refused when saved). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
    return true;
  } catch {
    return false;
  }
}

/** The cron pattern (minute hour day month weekday) of a schedule's cadence. */
export function cronPattern(timing: ScheduleTiming): string {
  const [hours, minutes] = timing.time.split(':').map(Number) as [number, number];
  const clock = `${minutes} ${hours}`;
  switch (timing.cadence) {
    case 'daily':
      return `${clock} * * *`;
    case 'weekdays':
      return `${clock} * * 1-5`;
    case 'weekly':
      return `${clock} * * ${timing.weekday}`;
    case 'monthly':
      return `${clock} ${timing.dayOfMonth} * *`;
  }
}

function cronOf(timing: ScheduleTiming): Cron {
  return new Cron(cronPattern(timing), { timezone: timing.timeZone, paused: true });
}

/** The first run strictly after `after` (epoch ms). */
export function nextRunAfter(timing: ScheduleTiming, after: number): number {
  const next = cronOf(timing).nextRun(new Date(after));
  if (next === null) throw new Error(`The schedule ${cronPattern(timing)} in ${timing.timeZone} never runs`);
  return next.getTime();
}

/**
 * The latest run in (after, until], or null when none falls there: the one run a console closed
 * over several runs sends when it starts again (the others are not sent).
 */
export function latestRunBetween(timing: ScheduleTiming, after: number, until: number): number | null {
  if (until <= after) return null;
  const cron = cronOf(timing);
  // Every cadence runs at least once in LONGEST_GAP_MS, so starting there skips nothing that matters.
  let cursor = Math.max(after, until - LONGEST_GAP_MS);
  let latest: number | null = null;
  for (;;) {
    const next = cron.nextRun(new Date(cursor));
    if (next === null || next.getTime() > until) return latest;
    latest = next.getTime();
    cursor = latest;
  }
}
