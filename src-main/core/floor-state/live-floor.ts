/**
 * The live floor: the one live state of the core and the one door into it. Feed events (already
 * stored) and feed snapshots enter through applyEvents/applySnapshot; the floor moves its state on
 * with the pure reducer, keeps the floor clock's offset, writes a checkpoint now and then so a
 * restart replays only the log's tail, and announces each change to the live views and areas.
 *
 * The core and the test kits build the same holder, so what a test drives is what the app runs.
 */
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import type { LiveChange, LiveSource } from '../live-views/live-source.js';
import type { Store } from '../store/store.js';
import { applyEventsTracked, applySnapshot, createLiveState } from './reducer.js';
import type { LiveState } from './state.js';
import { sealLiveState, unsealLiveState } from './sealed-checkpoint.js';

/** What the live floor needs of the store: the log to replay and the checkpoints. */
export type LiveFloorStore = Pick<Store, 'streamPosition' | 'readEvents' | 'saveCheckpoint' | 'loadCheckpoint'>;

export interface LiveFloorOptions {
  readonly store: LiveFloorStore;
  /** Wall clock (default Date.now). */
  readonly now?: () => number;
  /** When the feed was last heard (wall time): floor time runs on from it. Default: now. */
  readonly heardAt?: () => number;
  /** A floor clock set from outside (tests), instead of the feed's clock and the last event's offset. */
  readonly floorClock?: () => number;
  /** A checkpoint is written at most this often on the event path (default 30 s). */
  readonly checkpointEveryMs?: number;
}

export interface LiveFloor extends LiveSource {
  /** Stored events of the live stream: the state moves on and the views are told. */
  applyEvents(events: readonly FloorEvent[]): void;
  /** A stored snapshot of the live stream replaces the state; the views rebuild everything. */
  applySnapshot(snapshot: { readonly events: readonly FloorEvent[]; readonly seq: number }): void;
  /** Writes the state as a checkpoint (when the live stream has a stored position). */
  checkpoint(): void;
}

/** A checkpoint of the live state is written this often so a restart replays only the tail of the log. */
const CHECKPOINT_EVERY_MS = 30_000;
const REPLAY_PAGE = 5_000;

/** The live state as of the stored log: the last checkpoint plus the events after it. */
export function rebuildLiveState(store: LiveFloorStore): LiveState {
  const checkpoint = store.loadCheckpoint(LIVE_STREAM);
  let state = createLiveState();
  if (checkpoint) {
    try {
      state = unsealLiveState(checkpoint.stateJson);
    } catch {
      state = createLiveState();
    }
  }
  for (;;) {
    const events = store.readEvents(LIVE_STREAM, state.lastSeq, REPLAY_PAGE);
    if (events.length === 0) return state;
    state = applyEventsTracked(state, events).state;
  }
}

/** Opens the live floor on the store's log: the state is rebuilt from the last checkpoint. */
export function createLiveFloor(options: LiveFloorOptions): LiveFloor {
  const { store } = options;
  const now = options.now ?? Date.now;
  const heardAt = options.heardAt ?? now;
  const checkpointEveryMs = options.checkpointEveryMs ?? CHECKPOINT_EVERY_MS;
  const listeners = new Set<(change: LiveChange) => void>();
  let live = rebuildLiveState(store);
  let lastCheckpointAt = now();
  /** Floor time minus wall time at the last event, so time-driven metrics follow the floor's clock. */
  let floorOffsetMs = 0;

  function announce(change: LiveChange): void {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('[core] a live-state listener failed:', error);
      }
    }
  }

  function checkpoint(): void {
    if (!store.streamPosition(LIVE_STREAM)) return;
    store.saveCheckpoint(LIVE_STREAM, live.lastSeq, live.lastEventTime, sealLiveState(live));
    lastCheckpointAt = now();
  }

  return {
    live: () => live,
    floorNow: options.floorClock ?? (() => heardAt() + floorOffsetMs),
    onLiveChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    applyEvents(events) {
      if (events.length === 0) return;
      const { state, changedQueues } = applyEventsTracked(live, events);
      live = state;
      floorOffsetMs = live.lastEventTime - now();
      announce({ events, changedQueues, replaced: false });
      if (now() - lastCheckpointAt > checkpointEveryMs) checkpoint();
    },
    applySnapshot(snapshot) {
      live = applySnapshot(snapshot.events, snapshot.seq);
      floorOffsetMs = live.lastEventTime - now();
      checkpoint();
      announce({ events: [], changedQueues: new Set(live.queues.keys()), replaced: true });
    },
    checkpoint,
  };
}
