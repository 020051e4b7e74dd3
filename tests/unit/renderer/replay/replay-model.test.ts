/** The replay view's clock and texts, without a UI. */
import { describe, expect, it } from 'vitest';
import type { ReplayClock, ReplayRange } from '../../../../src-shared/api/replay.js';
import { controlClock, formatReplayTime, openingClock, replayKeyAction } from '../../../../src-renderer/views/replay/replay-model.js';

const FROM = Date.UTC(2026, 2, 9, 8, 0, 0);
const RANGE: ReplayRange = { epoch: 'e', from: FROM, to: FROM + 3 * 3_600_000 };
const WALL = 5_000_000;

describe('replay view model', () => {
  it('writes the band time as hours, minutes and seconds on a 24-hour clock', () => {
    expect(formatReplayTime(Date.UTC(2026, 2, 9, 10, 42, 13), 'UTC')).toBe('10:42:13');
    expect(formatReplayTime(Date.UTC(2026, 2, 9, 22, 5, 9), 'Europe/Berlin')).toBe('23:05:09');
  });

  it('opens paused a quarter of an hour before the end, or at the start of a short log', () => {
    expect(openingClock(RANGE, WALL)).toEqual({ at: RANGE.to - 15 * 60_000, wallAt: WALL, speed: 1, playing: false });
    expect(openingClock({ ...RANGE, to: FROM + 60_000 }, WALL).at).toBe(FROM);
  });

  it('keeps the replayed instant across a speed change and a pause', () => {
    const playing: ReplayClock = { at: FROM, wallAt: WALL, speed: 5, playing: true };
    const faster = controlClock(playing, { kind: 'speed', speed: 60 }, RANGE, WALL + 1_000);
    expect(faster).toEqual({ at: FROM + 5_000, wallAt: WALL + 1_000, speed: 60, playing: true });
    const paused = controlClock(faster, { kind: 'pause' }, RANGE, WALL + 2_000);
    expect(paused).toEqual({ at: FROM + 65_000, wallAt: WALL + 2_000, speed: 60, playing: false });
  });

  it('keeps a seek inside the range and plays from the start once the end is reached', () => {
    const paused: ReplayClock = { at: FROM, wallAt: WALL, speed: 1, playing: false };
    expect(controlClock(paused, { kind: 'seek', at: FROM - 1 }, RANGE, WALL).at).toBe(FROM);
    const atEnd = controlClock(paused, { kind: 'seek', at: RANGE.to + 10 }, RANGE, WALL);
    expect(atEnd.at).toBe(RANGE.to);
    expect(controlClock(atEnd, { kind: 'play' }, RANGE, WALL)).toMatchObject({ at: FROM, playing: true });
  });

  it('stands paused on a stepped event', () => {
    const playing: ReplayClock = { at: FROM, wallAt: WALL, speed: 15, playing: true };
    expect(controlClock(playing, { kind: 'stepped', at: FROM + 7 }, RANGE, WALL + 500)).toEqual({ at: FROM + 7, wallAt: WALL + 500, speed: 15, playing: false });
  });
});

describe('replay keys', () => {
  it.each([
    ['Escape', 'other', 'live'],
    ['Escape', 'text', 'live'],
    [' ', 'other', 'toggle-play'],
    [' ', 'range', 'toggle-play'],
    [' ', 'button', null],
    [' ', 'text', null],
    ['ArrowLeft', 'other', 'step-back'],
    ['ArrowRight', 'button', 'step-forward'],
    ['ArrowRight', 'range', null],
    ['ArrowLeft', 'text', null],
    ['a', 'other', null],
  ] as const)('%j on %s does %s', (key, target, action) => {
    expect(replayKeyAction(key, target)).toBe(action);
  });
});
