/**
 * Writes replay checkpoints while the floor runs: after every snapshot (an epoch begins with one,
 * and a snapshot's events are not in the log, so without this checkpoint the epoch's start could
 * never be replayed), then every so many events or minutes of floor time, whichever comes first,
 * so a seek folds a bounded number of events however busy the floor is.
 *
 * Off the live path: a change only takes the state's reference (the live state is immutable);
 * serialising runs in slices across turns of the event loop (checkpoint-text.ts), the first after
 * the batch has been published, and deflating runs on libuv's thread pool. One checkpoint is in flight at a time; a due checkpoint
 * that finds one in flight waits for the next change. Runs after the events are stored, so a
 * checkpoint's seq always matches the log.
 */
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import type { LiveState } from '../floor-state/state.js';
import { checkpointTextInSlices } from '../floor-state/checkpoint-text.js';
import type { LiveSource } from '../live-views/live-source.js';
import type { Store } from '../store/store.js';
import type { ReplayLog } from './replay-log.js';

/** A checkpoint at least every this many events: a seek folds at most about this many. */
export const REPLAY_CHECKPOINT_EVERY_EVENTS = 25_000;
/** And at least every this much floor time, so a quiet floor still gets seek points. */
export const REPLAY_CHECKPOINT_EVERY_MS = 5 * 60_000;
/** zlib level: 6 is within a few per cent of 9 at a third of the time (ADR 0025's measurements). */
const DEFLATE_LEVEL = 6;
const deflateAsync = promisify(deflate);

export interface ReplayRecorderOptions {
  readonly everyEvents?: number;
  readonly everyMs?: number;
}

export interface ReplayRecorder {
  /** Takes a checkpoint of the live state now (when the live stream has a stored position). */
  record(): void;
  /** Resolves when every checkpoint taken so far is written (tests, the bench, closing). */
  settled(): Promise<void>;
  stop(): void;
}

interface Capture {
  readonly state: LiveState;
  readonly epoch: string;
}

/** Starts recording replay checkpoints of the live stream; a first one at once when the epoch has none yet. */
export function startReplayRecorder(source: LiveSource, store: Pick<Store, 'streamPosition'>, log: ReplayLog, options: ReplayRecorderOptions = {}): ReplayRecorder {
  const everyEvents = options.everyEvents ?? REPLAY_CHECKPOINT_EVERY_EVENTS;
  const everyMs = options.everyMs ?? REPLAY_CHECKPOINT_EVERY_MS;
  let lastTime = Number.NEGATIVE_INFINITY;
  let lastEpoch: string | null = null;
  let eventsSince = 0;
  /** Captures taken and not yet written, oldest first: a snapshot's is never dropped. */
  const queue: Capture[] = [];
  let writing: Promise<void> = Promise.resolve();
  let stopped = false;

  async function write(capture: Capture): Promise<void> {
    try {
      const text = await checkpointTextInSlices(capture.state, { cancelled: () => stopped });
      if (text === null) return;
      const deflated = await deflateAsync(text.parts.join(''), { level: DEFLATE_LEVEL });
      if (!stopped) {
        log.saveCheckpoint(LIVE_STREAM, capture.epoch, capture.state.lastSeq, capture.state.lastEventTime, deflated);
        log.pruneCheckpoints(LIVE_STREAM, capture.epoch);
      }
    } catch (failure) {
      // Replay loses one seek point; the live floor must not lose its change.
      console.error('[core] a replay checkpoint could not be written:', failure);
    }
  }

  function take(epoch: string, forced: boolean): void {
    // A routine checkpoint waits while another is in flight; a snapshot's always queues.
    if (!forced && queue.length > 0) return;
    const capture = { state: source.live(), epoch };
    queue.push(capture);
    lastTime = capture.state.lastEventTime;
    lastEpoch = epoch;
    eventsSince = 0;
    writing = writing.then(() => write(capture)).then(() => void queue.shift());
  }

  function record(): void {
    const epoch = store.streamPosition(LIVE_STREAM)?.epoch;
    if (epoch !== undefined) take(epoch, true);
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
    eventsSince += change.events.length;
    if (change.replaced || lastEpoch === null) return record();
    const state = source.live();
    if (eventsSince >= everyEvents || state.lastEventTime - lastTime >= everyMs) {
      const epoch = store.streamPosition(LIVE_STREAM)?.epoch;
      if (epoch !== undefined) take(epoch, epoch !== lastEpoch);
    }
  });
  return {
    record,
    settled: () => writing,
    stop: () => {
      stopped = true;
      stop();
    },
  };
}
