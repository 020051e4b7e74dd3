/**
 * A chart on a board: queued or service level over the last hours, or intraday volume. The Chart
 * instance lives in a ref and is fed from the live store outside React: data changes mutate
 * chart.data and call update('none') at most once a second, with no animation, so a busy floor
 * costs one cheap redraw per chart per second and no React render per point.
 */
import { BarController, BarElement, Chart, Filler, LinearScale, LineController, LineElement, PointElement } from 'chart.js';
import type { ChartConfiguration } from 'chart.js';
import { memo, useEffect, useRef } from 'react';
import type { BoardTile } from '../../../src-shared/wallboard/board.js';
import { useWallboardLive, useWallboardLiveStore } from './live-context.js';
import { CHART_SERIES_LABELS, chartPoints, createRedrawGate, samePoints, timeTicks, volumeBucketMs, type ChartPoint } from './chart-data.js';
import type { WallboardLiveState } from './live-data.js';
import { clockTime } from './wallboard-model.js';
import { TileFrame, TileMessage, useBoardContext } from './tile-frame.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

// Only what these charts use, so the bundle carries no other chart type.
Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, Filler);

type ChartTileConfig = Extract<BoardTile, { kind: 'chart' }>;
type WallboardChart = Chart<'line' | 'bar', ChartPoint[]>;

interface ChartColours {
  readonly line: string;
  readonly fill: string;
  readonly grid: string;
  readonly text: string;
}

/** The chart's colours from the theme tokens the canvas sits in (styles.css), so charts follow the board's theme. */
function tokenColours(element: Element): ChartColours {
  const style = getComputedStyle(element);
  const token = (name: string): string => style.getPropertyValue(name).trim();
  return { line: token('--chart-line'), fill: token('--chart-fill'), grid: token('--chart-grid'), text: token('--chart-text') };
}

const browserTimers = {
  setTimeout: (callback: () => void, ms: number): unknown => window.setTimeout(callback, ms),
  clearTimeout: (handle: unknown): void => window.clearTimeout(handle as number),
};

function latestValue(points: readonly ChartPoint[]): number | null {
  for (let index = points.length - 1; index >= 0; index -= 1) {
    const y = points[index]?.y;
    if (y !== null && y !== undefined) return y;
  }
  return null;
}

function formatLatest(tile: ChartTileConfig, value: number | null): string {
  if (value === null) return '–';
  return tile.series === 'service_level' ? `${Math.round(value)}%` : String(Math.round(value));
}

