/**
 * Crash safety: the ingesting process (the real host) is killed with SIGKILL mid-stream several
 * times; after each kill the database passes integrity_check, and the final log has every event
 * the simulator emitted, with no gap and no duplicate.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import { AREA_MIGRATIONS } from '../../../src-main/core/area-migrations.js';
import { openStore } from '../../../src-main/core/store/store.js';
import { startSimServer } from '../../../src-main/sim/index.js';
import { cacheDirFor } from '../../../src-main/core/connections/cache-key.js';
import { startHostProcess, tempDir, waitFor, type HostProcess } from '../../support/host-process.js';
import { busyAfternoon } from '../../support/busy-floor.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function storedKeys(dataDir: string, epoch: string): { seq: number; type: string; time: number }[] {
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  try {
    expect(store.integrityCheck()).toBe('ok');
    expect(store.streamPosition(LIVE_STREAM)?.epoch).toBe(epoch);
    return store.readEventKeys(LIVE_STREAM);
  } finally {
    store.close();
  }
}

/** Read-only peek at the stored head while the host is writing (no recovery logic, no migrations). */
function storedHead(dataDir: string, epoch: string): number {
  let db: Database.Database;
  try {
    db = new Database(join(dataDir, 'floorwatch.db'), { readonly: true, fileMustExist: true });
  } catch {
    return 0; // not created yet
  }
  try {
    const row = db.prepare('SELECT max(seq) AS head FROM events WHERE stream = ? AND epoch = ?').get(LIVE_STREAM, epoch) as { head: number | null };
    return row.head ?? 0;
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it('survives five SIGKILLs mid-ingest with an intact database and nothing lost', async () => {
    const sim = await startSimServer({ port: 0, seed: 5, token: 'crash', speed: 30, heartbeatIntervalMs: 200, floor: { agents: 300, startTime: busyAfternoon() } });
    cleanups.push(() => sim.close());
    const dataDir = tempDir('crash');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const args = ['--feed-url', sim.url, '--feed-token', 'crash', '--backfill-days', '0'];
    // The host keeps each feed's cache in its own directory (ADR 0017).
    const cacheDir = cacheDirFor(dataDir, { kind: 'remote', url: sim.url, token: 'crash' });

    let previousLast = 0;
    for (let kill = 0; kill < 5; kill++) {
      const host: HostProcess = await startHostProcess(args, { dataDir });
      // Once it is ingesting, kill it without warning at an arbitrary moment.
      await waitFor(() => storedHead(cacheDir, sim.epoch) > previousLast + 100, { timeoutMs: 20_000, what: 'the host to ingest' });
      await new Promise((resolve) => setTimeout(resolve, (kill * 83) % 250));
      await host.kill();
      const keys = storedKeys(cacheDir, sim.epoch);
      const last = keys[keys.length - 1]?.seq ?? 0;
      expect(last, `restart ${kill} resumed and stored more`).toBeGreaterThan(previousLast);
      previousLast = last;
    }

    const host = await startHostProcess(args, { dataDir });
    const target = sim.headSeq();
    await waitFor(() => storedHead(cacheDir, sim.epoch) >= target, { timeoutMs: 30_000, what: `the log to reach ${target}` });
    await host.stop();

    const keys = storedKeys(cacheDir, sim.epoch);
    const first = keys[0]?.seq ?? 0;
    const last = keys[keys.length - 1]?.seq ?? 0;
    const emitted = sim.emitted().filter((event) => event.seq >= first && event.seq <= last);
    expect(keys.map((row) => `${row.seq}:${row.type}:${row.time}`)).toEqual(emitted.map((event) => `${event.seq}:${event.type}:${event.time}`));
  });
});
