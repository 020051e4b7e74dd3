/**
 * LAN wallboards through the real host: off by default, turned on and off by a supervisor,
 * device tokens (shown once, stored hashed, revocable), the console token refused on the LAN,
 * connection limits, and the devices list.
 */
import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LanServing, WallboardDevice } from '../../../src-shared/api/wallboard.js';
import { hashDeviceToken } from '../../../src-main/core/wallboard/devices.js';
import { CLOSE_DEVICE_REVOKED, CLOSE_TOO_MANY_CONNECTIONS } from '../../../src-main/host/lan-gate.js';
import { tempDir, waitFor } from '../../support/host-process.js';
import { CONSOLE_TOKEN, expectClient, openApi, startLanHost, type ApiClient, type LanHost } from './lan-test-kit.js';
import { deviceTokenOf } from '../../support/device-link.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let commandNumber = 0;

async function host(lan: Parameters<typeof startLanHost>[0] = {}, options: Parameters<typeof startLanHost>[1] = {}): Promise<{ lanHost: LanHost; console: ApiClient }> {
  const lanHost = await startLanHost(lan, options);
  cleanups.push(() => lanHost.close());
  const console = expectClient(await openApi(lanHost.running.host.port, { token: CONSOLE_TOKEN }));
  cleanups.push(() => console.close());
  return { lanHost, console };
}

async function command<T>(client: ApiClient, body: Record<string, unknown>): Promise<T> {
  const result = await client.request({ op: 'command', commandId: `c-${++commandNumber}`, command: body as never });
  if (!result.ok) throw new Error(result.error);
  return result.value as T;
}

function portOf(serving: LanServing): number {
  return Number(new URL(serving.urls[0]!).port);
}

function tokenOf(url: string): string {
  return deviceTokenOf(url);
}

function statusWithHost(port: number, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path: '/', headers: { Host: hostHeader } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end();
  });
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('LAN serving', () => {
  it('is off by default, starts and stops on a supervisor command, and closes its port when off', async () => {
    const { console } = await host();
    expect(await console.request({ op: 'query', query: { type: 'wallboard.lan' } })).toEqual({ ok: true, value: { enabled: false, urls: [], maxConnections: 20 } });
    const on = await command<LanServing>(console, { type: 'wallboard.lan.set', enabled: true });
    expect(on.enabled).toBe(true);
    expect(on.urls).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/)]);
    const port = portOf(on);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    const off = await command<LanServing>(console, { type: 'wallboard.lan.set', enabled: false });
    expect(off).toEqual({ enabled: false, urls: [], maxConnections: 20 });
    expect(await refusesConnections(port)).toBe(true);
  });

  it('comes back on after a restart when it was left on', async () => {
    const dataDir = tempDir('lan-kept');
    const before = await startLanHost({}, { dataDir });
    const console = expectClient(await openApi(before.running.host.port, { token: CONSOLE_TOKEN }));
    await command<LanServing>(console, { type: 'wallboard.lan.set', enabled: true });
    console.close();
    await before.running.close();
    const again = await startLanHost({}, { dataDir });
    cleanups.push(() => again.close());
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    expect(again.running.lan.controller.status().enabled).toBe(true);
  });
});

