/**
 * Reading platforms' records, which are plain JSON of shapes we do not control: fields looked up
 * by any of the spellings the platforms' own samples use (`agentInfo` and `AgentInfo`), times in
 * the forms they send (ISO 8601, epoch seconds or milliseconds), ids taken out of ARNs. A field a
 * mapping cannot do without is asked for with `required…`, which skips the record with its path.
 */
import { SkipRecord } from './adapter.js';
import type { Channel } from '../../src-shared/protocol/events.js';

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value that is not an object is, for a skipped record's detail: `null`, `array`, `number`… */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** The first of `names` present (not null or undefined) on the object. */
export function field(object: unknown, ...names: string[]): unknown {
  if (!isObject(object)) return undefined;
  for (const name of names) {
    const value = object[name];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

export function objectField(object: unknown, ...names: string[]): JsonObject | undefined {
  const value = field(object, ...names);
  return isObject(value) ? value : undefined;
}

/** A non-empty string, trimmed; numbers are written out (some platforms send ids as numbers). */
export function textField(object: unknown, ...names: string[]): string | undefined {
  const value = field(object, ...names);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function arrayField(object: unknown, ...names: string[]): readonly unknown[] {
  const value = field(object, ...names);
  return Array.isArray(value) ? value : [];
}

export function requiredText(object: unknown, path: string, ...names: string[]): string {
  const value = textField(object, ...names);
  if (value === undefined) throw new SkipRecord('missing_field', path);
  return value;
}

export function requiredObject(object: unknown, path: string, ...names: string[]): JsonObject {
  const value = objectField(object, ...names);
  if (value === undefined) throw new SkipRecord('missing_field', path);
  return value;
}

/** Epoch numbers below this are seconds (it is 1973 in milliseconds, 5138 in seconds). */
const SECONDS_BELOW = 100_000_000_000;

/**
 * Epoch milliseconds of a platform's time: an ISO 8601 text (with a zone; a text without one is
 * refused rather than read in this machine's zone), or epoch seconds or milliseconds as a number
 * or a numeric text. Undefined when absent or unreadable.
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return epochNumber(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/u.test(text)) return epochNumber(Number(text));
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/iu.test(text)) return undefined;
  const parsed = Date.parse(text);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

function epochNumber(value: number): number | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  return Math.round(value < SECONDS_BELOW ? value * 1000 : value);
}

/** The record's time from the first of `candidates` that reads as a time; skips the record (`bad_time`) when none does. */
export function requiredTime(path: string, ...candidates: unknown[]): number {
  for (const candidate of candidates) {
    const time = parseTime(candidate);
    if (time !== undefined) return time;
  }
  throw new SkipRecord('bad_time', `${path}: ${JSON.stringify(candidates.find((candidate) => candidate !== undefined) ?? null)}`);
}

/**
 * The resource id an ARN names after `/<kind>/`: `…:instance/i-1/queue/q-7` → `q-7` for `queue`
 * (and `agent/a-1` for an agent's own queue, `…/queue/agent/a-1`). Anything else (a bare id, a
 * placeholder such as the samples' "arn") is returned whole, so the same text always gives the same id.
 */
export function idFromArn(arn: string, kind: string): string {
  const marker = `/${kind}/`;
  const at = arn.indexOf(marker);
  if (at < 0) return arn;
  const rest = arn.slice(at + marker.length);
  return rest === '' ? arn : rest;
}

/** A platform's media type as a Floorwatch channel, or undefined for what Floorwatch does not model (tasks, e-mail, video). */
export function channelOf(mediaType: string | undefined, chatNames: readonly string[], voiceNames: readonly string[]): Channel | undefined {
  if (mediaType === undefined) return undefined;
  const name = mediaType.toLowerCase();
  if (voiceNames.includes(name)) return 'voice';
  if (chatNames.includes(name)) return 'chat';
  return undefined;
}

/** Longest id the protocol takes (MAX_ID_LENGTH in src-shared/protocol/events.ts). */
const MAX_ID = 128;

/**
 * An id as the protocol takes it. A longer one skips the record (`invalid_event`) rather than
 * being cut, since two ids cut alike would become one queue, agent or conversation.
 */
export function asId(text: string): string {
  if (text.length > MAX_ID) throw new SkipRecord('invalid_event', `id longer than ${MAX_ID} characters: ${text.slice(0, 40)}…`);
  return text;
}

/** Text cut to the protocol's length for a field, so a long name never costs a whole record. */
export function clip(text: string, length: number): string {
  return text.length <= length ? text : text.slice(0, length);
}
