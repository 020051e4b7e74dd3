/** Gap and duplicate detection: which events of a frame may be stored after the durable last seq. */
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import type { RejectInput } from './feed-types.js';
import { classifyEvent, excerptOf, readEventSeq, validateEvents, type UnknownEvent } from './frame-decoder.js';

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

/** What one events frame adds to a stream: the batch to store, the counts, and any gap found. */
export interface SequencedFrame {
  readonly events: FloorEvent[];
  readonly unknownEvents: UnknownEvent[];
  /** Invalid and out-of-order events, to record against the stream. */
  readonly rejects: RejectInput[];
  /** Events consumed (valid, unknown or rejected but numbered): zero means nothing moved. */
  readonly accepted: number;
  /** The stream's position once the batch is stored. */
  readonly lastSeq: number;
  readonly duplicates: number;
  readonly invalid: number;
  readonly outOfOrder: number;
  /** Set when a seq skipped ahead: nothing past `after` was taken. */
  readonly gap: { readonly after: number; readonly next: number | undefined } | null;
}

interface NumberedItem {
  readonly seq: number;
  readonly raw: unknown;
  readonly index: number;
}

/**
 * Sequences and validates an events frame against the stream's durable last seq: the contiguous
 * run is taken, duplicates counted, unnumbered and malformed events classified as rejects (those
 * past a gap are left for the replay to bring again).
 *
 * The usual frame, every item numbered lastSeq + 1, lastSeq + 2, … in order, is validated as it
 * is, without the numbered copy of each item that the general case sorts through.
 */
export function sequenceFrame(lastSeq: number, stream: string, raw: readonly unknown[]): SequencedFrame {
  if (!continuesFrom(lastSeq, raw)) return sequenceFrameInGeneral(lastSeq, stream, raw);
  const validated = validateEvents(raw);
  const rejects: RejectInput[] = validated.rejects.map((reject) => ({ ...reject, stream }));
  return {
    events: validated.valid,
    unknownEvents: validated.unknown,
    rejects,
    accepted: raw.length,
    lastSeq: lastSeq + raw.length,
    duplicates: 0,
    invalid: rejects.length,
    outOfOrder: 0,
    gap: null,
  };
}

/** Whether every item is an object numbered lastSeq + 1 + its index (each then a seq readEventSeq accepts). */
function continuesFrom(lastSeq: number, raw: readonly unknown[]): boolean {
  if (!Number.isSafeInteger(lastSeq) || lastSeq < 0 || lastSeq + raw.length > Number.MAX_SAFE_INTEGER) return false;
  for (let index = 0; index < raw.length; index += 1) {
    const item = raw[index];
    if (typeof item !== 'object' || item === null || (item as { seq?: unknown }).seq !== lastSeq + 1 + index) return false;
  }
  return true;
}

/** sequenceFrame for any frame: exported so a test can hold the usual frame's shortcut to it. */
export function sequenceFrameInGeneral(lastSeq: number, stream: string, raw: readonly unknown[]): SequencedFrame {
  const numbered: NumberedItem[] = [];
  const unnumbered: { index: number; raw: unknown }[] = [];
  raw.forEach((item, index) => {
    const seq = readEventSeq(item);
    if (seq === null) unnumbered.push({ index, raw: item });
    else numbered.push({ seq, raw: item, index });
  });
  const sequenced = sequenceEvents(lastSeq, numbered);
  const cutIndex = sequenced.gapIndex === null ? Number.POSITIVE_INFINITY : (numbered[sequenced.gapIndex]?.index ?? Number.POSITIVE_INFINITY);

  const validated = validateEvents(sequenced.accepted.map((item) => item.raw));
  const rejects: RejectInput[] = validated.rejects.map((reject) => ({ ...reject, stream }));
  let invalid = rejects.length;
  for (const item of unnumbered) {
    // Past a gap the server will send these again; record them then, not twice.
    if (item.index >= cutIndex) continue;
    const classified = classifyEvent(item.raw);
    if (classified.kind === 'invalid') {
      rejects.push({ ...classified.reject, stream });
      invalid += 1;
    }
  }
  for (const item of sequenced.outOfOrderItems) {
    rejects.push({ reason: 'out_of_order', detail: `seq ${item.seq} arrived after a higher seq in the same frame`, stream, seq: item.seq, excerpt: excerptOf(item.raw) });
  }
  const lastAccepted = sequenced.accepted[sequenced.accepted.length - 1];
  return {
    events: validated.valid,
    unknownEvents: validated.unknown,
    rejects,
    accepted: sequenced.accepted.length,
    lastSeq: lastAccepted ? lastAccepted.seq : lastSeq,
    duplicates: sequenced.duplicates,
    invalid,
    outOfOrder: sequenced.outOfOrder,
    gap: sequenced.gapAfter === null ? null : { after: sequenced.gapAfter, next: numbered[sequenced.gapIndex ?? 0]?.seq },
  };
}
