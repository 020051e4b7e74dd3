/**
 * The relay and the client wired back to back (through structuredClone, as postMessage does),
 * with the real ApiConnection in between and a small ApiService standing in for a full core.
 */
import { describe, expect, it } from 'vitest';
import type { Topic, TopicMessage } from '../../../../src-shared/api/contract.js';
import { fail, ok } from '../../../../src-shared/result.js';
import type { ApiService } from '../../../../src-main/core/api/api-service.js';
import { createApiConnection } from '../../../../src-main/core/api/api-connection.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import { createCoreClient } from '../../../../src-main/electron/main/core-client.js';
import type { PushMessage } from '../../../../src-main/electron/common/ipc-channels.js';
import type { CoreToMain } from '../../../../src-main/electron/common/core-process-protocol.js';
import { createCoreRelay, type RunningCore } from '../../../../src-main/electron/utility/core-relay.js';

const session: Session = { userId: 'ada', displayName: 'Ada', role: 'wfm_leader', queueScope: null };

function fakeApi() {
  const listeners = new Set<(message: TopicMessage<Topic>) => void>();
  const api: ApiService = {
    // The service's generic signature cannot be met by a plain function without a cast.
    query: (_session, query) => (query.type === 'queues.list' ? ok([]) : fail(`unsupported ${query.type}`)) as never,
    subscribe: (_session, _topic, listener) => {
      const untyped = listener as (message: TopicMessage<Topic>) => void;
      listeners.add(untyped);
      return ok(() => listeners.delete(untyped));
    },
    command: async (_session, command) => fail(`unsupported ${command.type}`),
    close: async () => undefined,
  };
  const publish = (message: TopicMessage<Topic>): void => {
    for (const listener of listeners) listener(message);
  };
  return { api, listeners, publish };
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((resolveWith, rejectWith) => {
    resolve = resolveWith;
    reject = rejectWith;
  });
  return { promise, resolve, reject };
}

function wire(start: (argv: readonly string[], dataDir: string) => Promise<RunningCore>) {
  const toMain: CoreToMain[] = [];
  const pushes: [number, PushMessage][] = [];
  const failures: string[] = [];
  const exits: number[] = [];
  const exited = deferred<number>();
  let client: ReturnType<typeof createCoreClient> | null = null;
  const relay = createCoreRelay({
    start,
    post: (message) => {
      const copy = structuredClone(message);
      toMain.push(copy);
      client?.receive(copy);
    },
    exit: (code) => {
      exits.push(code);
      exited.resolve(code);
    },
  });
  client = createCoreClient({
    post: (message) => relay.receive(structuredClone(message)),
    onPush: (windowId, message) => pushes.push([windowId, message]),
    onFailure: (reason) => failures.push(reason),
    schedule: () => () => undefined,
  });
  return { client, relay, toMain, pushes, failures, exits, exited: exited.promise };
}

function runningCore(api: ApiService, onClose: () => Promise<void> = async () => undefined): RunningCore {
  return { connect: (send) => createApiConnection({ api, session, send }), close: onClose };
}

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 5_000;
    const check = (): void => {
      if (condition()) resolve();
      else if (Date.now() > deadline) reject(new Error('condition not met in time'));
      else setImmediate(check);
    };
    check();
  });
}

