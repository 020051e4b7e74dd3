/**
 * Business hours as a queue's own clock sees them (docs/protocol.md, "Business hours"): whether a
 * queue is open at an instant, when that changes next, and a week laid out for people to check,
 * all in the queue's IANA zone, exact on DST days. One module for the simulator, the core and the UI.
 */

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
