import { describe, expect, it } from 'vitest';
import type { OverviewMessage, QueueTile } from '../../../../src-shared/api/live.js';
import { initialOverviewState, reduceOverview } from '../../../../src-renderer/store/overview-slice.js';
import type { OverviewState } from '../../../../src-renderer/store/overview-slice.js';
import { tile } from './tile-fixtures.js';

function snapshot(asOfSeq: number, queues: readonly QueueTile[]): OverviewMessage {
  return { kind: 'snapshot', asOfSeq, asOfTime: asOfSeq * 1000, queues };
}

function diff(asOfSeq: number, upsert: readonly QueueTile[], remove: readonly string[] = []): OverviewMessage {
  return { kind: 'diff', asOfSeq, asOfTime: asOfSeq * 1000, upsert, remove };
}

function loaded(): OverviewState {
  return reduceOverview(initialOverviewState, snapshot(10, [tile('q-b', 'Billing', { queued: 3 }), tile('q-a', 'Sales', { queued: 1 }), tile('q-c', 'Claims')]));
}

describe('reduceOverview: snapshot', () => {
  it('loads tiles by id, orders them by name and records the floor position', () => {
    const state = loaded();

    expect(state.loaded).toBe(true);
    expect(state.order).toEqual(['q-b', 'q-c', 'q-a']);
    expect(state.queues['q-b']?.metrics.queued).toBe(3);
    expect(state.asOfSeq).toBe(10);
    expect(state.asOfTime).toBe(10_000);
  });

  it('orders names numerically and breaks ties by queue id', () => {
    const state = reduceOverview(initialOverviewState, snapshot(1, [tile('q-2', 'Queue 10'), tile('q-3', 'Queue 2'), tile('q-1', 'Queue 2')]));

    expect(state.order).toEqual(['q-1', 'q-3', 'q-2']);
  });

  it('keeps the identity of tiles a later snapshot repeats, and replaces the ones it changes', () => {
    const before = loaded();

    const after = reduceOverview(before, snapshot(20, [tile('q-b', 'Billing', { queued: 3 }), tile('q-a', 'Sales', { queued: 9 }), tile('q-c', 'Claims')]));

    expect(after.queues['q-b']).toBe(before.queues['q-b']);
    expect(after.queues['q-c']).toBe(before.queues['q-c']);
    expect(after.queues['q-a']).not.toBe(before.queues['q-a']);
    expect(after.queues['q-a']?.metrics.queued).toBe(9);
    expect(after.order).toBe(before.order);
  });

  it('drops queues a new snapshot no longer has, even at a lower position (a reset core)', () => {
    const before = loaded();

    const after = reduceOverview(before, snapshot(2, [tile('q-c', 'Claims')]));

    expect(Object.keys(after.queues)).toEqual(['q-c']);
    expect(after.order).toEqual(['q-c']);
    expect(after.asOfSeq).toBe(2);
  });

  it('clears an earlier error', () => {
    const failed: OverviewState = { ...initialOverviewState, error: 'Not permitted' };

    expect(reduceOverview(failed, snapshot(1, [])).error).toBeNull();
  });
});

describe('reduceOverview: diff', () => {
  it('is ignored before the first snapshot', () => {
    const state = reduceOverview(initialOverviewState, diff(5, [tile('q-a', 'Sales')]));

    expect(state).toBe(initialOverviewState);
  });

  it('upserts and removes tiles and advances the position', () => {
    const before = loaded();

    const after = reduceOverview(before, diff(11, [tile('q-a', 'Sales', { queued: 7 }), tile('q-d', 'Accounts')], ['q-c']));

    expect(after.order).toEqual(['q-d', 'q-b', 'q-a']);
    expect(after.queues['q-a']?.metrics.queued).toBe(7);
    expect(after.queues['q-c']).toBeUndefined();
    expect(after.queues['q-b']).toBe(before.queues['q-b']);
    expect(after.asOfSeq).toBe(11);
  });

  it('keeps the queue map and order when the diff repeats what is shown', () => {
    const before = loaded();

    const after = reduceOverview(before, diff(12, [tile('q-b', 'Billing', { queued: 3 })], ['q-unknown']));

    expect(after.queues).toBe(before.queues);
    expect(after.order).toBe(before.order);
    expect(after.asOfSeq).toBe(12);
  });

  it('keeps the order array when only metrics change', () => {
    const before = loaded();

    const after = reduceOverview(before, diff(11, [tile('q-b', 'Billing', { queued: 4 })]));

    expect(after.order).toBe(before.order);
    expect(after.queues).not.toBe(before.queues);
  });

  it('accepts a diff at the same position (time-driven metrics) and ignores one from the past', () => {
    const before = loaded();

    const same = reduceOverview(before, diff(10, [tile('q-b', 'Billing', { queued: 4, longestWaitSec: 30 })]));
    const past = reduceOverview(same, diff(9, [tile('q-b', 'Billing', { queued: 99 })]));

    expect(same.queues['q-b']?.metrics.longestWaitSec).toBe(30);
    expect(past).toBe(same);
  });

  it('re-sorts when a queue is renamed', () => {
    const before = loaded();

    const after = reduceOverview(before, diff(11, [tile('q-a', 'Accounts', { queued: 1 })]));

    expect(after.order).toEqual(['q-a', 'q-b', 'q-c']);
  });
});
