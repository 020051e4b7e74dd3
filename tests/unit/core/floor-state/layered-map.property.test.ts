/**
 * The live state's layered map (and set) against a plain Map (and Set) doing the same: after any
 * sets and deletes, in any batches, read whole between batches or not, every version reads and
 * iterates exactly as the Map did at that point (same entries, same order), and editing a version
 * never changes it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LayeredMap, LayeredMapEdit, LayeredSet, LayeredSetEdit } from '../../../../src-main/core/floor-state/layered-map.js';

type Op = { readonly kind: 'set'; readonly key: string; readonly value: number } | { readonly kind: 'delete'; readonly key: string };

const key = fc.integer({ min: 0, max: 30 }).map((index) => `k${index}`);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key }),
);

function entriesOf(map: ReadonlyMap<string, { readonly value: number }>): [string, number][] {
  return [...map].map(([name, entry]) => [name, entry.value]);
}

/** Point reads first (a version not iterated yet reads through its layers), then iteration. */
function expectSame(layered: LayeredMap<{ readonly value: number }>, model: Map<string, { readonly value: number }>): void {
  expect(layered.size).toBe(model.size);
  expect([...layered.valuesUnfolded()]).toEqual([...model.values()]);
  for (let index = 0; index <= 30; index += 1) {
    expect(layered.get(`k${index}`)).toBe(model.get(`k${index}`));
    expect(layered.has(`k${index}`)).toBe(model.has(`k${index}`));
  }
  expect(entriesOf(layered)).toEqual(entriesOf(model));
  expect([...layered.keys()]).toEqual([...model.keys()]);
  expect([...layered.values()]).toEqual([...model.values()]);
  const seen: string[] = [];
  layered.forEach((_value, name, map) => {
    expect(map).toBe(layered);
    seen.push(name);
  });
  expect(seen).toEqual([...model.keys()]);
}

describe('LayeredMap (properties)', () => {
  it('reads and iterates as a Map in every version, and no edit changes an earlier version', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(op, { maxLength: 40 }), fc.boolean()), { maxLength: 30 }), (batches) => {
        const model = new Map<string, { readonly value: number }>();
        let version = new LayeredMap<{ readonly value: number }>();
        const history: { version: LayeredMap<{ readonly value: number }>; entries: [string, number][] }[] = [];
        for (const [batch, read] of batches) {
          const edit = LayeredMapEdit.of(version);
          for (const change of batch) {
            if (change.kind === 'set') {
              const entry = { value: change.value };
              edit.set(change.key, entry);
              model.set(change.key, entry);
            } else {
              edit.delete(change.key);
              model.delete(change.key);
            }
            expect(edit.get(change.key)).toBe(model.get(change.key));
            expect(edit.has(change.key)).toBe(model.has(change.key));
          }
          version = edit.finish();
          // A version read whole folds its layers; one not read keeps them for the next batch.
          if (read) expectSame(version, model);
          else expect(version.size).toBe(model.size);
          history.push({ version, entries: entriesOf(model) });
        }
        for (const past of history) expect(entriesOf(past.version)).toEqual(past.entries);
      }),
      { numRuns: 300 },
    );
  });

  it('folds its layers into a new base as they grow, keeping the order', () => {
    let version = new LayeredMap(new Map(Array.from({ length: 1_000 }, (_, index) => [`k${index}`, { value: index }] as const)));
    const model = new Map(version);
    for (let round = 0; round < 50; round += 1) {
      const edit = LayeredMapEdit.of(version);
      for (let step = 0; step < 20; step += 1) {
        const name = `k${(round * 37 + step * 11) % 1_200}`;
        if (step % 3 === 0) {
          edit.delete(name);
          model.delete(name);
        } else {
          const entry = { value: round };
          edit.set(name, entry);
          model.set(name, entry);
        }
      }
      version = edit.finish();
      expectSame(version, model);
    }
  });

  it('edits a plain map a hand-built state holds without changing it', () => {
    const plain = new Map([['a', { value: 1 }], ['b', { value: 2 }]]);
    const edit = LayeredMapEdit.of(plain);
    edit.delete('a');
    edit.set('a', { value: 3 });
    edit.set('c', { value: 4 });
    expect(entriesOf(edit.finish())).toEqual([['b', 2], ['a', 3], ['c', 4]]);
    expect(entriesOf(plain)).toEqual([['a', 1], ['b', 2]]);
  });

  it('keeps a layered set as a Set, in every version', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.boolean(), key), { maxLength: 40 }), { maxLength: 30 }), (batches) => {
        const model = new Set<string>();
        let version = new LayeredSet();
        const history: { version: LayeredSet; members: string[] }[] = [];
        for (const batch of batches) {
          const edit = LayeredSetEdit.of(version);
          for (const [adds, member] of batch) {
            if (adds) {
              edit.add(member);
              model.add(member);
            } else {
              edit.delete(member);
              model.delete(member);
            }
            expect(edit.has(member)).toBe(model.has(member));
            expect(edit.size).toBe(model.size);
          }
          version = edit.finish();
          expect([...version]).toEqual([...model]);
          expect([...version.values()]).toEqual([...model.values()]);
          expect([...version.entries()]).toEqual([...model.entries()]);
          expect(version.size).toBe(model.size);
          history.push({ version, members: [...model] });
        }
        for (const past of history) expect([...past.version]).toEqual(past.members);
        expect(LayeredSet.from(model)).toEqual(version);
      }),
      { numRuns: 200 },
    );
  });
});