function configFor(tile: ChartTileConfig, colours: ChartColours, timeZone: string | undefined, fontSize: number): ChartConfiguration<'line' | 'bar', ChartPoint[]> {
  const isVolume = tile.series === 'volume';
  return {
    type: isVolume ? 'bar' : 'line',
    data: {
      datasets: [
        {
          label: CHART_SERIES_LABELS[tile.series],
          data: [],
          borderColor: colours.line,
          backgroundColor: isVolume ? colours.line : colours.fill,
          borderWidth: isVolume ? 0 : 3,
          // Points only while there are too few to draw a line (a console that just started).
          pointRadius: (context) => (context.dataset.data.length <= 2 ? 4 : 0),
          pointBackgroundColor: colours.line,
          fill: !isVolume,
          spanGaps: false,
          ...(isVolume ? { barPercentage: 0.9, categoryPercentage: 1 } : {}),
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      // A wallboard is looked at, not touched: no hover or click handling at all.
      events: [],
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: {
        x: {
          type: 'linear',
          offset: isVolume,
          grid: { color: colours.grid },
          ticks: { color: colours.text, font: { size: fontSize }, maxRotation: 0, autoSkip: false, callback: (value) => clockTime(Number(value), timeZone) },
          afterBuildTicks: (axis) => {
            axis.ticks = timeTicks(axis.min, axis.max, 6).map((value) => ({ value }));
          },
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          ...(tile.series === 'service_level' ? { min: 0, max: 100 } : { suggestedMax: 5 }),
          grid: { color: colours.grid },
          ticks: {
            color: colours.text,
            font: { size: fontSize },
            precision: 0,
            ...(tile.series === 'service_level' ? { callback: (value: string | number) => `${String(value)}%` } : {}),
          },
        },
      },
    },
  };
}

export const ChartTile = memo(function ChartTile({ tile }: { readonly tile: ChartTileConfig }) {
  const store = useWallboardLiveStore();
  const loaded = useWallboardLive((state) => state.loaded);
  const error = useWallboardLive((state) => (state.loaded ? null : state.error));
  const asOf = useWallboardLive((state) => state.asOfTime);
  const { theme, timeZone } = useBoardContext();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  // Written by the redraw, not by React: the newest figure changes with the chart and costs no render.
  const latestRef = useRef<HTMLSpanElement | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null || !loaded) return undefined;
    const settings = tile;
    const fontSize = Math.max(12, Math.round(window.innerHeight / 64));
    const chart = new Chart(canvas, configFor(settings, tokenColours(canvas), timeZone, fontSize)) as WallboardChart;
    let drawn: ChartPoint[] = [];
    let drawnRange = '';
    const redraw = (): void => {
      const state: WallboardLiveState = store.getState();
      if (state.asOfTime === null) return;
      const points = chartPoints(settings, state.series, state.asOfTime);
      const bucket = settings.series === 'volume' ? volumeBucketMs(settings.hours) : 0;
      const min = state.asOfTime - settings.hours * 3_600_000;
      // The axis moves by whole minutes so a redraw without new points does not shift every label.
      const range = `${Math.floor(min / 60_000)}`;
      if (samePoints(drawn, points) && range === drawnRange) return;
      drawn = points;
      drawnRange = range;
      const dataset = chart.data.datasets[0];
      if (dataset !== undefined) dataset.data = points;
      const x = chart.options.scales?.x;
      if (x !== undefined) {
        x.min = Math.floor(min / 60_000) * 60_000 - bucket / 2;
        x.max = Math.ceil(state.asOfTime / 60_000) * 60_000 + bucket / 2;
      }
      chart.update('none');
      if (latestRef.current !== null) latestRef.current.textContent = formatLatest(settings, latestValue(points));
    };
    const gate = createRedrawGate({ minIntervalMs: 1000, now: () => performance.now(), timers: browserTimers, redraw });
    gate.request();
    let lastSeries = store.getState().series;
    const unsubscribe = store.subscribe((state) => {
      if (state.series === lastSeries) return;
      lastSeries = state.series;
      gate.request();
    });
    return () => {
      unsubscribe();
      gate.stop();
      chart.destroy();
    };
    // The board's setup keeps its identity while unchanged, so a new tile object means new settings.
  }, [store, tile, loaded, theme, timeZone]);

  return (
    <TileFrame
      tileId={tile.tileId}
      kind="chart"
      placement={tile}
      title={tile.title ?? t('value0LastHoursH', { value0: CHART_SERIES_LABELS[tile.series], hours: tile.hours })}
      asOf={asOf}
      aside={
        <span ref={latestRef} className="wb-chart__latest" data-testid="chart-latest" title={tile.series === 'volume' ? t('enteredTheQueuesIn') : t('latestMinute')} />
      }
    >
      {error !== null ? (
        <TileMessage tone="error">{t('liveDataUnavailable')}{error}</TileMessage>
      ) : !loaded ? (
        <TileMessage>{t('waitingForLiveData')}</TileMessage>
      ) : (
        <div className="wb-chart" data-testid="wallboard-chart" data-series={tile.series}>
          <canvas ref={canvasRef} role="img" aria-label={t('value0OverTheLast', { value0: CHART_SERIES_LABELS[tile.series], hours: tile.hours })} />
        </div>
      )}
    </TileFrame>
  );
});
