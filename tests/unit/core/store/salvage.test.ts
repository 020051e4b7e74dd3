import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createAuditLog } from '../../../../src-main/core/live-insights/audit-log.js';
import { createFileSecretVault } from '../../../../src-main/core/secrets/secret-vault.js';
import type { StoreConnection } from '../../../../src-main/core/store/connection.js';
import type { Store } from '../../../../src-main/core/store/store.js';
import { floorStory, ingestAll, StoreSandbox, T0 } from './fixtures.js';

/** Scribbles over the page that holds `marker` (the first place it is found), leaving the rest of the file intact. */
function damagePageHolding(path: string, marker: string, pageSize: number): void {
  const offset = readFileSync(path).indexOf(Buffer.from(marker));
  expect(offset).toBeGreaterThan(pageSize);
  const page = Math.floor(offset / pageSize);
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
  closeSync(fd);
}

/** The audit log with its key in a vault beside the cache, as the core keeps it. */
function auditOf(store: Store, directory: string): ReturnType<typeof createAuditLog> {
  return store.repository((connection: StoreConnection) => createAuditLog(connection, { vault: createFileSecretVault(join(directory, 'secrets')) }));
}

function recordActions(store: Store, count: number, directory: string): void {
  const audit = auditOf(store, directory);
  for (let index = 1; index <= count; index += 1) {
    audit.recordAction({
      at: T0 + index,
      userId: 'u-1',
      role: 'wfm_leader',
      action: 'queue.pause',
      target: `q-${index}`,
      queueIds: ['q-1'],
      detail: JSON.stringify({ padding: `row-${String(index).padStart(5, '0')}-${'x'.repeat(300)}` }),
      commandId: `cmd-${index}`,
    });
  }
}

describe('salvage of local-only rows on recovery', () => {
  let sandbox: StoreSandbox;
  beforeEach(() => {
    sandbox = new StoreSandbox();
  });
  afterEach(() => sandbox.close());

  it('copies every local row bit-exact when only feed data is damaged, and the audit chain still verifies', () => {
    const store = sandbox.open();
    ingestAll(store, floorStory());
    recordActions(store, 50, sandbox.directory);
    store.setSetting('history.retentionDays', 30);
    store.database.prepare("INSERT INTO history_saved_searches (saved_search_id, user_id, name, search, created_at) VALUES ('s-1', 'u-1', 'Refunds', '{\"text\":\"refund\"}', 5)").run();
    store.database.prepare("UPDATE sqlite_sequence SET seq = 60 WHERE name = 'audit_log'").run();
    const pageSize = store.database.pragma('page_size', { simple: true }) as number;
    const before = store.database.prepare('SELECT * FROM audit_log ORDER BY audit_id').safeIntegers(true).all();
    store.close();
    damagePageHolding(sandbox.path, 'My parcel never arrived', pageSize);

    const reopened = sandbox.open({ now: () => T0 + 9 });

    expect(reopened.recovery?.error).toBeNull();
    const byTable = Object.fromEntries((reopened.recovery?.tables ?? []).map((table) => [table.table, table]));
    expect(byTable.audit_log).toEqual({ table: 'audit_log', saved: 50, lost: 0, complete: true });
    expect(byTable.history_saved_searches?.saved).toBe(1);
    expect(byTable.settings?.saved).toBeGreaterThanOrEqual(1);
    expect(reopened.database.prepare('SELECT * FROM audit_log ORDER BY audit_id').safeIntegers(true).all()).toEqual(before);
    expect(reopened.getSetting('history.retentionDays')).toBe(30);
    // The high-water mark survives, so deleting the last rows stays visible to verification.
    expect(reopened.database.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get()).toBe(60);
    expect(auditOf(reopened, sandbox.directory).verify()).toMatchObject({ checked: 50 });
    expect(reopened.streamPosition('floor')).toBeNull();
  });

  it('reads a partly unreadable table row by row: rows past the damaged page are kept, the lost ones counted', () => {
    const store = sandbox.open();
    recordActions(store, 400, sandbox.directory);
    const pageSize = store.database.pragma('page_size', { simple: true }) as number;
    store.close();
    damagePageHolding(sandbox.path, 'row-00200-', pageSize);

    const reopened = sandbox.open({ now: () => T0 + 9 });

    const audit = reopened.recovery?.tables.find((table) => table.table === 'audit_log');
    expect(audit?.complete).toBe(false);
    expect(audit?.lost).toBeGreaterThan(0);
    expect((audit?.saved ?? 0) + (audit?.lost ?? 0)).toBe(400);
    const ids = reopened.database.prepare('SELECT audit_id FROM audit_log ORDER BY audit_id').pluck().all() as number[];
    expect(ids).toContain(1);
    expect(ids).toContain(400);
    expect(ids).not.toContain(200);
  });

  it('reports every table lost, with the reason, when the damaged file cannot be opened at all', () => {
    const store = sandbox.open();
    recordActions(store, 3, sandbox.directory);
    store.close();
    const fd = openSync(sandbox.path, 'r+');
    writeSync(fd, Buffer.alloc(statSync(sandbox.path).size, 0x5a), 0, statSync(sandbox.path).size, 0);
    closeSync(fd);

    const reopened = sandbox.open({ now: () => T0 + 9 });

    expect(reopened.recovery?.error).toMatch(/not a database|malformed/i);
    expect(reopened.recovery?.tables.every((table) => table.saved === 0 && !table.complete)).toBe(true);
    const rebuilt = new Database(sandbox.path, { readonly: true });
    expect(rebuilt.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
    rebuilt.close();
  });
});
