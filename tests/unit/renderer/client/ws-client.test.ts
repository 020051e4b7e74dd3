import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import type { ClientMessage } from '../../../../src-shared/api/contract.js';
import { API_PATH, API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX } from '../../../../src-shared/api/contract.js';
import type { OverviewMessage } from '../../../../src-shared/api/live.js';
import { apiSubprotocols, apiWebSocketUrl, createWebSocketClient } from '../../../../src-renderer/client/ws-client.js';
import type { WebSocketLike } from '../../../../src-renderer/client/ws-client.js';
import { apiPath, apiSubprotocol, apiTokenSubprotocolPrefix } from '../../../../src-renderer/client/wire-constants.js';
import type { ConsoleClient, LinkState } from '../../../../src-renderer/client/console-client.js';

/** A minimal API server: answers session.info, subscribes with a snapshot, ignores 'queues.list' on purpose. */
async function startApiServer() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (protocols) => (protocols.has(API_SUBPROTOCOL) ? API_SUBPROTOCOL : false) });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const offered: string[][] = [];
  const sockets = new Set<WebSocket>();
  let subscriptions = 0;
  let connections = 0;
  server.on('connection', (socket, request) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    offered.push(String(request.headers['sec-websocket-protocol']).split(',').map((part) => part.trim()));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ClientMessage;
      const reply = (result: unknown) => socket.send(JSON.stringify({ kind: 'response', id: message.id, result }));
      const request = message.request;
      if (request.op === 'query' && request.query.type === 'session.info') reply({ ok: true, value: { userId: 'u1' } });
      if (request.op === 'subscribe') {
        subscriptions += 1;
        const subscriptionId = `sub-${subscriptions}`;
        reply({ ok: true, value: { subscriptionId } });
        const snapshot: OverviewMessage = { kind: 'snapshot', asOfSeq: subscriptions, asOfTime: 0, queues: [] };
        socket.send(JSON.stringify({ kind: 'push', subscriptionId, topic: request.subscription.topic, message: snapshot }));
      }
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}${API_PATH}`,
    offered,
    connections: () => connections,
    dropAll: () => {
      for (const socket of sockets) socket.terminate();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

function nextLink(client: ConsoleClient, wanted: LinkState): Promise<void> {
  return new Promise((resolve) => {
    let stop: (() => void) | null = null;
    let done = false;
    stop = client.onLink((state) => {
      if (state !== wanted || done) return;
      done = true;
      queueMicrotask(() => stop?.());
      resolve();
    });
  });
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('ws-client against a real WebSocket server', () => {
  it('offers the API and token subprotocols, answers queries and delivers the snapshot', async () => {
    const server = await startApiServer();
    cleanups.push(server.close);
    const client = createWebSocketClient({ url: server.url, token: 'tok-1', createSocket: (url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike });
    cleanups.push(() => client.close());

    const snapshot = new Promise<OverviewMessage>((resolve) => client.subscribe({ topic: 'overview' }, resolve));
    const session = await client.query({ type: 'session.info' });

    expect(session).toEqual({ ok: true, value: { userId: 'u1' } });
    expect((await snapshot).kind).toBe('snapshot');
    expect(server.offered[0]).toEqual([API_SUBPROTOCOL, `${API_TOKEN_SUBPROTOCOL_PREFIX}tok-1`]);
  });

  it('reconnects after the link drops, fails the request in flight and re-subscribes with a fresh snapshot', async () => {
    const server = await startApiServer();
    cleanups.push(server.close);
    const client = createWebSocketClient({ url: server.url, token: 't', random: () => 0, createSocket: (url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike });
    cleanups.push(() => client.close());
    const snapshots: number[] = [];
    const arrivals = [deferred(), deferred()];
    client.subscribe({ topic: 'overview' }, (message) => {
      snapshots.push(message.asOfSeq);
      arrivals[snapshots.length - 1]?.resolve();
    });
    await arrivals[0]?.promise;
    const unanswered = client.query({ type: 'queues.list' });
    const closed = nextLink(client, 'closed');

    server.dropAll();
    await closed;
    const lost = await unanswered;
    await arrivals[1]?.promise;

    expect(lost.ok).toBe(false);
    expect(!lost.ok && lost.error).toMatch(/Lost the connection to the console core/);
    expect(server.connections()).toBe(2);
    expect(snapshots).toEqual([1, 2]);
  });
});

describe('ws-client backoff', () => {
  it('keeps backing off when the core opens the socket and closes it at once (a full or revoked wallboard slot)', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => API_SUBPROTOCOL });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    server.on('connection', (socket) => socket.close(1013, 'wallboard connection limit reached'));
    const delays: number[] = [];
    let closes = 0;
    const timers = {
      setTimeout: (callback: () => void, ms: number) => {
        delays.push(ms);
        return globalThis.setTimeout(callback, 0);
      },
      clearTimeout: (handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
    };
    const { port } = server.address() as AddressInfo;
    const client = createWebSocketClient({
      url: `ws://127.0.0.1:${port}${API_PATH}`,
      token: 't',
      random: () => 1,
      timers,
      createSocket: (url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike,
    });
    await new Promise<void>((resolve) => {
      client.onLink((link) => {
        if (link === 'closed' && ++closes === 4) resolve();
      });
    });
    client.close();
    server.close();
    // Only reconnect delays (the backoff's) count; request timeouts use the same timers.
    const reconnects = delays.filter((ms) => ms <= 5_000).slice(0, 4);
    expect(reconnects).toEqual([...reconnects].sort((a, b) => a - b));
    expect(reconnects[3]).toBeGreaterThan(reconnects[0] ?? 0);
  });
});

describe('ws-client addressing', () => {
  it('derives the API address from the page origin', () => {
    expect(apiWebSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api');
    expect(apiWebSocketUrl({ protocol: 'https:', host: 'floor.example' })).toBe('wss://floor.example/api');
    expect(apiSubprotocols(null)).toEqual([API_SUBPROTOCOL]);
  });

  it('restates the contract constants exactly', () => {
    expect([apiPath, apiSubprotocol, apiTokenSubprotocolPrefix]).toEqual([API_PATH, API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX]);
  });
});
