import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC_DICTIONARY, METRIC_IDS } from '../../../src-shared/metrics/dictionary.js';
import { renderMetricsMarkdown } from '../../../src-shared/metrics/markdown.js';

describe('metric dictionary', () => {
  it('defines every metric id exactly once, with a definition and a formula', () => {
    expect([...METRIC_DICTIONARY.keys()].sort()).toEqual([...METRIC_IDS].sort());
    for (const metric of METRIC_DICTIONARY.values()) {
      expect(metric.definition.length, metric.id).toBeGreaterThan(10);
      expect(metric.formula.length, metric.id).toBeGreaterThan(3);
    }
  });

  it('docs/metrics.md is the rendering of the dictionary (run npm run docs:metrics after a change)', () => {
    const onDisk = readFileSync(join(__dirname, '../../../docs/metrics.md'), 'utf8');
    expect(onDisk).toBe(renderMetricsMarkdown());
  });
});
