/**
 * ingest_events_per_s: simulator events, as JSON frames, through the real ingest path — the feed
 * client's decoding, validation and sequencing, then the store's one-transaction-per-frame write
 * (event log, projections, FTS, rollups, position) — into an on-disk WAL database with the WAL
 * checkpoint worker running beside it, as in the core, sustained over at least 10 s. raw_insert_rows_per_s: the same rows as plain batched better-sqlite3 inserts.
 */
import { SYSTEM_FEED_TIMING } from '../src-main/core/feed/ws-socket.js';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
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

const FRAME_EVENTS = 500;
const MIN_SECONDS = 10;
const EPOCH = 'bench';

/** Simulated floor events, numbered, framed as the feed would send them. */
function generateFrames(totalEvents: number): { frames: string[]; events: FloorEvent[] } {
  const start = Date.parse('2026-11-24T13:00:00Z');
  const floor = createFloor({ seed: 99, startTime: start, agents: 2_000, queues: 20 });
  const events: FloorEvent[] = [];
  let time = start;
  while (events.length < totalEvents) {
    time += 1_000;
    for (const input of floor.advanceTo(time)) events.push({ ...input, seq: events.length + 1 } as FloorEvent);
  }
  events.length = totalEvents;
  const frames: string[] = [];
  for (let index = 0; index < events.length; index += FRAME_EVENTS) {
    frames.push(JSON.stringify({ type: 'events', stream: LIVE_STREAM, epoch: EPOCH, events: events.slice(index, index + FRAME_EVENTS) }));
  }
  return { frames, events };
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
}

function ingestThroughClient(dbPath: string, frames: readonly string[], eventCount: number): Promise<IngestRun> {
  const store = openStore({ path: dbPath, migrations: AREA_MIGRATIONS });
  // As the core runs it: the WAL is copied into the database from a worker thread.
  const checkpointer = startWalCheckpointer({ path: dbPath });
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
          const started = process.hrtime.bigint();
          const cpuBefore = process.cpuUsage();
          // Back to back, as a socket delivers a burst (a replay after an outage, a busy floor).
          for (const frame of frames) handlers.message(frame);
          await Promise.resolve(); // the last group is stored at the end of the task
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const cpu = process.cpuUsage(cpuBefore);
          const stored = store.countEvents(LIVE_STREAM);
          if (stored !== eventCount) throw new Error(`stored ${stored} of ${eventCount} events: ${JSON.stringify(client.status().counters)} ${client.status().lastError ?? ""}`);
          void client.stop().then(() => {
            checkpointer.stop();
            store.close();
            resolve({ eventsPerSecond: eventCount / seconds, cpuMicrosPerEvent: (cpu.user + cpu.system) / eventCount });
          });
        } catch (error) {
          reject(error as Error);
        }
      }),
    );
  });
}

function rawInsert(dbPath: string, events: readonly FloorEvent[]): number {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE events (stream TEXT NOT NULL, epoch TEXT NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (stream, epoch, seq)) STRICT, WITHOUT ROWID');
  const insert = db.prepare('INSERT INTO events (stream, epoch, seq, time, type, body) VALUES (?, ?, ?, ?, ?, ?)');
  const insertBatch = db.transaction((batch: readonly FloorEvent[]) => {
    for (const event of batch) insert.run(LIVE_STREAM, EPOCH, event.seq, event.time, event.type, JSON.stringify(event));
  });
  const started = process.hrtime.bigint();
  for (let index = 0; index < events.length; index += FRAME_EVENTS) insertBatch(events.slice(index, index + FRAME_EVENTS));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return events.length / seconds;
}

export async function benchIngest(): Promise<void> {
  const dir = tempDir('bench-ingest');
  try {
    // Size the run so it lasts at least MIN_SECONDS: a short probe first, then the real run.
    const probe = generateFrames(50_000);
    const probeRate = (await ingestThroughClient(join(dir, 'probe.db'), probe.frames, probe.events.length)).eventsPerSecond;
    const total = Math.ceil((probeRate * MIN_SECONDS * 1.3) / FRAME_EVENTS) * FRAME_EVENTS;
    const { frames, events } = generateFrames(total);
    const counts = new Map<string, number>();
    for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
    const started = Date.now();
    const run = await ingestThroughClient(join(dir, 'ingest.db'), frames, events.length);
    const rate = run.eventsPerSecond;
    const seconds = (Date.now() - started) / 1_000;
    const raw = rawInsert(join(dir, 'raw.db'), events);
    report('ingest_events_per_s', rate, 'events/s');
    report('ingest_duration_s', seconds, 's');
    report('ingest_cpu_us_per_event', run.cpuMicrosPerEvent, 'us');
    report('ingest_events', events.length, 'events');
    report('ingest_message_share_pct', (100 * (counts.get('conversation.message') ?? 0)) / events.length, '%');
    report('raw_insert_rows_per_s', raw, 'rows/s');
    report('ingest_vs_raw_ratio', rate / raw, 'x');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
