/**
 * The live floor: the one live state of the core and the one door into it. Feed events (already
 * stored) and feed snapshots enter through applyEvents/applySnapshot; the floor moves its state on
 * with the pure reducer, keeps the floor clock's offset, writes a checkpoint now and then so a
 * restart replays only the log's tail, and announces each change to the live views and areas.
 *
 * With a checkpoint directory (the core's), the routine checkpoint never holds the thread: its text
 * is built in slices across turns of the event loop from the state captured when it began, and
 * written to a file of its own off the thread (checkpoint-file.ts); the store's row then points to it.
 *
 * The core and the test kits build the same holder, so what a test drives is what the app runs.
 */
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import { errorMessage } from '../../../src-shared/errors.js';
import type { LiveChange, LiveSource } from '../live-views/live-source.js';
import type { Store } from '../store/store.js';
import { applyEventsTracked, applySnapshot, createLiveState } from './reducer.js';
import { serializeLiveState, type LiveState } from './state.js';
import { digestOf, sealLiveState } from './sealed-checkpoint.js';
import { checkpointTextInSlices } from './checkpoint-text.js';
import { checkpointIntervalMs } from './checkpoint-interval.js';
import {
  pointerText,
  readPointer,
  removeCheckpointFile,
  removeCheckpointFileNow,
  removeCheckpointFilesExcept,
  restoreCheckpoint,
  writeCheckpointFile,
  writeCheckpointFileNow,
} from './checkpoint-file.js';

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
  /**
   * A checkpoint is written at most this often on the event path (default 30 s), longer for a large
   * floor: the interval grows with the last checkpoint's size (checkpoint-interval.ts).
   */
  readonly checkpointEveryMs?: number;
  /** Checkpoint text up to this size keeps checkpointEveryMs (default BASE_INTERVAL_BYTES; tests: small). */
  readonly checkpointScaleBytes?: number;
  /**
   * Where checkpoints are written as files of their own, built and written off the thread (the
   * core: `<dataDir>/live-floor`). Without it a checkpoint is written whole into the store's row
   * on the thread, as test kits without a data directory do.
   */
  readonly checkpointDir?: string;
  /** The budget of one slice of a checkpoint built in the background, ms (tests: 0 yields after every piece). */
  readonly checkpointSliceMs?: number;
}

export interface LiveFloor extends LiveSource {
  /** Stored events of the live stream: the state moves on and the views are told. */
  applyEvents(events: readonly FloorEvent[]): void;
  /** A stored snapshot of the live stream replaces the state; the views rebuild everything. */
  applySnapshot(snapshot: { readonly events: readonly FloorEvent[]; readonly seq: number }): void;
  /**
   * Writes the state as a checkpoint now, on this thread (closing, a snapshot, tests), when the live
   * stream has a stored position. A checkpoint being built in the background gives up.
   */
  checkpoint(): void;
  /**
   * Writes the state as of now as a checkpoint across turns of the event loop (with a checkpoint
   * directory; without one, as checkpoint()). Resolves when it is stored, or given up because a
   * checkpoint on the thread or a snapshot came first. One at a time: while one runs, its promise.
   */
  checkpointInBackground(): Promise<void>;
}

/** A checkpoint of the live state is written this often so a restart replays only the tail of the log. */
const CHECKPOINT_EVERY_MS = 30_000;
const REPLAY_PAGE = 5_000;

