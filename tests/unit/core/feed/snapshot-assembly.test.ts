import { describe, expect, it } from 'vitest';
import { SnapshotAssembly } from '../../../../src-main/core/feed/snapshot-assembly.js';
import type { AssemblyStep } from '../../../../src-main/core/feed/snapshot-assembly.js';
import { T0, eventRange } from './feed-test-kit.js';

const begin = (snapshotId = 'snap-1') => ({ type: 'snapshot.begin' as const, snapshotId, stream: 'floor', epoch: 'e1', seq: 9, time: T0 });
const chunk = (part: number, events: readonly unknown[], snapshotId = 'snap-1') => ({ type: 'snapshot.chunk' as const, snapshotId, part, events: [...events] });
const end = (parts: number, events: number, snapshotId = 'snap-1') => ({ type: 'snapshot.end' as const, snapshotId, parts, events });

const refusal = (step: AssemblyStep) => (step.kind === 'refused' ? step : null);

describe('SnapshotAssembly', () => {
  it('hands over the whole snapshot, in order, only at its end', () => {
    const assembly = new SnapshotAssembly();
    expect(assembly.accept(begin())).toEqual({ kind: 'pending', stream: 'floor' });
    expect(assembly.accept(chunk(1, eventRange(1, 3)))).toEqual({ kind: 'pending', stream: 'floor' });
    expect(assembly.accept(chunk(2, eventRange(4, 5)))).toEqual({ kind: 'pending', stream: 'floor' });
    expect(assembly.open).toBe(true);

    const step = assembly.accept(end(2, 5));

    expect(step.kind).toBe('complete');
    if (step.kind !== 'complete') return;
    expect(step.snapshot).toMatchObject({ stream: 'floor', epoch: 'e1', seq: 9, time: T0, unknown: [], rejects: [] });
    expect(step.snapshot.valid.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(assembly.open).toBe(false);
  });

  it('takes an empty snapshot (no chunks)', () => {
    const assembly = new SnapshotAssembly();
    assembly.accept(begin());
    const step = assembly.accept(end(0, 0));
    expect(step.kind === 'complete' ? step.snapshot.valid : null).toEqual([]);
  });

  it('keeps invalid and unknown events of a chunk apart, as a one-frame snapshot does', () => {
    const assembly = new SnapshotAssembly();
    assembly.accept(begin());
    assembly.accept(chunk(1, [...eventRange(1, 2), { seq: 3, time: T0, type: 'agent.status' }, { seq: 4, time: T0, type: 'future.event' }]));
    const step = assembly.accept(end(1, 4));
    expect(step.kind).toBe('complete');
    if (step.kind !== 'complete') return;
    expect(step.snapshot.valid.map((event) => event.seq)).toEqual([1, 2]);
    expect(step.snapshot.rejects).toEqual([expect.objectContaining({ reason: 'invalid_event', seq: 3 })]);
    expect(step.snapshot.unknown).toEqual([expect.objectContaining({ seq: 4, type: 'future.event' })]);
  });

  it.each([
    ['a chunk out of order', [begin(), chunk(2, eventRange(1, 2))], /chunk 2 arrived where chunk 1 was due/],
    ['a chunk repeated', [begin(), chunk(1, eventRange(1, 2)), chunk(1, eventRange(1, 2))], /chunk 1 arrived where chunk 2 was due/],
    ['a chunk of another snapshot', [begin(), chunk(1, eventRange(1, 2), 'snap-2')], /inside snapshot snap-1/],
    ['a chunk with no snapshot begun', [chunk(1, eventRange(1, 2))], /no snapshot begun/],
    ['a second begin', [begin(), begin('snap-2')], /began before snapshot snap-1 ended/],
    ['an end with fewer chunks than arrived', [begin(), chunk(1, eventRange(1, 2)), chunk(2, eventRange(3, 4)), end(1, 4)], /ended with 1 chunks of 4 events; 2 chunks of 4 arrived/],
    ['an end counting more events than arrived', [begin(), chunk(1, eventRange(1, 2)), end(1, 3)], /ended with 1 chunks of 3 events/],
  ])('refuses the whole snapshot on %s', (_label, frames, detail) => {
    const assembly = new SnapshotAssembly();
    const steps = frames.map((frame) => assembly.accept(frame));
    const last = refusal(steps[steps.length - 1] as AssemblyStep);
    expect(last).toMatchObject({ kind: 'refused', reason: 'bad_frame' });
    expect(last?.detail).toMatch(detail);
    expect(steps.slice(0, -1).every((step) => step.kind === 'pending')).toBe(true);
    expect(assembly.open).toBe(false);
    // What came before the refusal is gone: an end now finds nothing to complete.
    expect(assembly.accept(end(1, 2)).kind).toBe('refused');
  });

  it('refuses a snapshot holding more events than its bound, before keeping them', () => {
    const assembly = new SnapshotAssembly(4);
    assembly.accept(begin());
    expect(assembly.accept(chunk(1, eventRange(1, 3))).kind).toBe('pending');
    expect(assembly.accept(chunk(2, eventRange(4, 5)))).toMatchObject({ kind: 'refused', reason: 'oversized', stream: 'floor' });
  });

  it('refuses the open snapshot when another frame interrupts it, and forgets an abandoned one', () => {
    const assembly = new SnapshotAssembly();
    expect(assembly.interrupt('an events frame')).toBeNull();
    assembly.accept(begin());
    expect(assembly.interrupt('an events frame')).toMatchObject({ kind: 'refused', detail: 'an events frame arrived inside snapshot snap-1' });

    assembly.accept(begin());
    assembly.accept(chunk(1, eventRange(1, 2)));
    assembly.abandon();
    expect(assembly.open).toBe(false);
    expect(assembly.accept(begin()).kind).toBe('pending');
  });
});
