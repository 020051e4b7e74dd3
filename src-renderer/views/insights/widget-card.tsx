/**
 * One widget of a dashboard: it asks `insights.query` on its own (so a slow widget never holds up
 * the others) and shows its figures as a KPI with the previous period, a line, bar or stacked bar
 * chart, a table or a heatmap. Loading, error, empty and "not known" are each said in words; every
 * figure is a button, so the keyboard reaches it and Enter or E opens its explanation.
 */
import type { Chart } from 'chart.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { INSIGHT_CHARTS, type InsightChart as ChartKind, type InsightQueryInput, type InsightResult, type InsightRow, type Widget } from '../../../src-shared/api/insights.js';
import { useClient } from '../../hooks/client-context.js';
import { useT, type KeyOf } from '../../i18n/translate.js';
import { cellText, chartData, deltaOf, formatValue, heatmapData, memberLabel, metricLabel } from './insights-model.js';
import { InsightChart, type ChartInput } from './insight-chart.js';
import { safeFileName } from '../../client/export-file.js';
import type { FigureRef } from './widget-figures.js';

const t = useT('insights');

export const CHART_LABELS: Readonly<Record<ChartKind, KeyOf<'insights'>>> = { kpi: 'chartKpi', line: 'chartLine', bar: 'chartBar', stackedBar: 'chartStackedBar', table: 'chartTable', heatmap: 'chartHeatmap' };

type ResultState = { readonly status: 'loading' } | { readonly status: 'ready'; readonly value: InsightResult; readonly updating: boolean } | { readonly status: 'error'; readonly error: string };

