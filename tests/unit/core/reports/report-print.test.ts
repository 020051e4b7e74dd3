/**
 * A report's print document: every text escaped and nothing that runs or loads (its CSP), the
 * facts of the report, each KPI as its figure and its change on the previous period, each other
 * widget as the table of its series with totals, figures written as the dashboard writes them,
 * "not known" where the engine had nothing (never 0), interval members in the schedule's zone.
 */
import { describe, expect, it } from 'vitest';
import { insightQuerySchema, type InsightCell, type InsightResult, type Widget } from '../../../../src-shared/api/insights.js';
import type { ExportSection } from '../../../../src-main/core/insights/export-sheets.js';
import { changeText, figureText } from '../../../../src-main/core/reports/report-figures.js';
import { PRINT_CONTENT_SECURITY_POLICY, printDocument } from '../../../../src-main/core/reports/report-print.js';

const cell = (value: number | null): InsightCell => ({ value, numerator: null, denominator: null });
const ZONE = 'Europe/Paris';
/** 00:00 in Paris on Sunday 29 March 2026 (the spring-forward day) and on the day after. */
const DAY_1 = Date.UTC(2026, 2, 28, 23, 0);
const DAY_2 = Date.UTC(2026, 2, 29, 22, 0);

function widget(overrides: Partial<Widget> & Pick<Widget, 'id' | 'title' | 'metrics'>): Widget {
  return { dimension: 'none', split: null, chart: 'kpi', filters: {}, limit: 20, sort: 'descending', width: 3, height: 1, ...overrides };
}

function section(shown: Widget, result: Partial<InsightResult> & Pick<InsightResult, 'totals'>): ExportSection {
  const range = { from: DAY_1, to: DAY_2 + 86_400_000, timeZone: ZONE, label: 'Last 7 days (23–29 Mar 2026)' };
  const query = insightQuerySchema.parse({ widget: shown, range: { from: '2026-03-23', to: '2026-03-29' }, interval: 'day', timeZone: ZONE, compare: true, filters: { queueIds: ['q-orders'] } });
  return {
    dashboardName: 'Program <b>&</b>',
    query,
    result: {
      widgetId: shown.id ?? 'w',
      range,
      previousRange: null,
      interval: 'day',
      metrics: shown.metrics,
      rows: [],
      previousTotals: null,
      omittedRows: 0,
      coveredFrom: DAY_1,
      coveredTo: DAY_2,
      drill: null,
      computedAt: DAY_2,
      ...result,
    },
  };
}

const offered = section(widget({ id: 'offered', title: 'Offered', metrics: ['offered'] }), { totals: [cell(1234)], previousTotals: [cell(1000)] });
const serviceLevel = section(widget({ id: 'sl', title: 'Service level', metrics: ['serviceLevel'] }), { totals: [cell(0.875)], previousTotals: [cell(0.9)] });
const handle = section(widget({ id: 'aht', title: 'Handle time', metrics: ['averageHandleTime'] }), { totals: [cell(null)], previousTotals: [cell(95)] });
const byDay = section(widget({ id: 'by-day', title: 'Volume by day', metrics: ['offered', 'abandonRate', 'averageWait'], dimension: 'interval', chart: 'line' }), {
  rows: [
    { key: String(DAY_1), label: 'raw', splitKey: null, splitLabel: null, cells: [cell(600), cell(0.05), cell(95)] },
    { key: String(DAY_2), label: 'raw', splitKey: null, splitLabel: null, cells: [cell(634), cell(null), cell(3725)] },
  ],
  totals: [cell(1234), cell(0.025), cell(1910)],
});
const byQueue = section(widget({ id: 'by-queue', title: 'By <queue>', metrics: ['statusTime', 'csatMean'], dimension: 'queue', chart: 'table' }), {
  rows: [{ key: 'q-1', label: 'Orders <script>alert("x")</script>', splitKey: null, splitLabel: null, cells: [cell(12.34), cell(4.256)] }],
  totals: [cell(12.34), cell(null)],
  omittedRows: 3,
});

