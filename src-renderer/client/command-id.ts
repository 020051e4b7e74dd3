/**
 * A fresh idempotency key for one command. randomUUID exists only in secure contexts; a page
 * served over plain http to another machine still has getRandomValues.
 */
export function newCommandId(): string {
  const cryptography = globalThis.crypto;
  if (typeof cryptography.randomUUID === 'function') return cryptography.randomUUID();
  const bytes = cryptography.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
