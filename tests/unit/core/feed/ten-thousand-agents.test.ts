/**
 * A 10,000-agent floor over a real WebSocket on 127.0.0.1: the simulator sends its snapshot in
 * chunks, every frame under the 4 MiB limit, and the real feed client stores it (a real SQLite
 * file) and hands it to the live floor whole; live events follow. A console that asks for
 * one-frame snapshots (as a v1 console does) is refused with the reason.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FRAME_BYTES, LIVE_STREAM } from '../../../../src-shared/protocol/frames.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { FeedClient } from '../../../../src-main/core/feed/feed-client.js';
import type { FeedClientOptions, FeedClientStatus, FeedSnapshot } from '../../../../src-main/core/feed/feed-client.js';
import type { FeedSocketFactory } from '../../../../src-main/core/feed/feed-socket.js';
import { frameByteLength } from '../../../../src-main/core/feed/frame-decoder.js';
import { wsFeedSocket, SYSTEM_FEED_TIMING } from '../../../../src-main/core/feed/ws-socket.js';
import { createLiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import { openStore } from '../../../../src-main/core/store/store.js';
import type { Store } from '../../../../src-main/core/store/store.js';
import { createStoreSink } from '../../../../src-main/core/store-sink.js';
import { startSimServer } from '../../../../src-main/sim/server.js';
import type { SimServer } from '../../../../src-main/sim/server.js';
import { tempDir } from '../../../support/host-process.js';

const AGENTS = 10_000;
// A Wednesday afternoon in Europe and the morning in the Americas: most of the rota is on shift.
const START = Date.UTC(2026, 2, 11, 15, 0, 0);
const TIMEOUT_MS = 180_000;

let sim: SimServer;
let dataDir: string;
const stores: Store[] = [];
const clients: FeedClient[] = [];

beforeAll(async () => {
  // Two minutes of floor before the start (not the default ten) keep the test light; the rota and directory are whole.
  sim = await startSimServer({ seed: 11, floor: { startTime: START, agents: AGENTS, warmupMs: 120_000 }, historyDays: 0, heartbeatIntervalMs: 1_000 });
  dataDir = tempDir('ten-thousand');
}, TIMEOUT_MS);

afterAll(async () => {
  for (const client of clients.splice(0)) await client.stop();
  for (const store of stores.splice(0)) store.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The production socket, with the size and kind of every frame received noted. */
function recordingSocket(frames: { bytes: number; type: string }[]): FeedSocketFactory {
  return (url) => {
    const socket = wsFeedSocket(url);
    return {
      ...socket,
      listen(handlers) {
        socket.listen({
          ...handlers,
          message(data) {
            const head = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer)).subarray(0, 40).toString('utf8');
            frames.push({ bytes: frameByteLength(data), type: /"type":"([^"]+)"/.exec(head)?.[1] ?? '?' });
            handlers.message(data);
          },
        });
      },
    };
  };
}

function feedClient(name: string, overrides: Partial<FeedClientOptions>): { client: FeedClient; store: Store } {
  const store = openStore({ path: join(dataDir, `${name}.db`), migrations: AREA_MIGRATIONS });
  stores.push(store);
  const client = new FeedClient({
    url: sim.url,
    token: 'any',
    clientName: 'floorwatch-test',
    clientVersion: '0.0.0',
    connect: wsFeedSocket,
    ...SYSTEM_FEED_TIMING,
    random: () => 0.5,
    sink: createStoreSink(store),
    ...overrides,
  });
  clients.push(client);
  return { client, store };
}

function statusWhere(client: FeedClient, predicate: (status: FeedClientStatus) => boolean): Promise<FeedClientStatus> {
  return new Promise((resolve) => {
    if (predicate(client.status())) return resolve(client.status());
    const unsubscribe = client.onStatus((status) => {
      if (!predicate(status)) return;
      unsubscribe();
      resolve(status);
    });
  });
}

describe('a 10,000-agent floor', () => {
  it(
    'arrives as a chunked snapshot, every frame under the limit, and the store and the live floor hold all of it',
    async () => {
      const frames: { bytes: number; type: string }[] = [];
      const { client, store } = feedClient('chunked', { connect: recordingSocket(frames) });
      const live = createLiveFloor({ store });
      const snapshotApplied = new Promise<FeedSnapshot>((resolve) => client.onSnapshot(resolve));
      client.onSnapshot(live.applySnapshot);
      client.onEvents(live.applyEvents);
      client.start();

      const snapshot = await snapshotApplied;
      await statusWhere(client, (status) => status.lastSeq > snapshot.seq);

      const chunks = frames.filter((frame) => frame.type === 'snapshot.chunk');
      expect(frames.filter((frame) => frame.type === 'snapshot.begin')).toHaveLength(1);
      expect(frames.filter((frame) => frame.type === 'snapshot.end')).toHaveLength(1);
      expect(frames.some((frame) => frame.type === 'snapshot')).toBe(false);
      expect(chunks.length).toBeGreaterThan(1);
      expect(Math.max(...frames.map((frame) => frame.bytes))).toBeLessThan(DEFAULT_MAX_FRAME_BYTES);
      // The whole snapshot would not have fit in one frame.
      expect(chunks.reduce((sum, frame) => sum + frame.bytes, 0)).toBeGreaterThan(DEFAULT_MAX_FRAME_BYTES);

      const profiles = snapshot.events.filter((event) => event.type === 'user.profile' && event.kind === 'agent');
      const logins = snapshot.events.filter((event) => event.type === 'agent.login');
      expect(profiles).toHaveLength(AGENTS);
      expect(logins.length).toBeGreaterThan(AGENTS / 2);
      const state = live.live();
      expect(state.agents.size).toBe(logins.length);
      expect([...state.directory.values()].filter((entry) => entry.kind === 'agent')).toHaveLength(AGENTS);
      expect(state.conversations.size).toBeGreaterThan(1_000);
      expect(store.streamPosition(LIVE_STREAM)).toMatchObject({ epoch: sim.epoch });
      expect(store.streamPosition(LIVE_STREAM)?.lastSeq).toBeGreaterThan(snapshot.seq);
      expect(client.status().counters.rejects).toEqual({});
    },
    TIMEOUT_MS,
  );

  it(
    'refuses, with the reason, a console that takes only one-frame snapshots',
    async () => {
      const { client, store } = feedClient('one-frame', { chunkedSnapshots: false });
      client.start();

      const status = await statusWhere(client, (current) => current.connection === 'stopped');

      expect(status.lastError).toMatch(/does not fit in one frame.*chunked snapshots/);
      expect(store.streamPosition(LIVE_STREAM)).toBeNull();
    },
    TIMEOUT_MS,
  );
});
