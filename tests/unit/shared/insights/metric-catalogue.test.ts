import { describe, expect, it } from 'vitest';
import { INSIGHT_METRICS } from '../../../../src-shared/api/insights.js';
import { cellOf, explainCell } from '../../../../src-shared/insights/explanation.js';
import { INSIGHT_METRIC_CATALOGUE, supportsDimension } from '../../../../src-shared/insights/metric-catalogue.js';

describe('metric catalogue', () => {
  it('describes every metric of the contract, with a definition, a formula and its dimensions', () => {
    for (const metric of INSIGHT_METRICS) {
      const info = INSIGHT_METRIC_CATALOGUE[metric];
      expect(info.id).toBe(metric);
      expect(info.definition.length).toBeGreaterThan(10);
      expect(info.formula.length).toBeGreaterThan(3);
      expect(info.dimensions).toContain('none');
      expect(info.drillable).toBe(info.source !== 'agentTime');
    }
    expect(Object.keys(INSIGHT_METRIC_CATALOGUE).sort()).toEqual([...INSIGHT_METRICS].sort());
  });

  it('breaks agent time down by status but never conversations, and surveys by score', () => {
    expect(supportsDimension('statusTime', 'awayReason')).toBe(true);
    expect(supportsDimension('offered', 'status')).toBe(false);
    expect(supportsDimension('csatMean', 'csatScore')).toBe(true);
    expect(supportsDimension('occupancy', 'queue')).toBe(false);
  });
});

describe('cells and their sentences', () => {
  it('computes a rate from its inputs and says them', () => {
    const cell = cellOf('serviceLevel', 412, 463);
    expect(cell.value).toBeCloseTo(412 / 463, 10);
    expect(explainCell('serviceLevel', cell)).toBe('412 answered within target of 463 eligible');
    expect(explainCell('serviceLevel', cell, (value) => value.toLocaleString('en-US'))).toBe('412 answered within target of 463 eligible');
  });

  it('says a mean is a sum over a count, and a count alone', () => {
    expect(explainCell('averageHandleTime', cellOf('averageHandleTime', 3600, 12))).toBe('3600 s handled in all over 12 handled');
    expect(cellOf('offered', 7, 0)).toEqual({ value: 7, numerator: 7, denominator: null });
    expect(explainCell('offered', cellOf('offered', 7, null))).toBe('7 offered');
  });

  it('keeps a figure with no eligible input unknown, never 0', () => {
    expect(cellOf('serviceLevel', 0, 0)).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(explainCell('serviceLevel', cellOf('serviceLevel', 0, 0))).toBe('Not known: 0 eligible in this range.');
    expect(cellOf('offered', null, null).value).toBeNull();
  });
});
