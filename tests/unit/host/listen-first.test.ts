/**
 * The host listens before its core has started (ADR 0048, addendum): it serves the page at once,
 * accepts the console's socket and keeps what it sends until the core is bound, then answers it
 * in order; a device waits for the core that knows it; a core that does not start closes them.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX } from '../../../src-shared/api/contract.js';
import { createCore, type Core } from '../../../src-main/core/core.js';
import { listenHost, type ListeningHost } from '../../../src-main/host/server.js';
import { CORE_DID_NOT_START_CLOSE, MAX_HELD_MESSAGES } from '../../../src-main/host/pending-core.js';
import { filesNamedBy, watchFirstPage } from '../../../src-main/host/page-first.js';
import { tempDir } from '../../support/host-process.js';

const TOKEN = 'a-console-token-that-is-long-enough-0123456789';
const LEADER = { userId: 'lee', displayName: 'Lee', role: 'wfm_leader' as const, queueScope: null };
const PAGE = `<!doctype html><html><head>
    <link rel="icon" href="./icon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="./styles.css" />
    <link rel="modulepreload" href="./chunk-AB12CD34.js" />
    <script type="module" src="./app.js"></script>
  </head><body><div id="root"></div></body></html>`;

let dir: string;
let host: ListeningHost;
let core: Core | null = null;

beforeEach(async () => {
  dir = tempDir('listen-first');
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), PAGE);
  writeFileSync(join(rendererDir, 'app.js'), 'export {};');
  writeFileSync(join(rendererDir, 'chunk-AB12CD34.js'), 'export const chunk = 1;');
  host = await listenHost({ rendererDir, consoleToken: TOKEN });
});

afterEach(async () => {
  await host.close();
  await core?.close();
  core = null;
  rmSync(dir, { recursive: true, force: true });
});

function open(token: string): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, [API_SUBPROTOCOL, `${API_TOKEN_SUBPROTOCOL_PREFIX}${token}`], { origin: host.origin });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${String(response.statusCode)}`)));
  });
}

function messages(socket: WebSocket): Record<string, unknown>[] {
  const received: Record<string, unknown>[] = [];
  socket.on('message', (data) => received.push(JSON.parse(data.toString()) as Record<string, unknown>));
  return received;
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

async function startCore(): Promise<Core> {
  core = await createCore({ dataDir: join(dir, 'data'), feed: { kind: 'remote', url: 'ws://127.0.0.1:9/feed', token: 'x' }, backfillDays: 0 });
  return core;
}

describe('before the core has started', () => {
  it('serves the page', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('app.js');
    expect((await fetch(`${host.origin}/app.js`)).status).toBe(200);
  });

  it('accepts the console socket and answers what it sent, in order, once the core is bound', async () => {
    const socket = await open(TOKEN);
    const received = messages(socket);
    socket.send(JSON.stringify({ kind: 'request', id: 1, request: { op: 'query', query: { type: 'session.info' } } }));
    socket.send(JSON.stringify({ kind: 'request', id: 2, request: { op: 'query', query: { type: 'queues.list' } } }));
    // Nothing answers before the core is bound (a round trip on another connection gives it the time to).
    await fetch(`${host.origin}/`);
    expect(received).toEqual([]);

    const started = await startCore();
    await host.bind({ api: started.api, sessions: { current: () => LEADER, onChange: () => () => undefined } });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received[0]).toMatchObject({ kind: 'response', id: 1, result: { ok: true, value: { role: 'wfm_leader' } } });
    expect(received[1]).toMatchObject({ kind: 'response', id: 2, result: { ok: true, value: [] } });
    socket.close();
  });

  it('holds a device token until the core can tell whether it is one', async () => {
    const attempt = open('not-a-device-token').then(
      () => 'opened',
      (error: Error) => error.message,
    );
    await fetch(`${host.origin}/`);
    const started = await startCore();
    await host.bind({ api: started.api, sessions: { current: () => LEADER, onChange: () => () => undefined } });
    expect(await attempt).toBe('refused with 401');
  });

  it('closes a socket that sends more than it may keep', async () => {
    const socket = await open(TOKEN);
    const closing = closed(socket);
    for (let id = 0; id <= MAX_HELD_MESSAGES; id++) socket.send(JSON.stringify({ kind: 'request', id, request: { op: 'query', query: { type: 'session.info' } } }));
    expect((await closing).code).toBe(1013);
  });

  it('closes the held sockets with the reason when the core does not start', async () => {
    const socket = await open(TOKEN);
    const closing = closed(socket);
    host.fail('the cache folder cannot be written');
    expect(await closing).toEqual({ code: CORE_DID_NOT_START_CLOSE.code, reason: CORE_DID_NOT_START_CLOSE.reason });
  });
});

describe('the files', () => {
  it('are the build the host started with, and a content-named chunk may be kept by the browser', async () => {
    writeFileSync(join(dir, 'renderer', 'app.js'), 'export const rebuilt = true;');
    const entry = await fetch(`${host.origin}/app.js`);
    expect(await entry.text()).toBe('export {};');
    expect(entry.headers.get('cache-control')).toBe('no-cache');
    const chunk = await fetch(`${host.origin}/chunk-AB12CD34.js`);
    expect(await chunk.text()).toBe('export const chunk = 1;');
    expect(chunk.headers.get('cache-control')).toContain('immutable');
    expect(chunk.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('the first page', () => {
  it('names the scripts, preloads and stylesheet of index.html, not its icon', () => {
    expect(filesNamedBy(PAGE).sort()).toEqual(['/app.js', '/chunk-AB12CD34.js', '/styles.css']);
  });

  it('settles once the page and every file it names are answered', async () => {
    const watch = watchFirstPage(['/app.js', '/styles.css'], { graceMs: 3_600_000, limitMs: 3_600_000 });
    let settled = false;
    void watch.settled.then(() => (settled = true));
    watch.answered('/app.js'); // before the page asked: not this page's turn
    watch.requested('/');
    watch.answered('/');
    watch.requested('/app.js');
    watch.answered('/app.js');
    await Promise.resolve();
    expect(settled).toBe(false);
    watch.requested('/styles.css');
    watch.answered('/styles.css');
    await watch.settled;
    expect(settled).toBe(true);
  });

  it('settles after the grace when no page asks, and at the limit when one asked and never finished', async () => {
    vi.useFakeTimers();
    try {
      const nobody = watchFirstPage(['/app.js'], { graceMs: 300, limitMs: 2_000 });
      const asked = watchFirstPage(['/app.js'], { graceMs: 300, limitMs: 2_000 });
      asked.requested('/index.html');
      const order: string[] = [];
      void nobody.settled.then(() => order.push('nobody'));
      void asked.settled.then(() => order.push('asked'));
      await vi.advanceTimersByTimeAsync(300);
      expect(order).toEqual(['nobody']);
      await vi.advanceTimersByTimeAsync(1_700);
      expect(order).toEqual(['nobody', 'asked']);
    } finally {
      vi.useRealTimers();
    }
  });
});
