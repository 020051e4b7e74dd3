/**
 * A persistent ordered multiset of timestamped entries with weights, for figures that move with
 * the floor's time ("now" waits, handle times, open slot-time): the sum over the entries of
 * w · (now − t) is now · Σw − Σ w·t over the entries before `now`, and both sums of any prefix
 * of times are kept in the tree. Every change returns a new tree sharing all but one path with the
 * old one (a treap with path copying: O(log n) per change and per query), so live-state versions
 * stay immutable and cheap (ADR 0049, addendum 2).
 *
 * Times are stored relative to the tree's reference (its first time), so the sums stay exact
 * integers (well under 2^53) for integer times and weights however far the epoch is from zero.
 */

interface TreeNode {
  readonly t: number;
  readonly id: string;
  readonly w: readonly number[];
  readonly priority: number;
  readonly left: TreeNode | null;
  readonly right: TreeNode | null;
  /** Sums over the subtree: entries, each weight, each weight × (t − reference). */
  readonly count: number;
  readonly sumW: readonly number[];
  readonly sumWT: readonly number[];
}

/** Sums over the entries of a range of times. */
export interface PrefixSums {
  readonly count: number;
  /** Σ w per weight. */
  readonly sumW: readonly number[];
  /** Σ w · (t − reference) per weight. */
  readonly sumWT: readonly number[];
}

/** A deterministic priority from an entry's key (FNV-1a), so a tree's shape depends on its entries only. */
function priorityOf(t: number, id: string): number {
  let hash = 2166136261 ^ (t | 0) ^ Math.floor(t / 4294967296);
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return hash >>> 0;
}

function before(t: number, id: string, node: TreeNode): boolean {
  return t < node.t || (t === node.t && id < node.id);
}

function make(node: TreeNode, left: TreeNode | null, right: TreeNode | null, reference: number): TreeNode {
  const weights = node.w.length;
  const sumW: number[] = new Array<number>(weights);
  const sumWT: number[] = new Array<number>(weights);
  const offset = node.t - reference;
  for (let k = 0; k < weights; k += 1) {
    const w = node.w[k] ?? 0;
    sumW[k] = w + (left?.sumW[k] ?? 0) + (right?.sumW[k] ?? 0);
    sumWT[k] = w * offset + (left?.sumWT[k] ?? 0) + (right?.sumWT[k] ?? 0);
  }
  return { t: node.t, id: node.id, w: node.w, priority: node.priority, left, right, count: 1 + (left?.count ?? 0) + (right?.count ?? 0), sumW, sumWT };
}

/** Splits into the entries before (t, id) and the rest. */
function split(node: TreeNode | null, t: number, id: string, reference: number): [TreeNode | null, TreeNode | null] {
  if (node === null) return [null, null];
  if (before(t, id, node)) {
    const [left, right] = split(node.left, t, id, reference);
    return [left, make(node, right, node.right, reference)];
  }
  const [left, right] = split(node.right, t, id, reference);
  return [make(node, node.left, left, reference), right];
}

/** Joins two trees whose every entry of `a` comes before every entry of `b`. */
function merge(a: TreeNode | null, b: TreeNode | null, reference: number): TreeNode | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.priority >= b.priority) return make(a, a.left, merge(a.right, b, reference), reference);
  return make(b, merge(a, b.left, reference), b.right, reference);
}

function removeEntry(node: TreeNode | null, t: number, id: string, reference: number): TreeNode | null {
  if (node === null) return null;
  if (node.t === t && node.id === id) return merge(node.left, node.right, reference);
  if (before(t, id, node)) {
    const left = removeEntry(node.left, t, id, reference);
    return left === node.left ? node : make(node, left, node.right, reference);
  }
  const right = removeEntry(node.right, t, id, reference);
  return right === node.right ? node : make(node, node.left, right, reference);
}

/** Timestamped entries with weights, and the two reads the metrics make of them. */
export interface TimedEntries {
  readonly size: number;
  /** The entries with (t, id) added; an entry of that key already there is replaced. */
  insert(t: number, id: string, w: readonly number[]): TimedEntries;
  /** The entries without (t, id). */
  remove(t: number, id: string): TimedEntries;
  /** The earliest time, or null when empty. */
  min(): number | null;
  /**
   * Σ over the entries with t < now of w · (now − max(t, from)) per weight: entries before `from`
   * count from `from` (−Infinity: from their own time).
   */
  elapsedSums(now: number, from?: number): number[];
  /** The entries' ids, in order of time (then id for a tree; of insertion for a list). */
  ids(): Iterable<string>;
}

