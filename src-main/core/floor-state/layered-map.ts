/**
 * A read-only map of the live state that shares its bulk with the version before it, so a batch
 * costs what it touches instead of a copy of the whole map (ADR 0049, addendum).
 *
 * A version is a base map never changed again, plus small layers: the changes since the base (a
 * key's new value, or REMOVED for a key of the base removed) and the tail, the keys added since in
 * the order they were added (new keys, and keys of the base removed and added again). A read is at
 * most two lookups (the changes, then the base). A batch edits a copy of the layers only
 * (LayeredMapEdit); when they outgrow √(2 · base size · the batch's writes) entries, the batch's
 * version folds them into a new base. A batch then costs about that much in copies on average (half
 * in copying the layers, half in the fold's full copy spread over the batches between folds: the
 * least the sum can be), where copying the whole map each batch cost its full size. A version
 * something iterates, or reads key by key more than a quarter of its size, folds its layers once,
 * for itself (settle): the live views read the state far more often than batches write it, and
 * then read it as plain Maps.
 *
 * Iteration follows a Map's order exactly (a replaced key keeps its place; a key removed and added
 * again goes to the end), so a state iterates, serialises and compares the same however its
 * events were batched.
 */

/** Layers smaller than this are never folded: a small map is cheap to copy anyway. */
const FOLD_MIN = 64;

/** A key of the base that this version does not hold (unless the tail holds it again). */
const REMOVED: unique symbol = Symbol('removed');

interface Layers<V> {
  /** New values of keys (of the base or of the tail), and REMOVED for keys of the base removed. */
  readonly changes: ReadonlyMap<string, V | typeof REMOVED>;
  /** Keys not at their base position, in the order they were added. */
  readonly tail: ReadonlySet<string>;
  /** Keys of the base not at their base position (removed, or moved to the tail). */
  readonly vacated: number;
}

export class LayeredMap<V extends object> implements ReadonlyMap<string, V> {
  // Private and replaced only by settle(), which keeps the same entries: the version never changes.
  #base: ReadonlyMap<string, V>;
  #layers: Layers<V> | null;
  #layeredReads = 0;

  /** A version over `base`, which must never change afterwards; `layers` on top of it. */
  constructor(base: ReadonlyMap<string, V> = new Map(), layers: Layers<V> | null = null) {
    this.#base = base;
    this.#layers = layers;
  }

  get size(): number {
    const layers = this.#layers;
    return layers === null ? this.#base.size : this.#base.size - layers.vacated + layers.tail.size;
  }

  get(key: string): V | undefined {
    const layers = this.#layers;
    if (layers === null) return this.#base.get(key);
    // Reads through the layers cost two lookups: a version read by more than a quarter of its size settles.
    this.#layeredReads += 1;
    if (this.#layeredReads > this.#base.size / 4) return this.settle().get(key);
    return layeredGet(this.#base, layers, key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** A copy-on-write edit of this version: its changes make the next version, this one stays as it is. */
  edit(): LayeredMapEdit<V> {
    const layers = this.#layers;
    if (layers === null) return new LayeredMapEdit(this.#base, new Map(), new Set(), 0);
    return new LayeredMapEdit(this.#base, new Map(layers.changes), new Set(layers.tail), layers.vacated);
  }

  entries(): MapIterator<[string, V]> {
    return this.settle().entries();
  }

  keys(): MapIterator<string> {
    return this.settle().keys();
  }

  values(): MapIterator<V> {
    return this.settle().values();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  /**
   * The values in order without folding the layers, for a reader that reads a few at a time
   * across turns of the event loop (the sliced checkpoint): a fold is one copy that cannot be sliced.
   */
  *valuesUnfolded(): Generator<V, void, undefined> {
    const layers = this.#layers;
    if (layers === null) {
      yield* this.#base.values();
      return;
    }
    for (const [, value] of layeredEntries(this.#base, layers)) yield value;
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  /**
   * The first iteration of a version with layers folds them into a base of its own (the copy the
   * batch did not make, made only for a version something reads whole), so every later read is one
   * lookup and every iteration a Map's, and the next batch's edit starts with no layers to copy.
   */
  private settle(): ReadonlyMap<string, V> {
    const layers = this.#layers;
    if (layers !== null) {
      this.#base = new Map(layeredEntries(this.#base, layers));
      this.#layers = null;
    }
    return this.#base;
  }
}

/** One batch's changes to a LayeredMap (or to a plain map a hand-built state holds). */
export class LayeredMapEdit<V extends object> implements Layers<V> {
  /** Sets and deletes of this batch: about how much a batch touches, which sets when layers fold. */
  private writes = 0;

  constructor(
    private readonly base: ReadonlyMap<string, V>,
    readonly changes: Map<string, V | typeof REMOVED>,
    readonly tail: Set<string>,
    public vacated: number,
  ) {}

  /** An edit of any read-only map: a LayeredMap's layers are copied, another map becomes the base. */
  static of<V extends object>(map: ReadonlyMap<string, V>): LayeredMapEdit<V> {
    return (map instanceof LayeredMap ? map : new LayeredMap(map)).edit();
  }

  get size(): number {
    return this.base.size - this.vacated + this.tail.size;
  }

  get(key: string): V | undefined {
    return layeredGet(this.base, this, key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): void {
    this.writes += 1;
    const change = this.changes.get(key);
    // A key of the base removed goes to the end when added again; a new key is added at the end.
    if (change === REMOVED || (change === undefined && !this.base.has(key))) this.tail.add(key);
    this.changes.set(key, value);
  }

  delete(key: string): void {
    this.writes += 1;
    const inBase = this.base.has(key);
    if (this.tail.delete(key)) {
      if (inBase) this.changes.set(key, REMOVED);
      else this.changes.delete(key);
      return;
    }
    if (!inBase || this.changes.get(key) === REMOVED) return;
    this.changes.set(key, REMOVED);
    this.vacated += 1;
  }

  /** The version these changes make: on the same base, or on a new one when the layers grew large. */
  finish(): LayeredMap<V> {
    const layered = this.changes.size;
    if (layered === 0) return new LayeredMap(this.base);
    if (layered > Math.max(FOLD_MIN, Math.sqrt(2 * this.base.size * this.writes))) return new LayeredMap(new Map(layeredEntries(this.base, this)));
    return new LayeredMap(this.base, { changes: this.changes, tail: this.tail, vacated: this.vacated });
  }
}

function layeredGet<V>(base: ReadonlyMap<string, V>, layers: Layers<V>, key: string): V | undefined {
  const change = layers.changes.get(key);
  if (change === undefined) return base.get(key);
  return change === REMOVED ? undefined : change;
}

/** Whether a key of the base is read at its base position, and with which value (undefined: not there). */
function atBasePosition<V>(layers: Layers<V>, key: string, value: V): V | undefined {
  const change = layers.changes.get(key);
  if (change === undefined) return value;
  if (change === REMOVED || layers.tail.has(key)) return undefined;
  return change;
}

function* layeredEntries<V>(base: ReadonlyMap<string, V>, layers: Layers<V>): MapIterator<[string, V]> {
  for (const [key, value] of base) {
    const current = atBasePosition(layers, key, value);
    if (current !== undefined) yield [key, current];
  }
  for (const key of layers.tail) yield [key, layers.changes.get(key) as V];
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
