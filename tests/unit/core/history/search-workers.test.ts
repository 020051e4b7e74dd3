/**
 * History searches off the core's thread: a real WAL database written by ingest on this thread,
 * read by worker threads with read-only connections. A deliberately slow search (a worker whose
 * query never ends by itself) shows that the core keeps serving, that a newer search from the same
 * connection replaces the older, that a deadline refuses, and that close does not wait for it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiConnection, type ApiConnection } from '../../../../src-main/core/api/api-connection.js';
import { createSearchPool, type PoolTask, type SearchPool } from '../../../../src-main/core/history/search-pool.js';
import { createWalReaderGate, openWalGate } from '../../../../src-main/core/store/wal-reader-gate.js';
import { historySearchSchema } from '../../../../src-shared/api/history.js';
import type { ApiRequestInput, ServerMessage } from '../../../../src-shared/api/contract.js';
import type { Result } from '../../../../src-shared/result.js';
import { tempDir } from '../../../support/host-process.js';
import { ADMIN, conversationEvents, historyHarness, refusal, setupEvents, T0, DAY, value, type HistoryHarness } from './history-test-kit.js';

/**
 * A worker speaking the pool's protocol: "slow" runs a query that never ends (better-sqlite3 cannot
 * interrupt it; only terminating the thread stops it); anything else answers with the number of
 * conversations its own read-only connection sees.
 */
const SLOW_WORKER = `
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
const Database = createRequire(import.meta.url)(workerData.modulePath);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
parentPort.on('message', ({ id, task }) => {
  if (task.search.filters.text === 'slow') db.prepare('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n').pluck().get();
  const total = db.prepare('SELECT count(*) FROM conversations').pluck().get();
  parentPort.postMessage({ id, result: { ok: true, value: { rows: [], total, totalCapped: false, offset: task.offset } } });
});
`;

let harness: HistoryHarness | null = null;
let pool: SearchPool | null = null;

afterEach(async () => {
  await pool?.close();
  pool = null;
  await harness?.close();
  harness = null;
});

function slowWorkerUrl(dir: string): URL {
  const path = join(dir, 'slow-search-worker.mjs');
  writeFileSync(path, SLOW_WORKER);
  return pathToFileURL(path);
}

function task(text: string, count: PoolTask['count'] = 'withPage'): PoolTask {
  return { kind: 'search', scope: { queues: null, liveMessages: true }, search: historySearchSchema.parse({ filters: { text } }), offset: 0, limit: 50, count };
}

/** A UI connection whose responses resolve by request id. */
function connect(current: HistoryHarness): { readonly connection: ApiConnection; ask(id: number, request: ApiRequestInput): Promise<Result<unknown>> } {
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  const connection = createApiConnection({
    api: current.api,
    session: ADMIN,
    send: (message: ServerMessage) => {
      if (message.kind === 'response') waiting.get(message.id)?.(message.result);
    },
  });
  return {
    connection,
    ask: (id, request) =>
      new Promise((resolve) => {
        waiting.set(id, resolve);
        connection.receive({ kind: 'request', id, request });
      }),
  };
}

const searchRequest = (text: string): ApiRequestInput => ({ op: 'query', query: { type: 'history.search', search: historySearchSchema.parse({ filters: { text } }), offset: 0, limit: 50 } });

