/**
 * The audit log on a real SQLite file: the hash chain verifies, and any change made behind its
 * back with plain SQL (an edited field, a deleted row, a cut tail) is found, with the record's id.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../src-shared/api/commands.js';
import { auditHash, createAuditLog, GENESIS_HASH, type AuditActionInput, type AuditLog } from '../../../../src-main/core/live-insights/audit-log.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import { tempDir } from '../../../support/host-process.js';
import { WHOLE_CACHE, scopeOf } from '../../../../src-main/core/queue-scope.js';

const T0 = Date.UTC(2026, 2, 10, 15);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function openTestStore(): { store: Store; path: string } {
  const dir = tempDir('audit');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'floorwatch.db');
  const store = openStore({ path, migrations: AREA_MIGRATIONS });
  cleanups.push(() => store.close());
  return { store, path };
}

function action(commandId: string, overrides: Partial<AuditActionInput> = {}): AuditActionInput {
  return {
    at: T0,
    userId: 'sup-1',
    role: 'wfm_leader',
    action: 'queue.mitigation',
    target: 'queue:q-billing',
    queueIds: ['q-billing'],
    detail: canonicalJson({ queueId: 'q-billing', state: 'paused' }),
    commandId,
    ...overrides,
  };
}

/** Five rows: three actions, two outcomes (ids 1..5 in this order: a1, o1, a2, a3, o3). */
function fill(audit: AuditLog): void {
  const first = audit.recordAction(action('cmd-1'));
  audit.recordOutcome(first.auditId, 'acked', null, T0 + 100);
  audit.recordAction(action('cmd-2', { action: 'conversation.whisper', target: 'conversation:c-1', detail: canonicalJson({ conversationId: 'c-1', text: 'Offer the refund' }) }));
  audit.recordRefusal(action('cmd-3', { target: 'queue:q-nope', queueIds: [] }), 'Unknown queue q-nope.');
}

