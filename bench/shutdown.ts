/**
 * shutdown_ms: the real host process, after 60 s of heavy ingest (a simulated floor of 2,000 agents
 * in its own process at 30 times real time, tens of thousands of events a second), is sent SIGTERM;
 * the figure is the time until the process has exited. The WAL's size is sampled every second
 * meanwhile (`shutdown_wal_max_bytes`: the checkpoint policy's bound as it holds in practice).
 *
 * The cache is a fresh one that the minute of ingest grows (`shutdown_cache_bytes`), or an existing
 * data directory named by FLOORWATCH_BENCH_SHUTDOWN_DATA_DIR (a large cache: it is written to).
 * FLOORWATCH_BENCH_SHUTDOWN_INGEST_MS shortens the minute for a quick run.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tests/support/host-process.js';
import { startFeedProcess } from './backfill.js';
import { startBenchHost } from './history.js';
import { report } from './stats.js';

const TOKEN = 'bench-shutdown';
const INGEST_MS = Number(process.env.FLOORWATCH_BENCH_SHUTDOWN_INGEST_MS ?? 60_000);
const SAMPLE_MS = 1_000;
const SPEED = 30;

/** The connection's cache file under `<dataDir>/caches/<key>/` (the host keeps one cache per feed), once it exists. */
function cacheFile(dataDir: string): string | null {
  const caches = join(dataDir, 'caches');
  if (!existsSync(caches)) return null;
  const found = readdirSync(caches).map((key) => join(caches, key, 'floorwatch.db')).filter((path) => existsSync(path));
  return found.length === 1 ? (found[0] ?? null) : null;
}

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

export async function benchShutdown(): Promise<void> {
  const given = process.env.FLOORWATCH_BENCH_SHUTDOWN_DATA_DIR;
  const dataDir = given ?? tempDir('bench-shutdown');
  const sim = await startFeedProcess('dist/sim/cli.mjs', ['--port', '0', '--agents', '2000', '--queues', '20', '--seed', '23', '--speed', String(SPEED), '--token', TOKEN]);
  try {
    const host = await startBenchHost(dataDir, ['--feed-url', sim.url, '--feed-token', TOKEN, '--backfill-days', '0']);
    let walMax = 0;
    const walSize = (): number => {
      const path = cacheFile(dataDir);
      return path === null ? 0 : sizeOf(`${path}-wal`);
    };
    const sampler = setInterval(() => (walMax = Math.max(walMax, walSize())), SAMPLE_MS);
    await new Promise((resolve) => setTimeout(resolve, INGEST_MS));
    clearInterval(sampler);
    const databasePath = cacheFile(dataDir);
    if (databasePath === null) throw new Error(`the host made no cache under ${dataDir}/caches`);
    walMax = Math.max(walMax, walSize());
    const walAtStop = sizeOf(`${databasePath}-wal`);
    const started = process.hrtime.bigint();
    await host.stop();
    const shutdownMs = Number(process.hrtime.bigint() - started) / 1e6;
    report('shutdown_ms', shutdownMs, 'ms');
    report('shutdown_wal_max_bytes', walMax, 'bytes');
    report('shutdown_wal_at_stop_bytes', walAtStop, 'bytes');
    report('shutdown_cache_bytes', sizeOf(databasePath), 'bytes');
  } finally {
    sim.child.kill('SIGTERM');
    if (given === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}
