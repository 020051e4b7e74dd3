/**
 * One core with LAN serving, and a console host per session on top of it, for the permission
 * matrix and the exploit tests: every request goes through a real socket to the real API service.
 * `hostAs` is the one place that knows how a host gets its session.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Session } from '../../../src-main/core/api/session.js';
import { createCore, type Core } from '../../../src-main/core/core.js';
import type { FeedConfig } from '../../../src-main/core/config.js';
import { startLanServing, type LanServingHandle } from '../../../src-main/host/lan-serving.js';
import { startHost, type Host } from '../../../src-main/host/server.js';
import type { LanServing } from '../../../src-shared/api/wallboard.js';
import { busyAfternoon } from '../../support/busy-floor.js';
import { deviceTokenOf } from '../../support/device-link.js';
import { tempDir, waitFor } from '../../support/host-process.js';
import { CONSOLE_TOKEN, expectClient, openApi, type ApiClient } from '../host/lan-test-kit.js';

export { CONSOLE_TOKEN, expectClient, openApi, type ApiClient };

export interface SecuredCore {
  readonly core: Core;
  readonly lan: LanServingHandle;
  /** A console host whose console token opens `session`; device tokens open their device's session. */
  hostAs(session: Session): Promise<Host>;
  /** A socket on a console host as `session`. */
  consoleAs(session: Session): Promise<ApiClient>;
  close(): Promise<void>;
}

/** A quiet floor: the feed is unreachable, so nothing moves and only permissions are exercised. */
export const UNREACHABLE_FEED: FeedConfig = { kind: 'remote', url: 'ws://127.0.0.1:9/feed', token: 'x' };

/** A small busy simulated floor inside the core. */
export function embeddedFloor(): FeedConfig {
  return { kind: 'embedded-simulator', seed: 9, speed: 10, agents: 16, queues: 3, startTime: busyAfternoon() };
}

export async function startSecuredCore(feed: FeedConfig): Promise<SecuredCore> {
  const dir = tempDir('security');
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  const core = await createCore({ dataDir: join(dir, 'data'), feed, backfillDays: 0 });
  const lan = startLanServing({ api: core.api, store: core.store, rendererDir, config: { host: '127.0.0.1', port: 0, maxConnections: 50, maxConnectionsPerDevice: 8 } });
  const hosts: Host[] = [];
  const clients: ApiClient[] = [];
  const hostAs = async (session: Session): Promise<Host> => {
    const host = await startHost({ api: core.api, sessions: { current: () => session, onChange: () => () => undefined }, rendererDir, port: 0, consoleToken: CONSOLE_TOKEN, devices: lan.gate });
    hosts.push(host);
    return host;
  };
  return {
    core,
    lan,
    hostAs,
    async consoleAs(session) {
      const host = await hostAs(session);
      const client = expectClient(await openApi(host.port, { token: CONSOLE_TOKEN }));
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.close();
      await lan.close();
      for (const host of hosts) await host.close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Value of an ok result, or the test fails with the refusal. */
export function valueOf<T>(result: { ok: true; value: unknown } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value as T;
}

/** Makes a device as the client's user and returns its token (LAN serving is turned on by an unscoped user first). */
export async function createDevice(client: ApiClient, name: string): Promise<{ readonly deviceId: string; readonly token: string }> {
  const created = valueOf<{ device: { deviceId: string }; url: string }>(
    await client.request({ op: 'command', commandId: `create-${name}`, command: { type: 'wallboard.device.create', name } }),
  );
  return { deviceId: created.device.deviceId, token: deviceTokenOf(created.url) };
}

/** Turns LAN serving on (as an unscoped user) and returns its port. */
export async function lanOn(client: ApiClient): Promise<number> {
  const serving = valueOf<LanServing>(await client.request({ op: 'command', commandId: 'lan-on', command: { type: 'wallboard.lan.set', enabled: true } }));
  return Number(new URL(serving.urls[0]!).port);
}

/** The first push of a subscription (its snapshot). */
export async function subscribeSnapshot<T>(client: ApiClient, subscription: Parameters<ApiClient['request']>[0] & { op: 'subscribe' }): Promise<T> {
  const subscribed = valueOf<{ subscriptionId: string }>(await client.request(subscription));
  return waitFor(() => client.pushes(subscribed.subscriptionId)[0] as T | undefined, { what: `the first push of ${subscription.subscription.topic}` });
}

/** Waits until the simulated floor has at least `count` queues and returns their ids. */
export async function floorQueues(secured: SecuredCore, count: number): Promise<string[]> {
  return waitFor(() => {
    const queues = secured.core.store.listQueues().map((queue) => queue.queueId);
    return queues.length >= count ? queues : undefined;
  }, { what: `${count} queues on the floor` });
}
