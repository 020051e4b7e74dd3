import { describe, expect, it } from 'vitest';
import { METRIC_DICTIONARY, METRIC_IDS } from '../../../../src-shared/metrics/dictionary.js';
import { metricAnchorId, searchMetrics, sectionsByPeriod, unitLabel } from '../../../../src-renderer/views/dictionary/dictionary-model.js';

const all = [...METRIC_DICTIONARY.values()];

describe('data dictionary view model', () => {
  it('lists every metric of the dictionary when nothing is searched', () => {
    expect(searchMetrics(all, '   ').map((definition) => definition.id)).toEqual([...METRIC_IDS]);
  });

  it('finds metrics by label, id, definition, formula or alternatives; every word must match', () => {
    expect(searchMetrics(all, 'SERVICE level').map((definition) => definition.id)).toEqual(['serviceLevelPct']);
    expect(searchMetrics(all, 'csatMean').map((definition) => definition.id)).toEqual(['csatMean']);
    expect(searchMetrics(all, 'grace').map((definition) => definition.id)).toEqual(['serviceLevelPct']);
    expect(searchMetrics(all, 'grace sentiment')).toEqual([]);
    expect(searchMetrics(all, 'abandons denominator').map((definition) => definition.id)).toEqual(['serviceLevelPct']);
    expect(searchMetrics(all, 'assignedAt queuedAt').map((definition) => definition.id)).toEqual(['avgTimeToAssignSec', 'avgWaitSec', 'avgTimeToAssignTodaySec']);
  });

  it('groups entries by period, right now first, and drops empty periods', () => {
    const sections = sectionsByPeriod(all);
    expect(sections.map((section) => section.period)).toEqual(['now', 'today']);
    expect(sections.reduce((count, section) => count + section.definitions.length, 0)).toBe(METRIC_IDS.length);
    expect(sectionsByPeriod(searchMetrics(all, 'CSAT')).map((section) => section.period)).toEqual(['today']);
  });

  it('gives each entry a stable anchor and each unit a name', () => {
    expect(metricAnchorId('serviceLevelPct')).toBe('metric-serviceLevelPct');
    for (const definition of all) expect(unitLabel(definition.unit).length).toBeGreaterThan(0);
  });
});