/** The widget's figures for a query; an answer to a query that has since changed is dropped. */
function useInsightResult(query: InsightQueryInput): ResultState & { reload(): void } {
  const client = useClient();
  const [state, setState] = useState<ResultState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(query);
  useEffect(() => {
    let current = true;
    setState((previous) => (previous.status === 'ready' ? { ...previous, updating: true } : { status: 'loading' }));
    void client.query({ type: 'insights.query', query: JSON.parse(key) as InsightQueryInput }).then((result) => {
      if (!current) return;
      setState(result.ok ? { status: 'ready', value: result.value, updating: false } : { status: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [client, key, generation]);
  return { ...state, reload: () => setGeneration((value) => value + 1) };
}

interface FigureButtonProps {
  readonly figure: FigureRef;
  readonly className: string;
  readonly onExplain: (figure: FigureRef) => void;
  readonly children: ReactNode;
}

/** A figure the keyboard reaches: Enter (a click) or E opens its explanation. */
function FigureButton({ figure, className, onExplain, children }: FigureButtonProps) {
  const known = figure.cell.value !== null;
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (event.key === 'e' || event.key === 'E') {
      event.preventDefault();
      onExplain(figure);
    }
  };
  return (
    <button
      type="button"
      className={`insights-figure ${className}`}
      onClick={() => onExplain(figure)}
      onKeyDown={onKeyDown}
      title={known ? t('explainFigure') : t('notKnownTitle')}
      data-known={known ? 'true' : 'false'}
      data-testid="insights-figure"
    >
      {children}
    </button>
  );
}

function NotKnown() {
  return (
    <span className="insights-not-known" title={t('notKnownTitle')}>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('notKnown')}</span>
    </span>
  );
}

const ARROWS = { up: '▲', down: '▼', same: '=', unknown: '' } as const;

function Kpis({ widget, result, onExplain }: { readonly widget: Widget; readonly result: InsightResult; onExplain(figure: FigureRef): void }) {
  return (
    <div className="insights-kpis">
      {result.metrics.map((metric, index) => {
        const cell = result.totals[index] ?? { value: null, numerator: null, denominator: null };
        const previous = result.previousTotals?.[index] ?? null;
        const delta = result.previousTotals === null ? null : deltaOf(metric, cell.value, previous?.value ?? null);
        const figure: FigureRef = { widgetTitle: widget.title, metric, dimension: 'none', row: null, rowLabel: null, cell, previous, result };
        const value = formatValue(metric, cell.value);
        return (
          <div key={metric} className="insights-kpi" data-testid="insights-kpi" data-metric={metric}>
            {result.metrics.length > 1 ? <span className="insights-kpi__label">{metricLabel(metric)}</span> : null}
            <FigureButton figure={figure} className="insights-kpi__value" onExplain={onExplain}>
              {value === null ? <NotKnown /> : value}
            </FigureButton>
            {delta === null ? null : (
              <span className={`insights-delta insights-delta--${delta.tone}`} title={delta.words} data-testid="insights-delta" data-direction={delta.direction}>
                <span aria-hidden="true">{ARROWS[delta.direction]} </span>
                <span aria-hidden="true">{delta.change ?? ''}</span>
                <span className="visually-hidden">{delta.words}</span>
              </span>
            )}
            {previous === null ? null : (
              <span className="insights-kpi__previous" data-testid="insights-previous">
                {t('previousPeriod', { value: formatValue(metric, previous.value) ?? t('notKnown') })}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}

function FigureTable({ widget, result, rowLabel, onExplain, caption }: { readonly widget: Widget; readonly result: InsightResult; rowLabel(row: InsightRow): string; onExplain(figure: FigureRef): void; readonly caption: string }) {
  const hasSplit = result.rows.some((row) => row.splitKey !== null);
  return (
    <div className="insights-table__scroller" tabIndex={0} role="region" aria-label={caption}>
      <table className="insights-table" data-testid="insights-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('member')}</th>
            {hasSplit ? <th scope="col">{t('splitMember')}</th> : null}
            {result.metrics.map((metric) => (
              <th key={metric} scope="col" className="numeric">
                {metricLabel(metric)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row) => (
            <tr key={`${row.key}|${row.splitKey ?? ''}`} data-testid="insights-row">
              <th scope="row">{rowLabel(row)}</th>
              {hasSplit ? <td>{row.splitLabel ?? ''}</td> : null}
              {result.metrics.map((metric, index) => {
                const cell = row.cells[index] ?? { value: null, numerator: null, denominator: null };
                return (
                  <td key={metric} className="numeric">
                    <FigureButton figure={{ widgetTitle: widget.title, metric, dimension: widget.dimension, row, rowLabel: rowLabel(row), cell, previous: null, result }} className="insights-table__figure" onExplain={onExplain}>
                      {cell.value === null ? <NotKnown /> : cellText(metric, cell)}
                    </FigureButton>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {result.omittedRows > 0 ? <p className="insights-muted">{t('omittedRows', { count: result.omittedRows })}</p> : null}
    </div>
  );
}

/** What the widget is drawn as: the user's choice this session over the document's. */
export function chartStorageKey(dashboardId: string, widgetId: string): string {
  return `floorwatch.insights.chart.${dashboardId}.${widgetId}`;
}

function savePng(chart: Chart, title: string): void {
  const anchor = document.createElement('a');
  anchor.href = chart.toBase64Image('image/png', 1);
  anchor.download = `${safeFileName(title, 'chart')}.png`;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

export interface WidgetCardProps {
  readonly widget: Widget;
  readonly query: InsightQueryInput;
  readonly timeZone: string;
  readonly canExport: boolean;
  onChartChange(chart: ChartKind): void;
  onExplain(figure: FigureRef): void;
  onExport(query: InsightQueryInput): void;
  /** Where the cache's coverage starts, when it starts inside the range (said once for the dashboard). */
  onCoverage(widgetId: string, coveredFrom: number | null): void;
}

/** One widget, in its grid cell. */
export function WidgetCard({ widget, query, timeZone, canExport, onChartChange, onExplain, onExport, onCoverage }: WidgetCardProps) {
  const result = useInsightResult(query);
  const answer = result.status === 'ready' ? result.value : null;
  const latestOnCoverage = useRef(onCoverage);
  latestOnCoverage.current = onCoverage;
  useEffect(() => {
    if (answer !== null) latestOnCoverage.current(widget.id, answer.coveredFrom !== null && answer.coveredFrom > answer.range.from ? answer.coveredFrom : null);
  }, [answer, widget.id]);
  const chartRef = useRef<Chart | null>(null);
  const [hasChart, setHasChart] = useState(false);
  const value = result.status === 'ready' ? result.value : null;
  const rowLabel = useMemo(() => (row: InsightRow): string => memberLabel(widget.dimension, row.key, row.label, query.interval, timeZone), [widget.dimension, query.interval, timeZone]);
  const chartInput = useMemo((): ChartInput | null => {
    if (value === null || value.rows.length === 0) return null;
    switch (widget.chart) {
      case 'line':
      case 'bar':
      case 'stackedBar':
        return { kind: widget.chart, data: chartData(value, rowLabel) };
      case 'heatmap':
        return { kind: 'heatmap', data: heatmapData(value, rowLabel), metric: value.metrics[0] ?? widget.metrics[0] ?? 'offered' };
      default:
        return null;
    }
  }, [value, widget.chart, widget.metrics, rowLabel]);
  const titleId = `insights-widget-${widget.id}`;
  const chartLabel = t('chartOf', { title: widget.title, chart: t(CHART_LABELS[widget.chart]) });
  const empty = value !== null && widget.chart !== 'kpi' && (value.rows.length === 0 || value.rows.every((row) => row.cells.every((cell) => cell.value === null)));
  return (
    <section
      className="insights-widget panel"
      style={{ gridColumn: `span ${widget.width}`, gridRow: `span ${widget.height}` }}
      aria-labelledby={titleId}
      aria-busy={result.status === 'loading' || (result.status === 'ready' && result.updating)}
      data-testid="insights-widget"
      data-widget-id={widget.id}
      data-chart={widget.chart}
      data-state={result.status === 'ready' ? (empty ? 'empty' : 'ready') : result.status}
    >
      <header className="insights-widget__header">
        <h2 id={titleId} className="insights-widget__title">
          {widget.title}
        </h2>
        <div className="insights-widget__tools">
          <label className="insights-widget__chart">
            <span className="visually-hidden">{t('chartTypeOf', { title: widget.title })}</span>
            <select className="input input--small" value={widget.chart} onChange={(event) => onChartChange(event.target.value as ChartKind)} data-testid="insights-chart-type">
              {INSIGHT_CHARTS.map((chart) => (
                <option key={chart} value={chart}>
                  {t(CHART_LABELS[chart])}
                </option>
              ))}
            </select>
          </label>
          {canExport && hasChart ? (
            <button type="button" className="button button--quiet button--small" onClick={() => chartRef.current !== null && savePng(chartRef.current, widget.title)} data-testid="insights-png" aria-label={t('savePngOf', { title: widget.title })}>
              {t('png')}
            </button>
          ) : null}
          {canExport ? (
            <button type="button" className="button button--quiet button--small" onClick={() => onExport(query)} data-testid="insights-widget-export" aria-label={t('exportWidget', { title: widget.title })}>
              {t('export')}
            </button>
          ) : null}
        </div>
      </header>
      <div className="insights-widget__body">
        {result.status === 'loading' ? (
          <p className="insights-muted" role="status">
            <span className="spinner spinner--inline" aria-hidden="true" /> {t('loadingFigures')}
          </p>
        ) : null}
        {result.status === 'error' ? (
          <div className="insights-widget__error" role="alert" data-testid="insights-widget-error">
            <p>{t('figuresCouldNotBeRead', { error: result.error })}</p>
            <button type="button" className="button button--small" onClick={result.reload}>
              {t('tryAgain')}
            </button>
          </div>
        ) : null}
        {value !== null && empty ? (
          <p className="insights-muted" data-testid="insights-empty">
            {value.rows.length === 0 ? t('nothingInRange') : t('notKnownInRange')}
          </p>
        ) : null}
        {value !== null && !empty && widget.chart === 'kpi' ? <Kpis widget={widget} result={value} onExplain={onExplain} /> : null}
        {value !== null && !empty && widget.chart === 'table' ? <FigureTable widget={widget} result={value} rowLabel={rowLabel} onExplain={onExplain} caption={t('figuresOf', { title: widget.title })} /> : null}
        {value !== null && !empty && chartInput !== null ? (
          <>
            <InsightChart
              input={chartInput}
              label={chartLabel}
              testId="insights-canvas"
              onChart={(chart) => {
                chartRef.current = chart;
                setHasChart(chart !== null);
              }}
            />
            {chartInput.kind === 'heatmap' ? null : <SeriesKey names={chartInput.data.series.map((series) => series.label)} />}
            <details className="insights-widget__figures">
              <summary data-testid="insights-figures-toggle">{t('figuresAsTable')}</summary>
              <FigureTable widget={widget} result={value} rowLabel={rowLabel} onExplain={onExplain} caption={t('figuresOf', { title: widget.title })} />
            </details>
          </>
        ) : null}
      </div>
    </section>
  );
}

function SeriesKey({ names }: { readonly names: readonly string[] }) {
  if (names.length <= 1) return null;
  return (
    <ul className="insights-key" aria-label={t('chartKey')}>
      {names.map((name, index) => (
        <li key={name} className={`insights-key__item insights-key__item--${index % 7}`}>
          {name}
        </li>
      ))}
    </ul>
  );
}
