import { describe, expect, it } from 'vitest';
import { breachesByMetric, formatMetricValue, metricExplanation, partialDayNote, worstSeverity } from '../../../../src-renderer/format/metric-format.js';

describe('formatMetricValue', () => {
  it.each([
    ['queued', 1234, '1,234'],
    ['longestWaitSec', 125, '2:05'],
    ['ahtNowSec', 3723, '1:02:03'],
    ['serviceLevelPct', 87.6, '88%'],
    ['concurrencyNow', 1.234, '1.2'],
    ['csatMean', 4.456, '4.46'],
    ['abandonRatePct', null, '–'],
    ['queued', Number.NaN, '–'],
  ] as const)('%s %s → %s', (metricId, value, text) => {
    expect(formatMetricValue(metricId, value)).toBe(text);
  });
});

describe('metricExplanation', () => {
  it('states the label, period, definition and formula from the dictionary', () => {
    const text = metricExplanation('serviceLevelPct');

    expect(text).toContain('Service level — since midnight');
    expect(text).toContain('Formula: 100 × assigned within target / (assigned + abandoned after 5 s)');
    expect(text).toContain('Other definitions:');
  });

  it('names a breach in words', () => {
    expect(metricExplanation('queued', 'critical')).toContain('Critical: past its critical threshold');
    expect(metricExplanation('queued')).not.toContain('threshold');
  });
});

describe('breaches', () => {
  it('keeps the worst severity per metric and overall', () => {
    const breaches = [
      { metricId: 'queued', severity: 'warning' },
      { metricId: 'queued', severity: 'critical' },
      { metricId: 'longestWaitSec', severity: 'warning' },
    ] as const;

    expect([...breachesByMetric(breaches)]).toEqual([
      ['queued', 'critical'],
      ['longestWaitSec', 'warning'],
    ]);
    expect(worstSeverity(breaches)).toBe('critical');
    expect(worstSeverity([])).toBeNull();
  });
});

describe('partialDayNote', () => {
  const midnightInParis = Date.UTC(2026, 10, 23, 23); // 24 Nov 00:00 in Europe/Paris

  it('is silent when today counts from midnight', () => {
    expect(partialDayNote({ dayStart: midnightInParis, todaySince: midnightInParis, timeZone: 'Europe/Paris' })).toBeNull();
  });

  it("says from when, in the queue's zone, when the console started mid-day", () => {
    const note = partialDayNote({ dayStart: midnightInParis, todaySince: Date.UTC(2026, 10, 24, 9, 42), timeZone: 'Europe/Paris' });
    expect(note?.since).toBe('10:42');
    expect(note?.explanation).toMatch(/from 10:42 \(Europe\/Paris\).*not from midnight/);
  });
});
