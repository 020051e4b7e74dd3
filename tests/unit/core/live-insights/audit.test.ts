/**
 * The audit log on a real SQLite file and a real file vault: the keyed chain verifies, and any
 * change made behind its back with plain SQL (an edited field, a deleted row, a cut tail, an
 * emptied log, rows forged with plain SHA-256) is found and named, as is a missing key or head.
 */
import { rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../src-shared/api/commands.js';
import {
  AUDIT_KEY_SECRET,
  auditHeadSecret,
  createAuditLog,
  GENESIS_HASH,
  keyedAuditHash,
  legacyAuditHash,
  type AuditActionInput,
  type AuditEntry,
  type AuditLog,
} from '../../../../src-main/core/live-insights/audit-log.js';
import { createFileSecretVault, type SecretVault } from '../../../../src-main/core/secrets/secret-vault.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import { tempDir } from '../../../support/host-process.js';
import { WHOLE_CACHE, scopeOf } from '../../../../src-main/core/queue-scope.js';

const T0 = Date.UTC(2026, 2, 10, 15);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

interface TestStore {
  readonly store: Store;
  readonly path: string;
  readonly vault: SecretVault;
  /** An audit log over the store and the vault, as the core makes it. */
  audit(): AuditLog;
}

function openTestStore(schemaVersionLimit?: number): TestStore {
  const dir = tempDir('audit');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'floorwatch.db');
  const store = openStore({ path, migrations: AREA_MIGRATIONS, ...(schemaVersionLimit === undefined ? {} : { schemaVersionLimit }) });
  cleanups.push(() => store.close());
  const vault = createFileSecretVault(join(dir, 'secrets'));
  return { store, path, vault, audit: () => createAuditLog(store.database, { vault }) };
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

const ENTRY_COLUMNS = `audit_id AS auditId, kind, at, user_id AS userId, role, action, target, queue_ids AS queueIds, detail,
  command_id AS commandId, outcome, outcome_detail AS outcomeDetail, action_audit_id AS actionAuditId, hash`;

/** Appends a row the way a forger without the key would: plain SHA-256 over the last row's hash. */
function appendPlainRow(store: Store, commandId: string): void {
  const last = store.database.prepare(`SELECT ${ENTRY_COLUMNS} FROM audit_log ORDER BY audit_id DESC LIMIT 1`).get() as AuditEntry | undefined;
  const entry: Omit<AuditEntry, 'hash'> = {
    auditId: (last?.auditId ?? 0) + 1,
    kind: 'action',
    at: T0 + 5_000,
    userId: 'sup-1',
    role: 'wfm_leader',
    action: 'queue.end_all',
    target: 'queue:q-billing',
    queueIds: '["q-billing"]',
    detail: '{"queueId":"q-billing"}',
    commandId,
    outcome: 'local',
    outcomeDetail: null,
    actionAuditId: null,
  };
  store.database
    .prepare(
      `INSERT INTO audit_log (audit_id, kind, at, user_id, role, action, target, queue_ids, detail, command_id, outcome, outcome_detail, action_audit_id, hash)
       VALUES (@auditId, @kind, @at, @userId, @role, @action, @target, @queueIds, @detail, @commandId, @outcome, @outcomeDetail, @actionAuditId, @hash)`,
    )
    .run({ ...entry, hash: legacyAuditHash(last?.hash ?? GENESIS_HASH, entry) });
}

describe('audit log', () => {
  it('records actions and outcomes as a keyed chain that verifies, and lists actions newest first with their outcomes', () => {
    const { store, vault, audit: open } = openTestStore();
    const audit = open();
    fill(audit);

    expect(audit.verify()).toMatchObject({ ok: true, checked: 5, firstBadAuditId: null, lastGoodAuditId: null, problem: null, reason: null, legacyThrough: 0 });
    expect(audit.verify().anchor.state).toBe('unknown');
    const listed = audit.list({ limit: 10, userId: 'sup-1', queueScope: WHOLE_CACHE });
    expect(listed.map((record) => [record.auditId, record.commandId, record.outcome, record.outcomeDetail])).toEqual([
      [4, 'cmd-3', 'rejected', 'Unknown queue q-nope.'],
      [3, 'cmd-2', 'pending', null],
      [1, 'cmd-1', 'acked', null],
    ]);
    expect(listed[2]).toMatchObject({ at: T0, userId: 'sup-1', role: 'wfm_leader', action: 'queue.mitigation', target: 'queue:q-billing' });
    expect(audit.list({ limit: 1, userId: 'sup-1', queueScope: WHOLE_CACHE })).toHaveLength(1);

    // The first row's hash is an HMAC under the vault's key over the genesis hash and its canonical fields.
    const key = vault.read(AUDIT_KEY_SECRET);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const first = store.database.prepare('SELECT hash FROM audit_log WHERE audit_id = 1').pluck().get();
    const fields = {
      auditId: 1,
      kind: 'action' as const,
      at: T0,
      userId: 'sup-1',
      role: 'wfm_leader',
      action: 'queue.mitigation',
      target: 'queue:q-billing',
      queueIds: '["q-billing"]',
      detail: '{"queueId":"q-billing","state":"paused"}',
      commandId: 'cmd-1',
      outcome: 'pending' as const,
      outcomeDetail: null,
      actionAuditId: null,
    };
    expect(first).toBe(keyedAuditHash(key ?? '', GENESIS_HASH, fields));
    expect(first).not.toBe(legacyAuditHash(GENESIS_HASH, fields));

    // The head outside the database follows every record.
    expect(audit.head()).toEqual({ auditId: 5, hash: store.database.prepare('SELECT hash FROM audit_log WHERE audit_id = 5').pluck().get() });
    const chainId = store.database.prepare('SELECT chain_id FROM audit_chain').pluck().get() as string;
    expect(JSON.parse(vault.read(auditHeadSecret(chainId)) ?? 'null')).toMatchObject({ ...audit.head(), count: 5, legacyThrough: 0 });
  });

  it('verifies an empty log', () => {
    const { audit } = openTestStore();
    expect(audit().verify()).toMatchObject({ ok: true, checked: 0, firstBadAuditId: null, head: null });
  });

  it('records a local action in one row with the outcome local', () => {
    const { audit: open } = openTestStore();
    const audit = open();
    const { commandId: _commandId, ...input } = action('unused');
    const recorded = audit.recordLocal({ ...input, action: 'wallboard.lan.set', target: 'lan', queueIds: [], detail: '{"enabled":true}' });
    expect(recorded).toMatchObject({ auditId: 1, outcome: 'local', action: 'wallboard.lan.set', detail: '{"enabled":true}' });
    expect(audit.verify()).toMatchObject({ ok: true, checked: 1 });
  });

  it('refuses plain UPDATE and DELETE on the log and on its sealed boundary', () => {
    const { store, audit } = openTestStore();
    fill(audit());
    expect(() => store.database.prepare("UPDATE audit_log SET detail = '{}' WHERE audit_id = 1").run()).toThrow(/append-only/);
    expect(() => store.database.prepare('DELETE FROM audit_log WHERE audit_id = 3').run()).toThrow(/append-only/);
    expect(() => store.database.prepare('UPDATE audit_chain SET legacy_through = 9').run()).toThrow(/sealed/);
    expect(() => store.database.prepare('DELETE FROM audit_chain').run()).toThrow(/sealed/);
  });

  it('detects a changed action detail, naming the record', () => {
    const { store, audit: open } = openTestStore();
    const audit = open();
    fill(audit);
    dropGuards(store);
    store.database.prepare(`UPDATE audit_log SET detail = '{"conversationId":"c-1","text":"Nothing to see"}' WHERE audit_id = 3`).run();
    expect(audit.verify()).toMatchObject({ ok: false, checked: 3, firstBadAuditId: 3, lastGoodAuditId: 2, problem: 'forged' });
  });

  it('detects a changed outcome, which is a chained row of its own', () => {
    const { store, audit: open } = openTestStore();
    const audit = open();
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
      const { store, audit: open } = openTestStore();
      const audit = open();
      fill(audit);
      dropGuards(store);
      store.database.prepare(`UPDATE audit_log SET ${assignment} WHERE audit_id = 2`).run();
      expect(audit.verify().firstBadAuditId, what).toBe(2);
    }
  });

  it('names deleted middle rows as missing, after the last good record', () => {
    const { store, audit: open } = openTestStore();
    const audit = open();
    fill(audit);
    dropGuards(store);
    store.database.prepare('DELETE FROM audit_log WHERE audit_id = 3').run();
    expect(audit.verify()).toMatchObject({
      ok: false,
      checked: 2,
      firstBadAuditId: 3,
      lastGoodAuditId: 2,
      problem: 'missing',
      reason: 'Record 3 is missing: the chain breaks after record 2.',
    });
    store.database.pragma('foreign_keys = OFF');
    store.database.prepare('DELETE FROM audit_log WHERE audit_id = 4').run();
    expect(audit.verify()).toMatchObject({ firstBadAuditId: 3, lastGoodAuditId: 2, reason: 'Records 3–4 are missing: the chain breaks after record 2.' });
  });

  it('detects a deleted first row and a cut-off tail', () => {
    const { store, audit: open } = openTestStore();
    const audit = open();
    fill(audit);
    dropGuards(store);
    store.database.pragma('foreign_keys = OFF');
    store.database.prepare('DELETE FROM audit_log WHERE audit_id = 5').run();
    expect(audit.verify()).toMatchObject({ ok: false, checked: 4, firstBadAuditId: 5, lastGoodAuditId: 4, reason: 'Record 5 is missing: the log was cut after record 4.' });
    store.database.prepare('DELETE FROM audit_log WHERE audit_id = 1').run();
    expect(audit.verify()).toMatchObject({ ok: false, firstBadAuditId: 1, lastGoodAuditId: 0, reason: 'Record 1 is missing: the chain breaks at its start.' });
  });

  it('detects a cut tail and an emptied log even with sqlite_sequence lowered: the head outside the database remembers', () => {
    const { store, audit: open } = openTestStore();
    const audit = open();
    fill(audit);
    dropGuards(store);
    store.database.pragma('foreign_keys = OFF');
    store.database.prepare('DELETE FROM audit_log WHERE audit_id >= 4').run();
    store.database.prepare("UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit_log'").run();
    expect(audit.verify()).toMatchObject({ ok: false, firstBadAuditId: 4, problem: 'missing', reason: 'Records 4–5 are missing: the log was cut after record 3.' });
    store.database.prepare('DELETE FROM audit_log').run();
    store.database.prepare("DELETE FROM sqlite_sequence WHERE name = 'audit_log'").run();
    expect(audit.verify()).toMatchObject({ ok: false, checked: 0, firstBadAuditId: 1, problem: 'missing', reason: 'All 5 records are missing: the log was emptied.' });
  });

  it('refuses rows appended with plain SHA-256, at the first of them', () => {
    const { store, audit: open } = openTestStore();
    const audit = open();
    fill(audit);
    appendPlainRow(store, 'forged-1');
    appendPlainRow(store, 'forged-2');
    expect(audit.verify()).toMatchObject({ ok: false, firstBadAuditId: 6, lastGoodAuditId: 5, problem: 'forged' });
  });

  it('keeps rows written before the chain was keyed as a sealed legacy prefix', () => {
    const { store, path, vault } = openTestStore(99);
    appendPlainRow(store, 'old-1');
    appendPlainRow(store, 'old-2');
    store.close();
    const upgraded = openStore({ path, migrations: AREA_MIGRATIONS });
    cleanups.push(() => upgraded.close());
    const audit = createAuditLog(upgraded.database, { vault });
    expect(audit.verify()).toMatchObject({ ok: true, checked: 2, legacyThrough: 2 });
    audit.recordAction(action('new-1'));
    expect(audit.verify()).toMatchObject({ ok: true, checked: 3, legacyThrough: 2 });
    // A forger's plain row after the boundary is not legacy.
    appendPlainRow(upgraded, 'forged');
    expect(audit.verify()).toMatchObject({ ok: false, firstBadAuditId: 4, problem: 'forged' });
  });

  it('notices the legacy boundary moved to pass plain-hash rows off as legacy', () => {
    const { store, audit: open } = openTestStore();
    const audit = open();
    appendPlainRow(store, 'forged-1');
    store.database.exec('DROP TRIGGER audit_chain_sealed');
    store.database.prepare('UPDATE audit_chain SET legacy_through = 1').run();
    expect(audit.verify()).toMatchObject({ ok: false, problem: 'boundary-moved' });
  });

  it('reports a chain key deleted or replaced, and a missing head', () => {
    const { store, path, vault, audit: open } = openTestStore();
    fill(open());
    const chainId = store.database.prepare('SELECT chain_id FROM audit_chain').pluck().get() as string;
    unlinkSync(join(vault.location, auditHeadSecret(chainId)));
    expect(open().verify()).toMatchObject({ ok: false, problem: 'head-missing', firstBadAuditId: null });
    unlinkSync(join(vault.location, AUDIT_KEY_SECRET));
    store.close();
    const reopened = openStore({ path, migrations: AREA_MIGRATIONS });
    cleanups.push(() => reopened.close());
    expect(createAuditLog(reopened.database, { vault }).verify()).toMatchObject({ ok: false, problem: 'key-missing', firstBadAuditId: 1, lastGoodAuditId: 0 });
  });

  it("compares the chain with the feed's anchor: agrees, unknown, or disagrees when rolled back or rewritten", () => {
    const { store, audit: open } = openTestStore();
    const audit = open();
    fill(audit);
    const third = { auditId: 3, hash: store.database.prepare('SELECT hash FROM audit_log WHERE audit_id = 3').pluck().get() as string };
    expect(audit.verify(third)).toMatchObject({ ok: true, anchor: { state: 'agrees', anchor: third } });
    expect(audit.verify(null)).toMatchObject({ ok: true, anchor: { state: 'unknown' } });
    expect(audit.verify({ auditId: 9, hash: 'a'.repeat(64) })).toMatchObject({ ok: false, anchor: { state: 'disagrees', reason: expect.stringContaining('rolled back') } });
    expect(audit.verify({ auditId: 3, hash: 'a'.repeat(64) })).toMatchObject({ ok: false, anchor: { state: 'disagrees', reason: expect.stringContaining('rewritten') } });
  });

  it('keeps the chain across a reopen, and restores synchronous=NORMAL after each durable write', () => {
    const { store, path, vault, audit: open } = openTestStore();
    expect(store.database.pragma('synchronous', { simple: true })).toBe(1);
    fill(open());
    expect(store.database.pragma('synchronous', { simple: true })).toBe(1);
    store.close();
    const reopened = openStore({ path, migrations: AREA_MIGRATIONS });
    cleanups.push(() => reopened.close());
    const audit = createAuditLog(reopened.database, { vault });
    expect(audit.findByCommandId('cmd-1')).toMatchObject({ auditId: 1, outcome: 'acked' });
    const next = audit.recordAction(action('cmd-4'));
    expect(next.auditId).toBe(6);
    expect(audit.verify()).toMatchObject({ ok: true, checked: 6, firstBadAuditId: null });
  });

  it('refuses a second action under the same command id', () => {
    const { audit: open } = openTestStore();
    const audit = open();
    audit.recordAction(action('cmd-1'));
    expect(() => audit.recordAction(action('cmd-1'))).toThrow();
    expect(audit.verify()).toMatchObject({ ok: true, checked: 1, firstBadAuditId: null });
  });

  it("shows a scoped user the records of their queues and their own, nobody else's", () => {
    const { audit: open } = openTestStore();
    const audit = open();
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
