/**
 * The live floor at 10,000 agents (ADR 0049, addendum): what a batch costs and how long a
 * checkpoint holds the core's thread, through the real live floor, store file and checkpoint
 * directory, without the socket, the host's other work or Chromium (which bench/event-to-dom.ts's
 * 10k scenario adds, and which a loaded machine drowns).
 *
 * The simulator's 10,000-agent floor (40 queues, arrival scale 1.25 as in the 10k scenario) after
 * ten minutes of warm-up arrives as a snapshot; then 20 s of floor time in 100 ms batches are
 * stored through the store's ingest and applied to the floor, each batch on a later turn of the
 * event loop, as from a socket, while a background checkpoint runs.
 *
 * - `live_floor_10k_batch_apply_p50_ms`, `…_p99_ms`: applyEvents of one batch (the reducer and the
 *   announcement; no listener is attached).
 * - `live_checkpoint_10k_longest_hold_ms`: the longest stretch, between two batches' turns, that
 *   anything but the batches held the thread while the background checkpoint ran (its slices,
 *   its file's callbacks); `live_checkpoint_10k_background_ms`: the checkpoint from start to the
 *   row naming its file; `live_checkpoint_10k_bytes`: the file. Beside it the same before the
 *   checkpoint began and after it ended (`live_floor_10k_longest_hold_without_checkpoint_ms`): what
 *   the machine (collection, other processes) adds with no checkpoint running.
 * - `live_checkpoint_10k_on_thread_ms`: the same checkpoint written at once on the thread (what
 *   closing does); `live_checkpoint_10k_in_row_ms`: the checkpoint as builds before wrote it, whole
 *   into the store's row (the stall the background checkpoint replaces).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AREA_MIGRATIONS } from '../src-main/core/area-migrations.js';
import { CHECKPOINT_DIR_NAME } from '../src-main/core/floor-state/checkpoint-file.js';
import { createLiveFloor } from '../src-main/core/floor-state/live-floor.js';
import { sealLiveState } from '../src-main/core/floor-state/sealed-checkpoint.js';
import { openStore } from '../src-main/core/store/store.js';
import { createFloor } from '../src-main/sim/index.js';
import type { FloorEvent } from '../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../src-shared/protocol/frames.js';
import { percentile, report } from './stats.js';

const AGENTS = 10_000;
const QUEUES = 40;
const ARRIVAL_SCALE = 1.25;
const SEED = 29;
const EPOCH = 'live-floor-bench';
/** A fixed weekday afternoon, so every run has the same floor. */
const START = Date.UTC(2026, 2, 10, 15);
const BATCH_MS = 100;
const WINDOW_MS = 20_000;
/** Batches before the background checkpoint starts, so the floor is warm. */
const BATCHES_BEFORE_CHECKPOINT = 20;

export async function benchLiveFloor(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'floorwatch-bench-live-floor-'));
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  try {
    let floorNow = START;
    const floor = createLiveFloor({ store, checkpointDir: join(dataDir, CHECKPOINT_DIR_NAME), floorClock: () => floorNow, checkpointEveryMs: Number.POSITIVE_INFINITY });
    const simulated = createFloor({ seed: SEED, startTime: START, agents: AGENTS, queues: QUEUES, arrivalScale: ARRIVAL_SCALE, warmupMs: 10 * 60_000 });
    simulated.advanceTo(START);
    let seq = 1;
    const snapshot = simulated.snapshotEvents().map((event) => ({ ...event, seq }) as FloorEvent);
    store.applySnapshot({ stream: LIVE_STREAM, epoch: EPOCH, seq, events: snapshot });
    floor.applySnapshot({ events: snapshot, seq });

    const applyMs: number[] = [];
    /** Time between the end of one batch's work and the start of the next batch's turn. */
    const holdsDuringCheckpoint: number[] = [];
    const holdsBefore: number[] = [];
    let checkpoint: Promise<void> | null = null;
    let checkpointMs = Number.NaN;
    let events = 0;
    let batchEnd = performance.now();
    for (let at = START + BATCH_MS, index = 0; at <= START + WINDOW_MS; at += BATCH_MS, index += 1) {
      await nextTurn();
      (checkpoint === null ? holdsBefore : holdsDuringCheckpoint).push(performance.now() - batchEnd);
      floorNow = at;
      const batch = simulated.advanceTo(at).map((event) => ({ ...event, seq: ++seq }) as FloorEvent);
      if (batch.length > 0) {
        store.ingestBatch({ stream: LIVE_STREAM, epoch: EPOCH, events: batch, lastSeq: seq });
        const started = performance.now();
        floor.applyEvents(batch);
        applyMs.push(performance.now() - started);
        events += batch.length;
      }
      if (index === BATCHES_BEFORE_CHECKPOINT) {
        const started = performance.now();
        checkpoint = floor.checkpointInBackground().then(() => {
          checkpointMs = performance.now() - started;
          checkpoint = null;
        });
      }
      batchEnd = performance.now();
    }
    await checkpoint;
    const bytes = filesBytes(join(dataDir, CHECKPOINT_DIR_NAME));

    const onThreadStarted = performance.now();
    floor.checkpoint();
    const onThreadMs = performance.now() - onThreadStarted;
    const inRowStarted = performance.now();
    store.saveCheckpoint(LIVE_STREAM, floor.live().lastSeq, floor.live().lastEventTime, sealLiveState(floor.live()));
    const inRowMs = performance.now() - inRowStarted;

    report('live_floor_10k_events_per_s', events / (WINDOW_MS / 1_000), 'events/s');
    report('live_floor_10k_batch_apply_p50_ms', percentile(applyMs, 50), 'ms');
    report('live_floor_10k_batch_apply_p99_ms', percentile(applyMs, 99), 'ms');
    report('live_checkpoint_10k_longest_hold_ms', Math.max(...holdsDuringCheckpoint), 'ms');
    report('live_floor_10k_longest_hold_without_checkpoint_ms', Math.max(...holdsBefore), 'ms');
    report('live_checkpoint_10k_background_ms', checkpointMs, 'ms');
    report('live_checkpoint_10k_bytes', bytes, 'bytes');
    report('live_checkpoint_10k_on_thread_ms', onThreadMs, 'ms');
    report('live_checkpoint_10k_in_row_ms', inRowMs, 'ms');
  } finally {
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What the checkpoint directory holds (one file once a checkpoint is done). */
function filesBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) total += statSync(join(dir, name)).size;
  return total;
}
