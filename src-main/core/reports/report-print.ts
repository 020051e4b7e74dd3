/**
 * A report as one self-contained print document (HTML with its print stylesheet, no script, no
 * request of any kind: its Content-Security-Policy forbids both), which a PdfRenderer turns into
 * the PDF a report attaches. It holds the dashboard's name, the schedule, the range, time zone,
 * interval and filters, then every widget as its figures: a single-figure (KPI) widget as its
 * value and its change on the previous period, any other widget (line, bar, stacked bar, table,
 * heatmap) as the table of its series with the totals. Every text is escaped; every figure is
 * written by report-figures.ts, as the mail's body writes it ("not known" where nothing in the
 * range could give it, never 0). Charts are drawn as tables on purpose (docs/decisions/0045).
 */
import type { InsightRow } from '../../../src-shared/api/insights.js';
import { escapeHtml } from '../history/export-format.js';
import { DIMENSION_HEADINGS, filtersText, METRIC_COLUMNS } from '../insights/export-columns.js';
import type { ExportSection } from '../insights/export-sheets.js';
import { cellText, changeText, intervalText, localTimeInWords, NOT_KNOWN, REPORT_LOCALE } from './report-figures.js';

export interface PrintInput {
  /** The schedule's name. */
  readonly title: string;
  readonly dashboardName: string;
  /** The range in words ("the last 7 days"). */
  readonly rangeWords: string;
  readonly timeZone: string;
  /** The run the report is for: its figures are those of the range as of this moment. */
  readonly asOf: number;
  /** One per widget of the dashboard, in its order. */
  readonly sections: readonly ExportSection[];
}

/** No script, no request: the document draws from itself alone. */
export const PRINT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

const PRINT_STYLESHEET = `
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
html { color: #111; background: #fff; font: 10pt/1.35 "DejaVu Sans", "Segoe UI", Arial, sans-serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; font-variant-ligatures: none; }
body { margin: 0; }
h1 { font-size: 18pt; margin: 0 0 2pt; }
h2 { font-size: 11.5pt; margin: 0 0 4pt; }
.report__schedule { margin: 0 0 6pt; color: #444; }
.report__facts { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; margin: 0 0 10pt; }
.report__facts dt { font-weight: bold; }
.report__facts dd { margin: 0; }
.report__kpis { display: flex; flex-wrap: wrap; gap: 6pt; margin: 0 0 10pt; }
.kpi { flex: 1 1 150pt; border: 0.75pt solid #999; border-radius: 3pt; padding: 5pt 7pt; break-inside: avoid; }
.kpi__metric { margin: 0; color: #444; }
.kpi__value { margin: 0; font-size: 16pt; font-weight: bold; }
.kpi__change { margin: 0 0 3pt; color: #444; }
.widget { margin: 0 0 10pt; break-inside: avoid-page; }
.widget__note { margin: 2pt 0 0; color: #444; }
.widget__caption { caption-side: bottom; text-align: left; margin: 2pt 0 0; color: #444; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #999; padding: 2pt 5pt; text-align: left; vertical-align: top; }
td.figure, th.figure { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #e8e8e8; }
tfoot th, tfoot td { font-weight: bold; background: #f3f3f3; }
.not-known { color: #666; font-style: italic; }
.report__footer { margin-top: 8pt; color: #444; font-size: 8.5pt; }
`;

const CHART_WORDS = { kpi: 'a single figure', line: 'a line chart', bar: 'a bar chart', stackedBar: 'a stacked bar chart', table: 'a table', heatmap: 'a heatmap' } as const;

function figureCell(text: string, tag: 'td' | 'th' = 'td'): string {
  const notKnown = text === NOT_KNOWN ? ' not-known' : '';
  return `<${tag} class="figure${notKnown}">${escapeHtml(text)}</${tag}>`;
}

/** A row's member as the dashboard names it: an interval by its start in the zone, else the engine's label. */
function memberTexts(section: ExportSection, row: InsightRow): string[] {
  const { widget } = section.query;
  const { interval, range } = section.result;
  const text = (dimension: string, key: string | null, label: string | null): string => {
    if (dimension === 'interval' && key !== null && /^-?\d+$/u.test(key)) return intervalText(Number(key), interval, range.timeZone);
    return label ?? key ?? '';
  };
  const texts = [text(widget.dimension, row.key, row.label)];
  if (widget.split !== null) texts.push(text(widget.split, row.splitKey, row.splitLabel));
  return texts;
}

