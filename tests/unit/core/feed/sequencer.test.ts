import { describe, expect, it } from 'vitest';
import { sequenceEvents, sequenceFrame } from '../../../../src-main/core/feed/sequencer.js';

const items = (...seqs: number[]) => seqs.map((seq) => ({ seq }));

describe('sequenceEvents', () => {
  it.each([
    // lastSeq, incoming seqs, accepted, duplicates, out of order, gapAfter
    ['the next run', 10, [11, 12, 13], [11, 12, 13], 0, 0, null],
    ['an empty frame', 10, [], [], 0, 0, null],
    ['a replayed prefix (normal after a resume)', 10, [8, 9, 10, 11], [11], 3, 0, null],
    ['only duplicates', 10, [1, 2, 10], [], 3, 0, null],
    ['a repeated seq', 10, [11, 11, 12], [11, 12], 1, 0, null],
    ['a seq lower than one accepted', 10, [11, 12, 13, 12], [11, 12, 13], 0, 1, null],
    ['a gap at the start', 10, [12, 13], [], 0, 0, 10],
    ['a gap in the middle', 10, [11, 12, 14, 15], [11, 12], 0, 0, 12],
    ['a swap (seen as a gap)', 10, [11, 13, 12], [11], 0, 0, 11],
    ['a fresh stream', 0, [1, 2, 3], [1, 2, 3], 0, 0, null],
    ['duplicates after the gap are not looked at', 10, [11, 13, 5, 6], [11], 0, 0, 11],
  ])('%s', (_name, lastSeq, seqs, accepted, duplicates, outOfOrder, gapAfter) => {
    const result = sequenceEvents(lastSeq, items(...seqs));
    expect(result.accepted.map((item) => item.seq)).toEqual(accepted);
    expect(result.duplicates).toBe(duplicates);
    expect(result.outOfOrder).toBe(outOfOrder);
    expect(result.outOfOrderItems).toHaveLength(outOfOrder);
    expect(result.gapAfter).toBe(gapAfter);
  });

  it('says where the gap was found so the caller can ignore what follows', () => {
    const result = sequenceEvents(10, items(11, 12, 20, 13));
    expect(result.gapIndex).toBe(2);
    expect(sequenceEvents(10, items(11)).gapIndex).toBeNull();
  });

  it('keeps the items it is given (any shape with a seq)', () => {
    const input = [
      { seq: 1, kind: 'valid' },
      { seq: 2, kind: 'rejected' },
      { seq: 3, kind: 'unknown' },
    ];
    expect(sequenceEvents(0, input).accepted).toEqual(input);
    expect(sequenceEvents(0, input).accepted[1]).toBe(input[1]);
  });
});

describe('sequenceFrame', () => {
  const event = (seq: number) => ({ seq, time: 1_000, type: 'agent.status', agentId: 'a-1', kind: 'available', reason: 'Ready' });

  it('takes the contiguous run, counts duplicates, and records malformed and out-of-order events against the stream', () => {
    const frame = sequenceFrame(10, 'live', [event(9), event(11), { seq: 12, type: 'agent.status' }, event(13), { no: 'seq' }, event(12), { seq: 14, time: 1, type: 'a.new.kind' }]);
    expect(frame.events.map((item) => item.seq)).toEqual([11, 13]);
    expect(frame.unknownEvents.map((item) => item.seq)).toEqual([14]);
    expect(frame.accepted).toBe(4);
    expect(frame.lastSeq).toBe(14);
    expect(frame.duplicates).toBe(1);
    expect(frame.outOfOrder).toBe(1);
    expect(frame.invalid).toBe(2);
    expect(frame.rejects.map((reject) => reject.reason).sort()).toEqual(['invalid_event', 'invalid_event', 'out_of_order']);
    expect(frame.rejects.every((reject) => reject.stream === 'live')).toBe(true);
    expect(frame.gap).toBeNull();
  });

  it('stops at a gap, leaving what follows it (numbered or not) for the replay', () => {
    const frame = sequenceFrame(10, 'live', [event(11), event(13), { no: 'seq' }]);
    expect(frame.events.map((item) => item.seq)).toEqual([11]);
    expect(frame.lastSeq).toBe(11);
    expect(frame.rejects).toEqual([]);
    expect(frame.gap).toEqual({ after: 11, next: 13 });
  });
});
