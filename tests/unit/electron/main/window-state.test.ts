import { describe, expect, it } from 'vitest';
import { clampWindowState, formatWindowState, parseWindowState, type DisplayArea, type WindowState } from '../../../../src-main/electron/main/window-state.js';

const LIMITS = { width: 1440, height: 900, minWidth: 960, minHeight: 600 };
const laptop: DisplayArea = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
// A monitor to the left of the primary one: its coordinates are negative.
const leftMonitor: DisplayArea = { workArea: { x: -2560, y: -200, width: 2560, height: 1400 } };

function state(x: number, y: number, width: number, height: number, maximized = false): WindowState {
  return { bounds: { x, y, width, height }, maximized };
}

describe('clampWindowState', () => {
  it('opens centred on the primary display when nothing was saved', () => {
    expect(clampWindowState(null, [laptop], LIMITS)).toEqual(state(240, 70, 1440, 900));
  });

  it('keeps saved bounds that fit, and the maximised flag', () => {
    expect(clampWindowState(state(100, 50, 1200, 800, true), [laptop], LIMITS)).toEqual(state(100, 50, 1200, 800, true));
  });

  it('keeps a window on a monitor with negative coordinates', () => {
    expect(clampWindowState(state(-2000, -100, 1600, 1000), [laptop, leftMonitor], LIMITS)).toEqual(state(-2000, -100, 1600, 1000));
  });

  it('moves a window from a screen that was removed onto the primary display, centred', () => {
    expect(clampWindowState(state(-2000, -100, 1600, 1000, true), [laptop], LIMITS)).toEqual(state(160, 20, 1600, 1000, true));
  });

  it('shrinks and moves a window saved on a larger screen into a smaller one', () => {
    const small: DisplayArea = { workArea: { x: 0, y: 0, width: 1366, height: 728 } };
    expect(clampWindowState(state(300, 200, 1800, 1000), [small], LIMITS)).toEqual(state(0, 0, 1366, 728));
  });

  it('pulls back a window hanging off the edge of its screen', () => {
    expect(clampWindowState(state(1500, 900, 1000, 700), [laptop], LIMITS)).toEqual(state(920, 340, 1000, 700));
  });

  it('fits a window after a change of scale factor (the work area in DIPs halves at 200 %)', () => {
    const highDpi: DisplayArea = { workArea: { x: 0, y: 0, width: 1280, height: 672 } };
    expect(clampWindowState(state(100, 100, 1800, 1000), [highDpi], LIMITS)).toEqual(state(0, 0, 1280, 672));
  });

  it('rounds fractional DIPs from a 125 % display', () => {
    const fractional: DisplayArea = { workArea: { x: 0, y: 0, width: 1536, height: 822.4 } };
    expect(clampWindowState(state(10.4, 20.6, 1200.2, 700.7), [fractional], LIMITS)).toEqual(state(10, 21, 1200, 701));
  });

  it('chooses the display the window overlaps most', () => {
    const result = clampWindowState(state(-900, 100, 1200, 800), [laptop, leftMonitor], LIMITS);
    expect(result?.bounds.x).toBe(-1200);
  });

  it('raises a too-small saved size to the minimum', () => {
    expect(clampWindowState(state(0, 0, 200, 100), [laptop], LIMITS)).toEqual(state(0, 0, 960, 600));
  });

  it('gives null when there is no display', () => {
    expect(clampWindowState(null, [], LIMITS)).toBeNull();
  });
});

describe('parseWindowState', () => {
  it('reads what formatWindowState wrote', () => {
    const saved = state(-10, 20, 1300, 800, true);
    expect(parseWindowState(formatWindowState(saved))).toEqual(saved);
  });

  it.each([null, '', 'not json', '{}', '{"bounds":{"x":0,"y":0,"width":0,"height":10}}', '{"bounds":{"x":"0","y":0,"width":10,"height":10}}', '{"bounds":{"x":1e999,"y":0,"width":10,"height":10}}'])(
    'treats %j as nothing saved',
    (text) => {
      expect(parseWindowState(text)).toBeNull();
    },
  );
});
