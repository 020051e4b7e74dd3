/**
 * A fast check for the envelope of the feed's most frequent frame, `events`: it accepts only what
 * serverFrameSchema accepts and returns the frame as the schema would (the known keys alone), but
 * keeps the parsed `events` array itself instead of copying it element by element, which the
 * schema's `z.array(z.unknown())` does for every event of every frame. Anything else returns null
 * and goes through the schema, which also words the error. A property test holds the two to the
 * same answers (tests/unit/core/feed/events-envelope.test.ts).
 */
import type { ServerFrameOf } from '../../../src-shared/protocol/frames.js';

/** frames.ts: `streamName`, `epoch` and the events frame's array bounds. */
const STREAM_NAME = /^[a-z][a-z0-9_-]*$/;
const MAX_NAME_LENGTH = 64;
const MAX_EVENTS = 100_000;

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= MAX_NAME_LENGTH;
}

export function asEventsFrame(json: unknown): ServerFrameOf<'events'> | null {
  if (typeof json !== 'object' || json === null) return null;
  const frame = json as { type?: unknown; stream?: unknown; epoch?: unknown; events?: unknown };
  if (frame.type !== 'events') return null;
  const { stream, epoch, events } = frame;
  if (!isName(stream) || !STREAM_NAME.test(stream) || !isName(epoch)) return null;
  if (!Array.isArray(events) || events.length < 1 || events.length > MAX_EVENTS) return null;
  return { type: 'events', stream, epoch, events: events as unknown[] };
}
