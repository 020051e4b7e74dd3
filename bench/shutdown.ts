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
import Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../tests/support/host-process.js';
import { startFeedProcess } from './backfill.js';
import { startBenchHost } from './history.js';
import { report } from './stats.js';

const TOKEN = 'bench-shutdown';
const INGEST_MS = Number(process.env.FLOORWATCH_BENCH_SHUTDOWN_INGEST_MS ?? 60_000);
const SAMPLE_MS = 1_000;
const SPEED = 30;

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** The streams' positions, read after the host has exited: how much the minute stored. */
function storedEvents(databasePath: string): number {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT coalesce(sum(last_seq), 0) FROM streams').pluck().get() as number) ?? 0;
  } finally {
    db.close();
  }
}

export async function benchShutdown(): Promise<void> {
  const given = process.env.FLOORWATCH_BENCH_SHUTDOWN_DATA_DIR;
  const dataDir = given ?? tempDir('bench-shutdown');
  const databasePath = join(dataDir, 'floorwatch.db');
  const sim = await startFeedProcess('dist/sim/cli.mjs', ['--port', '0', '--agents', '2000', '--queues', '20', '--seed', '23', '--speed', String(SPEED), '--token', TOKEN]);
  try {
    const eventsBefore = existsSync(databasePath) ? storedEvents(databasePath) : 0;
    const host = await startBenchHost(dataDir, ['--feed-url', sim.url, '--feed-token', TOKEN, '--backfill-days', '0']);
    let walMax = 0;
    const sampler = setInterval(() => (walMax = Math.max(walMax, sizeOf(`${databasePath}-wal`))), SAMPLE_MS);
    await new Promise((resolve) => setTimeout(resolve, INGEST_MS));
    clearInterval(sampler);
    walMax = Math.max(walMax, sizeOf(`${databasePath}-wal`));
    const walAtStop = sizeOf(`${databasePath}-wal`);
    const started = process.hrtime.bigint();
    await host.stop();
    const shutdownMs = Number(process.hrtime.bigint() - started) / 1e6;
    report('shutdown_ms', shutdownMs, 'ms');
    report('shutdown_wal_max_bytes', walMax, 'bytes');
    report('shutdown_wal_at_stop_bytes', walAtStop, 'bytes');
    report('shutdown_cache_bytes', sizeOf(databasePath), 'bytes');
    report('shutdown_ingested_events', storedEvents(databasePath) - eventsBefore, 'events');
  } finally {
    sim.child.kill('SIGTERM');
    if (given === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}