/** The live state as of the stored log: the last checkpoint plus the events after it. */
export function rebuildLiveState(store: LiveFloorStore, checkpointDir?: string): LiveState {
  const checkpoint = store.loadCheckpoint(LIVE_STREAM);
  let state = createLiveState();
  if (checkpoint) {
    try {
      state = restoreCheckpoint(checkpoint.stateJson, checkpointDir);
    } catch (error) {
      console.warn(`[core] the live floor's checkpoint could not be read, so the state is rebuilt from the event log: ${errorMessage(error)}`);
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
  const checkpointDir = options.checkpointDir;
  const listeners = new Set<(change: LiveChange) => void>();
  let live = rebuildLiveState(store, checkpointDir);
  let lastCheckpointAt = now();
  /** The interval after the last checkpoint, scaled with its size. */
  let everyMs = checkpointEveryMs;
  const scaleTo = (textBytes: number): void => {
    everyMs = checkpointIntervalMs(checkpointEveryMs, textBytes, options.checkpointScaleBytes);
  };
  /** The checkpoint file the store's row names (removed once a newer one is named). */
  let currentFile = checkpointDir === undefined ? null : fileNamedByRow(store);
  if (checkpointDir !== undefined) removeCheckpointFilesExcept(checkpointDir, currentFile);
  /** Moves on with every checkpoint on the thread: a background one that sees it move gives up. */
  let generation = 0;
  let background: Promise<void> | null = null;
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
    generation += 1;
    if (!store.streamPosition(LIVE_STREAM)) return;
    if (checkpointDir === undefined) {
      const sealed = sealLiveState(live);
      store.saveCheckpoint(LIVE_STREAM, live.lastSeq, live.lastEventTime, sealed);
      scaleTo(sealed.length);
    } else {
      const text = serializeLiveState(live);
      scaleTo(text.length);
      const pointer = writeCheckpointFileNow(checkpointDir, live.lastSeq, text, digestOf(text));
      store.saveCheckpoint(LIVE_STREAM, live.lastSeq, live.lastEventTime, pointerText(pointer));
      const previous = currentFile;
      currentFile = pointer.file;
      if (previous !== null) removeCheckpointFileNow(checkpointDir, previous);
    }
    lastCheckpointAt = now();
  }

  function checkpointInBackground(): Promise<void> {
    if (background) return background;
    if (checkpointDir === undefined) {
      checkpoint();
      return Promise.resolve();
    }
    lastCheckpointAt = now();
    const started = generation;
    background = writeInBackground(checkpointDir, live, () => generation !== started)
      .catch((error: unknown) => console.error('[core] a live floor checkpoint could not be written:', error))
      .finally(() => {
        background = null;
      });
    return background;
  }

  async function writeInBackground(dir: string, captured: LiveState, cancelled: () => boolean): Promise<void> {
    const epoch = store.streamPosition(LIVE_STREAM)?.epoch;
    if (epoch === undefined) return;
    const text = await checkpointTextInSlices(captured, { cancelled, ...(options.checkpointSliceMs === undefined ? {} : { sliceMs: options.checkpointSliceMs }) });
    if (text === null) return;
    scaleTo(text.bytes);
    const pointer = await writeCheckpointFile(dir, captured.lastSeq, text, cancelled);
    if (pointer === null) return;
    // The row must name a state of the stream's current epoch, taken after the last checkpoint on the thread.
    if (cancelled() || store.streamPosition(LIVE_STREAM)?.epoch !== epoch) {
      await removeCheckpointFile(dir, pointer.file);
      return;
    }
    store.saveCheckpoint(LIVE_STREAM, captured.lastSeq, captured.lastEventTime, pointerText(pointer));
    const previous = currentFile;
    currentFile = pointer.file;
    if (previous !== null) await removeCheckpointFile(dir, previous);
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
      if (now() - lastCheckpointAt > everyMs) void checkpointInBackground();
    },
    applySnapshot(snapshot) {
      live = applySnapshot(snapshot.events, snapshot.seq);
      floorOffsetMs = live.lastEventTime - now();
      checkpoint();
      announce({ events: [], changedQueues: new Set(live.queues.keys()), replaced: true });
    },
    checkpoint,
    checkpointInBackground,
  };
}

/** The checkpoint file the store's row names, if it names one (a damaged row names none). */
function fileNamedByRow(store: LiveFloorStore): string | null {
  const stored = store.loadCheckpoint(LIVE_STREAM)?.stateJson;
  if (stored === undefined) return null;
  try {
    return readPointer(stored)?.file ?? null;
  } catch {
    return null;
  }
}