const html = printDocument({ title: 'Morning "Program"', dashboardName: 'Program <b>&</b>', rangeWords: 'the last 7 days', timeZone: ZONE, asOf: DAY_2 + 7 * 3_600_000, sections: [offered, serviceLevel, handle, byDay, byQueue] });

/** The text of each table row of the widget titled `title` (tags dropped, cells joined by |). */
function tableRows(title: string): string[] {
  const start = html.indexOf(`<h2>${title}</h2>`);
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/gu)].map((match) => [...(match[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gu)].map((found) => found[1]).join('|'));
}

describe('the print document of a report', () => {
  it('escapes every text and forbids script and requests', () => {
    expect(html).not.toMatch(/<script/iu);
    expect(html).not.toContain('<b>');
    expect(html).toContain('<h1>Program &lt;b&gt;&amp;&lt;/b&gt;</h1>');
    expect(html).toContain('Orders &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<h2>By &lt;queue&gt;</h2>');
    expect(html).toContain('Morning &quot;Program&quot;');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${PRINT_CONTENT_SECURITY_POLICY.replaceAll("'", '&#39;')}">`);
    expect(PRINT_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(html).not.toMatch(/\b(src|href)=/u);
    expect(html).toContain('@page { size: A4 landscape;');
  });

  it('heads the report with its dashboard, range, zone, interval and filters', () => {
    expect(html).toContain('<dt>Range</dt><dd>the last 7 days, as of Monday, 30 March 2026 at 07:00</dd>');
    expect(html).toContain('<dt>Dates</dt><dd>Last 7 days (23–29 Mar 2026)</dd>');
    expect(html).toContain('<dt>Time zone</dt><dd>Europe/Paris</dd>');
    expect(html).toContain('<dt>Interval</dt><dd>day</dd>');
    expect(html).toContain('<dt>Filters</dt><dd>dashboard — Queues: q-orders</dd>');
  });

  it('shows each KPI with its change on the previous period, and "not known" for a null figure', () => {
    expect(html).toContain('<h2>Offered</h2><p class="kpi__value">1,234</p><p class="kpi__change">+23.4% on the previous period (1,000)</p>');
    expect(html).toContain('<h2>Service level</h2><p class="kpi__value">87.5%</p><p class="kpi__change">−2.5 pp on the previous period (90%)</p>');
    expect(html).toContain('<h2>Handle time</h2><p class="kpi__value not-known">not known</p><p class="kpi__change">Previous period: 1:35</p>');
  });

  it('writes every other widget as the table of its figures, members in the zone, totals last', () => {
    expect(tableRows('Volume by day')).toEqual([
      'Interval|Offered|Abandon rate|Avg wait',
      'Sun, 29 Mar 2026|600|5%|1:35',
      'Mon, 30 Mar 2026|634|not known|1:02:05',
      'Total|1,234|2.5%|31:50',
    ]);
    expect(tableRows('By &lt;queue&gt;')).toEqual(['Queue|Time in status|CSAT mean', 'Orders &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;|12.3 h|4.26', 'Total|12.3 h|not known']);
    expect(html).toContain("3 more beyond the widget's limit of 20 are left out here (counted in the totals).");
    expect(html).toContain('On the dashboard as a line chart.');
  });

  it('writes each figure as the engine gave it, in the report locale', () => {
    for (const { result } of [offered, serviceLevel, handle, byDay, byQueue]) {
      for (const [index, metric] of result.metrics.entries()) expect(html).toContain(`>${figureText(metric, result.totals[index]?.value ?? null)}</`);
    }
    expect(figureText('offered', 0)).toBe('0');
    expect(figureText('offered', null)).toBe('not known');
    expect(figureText('serviceLevel', Number.NaN)).toBe('not known');
    expect(changeText('offered', 5, 0)).toBe('+5 on the previous period (0)');
    expect(changeText('offered', 5, 5)).toBe('Same as the previous period (5)');
  });
});
