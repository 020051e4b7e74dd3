import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorEventSchema } from '../../../src-shared/protocol/events.js';
import { asMessageEvent } from '../../../src-shared/protocol/message-fast-path.js';

/** A valid message, then each field in turn set to a value near the schema's edges or removed. */
const validMessage = fc.record({
  seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  time: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  type: fc.constant('conversation.message'),
  conversationId: fc.string({ minLength: 1, maxLength: 128 }),
  messageId: fc.string({ minLength: 1, maxLength: 128 }),
  sender: fc.constantFrom('customer', 'agent', 'bot', 'supervisor'),
  senderId: fc.option(fc.string({ minLength: 1, maxLength: 128 }), { nil: undefined }),
  kind: fc.constantFrom('text', 'whisper', 'note', 'system'),
  text: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('x'.repeat(20_000))),
});
const edgeValue = fc.oneof(
  fc.constantFrom(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, '12', null, true, [], {}),
  fc.constantFrom('', 'x'.repeat(128), 'x'.repeat(129), 'x'.repeat(20_000), 'x'.repeat(20_001)),
  fc.constantFrom('customer', 'system', 'Agent', 'text', 'email', 'conversation.ended'),
);
const fields = ['seq', 'time', 'type', 'conversationId', 'messageId', 'sender', 'senderId', 'kind', 'text', 'extra'] as const;
const candidate = fc
  .tuple(validMessage, fc.array(fc.tuple(fc.constantFrom(...fields), fc.option(edgeValue, { nil: undefined })), { maxLength: 2 }))
  .map(([message, changes]) => {
    const raw: Record<string, unknown> = { ...message };
    if (raw.senderId === undefined) delete raw.senderId;
    for (const [field, value] of changes) {
      if (value === undefined) delete raw[field];
      else raw[field] = value;
    }
    return raw;
  });

describe('conversation.message fast path', () => {
  it('accepts exactly what the schema accepts, for objects with no extra keys, and returns the object itself', () => {
    fc.assert(
      fc.property(candidate, (raw) => {
        const fast = asMessageEvent(raw);
        const schema = floorEventSchema.safeParse(raw);
        if (fast !== null) {
          expect(fast).toBe(raw);
          expect(schema.success).toBe(true);
          expect(schema.data).toEqual(raw);
        } else if (!('extra' in raw)) {
          expect(schema.success).toBe(false);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it('accepts a typical message and refuses an unknown key', () => {
    const message = { seq: 7, time: 1_795_500_000_000, type: 'conversation.message', conversationId: 'c-1', messageId: 'm-1', sender: 'agent', senderId: 'a-1', kind: 'text', text: 'Hello' };
    expect(asMessageEvent(message)).toBe(message);
    expect(asMessageEvent({ ...message, mood: 'sunny' })).toBeNull();
  });
});
