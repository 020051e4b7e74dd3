/**
 * Texts are resolved once per locale and then read from a bounded table: what the table gives is
 * what i18next gives, plurals and values included, a change of locale is seen, and the table
 * never grows past its bound.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setDeviceLocale, type LocaleStorage } from '../../../../src-renderer/format/locale.js';
import { RESOLVED_TEXTS_KEPT, resolvedTextCount, translate, translator } from '../../../../src-renderer/i18n/translate.js';

function memoryStorage(): LocaleStorage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

afterEach(() => {
  setDeviceLocale(null, memoryStorage());
});

describe('translate', () => {
  it('gives what i18next gives, asked once or many times', () => {
    setDeviceLocale('en-GB', memoryStorage());
    for (let round = 0; round < 3; round += 1) {
      expect(translate('live-overview', 'groupCount', { count: 1 })).toBe('1 group');
      expect(translate('live-overview', 'groupCount', { count: 3 })).toBe('3 groups');
      expect(translate('live-overview', 'queueWord', { count: 1 })).toBe('queue');
      expect(translate('live-overview', 'queueWord', { count: 2 })).toBe('queues');
      expect(translate('live-overview', 'openNameExplainKey', { name: 'Billing', EXPLAIN_KEY: 'E' })).toBe('Open Billing · E explains its figures');
      expect(translate('live-overview', 'openNameExplainKey', { name: 'Sales', EXPLAIN_KEY: 'E' })).toBe('Open Sales · E explains its figures');
      expect(translate('live-overview', 'liveFloor')).toBe(translator().t('liveFloor', { ns: 'live-overview' }));
    }
  });

  it('keeps the same key of two areas apart', () => {
    expect(translate('history', 'day')).toBe('day');
    expect(translate('management', 'day')).toBe('Day');
    expect(translate('history', 'day')).toBe('day');
  });

  it('formats numbers in the locale in use after a change of locale', () => {
    setDeviceLocale('en-GB', memoryStorage());
    expect(translate('live-overview', 'groupCount', { count: 12345 })).toBe('12,345 groups');
    setDeviceLocale('de-DE', memoryStorage());
    expect(translate('live-overview', 'groupCount', { count: 12345 })).toBe('12.345 groups');
  });

  it('holds at most its bound of texts, and still answers right past it', () => {
    setDeviceLocale('en-GB', memoryStorage());
    for (let index = 0; index < RESOLVED_TEXTS_KEPT + 50; index += 1) {
      expect(translate('live-overview', 'openNameExplainKey', { name: `Queue ${index}`, EXPLAIN_KEY: 'E' })).toBe(`Open Queue ${index} · E explains its figures`);
    }
    expect(resolvedTextCount()).toBeLessThanOrEqual(RESOLVED_TEXTS_KEPT);
    expect(translate('live-overview', 'openNameExplainKey', { name: 'Queue 0', EXPLAIN_KEY: 'E' })).toBe('Open Queue 0 · E explains its figures');
  });
});
