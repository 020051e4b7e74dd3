/**
 * The command ledger over a real SQLite file: one application per command id (during, after and
 * across a reopen of the database), refusal of an id reused for another command or by another
 * user, what is kept of refusals and successes, and the carry-over from the old per-area stores.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCommandLedger, type CommandLedger } from '../../../../src-main/core/api/command-ledger.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { migrate, withStoreMigrations } from '../../../../src-main/core/store/migrate.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import type { Command } from '../../../../src-shared/api/contract.js';
import { fail, ok, type Result } from '../../../../src-shared/result.js';
import { tempDir } from '../../../support/host-process.js';

const AT = Date.UTC(2026, 2, 10, 15);
const ann: Session = { userId: 'ann', displayName: 'Ann', role: 'admin', queueScope: null };
const bob: Session = { userId: 'bob', displayName: 'Bob', role: 'admin', queueScope: null };

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function databasePath(): string {
  const dir = tempDir('command-ledger');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'floorwatch.db');
}

function open(path: string): { store: Store; ledger: CommandLedger } {
  const store = openStore({ path, migrations: AREA_MIGRATIONS });
  cleanups.push(() => {
    if (store.database.open) store.close();
  });
  return { store, ledger: store.repository((connection) => createCommandLedger(connection, { now: () => AT })) };
}

/** An apply that counts how often it ran and answers `result`. */
function counted<T>(result: Result<T>) {
  const calls = { count: 0 };
  return { calls, apply: () => ((calls.count += 1), result) };
}

const layout: Command = { type: 'layout.save', hiddenQueueIds: ['q-1'] };
const endAll = (queueId: string): Command => ({ type: 'queue.end_all', queueId });

