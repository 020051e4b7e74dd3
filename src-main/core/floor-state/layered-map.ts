/**
 * A read-only map of the live state that shares its bulk with the version before it, so a batch
 * costs what it touches instead of a copy of the whole map (ADR 0049, addendum).
 *
 * A version is a base map never changed again, plus three small layers: values replaced in place
 * (the key keeps its position), keys of the base removed, and a tail of keys added since, in the
 * order they were added. A batch edits a copy of the layers only (LayeredMapEdit); when the layers
 * outgrow √(2 · base size · the batch's writes) entries, the batch's version folds them into a new
 * base. A batch then costs about that much in copies on average (half in copying the layers, half
 * in the fold's full copy spread over the batches between folds: the least the sum can be), where
 * copying the whole map each batch cost its full size; reads stay a few lookups.
 *
 * Iteration follows a Map's order exactly (a replaced key keeps its place; a key removed and added
 * again goes to the end), so a state iterates, serialises and compares the same however its
 * events were batched.
 */

/** Layers smaller than this are never folded: a small map is cheap to copy anyway. */
const FOLD_MIN = 64;

interface Layers<V> {
  readonly replaced: ReadonlyMap<string, V>;
  readonly removed: ReadonlySet<string>;
  readonly tail: ReadonlyMap<string, V>;
}


export class LayeredMap<V extends object> implements ReadonlyMap<string, V> {
  readonly #base: ReadonlyMap<string, V>;
  readonly #layers: Layers<V> | null;

  /** A version over `base`, which must never change afterwards; `layers` on top of it. */
  constructor(base: ReadonlyMap<string, V> = new Map(), layers: Layers<V> | null = null) {
    this.#base = base;
    this.#layers = layers;
  }

  get size(): number {
    const layers = this.#layers;
    return layers === null ? this.#base.size : this.#base.size - layers.removed.size + layers.tail.size;
  }

