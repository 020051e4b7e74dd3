/**
 * How a report writes its figures and times, in one locale (REPORT_LOCALE) for the mail's body and
 * its PDF alike: a count with separators, a rate as a percentage, a mean duration as m:ss, an
 * agent-time sum in hours, any other mean with two decimals, "not known" for a figure nothing in
 * the range could give (never 0), and the change on the previous period as the dashboard shows it
 * (percentage points for a rate, a relative change otherwise).
 */
import type { InsightCell, InsightInterval, InsightMetric, RangePreset } from '../../../src-shared/api/insights.js';
import { formatDuration } from '../../../src-shared/time.js';
import { METRIC_COLUMNS } from '../insights/export-columns.js';

/** The one locale reports are written in (the console's fallback locale, ADR 0030). */
export const REPORT_LOCALE = 'en-GB';

export const NOT_KNOWN = 'not known';

const numberFormats = new Map<string, Intl.NumberFormat>();

function formatNumber(value: number, maximumFractionDigits: number): string {
  const key = String(maximumFractionDigits);
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(REPORT_LOCALE, { maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** A figure as a report writes it; "not known" for a null (or non-finite) value. */
export function figureText(metric: InsightMetric, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NOT_KNOWN;
  switch (METRIC_COLUMNS[metric].unit) {
    case 'count':
      return formatNumber(value, 0);
    case 'rate':
      return `${formatNumber(value * 100, 1)}%`;
    case 'seconds':
      return formatDuration(value);
    case 'hours':
      return `${formatNumber(value, 1)} h`;
    case 'number':
      return formatNumber(value, 2);
  }
}

/** A cell's figure (an absent cell is not known). */
export function cellText(metric: InsightMetric, cell: InsightCell | undefined): string {
  return figureText(metric, cell?.value ?? null);
}

/** The change on the previous period in words: "+12.5% on the previous period (1,000)". */
export function changeText(metric: InsightMetric, current: number | null, previous: number | null): string {
  if (current === null || previous === null) return `Previous period: ${figureText(metric, previous)}`;
  const before = figureText(metric, previous);
  const difference = current - previous;
  if (Math.abs(difference) < 1e-9) return `Same as the previous period (${before})`;
  const sign = difference > 0 ? '+' : '−';
  let change: string;
  if (METRIC_COLUMNS[metric].unit === 'rate') change = `${sign}${formatNumber(Math.abs(difference) * 100, 1)} pp`;
  else if (previous !== 0) change = `${sign}${formatNumber(Math.abs(difference / previous) * 100, 1)}%`;
  else change = `${sign}${figureText(metric, Math.abs(difference))}`;
  return `${change} on the previous period (${before})`;
}

const RANGE_WORDS: Readonly<Record<RangePreset, string>> = {
  today: 'today so far',
  yesterday: 'yesterday',
  last7Days: 'the last 7 days',
  last30Days: 'the last 30 days',
  last90Days: 'the last 90 days',
  thisWeek: 'this week so far',
  lastWeek: 'last week',
  thisMonth: 'this month so far',
  lastMonth: 'last month',
};

/** A range preset in words, as a mail or its PDF says it. */
export function rangeInWords(range: RangePreset): string {
  return RANGE_WORDS[range];
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(REPORT_LOCALE, { ...options, timeZone });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** A moment in a zone, as people read it: "Thursday, 3 December 2026 at 07:00". */
export function localTimeInWords(at: number, timeZone: string): string {
  return dateTimeFormat(timeZone, { dateStyle: 'full', timeStyle: 'short' }).format(at);
}

const INTERVAL_FORMATS: Readonly<Record<InsightInterval, Intl.DateTimeFormatOptions>> = {
  '15m': { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  hour: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  day: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  week: { day: 'numeric', month: 'short', year: 'numeric' },
  month: { month: 'long', year: 'numeric' },
};

/** An interval's start as the zone's wall clock shows it, at the interval's grain ("Week of 30 Nov 2026"). */
export function intervalText(start: number, interval: InsightInterval, timeZone: string): string {
  const text = dateTimeFormat(timeZone, INTERVAL_FORMATS[interval]).format(start);
  return interval === 'week' ? `Week of ${text}` : text;
}