describe('command ledger', () => {
  it('applies a command id once: a retry gets the first outcome, also after the database is reopened', () => {
    const path = databasePath();
    const first = open(path);
    const saving = counted(ok({ hiddenQueueIds: ['q-1'] }));
    const answer = first.ledger.run(ann, layout, 'cmd-1', saving.apply);
    expect(first.ledger.run(ann, { type: 'layout.save', hiddenQueueIds: ['q-2'] }, 'cmd-1', saving.apply)).toEqual(answer);
    expect(saving.calls.count).toBe(1);
    first.store.close();

    const reopened = open(path);
    expect(reopened.ledger.run(ann, layout, 'cmd-1', saving.apply)).toEqual(ok({ hiddenQueueIds: ['q-1'] }));
    expect(saving.calls.count).toBe(1);
    expect(reopened.ledger.outcome(ann, 'cmd-1')).toEqual({ state: 'done', result: ok({ hiddenQueueIds: ['q-1'] }) });
  });

  it('refuses an id reused for another command type, another subject or by another user, with a clear message', () => {
    const { ledger } = open(databasePath());
    ledger.run(ann, endAll('q-1'), 'cmd-1', () => ok(null));
    const never = counted(ok(null));
    expect(ledger.run(ann, layout, 'cmd-1', never.apply)).toEqual(fail('Command id cmd-1 was already used for queue.end_all.'));
    expect(ledger.run(ann, endAll('q-2'), 'cmd-1', never.apply)).toEqual(fail('Command id cmd-1 was already used for another action; send a new id.'));
    expect(ledger.run(bob, endAll('q-1'), 'cmd-1', never.apply)).toEqual(fail('Command id cmd-1 was already used by another user; send a new id.'));
    expect(never.calls.count).toBe(0);
    expect(ledger.outcome(bob, 'cmd-1')).toEqual({ state: 'none' });
  });

  it('shares the attempt in flight with a retry, and says it is pending meanwhile', async () => {
    const { ledger } = open(databasePath());
    let finish: (result: Result<unknown>) => void = () => undefined;
    let calls = 0;
    const apply = () => {
      calls += 1;
      return new Promise<Result<unknown>>((resolve) => (finish = resolve));
    };
    const first = ledger.run(ann, endAll('q-1'), 'cmd-1', apply);
    const retry = ledger.run(ann, endAll('q-1'), 'cmd-1', apply);
    expect(ledger.outcome(ann, 'cmd-1')).toEqual({ state: 'pending' });
    expect(await Promise.resolve(ledger.run(ann, layout, 'cmd-1', apply))).toEqual(fail('Command id cmd-1 was already used for queue.end_all.'));
    finish(ok({ auditId: 1 }));
    expect(await first).toEqual(ok({ auditId: 1 }));
    expect(await retry).toEqual(ok({ auditId: 1 }));
    expect(calls).toBe(1);
  });

  it('finishes a command the core stopped applying when it is sent again, once', async () => {
    const path = databasePath();
    const before = open(path);
    void before.ledger.run(ann, endAll('q-1'), 'cmd-1', () => new Promise<Result<unknown>>(() => undefined));
    before.store.close();

    const after = open(path);
    expect(after.ledger.outcome(ann, 'cmd-1')).toEqual({ state: 'interrupted' });
    const resumed = counted(ok({ auditId: 1 }));
    expect(await after.ledger.run(ann, endAll('q-1'), 'cmd-1', resumed.apply)).toEqual(ok({ auditId: 1 }));
    expect(await after.ledger.run(ann, endAll('q-1'), 'cmd-1', resumed.apply)).toEqual(ok({ auditId: 1 }));
    expect(resumed.calls.count).toBe(1);
  });

  it("keeps an audited action's refusal, but judges a local command's refusal afresh on retry", () => {
    const { ledger } = open(databasePath());
    expect(ledger.run(ann, endAll('q-1'), 'cmd-action', () => fail('Unknown queue q-1.'))).toEqual(fail('Unknown queue q-1.'));
    expect(ledger.run(ann, endAll('q-1'), 'cmd-action', () => ok(null))).toEqual(fail('Unknown queue q-1.'));

    expect(ledger.run(ann, layout, 'cmd-local', () => fail('disk busy'))).toEqual(fail('disk busy'));
    expect(ledger.outcome(ann, 'cmd-local')).toEqual({ state: 'none' });
    expect(ledger.run(ann, layout, 'cmd-local', () => ok({ hiddenQueueIds: ['q-1'] }))).toEqual(ok({ hiddenQueueIds: ['q-1'] }));
  });

  it('keeps a device link without its token, so a retry never shows the token twice', () => {
    const { ledger, store } = open(databasePath());
    const created = { device: { deviceId: 'd-1', name: 'Lobby' }, url: 'http://10.0.0.2:7301/#token=secret' };
    const command: Command = { type: 'wallboard.device.create', name: 'Lobby' };
    expect(ledger.run(ann, command, 'cmd-1', () => ok(created))).toEqual(ok(created));
    expect(ledger.run(ann, command, 'cmd-1', () => ok(created))).toEqual(ok({ ...created, url: null }));
    expect(JSON.stringify(store.database.prepare('SELECT * FROM command_ledger').all())).not.toContain('secret');
  });

  it('carries the old stores\' remembered successes over in migration 70 and drops their tables', () => {
    const path = databasePath();
    const db = new Database(path);
    migrate(db, withStoreMigrations(AREA_MIGRATIONS).filter((migration) => migration.version < 70));
    db.prepare("INSERT INTO view_command_results (user_id, command_id, type, result, at) VALUES ('ann', 'old-view', 'layout.save', '{\"hiddenQueueIds\":[]}', ?)").run(AT);
    db.prepare("INSERT INTO wallboard_commands (command_id, type, result, at) VALUES ('old-board', 'wallboard.board.delete', 'null', ?)").run(AT);
    expect(migrate(db, withStoreMigrations(AREA_MIGRATIONS).filter((migration) => migration.version <= 70))).toEqual([70]);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('view_command_results', 'wallboard_commands')").all();
    expect(tables).toEqual([]);
    db.close();

    const { ledger } = open(path);
    expect(ledger.run(ann, { type: 'layout.save', hiddenQueueIds: ['q-9'] }, 'old-view', () => ok('applied again'))).toEqual(ok({ hiddenQueueIds: [] }));
    expect(ledger.run(bob, { type: 'wallboard.board.delete', boardId: 'b-1' }, 'old-board', () => ok('applied again'))).toEqual(ok(null));
    expect(ledger.run(bob, layout, 'old-view', () => ok('applied again'))).toEqual(fail('Command id old-view was already used by another user; send a new id.'));
  });
});
