/**
 * The forecast's words and curves: nothing known draws no line and says why, a forecast names the
 * days it rests on and its ratio, and the table lists only the intervals still to come.
 */
import { describe, expect, it } from 'vitest';
import type { ArrivalForecast, ForecastInterval } from '../../../../src-shared/api/staffing.js';
import { forecastBasisText, forecastCurves, forecastOutlookText, forecastRows } from '../../../../src-renderer/views/queue-detail/staffing-forecast-model.js';

const DAY_START = Date.UTC(2026, 2, 9);
const QUARTER = 15 * 60_000;
const NOW = DAY_START + 11 * 3_600_000;

function day(interval: (start: number) => Omit<ForecastInterval, 'start'>): ForecastInterval[] {
  return Array.from({ length: 96 }, (_, index) => ({ start: DAY_START + index * QUARTER, ...interval(DAY_START + index * QUARTER) }));
}

const BASE: Omit<ArrivalForecast, 'basis' | 'intervals'> = {
  targetId: 'q-sales',
  name: 'Sales',
  channel: 'voice',
  timeZone: 'UTC',
  at: NOW,
  weekday: 'Monday',
  handleTimeS: { value: 120 },
  handleTimeFrom: 'today',
  targetAnswerS: 20,
  targetServiceLevel: 0.8,
  slotsPerAgent: 1,
};

describe('the forecast panel’s model', () => {
  it('without a same weekday draws only today’s curve and says there is no forecast', () => {
    const forecast: ArrivalForecast = {
      ...BASE,
      basis: { value: null, reason: 'No earlier Monday in the cache to forecast from' },
      intervals: day((start) => ({ actual: start <= NOW ? 3 : null, average: null, forecast: null, agentsNeeded: null })),
    };
    const curves = forecastCurves(forecast);
    expect(curves.actual).toHaveLength(45);
    expect(curves.average).toEqual([]);
    expect(curves.forecast).toEqual([]);
    expect(forecastBasisText(forecast)).toBe('No earlier Monday in the cache to forecast from.');
    expect(forecastOutlookText(forecast)).toBe('No forecast, so no staffing per interval.');
    expect(forecastRows(forecast)).toEqual([]);
  });

  it('names the days and the ratio, and lists the intervals to come with their agents', () => {
    const forecast: ArrivalForecast = {
      ...BASE,
      basis: { value: { days: ['2026-03-02', '2026-02-23'], actualSoFar: 48, averageSoFar: 32, ratio: 1.38 }, reason: undefined },
      intervals: day((start) => ({ actual: start <= NOW ? 6 : null, average: 4, forecast: start + QUARTER > NOW ? 5.5 : null, agentsNeeded: start + QUARTER > NOW ? (start === NOW + QUARTER ? 4 : 3) : null })),
    };
    expect(forecastBasisText(forecast)).toBe('Forecast from the average of the last 2 Mondays (2026-03-02, 2026-02-23), scaled to 138 %: today’s 48 arrivals so far against 32 on average.');
    expect(forecastOutlookText(forecast)).toBe('Rest of the day: about 286 arrivals; at most 4 agents needed (11:15).');
    const rows = forecastRows(forecast);
    expect(rows).toHaveLength(52);
    expect(rows[0]).toEqual({ start: NOW, time: '11:00', actual: '6', forecast: '5.5', agents: '3' });
    expect(rows[1]).toMatchObject({ time: '11:15', actual: '–', agents: '4' });
  });
});