describe('device tokens', () => {
  it('open a read-only wallboard session on the LAN and on the console listener; the console token does not work on the LAN', async () => {
    const { lanHost, console } = await host();
    const lan = await command<LanServing>(console, { type: 'wallboard.lan.set', enabled: true });
    const created = await command<{ device: WallboardDevice; url: string }>(console, { type: 'wallboard.device.create', name: 'Floor TV' });
    expect(created.url).toMatch(new RegExp(`^${lan.urls[0]}#/wallboard\\?token=`));
    const token = tokenOf(created.url);

    const tv = expectClient(await openApi(portOf(lan), { token }));
    cleanups.push(() => tv.close());
    expect(await tv.request({ op: 'query', query: { type: 'session.info' } })).toMatchObject({
      ok: true,
      value: { userId: `device:${created.device.deviceId}`, displayName: 'Floor TV', role: 'wallboard', queueScope: null },
    });
    const onConsole = expectClient(await openApi(lanHost.running.host.port, { token }));
    cleanups.push(() => onConsole.close());
    expect(await onConsole.request({ op: 'query', query: { type: 'session.info' } })).toMatchObject({ ok: true, value: { role: 'wallboard' } });

    expect(await openApi(portOf(lan), { token: CONSOLE_TOKEN })).toEqual({ status: 401 });
    expect(await openApi(portOf(lan), {})).toEqual({ status: 401 });
    expect(await openApi(portOf(lan), { token: token.replace(/.$/, token.endsWith('A') ? 'B' : 'A') })).toEqual({ status: 401 });
  });

  it('are kept only as a hash, and a retried create does not show the token again', async () => {
    const { lanHost, console } = await host();
    await command(console, { type: 'wallboard.lan.set', enabled: true });
    const commandId = 'create-once';
    const first = await console.request({ op: 'command', commandId, command: { type: 'wallboard.device.create', name: 'Lobby' } });
    const retry = await console.request({ op: 'command', commandId, command: { type: 'wallboard.device.create', name: 'Lobby' } });
    if (!first.ok || !retry.ok) throw new Error('create failed');
    const made = first.value as { device: WallboardDevice; url: string };
    expect(retry.value).toEqual({ ...made, url: null });
    const token = tokenOf(made.url);
    const db = lanHost.running.core.store.database;
    const everything = JSON.stringify([
      db.prepare('SELECT * FROM wallboard_devices').all(),
      db.prepare('SELECT * FROM command_ledger').all(),
      db.prepare('SELECT * FROM wallboard_settings').all(),
    ]);
    expect(everything).not.toContain(token);
    expect(everything).toContain(hashDeviceToken(token));
    const devices = await console.request({ op: 'query', query: { type: 'wallboard.devices' } });
    expect(devices.ok && (devices.value as WallboardDevice[]).map((device) => device.name)).toEqual(['Lobby']);
  });

  it('stop at once when revoked: open sockets close, later ones are refused', async () => {
    const { console } = await host();
    const lan = await command<LanServing>(console, { type: 'wallboard.lan.set', enabled: true });
    const created = await command<{ device: WallboardDevice; url: string }>(console, { type: 'wallboard.device.create', name: 'Break room' });
    const token = tokenOf(created.url);
    const tv = expectClient(await openApi(portOf(lan), { token }));
    const subscribed = await tv.request({ op: 'subscribe', subscription: { topic: 'overview' } });
    expect(subscribed.ok).toBe(true);

    const listed = await console.request({ op: 'query', query: { type: 'wallboard.devices' } });
    expect(listed.ok && (listed.value as WallboardDevice[])[0]).toMatchObject({ connections: 1, remoteAddress: '127.0.0.1', lastSeenAt: expect.any(Number), revokedAt: null });

    const revoked = await command<WallboardDevice>(console, { type: 'wallboard.device.revoke', deviceId: created.device.deviceId });
    expect(revoked.revokedAt).toEqual(expect.any(Number));
    expect(await tv.closed()).toEqual({ code: CLOSE_DEVICE_REVOKED, reason: 'This wallboard device was revoked' });
    expect(await openApi(portOf(lan), { token })).toEqual({ status: 401 });
    const after = await console.request({ op: 'query', query: { type: 'wallboard.devices' } });
    expect(after.ok && (after.value as WallboardDevice[])[0]).toMatchObject({ connections: 0 });
  });
});

describe('connection limits', () => {
  it('close a device socket past the per-device limit and past the total, with the reason', async () => {
    const { lanHost, console } = await host({ maxConnections: 3, maxConnectionsPerDevice: 2 });
    const lan = await command<LanServing>(console, { type: 'wallboard.lan.set', enabled: true });
    expect(lan.maxConnections).toBe(3);
    const tokens: string[] = [];
    for (const name of ['A', 'B']) tokens.push(tokenOf((await command<{ url: string }>(console, { type: 'wallboard.device.create', name })).url));
    const port = portOf(lan);

    const open: ApiClient[] = [];
    for (let index = 0; index < 2; index += 1) open.push(expectClient(await openApi(port, { token: tokens[0] })));
    cleanups.push(() => open.forEach((client) => client.close()));
    const third = expectClient(await openApi(port, { token: tokens[0] }));
    expect(await third.closed()).toEqual({ code: CLOSE_TOO_MANY_CONNECTIONS, reason: 'Too many connections for this device (limit 2)' });

    open.push(expectClient(await openApi(port, { token: tokens[1] })));
    const overTotal = expectClient(await openApi(port, { token: tokens[1] }));
    expect(await overTotal.closed()).toEqual({ code: CLOSE_TOO_MANY_CONNECTIONS, reason: 'Too many wallboard connections (limit 3)' });

    // A closed socket frees its place.
    open[0]!.close();
    await open[0]!.closed();
    const openCount = () => [...lanHost.running.lan.gate.connections().values()].reduce((sum, device) => sum + device.connections, 0);
    await waitFor(() => openCount() === 2, { what: 'the closed socket to free its place' });
    const replacement = expectClient(await openApi(port, { token: tokens[0] }));
    cleanups.push(() => replacement.close());
    expect(await replacement.request({ op: 'query', query: { type: 'session.info' } })).toMatchObject({ ok: true });
  });
});

describe('the LAN listener trusts nothing else', () => {
  it('refuses pages from another origin and host names that are not this machine', async () => {
    const { console } = await host();
    const lan = await command<LanServing>(console, { type: 'wallboard.lan.set', enabled: true });
    const token = tokenOf((await command<{ url: string }>(console, { type: 'wallboard.device.create', name: 'TV' })).url);
    const port = portOf(lan);
    expect(await openApi(port, { token, origin: 'http://evil.example' })).toEqual({ status: 403 });
    // DNS rebinding: a name pointed at this machine is same-origin with itself, so the name is refused.
    expect(await openApi(port, { token, origin: `http://rebind.evil.example:${port}`, host: `rebind.evil.example:${port}` })).toEqual({ status: 403 });
    expect(await statusWithHost(port, 'rebind.evil.example')).toBe(421);
    expect(await statusWithHost(port, `127.0.0.1:${port}`)).toBe(200);
    const allowed = expectClient(await openApi(port, { token, origin: null }));
    allowed.close();
  });
});