describe('history searches on worker threads', () => {
  it('answers from a read-only connection that sees what ingest on the core thread wrote, as it writes', async () => {
    harness = historyHarness({ search: { searchWorkers: 2 } });
    harness.ingest(setupEvents(T0 - DAY));
    harness.ingest(conversationEvents({ id: 'c-1', createdAt: T0, messages: [[1, 'customer', 'a parcel went missing']] }));
    await harness.area.internals.metricsIdle();
    expect(value(await harness.api.query(ADMIN, { type: 'history.search', search: historySearchSchema.parse({ filters: { text: 'parcel' } }), offset: 0, limit: 50 })).rows.map((row) => row.conversationId)).toEqual(['c-1']);
    harness.ingest(conversationEvents({ id: 'c-2', createdAt: T0 + 60_000, messages: [[1, 'customer', 'another parcel question']] }));
    await harness.area.internals.metricsIdle();
    expect(value(await harness.api.query(ADMIN, { type: 'history.search', search: historySearchSchema.parse({ filters: { text: 'parcel' } }), offset: 0, limit: 50 })).rows.map((row) => row.conversationId)).toEqual(['c-2', 'c-1']);
  });

  it('keeps the core thread serving, ingest included, while a slow search runs; a newer search from the same connection replaces it', async () => {
    const current = historyHarness({ search: { searchWorkers: 2, searchWorkerUrl: slowWorkerUrl(tempDirOf()) } });
    harness = current;
    current.ingest(setupEvents(T0 - DAY));
    const first = connect(current);
    const other = connect(current);
    const slow = first.ask(1, searchRequest('slow'));
    let slowAnswered = false;
    void slow.then(() => (slowAnswered = true));

    // The core thread ingests and answers its own queries while the worker is stuck.
    current.ingest(conversationEvents({ id: 'c-live', createdAt: T0 }));
    expect(value(await first.ask(2, { op: 'query', query: { type: 'history.savedSearches' } }))).toEqual([]);
    // Another connection's search runs beside it on the second worker, and sees the new conversation.
    expect(value(await other.ask(1, searchRequest('quick')))).toMatchObject({ total: 1 });
    expect(slowAnswered).toBe(false);

    // The user types again: the slow search is stopped and answers as superseded, the new one answers.
    const newer = first.ask(3, searchRequest('quick'));
    expect(await slow).toMatchObject({ ok: false, code: 'superseded' });
    expect(value(await newer)).toMatchObject({ total: 1 });
    first.connection.close();
    other.connection.close();
  });

  it('refuses a search that outlives its deadline with a message, and keeps answering', async () => {
    const dir = tempDirOf();
    harness = historyHarness();
    pool = createSearchPool({ path: harness.store.path, size: 1, workerUrl: slowWorkerUrl(dir) });
    const stopped = await pool.run(task('slow'), { deadlineMs: 200 });
    expect(refusal(stopped)).toMatch(/took longer than .* and was stopped/u);
    expect(stopped).not.toHaveProperty('code', 'superseded');
    expect(value(await pool.run(task('quick')))).toMatchObject({ total: 0 });
  });

  it('lets searches of other keys run on while one is replaced', async () => {
    harness = historyHarness();
    pool = createSearchPool({ path: harness.store.path, size: 2, workerUrl: slowWorkerUrl(tempDirOf()) });
    const older = pool.run(task('slow'), { supersedeKey: 'a' });
    const unrelated = pool.run(task('quick'), { supersedeKey: 'b' });
    const newer = pool.run(task('quick'), { supersedeKey: 'a' });
    expect(await older).toMatchObject({ ok: false, code: 'superseded' });
    expect((await unrelated).ok).toBe(true);
    expect((await newer).ok).toBe(true);
  });

  it('runs counts on a worker of their own: a count never makes a page wait, and a new first page stops the old count', async () => {
    harness = historyHarness();
    pool = createSearchPool({ path: harness.store.path, size: 1, workerUrl: slowWorkerUrl(tempDirOf()) });
    const count = pool.run(task('slow', 'only'), { supersedeKey: 'ui-1:count', lane: 'count' });
    let countAnswered = false;
    void count.then(() => (countAnswered = true));
    // The one page worker is free: the page answers while the count still runs.
    expect(value(await pool.run(task('quick'), { supersedeKey: 'ui-1:more' }))).toMatchObject({ total: 0 });
    expect(countAnswered).toBe(false);
    expect(pool.workers()).toBe(2);
    const newer = pool.run(task('quick', 'later'), { supersedeKey: 'ui-1:first', stops: ['ui-1:count'] });
    expect(await count).toMatchObject({ ok: false, code: 'superseded' });
    expect((await newer).ok).toBe(true);
    // Another count starts a fresh count worker and answers.
    expect(value(await pool.run(task('quick', 'only'), { supersedeKey: 'ui-1:count', lane: 'count' }))).toMatchObject({ total: 0 });
  });

  it('through the API, a connection\'s count waits for no page of its own, and its next search stops it', async () => {
    const current = historyHarness({ search: { searchWorkers: 1, searchWorkerUrl: slowWorkerUrl(tempDirOf()) } });
    harness = current;
    current.ingest(setupEvents(T0 - DAY));
    const client = connect(current);
    const count = client.ask(1, { op: 'query', query: { type: 'history.search', search: historySearchSchema.parse({ filters: { text: 'slow' } }), offset: 0, limit: 50, count: 'only' } });
    expect(value(await client.ask(2, { op: 'query', query: { type: 'history.search', search: historySearchSchema.parse({ filters: { text: 'quick' } }), offset: 50, limit: 50 } }))).toMatchObject({ total: 0 });
    const next = client.ask(3, { op: 'query', query: { type: 'history.search', search: historySearchSchema.parse({ filters: { text: 'quick' } }), offset: 0, limit: 50, count: 'later' } });
    expect(await count).toMatchObject({ ok: false, code: 'superseded' });
    expect((await next).ok).toBe(true);
    client.connection.close();
  });

  it('closes with a search running: the search is refused and close returns', async () => {
    harness = historyHarness();
    pool = createSearchPool({ path: harness.store.path, size: 1, workerUrl: slowWorkerUrl(tempDirOf()) });
    const running = pool.run(task('slow'));
    const queued = pool.run(task('quick'));
    await pool.close();
    expect(refusal(await running)).toMatch(/closing/u);
    expect(refusal(await queued)).toMatch(/closing/u);
    expect(pool.workers()).toBe(0);
    expect(refusal(await pool.run(task('quick')))).toMatch(/closing/u);
  });

  it('holds a search while the WAL reader gate is closed and runs it once the gate opens', async () => {
    harness = historyHarness();
    harness.ingest(setupEvents(T0 - DAY));
    const buffer = createWalReaderGate();
    const gate = new Int32Array(buffer);
    pool = createSearchPool({ path: harness.store.path, size: 1, walReaderGate: buffer });
    // The worker is up and warm: a search answers while the gate is open.
    expect(value(await pool.run(task('parcel'))).rows).toEqual([]);
    Atomics.store(gate, 0, 1);
    let answered = false;
    const held = pool.run(task('parcel'));
    void held.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    openWalGate(gate);
    expect(value(await held).rows).toEqual([]);
  });

  it('closes the history area with a search running through the API', async () => {
    const current = historyHarness({ search: { searchWorkers: 1, searchWorkerUrl: slowWorkerUrl(tempDirOf()) } });
    const client = connect(current);
    const slow = client.ask(1, searchRequest('slow'));
    let answer: Result<unknown> | null = null;
    void slow.then((result) => (answer = result));
    await current.close();
    // The connection may be gone before the refusal reaches it; what matters is that close returned.
    expect(answer === null || (answer as Result<unknown>).ok === false).toBe(true);
  });
});

/** A fresh temp folder for a worker script. */
function tempDirOf(): string {
  return tempDir('search-workers');
}