  get(key: string): V | undefined {
    const layers = this.#layers;
    return layers === null ? this.#base.get(key) : layeredGet(this.#base, layers, key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** A copy-on-write edit of this version: its changes make the next version, this one stays as it is. */
  edit(): LayeredMapEdit<V> {
    const layers = this.#layers;
    if (layers === null) return new LayeredMapEdit(this.#base, { replaced: new Map(), removed: new Set(), tail: new Map() });
    return new LayeredMapEdit(this.#base, { replaced: new Map(layers.replaced), removed: new Set(layers.removed), tail: new Map(layers.tail) });
  }

  entries(): MapIterator<[string, V]> {
    const layers = this.#layers;
    return layers === null ? this.#base.entries() : layeredEntries(this.#base, layers);
  }

  keys(): MapIterator<string> {
    const layers = this.#layers;
    return layers === null ? this.#base.keys() : layeredKeys(this.#base, layers);
  }

  values(): MapIterator<V> {
    const layers = this.#layers;
    return layers === null ? this.#base.values() : layeredValues(this.#base, layers);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

/** One batch's changes to a LayeredMap (or to a plain map a hand-built state holds). */
export class LayeredMapEdit<V extends object> {
  /** Sets and deletes of this batch: about how much a batch touches, which sets when layers fold. */
  private writes = 0;

  constructor(
    private readonly base: ReadonlyMap<string, V>,
    private readonly layers: { readonly replaced: Map<string, V>; readonly removed: Set<string>; readonly tail: Map<string, V> },
  ) {}

  /** An edit of any read-only map: a LayeredMap's layers are copied, another map becomes the base. */
  static of<V extends object>(map: ReadonlyMap<string, V>): LayeredMapEdit<V> {
    return (map instanceof LayeredMap ? map : new LayeredMap(map)).edit();
  }

  get size(): number {
    return this.base.size - this.layers.removed.size + this.layers.tail.size;
  }

  get(key: string): V | undefined {
    return layeredGet(this.base, this.layers, key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): void {
    this.writes += 1;
    const { replaced, removed, tail } = this.layers;
    if (tail.has(key) || removed.has(key) || !this.base.has(key)) tail.set(key, value);
    else replaced.set(key, value);
  }

  delete(key: string): void {
    const { replaced, removed, tail } = this.layers;
    this.writes += 1;
    if (tail.delete(key)) return;
    if (removed.has(key) || !this.base.has(key)) return;
    removed.add(key);
    replaced.delete(key);
  }

  /** The version these changes make: on the same base, or on a new one when the layers grew large. */
  finish(): LayeredMap<V> {
    const { replaced, removed, tail } = this.layers;
    const layered = replaced.size + removed.size + tail.size;
    if (layered === 0) return new LayeredMap(this.base);
    if (layered > Math.max(FOLD_MIN, Math.sqrt(2 * this.base.size * this.writes))) return new LayeredMap(new Map(layeredEntries(this.base, this.layers)));
    return new LayeredMap(this.base, this.layers);
  }
}

function layeredGet<V>(base: ReadonlyMap<string, V>, layers: Layers<V>, key: string): V | undefined {
  const added = layers.tail.get(key);
  if (added !== undefined) return added;
  if (layers.removed.has(key)) return undefined;
  return layers.replaced.get(key) ?? base.get(key);
}

function* layeredEntries<V>(base: ReadonlyMap<string, V>, layers: Layers<V>): MapIterator<[string, V]> {
  for (const [key, value] of base) {
    if (layers.removed.has(key)) continue;
    yield [key, layers.replaced.get(key) ?? value];
  }
  yield* layers.tail;
}

function* layeredKeys<V>(base: ReadonlyMap<string, V>, layers: Layers<V>): MapIterator<string> {
  for (const [key] of layeredEntries(base, layers)) yield key;
}

function* layeredValues<V>(base: ReadonlyMap<string, V>, layers: Layers<V>): MapIterator<V> {
  for (const [, value] of layeredEntries(base, layers)) yield value;
}

/** The members of a LayeredSet: each key maps to this one value. */
const PRESENT = Object.freeze({});
type Present = typeof PRESENT;

/** A read-only set of the live state's indexes, layered as LayeredMap is (the same order as a Set). */
export class LayeredSet implements ReadonlySet<string> {
  readonly #members: LayeredMap<Present>;

  constructor(members: LayeredMap<Present> = new LayeredMap()) {
    this.#members = members;
  }

  /** A set of these members, in this order. */
  static from(members: Iterable<string>): LayeredSet {
    const map = new Map<string, Present>();
    for (const member of members) map.set(member, PRESENT);
    return new LayeredSet(new LayeredMap(map));
  }

  get size(): number {
    return this.#members.size;
  }

  has(member: string): boolean {
    return this.#members.has(member);
  }

  /** A copy-on-write edit of this set. */
  edit(): LayeredSetEdit {
    return new LayeredSetEdit(this.#members.edit());
  }

  keys(): SetIterator<string> {
    return this.#members.keys();
  }

  values(): SetIterator<string> {
    return this.#members.keys();
  }

  *entries(): SetIterator<[string, string]> {
    for (const member of this.#members.keys()) yield [member, member];
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.#members.keys();
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const member of this.#members.keys()) callback.call(thisArg, member, member, this);
  }
}

/** One batch's changes to a LayeredSet (or to a plain set a hand-built state holds). */
export class LayeredSetEdit {
  constructor(private readonly members: LayeredMapEdit<Present>) {}

  static of(set: ReadonlySet<string>): LayeredSetEdit {
    return (set instanceof LayeredSet ? set : LayeredSet.from(set)).edit();
  }

  get size(): number {
    return this.members.size;
  }

  has(member: string): boolean {
    return this.members.has(member);
  }

  add(member: string): void {
    if (!this.members.has(member)) this.members.set(member, PRESENT);
  }

  delete(member: string): void {
    this.members.delete(member);
  }

  finish(): LayeredSet {
    return new LayeredSet(this.members.finish());
  }
}
