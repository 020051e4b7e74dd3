import { randomFillSync } from 'node:crypto';
import { existsSync, openSync, readdirSync, writeFileSync, writeSync, closeSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInBackground } from '../../../../src-main/core/store/background-check.js';
import { floorStory, ingestAll, StoreSandbox, T0 } from './fixtures.js';

describe('store startup check and recovery', () => {
  let sandbox: StoreSandbox;
  beforeEach(() => {
    sandbox = new StoreSandbox();
  });
  afterEach(() => sandbox.close());

  it('reports no recovery for a healthy file and keeps its data across reopen', () => {
    const first = sandbox.open();
    ingestAll(first, floorStory());
    first.close();
    const second = sandbox.open();
    expect(second.recovery).toBeNull();
    expect(second.integrityCheck()).toBe('ok');
    expect(second.streamPosition('floor')).toEqual({ epoch: 'epoch-1', lastSeq: floorStory().length });
  });

  it('moves a file that is not a database aside, with its -wal and -shm, and starts empty', () => {
    const garbage = randomFillSync(Buffer.alloc(64 * 1024));
    writeFileSync(sandbox.path, garbage);
    writeFileSync(`${sandbox.path}-wal`, 'stale wal');
    writeFileSync(`${sandbox.path}-shm`, 'stale shm');

    const store = sandbox.open({ now: () => T0 });

    expect(store.recovery).not.toBeNull();
    expect(store.recovery?.movedTo).toBe(`${sandbox.path}.corrupt-${T0}`);
    expect(store.recovery?.reason).toMatch(/not a database|malformed|integrity/i);
    expect(statSync(`${sandbox.path}.corrupt-${T0}`).size).toBe(garbage.length);
    expect(existsSync(`${sandbox.path}.corrupt-${T0}-wal`)).toBe(true);
    expect(existsSync(`${sandbox.path}.corrupt-${T0}-shm`)).toBe(true);
    // Rebuild from the feed: no position, so the feed client starts from 0 or a snapshot.
    expect(store.streamPosition('floor')).toBeNull();
    expect(store.integrityCheck()).toBe('ok');
    expect(ingestAll(store, floorStory()).inserted).toBe(floorStory().length);
  });

  it('detects a database whose pages were damaged and rebuilds it', () => {
    const store = sandbox.open();
    ingestAll(store, floorStory());
    store.close();
    const size = statSync(sandbox.path).size;
    expect(size).toBeGreaterThan(8 * 4096);
    // Keep the header page valid and scribble over the rest: SQLite opens the file, the check fails.
    const fd = openSync(sandbox.path, 'r+');
    writeSync(fd, randomFillSync(Buffer.alloc(size - 4096)), 0, size - 4096, 4096);
    closeSync(fd);

    const reopened = sandbox.open({ now: () => T0 + 1 });

    expect(reopened.recovery?.movedTo).toBe(`${sandbox.path}.corrupt-${T0 + 1}`);
    expect(reopened.streamPosition('floor')).toBeNull();
    expect(reopened.countEvents('floor')).toBe(0);
    expect(readdirSync(sandbox.directory).filter((name) => name.endsWith('.db') || /\.corrupt-\d+$/.test(name))).toEqual([
      'floorwatch.db',
      `floorwatch.db.corrupt-${T0 + 1}`,
    ]);
  });

  it('checks a file above the size limit in the background, without delaying the open', async () => {
    const first = sandbox.open();
    ingestAll(first, floorStory());
    first.close();
    const reopened = sandbox.open({ syncCheckMaxBytes: 0 });
    expect(reopened.recovery).toBeNull();
    expect(reopened.backgroundCheck).not.toBeNull();
    expect(await reopened.backgroundCheck).toBe('ok');
    expect(existsSync(`${sandbox.path}.check-failed`)).toBe(false);
    expect(sandbox.open().backgroundCheck).toBeNull();
  });

  it('ends a background check at close instead of waiting for it, and records no damage', async () => {
    const first = sandbox.open();
    ingestAll(first, floorStory());
    first.close();
    const reopened = sandbox.open({ syncCheckMaxBytes: 0 });
    // Closed in the same turn as the open: the check's process has not even started reading.
    reopened.close();
    expect(await reopened.backgroundCheck).toMatch(/^the check was stopped: the store closed/);
    expect(existsSync(`${sandbox.path}.check-failed`)).toBe(false);
    const next = sandbox.open({ syncCheckMaxBytes: 0 });
    expect(next.recovery).toBeNull();
    expect(await next.backgroundCheck).toBe('ok');
    next.close();
  });

  it('gives way to a WAL past its bound: no table is checked until the WAL has started over', async () => {
    const store = sandbox.open();
    ingestAll(store, floorStory());
    store.close();
    // A writer that never checkpoints on its own, so its WAL stays past the bound until told.
    const writer = new Database(sandbox.path);
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE ballast (text TEXT)');
    const insert = writer.prepare('INSERT INTO ballast (text) VALUES (?)');
    for (let row = 0; row < 200; row++) insert.run('x'.repeat(4_000));
    expect(statSync(`${sandbox.path}-wal`).size).toBeGreaterThan(256 * 1024);

    const check = checkInBackground(sandbox.path, undefined, { walBoundBytes: 256 * 1024, walPollMs: 20 });
    expect(check.state()).toBe('waiting for the WAL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(check.state()).toBe('waiting for the WAL');
    expect(check.yields()).toBeGreaterThan(1);

    writer.pragma('wal_checkpoint(TRUNCATE)');
    expect(await check.result).toBe('ok');
    expect(check.state()).toBe('finished');

    // A WAL that never starts over: once its patience is spent, the check checks anyway.
    for (let row = 0; row < 200; row++) insert.run('y'.repeat(4_000));
    const patient = checkInBackground(sandbox.path, undefined, { walBoundBytes: 256 * 1024, walPollMs: 20, patienceMs: 50 });
    expect(patient.state()).toBe('waiting for the WAL');
    expect(await patient.result).toBe('ok');
    expect(patient.yields()).toBeGreaterThan(0);
    expect(statSync(`${sandbox.path}-wal`).size).toBeGreaterThan(256 * 1024);
    writer.close();
  });

  it('marks damage a background check finds, and the next start moves the file aside and rebuilds', async () => {
    const store = sandbox.open();
    ingestAll(store, floorStory());
    const pageSize = store.database.pragma('page_size', { simple: true }) as number;
    const eventsRoot = store.database.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'event_log'").pluck().get() as number;
    store.close();
    // Damage only the event log's page (table data), so the schema still reads and only a full check
    // sees it. Pages are numbered from 1.
    const fd = openSync(sandbox.path, 'r+');
    writeSync(fd, randomFillSync(Buffer.alloc(pageSize)), 0, pageSize, (eventsRoot - 1) * pageSize);
    closeSync(fd);

    const damaged = sandbox.open({ syncCheckMaxBytes: 0 });
    expect(damaged.recovery).toBeNull();
    const problems = await damaged.backgroundCheck;
    expect(problems).not.toBe('ok');
    expect(existsSync(`${sandbox.path}.check-failed`)).toBe(true);
    damaged.close();

    const rebuilt = sandbox.open({ now: () => T0 + 2 });
    expect(rebuilt.recovery?.movedTo).toBe(`${sandbox.path}.corrupt-${T0 + 2}`);
    expect(rebuilt.streamPosition('floor')).toBeNull();
    expect(existsSync(`${sandbox.path}.check-failed`)).toBe(false);
  });

  it('does not overwrite an earlier corrupt copy taken at the same instant', () => {
    writeFileSync(sandbox.path, randomFillSync(Buffer.alloc(8192)));
    sandbox.open({ now: () => T0 }).close();
    writeFileSync(sandbox.path, randomFillSync(Buffer.alloc(8192)));
    const store = sandbox.open({ now: () => T0 });
    expect(store.recovery?.movedTo).toBe(`${sandbox.path}.corrupt-${T0}-1`);
    expect(existsSync(`${sandbox.path}.corrupt-${T0}`)).toBe(true);
  });
});
