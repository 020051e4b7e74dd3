/**
 * A message id is stored as its suffix after the conversation's feed id when it begins with it,
 * else whole, and restored exactly: the writer's half (message-keys.ts) and the `messages` view's
 * half (store migration 230) agree on any id a generic feed may send.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kindCode, messageIdOf, messageRef, senderCode } from '../../../../src-main/core/store/message-keys.js';
import type { Store } from '../../../../src-main/core/store/store.js';
import { conversationCreated, message, queueConfigured, sequence, StoreSandbox, T0 } from './fixtures.js';

/** Ids a feed may send: any text, often beginning with the conversation id, sometimes only almost. */
const ids = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((id) => id.length > 0);

describe('message ids stored as a suffix', () => {
  it('round-trips any id against any feed id, and stores one form per id', () => {
    fc.assert(
      fc.property(ids, fc.string({ unit: 'grapheme', maxLength: 8 }), fc.boolean(), (feedId, tail, prefixed) => {
        const messageId = prefixed ? feedId + tail : tail;
        if (messageId.length === 0) return;
        const stored = messageRef(feedId, messageId);
        expect(messageIdOf(feedId, stored)).toBe(messageId);
        expect(stored.isSuffix).toBe(messageId.startsWith(feedId) ? 1 : 0);
      }),
    );
  });

  it('codes every sender and kind the protocol has, and refuses another', () => {
    expect(['customer', 'agent', 'bot', 'supervisor'].map((sender) => senderCode(sender as never))).toEqual([0, 1, 2, 3]);
    expect(['text', 'whisper', 'note', 'system'].map((kind) => kindCode(kind as never))).toEqual([0, 1, 2, 3]);
    expect(() => senderCode('robot' as never)).toThrow(RangeError);
  });

  describe('through ingest and the messages view', () => {
    let sandbox: StoreSandbox;
    let store: Store;
    beforeEach(() => {
      sandbox = new StoreSandbox();
      store = sandbox.open();
    });
    afterEach(() => sandbox.close());

    it('gives back every message id exactly, whatever its form', () => {
      const samples = fc.sample(fc.tuple(ids, fc.array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 6 }), fc.boolean()), { minLength: 1, maxLength: 6 })), {
        numRuns: 40,
        seed: 230,
      });
      let seq = 1;
      const expected = new Map<string, string[]>();
      for (const [index, [base, tails]] of samples.entries()) {
        const conversationId = `${base}#${index}`;
        const messageIds = [...new Set(tails.map(([tail, prefixed]) => (prefixed ? conversationId + tail : tail)).filter((id) => id.length > 0))];
        const events = sequence(
          [
            ...(index === 0 ? [queueConfigured('q-1', T0)] : []),
            conversationCreated(conversationId, 'q-1', T0),
            ...messageIds.map((messageId, at) => message(conversationId, messageId, T0 + at, `words ${at}`)),
          ],
          seq,
        );
        seq += events.length;
        store.ingestBatch({ stream: 'floor', epoch: 'e-1', events, lastSeq: seq - 1 });
        expected.set(conversationId, messageIds);
      }
      for (const [conversationId, messageIds] of expected) {
        const stored = store.database.prepare('SELECT message_id FROM messages WHERE conversation_id = ? ORDER BY id').pluck().all(conversationId);
        expect(stored).toEqual(messageIds);
      }
      // The log tells every message event as the feed did.
      const told = store.database.prepare("SELECT body FROM events WHERE type = 'conversation.message' ORDER BY seq").pluck().all() as string[];
      expect(told.map((body) => (JSON.parse(body) as { messageId: string }).messageId)).toEqual([...expected.values()].flat());
    });
  });
});
