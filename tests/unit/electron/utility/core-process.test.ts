/**
 * The built core-process bundle with the real core, in a real child process. Electron's
 * utility process adds `process.parentPort`; a Node IPC channel stands in for it here, so the
 * test covers everything but Electron itself: start, a query, a subscription push, shutdown.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreToMain } from '../../../../src-main/electron/common/core-process-protocol.js';

const bundle = join(import.meta.dirname, '..', '..', '..', '..', 'dist', 'electron', 'core-process.cjs');

// Runs in the child before the bundle: a parentPort that speaks over Node's IPC channel.
const parentPortShim = `
const { EventEmitter } = require('node:events');
const port = new EventEmitter();
port.postMessage = (message) => process.send(message);
process.on('message', (data) => port.emit('message', { data }));
process.parentPort = port;
require(process.argv[1]);
`;

interface CoreChild {
  readonly child: ChildProcess;
  readonly received: CoreToMain[];
  next(predicate: (message: CoreToMain) => boolean): Promise<CoreToMain>;
  readonly exited: Promise<number | null>;
}

function startChild(): CoreChild {
  const child = fork('-e', [parentPortShim, bundle], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, FLOORWATCH_FEED_URL: '' } });
  const received: CoreToMain[] = [];
  const waiters: { predicate: (message: CoreToMain) => boolean; resolve: (message: CoreToMain) => void }[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.on('message', (message) => {
    const typed = message as CoreToMain;
    received.push(typed);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(typed)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(typed);
      }
    }
  });
  const next = (predicate: (message: CoreToMain) => boolean): Promise<CoreToMain> => {
    const seen = received.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      waiters.push({ predicate, resolve });
      void exited.then((code) => reject(new Error(`core process exited (${code}) first; stderr:\n${stderr}`)));
    });
  };
  return { child, received, next, exited };
}

const dataDirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('core-process bundle', () => {
  it('starts the core, answers per window, pushes to the subscribing window, and exits cleanly on shutdown', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'floorwatch-core-process-'));
    dataDirs.push(dataDir);
    const core = startChild();
    children.push(core.child);

    core.child.send({ kind: 'start', argv: ['--seed', '7', '--user', 'admin'], dataDir });
    await core.next((message) => message.kind === 'ready');

    core.child.send({ kind: 'request', windowId: 3, message: { kind: 'request', id: 1, request: { op: 'query', query: { type: 'session.info' } } } });
    const info = await core.next((message) => message.kind === 'server' && message.message.kind === 'response' && message.message.id === 1);
    expect(info).toMatchObject({ kind: 'server', windowId: 3, message: { result: { ok: true, value: { role: 'admin' } } } });

    core.child.send({ kind: 'request', windowId: 4, message: { kind: 'request', id: 2, request: { op: 'subscribe', subscription: { topic: 'status' } } } });
    const push = await core.next((message) => message.kind === 'server' && message.message.kind === 'push');
    expect(push).toMatchObject({ kind: 'server', windowId: 4, message: { kind: 'push', topic: 'status' } });

    core.child.send({ kind: 'request', windowId: 3, message: { kind: 'request', id: 3, request: { op: 'query', query: { type: 'no.such.query' } } } });
    const refused = await core.next((message) => message.kind === 'server' && message.message.kind === 'response' && message.message.id === 3);
    expect(refused).toMatchObject({ windowId: 3, message: { result: { ok: false } } });

    core.child.send({ kind: 'shutdown' });
    await expect(core.next((message) => message.kind === 'stopped')).resolves.toEqual({ kind: 'stopped', error: null });
    await expect(core.exited).resolves.toBe(0);
  });

  it('runs the TV window as a wallboard within the user’s scope, and keeps a log file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'floorwatch-core-process-'));
    dataDirs.push(dataDir);
    const core = startChild();
    children.push(core.child);

    core.child.send({ kind: 'start', argv: ['--seed', '7', '--user', 'admin'], dataDir });
    core.child.send({ kind: 'window-audience', windowId: 9, audience: 'wallboard' });
    await core.next((message) => message.kind === 'ready');

    core.child.send({ kind: 'request', windowId: 9, message: { kind: 'request', id: 1, request: { op: 'query', query: { type: 'session.info' } } } });
    const info = await core.next((message) => message.kind === 'server' && message.message.kind === 'response' && message.message.id === 1);
    expect(info).toMatchObject({ windowId: 9, message: { result: { ok: true, value: { role: 'wallboard', userId: 'device:wallboard-window' } } } });

    // A reload drops the connection; the next one is still the wallboard's.
    core.child.send({ kind: 'close-window', windowId: 9 });
    core.child.send({ kind: 'request', windowId: 9, message: { kind: 'request', id: 2, request: { op: 'query', query: { type: 'session.info' } } } });
    const again = await core.next((message) => message.kind === 'server' && message.message.kind === 'response' && message.message.id === 2);
    expect(again).toMatchObject({ message: { result: { ok: true, value: { role: 'wallboard' } } } });

    // Naming a window twice cannot turn a wallboard back into the console.
    core.child.send({ kind: 'window-audience', windowId: 9, audience: 'console' });
    core.child.send({ kind: 'request', windowId: 9, message: { kind: 'request', id: 3, request: { op: 'query', query: { type: 'session.info' } } } });
    const still = await core.next((message) => message.kind === 'server' && message.message.kind === 'response' && message.message.id === 3);
    expect(still).toMatchObject({ message: { result: { ok: true, value: { role: 'wallboard' } } } });

    core.child.send({ kind: 'shutdown' });
    await expect(core.exited).resolves.toBe(0);
    const log = readFileSync(join(dataDir, 'logs', 'core.1.log'), 'utf8');
    expect(log).toContain('"msg":"core process started"');
    expect(log).toContain('"msg":"core process exiting"');
  });

  it('reports a configuration it cannot start with, and still shuts down cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'floorwatch-core-process-'));
    dataDirs.push(dataDir);
    const core = startChild();
    children.push(core.child);

    core.child.send({ kind: 'start', argv: ['--role', 'admin'], dataDir });
    const failed = await core.next((message) => message.kind === 'failed');
    expect(failed).toEqual({ kind: 'failed', error: expect.stringContaining('role and scope come from the feed; use --user NAME') });

    core.child.send({ kind: 'shutdown' });
    await expect(core.exited).resolves.toBe(0);
  });
});
