/**
 * The live overview as the UI holds it: tiles by queue id, a stable display order and the floor
 * position they reflect. Unchanged tiles keep their identity across messages so only the tiles
 * that changed re-render.
 */
import { GROUP_TILE_PREFIX, groupTileId, isGroupTileId, type OverviewMessage, type QueueTile } from '../../src-shared/api/live.js';
import { assertNever } from '../../src-shared/result.js';
import { plainEqual } from './plain-equal.js';

export interface OverviewState {
  /** False until the first snapshot: diffs before it cannot be applied. */
  readonly loaded: boolean;
  readonly queues: Readonly<Record<string, QueueTile>>;
  /** Queue ids in display order (by name, then id). */
  readonly order: readonly string[];
  readonly asOfSeq: number | null;
  readonly asOfTime: number | null;
  /** Why the overview cannot be shown (e.g. the subscription was refused); null when fine. */
  readonly error: string | null;
}

export const initialOverviewState: OverviewState = {
  loaded: false,
  queues: {},
  order: [],
  asOfSeq: null,
  asOfTime: null,
  error: null,
};

export { GROUP_TILE_PREFIX, groupTileId, isGroupTileId };

function displayOrder(queues: Readonly<Record<string, QueueTile>>, previous: readonly string[]): readonly string[] {
  // Groups first: each summarises queues listed after it.
  const rank = (tile: QueueTile): number => (tile.group !== undefined || isGroupTileId(tile.queueId) ? 0 : 1);
  const next = Object.values(queues)
    .sort(
      (left, right) =>
        rank(left) - rank(right) ||
        left.name.localeCompare(right.name, undefined, { numeric: true, sensitivity: 'base' }) ||
        (left.queueId < right.queueId ? -1 : left.queueId > right.queueId ? 1 : 0),
    )
    .map((tile) => tile.queueId);
  return next.length === previous.length && next.every((queueId, index) => queueId === previous[index]) ? previous : next;
}

function keepIfSame(previous: QueueTile | undefined, incoming: QueueTile): QueueTile {
  return previous !== undefined && plainEqual(previous, incoming) ? previous : incoming;
}

/**
 * Applies a snapshot or a diff from the 'overview' topic.
 * A snapshot replaces everything (it follows every (re)subscribe). A diff is applied only on top
 * of a snapshot and never moves the floor position backwards; diffs at the same position are
 * accepted because time-driven metrics (longest wait) change without new events.
 */
export function reduceOverview(state: OverviewState, message: OverviewMessage): OverviewState {
  switch (message.kind) {
    case 'snapshot': {
      const queues: Record<string, QueueTile> = {};
      for (const tile of message.queues) queues[tile.queueId] = keepIfSame(state.queues[tile.queueId], tile);
      const previousIds = Object.keys(state.queues);
      const sameSet = previousIds.length === message.queues.length && previousIds.every((queueId) => queues[queueId] === state.queues[queueId]);
      return {
        loaded: true,
        queues: sameSet ? state.queues : queues,
        order: displayOrder(queues, state.order),
        asOfSeq: message.asOfSeq,
        asOfTime: message.asOfTime,
        error: null,
      };
    }
    case 'diff': {
      if (!state.loaded) return state;
      if (state.asOfSeq !== null && message.asOfSeq < state.asOfSeq) return state;
      let queues: Record<string, QueueTile> | null = null;
      const writable = (): Record<string, QueueTile> => (queues ??= { ...state.queues });
      for (const tile of message.upsert) {
        const kept = keepIfSame(state.queues[tile.queueId], tile);
        if (kept !== state.queues[tile.queueId]) writable()[tile.queueId] = kept;
      }
      for (const queueId of message.remove) {
        if (queueId in (queues ?? state.queues)) delete writable()[queueId];
      }
      const nextQueues = queues ?? state.queues;
      return {
        ...state,
        queues: nextQueues,
        order: nextQueues === state.queues ? state.order : displayOrder(nextQueues, state.order),
        asOfSeq: message.asOfSeq,
        asOfTime: message.asOfTime,
      };
    }
    default:
      return assertNever(message, 'overview message');
  }
}

/**
 * The tile ids to draw, in display order: every group tile and every queue tile the user did not
 * hide. Hiding applies to queues only; a group stays visible even when some of its queues are hidden.
 * Returns `order` itself when nothing is hidden, so memoised children keep their props.
 */
export function visibleTileIds(order: readonly string[], hiddenQueueIds: ReadonlySet<string>): readonly string[] {
  if (hiddenQueueIds.size === 0) return order;
  const visible = order.filter((tileId) => isGroupTileId(tileId) || !hiddenQueueIds.has(tileId));
  return visible.length === order.length ? order : visible;
}

export interface OverviewCounts {
  /** Queue tiles the feed reports (in scope), hidden or not. */
  readonly queues: number;
  /** Of those, hidden by the user's layout. */
  readonly hidden: number;
  readonly groups: number;
}

/** How many queues, hidden queues and groups the overview holds: the queue count says queues, not tiles. */
export function overviewCounts(order: readonly string[], hiddenQueueIds: ReadonlySet<string>): OverviewCounts {
  let queues = 0;
  let hidden = 0;
  let groups = 0;
  for (const tileId of order) {
    if (isGroupTileId(tileId)) groups += 1;
    else {
      queues += 1;
      if (hiddenQueueIds.has(tileId)) hidden += 1;
    }
  }
  return { queues, hidden, groups };
}
