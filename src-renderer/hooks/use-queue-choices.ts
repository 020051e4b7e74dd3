/** The queues a user can pick from (Customize, groups, overflow targets, transfers): the core's list merged with the overview tiles. */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { QueueTile } from '../../src-shared/api/live.js';
import { useQuery } from './use-api.js';
import { useConsole } from './store-context.js';
import { isGroupTileId } from '../store/overview-slice.js';
import type { Channel } from '../../src-shared/protocol/events.js';

/** A queue as a picker lists it. */
export interface QueueChoice {
  readonly queueId: string;
  readonly name: string;
  readonly channel: Channel;
}

/** By name as a person reads it (numbers in order, any case), then by id so the order is total. */
export function compareQueueNames(left: QueueChoice, right: QueueChoice): number {
  return left.name.localeCompare(right.name, undefined, { numeric: true, sensitivity: 'base' }) || (left.queueId < right.queueId ? -1 : left.queueId > right.queueId ? 1 : 0);
}

/**
 * Queues known from the core's list and from the overview tiles, once each. The list may lag the
 * tiles (or fail), and the tiles may lack a queue the user hid, so both feed the dialog.
 */
export function mergeQueueChoices(listed: readonly QueueChoice[], fromTiles: readonly QueueChoice[]): readonly QueueChoice[] {
  const byId = new Map<string, QueueChoice>();
  for (const queue of fromTiles) byId.set(queue.queueId, { queueId: queue.queueId, name: queue.name, channel: queue.channel });
  for (const queue of listed) byId.set(queue.queueId, { queueId: queue.queueId, name: queue.name, channel: queue.channel });
  return [...byId.values()].sort(compareQueueNames);
}

/**
 * Queue tiles as choices, each encoded as a string: tiles change identity with every metric
 * update, their name and channel almost never, and strings compare by value (useShallow).
 */
function tileChoiceKeys(queues: Readonly<Record<string, QueueTile>>, order: readonly string[]): readonly string[] {
  const keys: string[] = [];
  for (const tileId of order) {
    const tile = queues[tileId];
    if (tile !== undefined && !isGroupTileId(tileId)) keys.push(JSON.stringify([tile.queueId, tile.name, tile.channel]));
  }
  return keys;
}

function choiceFromKey(key: string): QueueChoice {
  const [queueId, name, channel] = JSON.parse(key) as [string, string, QueueChoice['channel']];
  return { queueId, name, channel };
}

/** Every queue the user may see, by name; `enabled` false skips the core's list (e.g. while a dialog is closed). */
export function useQueueChoices(enabled = true): readonly QueueChoice[] {
  const listed = useQuery<'queues.list'>(enabled ? { type: 'queues.list' } : null);
  const tileKeys = useConsole(useShallow((state) => tileChoiceKeys(state.overview.queues, state.overview.order)));
  const listedQueues = listed.status === 'ready' ? listed.value : null;
  return useMemo(() => mergeQueueChoices(listedQueues ?? [], tileKeys.map(choiceFromKey)), [tileKeys, listedQueues]);
}
