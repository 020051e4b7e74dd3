/**
 * Floor replay's budgets: replay_seek_p95_ms (the replay.frame query through the real API service,
 * at random instants across a cached floor of 2,000 agents; budget ≤ 300 ms) and
 * replay_checkpoint_kb_per_hour (what the replay checkpoints of that floor cost the cache).
 *
 * The cache is the simulator's floor at 2,000 agents through its busiest hour (15:00–16:00 UTC,
 * after ten minutes of warm-up), with each second of floor time stored as one feed batch through
 * the store's real ingest and applied to the real live floor, while the real replay recorder takes
 * its checkpoints. A seek's cost is the nearest checkpoint's restore plus the events after it, not
 * the length of the log (both are found by index), so the busiest hour is a day's worst part; a
 * whole day at this size would take the cache tens of gigabytes of messages to hold. Built once
 * under bench/.cache and reused; measured on a fresh open of it, as after a restart.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiService } from '../src-main/core/api/api-service.js';
import type { Session } from '../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../src-main/core/area-migrations.js';
import { createCoreContext } from '../src-main/core/core-context.js';
import { createLiveFloor } from '../src-main/core/floor-state/live-floor.js';
import { createLiveInsightsApi } from '../src-main/core/live-insights/live-insights-api.js';
import { createStatusPublisher } from '../src-main/core/live-views/status-publisher.js';
import { createReplayApi } from '../src-main/core/replay/replay-api.js';
import { REPLAY_CHECKPOINT_EVERY_EVENTS, REPLAY_CHECKPOINT_EVERY_MS } from '../src-main/core/replay/replay-recorder.js';
import { openStore, type Store } from '../src-main/core/store/store.js';
import { createFloor } from '../src-main/sim/index.js';
import type { FeedStatus } from '../src-shared/api/live.js';
import type { FloorEvent } from '../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../src-shared/protocol/frames.js';
import { benchCacheRoot } from './history.js';
import { IDLE_FEED_STATUS, apiAreas, quietFeed } from '../tests/support/core-kit.js';
import { percentile, report } from './stats.js';

/** Bump when what the cache holds changes; the recorder's policy is part of it. */
const REPLAY_CACHE_VERSION = `replay-cache-v1-${REPLAY_CHECKPOINT_EVERY_EVENTS}-${REPLAY_CHECKPOINT_EVERY_MS}`;
const AGENTS = 2_000;
const QUEUES = 20;
const SEED = 13;
const EPOCH = `replay-${SEED}`;
/** A fixed weekday, so every build holds the same floor whatever day it runs. */
const START = Date.UTC(2026, 2, 10, 15);
const HOUR_MS = 3_600_000;
const BATCH_MS = 1_000;
/** The warm-up arrives as one advance; it is stored in feed-sized frames. */
const MAX_BATCH_EVENTS = 5_000;
const SEEKS = 60;
const WARM_SEEKS = 5;
const ADMIN: Session = { userId: 'bench', displayName: 'Bench', role: 'admin', queueScope: null };

const STATUS: FeedStatus = {
  ...IDLE_FEED_STATUS,
  connection: 'stopped',
  feed: 'bench',
};

/** The core's live floor, live views and replay area over a store, with no feed: the host offline. */
function replayCore(store: Store, dataDir: string, floorNow: () => number) {
  const floor = createLiveFloor({ store, floorClock: floorNow });
  const feed = quietFeed({ sendCommand: () => Promise.resolve({ ok: false as const, error: 'offline' }), status: STATUS });
  const context = createCoreContext({ store, dataDir, feed, floor });
  const live = createLiveInsightsApi(context);
  const replay = createReplayApi(context);
  const api = createApiService({
    store,
    overview: live.overview,
    status: createStatusPublisher(feed),
    appVersion: 'bench',
    areas: apiAreas({ live, replay }),
  });
  return { floor, replay, api };
}

interface ReplayCacheInfo {
  readonly events: number;
  readonly from: number;
  readonly to: number;
  readonly buildSeconds: number;
}

