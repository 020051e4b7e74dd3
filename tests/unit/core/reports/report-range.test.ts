/** A report's range preset as the local days it meant at its run time, in its zone. */
import { describe, expect, it } from 'vitest';
import { presetAsOf } from '../../../../src-main/core/reports/report-render.js';

// Monday 2 March 2026, 00:30 in Paris (23:30 UTC on Sunday the 1st).
const JUST_AFTER_MIDNIGHT_PARIS = Date.UTC(2026, 2, 1, 23, 30);

describe('presetAsOf', () => {
  it('reads the day in the schedule zone, not in UTC', () => {
    expect(presetAsOf('yesterday', 'Europe/Paris', JUST_AFTER_MIDNIGHT_PARIS)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(presetAsOf('yesterday', 'UTC', JUST_AFTER_MIDNIGHT_PARIS)).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('gives every preset as whole local days', () => {
    const at = JUST_AFTER_MIDNIGHT_PARIS;
    const zone = 'Europe/Paris';
    expect(presetAsOf('today', zone, at)).toEqual({ from: '2026-03-02', to: '2026-03-02' });
    expect(presetAsOf('last7Days', zone, at)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(presetAsOf('last30Days', zone, at)).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(presetAsOf('last90Days', zone, at)).toEqual({ from: '2025-12-02', to: '2026-03-01' });
    expect(presetAsOf('thisWeek', zone, at)).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(presetAsOf('lastWeek', zone, at)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(presetAsOf('thisMonth', zone, at)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(presetAsOf('lastMonth', zone, at)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });
});
