import { describe, expect, it } from 'vitest';
import type { UserPage, UserRow } from '../../../../src-shared/api/management.js';
import {
  DEFAULT_SORT,
  EMPTY_EDIT,
  EMPTY_FORM,
  NO_SELECTION,
  PAGE_SIZE,
  addPage,
  buildFilter,
  editIsEmpty,
  editedQueues,
  isSelected,
  listingKey,
  missingPages,
  nextSort,
  planEdit,
  resultsByPerson,
  rowAt,
  selectRange,
  selectedCount,
  selectedRows,
  sinceText,
  toggleAll,
  toggleRow,
} from '../../../../src-renderer/views/users/users-model.js';

function person(userId: string, change: Partial<UserRow> = {}): UserRow {
  return {
    userId,
    name: `Person ${userId}`,
    kind: 'agent',
    role: null,
    queueScope: null,
    teamId: 't-1',
    teamName: 'Team one',
    location: 'Lisbon',
    queueIds: ['q-sales'],
    slots: 2,
    status: 'available',
    statusReason: '',
    statusSince: null,
    ...change,
  };
}

function page(offset: number, count: number, total: number): UserPage {
  return {
    total,
    offset,
    rows: Array.from({ length: count }, (_, index) => person(`u-${offset + index}`)),
    asOfSeq: 1,
    teams: [{ teamId: 't-1', teamName: 'Team one' }],
    awayReasons: ['Lunch', 'Training'],
  };
}

