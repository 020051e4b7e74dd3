import { describe, expect, it } from 'vitest';
import type { QueueGroup } from '../../../../src-shared/api/live-insights.js';
import {
  draftChannel,
  filterAndSortQueues,
  groupDraftErrors,
  hiddenToSave,
  layoutChanged,
  queueSelectability,
  selectAllState,
  setShown,
  sortGroups,
  toggleGroupQueue,
  toggleHidden,
} from '../../../../src-renderer/views/live-overview/customize-model.js';
import { mergeQueueChoices, type QueueChoice } from '../../../../src-renderer/hooks/use-queue-choices.js';

const queues: readonly QueueChoice[] = [
  { queueId: 'q-sales', name: 'Sales', channel: 'chat' },
  { queueId: 'q-phone', name: 'Phone Support', channel: 'voice' },
  { queueId: 'q-billing', name: 'Billing', channel: 'chat' },
  { queueId: 'q-retention', name: 'Retention', channel: 'voice' },
  { queueId: 'q-tech', name: 'Technical Support', channel: 'chat' },
];

const ids = (rows: readonly QueueChoice[]): readonly string[] => rows.map((row) => row.queueId);

function group(groupId: string, name: string, queueIds: readonly string[], preset = false): QueueGroup {
  return { groupId, name, channel: 'chat', queueIds, preset };
}

describe('filterAndSortQueues', () => {
  it('sorts by name by default', () => {
    expect(ids(filterAndSortQueues(queues, '', 'name'))).toEqual(['q-billing', 'q-phone', 'q-retention', 'q-sales', 'q-tech']);
  });

  it('sorts by channel (chat first), then by name', () => {
    expect(ids(filterAndSortQueues(queues, '', 'channel'))).toEqual(['q-billing', 'q-sales', 'q-tech', 'q-phone', 'q-retention']);
  });

  it('keeps rows that contain every word of the search, in any case, in the name or the id', () => {
    expect(ids(filterAndSortQueues(queues, '  SUPPORT  ', 'name'))).toEqual(['q-phone', 'q-tech']);
    expect(ids(filterAndSortQueues(queues, 'support tech', 'name'))).toEqual(['q-tech']);
    expect(ids(filterAndSortQueues(queues, 'q-ret', 'name'))).toEqual(['q-retention']);
    expect(filterAndSortQueues(queues, 'nothing like this', 'name')).toEqual([]);
  });
});

