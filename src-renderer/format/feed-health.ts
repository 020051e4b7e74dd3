/**
 * What the console says about bad input from the feed: nothing when there was none, else how many
 * frames and events were skipped and why, so a supervisor can tell a vendor exactly what is wrong.
 */
import type { FeedCounters } from '../../src-shared/api/live.js';

const REASON_LABELS: Readonly<Record<string, string>> = {
  not_json: 'not JSON',
  bad_frame: 'malformed frames',
  oversized: 'oversized frames',
  invalid_event: 'invalid events',
  unknown_event_type: 'unknown event types (kept, not applied)',
  out_of_order: 'out-of-order events',
  epoch_mismatch: 'events for another stream epoch',
  unknown_stream: 'events for an unannounced stream',
  store_rejected: 'events the store could not apply',
  orphan_event: 'events for unknown conversations',
};

export interface FeedHealth {
  readonly total: number;
  /** One line per reason, most frequent first, e.g. "3 × not JSON". */
  readonly lines: readonly string[];
}

export function describeFeedHealth(counters: Pick<FeedCounters, 'rejects' | 'gaps'>): FeedHealth | null {
  const entries = Object.entries(counters.rejects).filter(([, count]) => count > 0);
  if (entries.length === 0 && counters.gaps === 0) return null;
  const lines = entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([reason, count]) => `${count} × ${REASON_LABELS[reason] ?? reason.replaceAll('_', ' ')}`);
  if (counters.gaps > 0) lines.push(`${counters.gaps} × gaps in the sequence (replayed by the feed; nothing lost)`);
  return { total: entries.reduce((sum, [, count]) => sum + count, 0), lines };
}
