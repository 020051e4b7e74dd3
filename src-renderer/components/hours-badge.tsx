/** A queue's open/closed state in words and, on a closed queue's tile, plainly: as tiles, queue pages, wallboards and Management show it. */
import { describeHoursState, type QueueHoursState } from '../../src-shared/business-hours.js';
import type { QueueTile } from '../../src-shared/api/live.js';
import { closedReason, tileHours } from '../format/hours-text.js';
import { useT } from '../i18n/translate.js';

const t = useT('components');

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

/**
 * CLOSED, large, on the tile of a closed queue. With nobody waiting it stands in for the "now"
 * figures (empty zeros are not a good queue); with customers still waiting from before closing,
 * it says they are still served and the figures stay below it.
 */
export function ClosedPlate({ tile }: { readonly tile: QueueTile }) {
  const hours = tileHours(tile);
  if (hours === null || hours.open) return null;
  const waiting = tile.metrics.queued ?? 0;
  return (
    <p className={waiting > 0 ? 'queue-tile__closed queue-tile__closed--serving' : 'queue-tile__closed'} data-testid="tile-closed">
      {t('closed')}
      {waiting > 0 ? <span className="queue-tile__closed-note">{t('stillServing', { count: waiting })}</span> : null}
    </p>
  );
}
