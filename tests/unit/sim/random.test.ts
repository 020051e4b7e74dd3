import { describe, expect, it } from 'vitest';
import { createRandom, mixSeed } from '../../../src-main/sim/random.js';

describe('seeded random', () => {
  it('repeats a sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(mixSeed(1, 20_000)).not.toBe(mixSeed(1, 20_001));
  });

  it('draws skewed durations around their median and exponential waits around their mean', () => {
    const random = createRandom(3);
    const logNormal = Array.from({ length: 20_000 }, () => random.logNormal(10, 0.5)).sort((a, b) => a - b);
    expect(logNormal[10_000]).toBeGreaterThan(9.5);
    expect(logNormal[10_000]).toBeLessThan(10.5);
    const exponential = Array.from({ length: 20_000 }, () => random.exponential(4));
    expect(exponential.reduce((sum, value) => sum + value, 0) / exponential.length).toBeCloseTo(4, 0);
    const integers = Array.from({ length: 1000 }, () => random.integer(2, 4));
    expect(new Set(integers)).toEqual(new Set([2, 3, 4]));
  });
});
