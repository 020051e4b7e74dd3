/** A console host with LAN serving on 127.0.0.1, and a tiny API client over a real WebSocket. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX, type ApiRequestInput } from '../../../src-shared/api/contract.js';
import type { Result } from '../../../src-shared/result.js';
import type { LanConfig } from '../../../src-main/core/config.js';
import { startConsoleHost, type ConsoleHost } from '../../../src-main/host/index.js';
import { tempDir } from '../../support/host-process.js';
import { busyAfternoon } from '../../support/busy-floor.js';
import { rememberHostFeedUser } from '../../support/remembered-user.js';

export const CONSOLE_TOKEN = 'a-console-token-that-is-long-enough-0123456789';

export interface LanHost {
  readonly running: ConsoleHost;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** Starts the host on a fresh data dir (or `dataDir`), its feed unreachable so nothing moves. */
export async function startLanHost(lan: Partial<LanConfig> = {}, options: { dataDir?: string; embedded?: boolean; rendererFiles?: Readonly<Record<string, string | Buffer>> } = {}): Promise<LanHost> {
  const dir = tempDir('lan');
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>wallboard</title>');
  for (const [name, content] of Object.entries(options.rendererFiles ?? {})) writeFileSync(join(rendererDir, name), content);
  const dataDir = options.dataDir ?? join(dir, 'data');
  // Offline, the console runs as the user this cache last saw from its feed; embedded, as the simulator's leader.
  if (!options.embedded) {
    mkdirSync(dataDir, { recursive: true });
    rememberHostFeedUser(dataDir, { url: 'ws://127.0.0.1:9/feed', token: 'x' }, { userId: 'sam', name: 'Sam', role: 'wfm_leader', queueScope: null });
  }
  const running = await startConsoleHost(
    {
      dataDir,
      feed: options.embedded ? { kind: 'embedded-simulator', seed: 5, speed: 10, agents: 16, queues: 2, startTime: busyAfternoon() } : { kind: 'remote', url: 'ws://127.0.0.1:9/feed', token: 'x' },
      backfillDays: 0,
      lan: { host: '127.0.0.1', port: 0, maxConnections: 20, maxConnectionsPerDevice: 4, ...lan },
    },
    { port: 0, rendererDir, consoleToken: CONSOLE_TOKEN },
  );
  return {
    running,
    dataDir,
    async close() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Opened = { readonly client: ApiClient } | { readonly status: number };

export interface ApiClient {
  readonly socket: WebSocket;
  request(request: ApiRequestInput): Promise<Result<unknown>>;
  /** Pushes received so far, by subscription id. */
  pushes(subscriptionId: string): unknown[];
  /** Resolves with the close code and reason. */
  closed(): Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Opens an API socket to `port` with a token and an Origin (default: the listener's own). */
export function openApi(port: number, options: { token?: string; origin?: string | null; host?: string } = {}): Promise<Opened> {
  const protocols = [API_SUBPROTOCOL, ...(options.token === undefined ? [] : [`${API_TOKEN_SUBPROTOCOL_PREFIX}${options.token}`])];
  const headers: Record<string, string> = options.host === undefined ? {} : { Host: options.host };
  const origin = options.origin === null ? undefined : (options.origin ?? `http://127.0.0.1:${port}`);
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api`, protocols, { origin, headers });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  const pushes = new Map<string, unknown[]>();
  let nextId = 1;
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { kind: string; id?: number; result?: Result<unknown>; subscriptionId?: string; message?: unknown };
    if (message.kind === 'response') waiting.get(message.id!)?.(message.result!);
    else if (message.kind === 'push') pushes.set(message.subscriptionId!, [...(pushes.get(message.subscriptionId!) ?? []), message.message]);
  });
  const client: ApiClient = {
    socket,
    request(request) {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ kind: 'request', id, request }));
      });
    },
    pushes: (subscriptionId) => pushes.get(subscriptionId) ?? [],
    closed: () => closed,
    close: () => socket.close(),
  };
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ client }));
    socket.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    socket.once('error', () => resolve({ status: -1 }));
  });
}

export function expectClient(opened: Opened): ApiClient {
  if (!('client' in opened)) throw new Error(`the socket was refused with ${opened.status}`);
  return opened.client;
}
