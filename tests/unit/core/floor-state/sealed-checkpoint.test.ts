import { describe, expect, it } from 'vitest';
import { applyEvents, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { sealLiveState, unsealLiveState } from '../../../../src-main/core/floor-state/sealed-checkpoint.js';
import { serializeLiveState } from '../../../../src-main/core/floor-state/state.js';
import { floorScript } from './floor-script.js';

const state = applyEvents(createLiveState(), floorScript().events);

describe("the live floor's sealed checkpoint", () => {
  it('is valid JSON and gives back the same state', () => {
    const sealed = sealLiveState(state);
    expect(() => JSON.parse(sealed) as unknown).not.toThrow();
    expect(serializeLiveState(unsealLiveState(sealed))).toBe(serializeLiveState(state));
  });

  it('reads a plain checkpoint written before the seal, validating it', () => {
    expect(serializeLiveState(unsealLiveState(serializeLiveState(state)))).toBe(serializeLiveState(state));
    expect(() => unsealLiveState(JSON.stringify({ version: 1, queues: 'not a list' }))).toThrow(/invalid/);
  });

  it('validates in full a checkpoint whose digest does not match, and refuses a damaged one', () => {
    const sealed = sealLiveState(state);
    // Same text, another digest: read the slow way, still the same state.
    const reDigested = sealed.replace(/^\{"digest":"[0-9a-f]{40}"/, `{"digest":"${'0'.repeat(40)}"`);
    expect(serializeLiveState(unsealLiveState(reDigested))).toBe(serializeLiveState(state));
    // A field changed behind the digest's back: the full validation refuses it.
    const damaged = sealed.replace('"queues":[', '"queues":7,"x":[');
    expect(() => unsealLiveState(damaged)).toThrow(/Live state checkpoint/);
  });
});
