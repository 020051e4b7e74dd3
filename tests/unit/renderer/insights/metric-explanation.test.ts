import { describe, expect, it } from 'vitest';
import { INSIGHT_METRICS } from '../../../../src-shared/api/insights.js';
import { metricInfo } from '../../../../src-shared/insights/metric-catalogue.js';
import { metricExplanation } from '../../../../src-renderer/views/insights/metric-explanation.js';

describe('the explain panel words of a figure', () => {
  it('are the shared catalogue’s definition, formula and alternatives, for every metric', () => {
    for (const metric of INSIGHT_METRICS) {
      const info = metricInfo(metric);
      const explanation = metricExplanation(metric);
      expect(explanation.definition, metric).toBe(info.definition);
      expect(explanation.formula, metric).toBe(info.formula);
      expect(explanation.alternatives, metric).toEqual(info.alternatives === null ? [] : [info.alternatives]);
      // Not the id or the label standing in for a definition.
      expect(explanation.formula, metric).not.toBe(metric);
    }
  });
});
