import { describe, expect, it } from 'vitest';
import { MIN_BACKOFF_MS, backoffDelay } from '../../../src-shared/backoff.js';

const policy = { baseMs: 250, capMs: 15_000 };

describe('backoffDelay', () => {
  it.each([
    // attempt, random, expected: random × min(cap, base × 2^attempt), never below the floor
    [0, 1, 250],
    [0, 0.5, 125],
    [1, 1, 500],
    [2, 0.5, 500],
    [5, 1, 8_000],
    [6, 1, 15_000],
    [6, 0.5, 7_500],
    [60, 0.999, 14_985],
    [5_000, 1, 15_000],
    [0, 0, MIN_BACKOFF_MS],
    [3, 0.01, MIN_BACKOFF_MS],
  ])('attempt %i with random %d → %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, policy, () => random)).toBe(expected);
  });

  it.each([
    ['a NaN attempt', Number.NaN, () => 1, 250],
    ['a negative attempt', -3, () => 1, 250],
    ['random() above 1', 2, () => 7, 1_000],
    ['random() returning NaN', 2, () => Number.NaN, 1_000],
    ['random() below 0', 2, () => -1, MIN_BACKOFF_MS],
  ])('clamps %s', (_name, attempt, random, expected) => {
    expect(backoffDelay(attempt, policy, random)).toBe(expected);
  });

  it('never spins even when the policy asks for zero', () => {
    expect(backoffDelay(3, { baseMs: 0, capMs: 0 }, () => 1)).toBe(MIN_BACKOFF_MS);
  });

  it('stays within [floor, cap] for any draw', () => {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      for (const draw of [0, 0.1, 0.37, 0.5, 0.99]) {
        const delay = backoffDelay(attempt, policy, () => draw);
        expect(delay).toBeGreaterThanOrEqual(MIN_BACKOFF_MS);
        expect(delay).toBeLessThanOrEqual(policy.capMs);
      }
    }
  });
});
