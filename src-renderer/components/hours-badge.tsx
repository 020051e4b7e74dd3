/** A queue's open/closed state in words, as tiles, queue pages, wallboards and Management show it. */
import { describeHoursState, type QueueHoursState } from '../../src-shared/business-hours.js';
import { closedReason } from '../format/hours-text.js';

export interface HoursBadgeProps {
  readonly hours: QueueHoursState | null | undefined;
  readonly timeZone: string;
  readonly testId: string;
  /** Also say "Open 24 hours" (Management), instead of nothing (tiles, where it is the usual case). */
  readonly showAlwaysOpen?: boolean;
}

/** Nothing for a queue without hours state (or open around the clock, unless asked); otherwise "Open — closes …" or "Closed — opens …". */
export function HoursBadge({ hours, timeZone, testId, showAlwaysOpen = false }: HoursBadgeProps) {
  if (hours === null || hours === undefined || (hours.alwaysOpen && !showAlwaysOpen)) return null;
  // The renderer's clock only decides between "17:00" and "Mon 17:00" in the words; the state is the core's.
  const text = describeHoursState(hours, timeZone, Date.now());
  const reason = closedReason(hours);
  return (
    <span className={`hours-badge hours-badge--${hours.open ? 'open' : 'closed'}`} data-testid={testId} data-open={hours.open ? 'true' : 'false'} title={reason === '' ? text : `${text}\n${reason}`}>
      <span className="hours-badge__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
