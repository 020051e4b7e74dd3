/**
 * The live floor's checkpoint as stored: serializeLiveState's text inside a JSON wrapper that
 * carries its SHA-1 digest, `{"digest":"<40 hex>","state":<text>}`. A checkpoint whose digest
 * matches is this build's own text, undamaged, and is restored without validating every field
 * (deserializeOwnLiveState: validation costs several times the parse, about half a second on a
 * 2,000-agent floor, on the start's path); anything else (damaged, an older plain checkpoint) is
 * validated in full as before. The same trust replay's checksummed checkpoints get (ADR 0025).
 */
import { createHash } from 'node:crypto';
import { deserializeLiveState, deserializeOwnLiveState, serializeLiveState, type LiveState } from './state.js';

const PREFIX = '{"digest":"';
const DIGEST_LENGTH = 40;
const MIDDLE = '","state":';
const STATE_START = PREFIX.length + DIGEST_LENGTH + MIDDLE.length;

/** SHA-1 of a checkpoint's text, hex: the digest a sealed checkpoint or a checkpoint file's row carries. */
export function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * The live state of serializeLiveState's text whose digest was stored beside it: this build's own
 * text when the digest matches (restored without validating every field), validated in full otherwise.
 */
export function restoreDigested(text: string, digest: string): LiveState {
  return digestOf(text) === digest ? deserializeOwnLiveState(text) : deserializeLiveState(text);
}

/** The stored text of a checkpoint of `state` (valid JSON, as the checkpoints table requires). */
export function sealLiveState(state: LiveState): string {
  const text = serializeLiveState(state);
  return `${PREFIX}${digestOf(text)}${MIDDLE}${text}}`;
}

/** The live state a stored checkpoint holds; throws when it is damaged or not a live state. */
export function unsealLiveState(stored: string): LiveState {
  if (stored.startsWith(PREFIX) && stored.startsWith(MIDDLE, PREFIX.length + DIGEST_LENGTH) && stored.endsWith('}')) {
    return restoreDigested(stored.slice(STATE_START, -1), stored.slice(PREFIX.length, PREFIX.length + DIGEST_LENGTH));
  }
  return deserializeLiveState(stored);
}
