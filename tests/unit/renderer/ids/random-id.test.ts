import { describe, expect, it } from 'vitest';
import { randomHex, randomId, shortId, type RandomSource } from '../../../../src-renderer/ids/random-id.js';

/** What a page served over plain http offers: getRandomValues, no randomUUID. */
const plainHttp: RandomSource = { getRandomValues: (array) => globalThis.crypto.getRandomValues(array) };

describe('random ids', () => {
  it('makes an id without randomUUID, as on a plain-http page', () => {
    const id = randomId('rule', plainHttp);
    expect(id).toMatch(/^rule-[0-9a-f]{32}$/u);
    expect(randomId(undefined, plainHttp)).not.toBe(randomId(undefined, plainHttp));
  });

  it('uses randomUUID where the page has it', () => {
    expect(randomId('status', globalThis.crypto)).toMatch(/^status-[0-9a-f]{8}-[0-9a-f]{4}-/u);
  });

  it('makes short readable ids and hex of the asked length', () => {
    expect(shortId('tile', plainHttp)).toMatch(/^tile-[0-9a-f]{12}$/u);
    expect(randomHex(3, plainHttp)).toHaveLength(6);
  });
});
