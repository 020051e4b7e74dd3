/**
 * backfill_events_per_s: a history backfill end to end through a real socket. The simulator's
 * history of a 2,000-agent, 20-queue floor (two days from a midnight, up to
 * FLOORWATCH_BENCH_BACKFILL_EVENTS events) is generated once and kept in bench/.cache; a feed
 * process of its own (bench/recorded-feed.ts, the other core, as a feed runs on its own machine)
 * sends it over WebSocket on 127.0.0.1 as the simulator would. The real feed client connects, asks
 * for the backfill, and stores it through the store sink into an on-disk WAL database with the WAL
 * checkpoint worker running, as the core does. Timed from the request to the last frame stored.
 * Recorded rather than generated on request because the simulator's generator (about 10,000
 * events/s) would be the figure instead of the console.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeedClient } from '../src-main/core/feed/feed-client.js';
import { wsFeedSocket, SYSTEM_FEED_TIMING } from '../src-main/core/feed/ws-socket.js';
import { AREA_MIGRATIONS } from '../src-main/core/area-migrations.js';
import { createStoreSink } from '../src-main/core/store-sink.js';
import { openStore } from '../src-main/core/store/store.js';
import { startWalCheckpointer } from '../src-main/core/store/wal-checkpointer.js';
import { generateHistory } from '../src-main/sim/index.js';
import { HISTORY_STREAM } from '../src-shared/protocol/frames.js';
import { ROOT, tempDir, waitFor } from '../tests/support/host-process.js';
import { benchCacheRoot } from './history.js';
import { report } from './stats.js';

const MAX_EVENTS = Number(process.env.FLOORWATCH_BENCH_BACKFILL_EVENTS ?? 1_000_000);
const FRAME_EVENTS = 5_000;
const DAY_MS = 86_400_000;
/** A fixed midnight (UTC), so the recording is the same whenever it is made. */
const HISTORY_END = Date.parse('2026-11-25T00:00:00Z');
const HISTORY_DAYS = 2;
const BACKFILL_LIMIT_MS = 600_000;

/** The recording's path, generating it first when absent (a few minutes, once). */
export function backfillRecording(): string {
  const directory = benchCacheRoot();
  const path = join(directory, `backfill-recording-v1-${MAX_EVENTS}.jsonl`);
  if (existsSync(path)) return path;
  mkdirSync(directory, { recursive: true });
  const lines: string[] = [];
  let pending: unknown[] = [];
  let count = 0;
  const history = generateHistory({ seed: 7, days: HISTORY_DAYS, endTime: HISTORY_END, since: HISTORY_END - HISTORY_DAYS * DAY_MS, until: HISTORY_END, queues: 20, agents: 2_000 });
  for (const chunk of history) {
    for (const event of chunk) {
      if (count >= MAX_EVENTS) break;
      pending.push(event);
      count += 1;
      if (pending.length === FRAME_EVENTS) {
        lines.push(JSON.stringify(pending));
        pending = [];
      }
    }
    if (count >= MAX_EVENTS) break;
  }
  if (pending.length > 0) lines.push(JSON.stringify(pending));
  writeFileSync(`${path}.partial`, `${lines.join('\n')}\n`);
  renameSync(`${path}.partial`, path);
  return path;
}

/** A feed in its own process (dist/bench/<script>); resolves its URL once it listens. */
export function startFeedProcess(script: string, args: readonly string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (ws:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ url: match[1], child });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${String(code)}:\n${output}`)));
  });
}

export async function benchBackfill(): Promise<void> {
  const dir = tempDir('bench-backfill');
  const feed = await startFeedProcess('dist/bench/recorded-feed.mjs', [backfillRecording()]);
  const path = join(dir, 'floorwatch.db');
  const store = openStore({ path, migrations: AREA_MIGRATIONS });
  const checkpointer = startWalCheckpointer({ path });
  const client = new FeedClient({
    url: feed.url,
    token: 'bench',
    clientName: 'bench',
    clientVersion: '0',
    connect: wsFeedSocket,
    ...SYSTEM_FEED_TIMING,
    sink: createStoreSink(store),
  });
  try {
    client.start();
    await waitFor(() => client.status().connection === 'live', { timeoutMs: 30_000, what: 'the live feed' });
    const started = process.hrtime.bigint();
    client.requestBackfill({ since: HISTORY_END - HISTORY_DAYS * DAY_MS, until: HISTORY_END, maxEvents: MAX_EVENTS });
    const status = await waitFor(
      () => {
        const backfill = client.status().backfill;
        if (backfill.state === 'failed') throw new Error(`backfill failed: ${backfill.error ?? ''}`);
        return backfill.state === 'done' ? backfill : null;
      },
      { timeoutMs: BACKFILL_LIMIT_MS, what: 'the backfill' },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const stored = store.countEvents(HISTORY_STREAM);
    if (stored < status.sentEvents) throw new Error(`stored ${stored} of ${status.sentEvents} backfilled events`);
    report('backfill_events_per_s', status.sentEvents / seconds, 'events/s');
    report('backfill_events', status.sentEvents, 'events');
    report('backfill_duration_s', seconds, 's');
  } finally {
    await client.stop();
    checkpointer.stop();
    store.close();
    feed.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
