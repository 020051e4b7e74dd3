/**
 * The rules behind the Customize dialog, as pure functions: which queues the list shows and in
 * what order, what "select all" does to the visible rows, and the queue-group rules (one channel
 * per group, a unique name, at least one queue) that the core enforces too.
 */
import type { QueueGroup } from '../../../src-shared/api/live-insights.js';
import type { Channel } from '../../../src-shared/protocol/events.js';
import { compareQueueNames, type QueueChoice } from '../../hooks/use-queue-choices.js';
import { useT } from '../../i18n/translate.js';

const t = useT('live-overview');

export type QueueSort = 'name' | 'channel';

const channelRank: Readonly<Record<Channel, number>> = { chat: 0, voice: 1 };

/** The rows the list shows: every word of the search in the name or id (any case), sorted by name or by channel then name. */
export function filterAndSortQueues(queues: readonly QueueChoice[], search: string, sort: QueueSort): readonly QueueChoice[] {
  const words = search.trim().toLocaleLowerCase().split(/\s+/).filter((word) => word.length > 0);
  const matching = queues.filter((queue) => {
    const haystack = `${queue.name} ${queue.queueId}`.toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const compare = sort === 'channel' ? (left: QueueChoice, right: QueueChoice) => channelRank[left.channel] - channelRank[right.channel] || compareQueueNames(left, right) : compareQueueNames;
  return [...matching].sort(compare);
}

/** Shows or hides one queue in the draft. */
export function toggleHidden(hidden: ReadonlySet<string>, queueId: string): ReadonlySet<string> {
  const next = new Set(hidden);
  if (next.has(queueId)) next.delete(queueId);
  else next.add(queueId);
  return next;
}

/**
 * "Select all" / "Select none" over the rows the list shows now. Rows filtered out by the search
 * keep their choice: selecting all of "sales" must not unhide every other queue.
 */
export function setShown(hidden: ReadonlySet<string>, rows: readonly QueueChoice[], shown: boolean): ReadonlySet<string> {
  const next = new Set(hidden);
  for (const row of rows) {
    if (shown) next.delete(row.queueId);
    else next.add(row.queueId);
  }
  return next;
}

/** State of the "select all" box over the rows shown: checked, unchecked or mixed. */
export function selectAllState(hidden: ReadonlySet<string>, rows: readonly QueueChoice[]): 'all' | 'none' | 'some' {
  if (rows.length === 0) return 'none';
  const shownCount = rows.filter((row) => !hidden.has(row.queueId)).length;
  return shownCount === rows.length ? 'all' : shownCount === 0 ? 'none' : 'some';
}

/**
 * The hidden ids to persist, sorted so an unchanged layout saves the same document. Ids of queues
 * not reported right now are kept: a queue that comes back stays hidden.
 */
export function hiddenToSave(hidden: ReadonlySet<string>): readonly string[] {
  return [...hidden].sort();
}

/** Whether the draft differs from what is saved (Apply has something to do). */
export function layoutChanged(saved: ReadonlySet<string>, draft: ReadonlySet<string>): boolean {
  if (saved.size !== draft.size) return true;
  for (const queueId of draft) if (!saved.has(queueId)) return true;
  return false;
}

// ---- queue groups ----

/** The channel a group draft is bound to: that of its first known queue, or null while it has none. */
export function draftChannel(queues: readonly QueueChoice[], selectedIds: readonly string[]): Channel | null {
  const byId = new Map(queues.map((queue) => [queue.queueId, queue]));
  for (const queueId of selectedIds) {
    const queue = byId.get(queueId);
    if (queue !== undefined) return queue.channel;
  }
  return null;
}

const channelNames: Readonly<Record<Channel, string>> = { chat: 'chat', voice: 'voice' };

/** Whether a queue can join the draft, and if not, the reason the UI shows beside it. */
export function queueSelectability(queue: QueueChoice, channel: Channel | null): { readonly enabled: boolean; readonly reason: string | null } {
  if (channel === null || queue.channel === channel) return { enabled: true, reason: null };
  return { enabled: false, reason: t('aGroupHoldsOne', { value0: channelNames[channel], value1: channelNames[queue.channel] }) };
}

/** Adds or removes a queue from the draft; a queue of the other channel is refused (the draft is returned unchanged). */
export function toggleGroupQueue(queues: readonly QueueChoice[], selectedIds: readonly string[], queueId: string): readonly string[] {
  if (selectedIds.includes(queueId)) return selectedIds.filter((selected) => selected !== queueId);
  const queue = queues.find((candidate) => candidate.queueId === queueId);
  if (queue === undefined) return selectedIds;
  if (!queueSelectability(queue, draftChannel(queues, selectedIds)).enabled) return selectedIds;
  return [...selectedIds, queueId];
}

export interface GroupDraft {
  /** Absent for a new group. */
  readonly groupId?: string;
  readonly name: string;
  readonly queueIds: readonly string[];
}

export const GROUP_NAME_MAX = 80;

/**
 * Why a group draft cannot be saved; empty when it can. The same rules as the core, checked
 * first so the user sees them before sending: a name (unique among the user's own groups), at
 * least one queue, every queue known, one channel only, and presets are never edited.
 */
export function groupDraftErrors(draft: GroupDraft, queues: readonly QueueChoice[], groups: readonly QueueGroup[]): readonly string[] {
  const errors: string[] = [];
  const name = draft.name.trim();
  if (name.length === 0) errors.push(t('groupNeedsName'));
  else if (name.length > GROUP_NAME_MAX) errors.push(t('groupNameTooLong', { max: GROUP_NAME_MAX }));
  else if (groups.some((group) => !group.preset && group.groupId !== draft.groupId && group.name.trim().toLocaleLowerCase() === name.toLocaleLowerCase())) {
    errors.push(t('groupNameTaken', { name }));
  }
  if (draft.groupId !== undefined && groups.some((group) => group.groupId === draft.groupId && group.preset)) errors.push(t('presetsNotEditable'));
  if (draft.queueIds.length === 0) errors.push(t('groupNeedsQueue'));
  const byId = new Map(queues.map((queue) => [queue.queueId, queue]));
  const unknown = draft.queueIds.filter((queueId) => !byId.has(queueId));
  if (unknown.length > 0) errors.push(t('unknownQueues', { count: unknown.length, queues: unknown.join(', ') }));
  const channels = new Set<Channel>();
  for (const queueId of draft.queueIds) {
    const queue = byId.get(queueId);
    if (queue !== undefined) channels.add(queue.channel);
  }
  if (channels.size > 1) errors.push(t('groupOneChannel'));
  return errors;
}

/** User groups first, then presets, each by name: presets are read-only and listed apart. */
export function sortGroups(groups: readonly QueueGroup[]): readonly QueueGroup[] {
  return [...groups].sort((left, right) => Number(left.preset) - Number(right.preset) || left.name.localeCompare(right.name, undefined, { numeric: true, sensitivity: 'base' }));
}
