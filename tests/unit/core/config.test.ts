import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src-main/core/config.js';

const defaults = { dataDir: '/data' };

describe('core configuration', () => {
  it('runs the embedded simulator without a feed URL, starting its day now unless told', () => {
    const config = resolveConfig(['--seed', '7', '--agents', '40'], {}, defaults);
    expect(config.feed).toEqual({ kind: 'embedded-simulator', seed: 7, speed: undefined, agents: 40, queues: undefined, startTime: undefined });
  });

  it('starts the simulated day at a given instant, as an ISO time or epoch milliseconds', () => {
    const iso = resolveConfig(['--sim-start', '2026-03-10T15:00:00Z'], {}, defaults);
    expect(iso.feed).toMatchObject({ kind: 'embedded-simulator', startTime: Date.UTC(2026, 2, 10, 15) });
    const millis = resolveConfig(['--sim-start', String(Date.UTC(2026, 2, 10, 15))], {}, defaults);
    expect(millis.feed).toMatchObject({ startTime: Date.UTC(2026, 2, 10, 15) });
  });

  it('refuses a start that is not a time, saying what it expects', () => {
    expect(() => resolveConfig(['--sim-start', 'teatime'], {}, defaults)).toThrow(/--sim-start must be an ISO time .* got "teatime"/);
  });
});
