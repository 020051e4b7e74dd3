/**
 * No loss: the client's connection is cut at least 50 times at random moments while the simulator
 * emits; afterwards the stored event log equals the simulator's emitted sequence exactly.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import { createCore, type Core } from '../../../src-main/core/core.js';
import { AREA_MIGRATIONS } from '../../../src-main/core/area-migrations.js';
import { openStore } from '../../../src-main/core/store/store.js';
import { startSimServer, type SimServer } from '../../../src-main/sim/index.js';
import { createRandom } from '../../../src-main/sim/random.js';
import { tempDir, waitFor } from '../../support/host-process.js';
import { busyAfternoon } from '../../support/busy-floor.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('feed resilience', () => {
  it('stores exactly the emitted sequence after 60 random connection cuts', async () => {
    const sim: SimServer = await startSimServer({ port: 0, seed: 3, token: 't', speed: 30, heartbeatIntervalMs: 200, floor: { agents: 200, startTime: busyAfternoon() } });
    cleanups.push(() => sim.close());
    const dataDir = tempDir('no-loss');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const core: Core = await createCore({ dataDir, feed: { kind: 'remote', url: sim.url, token: 't' }, backfillDays: 0 });
    let coreOpen = true;
    cleanups.push(async () => {
      if (coreOpen) await core.close();
    });

    // A fresh console starts from a snapshot of the floor; from then on it must miss nothing.
    await waitFor(() => core.feedStatus().connection === 'live' && core.feedStatus().lastSeq > 0, { what: 'the first connection' });
    const startedAt = core.feedStatus().lastSeq;

    const random = createRandom(20261124);
    let cuts = 0;
    let cutWhileLive = 0;
    for (let round = 0; round < 60; round++) {
      // Random moments: sometimes before the hello is answered, sometimes mid-replay, sometimes live.
      await new Promise((resolve) => setTimeout(resolve, random.integer(0, 119)));
      if (core.feedStatus().connection === 'live') cutWhileLive++;
      sim.dropConnections();
      cuts++;
    }
    expect(cuts).toBeGreaterThanOrEqual(50);
    expect(cutWhileLive).toBeGreaterThan(10);

    const target = sim.headSeq();
    await waitFor(() => core.feedStatus().lastSeq >= target, { timeoutMs: 30_000, what: `stored seq to reach ${target}` });
    await core.close();
    coreOpen = false;

    const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
    try {
      const stored = store.readEventKeys(LIVE_STREAM);
      const first = stored[0]?.seq ?? 0;
      const last = stored[stored.length - 1]?.seq ?? 0;
      const emitted = sim.emitted().filter((event) => event.seq >= first && event.seq <= last);
      expect(first).toBeLessThanOrEqual(startedAt + 1);
      expect(last).toBeGreaterThanOrEqual(target);
      expect(last - first + 1).toBeGreaterThan(1_000);
      expect(stored.map((row) => row.seq)).toEqual(emitted.map((event) => event.seq));
      expect(stored.map((row) => `${row.seq}:${row.type}:${row.time}`)).toEqual(emitted.map((event) => `${event.seq}:${event.type}:${event.time}`));
    } finally {
      store.close();
    }
  });
});
