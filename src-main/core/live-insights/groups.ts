/**
 * Queue groups: organisation presets (from the feed's queue configuration) and users' own groups,
 * what each session sees of them, and the rules a saved group must follow.
 *
 * A preset whose queues mix channels is split into one group per channel (ids `<preset>~chat`,
 * `<preset>~voice`): docs/product.md §2 says a group is made of queues of one channel only, and the
 * feed cannot be refused, so the console keeps both halves usable rather than dropping the preset.
 */
import type { LiveTarget, QueueGroup } from '../../../src-shared/api/live-insights.js';
import type { Channel } from '../../../src-shared/protocol/events.js';
import { assertNever, fail, ok, type Result } from '../../../src-shared/result.js';
import { inScope, type Session } from '../api/session.js';
import type { LiveState } from '../floor-state/state.js';
import type { Preferences, SavedGroup } from './preferences.js';

/** "preset-chat-americas" → "Chat Americas": presets arrive as ids only. */
export function presetName(presetId: string): string {
  const words = presetId.replace(/^preset[-_ ]*/i, '').split(/[-_ ]+/).filter((word) => word.length > 0);
  if (words.length === 0) return presetId;
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/** The organisation presets of the live floor, one channel each, sorted by name. */
export function presetGroups(state: LiveState): QueueGroup[] {
  const byPreset = new Map<string, Map<Channel, string[]>>();
  for (const queue of state.queues.values()) {
    for (const presetId of queue.presetGroups) {
      let channels = byPreset.get(presetId);
      if (!channels) {
        channels = new Map();
        byPreset.set(presetId, channels);
      }
      const queueIds = channels.get(queue.channel) ?? [];
      queueIds.push(queue.queueId);
      channels.set(queue.channel, queueIds);
    }
  }
  const groups: QueueGroup[] = [];
  for (const [presetId, channels] of byPreset) {
    const split = channels.size > 1;
    for (const [channel, queueIds] of channels) {
      groups.push({
        groupId: split ? `${presetId}~${channel}` : presetId,
        name: split ? `${presetName(presetId)} (${channel})` : presetName(presetId),
        channel,
        queueIds: queueIds.sort(),
        preset: true,
      });
    }
  }
  return groups.sort((a, b) => a.name.localeCompare(b.name) || (a.groupId < b.groupId ? -1 : 1));
}

/**
 * Every group the session sees: the presets, then the user's own, each limited to the queues in
 * the session's scope; a group with no queue left in scope is not shown at all.
 */
export function visibleGroups(session: Session, state: LiveState, preferences: Preferences): QueueGroup[] {
  const groups: QueueGroup[] = [];
  for (const group of [...presetGroups(state), ...preferences.userGroups(session.userId)]) {
    if (session.queueScope === null) {
      groups.push(group);
      continue;
    }
    const queueIds = group.queueIds.filter((queueId) => inScope(session, queueId));
    if (queueIds.length > 0) groups.push({ ...group, queueIds });
  }
  return groups;
}

/** The queues a detail view covers, and the group when it is one. */
export interface ResolvedTarget {
  readonly queueIds: readonly string[];
  readonly group: QueueGroup | null;
}

/** Turns a view's target into its queues, refusing what the session may not see. */
export function resolveTarget(session: Session, target: LiveTarget, state: LiveState, preferences: Preferences): Result<ResolvedTarget> {
  switch (target.kind) {
    case 'queue':
      if (!inScope(session, target.queueId)) return fail(`Queue ${target.queueId} is outside your queues.`);
      if (!state.queues.has(target.queueId)) return fail(`No queue ${target.queueId}.`);
      return ok({ queueIds: [target.queueId], group: null });
    case 'group': {
      const group = visibleGroups(session, state, preferences).find((candidate) => candidate.groupId === target.groupId);
      if (!group) return fail(`No group ${target.groupId}.`);
      return ok({ queueIds: group.queueIds, group });
    }
    default:
      return assertNever(target, 'live target');
  }
}

export interface GroupDraft {
  readonly groupId: string | null;
  readonly name: string;
  readonly queueIds: readonly string[];
}

/**
 * Checks a group the user wants to save and returns it ready to store.
 *
 * Refused: a preset (not editable), someone else's group, no queue, an unknown queue or one
 * outside the user's scope, queues of more than one channel, and a name the user already uses.
 */
export function validateGroup(session: Session, draft: GroupDraft, state: LiveState, preferences: Preferences, newGroupId: () => string): Result<SavedGroup> {
  if (draft.groupId !== null) {
    if (presetGroups(state).some((preset) => preset.groupId === draft.groupId)) return fail(`Group ${draft.groupId} is an organisation preset and cannot be edited.`);
    const owner = preferences.groupOwner(draft.groupId);
    if (owner === null) return fail(`No group ${draft.groupId}.`);
    if (owner !== session.userId) return fail(`No group ${draft.groupId}.`);
  }
  const name = draft.name.trim();
  if (name.length === 0) return fail('A group needs a name.');
  const queueIds = [...new Set(draft.queueIds)];
  if (queueIds.length === 0) return fail('A group needs at least one queue.');
  const channels = new Set<Channel>();
  for (const queueId of queueIds) {
    if (!inScope(session, queueId)) return fail(`Queue ${queueId} is outside your queues.`);
    const queue = state.queues.get(queueId);
    if (!queue) return fail(`No queue ${queueId}.`);
    channels.add(queue.channel);
  }
  const [channel] = channels;
  if (channel === undefined || channels.size > 1) return fail('A group takes queues of one channel only (chat or voice), not both.');
  if (preferences.groupNameTaken(session.userId, name, draft.groupId)) return fail(`You already have a group named "${name}".`);
  return ok({ groupId: draft.groupId ?? newGroupId(), name, channel, queueIds });
}
