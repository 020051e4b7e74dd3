import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const shim = join(import.meta.dirname, '..', '..', '..', 'scripts', 'fixed-clock.mjs');
const PROBE = `
const started = Date.now();
const later = new Date(started + 1).getTime();
console.log(JSON.stringify({ now: started, constructed: new Date().getTime(), later, epoch: new Date(0).toISOString(), hours: new Date().getHours(), instance: new Date() instanceof Date }));
`;

/** The operating system's clock, which this process may itself see shifted. */
function systemNow(): number {
  return Number(execFileSync('date', ['+%s%3N'], { encoding: 'utf8' }).trim());
}

function probe(env: Record<string, string>): { now: number; constructed: number; later: number; epoch: string; hours: number; instance: boolean } {
  const output = execFileSync(process.execPath, ['--import', shim, '-e', PROBE], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return JSON.parse(output) as ReturnType<typeof probe>;
}

describe('the fixed clock of the unit suite (scripts/fixed-clock.mjs)', () => {
  it('starts the wall clock at the chosen instant and keeps explicit dates as they are', () => {
    const at = Date.parse('2027-03-14T06:58:30Z');
    const seen = probe({ FLOORWATCH_FIXED_CLOCK: '2027-03-14T06:58:30Z', TZ: 'America/New_York' });
    expect(seen.now).toBeGreaterThanOrEqual(at);
    expect(seen.now).toBeLessThan(at + 60_000);
    expect(seen.constructed).toBeGreaterThanOrEqual(seen.now);
    expect(seen.later).toBe(seen.now + 1);
    expect(seen.epoch).toBe('1970-01-01T00:00:00.000Z');
    // 01:58 EST, in the process's time zone.
    expect(seen.hours).toBe(1);
    expect(seen.instance).toBe(true);
  });

  it('hands the same clock to child processes through the anchor', () => {
    const anchor = Date.parse('2026-01-01T00:00:00Z');
    const seen = probe({ FLOORWATCH_FIXED_CLOCK: '2026-12-15T04:59:00Z', FLOORWATCH_FIXED_CLOCK_ANCHOR: String(anchor) });
    // A child started later than the anchor sees the clock moved on by exactly the real time since.
    const elapsed = systemNow() - anchor;
    expect(seen.now - Date.parse('2026-12-15T04:59:00Z')).toBeGreaterThanOrEqual(elapsed - 60_000);
  });

  it('leaves the clock alone when no instant is chosen', () => {
    const before = systemNow();
    const seen = probe({});
    expect(seen.now).toBeGreaterThanOrEqual(before);
    expect(seen.now).toBeLessThanOrEqual(systemNow());
  });

  it('is in effect in this very run when the suite runs under a fixed clock', () => {
    const chosen = process.env.FLOORWATCH_FIXED_CLOCK;
    if (!chosen) return;
    // The run started at the chosen instant; the suite takes minutes, not hours.
    expect(Date.now() - Date.parse(chosen)).toBeGreaterThanOrEqual(0);
    expect(Date.now() - Date.parse(chosen)).toBeLessThan(3_600_000);
  });
});
