/**
 * A queue's open/closed state as tiles, queue pages and wallboards read it from a tile. The state
 * is the core's (QueueHoursState on each tile); its words come from the shared hours module
 * (describeHoursState), so every screen says it the same way.
 */
import type { QueueTile } from '../../src-shared/api/live.js';
import type { QueueHoursState } from '../../src-shared/business-hours.js';
import { assertNever } from '../../src-shared/result.js';
import { useT } from '../i18n/translate.js';

const t = useT('format');

/** A tile's hours state; null from a core that did not say (one older than business hours). */
export function tileHours(tile: QueueTile): QueueHoursState | null {
  const hours: QueueHoursState | undefined = tile.hours;
  return hours ?? null;
}

/** Whether a tile's "now" figures mean nothing good: the queue is closed and nobody is waiting in it. */
export function showsClosed(tile: QueueTile): boolean {
  const hours = tileHours(tile);
  return hours !== null && !hours.open && (tile.metrics.queued ?? 0) === 0;
}

/** Why a closed queue is closed, for a tooltip; '' when open. */
export function closedReason(state: QueueHoursState): string {
  switch (state.closedBy) {
    case 'hours':
      return t('closedByHours');
    case 'holiday':
      return t('closedByHoliday');
    case 'special':
      return t('closedBySpecial');
    case null:
      return '';
    default:
      return assertNever(state.closedBy, 'closed by');
  }
}
