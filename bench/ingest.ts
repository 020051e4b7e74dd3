/**
 * ingest_events_per_s: simulator events, as JSON frames, through the real ingest path — the feed
 * client's decoding, validation and sequencing, then the store's one-transaction-per-group write
 * (event log, projections, FTS, rollups, position) — into an on-disk WAL database with the WAL
 * checkpoint worker running beside it, as in the core. raw_insert_rows_per_s: the same rows as
 * plain batched better-sqlite3 inserts.
 *
 * Every run stores the same events (INGEST_EVENTS, about 12 s at the budget's rate) into a fresh
 * file, three runs after a short warm-up run, and the median run is reported: a run sized from a probe's rate stored more events when the
 * probe was fast, into a larger file, and was not comparable with the next (ADR 0059). Only the
 * frames' text is held while the path runs, as a socket's buffers would; the parsed events of the
 * generator are dropped first, so the collector does not mark a million objects the console would
 * never hold.
 */
import { SYSTEM_FEED_TIMING } from '../src-main/core/feed/ws-socket.js';
import Database from 'better-sqlite3';
import { rmSync, statSync } from 'node:fs';
import { GCProfiler } from 'node:v8';
import { join } from 'node:path';
import { FeedClient } from '../src-main/core/feed/feed-client.js';
import type { FeedSocket, FeedSocketHandlers } from '../src-main/core/feed/feed-socket.js';
import { createStoreSink } from '../src-main/core/store-sink.js';
import { AREA_MIGRATIONS } from '../src-main/core/area-migrations.js';
import { openStore } from '../src-main/core/store/store.js';
import { startWalCheckpointer } from '../src-main/core/store/wal-checkpointer.js';
import { createFloor } from '../src-main/sim/index.js';
import type { FloorEvent } from '../src-shared/protocol/events.js';
import { LIVE_STREAM, PROTOCOL_VERSION } from '../src-shared/protocol/frames.js';
import { tempDir } from '../tests/support/host-process.js';
import { report } from './stats.js';
import { cpuBetween, machineCpuMicros, threadCpuMicros } from './thread-cpu.js';
import { availableParallelism } from 'node:os';

const FRAME_EVENTS = 500;
/** Events of the measured run: at least 10 s up to 120,000 events/s (`FLOORWATCH_BENCH_INGEST_EVENTS` changes it). */
const INGEST_EVENTS = Number(process.env.FLOORWATCH_BENCH_INGEST_EVENTS ?? 1_200_000);
const WARM_UP_EVENTS = 50_000;
/** Measured runs of those events, each into a fresh file; the figures are the median run's (`FLOORWATCH_BENCH_INGEST_RUNS`). */
const INGEST_RUNS = Math.max(1, Number(process.env.FLOORWATCH_BENCH_INGEST_RUNS ?? 3));
const EPOCH = 'bench';

interface Frames {
  readonly frames: string[];
  readonly events: number;
  readonly messages: number;
}

/** Simulated floor events, numbered, framed as the feed would send them: only the frames' text is kept. */
function generateFrames(totalEvents: number): Frames {
  const start = Date.parse('2026-11-24T13:00:00Z');
  const floor = createFloor({ seed: 99, startTime: start, agents: 2_000, queues: 20 });
  const frames: string[] = [];
  let pending: FloorEvent[] = [];
  let events = 0;
  let messages = 0;
  let time = start;
  while (events < totalEvents) {
    time += 1_000;
    for (const input of floor.advanceTo(time)) {
      if (events === totalEvents) break;
      events += 1;
      if (input.type === 'conversation.message') messages += 1;
      pending.push({ ...input, seq: events } as FloorEvent);
      if (pending.length === FRAME_EVENTS) {
        frames.push(JSON.stringify({ type: 'events', stream: LIVE_STREAM, epoch: EPOCH, events: pending }));
        pending = [];
      }
    }
  }
  if (pending.length > 0) frames.push(JSON.stringify({ type: 'events', stream: LIVE_STREAM, epoch: EPOCH, events: pending }));
  return { frames, events, messages };
}

/** A feed socket whose frames the benchmark hands over directly: the client cannot tell it from ws. */
class LoopbackSocket implements FeedSocket {
  handlers: FeedSocketHandlers | null = null;
  listen(handlers: FeedSocketHandlers): void {
    this.handlers = handlers;
    queueMicrotask(() => handlers.open());
  }
  send(): void {}
  close(code = 1000, reason = ''): void {
    this.handlers?.close(code, reason);
  }
  terminate(): void {
    this.handlers?.close(1006, '');
  }
}

