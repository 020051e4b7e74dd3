/** The UI's replay clock: paused stays put, playing runs at its speed, never past the log's end. */
import { describe, expect, it } from 'vitest';
import { replayClockAt, type ReplayClock } from '../../../src-shared/api/replay.js';

const AT = Date.UTC(2026, 2, 9, 10, 42, 13);
const WALL = 1_000_000;

describe('replayClockAt', () => {
  it.each([
    [1, 2_000, AT + 2_000],
    [5, 2_000, AT + 10_000],
    [15, 2_000, AT + 30_000],
    [60, 2_000, AT + 120_000],
  ] as const)('plays at %i× (after %i ms of wall time)', (speed, elapsed, expected) => {
    const clock: ReplayClock = { at: AT, wallAt: WALL, speed, playing: true };
    expect(replayClockAt(clock, WALL + elapsed, Number.MAX_SAFE_INTEGER)).toBe(expected);
  });

  it('stays put while paused', () => {
    expect(replayClockAt({ at: AT, wallAt: WALL, speed: 60, playing: false }, WALL + 60_000, Number.MAX_SAFE_INTEGER)).toBe(AT);
  });

  it('stops at the end of the log', () => {
    expect(replayClockAt({ at: AT, wallAt: WALL, speed: 60, playing: true }, WALL + 60_000, AT + 5_000)).toBe(AT + 5_000);
  });

  it('never runs backward when the wall clock does', () => {
    expect(replayClockAt({ at: AT, wallAt: WALL, speed: 5, playing: true }, WALL - 1_000, Number.MAX_SAFE_INTEGER)).toBe(AT);
  });
});
