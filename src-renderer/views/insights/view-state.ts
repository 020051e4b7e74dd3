/**
 * What the Insights toolbar has chosen (range, interval, zone, comparison, filters), kept in the
 * URL's query so a copied link reopens the same view. Pure: parsed from and written to the
 * parameters of the `#/insights/<dashboardId>?…` route, with the dashboard's defaults for what the
 * link does not say.
 */
import { INSIGHT_INTERVALS, RANGE_PRESETS, rangeSpecSchema, type DashboardDocument, type InsightFilters, type InsightInterval, type RangePreset, type RangeSpec } from '../../../src-shared/api/insights.js';

export interface InsightsViewState {
  readonly range: RangeSpec;
  readonly interval: InsightInterval;
  /** Null: the dashboard's zone, else the first in-scope queue's. */
  readonly timeZone: string | null;
  readonly compare: boolean;
  readonly filters: InsightFilters;
}

/** The filters a link may carry, and the parameter each travels in (repeated for several). */
export const FILTER_PARAMS = [
  ['queueIds', 'queue'],
  ['groupIds', 'group'],
  ['channels', 'channel'],
  ['agentIds', 'agent'],
  ['teamIds', 'team'],
  ['intents', 'intent'],
] as const;

export type FilterKey = (typeof FILTER_PARAMS)[number][0];

const CHANNELS = ['chat', 'voice'] as const;

/** The view a dashboard opens with when the link says nothing. */
export function defaultViewState(document: Pick<DashboardDocument, 'defaults' | 'filters'> | null): InsightsViewState {
  if (document === null) return { range: { preset: 'last7Days' }, interval: 'day', timeZone: null, compare: true, filters: {} };
  return { range: document.defaults.range, interval: document.defaults.interval, timeZone: document.defaults.timeZone, compare: document.defaults.compare, filters: document.filters };
}

function rangeFrom(text: string | null): RangeSpec | null {
  if (text === null) return null;
  if ((RANGE_PRESETS as readonly string[]).includes(text)) return { preset: text as RangePreset };
  const [from, to] = text.split('..', 2);
  const parsed = rangeSpecSchema.safeParse({ from, to });
  return parsed.success ? parsed.data : null;
}

/** The range as one parameter: a preset's name, or `YYYY-MM-DD..YYYY-MM-DD`. */
export function rangeParam(range: RangeSpec): string {
  return 'preset' in range ? range.preset : `${range.from}..${range.to}`;
}

function filtersFrom(params: URLSearchParams, fallback: InsightFilters): InsightFilters {
  if (!FILTER_PARAMS.some(([, name]) => params.has(name))) return fallback;
  const filters: Record<string, string[]> = {};
  for (const [key, name] of FILTER_PARAMS) {
    const values = params.getAll(name).filter((value) => value.length > 0 && (key !== 'channels' || (CHANNELS as readonly string[]).includes(value)));
    if (values.length > 0) filters[key] = values;
  }
  return filters as InsightFilters;
}

/** The view a link asks for, with the dashboard's defaults for what it leaves out or gets wrong. */
export function parseViewState(query: string, defaults: InsightsViewState): InsightsViewState {
  const params = new URLSearchParams(query);
  const interval = params.get('interval');
  const zone = params.get('zone');
  const compare = params.get('compare');
  return {
    range: rangeFrom(params.get('range')) ?? defaults.range,
    interval: (INSIGHT_INTERVALS as readonly string[]).includes(interval ?? '') ? (interval as InsightInterval) : defaults.interval,
    timeZone: zone !== null && zone.length > 0 ? zone : defaults.timeZone,
    compare: compare === '1' ? true : compare === '0' ? false : defaults.compare,
    filters: filtersFrom(params, defaults.filters),
  };
}

/**
 * The parameters of a view: everything, so a link is read the same whatever the dashboard's
 * defaults become later. A filter left empty is written as an empty parameter, so "all queues"
 * in the link overrides a dashboard's own filter.
 */
export function formatViewState(state: InsightsViewState): string {
  const params = new URLSearchParams();
  params.set('range', rangeParam(state.range));
  params.set('interval', state.interval);
  if (state.timeZone !== null) params.set('zone', state.timeZone);
  params.set('compare', state.compare ? '1' : '0');
  let anyFilter = false;
  for (const [key, name] of FILTER_PARAMS) {
    for (const value of state.filters[key] ?? []) {
      params.append(name, value);
      anyFilter = true;
    }
  }
  if (!anyFilter) params.set('queue', '');
  return params.toString();
}

/** The filters with one list replaced (an empty list removes it). */
export function withFilter(filters: InsightFilters, key: FilterKey, values: readonly string[]): InsightFilters {
  const next: Record<string, readonly string[]> = { ...filters };
  if (values.length === 0) delete next[key];
  else next[key] = [...values];
  return next as InsightFilters;
}
