/**
 * The UI's words, one catalogue per area, looked up in the one locale
 * (docs/decisions/0031-ui-string-catalogues.md).
 *
 * i18next is initialised synchronously on first import, with every catalogue bundled (no backend,
 * no network): a change of locale reloads the page, so a plain `t` is enough and no React binding
 * is needed. Keys are checked by TypeScript against the English catalogue; a plural key is written
 * once without its `_one`/`_other` suffix and chosen by `count` by the plural rules of the
 * current locale. Every number passed as a value is formatted through format/locale.ts before it
 * is put into the sentence (pass an identifier as a string). Values are not HTML-escaped: React
 * escapes what it renders.
 */
import i18next, { type i18n } from 'i18next';
import { currentLocale, formatNumber } from '../format/locale.js';
import { EN_CATALOGUES } from './catalogues/en/index.js';

/** The areas of the UI, each with its own catalogue (an i18next namespace). */
export type Namespace = keyof typeof EN_CATALOGUES;

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type BaseKey<K extends string> = K extends `${infer Base}${PluralSuffix}` ? Base : K;

/** The keys of one area as the code names them: a plural key without its suffix. */
export type KeyOf<N extends Namespace> = BaseKey<keyof (typeof EN_CATALOGUES)[N] & string>;

/** Values put into a sentence: numbers are formatted in the locale, strings are put in as they are. */
export type TranslationValues = Readonly<Record<string, string | number>>;

/** A lookup bound to one area. */
export type Translate<N extends Namespace> = (key: KeyOf<N>, values?: TranslationValues) => string;

/** The language whose catalogue is complete; every other one falls back to it key by key. */
export const SOURCE_LANGUAGE = 'en';

let instance: i18n | null = null;

// i18next's formatter type says string, but it hands over the value as given (or undefined when missing).
function formatValue(value: unknown): string {
  return (typeof value === 'number' ? formatNumber(value) : value) as string;
}

/** The initialised i18next instance (its own, not the global one), made on first use. */
export function translator(): i18n {
  if (instance !== null) return instance;
  const made = i18next.createInstance();
  void made.init({
    initAsync: false,
    lng: currentLocale(),
    fallbackLng: SOURCE_LANGUAGE,
    resources: { [SOURCE_LANGUAGE]: EN_CATALOGUES },
    ns: Object.keys(EN_CATALOGUES),
    defaultNS: false,
    returnNull: false,
    keySeparator: false,
    nsSeparator: false,
    showSupportNotice: false,
    interpolation: { escapeValue: false, alwaysFormat: true, format: formatValue },
  });
  instance = made;
  return made;
}

/**
 * How many resolved texts are kept. A view asks for the same few hundred texts on every render
 * (a tile's labels, its figures' explanations); texts with a name or a time in them vary more, and
 * the oldest is dropped first past this size.
 */
export const RESOLVED_TEXTS_KEPT = 4096;

/** Texts already resolved in `resolvedLocale`, by area, key and values. */
const resolved = new Map<string, string>();
let resolvedLocale: string | null = null;

function resolvedKey(namespace: string, key: string, values: TranslationValues | undefined): string {
  return values === undefined ? `${namespace}\u0000${key}` : `${namespace}\u0000${key}\u0000${JSON.stringify(values)}`;
}

/**
 * The text of one key in one area, with values put in; the area's English when the locale has none.
 * Each text is resolved by i18next once per locale and then read from a table: a floor's tiles
 * re-render many times a second and ask for the same texts each time, and i18next's lookup,
 * plural choice and interpolation cost far more than a map's read.
 */
export function translate<N extends Namespace>(namespace: N, key: KeyOf<N>, values?: TranslationValues): string {
  const locale = currentLocale();
  if (resolvedLocale !== locale) {
    resolved.clear();
    resolvedLocale = locale;
  }
  const memoKey = resolvedKey(namespace, key, values);
  const known = resolved.get(memoKey);
  if (known !== undefined) return known;
  const text = translator().t(key, { ...values, ns: namespace }) as string;
  if (resolved.size >= RESOLVED_TEXTS_KEPT) {
    const oldest = resolved.keys().next();
    if (oldest.done !== true) resolved.delete(oldest.value);
  }
  resolved.set(memoKey, text);
  return text;
}

/** How many resolved texts the table holds now (for tests of its bound). */
export function resolvedTextCount(): number {
  return resolved.size;
}

const bound = new Map<Namespace, Translate<Namespace>>();

/**
 * The lookup of one area: `const t = useT('alerts'); t('open', { count })`. Not a React hook in
 * the strict sense (it holds no state; the locale changes only by a reload), so it may also be
 * called outside components.
 */
export function useT<N extends Namespace>(namespace: N): Translate<N> {
  let lookup = bound.get(namespace);
  if (lookup === undefined) {
    lookup = (key, values) => translate(namespace, key as KeyOf<N>, values);
    bound.set(namespace, lookup);
  }
  return lookup as Translate<N>;
}
