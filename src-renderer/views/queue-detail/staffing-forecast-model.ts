/**
 * The words and points of the forecast on the Staffing tab (docs/staffing.md#forecast): the curves
 * of the chart, one sentence on what the forecast rests on, and the rows of the table of intervals
 * still to come. Pure, so it is tested without a DOM.
 */
import type { ArrivalForecast, ForecastInterval } from '../../../src-shared/api/staffing.js';
import { UNKNOWN_PREFIX, percentText, secondsText } from './staffing-model.js';
import { formatTime } from '../../format/locale.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
}

/** The three curves: today's arrivals so far, the same weekdays' mean over the day, the forecast from now on. */
export interface ForecastCurves {
  readonly actual: readonly ChartPoint[];
  readonly average: readonly ChartPoint[];
  readonly forecast: readonly ChartPoint[];
}

/** "14:15" in the queue's zone (format/locale.ts caches the formatter). */
export function clockText(epochMs: number, timeZone: string): string {
  return formatTime(epochMs, timeZone);
}

function points(intervals: readonly ForecastInterval[], pick: (interval: ForecastInterval) => number | null): ChartPoint[] {
  const result: ChartPoint[] = [];
  for (const interval of intervals) {
    const y = pick(interval);
    if (y !== null) result.push({ x: interval.start, y });
  }
  return result;
}

/** The chart's curves; a curve with nothing known is empty, never a line at zero. */
export function forecastCurves(forecast: ArrivalForecast): ForecastCurves {
  return {
    actual: points(forecast.intervals, (interval) => interval.actual),
    average: points(forecast.intervals, (interval) => interval.average),
    forecast: points(forecast.intervals, (interval) => interval.forecast),
  };
}

function arrivalsText(value: number): string {
  return value < 10 && !Number.isInteger(value) ? value.toFixed(1) : String(Math.round(value));
}

/** What the forecast rests on, or why there is none. */
export function forecastBasisText(forecast: ArrivalForecast): string {
  const { basis } = forecast;
  if (basis.value === null) return `${basis.reason}.`;
  const days = basis.value.days.length;
  const from = `the average of ${days === 1 ? `last ${forecast.weekday} (${basis.value.days[0] ?? ''})` : `the last ${days} ${forecast.weekday}s (${basis.value.days.join(', ')})`}`;
  return t('forecastFromFromScaled', { from, value1: percentText(basis.value.ratio), value2: arrivalsText(basis.value.actualSoFar), value3: arrivalsText(basis.value.averageSoFar) });
}

/** The rest of the day in one line: arrivals to come and the most agents any interval needs. */
export function forecastOutlookText(forecast: ArrivalForecast): string {
  const ahead = forecast.intervals.filter((interval) => interval.forecast !== null);
  if (forecast.basis.value === null || ahead.length === 0) return forecast.basis.value === null ? t('noForecastSoNo') : t('theDayIsOver');
  const total = ahead.reduce((sum, interval) => sum + (interval.forecast ?? 0), 0);
  const staffing =
    forecast.handleTimeS.value === null
      ? `agents per interval ${UNKNOWN_PREFIX}${forecast.handleTimeS.reason}`
      : (() => {
          let peak: ForecastInterval | undefined;
          for (const interval of ahead) if (interval.agentsNeeded !== null && (peak === undefined || interval.agentsNeeded > (peak.agentsNeeded ?? 0))) peak = interval;
          return peak === undefined ? t('agentsPerIntervalUnknown') : t('atMostValue0Agents', { value0: peak.agentsNeeded ?? 0, value1: clockText(peak.start, forecast.timeZone) });
        })();
  return t('restOfTheDay2', { value0: Math.round(total), staffing });
}

/** The inputs of the staffing per interval. */
export function forecastModelText(forecast: ArrivalForecast): string {
  const handle =
    forecast.handleTimeS.value === null
      ? `handle time ${UNKNOWN_PREFIX}${forecast.handleTimeS.reason}`
      : `handle time ${secondsText(forecast.handleTimeS.value)} (${forecast.handleTimeFrom === 'today' ? 'today' : `the same ${forecast.weekday}s`})`;
  const slots = forecast.slotsPerAgent > 1 ? `, ${forecast.slotsPerAgent} conversations per agent` : '';
  return t('agentsPerIntervalErlang', { handle, value1: percentText(forecast.targetServiceLevel), value2: secondsText(forecast.targetAnswerS), slots, timeZone: forecast.timeZone });
}

export interface ForecastRow {
  readonly start: number;
  readonly time: string;
  readonly actual: string;
  readonly forecast: string;
  readonly agents: string;
}

/** One row per interval not yet over: its time, arrivals so far, the forecast and the agents it needs. */
export function forecastRows(forecast: ArrivalForecast): readonly ForecastRow[] {
  return forecast.intervals
    .filter((interval) => interval.forecast !== null)
    .map((interval) => ({
      start: interval.start,
      time: clockText(interval.start, forecast.timeZone),
      actual: interval.actual === null ? '–' : String(interval.actual),
      forecast: arrivalsText(interval.forecast ?? 0),
      agents: interval.agentsNeeded === null ? 'unknown' : String(interval.agentsNeeded),
    }));
}
