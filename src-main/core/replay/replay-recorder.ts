/**
 * Writes replay checkpoints while the floor runs: after every snapshot (an epoch begins with one,
 * and a snapshot's events are not in the log, so without this checkpoint the epoch's start could
 * never be replayed) and then once a minute of floor time. Runs on the live floor's change
 * announcements, after the events are stored, so a checkpoint's seq always matches the log.
 */
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import { serializeLiveState, type LiveState } from '../floor-state/state.js';
import type { LiveSource } from '../live-views/live-source.js';
import type { Store } from '../store/store.js';
import type { ReplayLog } from './replay-log.js';

/** Replay checkpoints are this far apart in floor time: a seek applies at most this much of the log. */
export const REPLAY_CHECKPOINT_EVERY_MS = 60_000;
/** Checkpoints older than this (floor time) are dropped: the history area's retention keeps events no longer. */
export const REPLAY_CHECKPOINT_KEEP_MS = 8 * 86_400_000;

export interface ReplayRecorderOptions {
  readonly everyMs?: number;
  readonly keepMs?: number;
}

export interface ReplayRecorder {
  /** Writes a checkpoint of the live state now (when the live stream has a stored position). */
  record(): void;
  stop(): void;
}

/** Starts recording replay checkpoints of the live stream; a first one at once when the epoch has none yet. */
export function startReplayRecorder(source: LiveSource, store: Pick<Store, 'streamPosition'>, log: ReplayLog, options: ReplayRecorderOptions = {}): ReplayRecorder {
  const everyMs = options.everyMs ?? REPLAY_CHECKPOINT_EVERY_MS;
  const keepMs = options.keepMs ?? REPLAY_CHECKPOINT_KEEP_MS;
  let lastTime = Number.NEGATIVE_INFINITY;
  let lastEpoch: string | null = null;

  function write(state: LiveState, epoch: string): void {
    try {
      log.saveCheckpoint(LIVE_STREAM, epoch, state.lastSeq, state.lastEventTime, serializeLiveState(state));
      log.pruneCheckpoints(LIVE_STREAM, state.lastEventTime - keepMs);
    } catch (error) {
      // Replay loses a minute of seek points; the live floor must not lose its change.
      console.error('[core] a replay checkpoint could not be written:', error);
    }
    lastTime = state.lastEventTime;
    lastEpoch = epoch;
  }

  function record(): void {
    const epoch = store.streamPosition(LIVE_STREAM)?.epoch;
    if (epoch === undefined) return;
    write(source.live(), epoch);
  }

  const initialEpoch = store.streamPosition(LIVE_STREAM)?.epoch;
  if (initialEpoch !== undefined) {
    const newest = log.lastCheckpoint(LIVE_STREAM, initialEpoch);
    if (newest === null || newest.seq < source.live().lastSeq) record();
    else {
      lastTime = newest.time;
      lastEpoch = initialEpoch;
    }
  }

  const stop = source.onLiveChange((change) => {
    const state = source.live();
    if (change.replaced || lastEpoch === null || state.lastEventTime - lastTime >= everyMs) record();
  });
  return { record, stop: () => void stop() };
}