describe('show / hide queues', () => {
  it('toggles one queue', () => {
    const hidden = toggleHidden(new Set(), 'q-sales');
    expect([...hidden]).toEqual(['q-sales']);
    expect([...toggleHidden(hidden, 'q-sales')]).toEqual([]);
  });

  it('"select all" acts on the rows the search shows and leaves the others as they were', () => {
    const hidden = new Set(['q-sales', 'q-phone', 'q-billing']);
    const supportRows = filterAndSortQueues(queues, 'support', 'name');

    const shown = setShown(hidden, filterAndSortQueues(queues, 'sales', 'name'), true);
    expect([...shown].sort()).toEqual(['q-billing', 'q-phone']);

    const allHidden = setShown(new Set(), supportRows, false);
    expect([...allHidden].sort()).toEqual(['q-phone', 'q-tech']);
  });

  it('reports the select-all box as all, none or some of the rows shown', () => {
    const rows = filterAndSortQueues(queues, 'support', 'name');
    expect(selectAllState(new Set(), rows)).toBe('all');
    expect(selectAllState(new Set(['q-phone', 'q-tech']), rows)).toBe('none');
    expect(selectAllState(new Set(['q-phone']), rows)).toBe('some');
    expect(selectAllState(new Set(['q-sales']), rows)).toBe('all');
    expect(selectAllState(new Set(), [])).toBe('none');
  });

  it('saves the hidden ids sorted, keeping queues not reported right now', () => {
    expect(hiddenToSave(new Set(['q-z', 'q-gone', 'q-a']))).toEqual(['q-a', 'q-gone', 'q-z']);
  });

  it('tells whether Apply has something to do', () => {
    expect(layoutChanged(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(false);
    expect(layoutChanged(new Set(['a']), new Set(['b']))).toBe(true);
    expect(layoutChanged(new Set(), new Set(['a']))).toBe(true);
  });

  it('merges the core list and the tiles, once per queue, the list winning on names', () => {
    const merged = mergeQueueChoices([{ queueId: 'q-sales', name: 'Sales (renamed)', channel: 'chat' }], [queues[0]!, queues[1]!]);
    expect(merged).toEqual([
      { queueId: 'q-phone', name: 'Phone Support', channel: 'voice' },
      { queueId: 'q-sales', name: 'Sales (renamed)', channel: 'chat' },
    ]);
  });
});

describe('group channel rule', () => {
  it('binds a draft to the channel of its first queue', () => {
    expect(draftChannel(queues, [])).toBeNull();
    expect(draftChannel(queues, ['q-unknown', 'q-phone'])).toBe('voice');
  });

  it('disables queues of the other channel, with the reason', () => {
    const voice = queues[1]!;
    expect(queueSelectability(voice, null)).toEqual({ enabled: true, reason: null });
    expect(queueSelectability(voice, 'voice').enabled).toBe(true);
    const refused = queueSelectability(voice, 'chat');
    expect(refused.enabled).toBe(false);
    expect(refused.reason).toMatch(/one channel.*chat.*voice/);
  });

  it('refuses to add a queue of the other channel, and still removes any queue', () => {
    const chatOnly = toggleGroupQueue(queues, ['q-sales'], 'q-billing');
    expect(chatOnly).toEqual(['q-sales', 'q-billing']);
    expect(toggleGroupQueue(queues, chatOnly, 'q-phone')).toBe(chatOnly);
    expect(toggleGroupQueue(queues, chatOnly, 'q-sales')).toEqual(['q-billing']);
    expect(toggleGroupQueue(queues, [], 'q-phone')).toEqual(['q-phone']);
    expect(toggleGroupQueue(queues, [], 'q-unknown')).toEqual([]);
  });
});

describe('groupDraftErrors', () => {
  const groups = [group('g-1', 'Americas chat', ['q-sales']), group('preset-1', 'Chat EMEA', ['q-billing'], true)];

  it('accepts a named draft of queues of one channel', () => {
    expect(groupDraftErrors({ name: 'Front door', queueIds: ['q-sales', 'q-tech'] }, queues, groups)).toEqual([]);
  });

  it('needs a name and at least one queue', () => {
    const errors = groupDraftErrors({ name: '   ', queueIds: [] }, queues, groups);
    expect(errors).toEqual(['Give the group a name.', 'Choose at least one queue.']);
  });

  it('refuses a mix of channels and unknown queues', () => {
    const errors = groupDraftErrors({ name: 'Mixed', queueIds: ['q-sales', 'q-phone', 'q-nowhere'] }, queues, groups);
    expect(errors).toContain('A group holds queues of one channel only (chat or voice).');
    expect(errors).toContain('Unknown queue: q-nowhere.');
  });

  it('refuses a name the user already uses for another of their groups, in any case', () => {
    expect(groupDraftErrors({ name: 'americas CHAT', queueIds: ['q-sales'] }, queues, groups)).toEqual(['You already have a group named “americas CHAT”.']);
    expect(groupDraftErrors({ groupId: 'g-1', name: 'Americas chat', queueIds: ['q-sales', 'q-tech'] }, queues, groups)).toEqual([]);
    // A preset's name is not the user's: taking it is allowed.
    expect(groupDraftErrors({ name: 'Chat EMEA', queueIds: ['q-sales'] }, queues, groups)).toEqual([]);
  });

  it('refuses to edit a preset and a name over 80 characters', () => {
    expect(groupDraftErrors({ groupId: 'preset-1', name: 'Mine now', queueIds: ['q-billing'] }, queues, groups)).toEqual(['Organisation presets cannot be edited.']);
    expect(groupDraftErrors({ name: 'x'.repeat(81), queueIds: ['q-sales'] }, queues, groups)).toEqual(['A group name has at most 80 characters.']);
  });

  it('lists the user groups before the presets, each by name', () => {
    const sorted = sortGroups([group('p', 'Alpha preset', [], true), group('b', 'Zulu', []), group('a', 'Bravo', [])]);
    expect(sorted.map((item) => item.groupId)).toEqual(['a', 'b', 'p']);
  });
});
