import { describe, expect, it } from 'vitest';
import { backoffDelayMs, LINK_BACKOFF } from '../../../../src-renderer/client/backoff.js';

describe('backoffDelayMs', () => {
  it('doubles from the base and stays within [ceiling/2, ceiling]', () => {
    expect(backoffDelayMs(0, () => 0)).toBe(125);
    expect(backoffDelayMs(0, () => 1)).toBe(250);
    expect(backoffDelayMs(3, () => 0)).toBe(1000);
    expect(backoffDelayMs(3, () => 1)).toBe(2000);
  });

  it('is capped however many attempts failed', () => {
    for (const attempt of [5, 10, 100, 10_000]) {
      expect(backoffDelayMs(attempt, () => 1)).toBe(LINK_BACKOFF.capMs);
      expect(backoffDelayMs(attempt, () => 0)).toBe(LINK_BACKOFF.capMs / 2);
    }
  });

  it('tolerates odd inputs', () => {
    expect(backoffDelayMs(-3, () => 0.5)).toBe(188);
    expect(backoffDelayMs(1, () => 7)).toBe(500);
  });
});
