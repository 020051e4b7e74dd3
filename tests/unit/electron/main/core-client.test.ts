import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../../../src-shared/api/contract.js';
import { createCoreClient, type CoreClient } from '../../../../src-main/electron/main/core-client.js';
import type { PushMessage } from '../../../../src-main/electron/common/ipc-channels.js';
import type { MainToCore } from '../../../../src-main/electron/common/core-process-protocol.js';

interface Timer {
  readonly delayMs: number;
  readonly run: () => void;
  cancelled: boolean;
}

function harness(options: { requestTimeoutMs?: number; shutdownTimeoutMs?: number } = {}) {
  const posted: MainToCore[] = [];
  const pushes: [number, PushMessage][] = [];
  const failures: string[] = [];
  const timers: Timer[] = [];
  const client: CoreClient = createCoreClient({
    post: (message) => posted.push(structuredClone(message)),
    onPush: (windowId, message) => pushes.push([windowId, message]),
    onFailure: (reason) => failures.push(reason),
    schedule: (delayMs, run) => {
      const timer: Timer = { delayMs, run, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    ...options,
  });
  const fire = (delayMs: number): void => {
    for (const timer of timers) if (!timer.cancelled && timer.delayMs === delayMs) timer.run();
  };
  const lastRequestId = (): number => {
    const last = posted.findLast((message) => message.kind === 'request');
    if (last?.kind !== 'request') throw new Error('no request was posted');
    return last.message.id;
  };
  return { client, posted, pushes, failures, timers, fire, lastRequestId };
}

const sessionInfo: ApiRequest = { op: 'query', query: { type: 'session.info' } };

describe('createCoreClient', () => {
  it('starts the core with the user arguments and data folder', () => {
    const { client, posted } = harness();
    client.start(['--seed', '3'], '/data');
    expect(posted).toEqual([{ kind: 'start', argv: ['--seed', '3'], dataDir: '/data' }]);
    expect(client.state).toBe('starting');
  });

  it('tags a request with its window and resolves it with the core response for that window', async () => {
    const { client, posted, lastRequestId } = harness();
    const answer = client.request(4, sessionInfo);
    const id = lastRequestId();
    expect(posted.at(-1)).toEqual({ kind: 'request', windowId: 4, message: { kind: 'request', id, request: sessionInfo } });
    client.receive({ kind: 'server', windowId: 4, message: { kind: 'response', id, result: { ok: true, value: 'hello' } } });
    await expect(answer).resolves.toEqual({ ok: true, value: 'hello' });
  });

  it('gives every request its own id, across windows', () => {
    const { client, posted } = harness();
    void client.request(1, sessionInfo);
    void client.request(2, sessionInfo);
    void client.request(1, sessionInfo);
    const ids = posted.flatMap((message) => (message.kind === 'request' ? [message.message.id] : []));
    expect(new Set(ids).size).toBe(3);
  });

  it('ignores a response that claims to be for another window', async () => {
    const { client, lastRequestId, fire } = harness({ requestTimeoutMs: 50 });
    const answer = client.request(1, sessionInfo);
    client.receive({ kind: 'server', windowId: 2, message: { kind: 'response', id: lastRequestId(), result: { ok: true, value: 'stolen' } } });
    fire(50);
    await expect(answer).resolves.toEqual({ ok: false, error: expect.stringContaining('did not answer') });
  });

  it('routes pushes to the window they belong to', () => {
    const { client, pushes } = harness();
    const push: PushMessage = { kind: 'push', subscriptionId: 's1', topic: 'status', message: {} as PushMessage['message'] };
    client.receive({ kind: 'server', windowId: 9, message: push });
    expect(pushes).toEqual([[9, push]]);
  });

  it('ignores messages that are not part of the protocol', () => {
    const { client, pushes, failures } = harness();
    for (const junk of [null, 'ready', { kind: 'server', windowId: -1, message: { kind: 'push', subscriptionId: 's' } }, { kind: 'server', windowId: 1, message: { kind: 'other' } }, { kind: 'bogus' }]) {
      client.receive(junk);
    }
    expect(pushes).toEqual([]);
    expect(failures).toEqual([]);
    expect(client.state).toBe('starting');
  });

  it('becomes ready when the core says so', () => {
    const { client } = harness();
    client.receive({ kind: 'ready' });
    expect(client.state).toBe('ready');
  });

  it('times out a request the core never answers and cancels the timer of one it does', async () => {
    const { client, lastRequestId, fire, timers } = harness({ requestTimeoutMs: 1000 });
    const slow = client.request(1, sessionInfo);
    fire(1000);
    await expect(slow).resolves.toEqual({ ok: false, error: 'The core did not answer within 1000 ms.' });

    const quick = client.request(1, sessionInfo);
    client.receive({ kind: 'server', windowId: 1, message: { kind: 'response', id: lastRequestId(), result: { ok: true, value: 1 } } });
    await expect(quick).resolves.toEqual({ ok: true, value: 1 });
    expect(timers.at(-1)?.cancelled).toBe(true);
  });

  it('fails pending and later requests when the core cannot start, and reports it once', async () => {
    const { client, failures } = harness();
    const pending = client.request(1, sessionInfo);
    client.receive({ kind: 'failed', error: 'The core could not start: disk full' });
    await expect(pending).resolves.toEqual({ ok: false, error: 'The core could not start: disk full' });
    await expect(client.request(1, sessionInfo)).resolves.toEqual({ ok: false, error: 'The core could not start: disk full' });
    expect(failures).toEqual(['The core could not start: disk full']);
    expect(client.state).toBe('failed');
  });

  it('fails pending requests and reports a crash when the process ends unasked', async () => {
    const { client, failures } = harness();
    client.receive({ kind: 'ready' });
    const pending = client.request(1, sessionInfo);
    client.exited(139);
    await expect(pending).resolves.toEqual({ ok: false, error: 'The core process ended unexpectedly (exit code 139).' });
    expect(failures).toEqual(['The core process ended unexpectedly (exit code 139).']);
    expect(client.state).toBe('stopped');
  });

  it('settles only the closed window’s requests and tells the core to drop its connection', async () => {
    const { client, posted, lastRequestId } = harness();
    const other = client.request(2, sessionInfo);
    const otherId = lastRequestId();
    const closing = client.request(1, sessionInfo);
    client.closeWindow(1);
    await expect(closing).resolves.toEqual({ ok: false, error: 'The window was closed.' });
    expect(posted.at(-1)).toEqual({ kind: 'close-window', windowId: 1 });
    client.receive({ kind: 'server', windowId: 2, message: { kind: 'response', id: otherId, result: { ok: true, value: 'still here' } } });
    await expect(other).resolves.toEqual({ ok: true, value: 'still here' });
  });

  it('shuts down once: pending requests fail, the core is asked to stop, and it resolves when the core has stopped', async () => {
    const { client, posted, failures } = harness();
    client.receive({ kind: 'ready' });
    const pending = client.request(1, sessionInfo);
    let stopped = false;
    const first = client.shutdown().then(() => {
      stopped = true;
    });
    const second = client.shutdown();
    await expect(pending).resolves.toEqual({ ok: false, error: 'The core is shutting down.' });
    await expect(client.request(1, sessionInfo)).resolves.toEqual({ ok: false, error: 'The core is shutting down.' });
    expect(posted.filter((message) => message.kind === 'shutdown')).toHaveLength(1);
    await Promise.resolve();
    expect(stopped).toBe(false);

    client.receive({ kind: 'stopped', error: null });
    client.exited(0);
    await Promise.all([first, second]);
    expect(stopped).toBe(true);
    expect(client.state).toBe('stopped');
    expect(failures).toEqual([]);
  });

  it('stops waiting for a core that never confirms after the shutdown timeout', async () => {
    const { client, fire } = harness({ shutdownTimeoutMs: 5000 });
    const done = client.shutdown();
    fire(5000);
    await expect(done).resolves.toBeUndefined();
    expect(client.state).toBe('stopping');
  });

  it('treats the process ending during shutdown as the end of the shutdown, not a crash', async () => {
    const { client, failures } = harness();
    const done = client.shutdown();
    client.exited(0);
    await expect(done).resolves.toBeUndefined();
    expect(failures).toEqual([]);
  });
});
