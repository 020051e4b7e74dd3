/**
 * Random ids made in the browser (command ids, overflow rules, boards and tiles).
 *
 * `crypto.randomUUID` exists only in secure contexts: a console served over plain http to another
 * machine (a LAN wallboard, a browser console on a colleague's address) has no randomUUID but
 * still has `crypto.getRandomValues`. Every id made in the renderer comes from here, so none of
 * them breaks on such a page.
 */

/** The part of Web Crypto the ids need; randomUUID is optional, as it is on plain-http pages. */
export interface RandomSource {
  readonly getRandomValues: <T extends Uint8Array>(array: T) => T;
  readonly randomUUID?: () => string;
}

/** Hex of `byteCount` random bytes from getRandomValues, which every page has. */
export function randomHex(byteCount: number, source: RandomSource = globalThis.crypto): string {
  const bytes = source.getRandomValues(new Uint8Array(byteCount));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A UUID-sized random id: randomUUID where the page has it, else 32 hex digits from
 * getRandomValues (as unique, only without dashes). Prefixed when a prefix is given.
 */
export function randomId(prefix?: string, source: RandomSource = globalThis.crypto): string {
  const random = typeof source.randomUUID === 'function' ? source.randomUUID() : randomHex(16, source);
  return prefix === undefined ? random : `${prefix}-${random}`;
}

/** A short id with a prefix ("tile-3f9a0c2e1b7d") for things a person may read, such as board tiles. */
export function shortId(prefix: string, source: RandomSource = globalThis.crypto): string {
  return `${prefix}-${randomHex(6, source)}`;
}
