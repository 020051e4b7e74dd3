/** A queue's open/closed state in words, as tiles, queue pages, wallboards and Management show it. */
import type { QueueHoursState } from '../../src-shared/business-hours.js';
import { describeHoursState } from '../format/hours-text.js';

export interface HoursBadgeProps {
  readonly hours: QueueHoursState | null | undefined;
  readonly timeZone: string;
  readonly testId: string;
  /** Also say "Open around the clock" (Management), instead of nothing (tiles). */
  readonly showAlwaysOpen?: boolean;
}

/** Nothing for a queue without hours state or open around the clock (unless asked); otherwise "Open — closes …" or "Closed — opens …". */
export function HoursBadge({ hours, timeZone, testId, showAlwaysOpen = false }: HoursBadgeProps) {
  if (hours === null || hours === undefined) return null;
  // The renderer's clock only decides "today" or a weekday in the words; the state is the core's.
  const words = describeHoursState(hours, timeZone, Date.now());
  if (words === null) {
    return showAlwaysOpen ? (
      <span className="hours-badge hours-badge--open" data-testid={testId} data-open="true">
        Open around the clock
      </span>
    ) : null;
  }
  return (
    <span className={`hours-badge hours-badge--${hours.open ? 'open' : 'closed'}`} data-testid={testId} data-open={hours.open ? 'true' : 'false'} title={words.reason === '' ? words.text : `${words.text}\n${words.reason}`}>
      <span className="hours-badge__dot" aria-hidden="true" />
      {words.text}
    </span>
  );
}
