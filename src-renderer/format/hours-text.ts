/**
 * How a queue's open/closed state reads on tiles, queue pages and wallboards: "Open — closes
 * 17:00 EST", "Closed — opens Mon 08:00 EST", in the queue's own zone. The state itself comes from
 * the core (QueueHoursState on each tile); this only words it.
 */
import type { QueueTile } from '../../src-shared/api/live.js';
import type { QueueHoursState } from '../../src-shared/business-hours.js';

export interface HoursText {
  /** "Open" or "Closed": what a tile shows large. */
  readonly label: 'Open' | 'Closed';
  /** The whole sentence: "Closed — opens Mon 08:00 EST". */
  readonly text: string;
  /** Why it is closed, for a tooltip; '' when open. */
  readonly reason: string;
}

const closedReasons: Readonly<Record<NonNullable<QueueHoursState['closedBy']>, string>> = {
  hours: 'Outside its business hours.',
  holiday: 'A holiday: closed all day.',
  special: 'Special hours today.',
};

const DAY_MS = 86_400_000;

type Style = 'date' | 'time' | 'weekday' | 'far';

// Tiles and wallboards render often: one formatter per zone and style, made once.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, style: Style): Intl.DateTimeFormat {
  const key = `${style}\u0000${timeZone}`;
  let made = formatters.get(key);
  if (made === undefined) {
    const clock = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' } as const;
    const options: Intl.DateTimeFormatOptions =
      style === 'date' ? { year: 'numeric', month: '2-digit', day: '2-digit' } : style === 'time' ? clock : style === 'weekday' ? { weekday: 'short', ...clock } : { day: 'numeric', month: 'short', ...clock };
    made = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    formatters.set(key, made);
  }
  return made;
}

/** "08:00 EST" later the same local day, "Mon 08:00 EST" within the week, "Dec 14 08:00 EST" beyond. */
function when(at: number, timeZone: string, now: number): string {
  const date = formatter(timeZone, 'date');
  const style: Style = at - now >= 6 * DAY_MS ? 'far' : date.format(at) === date.format(now) && at - now < DAY_MS ? 'time' : 'weekday';
  return formatter(timeZone, style).format(at).replace(/,/g, '');
}

/**
 * The words for a queue's hours state at `now`; null for a queue open around the clock, which has
 * nothing to announce.
 */
export function describeHoursState(state: QueueHoursState, timeZone: string, now: number): HoursText | null {
  if (state.open) {
    if (state.alwaysOpen) return null;
    return { label: 'Open', text: state.changeAt === null ? 'Open' : `Open — closes ${when(state.changeAt, timeZone, now)}`, reason: '' };
  }
  const reason = state.closedBy === null ? '' : closedReasons[state.closedBy];
  return { label: 'Closed', text: state.changeAt === null ? 'Closed' : `Closed — opens ${when(state.changeAt, timeZone, now)}`, reason };
}

/** A tile's hours state; none on a group tile or from a core that does not say. */
export function tileHours(tile: QueueTile): QueueHoursState | null {
  const withHours: QueueTile & { readonly hours?: QueueHoursState | null } = tile;
  return withHours.hours ?? null;
}

/** Whether a tile's "now" figures mean nothing good: the queue is closed and nobody is waiting in it. */
export function showsClosed(tile: QueueTile): boolean {
  const hours = tileHours(tile);
  return hours !== null && !hours.open && (tile.metrics.queued ?? 0) === 0;
}
