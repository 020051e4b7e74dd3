/**
 * Shape checks for what the core sends to the UI. The core is trusted, but a version mismatch or a
 * proxy mangling frames must end in a clear error, never in a crash deep inside a reducer.
 */
import type { ServerMessage, Topic, TopicMessage } from '../../src-shared/api/contract.js';
import type { Result } from '../../src-shared/result.js';
import { isTopic, isUnreadableReason } from './wire-constants.js';

export type ParsedServerMessage = { readonly ok: true; readonly message: ServerMessage } | { readonly ok: false; readonly error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isResult(value: unknown): value is Result<unknown> {
  if (!isRecord(value)) return false;
  // `{ ok: true, value: undefined }` loses its value key in JSON, so only the flag is required.
  if (value.ok === true) return true;
  return value.ok === false && typeof value.error === 'string';
}

/**
 * Checks the envelope of a message from the core.
 * Payloads of pushes are the core's own typed output; only the envelope is verified here so a
 * bad frame is rejected with a reason instead of reaching a listener.
 */
export function parseServerMessage(raw: unknown): ParsedServerMessage {
  if (!isRecord(raw)) return { ok: false, error: 'message is not an object' };
  switch (raw.kind) {
    case 'response':
      if (typeof raw.id !== 'number' || !Number.isInteger(raw.id)) return { ok: false, error: 'response without a numeric id' };
      if (!isResult(raw.result)) return { ok: false, error: `response ${raw.id} has no valid result` };
      return { ok: true, message: { kind: 'response', id: raw.id, result: raw.result } };
    case 'push':
      if (typeof raw.subscriptionId !== 'string' || raw.subscriptionId.length === 0) return { ok: false, error: 'push without a subscription id' };
      if (!isTopic(raw.topic)) return { ok: false, error: `push for unknown topic ${JSON.stringify(raw.topic)}` };
      if (!isRecord(raw.message)) return { ok: false, error: `push for ${raw.topic} without a message` };
      return {
        ok: true,
        message: { kind: 'push', subscriptionId: raw.subscriptionId, topic: raw.topic, message: raw.message as unknown as TopicMessage<Topic> },
      };
    case 'error':
      if (!isUnreadableReason(raw.reason) || typeof raw.error !== 'string') return { ok: false, error: 'error frame without a known reason and text' };
      return { ok: true, message: { kind: 'error', reason: raw.reason, error: raw.error } };
    default:
      return { ok: false, error: `unknown message kind ${JSON.stringify(raw.kind)}` };
  }
}

/**
 * Reads the subscription id out of a 'subscribe' response value.
 * The core answers `{ subscriptionId }`; a bare string is accepted too so either transport may
 * keep its answer minimal.
 */
export function subscriptionIdOf(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0) return value;
  if (isRecord(value) && typeof value.subscriptionId === 'string' && value.subscriptionId.length > 0) return value.subscriptionId;
  return null;
}
