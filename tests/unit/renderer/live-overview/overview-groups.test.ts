import { describe, expect, it } from 'vitest';
import type { OverviewMessage, QueueTile } from '../../../../src-shared/api/live.js';
import { groupTileId, initialOverviewState, isGroupTileId, overviewCounts, reduceOverview, visibleTileIds } from '../../../../src-renderer/store/overview-slice.js';
import { tile } from '../store/tile-fixtures.js';

function groupTile(groupId: string, name: string, queueIds: readonly string[], preset = false): QueueTile {
  return { ...tile(groupTileId(groupId), name), group: { groupId, queueIds, preset } };
}

function snapshot(asOfSeq: number, queues: readonly QueueTile[]): OverviewMessage {
  return { kind: 'snapshot', asOfSeq, asOfTime: asOfSeq * 1000, queues };
}

function loaded() {
  return reduceOverview(
    initialOverviewState,
    snapshot(5, [tile('q-sales', 'Sales'), groupTile('g-2', 'Zulu group', ['q-sales', 'q-billing']), tile('q-billing', 'Billing'), groupTile('preset-emea', 'Alpha preset', ['q-claims'], true), tile('q-claims', 'Claims')]),
  );
}

describe('overview slice: group tiles', () => {
  it('names group tiles group:<id> and recognises them by id alone', () => {
    expect(groupTileId('g-1')).toBe('group:g-1');
    expect(isGroupTileId('group:g-1')).toBe(true);
    expect(isGroupTileId('q-group')).toBe(false);
  });

  it('holds group tiles with queue tiles and lists groups first, each kind by name', () => {
    const state = loaded();
    expect(state.order).toEqual(['group:preset-emea', 'group:g-2', 'q-billing', 'q-claims', 'q-sales']);
    expect(state.queues['group:g-2']?.group).toEqual({ groupId: 'g-2', queueIds: ['q-sales', 'q-billing'], preset: false });
  });

  it('adds a group created later through a diff, and drops a deleted one', () => {
    const added = reduceOverview(loaded(), { kind: 'diff', asOfSeq: 6, asOfTime: 6000, upsert: [groupTile('g-new', 'Middle', ['q-claims'])], remove: [] });
    expect(added.order).toEqual(['group:preset-emea', 'group:g-new', 'group:g-2', 'q-billing', 'q-claims', 'q-sales']);

    const removed = reduceOverview(added, { kind: 'diff', asOfSeq: 7, asOfTime: 7000, upsert: [], remove: ['group:g-2'] });
    expect(removed.order).toEqual(['group:preset-emea', 'group:g-new', 'q-billing', 'q-claims', 'q-sales']);
    expect(removed.queues['group:g-2']).toBeUndefined();
  });
});

describe('overview slice: hidden queues', () => {
  it('draws every tile, as the same array, when nothing is hidden', () => {
    const state = loaded();
    expect(visibleTileIds(state.order, new Set())).toBe(state.order);
  });

  it('leaves out hidden queues and never a group, even one whose queues are all hidden', () => {
    const state = loaded();
    const visible = visibleTileIds(state.order, new Set(['q-claims', 'q-sales', 'group:g-2']));
    expect(visible).toEqual(['group:preset-emea', 'group:g-2', 'q-billing']);
  });

  it('keeps the same array when the hidden queues are not on the overview', () => {
    const state = loaded();
    expect(visibleTileIds(state.order, new Set(['q-elsewhere']))).toBe(state.order);
  });

  it('counts queues, not tiles: groups and hidden queues apart', () => {
    const state = loaded();
    expect(overviewCounts(state.order, new Set(['q-sales', 'q-elsewhere']))).toEqual({ queues: 3, hidden: 1, groups: 2 });
    expect(overviewCounts([], new Set())).toEqual({ queues: 0, hidden: 0, groups: 0 });
  });
});
