/**
 * The console runtime through the real host: a console on the simulated floor tests, saves and
 * switches to a second feed (another simulator), its sockets close with 4010 and reconnect as the
 * new connection, each connection has its own cache (switching back finds the first one's data,
 * also when that feed is gone), and a device never reaches the connection commands.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionOverview, ConnectionSummary, ConnectionTestResult } from '../../../../src-shared/api/connection.js';
import type { ApiRequestInput, QueueSummary } from '../../../../src-shared/api/contract.js';
import type { Result } from '../../../../src-shared/result.js';
import { cacheDirFor } from '../../../../src-main/core/connections/cache-key.js';
import { startConsoleHost, type ConsoleHost } from '../../../../src-main/host/index.js';
import { startSimServer, type SimServer } from '../../../../src-main/sim/index.js';
import { busyAfternoon } from '../../../support/busy-floor.js';
import { tempDir, waitFor } from '../../../support/host-process.js';
import { expectClient, openApi, type ApiClient } from '../../host/lan-test-kit.js';

const CONSOLE_TOKEN = 'runtime-console-token-0123456789-abcdefghij';
const FEED_TOKEN = 'feed-b-token-kept-secret';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startConsole(): Promise<{ running: ConsoleHost; dataDir: string }> {
  const dir = tempDir('runtime');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  const dataDir = join(dir, 'data');
  const running = await startConsoleHost(
    {
      dataDir,
      feed: { kind: 'embedded-simulator', seed: 5, speed: 5, agents: 8, queues: 2, startTime: busyAfternoon() },
      backfillDays: 0,
      lan: { host: '127.0.0.1', port: 0, maxConnections: 20, maxConnectionsPerDevice: 4 },
    },
    { port: 0, rendererDir, consoleToken: CONSOLE_TOKEN, probeTimeoutMs: 5_000 },
  );
  cleanups.push(() => running.close());
  return { running, dataDir };
}

async function connect(running: ConsoleHost): Promise<ApiClient> {
  const client = expectClient(await openApi(running.host.port, { token: CONSOLE_TOKEN }));
  cleanups.push(() => client.close());
  return client;
}

async function value<T>(client: ApiClient, request: ApiRequestInput): Promise<T> {
  const result: Result<unknown> = await client.request(request);
  if (!result.ok) throw new Error(`${JSON.stringify(request)} refused: ${result.error}`);
  return result.value as T;
}

let commandNumber = 0;
const command = (body: Extract<ApiRequestInput, { op: 'command' }>['command']): ApiRequestInput => ({ op: 'command', commandId: `c-${++commandNumber}`, command: body });

async function queueCount(client: ApiClient, atLeast: number): Promise<number> {
  let count = 0;
  await waitFor(
    async () => {
      count = (await value<readonly QueueSummary[]>(client, { op: 'query', query: { type: 'queues.list' } })).length;
      return count >= atLeast;
    },
    { what: `${atLeast} queues` },
  );
  return count;
}

async function startFeedB(): Promise<SimServer> {
  const sim = await startSimServer({ port: 0, seed: 9, token: FEED_TOKEN, speed: 5, floor: { agents: 12, queues: 10, startTime: busyAfternoon() } });
  return sim;
}

describe('console runtime', () => {
  it('switches to a saved feed and back, each on its own cache, closing console sockets with 4010', async () => {
    const { running, dataDir } = await startConsole();
    let client = await connect(running);

    const first = await value<ConnectionOverview>(client, { op: 'query', query: { type: 'connection.list' } });
    expect(first).toMatchObject({ firstRun: true, currentId: 'embedded', setByFlags: false });
    expect(await queueCount(client, 8)).toBe(8);

    const feedB = await startFeedB();
    let feedBOpen = true;
    cleanups.push(() => (feedBOpen ? feedB.close() : undefined));
    const refused = await value<ConnectionTestResult>(client, command({ type: 'connection.test', url: feedB.url, token: 'not-it' }));
    expect(refused).toMatchObject({ ok: false, problem: 'unauthorized' });
    const accepted = await value<ConnectionTestResult>(client, command({ type: 'connection.test', url: feedB.url, token: FEED_TOKEN }));
    expect(accepted).toMatchObject({ ok: true });

    const saved = await value<ConnectionSummary>(client, command({ type: 'connection.save', connection: { kind: 'remote', label: 'Site B', url: feedB.url, token: FEED_TOKEN } }));
    expect(saved).toMatchObject({ kind: 'remote', label: 'Site B', hasToken: true });
    // A saved connection is tested with its kept token when the form sends none.
    expect(await value<ConnectionTestResult>(client, command({ type: 'connection.test', url: feedB.url, connectionId: saved.connectionId }))).toMatchObject({ ok: true });

    const closed = client.closed();
    const used = await value<ConnectionSummary>(client, command({ type: 'connection.use', connectionId: saved.connectionId }));
    expect(used.connectionId).toBe(saved.connectionId);
    expect(await closed).toEqual({ code: 4010, reason: 'Signed in as another user; reconnecting' });

    client = await connect(running);
    expect(await queueCount(client, 10)).toBe(10);
    expect(running.runtime.cacheDir()).toBe(cacheDirFor(dataDir, { kind: 'remote', url: feedB.url, token: FEED_TOKEN }));
    expect(existsSync(join(running.runtime.cacheDir(), 'floorwatch.db'))).toBe(true);

    // Back on the simulated floor: its own cache, its own eight queues.
    const closedAgain = client.closed();
    await value(client, command({ type: 'connection.use', connectionId: 'embedded' }));
    expect((await closedAgain).code).toBe(4010);
    client = await connect(running);
    expect(await queueCount(client, 8)).toBe(8);
    expect((await value<ConnectionOverview>(client, { op: 'query', query: { type: 'connection.list' } })).firstRun).toBe(false);

    // Feed B is gone now; its cache still holds what it sent.
    await feedB.close();
    feedBOpen = false;
    const closedThird = client.closed();
    await value(client, command({ type: 'connection.use', connectionId: saved.connectionId }));
    await closedThird;
    client = await connect(running);
    expect(await value<readonly QueueSummary[]>(client, { op: 'query', query: { type: 'queues.list' } })).toHaveLength(10);
  });

  it('keeps the chosen connection across a restart, and refuses to forget the one in use', async () => {
    const { running, dataDir } = await startConsole();
    const client = await connect(running);
    const feedB = await startFeedB();
    cleanups.push(() => feedB.close());
    const save = command({ type: 'connection.save', connection: { kind: 'remote', label: '', url: feedB.url, token: FEED_TOKEN } });
    const saved = await value<ConnectionSummary>(client, save);
    // A retried command id is answered with its first outcome: one feed saved, not two.
    expect(await value<ConnectionSummary>(client, save)).toEqual(saved);
    expect((await value<ConnectionOverview>(client, { op: 'query', query: { type: 'connection.list' } })).connections.filter((connection) => connection.kind === 'remote')).toHaveLength(1);
    await value(client, command({ type: 'connection.use', connectionId: saved.connectionId }));
    // Feed B names its user in its welcome (an open simulator's token stands for its admin); that
    // change closes console sockets once more, so connect after it.
    await waitFor(() => running.runtime.sessions.current().role === 'admin', { what: 'feed B to name its user' });
    const again = await connect(running);
    const forget = await again.request(command({ type: 'connection.forget', connectionId: saved.connectionId }));
    expect(forget).toMatchObject({ ok: false });
    expect(running.runtime.connection().connectionId).toBe(saved.connectionId);
    await running.close();
    cleanups.pop();

    const rendererDir = join(dataDir, '..', 'renderer');
    const restarted = await startConsoleHost(
      { dataDir, feed: { kind: 'embedded-simulator', seed: 5, agents: 8, queues: 2 }, backfillDays: 0, lan: { host: '127.0.0.1', port: 0, maxConnections: 20, maxConnectionsPerDevice: 4 } },
      { port: 0, rendererDir, consoleToken: CONSOLE_TOKEN },
    );
    cleanups.push(() => restarted.close());
    expect(restarted.runtime.connection().connectionId).toBe(saved.connectionId);
    expect(restarted.core.feedStatus().feed).toContain('127.0.0.1');
  });

  it('never lets a wallboard device read or change the connection', async () => {
    const { running } = await startConsole();
    const client = await connect(running);
    await value(client, command({ type: 'wallboard.lan.set', enabled: true }));
    const created = await value<{ url: string | null }>(client, command({ type: 'wallboard.device.create', name: 'Lobby TV' }));
    const deviceToken = new URLSearchParams((created.url ?? '').split('?')[1] ?? '').get('token');
    expect(deviceToken).toBeTruthy();
    const device = expectClient(await openApi(running.host.port, { token: deviceToken! }));
    cleanups.push(() => device.close());
    expect(await device.request({ op: 'query', query: { type: 'connection.list' } })).toMatchObject({ ok: false });
    expect(await device.request(command({ type: 'connection.use', connectionId: 'embedded' }))).toEqual({ ok: false, error: 'Your role (wallboard) may not connection.use.', code: 'forbidden' });
  });
});
