/**
 * Rebuilding the floor as it was: the nearest replay checkpoint at or before the target, then the
 * pure reducer over the stored events up to it. A few rebuilt states are kept, so playing forward
 * applies only the events since the previous frame instead of starting from a checkpoint again.
 */
import { inflateSync } from 'node:zlib';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import { applyEvents } from '../floor-state/reducer.js';
import { deserializeOwnLiveState, type LiveState } from '../floor-state/state.js';
import type { ReplayLog } from './replay-log.js';

/** Where to rebuild the floor: as of an instant (every event at or before it), or just after one event. */
export type ReplayTarget = { readonly kind: 'instant'; readonly at: number } | { readonly kind: 'seq'; readonly seq: number };

export interface ReplayedFloor {
  readonly state: LiveState;
  /** The last event applied, or null when the state is a checkpoint's. */
  readonly lastEvent: FloorEvent | null;
}

export interface ReplayEngine {
  /** The floor of `epoch` at the target; refused before the epoch's first checkpoint. */
  rebuild(epoch: string, target: ReplayTarget): Result<ReplayedFloor>;
}

/** Events read and applied at a time: the reducer's cost per call grows with the floor, so large pages. */
const PAGE = 20_000;
const KEPT_STATES = 4;

interface Kept {
  readonly epoch: string;
  readonly floor: ReplayedFloor;
}

function reaches(state: LiveState, target: ReplayTarget): boolean {
  return target.kind === 'instant' ? state.lastEventTime <= target.at : state.lastSeq <= target.seq;
}

/** A replay engine over one stream of the log. */
export function createReplayEngine(log: ReplayLog, stream: string): ReplayEngine {
  let kept: Kept[] = [];

  function startingPoint(epoch: string, target: ReplayTarget): ReplayedFloor | null {
    const checkpoint = target.kind === 'instant' ? log.checkpointAtOrBefore(stream, epoch, target.at) : log.checkpointAtOrBelowSeq(stream, epoch, target.seq);
    if (!checkpoint) return null;
    // A kept state past the checkpoint and not past the target saves the walk from the checkpoint.
    let best: ReplayedFloor | null = null;
    for (const entry of kept) {
      if (entry.epoch !== epoch || entry.floor.state.lastSeq < checkpoint.seq || !reaches(entry.floor.state, target)) continue;
      if (best === null || entry.floor.state.lastSeq > best.state.lastSeq) best = entry.floor;
    }
    return best ?? { state: deserializeOwnLiveState(inflateSync(checkpoint.stateDeflated).toString('utf8')), lastEvent: null };
  }

  return {
    rebuild(epoch, target) {
      const start = startingPoint(epoch, target);
      if (start === null) {
        const first = log.firstCheckpoint(stream, epoch);
        return fail(first === null ? 'The local log holds nothing to replay yet.' : `The local log starts at ${new Date(first.time).toISOString()}; nothing before it can be replayed (raw feed events are kept for the days set under Conversations, Retention).`);
      }
      let { state, lastEvent } = start;
      for (;;) {
        const events = log.eventsAfter(stream, epoch, state.lastSeq, PAGE);
        const taken: FloorEvent[] = [];
        for (const event of events) {
          if (target.kind === 'instant' ? event.time > target.at : event.seq > target.seq) break;
          taken.push(event);
        }
        if (taken.length > 0) {
          state = applyEvents(state, taken);
          lastEvent = taken[taken.length - 1] ?? lastEvent;
        }
        if (taken.length < events.length || events.length < PAGE) break;
      }
      const floor: ReplayedFloor = { state, lastEvent };
      kept = [{ epoch, floor }, ...kept.filter((entry) => entry.floor.state !== state)].slice(0, KEPT_STATES);
      return ok(floor);
    },
  };
}
