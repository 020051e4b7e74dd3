/**
 * What a report holds: every widget of its dashboard over the schedule's range preset as of the run
 * time, in the schedule's zone, computed by the insights area with the owner's access (so a scoped
 * owner's report holds only their queues), written as CSV and XLSX files, and each KPI's figure in
 * words for the mail's body. PDF is not rendered here (the core draws no page): the mail says so.
 */
import type { DashboardRecord, InsightCell, InsightMetric, InsightQueryInput, InsightResult, RangePreset, RangeSpec } from '../../../src-shared/api/insights.js';
import type { ReportFormat } from '../../../src-shared/api/reports.js';
import type { Result } from '../../../src-shared/result.js';
import type { Access } from '../api/session.js';
import { insightQuerySchema } from '../../../src-shared/api/insights.js';
import { xlsxBuffer } from '../exports/xlsx-writer.js';
import { addWidgetSheet, csvSection, type ExportSection } from '../insights/export-sheets.js';
import type { RenderReport } from './report-runner.js';

/** The insights handlers a report reads through (the same ones the dashboard view asks). */
export interface InsightsReader {
  dashboard(access: Access, dashboardId: string): Result<DashboardRecord>;
  query(access: Access, query: InsightQueryInput): Result<InsightResult> | Promise<Result<InsightResult>>;
}

function localDate(at: number, timeZone: string): { year: number; month: number; day: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' }).formatToParts(at);
  const part = (type: string): string => parts.find((candidate) => candidate.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part('weekday'));
  return { year: Number(part('year')), month: Number(part('month')), day: Number(part('day')), weekday };
}

/** A calendar date moved by whole days, as YYYY-MM-DD (calendar arithmetic: no zone involved). */
function isoDate(year: number, month: number, day: number, plusDays = 0): string {
  return new Date(Date.UTC(year, month - 1, day + plusDays)).toISOString().slice(0, 10);
}

/**
 * A range preset as the whole local days it meant at `at` in `timeZone`, as the insights engine
 * reads presets (the last N whole days leave today out; weeks run Monday to Sunday; this week and
 * this month are whole calendar periods): a late report covers the days it was due for, not the
 * days of when it was sent.
 */
export function presetAsOf(preset: RangePreset, timeZone: string, at: number): Extract<RangeSpec, { from: string }> {
  const { year, month, day, weekday } = localDate(at, timeZone);
  const date = (plusDays: number): string => isoDate(year, month, day, plusDays);
  const monday = -((weekday + 6) % 7);
  switch (preset) {
    case 'today':
      return { from: date(0), to: date(0) };
    case 'yesterday':
      return { from: date(-1), to: date(-1) };
    case 'last7Days':
      return { from: date(-7), to: date(-1) };
    case 'last30Days':
      return { from: date(-30), to: date(-1) };
    case 'last90Days':
      return { from: date(-90), to: date(-1) };
    case 'thisWeek':
      return { from: date(monday), to: date(monday + 6) };
    case 'lastWeek':
      return { from: date(monday - 7), to: date(monday - 1) };
    case 'thisMonth':
      return { from: isoDate(year, month, 1), to: isoDate(year, month + 1, 0) };
    case 'lastMonth':
      return { from: isoDate(year, month - 1, 1), to: isoDate(year, month, 0) };
  }
}

const PERCENT_METRICS: ReadonlySet<InsightMetric> = new Set(['abandonRate', 'serviceLevel', 'resolutionRate', 'containmentRate', 'escalationRate', 'occupancy', 'utilisation', 'csatPositive']);

/** A figure as the mail says it ("not known" for a null cell, never 0). */
export function figureInWords(metric: InsightMetric, cell: InsightCell | undefined): string {
  const value = cell?.value ?? null;
  if (value === null) return 'not known';
  if (PERCENT_METRICS.has(metric)) return `${(value * 100).toFixed(1)} %`;
  return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

/** A workbook of one sheet per widget, in memory (a report's attachment). */
function xlsxOf(sections: readonly ExportSection[], created: Date): Buffer {
  return xlsxBuffer(
    (workbook) => {
      for (const section of sections) addWidgetSheet(workbook, section);
    },
    { creator: 'Floorwatch', created },
  );
}

/** The renderer over the insights area: one query per widget, files in the formats asked for. */
export function createReportRenderer(reader: () => InsightsReader | null): RenderReport {
  return async ({ schedule, access, scheduledFor }) => {
    const insights = reader();
    if (insights === null) throw new Error('Historical Insights is not available in this console.');
    const definition = schedule.definition;
    const dashboard = insights.dashboard(access, definition.dashboardId);
    if (!dashboard.ok) throw new Error(`The dashboard ${definition.dashboardId} cannot be read: ${dashboard.error}`);
    const document = dashboard.value.document;
    const range = presetAsOf(definition.range, definition.timeZone, scheduledFor);
    const results: InsightResult[] = [];
    for (const widget of document.widgets) {
      const query: InsightQueryInput = { widget, range, interval: document.defaults.interval, timeZone: definition.timeZone, compare: false, filters: document.filters };
      const result = await insights.query(access, query);
      if (!result.ok) throw new Error(`The widget "${widget.title}" failed: ${result.error}`);
      results.push(result.value);
    }
    const widgets = document.widgets.map((widget, index) => ({ widget, result: results[index] as InsightResult }));
    const summaryLines = widgets
      .filter(({ widget }) => widget.chart === 'kpi')
      .flatMap(({ widget, result }) => result.metrics.map((metric, index) => `${widget.title}${result.metrics.length > 1 ? ` (${metric})` : ''}: ${figureInWords(metric, result.totals[index])}`));
    const base = `${dashboard.value.name} ${range.from}${range.to === range.from ? '' : ` to ${range.to}`}`.replace(/[^\w .-]+/gu, '-');
    // The same sections and sheets as a dashboard's export from the console (insights/export-sheets.ts).
    const sections: ExportSection[] = widgets.map(({ widget, result }) => ({
      dashboardName: dashboard.value.name,
      query: insightQuerySchema.parse({ widget, range, interval: document.defaults.interval, timeZone: definition.timeZone, compare: false, filters: document.filters }),
      result,
    }));
    const attachments = [];
    for (const format of definition.formats as readonly ReportFormat[]) {
      if (format === 'csv') attachments.push({ filename: `${base}.csv`, content: Buffer.from(sections.map(csvSection).join(''), 'utf8'), contentType: 'text/csv; charset=utf-8' });
      if (format === 'xlsx') attachments.push({ filename: `${base}.xlsx`, content: xlsxOf(sections, new Date(scheduledFor)), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    }
    return { attachments, summaryLines };
  };
}