describe('the filter sent to the core', () => {
  it('leaves out blank fields and trims the search', () => {
    expect(buildFilter(EMPTY_FORM)).toEqual({});
    expect(buildFilter({ ...EMPTY_FORM, search: '  ana ', role: 'none', status: 'away' })).toEqual({ search: 'ana', role: 'none', status: 'away' });
  });

  it('flips the direction of the same column and starts another ascending', () => {
    expect(nextSort(DEFAULT_SORT, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort({ key: 'name', direction: 'desc' }, 'slots')).toEqual({ key: 'slots', direction: 'asc' });
  });
});

describe('the window cache', () => {
  const key = listingKey({ filter: {}, sort: DEFAULT_SORT, generation: 0 });

  it('holds pages by offset, with the total from the latest answer', () => {
    let window = addPage(null, key, page(0, PAGE_SIZE, 10_000));
    window = addPage(window, key, page(PAGE_SIZE * 40, PAGE_SIZE, 9_999));
    expect(window.total).toBe(9_999);
    expect(rowAt(window, 0)?.userId).toBe('u-0');
    expect(rowAt(window, PAGE_SIZE * 40 + 5)?.userId).toBe(`u-${PAGE_SIZE * 40 + 5}`);
    expect(rowAt(window, PAGE_SIZE + 1)).toBeUndefined();
  });

  it('starts afresh for another listing', () => {
    const first = addPage(null, key, page(0, PAGE_SIZE, 10_000));
    const other = addPage(first, 'other', page(0, 3, 3));
    expect(other.total).toBe(3);
    expect(rowAt(other, 50)).toBeUndefined();
  });

  it('asks only for pages neither loaded nor requested, within the total', () => {
    const window = addPage(null, key, page(0, PAGE_SIZE, 450));
    expect(missingPages(window, 50, 420, new Set([2]))).toEqual([1, 3, 4]);
    expect(missingPages(window, 0, 10_000, new Set())).toEqual([1, 2, 3, 4]);
  });

  it('splits a large window into pages', () => {
    const window = addPage(null, key, page(0, 250, 250));
    expect(rowAt(window, 249)?.userId).toBe('u-249');
    expect(missingPages(window, 0, 249, new Set())).toEqual([]);
  });
});

describe('the selection', () => {
  it('ticks and unticks people, and ranges', () => {
    let selection = toggleRow(NO_SELECTION, person('a'));
    selection = selectRange(selection, [person('b'), person('c')], true);
    expect(selectedCount(selection, 100)).toBe(3);
    selection = toggleRow(selection, person('a'));
    expect(isSelected(selection, 'a')).toBe(false);
    expect(selectedRows(selection, null).map((row) => row.userId)).toEqual(['b', 'c']);
  });

  it('selects everyone matching, minus those unticked since', () => {
    let selection = toggleAll(NO_SELECTION, 10_000);
    expect(selectedCount(selection, 10_000)).toBe(10_000);
    selection = toggleRow(selection, person('u-1'));
    expect(selectedCount(selection, 10_000)).toBe(9_999);
    expect(selectedRows(selection, [person('u-0'), person('u-1')]).map((row) => row.userId)).toEqual(['u-0']);
    expect(toggleAll(toggleAll(NO_SELECTION, 5), 5)).toEqual(NO_SELECTION);
  });
});

describe('planning an edit', () => {
  it('computes each person’s queues from their own, touching only the queues named', () => {
    expect(editedQueues(['q-a', 'q-b'], ['q-c', 'q-a'], ['q-b'])).toEqual(['q-a', 'q-c']);
  });

  it('sends one command per person and change, and nothing for what would not change', () => {
    const rows = [person('a', { queueIds: ['q-sales'], slots: 2 }), person('b', { queueIds: ['q-sales', 'q-vip'], slots: 3 })];
    const { steps } = planEdit(rows, { ...EMPTY_EDIT, addQueues: ['q-vip'], slots: 3 });
    expect(steps.map((step) => step.command)).toEqual([
      { type: 'agent.queues', agentId: 'a', queueIds: ['q-sales', 'q-vip'] },
      { type: 'agent.capacity', agentId: 'a', slots: 3 },
    ]);
  });

  it('skips supervisors for agent changes and gives roles and statuses as asked', () => {
    const rows = [person('s', { kind: 'supervisor', role: 'wfm_leader', queueIds: [] }), person('a')];
    const plan = planEdit(rows, { ...EMPTY_EDIT, status: { kind: 'away', reason: 'Lunch' }, role: { role: 'business_stakeholder', queueScope: ['q-sales'] } });
    expect(plan.skipped.map((skip) => skip.userId)).toEqual(['s']);
    expect(plan.steps.map((step) => [step.userId, step.command.type])).toEqual([
      ['s', 'user.role'],
      ['a', 'agent.status'],
      ['a', 'user.role'],
    ]);
    expect(plan.steps[2]?.command).toEqual({ type: 'user.role', userId: 'a', role: 'business_stakeholder', queueScope: ['q-sales'] });
    expect(editIsEmpty(EMPTY_EDIT)).toBe(true);
  });

  it('reports a person acked only when all of their commands were', () => {
    const { steps } = planEdit([person('a'), person('b')], { ...EMPTY_EDIT, addQueues: ['q-vip'], slots: 4 });
    const [aQueues, aSlots, bQueues, bSlots] = steps;
    if (aQueues === undefined || aSlots === undefined || bQueues === undefined || bSlots === undefined) throw new Error('four steps expected');
    const people = resultsByPerson(
      [
        { step: aQueues, outcome: 'acked', detail: '' },
        { step: aSlots, outcome: 'acked', detail: '' },
        { step: bQueues, outcome: 'refused', detail: 'q-vip is outside your scope' },
        { step: bSlots, outcome: 'acked', detail: '' },
      ],
      [],
    );
    expect(people.map((entry) => [entry.userId, entry.outcome])).toEqual([
      ['a', 'acked'],
      ['b', 'refused'],
    ]);
    expect(people[1]?.lines[0]).toBe('Queues refused: q-vip is outside your scope');
  });
});

describe('time in status', () => {
  it('reads as minutes, hours or days', () => {
    const now = 10 * 86_400_000;
    expect(sinceText(null, now)).toBe('');
    expect(sinceText(now - 30_000, now)).toBe('just now');
    expect(sinceText(now - 12 * 60_000, now)).toBe('12 min');
    expect(sinceText(now - 185 * 60_000, now)).toBe('3 h 05 min');
    expect(sinceText(now - 3 * 86_400_000, now)).toBe('3 days');
  });
});
