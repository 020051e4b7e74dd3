/**
 * The forecast panel of the Staffing tab (docs/staffing.md#forecast): today's arrivals per
 * 15-minute interval against the same weekdays' mean and the forecast for the rest of the day, as a
 * chart.js line chart in the queue's zone, and the agents each interval still to come needs, as a
 * table (the chart's figures in text, for the keyboard and screen readers). Asked again every
 * minute: an interval lasts fifteen.
 */
import { Chart, LinearScale, LineController, LineElement, PointElement } from 'chart.js';
import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import type { LiveTarget } from '../../../src-shared/api/live-insights.js';
import type { ArrivalForecast } from '../../../src-shared/api/staffing.js';
import { useQuery } from '../../hooks/use-api.js';
import { clockText, forecastBasisText, forecastCurves, forecastModelText, forecastOutlookText, forecastRows, type ChartPoint } from './staffing-forecast-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

Chart.register(LineController, LineElement, PointElement, LinearScale);

const REFRESH_MS = 60_000;

type ForecastChart = Chart<'line', ChartPoint[]>;

/** The theme's colours, read from the CSS variables so the chart follows light and dark. */
function colours(element: HTMLElement): { readonly actual: string; readonly average: string; readonly forecast: string; readonly grid: string; readonly text: string } {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return { actual: read('--accent', '#5aa9ff'), average: read('--text-faint', '#7a8ba0'), forecast: read('--warning', '#ffbf3c'), grid: read('--border', '#233041'), text: read('--text-muted', '#9fb0c3') };
}

function chartConfig(forecast: ArrivalForecast, element: HTMLElement): ChartConfiguration<'line', ChartPoint[]> {
  const colour = colours(element);
  const curves = forecastCurves(forecast);
  const line = (label: string, data: readonly ChartPoint[], color: string, dash: number[]) => ({ label, data: [...data], borderColor: color, backgroundColor: color, borderWidth: 2, borderDash: dash, pointRadius: 0, spanGaps: false, fill: false });
  const first = forecast.intervals[0]?.start ?? forecast.at;
  const last = forecast.intervals[forecast.intervals.length - 1]?.start ?? forecast.at;
  return {
    type: 'line',
    data: { datasets: [line('Today', curves.actual, colour.actual, []), line('Same weekdays', curves.average, colour.average, [4, 4]), line('Forecast', curves.forecast, colour.forecast, [8, 4])] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      events: [],
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: {
        x: {
          type: 'linear',
          min: first,
          max: last,
          grid: { color: colour.grid },
          ticks: { color: colour.text, maxRotation: 0, autoSkip: false, callback: (value) => clockText(Number(value), forecast.timeZone) },
          // Every three hours of the local day, from its midnight (the first interval).
          afterBuildTicks: (axis) => {
            axis.ticks = forecast.intervals.filter((_, index) => index % 12 === 0).map((interval) => ({ value: interval.start }));
          },
        },
        y: { type: 'linear', beginAtZero: true, suggestedMax: 4, grid: { color: colour.grid }, ticks: { color: colour.text, precision: 0 }, title: { display: true, text: t('arrivalsPer15Min'), color: colour.text } },
      },
    },
  };
}

/** Changes whenever the theme may have: the system's scheme, or an attribute of the root or body (a chosen theme). */
function useThemeGeneration(): number {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const bump = (): void => setGeneration((value) => value + 1);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', bump);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style', 'data-theme', 'data-color-scheme'] });
    observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-theme'] });
    return () => {
      scheme.removeEventListener('change', bump);
      observer.disconnect();
    };
  }, []);
  return generation;
}

function ForecastChartView({ forecast }: { readonly forecast: ArrivalForecast }) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const theme = useThemeGeneration();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return undefined;
    // Drawn again on a new forecast or a new theme: the colours are read from the CSS variables.
    const chart = new Chart(canvas, chartConfig(forecast, canvas)) as ForecastChart;
    return () => chart.destroy();
  }, [forecast, theme]);
  return (
    <div className="staffing-forecast__chart">
      <canvas ref={canvasRef} role="img" aria-label={t('arrivalsPer15Minutes', { value0: forecastBasisText(forecast) })} data-testid="staffing-forecast-chart" />
    </div>
  );
}

/** The key of the chart's three lines, as text (the chart draws no legend of its own). */
function ForecastKey() {
  return (
    <ul className="staffing-forecast__key" aria-label={t('chartKey')}>
      <li className="staffing-forecast__key-item staffing-forecast__key-item--actual">{t('todaySoFar')}</li>
      <li className="staffing-forecast__key-item staffing-forecast__key-item--average">{t('sameWeekdaysAverage')}</li>
      <li className="staffing-forecast__key-item staffing-forecast__key-item--forecast">{t('forecast')}</li>
    </ul>
  );
}

function ForecastTable({ forecast }: { readonly forecast: ArrivalForecast }) {
  const rows = forecastRows(forecast);
  if (rows.length === 0) return null;
  return (
    <div className="detail-table__scroller" tabIndex={0} role="region" aria-label={t('forecastPerInterval')}>
      <table className="detail-table staffing-table" data-testid="staffing-forecast-table">
        <caption className="detail-muted">{t('theRestOfThe')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('from')}</th>
            <th scope="col" className="numeric">{t('arrived')}</th>
            <th scope="col" className="numeric">{t('forecast')}</th>
            <th scope="col" className="numeric">{t('agentsNeeded')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.start} data-testid="staffing-forecast-row">
              <th scope="row">{row.time}</th>
              <td className="numeric">{row.actual}</td>
              <td className="numeric">{row.forecast}</td>
              <td className="numeric">{row.agents}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The panel for a queue or a group. */
export function StaffingForecastPanel({ target }: { readonly target: LiveTarget }) {
  const forecast = useQuery<'staffing.forecast'>({ type: 'staffing.forecast', target });
  const { reload } = forecast;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return (
    <section className="panel detail-card" aria-labelledby="staffing-forecast-title" data-testid="staffing-forecast">
      <h2 id="staffing-forecast-title" className="detail-section__title">
        {t('restOfTheDay')}
      </h2>
      {forecast.status === 'loading' ? (
        <p role="status" aria-busy="true" data-testid="staffing-forecast-loading">
          {t('readingTheSameWeekdays')}
        </p>
      ) : forecast.status === 'error' ? (
        <p className="detail-inline-error" role="alert" data-testid="staffing-forecast-error">
          {t('theForecastCouldNot')}{forecast.error}
        </p>
      ) : (
        <>
          <p className={forecast.value.basis.value === null ? 'detail-muted' : undefined} data-testid="staffing-forecast-basis">
            {forecastBasisText(forecast.value)}
          </p>
          <ForecastKey />
          <ForecastChartView forecast={forecast.value} />
          <p data-testid="staffing-forecast-outlook">{forecastOutlookText(forecast.value)}</p>
          <ForecastTable forecast={forecast.value} />
          <p className="detail-muted">{forecastModelText(forecast.value)}</p>
        </>
      )}
    </section>
  );
}
