/**
 * How numbers are written on screen, and the "what is this?" text behind each of them. Every
 * figure names a metric of the shared dictionary, so its tooltip states the definition and the
 * formula actually computed.
 */
import type { Breach, BreachSeverity, QueueTile } from '../../src-shared/api/live.js';
import { metricDefinition } from '../../src-shared/metrics/dictionary.js';
import type { MetricId } from '../../src-shared/metrics/dictionary.js';
import type { Role } from '../../src-shared/permissions.js';
import { assertNever } from '../../src-shared/result.js';
import { formatDuration } from '../../src-shared/time.js';
import { formatNumber, formatTime } from './locale.js';
import { useT } from '../i18n/translate.js';

const t = useT('format');


/** The value of a metric as displayed; "–" when the metric has no inputs. */
export function formatMetricValue(metricId: MetricId, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const unit = metricDefinition(metricId).unit;
  switch (unit) {
    case 'count':
      return formatNumber(value);
    case 'seconds':
      return formatDuration(value);
    case 'percent':
      return `${Math.round(value)}%`;
    case 'ratio':
      return value.toFixed(1);
    case 'score':
      return value.toFixed(2);
    default:
      return assertNever(unit, 'metric unit');
  }
}

const severityWords: Readonly<Record<BreachSeverity, string>> = {
  warning: t('severityWarning'),
  critical: t('severityCritical'),
};

/** Tooltip text for a number: label and period, definition, formula, alternatives, and a breach if any. */
export function metricExplanation(metricId: MetricId, severity: BreachSeverity | null = null): string {
  const definition = metricDefinition(metricId);
  const period = definition.period === 'now' ? t('periodNow') : t('periodToday');
  const lines = [t('explanationTitle', { label: definition.label, period }), definition.definition, t('explanationFormula', { formula: definition.formula })];
  if (definition.alternatives) lines.push(t('explanationAlternatives', { alternatives: definition.alternatives }));
  if (severity !== null) lines.push(severityWords[severity]);
  return lines.join('\n');
}

const severityRank: Readonly<Record<BreachSeverity, number>> = { warning: 1, critical: 2 };

/** The worst severity per metric: a metric may be listed more than once (e.g. low and high queue). */
export function breachesByMetric(breaches: readonly Breach[]): ReadonlyMap<MetricId, BreachSeverity> {
  const worst = new Map<MetricId, BreachSeverity>();
  for (const breach of breaches) {
    const current = worst.get(breach.metricId);
    if (current === undefined || severityRank[breach.severity] > severityRank[current]) worst.set(breach.metricId, breach.severity);
  }
  return worst;
}

/** The worst severity of a tile, which colours its frame. */
export function worstSeverity(breaches: readonly Breach[]): BreachSeverity | null {
  let worst: BreachSeverity | null = null;
  for (const breach of breaches) if (worst === null || severityRank[breach.severity] > severityRank[worst]) worst = breach.severity;
  return worst;
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  wfm_leader: t('roleWfmLeader'),
  business_stakeholder: t('roleBusinessStakeholder'),
  admin: t('roleAdmin'),
  wallboard: t('roleWallboard'),
};

/**
 * Says when "today" figures are partial: neither the live counters (the console first saw this
 * floor mid-day) nor the cache (it starts later, or stops well before the console started) hold
 * the day from midnight. Null when they cover the whole day. Times are in the queue's zone, like
 * its midnight.
 */
export function partialDayNote(tile: Pick<QueueTile, 'dayStart' | 'todaySince' | 'timeZone'>): { readonly since: string; readonly explanation: string } | null {
  if (tile.todaySince <= tile.dayStart) return null;
  const since = formatTime(tile.todaySince, tile.timeZone);
  return { since, explanation: `Today's figures count from ${since} (${tile.timeZone}), not from midnight: what happened earlier today is not known to this console (not in its cache).` };
}