describe('core relay and client', () => {
  it('answers a request made before the core finished starting, once it has', async () => {
    const { api } = fakeApi();
    const started = deferred<RunningCore>();
    const seen: [readonly string[], string][] = [];
    const { client, toMain } = wire((argv, dataDir) => {
      seen.push([argv, dataDir]);
      return started.promise;
    });
    client.start(['--speed', '10'], '/data');
    const answer = client.request(1, { op: 'query', query: { type: 'queues.list' } });
    started.resolve(runningCore(api));
    await expect(answer).resolves.toEqual({ ok: true, value: [] });
    expect(seen).toEqual([[['--speed', '10'], '/data']]);
    expect(toMain[0]).toEqual({ kind: 'ready' });
    expect(client.state).toBe('ready');
  });

  it('opens each window’s connection as the audience main named for it, across reloads', async () => {
    const { api } = fakeApi();
    const audiences: [number, string][] = [];
    let nextWindow = 0;
    const { client } = wire(async () => ({
      connect: (send, audience) => {
        audiences.push([nextWindow, audience]);
        return createApiConnection({ api, session, send });
      },
      close: async () => undefined,
    }));
    client.start([], '/data');
    client.setWindowAudience(2, 'wallboard');
    nextWindow = 1;
    await client.request(1, { op: 'query', query: { type: 'queues.list' } });
    nextWindow = 2;
    await client.request(2, { op: 'query', query: { type: 'queues.list' } });
    client.closeWindow(2);
    client.setWindowAudience(2, 'console');
    await client.request(2, { op: 'query', query: { type: 'queues.list' } });
    expect(audiences).toEqual([
      [1, 'console'],
      [2, 'wallboard'],
      [2, 'wallboard'],
    ]);
  });

  it('passes the core’s own refusals through unchanged', async () => {
    const { api } = fakeApi();
    const { client } = wire(async () => runningCore(api));
    client.start([], '/data');
    await expect(client.request(1, { op: 'query', query: { type: 'session.info' } })).resolves.toEqual({ ok: false, error: 'unsupported session.info' });
  });

  it('keeps one connection per window: pushes reach only the window that subscribed', async () => {
    const { api, publish } = fakeApi();
    const { client, pushes } = wire(async () => runningCore(api));
    client.start([], '/data');
    const subscribed = await client.request(2, { op: 'subscribe', subscription: { topic: 'status' } });
    expect(subscribed).toEqual({ ok: true, value: { subscriptionId: 's1' } });
    await client.request(3, { op: 'query', query: { type: 'queues.list' } });

    publish({ connection: 'live' } as unknown as TopicMessage<Topic>);
    expect(pushes).toEqual([[2, { kind: 'push', subscriptionId: 's1', topic: 'status', message: { connection: 'live' } }]]);
  });

  it('drops a closed window’s subscriptions in the core', async () => {
    const { api, listeners } = fakeApi();
    const { client } = wire(async () => runningCore(api));
    client.start([], '/data');
    await client.request(5, { op: 'subscribe', subscription: { topic: 'overview' } });
    expect(listeners.size).toBe(1);
    client.closeWindow(5);
    expect(listeners.size).toBe(0);
  });

  it('answers every request with the start failure when the core cannot start', async () => {
    const { client, failures } = wire(async () => {
      throw new Error('database is from a newer version');
    });
    client.start([], '/data');
    const answer = await client.request(1, { op: 'query', query: { type: 'queues.list' } });
    expect(answer).toEqual({ ok: false, error: 'The core could not start: database is from a newer version' });
    expect(failures).toEqual(['The core could not start: database is from a newer version']);
  });

  it('refuses a request sent before start, by id', () => {
    const { relay, toMain } = wire(async () => runningCore(fakeApi().api));
    relay.receive({ kind: 'request', windowId: 1, message: { kind: 'request', id: 12, request: { op: 'query', query: { type: 'queues.list' } } } });
    expect(toMain).toEqual([{ kind: 'server', windowId: 1, message: { kind: 'response', id: 12, result: { ok: false, error: 'The core has not been started.' } } }]);
  });

  it('ignores messages that are not part of the protocol', () => {
    const { relay, toMain, exits } = wire(async () => runningCore(fakeApi().api));
    for (const junk of [undefined, 'shutdown', { kind: 'start', argv: 'x', dataDir: '/d' }, { kind: 'request', windowId: 'one', message: {} }, { kind: 'nope' }]) relay.receive(junk);
    expect(toMain).toEqual([]);
    expect(exits).toEqual([]);
  });

  it('closes the core, then reports and exits, on shutdown', async () => {
    const { api, listeners } = fakeApi();
    const order: string[] = [];
    const { client, toMain, exited } = wire(async () =>
      runningCore(api, async () => {
        order.push(`core closed with ${listeners.size} subscriptions left`);
      }),
    );
    client.start([], '/data');
    await client.request(1, { op: 'subscribe', subscription: { topic: 'overview' } });
    await client.shutdown();
    await expect(exited).resolves.toBe(0);
    expect(order).toEqual(['core closed with 0 subscriptions left']);
    expect(toMain.at(-1)).toEqual({ kind: 'stopped', error: null });
    expect(client.state).toBe('stopped');
  });

  it('reports a failing close and exits with an error code', async () => {
    const { client, toMain, exited } = wire(async () =>
      runningCore(fakeApi().api, async () => {
        throw new Error('WAL checkpoint failed');
      }),
    );
    client.start([], '/data');
    await until(() => client.state === 'ready');
    await client.shutdown();
    await expect(exited).resolves.toBe(1);
    expect(toMain.at(-1)).toEqual({ kind: 'stopped', error: 'WAL checkpoint failed' });
  });

  it('waits for a core that is still starting before closing it on shutdown', async () => {
    const started = deferred<RunningCore>();
    let closed = false;
    const { client, exited } = wire(() => started.promise);
    client.start([], '/data');
    const done = client.shutdown();
    started.resolve(
      runningCore(fakeApi().api, async () => {
        closed = true;
      }),
    );
    await done;
    await expect(exited).resolves.toBe(0);
    expect(closed).toBe(true);
  });
});