interface IngestRun {
  readonly eventsPerSecond: number;
  /** CPU time of the whole process (the ingest thread and the checkpoint worker) an event, in microseconds. */
  readonly cpuMicrosPerEvent: number;
  /** The same split by thread (Linux only; null elsewhere): the thread that runs the path, the checkpoint worker, V8's helpers. */
  readonly threads: { main: number; checkpointer: number; rest: number } | null;
  /** Main-thread pauses of the garbage collector during the run. */
  readonly gcPauseMs: number;
  /** The WAL file's largest size, read every WAL_SAMPLE_FRAMES frames, and the checkpoint worker's passes that copied frames. */
  readonly walMaxBytes: number;
  readonly checkpointPasses: number;
  /**
   * What else ran on the machine meanwhile (Linux only): other processes' CPU as a share of all
   * cores over the run, and the time the hypervisor took from this machine's cores.
   */
  readonly machine: { othersPct: number; stealPct: number } | null;
}

/** Frames between two reads of the WAL's size during the run (a stat every 10,000 events). */
const WAL_SAMPLE_FRAMES = 20;

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function ingestThroughClient(dbPath: string, frames: readonly string[], eventCount: number): Promise<IngestRun> {
  const store = openStore({ path: dbPath, migrations: AREA_MIGRATIONS });
  // As the core runs it: the WAL is copied into the database from a worker thread.
  const threadsBefore = new Set(threadCpuMicros().keys());
  const checkpointer = startWalCheckpointer({ path: dbPath });
  const checkpointerThreads = new Set([...threadCpuMicros().keys()].filter((tid) => !threadsBefore.has(tid)));
  const gcProfiler = new GCProfiler();
  const socket = new LoopbackSocket();
  const client = new FeedClient({
    url: 'ws://bench.invalid',
    token: 'bench',
    clientName: 'bench',
    clientVersion: '0',
    connect: () => socket,
    ...SYSTEM_FEED_TIMING,
    sink: createStoreSink(store),
    heartbeatTimeoutMs: 600_000,
  });
  return new Promise((resolve, reject) => {
    client.start();
    queueMicrotask(() =>
      queueMicrotask(async () => {
        try {
          const handlers = socket.handlers;
          if (!handlers) throw new Error('client did not listen');
          handlers.message(
            JSON.stringify({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, sessionId: 'bench', heartbeatIntervalMs: 60_000, streams: [{ stream: LIVE_STREAM, epoch: EPOCH, resume: 'replay', headSeq: eventCount }] }),
          );
          gcProfiler.start();
          const threadCpuBefore = threadCpuMicros();
          const machineBefore = machineCpuMicros();
          const started = process.hrtime.bigint();
          const cpuBefore = process.cpuUsage();
          // Back to back, as a socket delivers a burst (a replay after an outage, a busy floor).
          let walMaxBytes = 0;
          for (let index = 0; index < frames.length; index += 1) {
            handlers.message(frames[index] as string);
            if (index % WAL_SAMPLE_FRAMES === 0) walMaxBytes = Math.max(walMaxBytes, fileBytes(`${dbPath}-wal`));
          }
          await Promise.resolve(); // the last group is stored at the end of the task
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const cpu = process.cpuUsage(cpuBefore);
          const threadCpu = cpuBetween(threadCpuBefore, threadCpuMicros(), checkpointerThreads);
          const machineAfter = machineCpuMicros();
          const capacity = seconds * 1e6 * availableParallelism();
          const machine =
            machineBefore === null || machineAfter === null
              ? null
              : {
                  othersPct: (100 * Math.max(0, machineAfter.busy - machineBefore.busy - cpu.user - cpu.system)) / capacity,
                  stealPct: (100 * (machineAfter.steal - machineBefore.steal)) / capacity,
                };
          const stored = store.countEvents(LIVE_STREAM);
          if (stored !== eventCount) throw new Error(`stored ${stored} of ${eventCount} events: ${JSON.stringify(client.status().counters)} ${client.status().lastError ?? ""}`);
          const checkpointPasses = checkpointer.status().passes;
          // Each collection's cost on the ingest thread, in microseconds.
          const gcPauseMs = (gcProfiler.stop()?.statistics ?? []).reduce((sum, collection) => sum + collection.cost, 0) / 1_000;
          void client.stop().then(() => {
            checkpointer.stop();
            store.close();
            const perEvent = (micros: number): number => micros / eventCount;
            resolve({
              eventsPerSecond: eventCount / seconds,
              cpuMicrosPerEvent: perEvent(cpu.user + cpu.system),
              threads: threadCpu.main > 0 ? { main: perEvent(threadCpu.main), checkpointer: perEvent(threadCpu.named), rest: perEvent(threadCpu.rest) } : null,
              gcPauseMs,
              walMaxBytes,
              checkpointPasses,
              machine,
            });
          });
        } catch (error) {
          reject(error as Error);
        }
      }),
    );
  });
}

