/** Queue groups: presets from the feed, users' own groups, their validation, and their overview tiles. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessFor, type Session } from '../../../../src-main/core/api/session.js';
import { presetName } from '../../../../src-main/core/live-insights/groups.js';
import type { QueueGroup } from '../../../../src-shared/api/live-insights.js';
import type { OverviewMessage, QueueTile } from '../../../../src-shared/api/live.js';
import type { Result } from '../../../../src-shared/result.js';
import { waitFor } from '../../../support/host-process.js';
import { ANN, at, BOB, recorder, smallFloor, viewsHarness, type ViewsHarness } from './views-test-kit.js';

let harness: ViewsHarness;
let commandCount = 0;

beforeEach(() => {
  harness = viewsHarness({ floorTime: at(30) });
  harness.apply(smallFloor().events);
});
afterEach(() => harness.close());

function save(session: Session, command: { groupId?: string; name: string; queueIds: string[] }, commandId = `g-${(commandCount += 1)}`): Result<QueueGroup> {
  return harness.api.commands['group.save'](accessFor(session), { type: 'group.save', ...command }, commandId) as Result<QueueGroup>;
}

function groups(session: Session): readonly QueueGroup[] {
  const result = harness.api.queries['live.groups'](accessFor(session), { type: 'live.groups' });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('presets', () => {
  it('come from the queue configuration, one channel each: a preset mixing channels is split', () => {
    expect(groups(ANN)).toEqual([
      { groupId: 'preset-chat', name: 'Chat', channel: 'chat', queueIds: ['q-billing', 'q-sales'], preset: true },
      { groupId: 'preset-mixed~chat', name: 'Mixed (chat)', channel: 'chat', queueIds: ['q-sales'], preset: true },
      { groupId: 'preset-mixed~voice', name: 'Mixed (voice)', channel: 'voice', queueIds: ['q-phone'], preset: true },
    ]);
  });

  it('are cut to the session\'s scope and hidden when nothing is left', () => {
    const scoped: Session = { ...ANN, queueScope: ['q-phone'] };
    expect(groups(scoped).map((group) => [group.groupId, group.queueIds])).toEqual([['preset-mixed~voice', ['q-phone']]]);
  });

  it('read as names', () => {
    expect(presetName('preset-chat-americas')).toBe('Chat Americas');
    expect(presetName('emea')).toBe('Emea');
  });

  it('cannot be edited or deleted', () => {
    expect(save(ANN, { groupId: 'preset-chat', name: 'Mine', queueIds: ['q-billing'] })).toEqual({
      ok: false,
      error: 'Group preset-chat is an organisation preset and cannot be edited.',
    });
    expect(harness.api.commands['group.delete'](accessFor(ANN), { type: 'group.delete', groupId: 'preset-chat' }, 'd1')).toEqual({
      ok: false,
      error: 'Group preset-chat is an organisation preset and cannot be deleted.',
    });
  });
});

describe('a user\'s own groups', () => {
  it('are saved with the channel of their queues, visible to their owner only', () => {
    const saved = save(ANN, { name: 'My chats', queueIds: ['q-billing', 'q-sales'] });
    if (!saved.ok) throw new Error(saved.error);
    expect(saved.value).toMatchObject({ name: 'My chats', channel: 'chat', queueIds: ['q-billing', 'q-sales'], preset: false });
    expect(groups(ANN).map((group) => group.name)).toContain('My chats');
    expect(groups(BOB).map((group) => group.name)).not.toContain('My chats');
  });

  it('refuse a queue of the other channel, an unknown queue, a queue outside the scope, and a name already used', () => {
    expect(save(ANN, { name: 'Mixed', queueIds: ['q-billing', 'q-phone'] })).toEqual({ ok: false, error: 'A group takes queues of one channel only (chat or voice), not both.' });
    expect(save(ANN, { name: 'Ghost', queueIds: ['q-ghost'] })).toEqual({ ok: false, error: 'No queue q-ghost.' });
    expect(save({ ...ANN, queueScope: ['q-sales'] }, { name: 'Wide', queueIds: ['q-sales', 'q-billing'] })).toEqual({ ok: false, error: 'Queue q-billing is outside your queues.' });
    expect(save(ANN, { name: 'Empty', queueIds: [] })).toEqual({ ok: false, error: 'A group needs at least one queue.' });
    expect(save(ANN, { name: 'Team', queueIds: ['q-billing'] }).ok).toBe(true);
    expect(save(ANN, { name: 'team', queueIds: ['q-sales'] })).toEqual({ ok: false, error: 'You already have a group named "team".' });
    // Another user may use the same name.
    expect(save(BOB, { name: 'Team', queueIds: ['q-sales'] }).ok).toBe(true);
  });

  it('are edited in place and deleted only by their owner', () => {
    const created = save(ANN, { name: 'Billing only', queueIds: ['q-billing'] });
    if (!created.ok) throw new Error(created.error);
    const groupId = created.value.groupId;
    const edited = save(ANN, { groupId, name: 'Billing and sales', queueIds: ['q-billing', 'q-sales'] });
    expect(edited).toEqual({ ok: true, value: { groupId, name: 'Billing and sales', channel: 'chat', queueIds: ['q-billing', 'q-sales'], preset: false } });
    expect(save(BOB, { groupId, name: 'Stolen', queueIds: ['q-billing'] })).toEqual({ ok: false, error: `No group ${groupId}.` });
    expect(harness.api.commands['group.delete'](accessFor(BOB), { type: 'group.delete', groupId }, 'd-bob')).toEqual({ ok: false, error: `No group ${groupId}.` });
    expect(harness.api.commands['group.delete'](accessFor(ANN), { type: 'group.delete', groupId }, 'd-ann')).toEqual({ ok: true, value: null });
    expect(groups(ANN).some((group) => group.groupId === groupId)).toBe(false);
  });

  it('are created once when the same command is retried', () => {
    const first = save(ANN, { name: 'Retry', queueIds: ['q-billing'] }, 'same-id');
    const second = save(ANN, { name: 'Retry', queueIds: ['q-billing'] }, 'same-id');
    expect(second).toEqual(first);
    expect(groups(ANN).filter((group) => group.name === 'Retry')).toHaveLength(1);
  });

  it('get an overview tile for their owner, with metrics over the merged queues, and lose it when deleted', async () => {
    const ann = recorder<OverviewMessage>();
    const bob = recorder<OverviewMessage>();
    harness.overview.subscribe(ANN, ann.listener);
    harness.overview.subscribe(BOB, bob.listener);
    const snapshot = ann.messages[0];
    if (snapshot?.kind !== 'snapshot') throw new Error('expected a snapshot');
    expect(snapshot.queues.filter((tile) => tile.group).map((tile) => tile.queueId)).toEqual(['group:preset-chat', 'group:preset-mixed~chat', 'group:preset-mixed~voice']);

    const created = save(ANN, { name: 'Billing and sales', queueIds: ['q-billing', 'q-sales'] });
    if (!created.ok) throw new Error(created.error);
    const tileId = `group:${created.value.groupId}`;
    const findTile = (messages: OverviewMessage[]): QueueTile | undefined =>
      messages.flatMap((message) => (message.kind === 'diff' ? message.upsert : message.queues)).find((tile) => tile.queueId === tileId);
    const tile = await waitFor(() => findTile(ann.messages), { what: 'the new group tile' });
    expect(tile).toMatchObject({ name: 'Billing and sales', channel: 'chat', group: { groupId: created.value.groupId, queueIds: ['q-billing', 'q-sales'], preset: false } });
    expect(tile.metrics.assigned).toBe(2);
    expect(tile.metrics.queued).toBe(1);
    // Billing's 9 s and Sales' 3 s to assign, merged: (9 + 3) / 2.
    expect(tile.metrics.avgTimeToAssignSec).toBe(6);
    expect(tile.thresholds.queuedLow).toBe(6);
    expect(findTile(bob.messages)).toBeUndefined();

    const deleted = harness.api.commands['group.delete'](accessFor(ANN), { type: 'group.delete', groupId: created.value.groupId }, 'del');
    expect(deleted).toEqual({ ok: true, value: null });
    await waitFor(() => ann.messages.some((message) => message.kind === 'diff' && message.remove.includes(tileId)), { what: 'the tile to be removed' });
  });
});
