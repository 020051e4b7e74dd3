/**
 * One locale for every date, number, plural and relative time on screen
 * (docs/decisions/0030-locale-and-option-tables.md).
 *
 * The locale is the one stored on this device (a setting), else the system's
 * (`navigator.languages`), else British English. Every `Intl.*` object the renderer makes comes
 * from here and is cached per locale and options: making one costs far more than using one, and
 * tiles re-render many times a second. Times of the floor are 24-hour in every locale (a contact
 * centre's day runs past noon and midnight); the locale decides separators, digits, month names
 * and the order of day and month. Times are shown in the zone the caller names: the queue's zone
 * for a queue's figures, the board's or the device's for a wallboard.
 */

/** The locale when neither the device nor the system names a usable one. */
export const FALLBACK_LOCALE = 'en-GB';

/** Where the device's own choice is kept (localStorage). */
export const LOCALE_STORAGE_KEY = 'floorwatch.locale';

/** The part of Storage the setting needs; injectable for tests and absent outside a browser. */
export interface LocaleStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function browserStorage(): LocaleStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // A sandboxed page may refuse access to storage; the system's locale still applies.
    return null;
  }
}

/** The languages the system prefers, most preferred first; empty outside a browser. */
export function systemLanguages(): readonly string[] {
  const languages = typeof navigator === 'undefined' ? undefined : navigator.languages;
  return languages ?? [];
}

/** The first candidate Intl supports (canonicalised), else the fallback; bad tags are skipped, never thrown. */
export function resolveLocale(candidates: readonly (string | null | undefined)[]): string {
  for (const candidate of candidates) {
    if (candidate === null || candidate === undefined || candidate.trim() === '') continue;
    try {
      const supported = Intl.DateTimeFormat.supportedLocalesOf([candidate]);
      if (supported[0] !== undefined) return supported[0];
    } catch {
      // Not a well-formed language tag: try the next one.
    }
  }
  return FALLBACK_LOCALE;
}

let current: string | null = null;
const cache = new Map<string, unknown>();

/** The locale in use: the device's setting, else the system's languages, else the fallback. */
export function currentLocale(): string {
  current ??= resolveLocale([browserStorage()?.getItem(LOCALE_STORAGE_KEY), ...systemLanguages()]);
  return current;
}

/**
 * Chooses this device's locale (null: follow the system again) and stores it. Views read the
 * locale when they render, so the caller re-renders (a reload is simplest).
 */
export function setDeviceLocale(locale: string | null, storage: LocaleStorage | null = browserStorage()): string {
  if (locale === null) storage?.removeItem(LOCALE_STORAGE_KEY);
  else storage?.setItem(LOCALE_STORAGE_KEY, resolveLocale([locale]));
  current = resolveLocale([locale, ...systemLanguages()]);
  cache.clear();
  return current;
}

function cached<T>(kind: string, options: object | undefined, make: (locale: string) => T): T {
  const locale = currentLocale();
  const key = `${kind}|${locale}|${JSON.stringify(options ?? {})}`;
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make(locale);
    cache.set(key, value);
  }
  return value;
}

/** A cached number formatter in the current locale. */
export function numberFormat(options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached('number', options, (locale) => new Intl.NumberFormat(locale, options));
}

/** A cached date-time formatter in the current locale; name the zone (the queue's) in the options. */
export function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached('date', options, (locale) => new Intl.DateTimeFormat(locale, options));
}

/** A cached collator in the current locale, for sorting names as people read them. */
export function collator(options?: Intl.CollatorOptions): Intl.Collator {
  return cached('collator', options, (locale) => new Intl.Collator(locale, options));
}

/** "1,234" (or "1 234", "1.234"): a whole number with the locale's grouping. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(options ?? { maximumFractionDigits: 0 }).format(value);
}

/** The word for a count by the locale's plural rules: `plural(1, { one: 'person', other: 'people' })`. */
export function pluralWord(count: number, words: { readonly one: string; readonly other: string }): string {
  const category = cached('plural', undefined, (locale) => new Intl.PluralRules(locale)).select(count);
  return category === 'one' ? words.one : words.other;
}

/** A count and its noun: "1 person", "1,204 people". */
export function countOf(count: number, words: { readonly one: string; readonly other: string }): string {
  return `${formatNumber(count)} ${pluralWord(count, words)}`;
}

/** "14:02" or, with seconds, "14:02:07": a 24-hour time of day in the zone given (the viewer's when none). */
export function formatTime(epochMs: number, timeZone?: string, withSeconds = false): string {
  return dateTimeFormat({ hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}), hourCycle: 'h23', ...(timeZone === undefined ? {} : { timeZone }) }).format(epochMs);
}

/** "12 Mar 2025" in the zone given. */
export function formatDate(epochMs: number, timeZone?: string): string {
  return dateTimeFormat({ year: 'numeric', month: 'short', day: 'numeric', ...(timeZone === undefined ? {} : { timeZone }) }).format(epochMs);
}

/** "12 Mar 2025, 14:02" in the zone given; with seconds and the zone's short name when asked. */
export function formatDateTime(epochMs: number, timeZone?: string, options: { readonly seconds?: boolean; readonly zoneName?: boolean } = {}): string {
  return dateTimeFormat({
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds === true ? { second: '2-digit' } : {}),
    ...(options.zoneName === true ? { timeZoneName: 'short' } : {}),
    hourCycle: 'h23',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(epochMs);
}

/** "3 hours ago", "in 2 days": a relative time in the locale's words. */
export function formatRelativeTime(value: number, unit: Intl.RelativeTimeFormatUnit): string {
  return cached('relative', undefined, (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'always' })).format(value, unit);
}

/** The calendar date of an instant in a zone as YYYY-MM-DD: computation, not display, so locale-free. */
export function calendarDateIn(epochMs: number, timeZone: string): { readonly year: number; readonly month: number; readonly day: number } {
  const parts = cached('calendar', { timeZone }, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((entry) => entry.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** The viewer's own time zone ("UTC" when the system names none). */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone this runtime knows, for pickers; empty where the runtime cannot list them. */
export function supportedTimeZones(): readonly string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}
