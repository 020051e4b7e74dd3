/**
 * serializeLiveState's text built in slices across turns of the event loop, so a checkpoint of a
 * large floor never holds the core's thread: each slice runs for at most a few milliseconds, then
 * the events waiting behind it go first. The live state is immutable between batches (the reducer's
 * draft never changes its base), so the captured state is the same state from the first slice to
 * the last, whatever batches the floor applies meanwhile.
 *
 * The SHA-1 digest of the text is computed along the way (the sealed checkpoint's digest, ADR 0048).
 */
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { liveStateTextParts, type LiveState } from './state.js';

/** How long one slice may run before it lets the event loop go on. */
export const CHECKPOINT_SLICE_MS = 4;

export interface CheckpointText {
  /** The text in pieces, in order (joined: serializeLiveState's text). */
  readonly parts: readonly string[];
  /** SHA-1 of the joined text, hex. */
  readonly digest: string;
  /** Length of the joined text in UTF-8 bytes. */
  readonly bytes: number;
}

export interface SliceOptions {
  /** Budget of one slice in ms (default CHECKPOINT_SLICE_MS); 0 yields after every piece. */
  readonly sliceMs?: number;
  /** Asked before each slice: true stops the work (the text is then null). */
  readonly cancelled?: () => boolean;
  /** A monotonic clock in ms (default performance.now). */
  readonly clock?: () => number;
}

/** Coalesced pieces of about this many characters, so a file write is a few large writes. */
const PIECE_CHARS = 256 * 1024;

/** Builds the state's checkpoint text in slices; null when cancelled before it was done. */
export async function checkpointTextInSlices(state: LiveState, options: SliceOptions = {}): Promise<CheckpointText | null> {
  const sliceMs = options.sliceMs ?? CHECKPOINT_SLICE_MS;
  const clock = options.clock ?? (() => performance.now());
  const hash = createHash('sha1');
  const parts: string[] = [];
  let bytes = 0;
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    const piece = pending.join('');
    hash.update(piece);
    bytes += Buffer.byteLength(piece);
    parts.push(piece);
    pending = [];
    pendingChars = 0;
  };
  const text = liveStateTextParts(state);
  // Each slice, the first too, waits for a turn of the event loop: the batch that asked for the
  // checkpoint is published first, and the events waiting go before every slice.
  for (let done = false; !done; ) {
    await nextTurn();
    if (options.cancelled?.()) return null;
    const sliceEnd = clock() + sliceMs;
    do {
      const next = text.next();
      if (next.done === true) {
        done = true;
        break;
      }
      pending.push(next.value);
      pendingChars += next.value.length;
      if (pendingChars >= PIECE_CHARS) flush();
    } while (clock() < sliceEnd);
  }
  flush();
  return { parts, digest: hash.digest('hex'), bytes };
}