/** Returns the cache's path, building it when missing; the ready marker is written last. */
async function ensureReplayCache(log: (line: string) => void): Promise<{ readonly dir: string; readonly info: ReplayCacheInfo }> {
  const dir = join(benchCacheRoot(), REPLAY_CACHE_VERSION);
  const marker = join(dir, 'ready.json');
  if (existsSync(marker)) return { dir, info: JSON.parse(readFileSync(marker, 'utf8')) as ReplayCacheInfo };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const store = openStore({ path: join(dir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  let floorNow = START;
  const core = replayCore(store, dir, () => floorNow);
  const simulated = createFloor({ seed: SEED, startTime: START, agents: AGENTS, queues: QUEUES, warmupMs: 10 * 60_000 });
  let seq = 0;
  const ingest = async (events: readonly FloorEvent[]): Promise<void> => {
    for (let index = 0; index < events.length; index += MAX_BATCH_EVENTS) {
      const batch = events.slice(index, index + MAX_BATCH_EVENTS);
      store.ingestBatch({ stream: LIVE_STREAM, epoch: EPOCH, events: batch, lastSeq: batch[batch.length - 1]?.seq ?? seq });
      core.floor.applyEvents(batch);
      // The next frame arrives on a later turn of the event loop, as from a socket.
      await core.replay.recorder.settled();
    }
  };
  try {
    for (let at = START; at <= START + HOUR_MS; at += BATCH_MS) {
      floorNow = at;
      const events = simulated.advanceTo(at).map((event) => ({ ...event, seq: ++seq }) as FloorEvent);
      await ingest(events);
      if ((at - START) % 600_000 === 0) log(`replay cache: ${(at - START) / 60_000} floor-minutes, ${seq} events, ${Math.round((Date.now() - started) / 1000)} s`);
    }
    await core.api.close();
  } finally {
    store.close();
  }
  const info: ReplayCacheInfo = { events: seq, from: START, to: START + HOUR_MS, buildSeconds: (Date.now() - started) / 1000 };
  writeFileSync(marker, JSON.stringify(info));
  log(`replay cache built: ${statSync(join(dir, 'floorwatch.db')).size} bytes in ${info.buildSeconds} s`);
  return { dir, info };
}

/** A small seeded generator (mulberry32), so every run seeks the same instants. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Builds or reuses the cache, then seeks random instants across it and prints the figures. */
export async function benchReplay(): Promise<void> {
  const { dir } = await ensureReplayCache((line) => console.error(line));
  const store = openStore({ path: join(dir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  const core = replayCore(store, dir, () => START + HOUR_MS);
  try {
    const range = core.api.query(ADMIN, { type: 'replay.range' });
    if (!range.ok) throw new Error(`replay.range refused: ${range.error}`);
    const { from, to } = range.value;
    const random = seededRandom(SEED);
    const durations: number[] = [];
    for (let run = 0; run < WARM_SEEKS + SEEKS; run++) {
      const at = from + Math.floor(random() * (to - from));
      const started = process.hrtime.bigint();
      const frame = core.api.query(ADMIN, { type: 'replay.frame', at });
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      if (!frame.ok) throw new Error(`replay.frame refused: ${frame.error}`);
      if (frame.value.tiles.length < QUEUES) throw new Error(`replay.frame gave ${frame.value.tiles.length} tiles`);
      if (run >= WARM_SEEKS) durations.push(elapsed);
    }
    const stored = core.replay.log.checkpointBytes(LIVE_STREAM, START, START + HOUR_MS);
    report('replay_seek_p95_ms', percentile(durations, 95), 'ms');
    report('replay_seek_p50_ms', percentile(durations, 50), 'ms');
    report('replay_checkpoint_kb_per_hour', Math.round((stored.bytes / 1024) * (HOUR_MS / (to - from))), 'KB');
    report('replay_checkpoints_per_hour', Math.round(stored.count * (HOUR_MS / (to - from))), 'checkpoints');
  } finally {
    await core.api.close();
    store.close();
  }
}
