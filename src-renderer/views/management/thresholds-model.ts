/**
 * The threshold override editor as pure functions: which fields exist, the text typed into each,
 * and the partial override it makes. An empty field follows the feed's value; a filled one
 * overrides it on this console.
 */
import type { ThresholdSettings } from '../../../src-shared/api/live-insights.js';
import type { MetricId } from '../../../src-shared/metrics/dictionary.js';
import type { Thresholds } from '../../../src-shared/protocol/events.js';
import { assertNever } from '../../../src-shared/result.js';
import { formatDuration } from '../../../src-shared/time.js';
import { useT } from '../../i18n/translate.js';

const t = useT('management');

export type ThresholdKey = keyof Thresholds;

export interface ThresholdField {
  readonly key: ThresholdKey;
  readonly label: string;
  readonly unit: 'count' | 'seconds' | 'percent';
  /** The metric it watches, for the dictionary link. */
  readonly metricId: MetricId;
  /** Highlighted when the metric goes above (most) or below (service level) the threshold. */
  readonly direction: 'above' | 'below';
}

export const THRESHOLD_FIELDS: readonly ThresholdField[] = [
  { key: 'queuedLow', label: t('queuedLowSeverity'), unit: 'count', metricId: 'queued', direction: 'above' },
  { key: 'queuedHigh', label: t('queuedHighSeverity'), unit: 'count', metricId: 'queued', direction: 'above' },
  { key: 'longestWaitSec', label: t('longestWait'), unit: 'seconds', metricId: 'longestWaitSec', direction: 'above' },
  { key: 'ahtSec', label: t('averageHandleTime'), unit: 'seconds', metricId: 'ahtNowSec', direction: 'above' },
  { key: 'firstResponseSec', label: t('averageFirstResponse'), unit: 'seconds', metricId: 'avgFirstResponseTimeSec', direction: 'above' },
  { key: 'serviceLevelPct', label: t('serviceLevel'), unit: 'percent', metricId: 'serviceLevelPct', direction: 'below' },
  { key: 'abandonRatePct', label: t('abandonRate'), unit: 'percent', metricId: 'abandonRatePct', direction: 'above' },
];

/** Text of each field: the override as typed, '' where the feed's value applies. */
export type ThresholdDraft = Readonly<Record<ThresholdKey, string>>;

/** The editor's starting text from the current settings. */
export function draftFromSettings(settings: Pick<ThresholdSettings, 'override'>): ThresholdDraft {
  const draft = {} as Record<ThresholdKey, string>;
  for (const field of THRESHOLD_FIELDS) {
    const value = settings.override?.[field.key];
    draft[field.key] = value === undefined ? '' : String(value);
  }
  return draft;
}

export type ParsedThresholds =
  | { readonly ok: true; readonly override: Partial<Thresholds> | null; readonly effective: Thresholds }
  | { readonly ok: false; readonly errors: Readonly<Partial<Record<ThresholdKey, string>>> };

function parseField(field: ThresholdField, text: string): number | string {
  const value = Number(text.trim().replace(',', '.'));
  if (!Number.isFinite(value)) return t('enterANumberOr');
  if (value < 0) return t('cannotBeNegative');
  if (field.unit === 'count' && !Number.isInteger(value)) return t('aWholeNumberOf');
  if (field.unit === 'percent' && value > 100) return t('aPercentageFrom0');
  return value;
}

/**
 * The override to send: the filled fields only, or null when every field is empty (back to the
 * feed's thresholds). Refused per field when a value is not a number in range, and when low
 * queue severity would start above high.
 */
export function parseThresholdDraft(draft: ThresholdDraft, feed: Thresholds): ParsedThresholds {
  const errors: Partial<Record<ThresholdKey, string>> = {};
  const override: Partial<Record<ThresholdKey, number>> = {};
  for (const field of THRESHOLD_FIELDS) {
    const text = draft[field.key].trim();
    if (text.length === 0) continue;
    const parsed = parseField(field, text);
    if (typeof parsed === 'string') errors[field.key] = parsed;
    else override[field.key] = parsed;
  }
  const effective: Thresholds = { ...feed, ...override };
  if (errors.queuedLow === undefined && errors.queuedHigh === undefined && effective.queuedLow > effective.queuedHigh) {
    errors[override.queuedLow !== undefined ? 'queuedLow' : 'queuedHigh'] = `Low severity (${effective.queuedLow}) must not be above high severity (${effective.queuedHigh}).`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, override: Object.keys(override).length === 0 ? null : override, effective };
}

/** How a threshold value reads: "12", "2:00", "80%". */
export function formatThreshold(field: ThresholdField, value: number): string {
  switch (field.unit) {
    case 'count':
      return String(value);
    case 'seconds':
      return formatDuration(value);
    case 'percent':
      return `${value}%`;
    default:
      return assertNever(field.unit, 'threshold unit');
  }
}
