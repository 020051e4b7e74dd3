/** The checks on what a window sends the shell's desktop channels, and where the wallboard window may go. */
import { describe, expect, it } from 'vitest';
import { isWallboardPageUrl, validateDesktopAttention, validateDesktopNotice } from '../../../../src-main/electron/main/security-policy.js';

const notice = { tag: 'q-1:breach', title: 'Support: SLA breached', body: '12 waiting', route: '/queue/q-1', sound: false };

describe('validateDesktopNotice', () => {
  it('accepts a notice with a console route', () => {
    expect(validateDesktopNotice(notice)).toEqual({ ok: true, value: notice });
  });

  it.each([
    ['a route outside the console', { ...notice, route: 'https://evil.example/' }],
    ['a protocol-relative route', { ...notice, route: '//evil.example' }],
    ['an unknown view', { ...notice, route: '/settings/../../x' }],
    ['an extra field', { ...notice, icon: 'file:///etc/passwd' }],
    ['a huge body', { ...notice, body: 'x'.repeat(5000) }],
    ['an empty title', { ...notice, title: '' }],
    ['sound as a string', { ...notice, sound: 'yes' }],
    ['nothing', null],
  ])('refuses %s', (_name, payload) => {
    expect(validateDesktopNotice(payload).ok).toBe(false);
  });
});

describe('validateDesktopAttention', () => {
  it('accepts a level and a count', () => {
    expect(validateDesktopAttention({ level: 'critical', openCount: 3 })).toEqual({ ok: true, value: { level: 'critical', openCount: 3 } });
  });

  it.each([{ level: 'panic', openCount: 1 }, { level: 'info', openCount: -1 }, { level: 'info', openCount: 1.5 }, { level: 'info' }, 'critical'])('refuses %j', (payload) => {
    expect(validateDesktopAttention(payload).ok).toBe(false);
  });
});

describe('isWallboardPageUrl', () => {
  it.each(['app://floorwatch/index.html#/wallboard', 'app://floorwatch/index.html#/wallboard/board-1', 'app://floorwatch/#/wallboard'])('allows %s', (url) => {
    expect(isWallboardPageUrl(url)).toBe(true);
  });

  it.each([
    'app://floorwatch/index.html#/',
    'app://floorwatch/index.html',
    'app://floorwatch/index.html#/wallboards',
    'app://floorwatch/index.html#/connection',
    'app://floorwatch/index.html#/wallboardx',
    'app://floorwatch/other.html#/wallboard',
    'https://floorwatch/index.html#/wallboard',
    'app://floorwatch.evil/index.html#/wallboard',
  ])('refuses %s', (url) => {
    expect(isWallboardPageUrl(url)).toBe(false);
  });
});
