/** Ids made in the browser for new boards and tiles. */

/**
 * A short random id with a prefix ("tile-3f9a0c2e1b7d"). Uses getRandomValues, which, unlike
 * randomUUID, also exists on pages served over plain http to another machine.
 */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
