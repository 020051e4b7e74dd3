import { afterEach, describe, expect, it } from 'vitest';
import {
  calendarDateIn,
  collator,
  countOf,
  currentLocale,
  dateTimeFormat,
  FALLBACK_LOCALE,
  formatDate,
  formatDateTime,
  formatNumber,
  formatRelativeTime,
  formatTime,
  LOCALE_STORAGE_KEY,
  numberFormat,
  pluralWord,
  resolveLocale,
  setDeviceLocale,
  type LocaleStorage,
} from '../../../../src-renderer/format/locale.js';

function memoryStorage(): LocaleStorage & { readonly items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
}

// 14:02:07 UTC on 12 March 2025: 10:02 in New York (EDT), 23:02 in Tokyo.
const AT = Date.UTC(2025, 2, 12, 14, 2, 7);

afterEach(() => {
  setDeviceLocale(null, memoryStorage());
});

describe('the locale', () => {
  it('takes the first supported language, skips malformed tags and falls back to British English', () => {
    expect(resolveLocale(['not a tag!', 'de-DE', 'en-US'])).toBe('de-DE');
    expect(resolveLocale([null, undefined, ''])).toBe(FALLBACK_LOCALE);
  });

  it('keeps a device choice in storage and forgets it to follow the system again', () => {
    const storage = memoryStorage();
    expect(setDeviceLocale('de-DE', storage)).toBe('de-DE');
    expect(storage.items.get(LOCALE_STORAGE_KEY)).toBe('de-DE');
    expect(currentLocale()).toBe('de-DE');
    setDeviceLocale(null, storage);
    expect(storage.items.has(LOCALE_STORAGE_KEY)).toBe(false);
  });

  it('writes numbers and plurals in the chosen locale', () => {
    setDeviceLocale('en-GB', memoryStorage());
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(countOf(1, { one: 'person', other: 'people' })).toBe('1 person');
    expect(countOf(1204, { one: 'person', other: 'people' })).toBe('1,204 people');
    setDeviceLocale('de-DE', memoryStorage());
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(pluralWord(0, { one: 'Person', other: 'Personen' })).toBe('Personen');
  });

  it('writes 24-hour times and dates in the zone given, in every locale', () => {
    setDeviceLocale('en-US', memoryStorage());
    expect(formatTime(AT, 'UTC')).toBe('14:02');
    expect(formatTime(AT, 'America/New_York', true)).toBe('10:02:07');
    expect(formatTime(AT, 'Asia/Tokyo')).toBe('23:02');
    expect(formatDate(AT, 'UTC')).toBe('Mar 12, 2025');
    setDeviceLocale('en-GB', memoryStorage());
    expect(formatDate(AT, 'UTC')).toBe('12 Mar 2025');
    expect(formatDateTime(AT, 'UTC')).toBe('12 Mar 2025, 14:02');
    expect(formatDateTime(AT, 'UTC', { seconds: true, zoneName: true })).toBe('12 Mar 2025, 14:02:07 UTC');
  });

  it('writes relative times in the locale’s words', () => {
    setDeviceLocale('en-GB', memoryStorage());
    expect(formatRelativeTime(-3, 'hour')).toBe('3 hours ago');
    setDeviceLocale('fr-FR', memoryStorage());
    expect(formatRelativeTime(-3, 'hour')).toBe('il y a 3 heures');
  });

  it('caches formatters per locale and options', () => {
    setDeviceLocale('en-GB', memoryStorage());
    expect(numberFormat({ maximumFractionDigits: 1 })).toBe(numberFormat({ maximumFractionDigits: 1 }));
    expect(dateTimeFormat({ timeZone: 'UTC', hour: '2-digit' })).toBe(dateTimeFormat({ timeZone: 'UTC', hour: '2-digit' }));
    const english = collator({ numeric: true });
    setDeviceLocale('de-DE', memoryStorage());
    expect(collator({ numeric: true })).not.toBe(english);
    expect(collator({ numeric: true }).compare('Queue 2', 'Queue 10')).toBeLessThan(0);
  });

  it('finds the calendar date of an instant in a zone, whatever the locale', () => {
    setDeviceLocale('ar-EG', memoryStorage());
    expect(calendarDateIn(Date.UTC(2025, 2, 12, 3, 0), 'America/New_York')).toEqual({ year: 2025, month: 3, day: 11 });
  });
});

describe('no other Intl in the renderer', () => {
  it('makes every Intl object and locale string through format/locale.ts', async () => {
    const { sourceFiles, readSource } = await import('../../structure/source-tree.js');
    const offenders = sourceFiles(['src-renderer'])
      .filter((path) => path !== 'src-renderer/format/locale.ts')
      .filter((path) => /\bIntl\.|\.toLocale(?:Date|Time)?String\(/u.test(readSource(path)));
    expect(offenders).toEqual([]);
  });
});
