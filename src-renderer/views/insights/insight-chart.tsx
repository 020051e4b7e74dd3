/**
 * A widget's chart: line, bar or stacked bar (chart.js) and heatmap (chartjs-chart-matrix), drawn
 * in the theme's colours (the chart tokens of styles.css, read again when the theme changes) and
 * built once per result, so the chart never animates or redraws for nothing. The canvas is an
 * image to assistive technology; the figures are in the table alternative beside it.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { ChartConfiguration } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { useEffect, useRef, useState } from 'react';
import type { InsightMetric } from '../../../src-shared/api/insights.js';
import { METRIC_INFO, formatValue, type ChartData, type HeatmapData } from './insights-model.js';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Tooltip, MatrixController, MatrixElement);

interface Colours {
  readonly series: readonly string[];
  readonly grid: string;
  readonly text: string;
  readonly heat: string;
  readonly empty: string;
}

function coloursOf(element: Element): Colours {
  const style = getComputedStyle(element);
  const token = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    series: [token('--accent', '#5aa9ff'), token('--voice', '#d2a8ff'), token('--ok', '#3ddc97'), token('--warning', '#ffbf3c'), token('--bot', '#3ddcc5'), token('--critical', '#ff6b6b'), token('--text-muted', '#9fb0c3')],
    grid: token('--chart-grid', 'rgba(159,176,195,0.18)'),
    text: token('--chart-text', '#c9d4e1'),
    heat: token('--accent', '#5aa9ff'),
    empty: token('--surface-raised', '#16202b'),
  };
}

/** Changes whenever the theme may have: the system's scheme, or the root's chosen theme. */
function useThemeGeneration(): number {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const bump = (): void => setGeneration((value) => value + 1);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', bump);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    return () => {
      scheme.removeEventListener('change', bump);
      observer.disconnect();
    };
  }, []);
  return generation;
}

export type SeriesChartKind = 'line' | 'bar' | 'stackedBar';

function seriesConfig(kind: SeriesChartKind, data: ChartData, colours: Colours): ChartConfiguration<'line' | 'bar'> {
  const metric: InsightMetric | undefined = data.metrics[0];
  const stacked = kind === 'stackedBar';
  const tick = (value: string | number): string => (metric === undefined ? String(value) : (formatValue(metric, Number(value)) ?? ''));
  return {
    type: kind === 'line' ? 'line' : 'bar',
    data: {
      labels: data.categories.map((category) => category.label),
      datasets: data.series.map((series, index) => {
        const colour = colours.series[index % colours.series.length] ?? colours.text;
        return { label: series.label, data: [...series.values], borderColor: colour, backgroundColor: colour, borderWidth: kind === 'line' ? 2 : 0, pointRadius: kind === 'line' && data.categories.length <= 40 ? 3 : 0, spanGaps: false };
      }),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (context) => `${context.dataset.label ?? ''}: ${metric === undefined ? '' : (formatValue(data.metrics[context.datasetIndex] ?? metric, context.parsed.y) ?? '')}` } },
      },
      scales: {
        x: { stacked, grid: { color: colours.grid }, ticks: { color: colours.text, maxRotation: 0, autoSkip: true } },
        // Counts and durations step by whole units; shares by whole percents.
        y: { stacked, beginAtZero: true, grid: { color: colours.grid }, ticks: { color: colours.text, callback: tick, precision: metric === undefined || METRIC_INFO[metric].unit === 'share' ? 2 : 0 } },
      },
    },
  };
}

function heatConfig(data: HeatmapData, metric: InsightMetric, colours: Colours): ChartConfiguration<'matrix'> {
  const values = data.cells.map((cell) => cell.v).filter((value): value is number => value !== null);
  const max = Math.max(1e-9, ...values);
  const columnLabels = data.columns.map((column) => column.label);
  const rowLabels = data.rows.map((row) => row.label);
  const columnIndex = new Map(data.columns.map((column, index) => [column.key, columnLabels[index] ?? column.key]));
  const rowIndex = new Map(data.rows.map((row, index) => [row.key, rowLabels[index] ?? row.key]));
  return {
    type: 'matrix',
    data: {
      datasets: [
        {
          label: metric,
          data: data.cells.map((cell) => ({ x: columnIndex.get(cell.x) ?? cell.x, y: rowIndex.get(cell.y) ?? cell.y, v: cell.v ?? undefined })),
          backgroundColor: (context) => {
            const raw = context.raw as { v?: number } | undefined;
            if (raw?.v === undefined) return colours.empty;
            // Opacity by value, over the accent colour: the scale reads in both themes.
            const alpha = Math.round((0.12 + 0.88 * (raw.v / max)) * 255).toString(16).padStart(2, '0');
            return colours.heat.startsWith('#') && colours.heat.length === 7 ? `${colours.heat}${alpha}` : colours.heat;
          },
          borderColor: colours.grid,
          borderWidth: 1,
          width: ({ chart }) => (chart.chartArea.width || 0) / Math.max(1, data.columns.length) - 1,
          height: ({ chart }) => (chart.chartArea.height || 0) / Math.max(1, data.rows.length) - 1,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { title: () => '', label: (context) => { const raw = context.raw as { x: string; y: string; v?: number }; return `${raw.y} ${raw.x}: ${formatValue(metric, raw.v ?? null) ?? '—'}`; } } },
      },
      scales: {
        x: { type: 'category', labels: columnLabels, offset: true, grid: { display: false }, ticks: { color: colours.text, maxRotation: 0, autoSkip: true } },
        y: { type: 'category', labels: rowLabels, offset: true, grid: { display: false }, ticks: { color: colours.text } },
      },
    },
  };
}

export type ChartInput = { readonly kind: SeriesChartKind; readonly data: ChartData } | { readonly kind: 'heatmap'; readonly data: HeatmapData; readonly metric: InsightMetric };

/** The chart on a canvas; `onChart` gets the drawn chart (for "Save as PNG") and null when it goes. */
export function InsightChart({ input, label, testId, onChart }: { readonly input: ChartInput; readonly label: string; readonly testId: string; onChart(chart: Chart | null): void }) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const theme = useThemeGeneration();
  const latestOnChart = useRef(onChart);
  latestOnChart.current = onChart;
  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return undefined;
    const colours = coloursOf(canvas);
    const config = input.kind === 'heatmap' ? heatConfig(input.data, input.metric, colours) : seriesConfig(input.kind, input.data, colours);
    const chart = new Chart(canvas, config as ChartConfiguration);
    latestOnChart.current(chart);
    return () => {
      latestOnChart.current(null);
      chart.destroy();
    };
  }, [input, theme]);
  return (
    <div className="insights-chart">
      <canvas ref={canvasRef} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}
