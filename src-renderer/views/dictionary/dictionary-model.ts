/** The data dictionary as the view lists it: search, grouping by period, and the words for units. */
import type { MetricDefinition, MetricId, MetricPeriod, MetricUnit } from '../../../src-shared/metrics/dictionary.js';
import { assertNever } from '../../../src-shared/result.js';
import { useT } from '../../i18n/translate.js';

const t = useT('dictionary');

/** The element id of a metric's entry: stable, so other pages and tests can point at it. */
export function metricAnchorId(metricId: MetricId): string {
  return `metric-${metricId}`;
}

/**
 * The entries matching a search: every word must appear in the label, id, definition, formula or
 * alternatives (any case), so "wait mean" finds the averages of waits. An empty search lists all.
 */
export function searchMetrics(definitions: readonly MetricDefinition[], search: string): readonly MetricDefinition[] {
  const words = search.trim().toLocaleLowerCase().split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0) return definitions;
  return definitions.filter((definition) => {
    const haystack = [definition.label, definition.id, definition.definition, definition.formula, definition.alternatives ?? ''].join(' ').toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

export interface PeriodSection {
  readonly period: MetricPeriod;
  readonly title: string;
  readonly definitions: readonly MetricDefinition[];
}

const periodTitles: Readonly<Record<MetricPeriod, string>> = {
  now: 'Right now (current state)',
  today: "Since midnight (the queue's time zone)",
};

/** Entries split by period, in dictionary order; a period with no entry is left out. */
export function sectionsByPeriod(definitions: readonly MetricDefinition[]): readonly PeriodSection[] {
  const periods: readonly MetricPeriod[] = ['now', 'today'];
  return periods
    .map((period) => ({ period, title: periodTitles[period], definitions: definitions.filter((definition) => definition.period === period) }))
    .filter((section) => section.definitions.length > 0);
}

/** How a unit is named in an entry. */
export function unitLabel(unit: MetricUnit): string {
  switch (unit) {
    case 'count':
      return t('count');
    case 'seconds':
      return t('durationShownAsM');
    case 'percent':
      return t('percentage');
    case 'ratio':
      return t('ratioOneDecimal');
    case 'score':
      return t('scoreOnA5');
    default:
      return assertNever(unit, 'metric unit');
  }
}
