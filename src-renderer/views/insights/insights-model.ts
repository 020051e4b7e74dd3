/**
 * The pure parts of the Insights view: how each figure is written (a rate as a percentage, a
 * time as minutes and seconds, "not known" for a null), the comparison with the previous period
 * in words, and the shapes chart.js and the tables draw from an `InsightResult`. Tested without a
 * browser (tests/unit/renderer/insights/).
 */
import type { InsightCell, InsightDimension, InsightInterval, InsightMetric, InsightResult, InsightRow } from '../../../src-shared/api/insights.js';
import { formatDuration } from '../../../src-shared/time.js';
import { dateTimeFormat, formatNumber } from '../../format/locale.js';
import { useT, type KeyOf } from '../../i18n/translate.js';

const t = useT('insights');

/** How a metric's value is written: a count, a share (0–1, written as %), seconds, hours, or a mean on its own scale. */
export type MetricUnit = 'count' | 'share' | 'seconds' | 'mean' | 'hours';

/** Which way is good: up, down, or neither (volume is not better or worse). */
export type Better = 'up' | 'down' | 'neither';

interface MetricInfo {
  readonly unit: MetricUnit;
  readonly better: Better;
  readonly label: KeyOf<'insights'>;
}

/** Each metric's unit, good direction and name (the definitions come from the shared metric catalogue). */
export const METRIC_INFO: Readonly<Record<InsightMetric, MetricInfo>> = {
  offered: { unit: 'count', better: 'neither', label: 'metricOffered' },
  assigned: { unit: 'count', better: 'neither', label: 'metricAssigned' },
  abandoned: { unit: 'count', better: 'down', label: 'metricAbandoned' },
  abandonRate: { unit: 'share', better: 'down', label: 'metricAbandonRate' },
  averageAbandonTime: { unit: 'seconds', better: 'neither', label: 'metricAverageAbandonTime' },
  averageWait: { unit: 'seconds', better: 'down', label: 'metricAverageWait' },
  averageHandleTime: { unit: 'seconds', better: 'neither', label: 'metricAverageHandleTime' },
  averageFirstResponse: { unit: 'seconds', better: 'down', label: 'metricAverageFirstResponse' },
  averageResponse: { unit: 'seconds', better: 'down', label: 'metricAverageResponse' },
  serviceLevel: { unit: 'share', better: 'up', label: 'metricServiceLevel' },
  resolutionRate: { unit: 'share', better: 'up', label: 'metricResolutionRate' },
  transfers: { unit: 'count', better: 'down', label: 'metricTransfers' },
  timedOutByAgent: { unit: 'count', better: 'down', label: 'metricTimedOutByAgent' },
  botConversations: { unit: 'count', better: 'neither', label: 'metricBotConversations' },
  botContained: { unit: 'count', better: 'neither', label: 'metricBotContained' },
  botEscalated: { unit: 'count', better: 'neither', label: 'metricBotEscalated' },
  containmentRate: { unit: 'share', better: 'up', label: 'metricContainmentRate' },
  escalationRate: { unit: 'share', better: 'down', label: 'metricEscalationRate' },
  occupancy: { unit: 'share', better: 'neither', label: 'metricOccupancy' },
  utilisation: { unit: 'share', better: 'neither', label: 'metricUtilisation' },
  concurrency: { unit: 'mean', better: 'neither', label: 'metricConcurrency' },
  loggedInAgents: { unit: 'mean', better: 'neither', label: 'metricLoggedInAgents' },
  statusTime: { unit: 'hours', better: 'neither', label: 'metricStatusTime' },
  surveys: { unit: 'count', better: 'neither', label: 'metricSurveys' },
  csatPositive: { unit: 'share', better: 'up', label: 'metricCsatPositive' },
  csatMean: { unit: 'mean', better: 'up', label: 'metricCsatMean' },
  sentimentMean: { unit: 'mean', better: 'up', label: 'metricSentimentMean' },
};

/** A metric's name in the console's language. */
export function metricLabel(metric: InsightMetric): string {
  return t(METRIC_INFO[metric].label);
}

/** A value as the figure shows it; null is "not known", never 0. */
export function formatValue(metric: InsightMetric, value: number | null): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  switch (METRIC_INFO[metric].unit) {
    case 'count':
      return formatNumber(value);
    case 'share':
      return `${formatNumber(value * 100, { maximumFractionDigits: 1 })}%`;
    case 'seconds':
      return formatDuration(value);
    case 'mean':
      return formatNumber(value, { maximumFractionDigits: 2 });
    case 'hours':
      return t('hoursValue', { value: formatNumber(value, { maximumFractionDigits: 1 }) });
  }
}

