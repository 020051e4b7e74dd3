/**
 * A fast check for the feed's most frequent event, conversation.message (most of a busy floor's
 * traffic). It accepts only what floorEventSchema accepts, with no extra keys, and returns the
 * object itself instead of a copy; anything else returns null and goes through the schema, which
 * also writes the error message. A property test holds the two to the same answers.
 */
import { MAX_ID_LENGTH, MAX_MESSAGE_TEXT_LENGTH, messageKindSchema, senderSchema, type FloorEventOf } from './events.js';

const KEYS: ReadonlySet<string> = new Set(['seq', 'time', 'type', 'conversationId', 'messageId', 'sender', 'senderId', 'kind', 'text']);
const SENDERS: ReadonlySet<unknown> = new Set(senderSchema.options);
const KINDS: ReadonlySet<unknown> = new Set(messageKindSchema.options);

function isId(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= MAX_ID_LENGTH;
}

export function asMessageEvent(raw: object): FloorEventOf<'conversation.message'> | null {
  const event = raw as Record<string, unknown>;
  for (const key in event) if (!KEYS.has(key)) return null;
  if (event.type !== 'conversation.message') return null;
  if (typeof event.seq !== 'number' || !Number.isSafeInteger(event.seq) || event.seq <= 0) return null;
  if (typeof event.time !== 'number' || !Number.isSafeInteger(event.time) || event.time < 0) return null;
  if (!isId(event.conversationId) || !isId(event.messageId)) return null;
  if (!SENDERS.has(event.sender) || !KINDS.has(event.kind)) return null;
  if (event.senderId !== undefined && !isId(event.senderId)) return null;
  if (typeof event.text !== 'string' || event.text.length > MAX_MESSAGE_TEXT_LENGTH) return null;
  return event as unknown as FloorEventOf<'conversation.message'>;
}
