/**
 * Fast checks for the envelopes of the frames that carry events in bulk, `events` and `backfill`:
 * each accepts only what serverFrameSchema accepts and returns the frame as the schema would (the
 * known keys alone), but keeps the parsed `events` array itself instead of copying it element by
 * element, which the schema's `z.array(z.unknown())` does for every event of every frame (ADR 0059).
 * Anything else returns null and goes through the schema, which also words the error. A property
 * test holds each to the schema's answers (tests/unit/core/feed/frame-fast-paths.test.ts).
 */
import {
  MAX_FRAME_EVENTS,
  MAX_FRAME_ID_LENGTH,
  MAX_STREAM_NAME_LENGTH,
  STREAM_NAME_PATTERN,
  type ServerFrame,
  type ServerFrameOf,
} from '../../../src-shared/protocol/frames.js';

type Json = Record<string, unknown>;

function isText(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= maxLength;
}

function isStreamName(value: unknown): value is string {
  return isText(value, MAX_STREAM_NAME_LENGTH) && STREAM_NAME_PATTERN.test(value);
}

/** A count, a seq or zero, an epoch-ms time: a safe integer, not negative. */
export function isNonNegativeSafeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function eventsOf(value: unknown, minLength: number): unknown[] | null {
  return Array.isArray(value) && value.length >= minLength && value.length <= MAX_FRAME_EVENTS ? (value as unknown[]) : null;
}

export function asEventsFrame(frame: Json): ServerFrameOf<'events'> | null {
  const { stream, epoch } = frame;
  const events = eventsOf(frame.events, 1);
  if (frame.type !== 'events' || !isStreamName(stream) || !isText(epoch, MAX_STREAM_NAME_LENGTH) || events === null) return null;
  return { type: 'events', stream, epoch, events };
}

export function asBackfillFrame(frame: Json): ServerFrameOf<'backfill'> | null {
  const { requestId, stream, epoch, progress, done, truncated } = frame;
  const events = eventsOf(frame.events, 0);
  if (frame.type !== 'backfill' || !isText(requestId, MAX_FRAME_ID_LENGTH) || !isStreamName(stream) || !isText(epoch, MAX_STREAM_NAME_LENGTH) || events === null) return null;
  if (typeof progress !== 'object' || progress === null || Array.isArray(progress)) return null;
  const { sentEvents, totalEvents } = progress as Json;
  if (!isNonNegativeSafeInteger(sentEvents) || !isNonNegativeSafeInteger(totalEvents) || typeof done !== 'boolean') return null;
  if (truncated !== undefined && typeof truncated !== 'boolean') return null;
  const checked: ServerFrameOf<'backfill'> = { type: 'backfill', requestId, stream, epoch, events, progress: { sentEvents, totalEvents }, done };
  return truncated === undefined ? checked : { ...checked, truncated };
}

/** The frame through its fast check when it is an events or backfill frame the check accepts, else null. */
export function asBulkFrame(json: unknown): ServerFrame | null {
  if (typeof json !== 'object' || json === null) return null;
  const frame = json as Json;
  if (frame.type === 'events') return asEventsFrame(frame);
  if (frame.type === 'backfill') return asBackfillFrame(frame);
  return null;
}
