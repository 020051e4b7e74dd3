/**
 * The ingest path's shortcuts for the usual frame give what the general path gives: the events
 * frame's envelope against serverFrameSchema, and the contiguous frame's sequencing against the
 * general sequencing, over random frames near every edge.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asEventsFrame } from '../../../../src-main/core/feed/events-envelope.js';
import { decodeServerFrame } from '../../../../src-main/core/feed/frame-decoder.js';
import { sequenceFrame, sequenceFrameInGeneral } from '../../../../src-main/core/feed/sequencer.js';
import { serverFrameSchema } from '../../../../src-shared/protocol/frames.js';

const nameEdge = fc.constantFrom('', 'floor', 'history', 'a', 'A', '1a', 'a-b_c9', 'a b', 'é', 'x'.repeat(64), 'x'.repeat(65), 'e'.repeat(64), 'e'.repeat(65), 7, null, ['floor']);
const eventsEdge = fc.oneof(
  fc.array(fc.anything(), { minLength: 0, maxLength: 4 }),
  fc.constantFrom(null, {}, 'events', 3),
  fc.constant(Array.from({ length: 100_000 }, (_, index) => index)),
  fc.constant(Array.from({ length: 100_001 }, (_, index) => index)),
);
const envelope = fc
  .record(
    {
      type: fc.constantFrom('events', 'backfill', 'heartbeat', 'Events', 5),
      stream: nameEdge,
      epoch: fc.oneof(nameEdge, fc.string({ maxLength: 70 })),
      events: eventsEdge,
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  )
  .map((frame) => frame as Record<string, unknown>);

describe('the events frame envelope fast path', () => {
  it('accepts exactly what the schema accepts for an events frame, and gives the same frame', () => {
    fc.assert(
      fc.property(envelope, (json) => {
        const fast = asEventsFrame(json);
        const schema = serverFrameSchema.safeParse(json);
        if (fast !== null) {
          expect(schema.success).toBe(true);
          expect(fast).toEqual(schema.data);
          expect(fast.events).toBe(json.events);
        } else if (json.type === 'events') {
          expect(schema.success).toBe(false);
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('leaves a frame that is not an object, or not an events frame, to the schema', () => {
    expect(asEventsFrame(null)).toBeNull();
    expect(asEventsFrame([{ type: 'events' }])).toBeNull();
    expect(asEventsFrame({ type: 'heartbeat', time: 1, heads: {} })).toBeNull();
    const decoded = decodeServerFrame(JSON.stringify({ type: 'events', stream: 'Floor', epoch: 'e', events: [{}] }), 1_000);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.detail).toContain('stream');
  });
});

const message = (seq: number) => ({ seq, time: 1_795_500_000_000 + seq, type: 'conversation.message', conversationId: 'c-1', messageId: `m-${seq}`, sender: 'agent', kind: 'text', text: 'Hello' });
const otherEvent = (seq: number) => ({ seq, time: 1_795_500_000_000 + seq, type: 'conversation.flagged', conversationId: 'c-1', flag: 'high_effort' });
/** An item of a frame: valid events, broken ones, unknown types, unnumbered ones, and a seq nudged off its place. */
const item = fc.tuple(
  fc.constantFrom('message', 'other', 'bad message', 'unknown type', 'no seq', 'not an object', 'array', 'seq as text'),
  fc.constantFrom(0, 0, 0, 0, 0, 0, -1, 1, 5),
);

function frameOf(lastSeq: number, kinds: readonly (readonly [string, number])[]): unknown[] {
  return kinds.map(([kind, nudge], index) => {
    const seq = lastSeq + 1 + index + nudge;
    switch (kind) {
      case 'message':
        return message(seq);
      case 'other':
        return otherEvent(seq);
      case 'bad message':
        return { ...message(seq), sender: 'robot' };
      case 'unknown type':
        return { seq, time: 5, type: 'conversation.teleported' };
      case 'no seq':
        return { time: 5, type: 'conversation.flagged', conversationId: 'c-1' };
      case 'not an object':
        return seq;
      case 'array':
        return [seq];
      default:
        return { ...message(seq), seq: String(seq) };
    }
  });
}

describe('the contiguous frame shortcut of sequencing', () => {
  it('gives what the general sequencing gives, for any frame', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 41, Number.MAX_SAFE_INTEGER - 3), fc.array(item, { maxLength: 12 }), fc.boolean(), (lastSeq, kinds, clean) => {
        // Half the frames are the usual one: every item valid and in place.
        const frame = frameOf(lastSeq, clean ? kinds.map(([kind]) => [kind === 'other' ? 'other' : 'message', 0] as const) : kinds);
        expect(sequenceFrame(lastSeq, 'floor', frame)).toEqual(sequenceFrameInGeneral(lastSeq, 'floor', frame));
      }),
      { numRuns: 3_000 },
    );
  });

  it('takes a whole contiguous frame, invalid events consuming their seqs', () => {
    const frame = [message(11), { ...message(12), kind: 'shout' }, otherEvent(13), { seq: 14, time: 1, type: 'conversation.teleported' }];
    const sequenced = sequenceFrame(10, 'floor', frame);
    expect(sequenced.events.map((event) => event.seq)).toEqual([11, 13]);
    expect(sequenced.unknownEvents.map((event) => event.seq)).toEqual([14]);
    expect(sequenced.rejects).toEqual([expect.objectContaining({ reason: 'invalid_event', seq: 12, stream: 'floor' })]);
    expect(sequenced).toMatchObject({ accepted: 4, lastSeq: 14, duplicates: 0, invalid: 1, outOfOrder: 0, gap: null });
  });
});
