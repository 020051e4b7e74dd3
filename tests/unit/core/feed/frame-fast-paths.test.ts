/**
 * The ingest path's shortcuts for the usual frame give what the general path gives: the events and
 * backfill frames' envelopes against serverFrameSchema, and the contiguous frame's sequencing against the
 * general sequencing, over random frames near every edge.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asBulkFrame } from '../../../../src-main/core/feed/events-envelope.js';
import { decodeServerFrame } from '../../../../src-main/core/feed/frame-decoder.js';
import { sequenceFrame, sequenceFrameInGeneral } from '../../../../src-main/core/feed/sequencer.js';
import { serverFrameSchema } from '../../../../src-shared/protocol/frames.js';

const nameEdge = fc.constantFrom('', 'floor', 'history', 'a', 'A', '1a', 'a-b_c9', 'a b', 'é', 'x'.repeat(64), 'x'.repeat(65), 'e'.repeat(128), 'e'.repeat(129), 7, null, ['floor']);
const countEdge = fc.constantFrom(0, 1, 5_000, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 60, '3', null);
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
      requestId: fc.oneof(nameEdge, fc.string({ maxLength: 130 })),
      stream: nameEdge,
      epoch: fc.oneof(nameEdge, fc.string({ maxLength: 70 })),
      events: eventsEdge,
      progress: fc.oneof(fc.record({ sentEvents: countEdge, totalEvents: countEdge, extra: fc.anything() }, { requiredKeys: [] }), fc.constantFrom(null, [], 'all', [1, 2])),
      done: fc.constantFrom(true, false, 0, 'true', null),
      truncated: fc.constantFrom(true, false, 1, null),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  )
  .map((frame) => frame as Record<string, unknown>);
/** The same, with every field the bulk frames need present: most of these pass the schema. */
const completeEnvelope = fc
  .tuple(envelope, fc.constantFrom('events', 'backfill'), fc.constantFrom('floor', 'history'), fc.array(fc.anything(), { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([frame, type, stream, events, keep]) => ({ requestId: 'r-1', epoch: 'e-1', progress: { sentEvents: 3, totalEvents: 9 }, done: false, ...(keep ? frame : {}), type, stream, events }) as Record<string, unknown>);

describe('the events and backfill frame envelopes\' fast path', () => {
  it('accepts exactly what the schema accepts for those frames, and gives the same frame with the parsed array itself', () => {
    fc.assert(
      fc.property(fc.oneof(envelope, completeEnvelope), (json) => {
        const fast = asBulkFrame(json);
        const schema = serverFrameSchema.safeParse(json);
        if (fast !== null) {
          expect(schema.success).toBe(true);
          expect(fast).toEqual(schema.data);
          expect('events' in fast && fast.events).toBe(json.events);
        } else if (json.type === 'events' || json.type === 'backfill') {
          expect(schema.success).toBe(false);
        }
      }),
      { numRuns: 4_000 },
    );
  });

  it('leaves a frame that is not an object, or of another type, to the schema', () => {
    expect(asBulkFrame(null)).toBeNull();
    expect(asBulkFrame([{ type: 'events' }])).toBeNull();
    expect(asBulkFrame({ type: 'heartbeat', time: 1, heads: {} })).toBeNull();
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