function kpiBlock(section: ExportSection): string {
  const { widget } = section.query;
  const { metrics, totals, previousTotals } = section.result;
  const figures = metrics.map((metric, index) => {
    const value = totals[index]?.value ?? null;
    const previous = previousTotals === null ? null : changeText(metric, value, previousTotals[index]?.value ?? null);
    return [
      metrics.length > 1 ? `<p class="kpi__metric">${escapeHtml(METRIC_COLUMNS[metric].heading)}</p>` : '',
      `<p class="kpi__value${value === null ? ' not-known' : ''}">${escapeHtml(cellText(metric, totals[index]))}</p>`,
      previous === null ? '' : `<p class="kpi__change">${escapeHtml(previous)}</p>`,
    ].join('');
  });
  return `<div class="kpi"><h2>${escapeHtml(widget.title)}</h2>${figures.join('')}</div>`;
}

function tableBlock(section: ExportSection): string {
  const { widget } = section.query;
  const { metrics, rows, totals, previousTotals, omittedRows } = section.result;
  const memberHeadings = [DIMENSION_HEADINGS[widget.dimension], ...(widget.split === null ? [] : [DIMENSION_HEADINGS[widget.split]])];
  const head = `<tr>${memberHeadings.map((heading) => `<th scope="col">${escapeHtml(heading)}</th>`).join('')}${metrics.map((metric) => `<th scope="col" class="figure">${escapeHtml(METRIC_COLUMNS[metric].heading)}</th>`).join('')}</tr>`;
  const body = rows
    .map((row) => {
      const [first = '', ...rest] = memberTexts(section, row);
      const figures = metrics.map((metric, index) => figureCell(cellText(metric, row.cells[index])));
      return `<tr><th scope="row">${escapeHtml(first)}</th>${rest.map((text) => `<td>${escapeHtml(text)}</td>`).join('')}${figures.join('')}</tr>`;
    })
    .join('');
  const blanks = '<td></td>'.repeat(memberHeadings.length - 1);
  const totalRow = (label: string, cells: typeof totals): string =>
    `<tr><th scope="row">${escapeHtml(label)}</th>${blanks}${metrics.map((metric, index) => figureCell(cellText(metric, cells[index]))).join('')}</tr>`;
  const foot = totalRow('Total', totals) + (previousTotals === null ? '' : totalRow('Previous period', previousTotals));
  const empty = rows.length === 0 ? `<p class="widget__note">No ${escapeHtml(memberHeadings[0]?.toLowerCase() ?? 'member')} has figures in this range.</p>` : '';
  const omitted = omittedRows > 0 ? `<p class="widget__note">${omittedRows} more beyond the widget's limit of ${widget.limit} are left out here (counted in the totals).</p>` : '';
  return [
    `<section class="widget"><h2>${escapeHtml(widget.title)}</h2>`,
    `<table><caption class="widget__caption">On the dashboard as ${CHART_WORDS[widget.chart]}.</caption>`,
    `<thead>${head}</thead><tbody>${body}</tbody><tfoot>${foot}</tfoot></table>`,
    empty,
    omitted,
    '</section>',
  ].join('');
}

/** The facts that head a report (its mail's body says the same). */
export function reportFacts(input: Pick<PrintInput, 'dashboardName' | 'rangeWords' | 'timeZone' | 'asOf'>): readonly (readonly [string, string])[] {
  return [
    ['Dashboard', input.dashboardName],
    ['Range', `${input.rangeWords}, as of ${localTimeInWords(input.asOf, input.timeZone)}`],
    ['Time zone', input.timeZone],
  ];
}

/** The whole print document of a report. */
export function printDocument(input: PrintInput): string {
  const first = input.sections[0];
  const facts: (readonly [string, string])[] = [...reportFacts(input)];
  if (first !== undefined) {
    facts.splice(2, 0, ['Dates', first.result.range.label]);
    facts.push(['Interval', first.result.interval], ['Filters', filtersText(first.query)]);
  }
  const kpis = input.sections.filter((section) => section.query.widget.chart === 'kpi');
  const others = input.sections.filter((section) => section.query.widget.chart !== 'kpi');
  return [
    `<!doctype html><html lang="${REPORT_LOCALE}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(PRINT_CONTENT_SECURITY_POLICY)}">`,
    `<title>${escapeHtml(`${input.dashboardName}: ${input.title}`)}</title><style>${PRINT_STYLESHEET}</style></head><body>`,
    `<header><h1>${escapeHtml(input.dashboardName)}</h1><p class="report__schedule">${escapeHtml(input.title)}</p>`,
    `<dl class="report__facts">${facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl></header>`,
    kpis.length > 0 ? `<section class="report__kpis" aria-label="Key figures">${kpis.map(kpiBlock).join('')}</section>` : '',
    others.map(tableBlock).join(''),
    input.sections.length === 0 ? '<p>This dashboard has no widgets.</p>' : '',
    '<footer class="report__footer"><p>"not known": nothing in the range (or before what the cache covers) could give the figure; it is not zero.</p>',
    '<p>Sent by Floorwatch, on the schedule set in its Reports view.</p></footer>',
    '</body></html>',
  ].join('');
}