/** The figure of a cell, or the words for one that is not known. */
export function cellText(metric: InsightMetric, cell: InsightCell | undefined): string {
  return formatValue(metric, cell?.value ?? null) ?? t('notKnown');
}

export type DeltaDirection = 'up' | 'down' | 'same' | 'unknown';

export interface Delta {
  readonly direction: DeltaDirection;
  /** Whether the change is good, bad or neither for this metric; null when nothing changed or is known. */
  readonly tone: 'good' | 'bad' | 'neutral';
  /** The change alone: "+12%", "−3.1 pp", "+0:42". */
  readonly change: string | null;
  /** The sentence a screen reader hears and the title shows. */
  readonly words: string;
}

/**
 * The comparison with the previous period: a share moves in percentage points, anything else by
 * its relative change (or its absolute one from a previous 0). Unknown on either side says so.
 */
export function deltaOf(metric: InsightMetric, current: number | null, previous: number | null): Delta {
  if (current === null || previous === null) return { direction: 'unknown', tone: 'neutral', change: null, words: t('noPreviousFigure') };
  const info = METRIC_INFO[metric];
  const difference = current - previous;
  if (Math.abs(difference) < 1e-9) return { direction: 'same', tone: 'neutral', change: null, words: t('sameAsPrevious', { previous: formatValue(metric, previous) ?? '' }) };
  const direction: DeltaDirection = difference > 0 ? 'up' : 'down';
  const sign = difference > 0 ? '+' : '−';
  let change: string;
  if (info.unit === 'share') change = `${sign}${formatNumber(Math.abs(difference) * 100, { maximumFractionDigits: 1 })} ${t('percentagePoints')}`;
  else if (previous !== 0) change = `${sign}${formatNumber(Math.abs(difference / previous) * 100, { maximumFractionDigits: 1 })}%`;
  else change = `${sign}${formatValue(metric, Math.abs(difference)) ?? ''}`;
  const tone = info.better === 'neither' ? 'neutral' : info.better === direction ? 'good' : 'bad';
  const words = t(direction === 'up' ? 'upOnPrevious' : 'downOnPrevious', { change, previous: formatValue(metric, previous) ?? '' });
  return { direction, tone, change, words };
}

/**
 * The inputs of a figure in words ("412 of 463", "total 8:12:40 over 231"), from the cell's
 * numerator and denominator; null when the figure kept none.
 */
export function inputsSentence(metric: InsightMetric, cell: InsightCell): string | null {
  const { numerator, denominator } = cell;
  if (numerator === null && denominator === null) return null;
  const unit = METRIC_INFO[metric].unit;
  const count = (value: number | null): string => (value === null ? t('notKnown') : formatNumber(value, { maximumFractionDigits: 2 }));
  if (unit === 'share') return t('inputsShare', { numerator: count(numerator), denominator: count(denominator) });
  if (unit === 'seconds') return t('inputsMeanSeconds', { total: numerator === null ? t('notKnown') : formatDuration(numerator), denominator: count(denominator) });
  if (unit === 'hours') return t('inputsCount', { numerator: count(numerator) });
  if (unit === 'mean') return t('inputsMean', { total: count(numerator), denominator: count(denominator) });
  return t('inputsCount', { numerator: count(numerator) });
}

// ---- labels of dimension members ----

const INTERVAL_FORMATS: Readonly<Record<InsightInterval, Parameters<typeof dateTimeFormat>[0]>> = {
  '15m': { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  hour: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  day: { weekday: 'short', day: 'numeric', month: 'short' },
  week: { day: 'numeric', month: 'short', year: 'numeric' },
  month: { month: 'long', year: 'numeric' },
};

/** A row's member as people read it: an interval start in the chosen zone, else the engine's label. */
export function memberLabel(dimension: InsightDimension, key: string, label: string, interval: InsightInterval, timeZone: string): string {
  if (dimension !== 'interval') return label;
  const start = Number(key);
  if (!Number.isFinite(start)) return label;
  const text = dateTimeFormat({ ...INTERVAL_FORMATS[interval], timeZone }).format(start);
  return interval === 'week' ? t('weekOf', { date: text }) : text;
}

// ---- chart data ----

export interface SeriesData {
  readonly key: string;
  readonly label: string;
  /** One value per category; null where not known (a gap, not 0). */
  readonly values: readonly (number | null)[];
}

export interface ChartData {
  readonly categories: readonly { readonly key: string; readonly label: string }[];
  readonly series: readonly SeriesData[];
  /** The metric every series shows (the first with a split; per series without). */
  readonly metrics: readonly InsightMetric[];
}

function categoriesOf(rows: readonly InsightRow[], label: (row: InsightRow) => string): { key: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const row of rows) if (!seen.has(row.key)) seen.set(row.key, label(row));
  return [...seen].map(([key, text]) => ({ key, label: text }));
}

