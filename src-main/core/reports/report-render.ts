/**
 * What a report holds: every widget of its dashboard over the schedule's range preset as of the run
 * time, in the schedule's zone, compared with the previous period as the dashboard is, computed by
 * the insights area with the owner's access (so a scoped owner's report holds only their queues),
 * written as CSV and XLSX files and as a PDF of its print document (drawn by the host's
 * PdfRenderer), and each KPI's figure in words for the mail's body. A PDF that cannot be drawn
 * leaves a note in words instead; the other files are sent all the same.
 */
import type { DashboardRecord, InsightQueryInput, InsightResult, RangePreset, RangeSpec } from '../../../src-shared/api/insights.js';
import type { ReportFormat } from '../../../src-shared/api/reports.js';
import type { Result } from '../../../src-shared/result.js';
import type { Access } from '../api/session.js';
import { insightQuerySchema } from '../../../src-shared/api/insights.js';
import { xlsxBuffer } from '../exports/xlsx-writer.js';
import { addWidgetSheet, csvSection, type ExportSection } from '../insights/export-sheets.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { looksLikePdf, PDF_RENDER_TIMEOUT_MS, type PdfRenderer } from './pdf-renderer.js';
import { cellText, rangeInWords } from './report-figures.js';
import { printDocument } from './report-print.js';
import type { RenderReport } from './report-runner.js';
import type { MailAttachment } from './smtp-transport.js';

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

/** A workbook of one sheet per widget, in memory (a report's attachment). */
function xlsxOf(sections: readonly ExportSection[], created: Date): Buffer {
  return xlsxBuffer(
    (workbook) => {
      for (const section of sections) addWidgetSheet(workbook, section);
    },
    { creator: 'Floorwatch', created },
  );
}

/** The PDF of a print document, or why there is none (the renderer's reason, or its time running out). */
async function pdfOf(renderer: PdfRenderer, html: string, timeoutMs: number): Promise<{ readonly pdf: Buffer } | { readonly problem: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`drawing it took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const bytes = await Promise.race([renderer.render(html), timeout]);
    if (!looksLikePdf(bytes)) return { problem: 'the renderer did not give a PDF file' };
    return { pdf: Buffer.from(bytes) };
  } catch (error) {
    return { problem: errorMessage(error).replace(/\.$/u, '') };
  } finally {
    clearTimeout(timer);
  }
}

/** Why the PDF asked for is not in the mail, and where the figures are instead. */
export function pdfMissingNote(problem: string, others: readonly MailAttachment[]): string {
  const instead = others.length > 0 ? `The figures are in ${others.map((attachment) => attachment.filename).join(' and ')}.` : 'The key figures are listed above.';
  return `PDF is not attached: ${problem}. ${instead}`;
}

export interface ReportRendererOptions {
  /** Draws the PDF of a report that asks for one. */
  readonly pdf: PdfRenderer;
  readonly pdfTimeoutMs?: number;
}

/** The renderer over the insights area: one query per widget, files in the formats asked for. */
export function createReportRenderer(reader: () => InsightsReader | null, options: ReportRendererOptions): RenderReport {
  return async ({ schedule, access, scheduledFor }) => {
    const insights = reader();
    if (insights === null) throw new Error('Historical Insights is not available in this console.');
    const definition = schedule.definition;
    const dashboard = insights.dashboard(access, definition.dashboardId);
    if (!dashboard.ok) throw new Error(`The dashboard ${definition.dashboardId} cannot be read: ${dashboard.error}`);
    const document = dashboard.value.document;
    const range = presetAsOf(definition.range, definition.timeZone, scheduledFor);
    // As the dashboard shows it: its interval, filters and comparison with the previous period.
    const queryOf = (widget: (typeof document.widgets)[number]): InsightQueryInput => ({
      widget,
      range,
      interval: document.defaults.interval,
      timeZone: definition.timeZone,
      compare: document.defaults.compare,
      filters: document.filters,
    });
    const sections: ExportSection[] = [];
    for (const widget of document.widgets) {
      const result = await insights.query(access, queryOf(widget));
      if (!result.ok) throw new Error(`The widget "${widget.title}" failed: ${result.error}`);
      // The same sections and sheets as a dashboard's export from the console (insights/export-sheets.ts).
      sections.push({ dashboardName: dashboard.value.name, query: insightQuerySchema.parse(queryOf(widget)), result: result.value });
    }
    const summaryLines = sections
      .filter((section) => section.query.widget.chart === 'kpi')
      .flatMap(({ query, result }) => result.metrics.map((metric, index) => `${query.widget.title}${result.metrics.length > 1 ? ` (${metric})` : ''}: ${cellText(metric, result.totals[index])}`));
    const base = `${dashboard.value.name} ${range.from}${range.to === range.from ? '' : ` to ${range.to}`}`.replace(/[^\w .-]+/gu, '-');
    const formats = definition.formats as readonly ReportFormat[];
    const attachments: MailAttachment[] = [];
    if (formats.includes('csv')) attachments.push({ filename: `${base}.csv`, content: Buffer.from(sections.map(csvSection).join(''), 'utf8'), contentType: 'text/csv; charset=utf-8' });
    if (formats.includes('xlsx')) attachments.push({ filename: `${base}.xlsx`, content: xlsxOf(sections, new Date(scheduledFor)), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const notes: string[] = [];
    if (formats.includes('pdf')) {
      const html = printDocument({ title: definition.name, dashboardName: dashboard.value.name, rangeWords: rangeInWords(definition.range), timeZone: definition.timeZone, asOf: scheduledFor, sections });
      const drawn = await pdfOf(options.pdf, html, options.pdfTimeoutMs ?? PDF_RENDER_TIMEOUT_MS);
      if ('pdf' in drawn) attachments.push({ filename: `${base}.pdf`, content: drawn.pdf, contentType: 'application/pdf' });
      else notes.push(pdfMissingNote(drawn.problem, attachments));
    }
    return { attachments, summaryLines, notes };
  };
}
