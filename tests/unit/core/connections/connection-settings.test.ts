import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { cacheKeyFor } from '../../../../src-main/core/connections/cache-key.js';
import { CONNECTIONS_FILE, EMBEDDED_CONNECTION_ID, openConnectionSettings } from '../../../../src-main/core/connections/connection-settings.js';
import { probeFeed } from '../../../../src-main/core/connections/feed-probe.js';
import { createFileSecretVault } from '../../../../src-main/core/secrets/secret-vault.js';
import { startSimServer } from '../../../../src-main/sim/index.js';
import { tempDir } from '../../../support/host-process.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function fresh(): { dataDir: string; open: () => ReturnType<typeof openConnectionSettings> } {
  const dataDir = tempDir('connections');
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const vault = createFileSecretVault(join(dataDir, 'secrets'));
  return { dataDir, open: () => openConnectionSettings({ dataDir, vault }) };
}

describe('connection settings', () => {
  it('starts on first run with only the simulated floor', () => {
    const { open } = fresh();
    const settings = open();
    expect(settings.currentId()).toBeNull();
    expect(settings.list().map((connection) => connection.connectionId)).toEqual([EMBEDDED_CONNECTION_ID]);
  });

  it('keeps a feed in a 0600 file and its token only in the vault, across a restart', () => {
    const { dataDir, open } = fresh();
    const saved = open().save({ kind: 'remote', label: 'North site', url: 'wss://feed.example:8443/live?tenant=n', token: 'tok-SECRET-1' });
    open().setCurrent(saved.connectionId);

    const again = open();
    expect(again.currentId()).toBe(saved.connectionId);
    expect(again.get(saved.connectionId)).toMatchObject({ label: 'North site', url: 'wss://feed.example:8443/live?tenant=n' });
    expect(again.token(saved.connectionId)).toBe('tok-SECRET-1');
    const file = join(dataDir, CONNECTIONS_FILE);
    expect(readFileSync(file, 'utf8')).not.toContain('tok-SECRET-1');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps the saved token when a save sends none, drops credentials from the address, and forgets the token with the feed', () => {
    const { open } = fresh();
    const settings = open();
    const saved = settings.save({ kind: 'remote', label: '', url: 'ws://someone:pw@127.0.0.1:9/feed', token: 'first' });
    expect(saved.url).toBe('ws://127.0.0.1:9/feed');
    expect(saved.label).toBe('127.0.0.1:9');
    settings.save({ kind: 'remote', connectionId: saved.connectionId, label: 'Renamed', url: 'ws://127.0.0.1:9/feed' });
    expect(settings.token(saved.connectionId)).toBe('first');
    settings.forget(saved.connectionId);
    expect(settings.get(saved.connectionId)).toBeNull();
    expect(settings.token(saved.connectionId)).toBeNull();
    expect(() => settings.forget(EMBEDDED_CONNECTION_ID)).toThrow(/cannot be forgotten/u);
  });

  it('sets a damaged file aside and starts again instead of refusing to start', () => {
    const { dataDir, open } = fresh();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, CONNECTIONS_FILE), '{ not json');
    expect(open().currentId()).toBeNull();
    expect(readdirSync(dataDir).some((name) => name.startsWith(`${CONNECTIONS_FILE}.damaged-`))).toBe(true);
  });
});

describe('cache keys', () => {
  it('differ per feed, per token and per demo user, and never contain the token', () => {
    const keys = [
      cacheKeyFor({ kind: 'remote', url: 'ws://a.example/feed', token: 'alice-token' }),
      cacheKeyFor({ kind: 'remote', url: 'ws://a.example/feed', token: 'bob-token' }),
      cacheKeyFor({ kind: 'remote', url: 'ws://b.example/feed', token: 'alice-token' }),
      cacheKeyFor({ kind: 'embedded', demoUserId: null, seed: 1 }),
      cacheKeyFor({ kind: 'embedded', demoUserId: 'lee', seed: 1 }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.join(' ')).not.toMatch(/alice|bob/u);
    expect(cacheKeyFor({ kind: 'remote', url: 'ws://a.example/feed', token: 'alice-token' })).toBe(keys[0]);
  });
});

describe('feed probe', () => {
  it('names the cause: accepted, wrong token, nothing listening, not a feed, TLS, silence, another version', async () => {
    const sim = await startSimServer({ port: 0, seed: 3, token: 'right', floor: { agents: 4, queues: 1 } });
    cleanups.push(() => sim.close());
    const accepted = await probeFeed({ url: sim.url, token: 'right', clientVersion: 'test' });
    expect(accepted).toMatchObject({ ok: true, protocolVersion: 1 });
    expect(await probeFeed({ url: sim.url, token: 'wrong', clientVersion: 'test' })).toMatchObject({ ok: false, problem: 'unauthorized' });
    expect(await probeFeed({ url: 'ws://127.0.0.1:9/feed', token: '', clientVersion: 'test' })).toMatchObject({ ok: false, problem: 'unreachable' });
    expect(await probeFeed({ url: 'http://127.0.0.1:9/feed', token: '', clientVersion: 'test' })).toMatchObject({ ok: false, problem: 'invalid_url' });

    const http = createServer((_request, response) => response.writeHead(404).end('no'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => http.close(() => resolve())));
    const httpPort = (http.address() as AddressInfo).port;
    expect(await probeFeed({ url: `ws://127.0.0.1:${httpPort}/`, token: '', clientVersion: 'test' })).toMatchObject({ ok: false, problem: 'not_a_feed' });
    expect(await probeFeed({ url: `wss://127.0.0.1:${httpPort}/`, token: '', clientVersion: 'test' })).toMatchObject({ ok: false, problem: 'tls' });

    const silent = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    const future = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    future.on('connection', (socket) => socket.on('message', () => socket.send(JSON.stringify({ type: 'welcome', protocolVersion: 2, sessionId: 's', heartbeatIntervalMs: 1000, streams: [] }))));
    cleanups.push(() => new Promise<void>((resolve) => silent.close(() => resolve())));
    cleanups.push(() => new Promise<void>((resolve) => future.close(() => resolve())));
    await Promise.all([silent, future].map((server) => new Promise((resolve) => server.once('listening', resolve))));
    const silentPort = (silent.address() as AddressInfo).port;
    const futurePort = (future.address() as AddressInfo).port;
    const timedOut = await probeFeed({ url: `ws://127.0.0.1:${silentPort}/`, token: '', clientVersion: 'test', timeoutMs: 300 });
    expect(timedOut).toMatchObject({ ok: false, problem: 'timeout' });
    expect(await probeFeed({ url: `ws://127.0.0.1:${futurePort}/`, token: '', clientVersion: 'test' })).toMatchObject({ ok: false, problem: 'unsupported_version' });
    for (const socket of silent.clients) socket.terminate();
  });
});