export class TimeTree implements TimedEntries {
  private constructor(
    private readonly root: TreeNode | null,
    /** The time sums are relative to. */
    readonly reference: number,
    /** How many weights each entry has. */
    readonly weights: number,
  ) {}

  static empty(weights: number, reference = 0): TimeTree {
    return new TimeTree(null, reference, weights);
  }

  get size(): number {
    return this.root?.count ?? 0;
  }

  insert(t: number, id: string, w: readonly number[]): TimeTree {
    // An empty tree takes its reference from its first entry: sums near zero, however large the times.
    const reference = this.root === null ? t : this.reference;
    const [left, right] = split(removeEntry(this.root, t, id, reference), t, id, reference);
    const node = make({ t, id, w, priority: priorityOf(t, id), left: null, right: null, count: 1, sumW: w, sumWT: w }, null, null, reference);
    return new TimeTree(merge(merge(left, node, reference), right, reference), reference, this.weights);
  }

  remove(t: number, id: string): TimeTree {
    const root = removeEntry(this.root, t, id, this.reference);
    return root === this.root ? this : new TimeTree(root, this.reference, this.weights);
  }

  min(): number | null {
    let node = this.root;
    if (node === null) return null;
    while (node.left !== null) node = node.left;
    return node.t;
  }

  /** Sums over the entries with t < limit. */
  before(limit: number): PrefixSums {
    let count = 0;
    const sumW = new Array<number>(this.weights).fill(0);
    const sumWT = new Array<number>(this.weights).fill(0);
    let node = this.root;
    while (node !== null) {
      if (node.t < limit) {
        count += 1 + (node.left?.count ?? 0);
        const offset = node.t - this.reference;
        for (let k = 0; k < this.weights; k += 1) {
          const w = node.w[k] ?? 0;
          sumW[k] = (sumW[k] ?? 0) + w + (node.left?.sumW[k] ?? 0);
          sumWT[k] = (sumWT[k] ?? 0) + w * offset + (node.left?.sumWT[k] ?? 0);
        }
        node = node.right;
      } else {
        node = node.left;
      }
    }
    return { count, sumW, sumWT };
  }

  *ids(): Generator<string, void, undefined> {
    const path: TreeNode[] = [];
    let node = this.root;
    while (node !== null || path.length > 0) {
      while (node !== null) {
        path.push(node);
        node = node.left;
      }
      const next = path.pop() as TreeNode;
      yield next.id;
      node = next.right;
    }
  }

  /** Exact for integer times and weights: two prefix sums, whatever the number of entries. */
  elapsedSums(now: number, from = -Infinity): number[] {
    const result = new Array<number>(this.weights).fill(0);
    if (this.root === null || now <= from) return result;
    const upToNow = this.before(now);
    const beforeFrom = from === -Infinity ? null : this.before(from);
    const nowOffset = now - this.reference;
    for (let k = 0; k < this.weights; k += 1) {
      const earlyW = beforeFrom?.sumW[k] ?? 0;
      const earlyWT = beforeFrom?.sumWT[k] ?? 0;
      const lateW = (upToNow.sumW[k] ?? 0) - earlyW;
      const lateWT = (upToNow.sumWT[k] ?? 0) - earlyWT;
      result[k] = (earlyW === 0 ? 0 : earlyW * (now - from)) + (nowOffset * lateW - lateWT);
    }
    return result;
  }
}

/**
 * The same reads over a plain list, for entries summed once for one read (a view of several queues
 * as one): building a tree would cost more than the one pass it saves. Insert appends in place.
 */
export class TimeList implements TimedEntries {
  private readonly entries: { readonly t: number; readonly id: string; readonly w: readonly number[] }[] = [];

  constructor(readonly weights: number) {}

  get size(): number {
    return this.entries.length;
  }

  insert(t: number, id: string, w: readonly number[]): TimeList {
    this.entries.push({ t, id, w });
    return this;
  }

  remove(t: number, id: string): TimeList {
    const index = this.entries.findIndex((entry) => entry.t === t && entry.id === id);
    if (index >= 0) this.entries.splice(index, 1);
    return this;
  }

  ids(): string[] {
    return this.entries.map(({ id }) => id);
  }

  min(): number | null {
    let min: number | null = null;
    for (const { t } of this.entries) if (min === null || t < min) min = t;
    return min;
  }

  elapsedSums(now: number, from = -Infinity): number[] {
    const result = new Array<number>(this.weights).fill(0);
    for (const { t, w } of this.entries) {
      const duration = now - Math.max(t, from);
      if (!(duration > 0)) continue;
      for (let k = 0; k < this.weights; k += 1) result[k] = (result[k] ?? 0) + (w[k] ?? 0) * duration;
    }
    return result;
  }
}
