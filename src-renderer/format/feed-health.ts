/**
 * What the console says about bad input from the feed: nothing when there was none, else how many
 * frames and events were skipped and why, so a supervisor can tell a vendor exactly what is wrong.
 */
import type { FeedCounters } from '../../src-shared/api/live.js';
import { useT } from '../i18n/translate.js';

const t = useT('format');

const REASON_LABELS: Readonly<Record<string, string>> = {
  not_json: t('rejectNotJson'),
  bad_frame: t('rejectBadFrame'),
  oversized: t('rejectOversized'),
  invalid_event: t('rejectInvalidEvent'),
  unknown_event_type: t('rejectUnknownEventType'),
  out_of_order: t('rejectOutOfOrder'),
  epoch_mismatch: t('rejectEpochMismatch'),
  unknown_stream: t('rejectUnknownStream'),
  store_rejected: t('rejectStoreRejected'),
  orphan_event: t('rejectOrphanEvent'),
};

export interface FeedHealth {
  readonly total: number;
  /** One line per reason, most frequent first, e.g. "3 × not JSON". */
  readonly lines: readonly string[];
}

export function describeFeedHealth(counters: Pick<FeedCounters, 'rejects' | 'gaps'>): FeedHealth | null {
  const entries = Object.entries(counters.rejects).filter(([, count]) => count > 0);
  if (entries.length === 0 && counters.gaps === 0) return null;
  const lines = entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([reason, count]) => t('rejectLine', { count, reason: REASON_LABELS[reason] ?? reason.replaceAll('_', ' ') }));
  if (counters.gaps > 0) lines.push(t('gapsLine', { count: counters.gaps }));
  return { total: entries.reduce((sum, [, count]) => sum + count, 0), lines };
}
