/** Gap and duplicate detection: which events of a frame may be stored after the durable last seq. */

export interface SequenceResult<T> {
  /** The strictly-next contiguous run after lastSeq, in order. */
  readonly accepted: T[];
  /** At or below the durable lastSeq, or a repeat of the seq just accepted: normal after a resume. */
  readonly duplicates: number;
  /** Lower than a seq already accepted in this batch (and not its immediate repeat). */
  readonly outOfOrder: number;
  readonly outOfOrderItems: T[];
  /** Set when a seq skipped ahead: the last seq accepted before the hole (lastSeq when none). */
  readonly gapAfter: number | null;
  /** Index in the input of the item that revealed the gap; items from there on were not looked at. */
  readonly gapIndex: number | null;
}

/**
 * Splits a frame's items against the durable last seq.
 *
 * Accepts only the contiguous run lastSeq + 1, lastSeq + 2, …; stops at the first hole so nothing
 * after a missing event is ever stored (the caller reconnects and the server replays from the
 * durable seq). Generic over anything with a seq, so the caller can pass valid, unknown and
 * rejected-but-numbered events through together: a malformed event consumes its seq and can never
 * cause an endless re-request.
 */
export function sequenceEvents<T extends { readonly seq: number }>(lastSeq: number, events: readonly T[]): SequenceResult<T> {
  const accepted: T[] = [];
  const outOfOrderItems: T[] = [];
  let duplicates = 0;
  let expected = lastSeq + 1;
  for (let index = 0; index < events.length; index += 1) {
    const item = events[index] as T;
    const seq = item.seq;
    if (seq === expected) {
      accepted.push(item);
      expected += 1;
    } else if (seq <= lastSeq || seq === expected - 1) {
      duplicates += 1;
    } else if (seq < expected) {
      outOfOrderItems.push(item);
    } else {
      return { accepted, duplicates, outOfOrder: outOfOrderItems.length, outOfOrderItems, gapAfter: expected - 1, gapIndex: index };
    }
  }
  return { accepted, duplicates, outOfOrder: outOfOrderItems.length, outOfOrderItems, gapAfter: null, gapIndex: null };
}