/**
 * The series of a line or bar chart: with a split, one series per split member of the first
 * metric; without, one series per metric. Categories keep the engine's order.
 */
export function chartData(result: InsightResult, label: (row: InsightRow) => string): ChartData {
  const categories = categoriesOf(result.rows, label);
  const index = new Map(categories.map((category, position) => [category.key, position]));
  const hasSplit = result.rows.some((row) => row.splitKey !== null);
  if (hasSplit) {
    const series = new Map<string, { label: string; values: (number | null)[] }>();
    for (const row of result.rows) {
      const splitKey = row.splitKey ?? '';
      let entry = series.get(splitKey);
      if (entry === undefined) {
        entry = { label: row.splitLabel ?? splitKey, values: categories.map(() => null) };
        series.set(splitKey, entry);
      }
      entry.values[index.get(row.key) ?? 0] = row.cells[0]?.value ?? null;
    }
    const metric = result.metrics[0];
    return { categories, series: [...series].map(([key, entry]) => ({ key, ...entry })), metrics: metric === undefined ? [] : [metric] };
  }
  const series = result.metrics.map((metric, metricIndex) => {
    const values: (number | null)[] = categories.map(() => null);
    for (const row of result.rows) values[index.get(row.key) ?? 0] = row.cells[metricIndex]?.value ?? null;
    return { key: metric, label: metricLabel(metric), values };
  });
  return { categories, series, metrics: result.metrics };
}

export interface HeatCell {
  readonly x: string;
  readonly y: string;
  /** Null: not known (drawn empty, not as 0). */
  readonly v: number | null;
}

export interface HeatmapData {
  readonly columns: readonly { readonly key: string; readonly label: string }[];
  readonly rows: readonly { readonly key: string; readonly label: string }[];
  readonly cells: readonly HeatCell[];
}

/** ISO weekdays: 1 Monday … 7 Sunday. */
const WEEKDAY_KEYS: readonly KeyOf<'insights'>[] = ['weekdayMonday', 'weekdayTuesday', 'weekdayWednesday', 'weekdayThursday', 'weekdayFriday', 'weekdaySaturday', 'weekdaySunday'];

/**
 * A heatmap's grid: hour-of-week keys ("weekday:hour", ISO weekday 1 = Monday) become weekdays × hours;
 * any other dimension with a split becomes members × split members. The first metric only.
 */
export function heatmapData(result: InsightResult, label: (row: InsightRow) => string): HeatmapData {
  const cells: HeatCell[] = [];
  const columns = new Map<string, string>();
  const rows = new Map<string, string>();
  for (const row of result.rows) {
    const value = row.cells[0]?.value ?? null;
    const hourOfWeek = /^(\d):(\d{1,2})$/.exec(row.key);
    if (hourOfWeek !== null && row.splitKey === null) {
      const weekday = Number(hourOfWeek[1]);
      const hour = hourOfWeek[2] ?? '0';
      rows.set(String(weekday), t(WEEKDAY_KEYS[(weekday + 6) % 7] ?? 'weekdayMonday'));
      columns.set(hour, hour.padStart(2, '0'));
      cells.push({ x: hour, y: String(weekday), v: value });
    } else {
      const column = row.splitKey ?? 'value';
      columns.set(column, row.splitLabel ?? metricLabel(result.metrics[0] ?? 'offered'));
      rows.set(row.key, label(row));
      cells.push({ x: column, y: row.key, v: value });
    }
  }
  const byNumber = (a: [string, string], b: [string, string]): number => (Number.isFinite(Number(a[0])) && Number.isFinite(Number(b[0])) ? Number(a[0]) - Number(b[0]) : 0);
  return {
    columns: [...columns].sort(byNumber).map(([key, text]) => ({ key, label: text })),
    rows: [...rows].sort(byNumber).map(([key, text]) => ({ key, label: text })),
    cells,
  };
}

/** The drill-down's search made inclusive at its end, so the Conversation Manager's date form shows the last day as the last day. */
export function drillFilters<T extends { readonly createdAt?: { readonly min?: number; readonly max?: number } }>(filters: T): T {
  const max = filters.createdAt?.max;
  if (max === undefined) return filters;
  return { ...filters, createdAt: { ...filters.createdAt, max: max - 1 } };
}