function rawInsert(dbPath: string, frames: readonly string[]): number {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE events (stream TEXT NOT NULL, epoch TEXT NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (stream, epoch, seq)) STRICT, WITHOUT ROWID');
  const insert = db.prepare('INSERT INTO events (stream, epoch, seq, time, type, body) VALUES (?, ?, ?, ?, ?, ?)');
  const insertBatch = db.transaction((batch: readonly FloorEvent[]) => {
    for (const event of batch) insert.run(LIVE_STREAM, EPOCH, event.seq, event.time, event.type, JSON.stringify(event));
  });
  // Parsed before the clock starts: the ceiling is the inserts alone.
  const batches = frames.map((frame) => (JSON.parse(frame) as { events: FloorEvent[] }).events);
  let rows = 0;
  const started = process.hrtime.bigint();
  for (const batch of batches) {
    insertBatch(batch);
    rows += batch.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return rows / seconds;
}

/** The median of a few runs' figures (the lower middle of an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

function reportRunDetails(prefix: string, run: IngestRun): void {
  if (run.threads !== null) {
    report(`${prefix}_cpu_ingest_thread_us_per_event`, run.threads.main, 'us');
    report(`${prefix}_cpu_checkpoint_worker_us_per_event`, run.threads.checkpointer, 'us');
    report(`${prefix}_cpu_other_threads_us_per_event`, run.threads.rest, 'us');
  }
  report(`${prefix}_gc_pause_ms`, run.gcPauseMs, 'ms');
  report(`${prefix}_wal_max_bytes`, run.walMaxBytes, 'bytes');
  report(`${prefix}_checkpoint_passes`, run.checkpointPasses, 'passes');
  if (run.machine !== null) {
    report(`${prefix}_other_processes_cpu_pct`, run.machine.othersPct, '%');
    report(`${prefix}_steal_pct`, run.machine.stealPct, '%');
  }
}

export async function benchIngest(): Promise<void> {
  const dir = tempDir('bench-ingest');
  try {
    // A short run first, so the measured one starts with the path's code compiled.
    const warmUp = generateFrames(WARM_UP_EVENTS);
    await ingestThroughClient(join(dir, 'warm-up.db'), warmUp.frames, warmUp.events);
    const { frames, events, messages } = generateFrames(INGEST_EVENTS);
    const started = Date.now();
    const runs: IngestRun[] = [];
    for (let index = 0; index < INGEST_RUNS; index += 1) {
      const path = join(dir, `ingest-${index}.db`);
      runs.push(await ingestThroughClient(path, frames, events));
      for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
    }
    const seconds = (Date.now() - started) / 1_000 / INGEST_RUNS;
    const raw = rawInsert(join(dir, 'raw.db'), frames);
    if (runs.length > 1) {
      runs.forEach((run, index) => {
        report(`ingest_run${index + 1}_events_per_s`, run.eventsPerSecond, 'events/s');
        report(`ingest_run${index + 1}_cpu_us_per_event`, run.cpuMicrosPerEvent, 'us');
        reportRunDetails(`ingest_run${index + 1}`, run);
      });
    }
    const rate = median(runs.map((run) => run.eventsPerSecond));
    const middle = runs.find((run) => run.eventsPerSecond === rate) ?? (runs[0] as IngestRun);
    report('ingest_events_per_s', rate, 'events/s');
    report('ingest_duration_s', seconds, 's');
    report('ingest_cpu_us_per_event', middle.cpuMicrosPerEvent, 'us');
    reportRunDetails('ingest', middle);
    report('ingest_events', events, 'events');
    report('ingest_message_share_pct', (100 * messages) / events, '%');
    report('raw_insert_rows_per_s', raw, 'rows/s');
    report('ingest_vs_raw_ratio', rate / raw, 'x');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