/** What a tamperer with the database file does first: drop the guards that refuse edits. */
function dropGuards(store: Store): void {
  store.database.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('audit log', () => {
  it('records actions and outcomes as a chain that verifies, and lists actions newest first with their outcomes', () => {
    const { store } = openTestStore();
    const audit = createAuditLog(store.database);
    fill(audit);

    expect(audit.verify()).toEqual({ ok: true, checked: 5, firstBadAuditId: null });
    const listed = audit.list({ limit: 10, userId: 'sup-1', queueScope: WHOLE_CACHE });
    expect(listed.map((record) => [record.auditId, record.commandId, record.outcome, record.outcomeDetail])).toEqual([
      [4, 'cmd-3', 'rejected', 'Unknown queue q-nope.'],
      [3, 'cmd-2', 'pending', null],
      [1, 'cmd-1', 'acked', null],
    ]);
    expect(listed[2]).toMatchObject({ at: T0, userId: 'sup-1', role: 'wfm_leader', action: 'queue.mitigation', target: 'queue:q-billing' });
    expect(audit.list({ limit: 1, userId: 'sup-1', queueScope: WHOLE_CACHE })).toHaveLength(1);

    // The first row's hash is sha256 over the genesis hash and its canonical fields.
    const first = store.database.prepare('SELECT hash FROM audit_log WHERE audit_id = 1').pluck().get();
    expect(first).toBe(
      auditHash(GENESIS_HASH, {
        auditId: 1,
        kind: 'action',
        at: T0,
        userId: 'sup-1',
        role: 'wfm_leader',
        action: 'queue.mitigation',
        target: 'queue:q-billing',
        queueIds: '["q-billing"]',
        detail: '{"queueId":"q-billing","state":"paused"}',
        commandId: 'cmd-1',
        outcome: 'pending',
        outcomeDetail: null,
        actionAuditId: null,
      }),
    );
  });

  it('verifies an empty log', () => {
    const { store } = openTestStore();
    expect(createAuditLog(store.database).verify()).toEqual({ ok: true, checked: 0, firstBadAuditId: null });
  });

  it('refuses plain UPDATE and DELETE on the log', () => {
    const { store } = openTestStore();
    fill(createAuditLog(store.database));
    expect(() => store.database.prepare("UPDATE audit_log SET detail = '{}' WHERE audit_id = 1").run()).toThrow(/append-only/);
    expect(() => store.database.prepare('DELETE FROM audit_log WHERE audit_id = 3').run()).toThrow(/append-only/);
  });

  it("detects a changed action detail, naming the record", () => {
    const { store } = openTestStore();
    const audit = createAuditLog(store.database);
    fill(audit);
    dropGuards(store);
    store.database.prepare(`UPDATE audit_log SET detail = '{"conversationId":"c-1","text":"Nothing to see"}' WHERE audit_id = 3`).run();
    expect(audit.verify()).toEqual({ ok: false, checked: 3, firstBadAuditId: 3 });
  });

  it('detects a changed outcome, which is a chained row of its own', () => {
    const { store } = openTestStore();
    const audit = createAuditLog(store.database);
    fill(audit);
    dropGuards(store);
    store.database.prepare("UPDATE audit_log SET outcome = 'acked', outcome_detail = NULL WHERE audit_id = 5").run();
    expect(audit.verify()).toMatchObject({ ok: false, firstBadAuditId: 5 });
    expect(audit.list({ limit: 1, userId: 'sup-1', queueScope: WHOLE_CACHE })[0]?.outcome).toBe('acked');
  });

  it('detects each field changed on its own', () => {
    const changes: [string, string][] = [
      ['at', 'at = at + 1'],
      ['user', "user_id = 'someone-else'"],
      ['role', "role = 'admin'"],
      ['action', "action = 'queue.end_all'"],
      ['target', "target = 'queue:q-orders'"],
      ['queues', `queue_ids = '["q-orders"]'`],
      ['command id', "command_id = 'cmd-x'"],
      ['hash', "hash = '" + 'f'.repeat(64) + "'"],
    ];
    for (const [what, assignment] of changes) {
      const { store } = openTestStore();
      const audit = createAuditLog(store.database);
      fill(audit);
      dropGuards(store);
      store.database.prepare(`UPDATE audit_log SET ${assignment} WHERE audit_id = 2`).run();
      expect(audit.verify().firstBadAuditId, what).toBe(2);
    }
  });

  it('detects a deleted middle row at the row after it', () => {
    const { store } = openTestStore();
    const audit = createAuditLog(store.database);
    fill(audit);
    dropGuards(store);
    store.database.prepare('DELETE FROM audit_log WHERE audit_id = 3').run();
    expect(audit.verify()).toEqual({ ok: false, checked: 3, firstBadAuditId: 4 });
  });

  it('detects a deleted first row and a cut-off tail', () => {
    const { store } = openTestStore();
    const audit = createAuditLog(store.database);
    fill(audit);
    dropGuards(store);
    store.database.pragma('foreign_keys = OFF');
    store.database.prepare('DELETE FROM audit_log WHERE audit_id = 5').run();
    expect(audit.verify()).toEqual({ ok: false, checked: 4, firstBadAuditId: 5 });
    store.database.prepare('DELETE FROM audit_log WHERE audit_id = 1').run();
    expect(audit.verify()).toMatchObject({ ok: false, firstBadAuditId: 2 });
  });

  it('keeps the chain across a reopen, and restores synchronous=NORMAL after each durable write', () => {
    const { store, path } = openTestStore();
    expect(store.database.pragma('synchronous', { simple: true })).toBe(1);
    fill(createAuditLog(store.database));
    expect(store.database.pragma('synchronous', { simple: true })).toBe(1);
    store.close();
    const reopened = openStore({ path, migrations: AREA_MIGRATIONS });
    cleanups.push(() => reopened.close());
    const audit = createAuditLog(reopened.database);
    expect(audit.findByCommandId('cmd-1')).toMatchObject({ auditId: 1, outcome: 'acked' });
    const next = audit.recordAction(action('cmd-4'));
    expect(next.auditId).toBe(6);
    expect(audit.verify()).toEqual({ ok: true, checked: 6, firstBadAuditId: null });
  });

  it('refuses a second action under the same command id', () => {
    const { store } = openTestStore();
    const audit = createAuditLog(store.database);
    audit.recordAction(action('cmd-1'));
    expect(() => audit.recordAction(action('cmd-1'))).toThrow();
    expect(audit.verify()).toEqual({ ok: true, checked: 1, firstBadAuditId: null });
  });

  it("shows a scoped user the records of their queues and their own, nobody else's", () => {
    const { store } = openTestStore();
    const audit = createAuditLog(store.database);
    audit.recordAction(action('in-scope', { userId: 'other', queueIds: ['q-billing'] }));
    audit.recordAction(action('out-of-scope', { userId: 'other', target: 'queue:q-orders', queueIds: ['q-orders'] }));
    audit.recordAction(action('agent-in-both', { userId: 'other', target: 'agent:a-001', queueIds: ['q-orders', 'q-billing'] }));
    audit.recordAction(action('mine-refused', { userId: 'scoped', target: 'queue:q-orders', queueIds: ['q-orders'] }));
    const seen = audit.list({ limit: 10, userId: 'scoped', queueScope: scopeOf(['q-billing'], true) }).map((record) => record.commandId);
    expect(seen).toEqual(['mine-refused', 'agent-in-both', 'in-scope']);
    expect(audit.list({ limit: 10, userId: 'scoped', queueScope: scopeOf([], true) }).map((record) => record.commandId)).toEqual(['mine-refused']);
  });

  it('hashes canonical JSON: key order does not matter, content does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":1,"f":2}]},"b":1}');
    expect(canonicalJson({ a: 1, skipped: undefined })).toBe('{"a":1}');
  });
});
