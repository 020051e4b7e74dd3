/**
 * Turns raw WebSocket data into validated server frames and events.
 *
 * Size is checked before parsing, envelopes are validated with serverFrameSchema, and each event is
 * validated on its own so one bad event never costs its neighbours. This runs on every event of the
 * ingest path, so it avoids copies: one JSON.parse per frame, an events or backfill frame's envelope
 * checked without copying its array (events-envelope.ts), one schema pass per event (through the event
 * type's own schema, not a trial of the whole union; a message through its fast path, without
 * the per-event result object), and JSON.stringify only for what is kept raw or quoted in a reject.
 */
import { asMessageEvent } from '../../../src-shared/protocol/message-fast-path.js';
import { asBulkFrame, isNonNegativeSafeInteger } from './events-envelope.js';
import type { z } from 'zod';
import { floorEventSchema } from '../../../src-shared/protocol/events.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { serverFrameSchema } from '../../../src-shared/protocol/frames.js';
import type { ServerFrame } from '../../../src-shared/protocol/frames.js';
import { errorMessage } from '../../../src-shared/errors.js';

export type RawFrameData = string | Buffer | ArrayBuffer | Buffer[];

export type FrameRejectReason = 'oversized' | 'not_json' | 'bad_frame';

export type DecodeResult = { readonly ok: true; readonly frame: ServerFrame } | { readonly ok: false; readonly reason: FrameRejectReason; readonly detail: string };

/** An event of a type this version does not know: kept raw in the log, never applied. */
export interface UnknownEvent {
  readonly seq: number;
  readonly time: number;
  readonly type: string;
  readonly raw: string;
}

export interface EventReject {
  readonly reason: 'invalid_event';
  readonly detail: string;
  /** Present when the event carried a readable seq: the seq is consumed, not re-requested. */
  readonly seq?: number;
  readonly excerpt: string;
}

export type ClassifiedEvent =
  | { readonly kind: 'valid'; readonly seq: number; readonly event: FloorEvent }
  | { readonly kind: 'unknown'; readonly seq: number; readonly unknown: UnknownEvent }
  | { readonly kind: 'invalid'; readonly seq: number | null; readonly reject: EventReject };

export interface ValidatedEvents {
  readonly valid: FloorEvent[];
  readonly unknown: UnknownEvent[];
  readonly rejects: EventReject[];
}

const EXCERPT_CHARS = 300;
const DETAIL_ISSUES = 4;

const schemaByType: ReadonlyMap<string, z.ZodType<FloorEvent>> = new Map(floorEventSchema.options.map((option) => [option.shape.type.value, option as z.ZodType<FloorEvent>]));

/** Byte size of the frame as received, without decoding it. */
export function frameByteLength(data: RawFrameData): number {
  if (typeof data === 'string') return Buffer.byteLength(data, 'utf8');
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data.byteLength;
}

function exceeds(data: RawFrameData, maxBytes: number): { over: boolean; bytes: number } {
  if (typeof data === 'string') {
    // UTF-8 needs at least one byte and at most three per UTF-16 unit: most frames skip the count.
    if (data.length > maxBytes) return { over: true, bytes: Buffer.byteLength(data, 'utf8') };
    if (data.length * 3 <= maxBytes) return { over: false, bytes: 0 };
  }
  const bytes = frameByteLength(data);
  return { over: bytes > maxBytes, bytes };
}

function asText(data: RawFrameData): string {
  if (typeof data === 'string') return data;
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** A short, readable account of a schema failure: "path: message; path: message". */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, DETAIL_ISSUES).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}

