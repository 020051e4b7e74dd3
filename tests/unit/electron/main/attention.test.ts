import { describe, expect, it } from 'vitest';
import { ATTENTION_COLOURS, attentionIconBitmap, badgeCount, badgeText, combineAttention, shouldFlash, trayTooltip } from '../../../../src-main/electron/main/attention.js';

function pixel(bitmap: Buffer, size: number, x: number, y: number): [number, number, number, number] {
  const offset = (y * size + x) * 4;
  return [bitmap[offset + 2] as number, bitmap[offset + 1] as number, bitmap[offset] as number, bitmap[offset + 3] as number];
}

describe('attentionIconBitmap', () => {
  it('draws an opaque disc in the level’s colour on a transparent square', () => {
    for (const level of ['none', 'info', 'warning', 'critical'] as const) {
      const bitmap = attentionIconBitmap(level, 32);
      expect(bitmap.length).toBe(32 * 32 * 4);
      expect(pixel(bitmap, 32, 16, 16)).toEqual([...ATTENTION_COLOURS[level], 255]);
      expect(pixel(bitmap, 32, 0, 0)[3]).toBe(0);
    }
  });

  it('gives each level its own colour', () => {
    const colours = new Set(Object.values(ATTENTION_COLOURS).map((colour) => colour.join(',')));
    expect(colours.size).toBe(4);
  });
});

describe('combineAttention', () => {
  it('takes the worst level and the largest count of the windows', () => {
    expect(
      combineAttention([
        { level: 'warning', openCount: 2 },
        { level: 'critical', openCount: 1 },
        { level: 'info', openCount: 5 },
      ]),
    ).toEqual({ level: 'critical', openCount: 5 });
  });

  it('is calm without windows', () => {
    expect(combineAttention([])).toEqual({ level: 'none', openCount: 0 });
  });
});

describe('badges and flashing', () => {
  it.each([
    [0, ''],
    [-3, ''],
    [1, '1'],
    [99, '99'],
    [100, '99+'],
  ])('badge text for %i is %j', (count, text) => {
    expect(badgeText(count)).toBe(text);
  });

  it('clears the badge count at zero and below', () => {
    expect(badgeCount(-1)).toBe(0);
    expect(badgeCount(4)).toBe(4);
  });

  it('flashes only for a critical alert in a window nobody is looking at', () => {
    expect(shouldFlash('critical', false)).toBe(true);
    expect(shouldFlash('critical', true)).toBe(false);
    expect(shouldFlash('warning', false)).toBe(false);
    expect(shouldFlash('none', false)).toBe(false);
  });

  it('says how many alerts are open in the tooltip', () => {
    expect(trayTooltip({ level: 'none', openCount: 0 })).toBe('Floorwatch: no open alerts');
    expect(trayTooltip({ level: 'warning', openCount: 1 })).toBe('Floorwatch: 1 open alert (worst: warning)');
    expect(trayTooltip({ level: 'critical', openCount: 3 })).toBe('Floorwatch: 3 open alerts (worst: critical)');
  });
});
