import { describe, expect, it } from 'vitest';
import type { InsightResult, InsightRow } from '../../../../src-shared/api/insights.js';
import { cellText, chartData, deltaOf, formatValue, heatmapData, inputsSentence, memberLabel } from '../../../../src-renderer/views/insights/insights-model.js';
import { figureDrill } from '../../../../src-renderer/views/insights/widget-figures.js';

const cell = (value: number | null, numerator: number | null = value, denominator: number | null = null) => ({ value, numerator, denominator });

function result(rows: readonly InsightRow[], overrides: Partial<InsightResult> = {}): InsightResult {
  return {
    widgetId: 'w1',
    range: { from: 1_000, to: 10_000, timeZone: 'UTC', label: 'Last 7 days' },
    previousRange: null,
    interval: 'day',
    metrics: ['offered', 'serviceLevel'],
    rows,
    totals: [cell(10), cell(0.5, 5, 10)],
    previousTotals: null,
    omittedRows: 0,
    coveredFrom: null,
    coveredTo: null,
    drill: { queueIds: ['q-a', 'q-b'], createdAt: { min: 1_000, max: 10_000 } },
    computedAt: 10_000,
    ...overrides,
  };
}

const row = (key: string, values: readonly (number | null)[], split: string | null = null): InsightRow => ({ key, label: `L${key}`, splitKey: split, splitLabel: split === null ? null : `S${split}`, cells: values.map((value) => cell(value)) });

describe('figures as the Insights view writes them', () => {
  it('writes counts, shares, durations and hours, and "not known" for a null (never 0)', () => {
    expect(formatValue('offered', 1234)).toBe('1,234');
    expect(formatValue('serviceLevel', 0.8912)).toBe('89.1%');
    expect(formatValue('averageHandleTime', 305)).toBe('5:05');
    expect(formatValue('statusTime', 12.25)).toBe('12.3 h');
    expect(formatValue('offered', null)).toBeNull();
    expect(cellText('offered', cell(null))).toBe('not known');
    expect(cellText('offered', cell(0))).toBe('0');
  });

  it('says a figure\'s inputs from its numerator and denominator', () => {
    expect(inputsSentence('serviceLevel', cell(0.89, 412, 463))).toBe('412 of 463');
    expect(inputsSentence('averageHandleTime', cell(300, 3600, 12))).toBe('1:00:00 in all over 12');
    expect(inputsSentence('offered', cell(5, 5, null))).toBe('5 counted');
    expect(inputsSentence('offered', cell(null, null, null))).toBeNull();
  });
});

describe('the change against the previous period', () => {
  it('moves a share in percentage points and colours it by which way is good', () => {
    const delta = deltaOf('serviceLevel', 0.9, 0.85);
    expect(delta).toMatchObject({ direction: 'up', tone: 'good', change: '+5 pp' });
    expect(delta.words).toBe('Up +5 pp on the previous period (85%).');
    expect(deltaOf('abandonRate', 0.1, 0.05)).toMatchObject({ direction: 'up', tone: 'bad' });
  });

  it('moves a count by its relative change, from 0 by its absolute one, and volume is neither good nor bad', () => {
    expect(deltaOf('offered', 90, 100)).toMatchObject({ direction: 'down', tone: 'neutral', change: '−10%' });
    expect(deltaOf('abandoned', 3, 0)).toMatchObject({ direction: 'up', tone: 'bad', change: '+3' });
  });

  it('says when nothing changed and when either side is not known', () => {
    expect(deltaOf('offered', 5, 5)).toMatchObject({ direction: 'same', words: 'Same as the previous period (5).' });
    expect(deltaOf('offered', 5, null)).toMatchObject({ direction: 'unknown', change: null, words: 'No previous figure to compare with.' });
    expect(deltaOf('offered', null, 5).direction).toBe('unknown');
  });
});

describe('chart data from a result', () => {
  it('makes one series per metric without a split, keeping gaps as null', () => {
    const data = chartData(result([row('a', [1, 0.5]), row('b', [null, null])]), (member) => member.label);
    expect(data.categories).toEqual([
      { key: 'a', label: 'La' },
      { key: 'b', label: 'Lb' },
    ]);
    expect(data.series.map((series) => [series.key, series.values])).toEqual([
      ['offered', [1, null]],
      ['serviceLevel', [0.5, null]],
    ]);
  });

  it('makes one series per split member of the first metric with a split', () => {
    const data = chartData(result([row('a', [1], 'chat'), row('a', [2], 'voice'), row('b', [3], 'voice')]), (member) => member.label);
    expect(data.metrics).toEqual(['offered']);
    expect(data.series).toEqual([
      { key: 'chat', label: 'Schat', values: [1, null] },
      { key: 'voice', label: 'Svoice', values: [2, 3] },
    ]);
  });

  it('lays an hour-of-week result out as weekdays (Monday first) × hours, unknown cells kept null', () => {
    const data = heatmapData(result([row('7:9', [4]), row('1:10', [null]), row('1:9', [2])]), (member) => member.label);
    expect(data.rows.map((entry) => entry.label)).toEqual(['Mon', 'Sun']);
    expect(data.columns.map((entry) => entry.label)).toEqual(['09', '10']);
    expect(data.cells).toContainEqual({ x: '10', y: '1', v: null });
  });

  it('labels interval members in the chosen zone', () => {
    const start = Date.UTC(2026, 2, 29, 22, 0);
    expect(memberLabel('interval', String(start), 'raw', 'hour', 'Europe/Berlin')).toContain('00:00');
    expect(memberLabel('queue', 'q-1', 'Billing', 'hour', 'UTC')).toBe('Billing');
  });
});

describe('the conversations behind a figure', () => {
  it('narrows the widget\'s search to the figure\'s member and ends the range inclusively', () => {
    const base = result([row('q-a', [1, 0.5]), row('q-b', [2, 0.4])]);
    const member = base.rows[1] ?? null;
    const drill = figureDrill({ widgetTitle: 'W', metric: 'offered', dimension: 'queue', row: member, rowLabel: 'Lq-b', cell: cell(2), previous: null, result: base });
    expect(drill).toEqual({ queueIds: ['q-b'], createdAt: { min: 1_000, max: 9_999 } });
  });

  it('takes an interval member from its start to the next one\'s', () => {
    const base = result([row('1000', [1]), row('5000', [2])]);
    const drill = figureDrill({ widgetTitle: 'W', metric: 'offered', dimension: 'interval', row: base.rows[0] ?? null, rowLabel: 'x', cell: cell(1), previous: null, result: base });
    expect(drill?.createdAt).toEqual({ min: 1000, max: 4999 });
  });

  it('has none for a figure not made of conversations', () => {
    const base = result([], { drill: null });
    expect(figureDrill({ widgetTitle: 'W', metric: 'occupancy', dimension: 'none', row: null, rowLabel: null, cell: cell(0.5), previous: null, result: base })).toBeNull();
  });
});