/** The start of a value as JSON, for a reject row a person can read. */
export function excerptOf(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/**
 * Decodes one server frame: size first (never parse what is too big), then JSON, then the envelope.
 *
 * Never throws: every failure is a reason the caller counts and records.
 */
export function decodeServerFrame(data: RawFrameData, maxBytes: number): DecodeResult {
  const size = exceeds(data, maxBytes);
  if (size.over) return { ok: false, reason: 'oversized', detail: `frame of ${size.bytes} bytes exceeds the ${maxBytes}-byte limit` };
  const text = asText(data);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'not_json', detail: `${errorMessage(error)}; starts with ${excerptOf(text.slice(0, 80))}` };
  }
  const bulk = asBulkFrame(json);
  if (bulk !== null) return { ok: true, frame: bulk };
  const parsed = serverFrameSchema.safeParse(json);
  if (!parsed.success) {
    const type = typeof json === 'object' && json !== null && 'type' in json && typeof json.type === 'string' ? `"${json.type}" frame: ` : '';
    return { ok: false, reason: 'bad_frame', detail: `${type}${describeIssues(parsed.error)}` };
  }
  return { ok: true, frame: parsed.data };
}

/** The event's seq when it is a readable positive integer, else null. */
export function readEventSeq(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const seq = (raw as { seq?: unknown }).seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : null;
}

function invalid(seq: number | null, detail: string, raw: unknown): ClassifiedEvent {
  const reject: EventReject = seq === null ? { reason: 'invalid_event', detail, excerpt: excerptOf(raw) } : { reason: 'invalid_event', detail, seq, excerpt: excerptOf(raw) };
  return { kind: 'invalid', seq, reject };
}

/** The busiest event, a message, through its fast path when that takes it; else null (ADR 0059). */
function asFastMessage(raw: unknown): FloorEvent | null {
  if (typeof raw !== 'object' || raw === null || (raw as { type?: unknown }).type !== 'conversation.message') return null;
  return asMessageEvent(raw);
}

/** classifyEvent for an event the message fast path did not take. */
function classifyBySchema(raw: unknown): ClassifiedEvent {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return invalid(null, 'event is not an object', raw);
  const seq = readEventSeq(raw);
  const { type, time } = raw as { type?: unknown; time?: unknown };
  if (typeof type !== 'string') return invalid(seq, 'type: expected a string', raw);
  const schema = schemaByType.get(type);
  if (!schema) {
    if (seq !== null && isNonNegativeSafeInteger(time)) return { kind: 'unknown', seq, unknown: { seq, time, type, raw: JSON.stringify(raw) } };
    return invalid(seq, `unknown event type "${excerptOf(type)}" without a valid seq and time`, raw);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return invalid(seq, `${type}${seq === null ? '' : ` seq ${seq}`}: ${describeIssues(parsed.error)}`, raw);
  return { kind: 'valid', seq: parsed.data.seq, event: parsed.data };
}

/**
 * Classifies one raw event: valid (schema-checked), unknown type (kept raw), or invalid (rejected).
 *
 * An unknown type needs a valid seq/time envelope to be kept; without one it is rejected like any
 * malformed event. Invalid events keep their seq when it is readable, so the caller can let them
 * consume it.
 */
export function classifyEvent(raw: unknown): ClassifiedEvent {
  const message = asFastMessage(raw);
  return message === null ? classifyBySchema(raw) : { kind: 'valid', seq: message.seq, event: message };
}

/**
 * Validates a list of raw events one by one (snapshot and backfill frames).
 *
 * Known types go through their schema; unknown types with a sound envelope are kept for the caller
 * to count as unknown_event_type and store raw; everything else becomes an invalid_event reject
 * with a readable message.
 */
export function validateEvents(raw: readonly unknown[]): ValidatedEvents {
  const valid: FloorEvent[] = [];
  const unknown: UnknownEvent[] = [];
  const rejects: EventReject[] = [];
  for (const item of raw) {
    // classifyEvent, without a result object for each message the fast path takes.
    const message = asFastMessage(item);
    if (message !== null) {
      valid.push(message);
      continue;
    }
    const classified = classifyBySchema(item);
    switch (classified.kind) {
      case 'valid':
        valid.push(classified.event);
        break;
      case 'unknown':
        unknown.push(classified.unknown);
        break;
      case 'invalid':
        rejects.push(classified.reject);
        break;
    }
  }
  return { valid, unknown, rejects };
}
