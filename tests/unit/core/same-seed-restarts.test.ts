/**
 * A feed restarted with the same seed must not reuse conversation ids: one cache ingesting several
 * runs of the same floor would otherwise merge one run's conversations into another's (wrong queue,
 * wrong customer, messages dropped). The floor itself stays the same for the seed.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import { createCore, type Core } from '../../../src-main/core/core.js';
import { startSimServer, type SimServer } from '../../../src-main/sim/index.js';
import { tempDir, waitFor } from '../../support/host-process.js';
import { busyAfternoon } from '../../support/busy-floor.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function conversationIds(events: readonly FloorEvent[]): Set<string> {
  return new Set(events.flatMap((event) => (event.type === 'conversation.created' ? [event.conversationId] : [])));
}

describe('the same seed, restarted', () => {
  it('gives every run its own conversation ids, so one cache keeps every run apart', async () => {
    const startTime = busyAfternoon();
    const options = { seed: 5, token: 't', speed: 5, heartbeatIntervalMs: 200, floor: { agents: 40, startTime } } as const;
    let sim: SimServer = await startSimServer({ ...options, port: 0 });
    const port = sim.port;
    const dataDir = tempDir('same-seed');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const core: Core = await createCore({ dataDir, feed: { kind: 'remote', url: sim.url, token: 't' }, backfillDays: 0 });
    cleanups.push(() => core.close());

    const runs: Set<string>[] = [];
    const epochs = new Set<string>();
    for (let run = 0; run < 4; run++) {
      if (run > 0) sim = await startSimServer({ ...options, port });
      const current = sim;
      await waitFor(() => core.store.streamPosition(LIVE_STREAM)?.epoch === current.epoch, { what: `run ${run} to be ingested` });
      runs.push(conversationIds(current.emitted()));
      epochs.add(current.epoch);
      await current.close();
    }

    expect(epochs.size).toBe(runs.length);
    for (const ids of runs) expect(ids.size).toBeGreaterThan(0);
    for (let a = 0; a < runs.length; a++) {
      for (let b = a + 1; b < runs.length; b++) {
        const shared = [...runs[a]!].filter((id) => runs[b]!.has(id));
        expect(shared, `runs ${a} and ${b} share conversation ids`).toEqual([]);
      }
    }
    // The one cache holds conversations of every run (those in progress at its snapshot), each under its own id.
    const db = new Database(join(dataDir, 'floorwatch.db'), { readonly: true, fileMustExist: true });
    try {
      const cached = new Set((db.prepare('SELECT conversation_id AS id FROM conversations').all() as { id: string }[]).map((row) => row.id));
      for (const ids of runs) expect([...ids].filter((id) => cached.has(id)).length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  }, 60_000);
});
