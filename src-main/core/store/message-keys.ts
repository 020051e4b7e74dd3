/**
 * How a message is keyed in `message_rows` (store migration 230,
 * docs/decisions/0046-messages-with-integer-keys.md): sender and kind as small integers, and the
 * message id without the conversation's feed id when it begins with it. The `messages` view decodes
 * both in SQL; these functions are the writer's half and must agree with it exactly.
 */
import type { MessageKind, Sender } from '../../../src-shared/protocol/events.js';
import { MESSAGE_KINDS, MESSAGE_SENDERS } from './migrations/0230-messages-with-integer-keys.js';

const SENDER_CODES: ReadonlyMap<string, number> = new Map(MESSAGE_SENDERS.map((sender, code) => [sender, code]));
const KIND_CODES: ReadonlyMap<string, number> = new Map(MESSAGE_KINDS.map((kind, code) => [kind, code]));

function codeOf(codes: ReadonlyMap<string, number>, word: string, what: string): number {
  const code = codes.get(word);
  if (code === undefined) throw new RangeError(`unknown message ${what} "${word}"`);
  return code;
}

export function senderCode(sender: Sender): number {
  return codeOf(SENDER_CODES, sender, 'sender');
}

export function kindCode(kind: MessageKind): number {
  return codeOf(KIND_CODES, kind, 'kind');
}

/** A message id as stored: `ref`, and whether it is the part after the conversation's feed id. */
export interface MessageRef {
  readonly ref: string;
  /** 1 when `ref` follows the feed id, 0 when it is the whole id (SQLite's boolean). */
  readonly isSuffix: 0 | 1;
}

/**
 * Splits `messageId` against `feedId`, the conversation's id as the feed tells it (its original
 * id when the row was renamed). Every id that begins with the feed id is stored as its suffix, so
 * one message id has one stored form and the unique key stays one message per id.
 */
export function messageRef(feedId: string, messageId: string): MessageRef {
  return messageId.startsWith(feedId) ? { ref: messageId.slice(feedId.length), isSuffix: 1 } : { ref: messageId, isSuffix: 0 };
}

/** The message id a stored ref stands for: what the `messages` view gives. */
export function messageIdOf(feedId: string, stored: MessageRef): string {
  return stored.isSuffix === 1 ? feedId + stored.ref : stored.ref;
}
