import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseFromFutureError } from '../../../../src-main/core/store/errors.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { checkMigrationList, latestVersion, migrate, schemaVersion, withStoreMigrations } from '../../../../src-main/core/store/migrate.js';
import { StoreSandbox } from './fixtures.js';

/** What the composition root registers, merged with the store's own: the list a real console applies. */
const MIGRATIONS = withStoreMigrations(AREA_MIGRATIONS);
const LATEST_SCHEMA_VERSION = latestVersion(MIGRATIONS);

describe('store migrations', () => {
  let sandbox: StoreSandbox;
  beforeEach(() => {
    sandbox = new StoreSandbox();
  });
  afterEach(() => sandbox.close());

  it('creates the whole schema on an empty file and records the version', () => {
    const store = sandbox.open();
    expect(schemaVersion(store.database)).toBe(LATEST_SCHEMA_VERSION);
    const names = store.database
      .prepare("SELECT type, name FROM sqlite_schema WHERE name NOT GLOB 'sqlite_*' AND NOT (type = 'table' AND name GLOB 'messages_fts_*') ORDER BY type, name")
      .all();
    const expected: readonly (readonly [string, string])[] = [
      // the store: event log, projections, search, rollups
      ['index', 'conversations_by_agent'],
      ['index', 'conversations_by_created'],
      ['index', 'conversations_by_ended'],
      ['index', 'conversations_by_key'],
      ['index', 'conversations_by_queue_created'],
      ['index', 'rejects_by_at'],
      ['index', 'status_intervals_open'],
      ['index', 'surveys_by_queue_time'],
      ['table', 'agents'],
      ['table', 'checkpoints'],
      ['table', 'conversation_count'],
      ['table', 'conversations'],
      ['table', 'conversation_renames'],
      ['table', 'event_log'],
      ['table', 'event_logs'],
      ['table', 'event_types'],
      ['view', 'events'],
      ['table', 'message_queues'],
      ['table', 'message_rows'],
      ['view', 'messages'],
      ['table', 'messages_fts'],
      ['table', 'queue_conversation_counts'],
      ['table', 'queues'],
      ['table', 'rejects'],
      ['table', 'rollups_15m'],
      ['table', 'settings'],
      ['table', 'status_intervals'],
      ['table', 'streams'],
      ['table', 'surveys'],
      ['trigger', 'conversations_keyed'],
      ['trigger', 'conversations_renamed'],
      ['trigger', 'conversation_count_delete'],
      ['trigger', 'conversation_count_insert'],
      ['trigger', 'conversation_renames_pruned'],
      ['trigger', 'conversation_renames_record'],
      ['trigger', 'messages_fts_delete'],
      ['trigger', 'messages_fts_update'],
      ['trigger', 'queue_conversation_count_delete'],
      ['trigger', 'queue_conversation_count_insert'],
      ['trigger', 'queue_conversation_count_move'],
      // live insights: audit log, layouts, groups, threshold overrides
      ['index', 'audit_log_action_by_command'],
      ['index', 'audit_log_outcome_by_action'],
      ['table', 'audit_log'],
      ['trigger', 'audit_log_no_delete'],
      ['trigger', 'audit_log_no_update'],
      ['table', 'audit_chain'],
      ['trigger', 'audit_chain_no_delete'],
      ['trigger', 'audit_chain_sealed'],
      ['index', 'threshold_override_changes_by_queue'],
      ['table', 'live_groups'],
      ['table', 'live_layouts'],
      ['table', 'threshold_override_changes'],
      ['table', 'threshold_overrides'],
      // history: per-conversation figures, notes, saved searches, customer lookup
      ['index', 'history_facts_by_agent'],
      ['index', 'history_facts_by_avg_response'],
      ['index', 'history_facts_by_conversation'],
      ['index', 'history_facts_by_first_response'],
      ['index', 'history_facts_by_handle'],
      ['index', 'history_facts_by_queue'],
      ['index', 'history_facts_by_wait'],
      ['index', 'history_notes_by_conversation'],
      ['index', 'history_notes_unsent'],
      ['index', 'history_saved_searches_by_user'],
      ['table', 'history_customer_keys'],
      ['table', 'history_facts'],
      ['table', 'history_notes'],
      ['table', 'history_saved_searches'],
      ['trigger', 'history_conversation_renamed'],
      // wallboards: boards, devices, settings
      ['table', 'wallboard_boards'],
      ['table', 'wallboard_devices'],
      ['table', 'wallboard_settings'],
      // the API service: the command ledger
      ['index', 'command_ledger_by_at'],
      ['table', 'command_ledger'],
      // replay: checkpoints to seek from
      ['index', 'replay_checkpoints_by_time'],
      ['table', 'replay_checkpoints'],
      // alerts: records, their changes, each user's notification choices
      ['index', 'alerts_by_raised'],
      ['index', 'alerts_unresolved'],
      ['table', 'alerts'],
      ['table', 'alert_updates'],
      ['table', 'alert_preferences'],
      // insights engine: per-conversation inputs of the figures, status intervals by start
      ['index', 'insight_facts_by_conversation'],
      ['index', 'insight_facts_by_queue'],
      ['index', 'status_intervals_by_start'],
      ['table', 'insight_facts'],
      ['trigger', 'insight_facts_retention'],
      // insights: each user's saved dashboards
      ['index', 'insights_dashboards_by_owner'],
      ['table', 'insights_dashboards'],
      // reports: schedules, their send history, the SMTP settings
      ['index', 'report_runs_by_attempt'],
      ['index', 'report_runs_by_schedule'],
      ['table', 'report_runs'],
      ['table', 'report_schedules'],
      ['table', 'report_smtp'],
      // insights engine: sums per quarter hour, queue and breakdown, kept by triggers on the facts
      ['table', 'insight_sums'],
      ['index', 'insight_facts_assignments'],
      ['trigger', 'insight_sums_insert'],
      ['trigger', 'insight_sums_delete'],
      ['trigger', 'insight_sums_update'],
      ['trigger', 'insight_facts_renamed'],
      // insights engine: agent time per quarter hour, kept by the background pass
      ['table', 'agent_status_sums'],
      ['table', 'agent_work_sums'],
      ['table', 'agent_time_state'],
      ['table', 'agent_status_pending'],
      ['table', 'agent_status_stale'],
      ['table', 'agent_work_dirty'],
      ['index', 'insight_facts_by_agent'],
      ['trigger', 'agent_status_changed'],
      ['trigger', 'agent_status_deleted'],
      ['trigger', 'agent_work_insert'],
      ['trigger', 'agent_work_delete'],
      ['trigger', 'agent_work_update'],
      // insights engine: the sums per UTC hour and UTC day, kept by triggers on the facts
      ['table', 'insight_sum_levels'],
      ['trigger', 'insight_sum_levels_insert'],
      ['trigger', 'insight_sum_levels_delete'],
      ['trigger', 'insight_sum_levels_update'],
      // insights engine: agent time summed over the floor, kept by triggers on the agent sums
      ['table', 'floor_time_slots'],
      ['table', 'floor_time_waiting'],
      ['table', 'floor_status_sums'],
      ['table', 'floor_time_buckets'],
      ['trigger', 'floor_status_insert'],
      ['trigger', 'floor_status_update'],
      ['trigger', 'floor_status_delete'],
      ['trigger', 'floor_work_insert'],
      ['trigger', 'floor_work_delete'],
      ['trigger', 'floor_work_update'],
      ['table', 'insight_versions'],
      ['trigger', 'agent_directory_insert'],
      ['trigger', 'agent_directory_update'],
      ['trigger', 'agent_directory_delete'],
      // insights engine: the status intervals the agent-time pass looks at again
      ['table', 'agent_status_touched'],
      ['trigger', 'agent_status_touched_update'],
      ['trigger', 'agent_status_touched_delete'],
      // insights engine: an interval given an id the pass read past
      ['trigger', 'agent_status_id_reused'],
    ];
    const order = (a: readonly [string, string], b: readonly [string, string]): number => (a[0] + a[1] < b[0] + b[1] ? -1 : a[0] + a[1] > b[0] + b[1] ? 1 : 0);
    expect(names).toEqual([...expected].sort(order).map(([type, name]) => ({ type, name })));
  });

  it('makes every ordinary table STRICT', () => {
    const store = sandbox.open();
    const tables = store.database
      .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT GLOB 'sqlite_*' AND name NOT GLOB 'messages_fts*'")
      .all() as { name: string; strict: number }[];
    expect(tables.length).toBeGreaterThanOrEqual(12);
    expect(tables.filter((table) => table.strict !== 1)).toEqual([]);
  });

  it('refuses a value outside an enumerated column\'s set, and accepts every value in it or NULL where allowed', () => {
    const store = sandbox.open();
    const db = store.database;
    // Senders and kinds are stored as codes 0..3 (store migration 230).
    const insertMessage = db.prepare(
      'INSERT INTO message_rows (conversation, message_ref, ref_is_suffix, queue, time, sender, kind, text) VALUES (1, ?, ?, 1, 0, ?, ?, \'x\')',
    );
    for (const sender of [0, 1, 2, 3]) {
      for (const kind of [0, 1, 2, 3]) expect(() => insertMessage.run(`${sender}-${kind}`, 0, sender, kind)).not.toThrow();
    }
    expect(() => insertMessage.run('bad-sender', 0, 4, 0)).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }));
    expect(() => insertMessage.run('bad-kind', 0, 1, -1)).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }));
    expect(() => insertMessage.run('bad-suffix', 2, 1, 0)).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }));
    expect(() => insertMessage.run('text-sender', 0, 'agent', 0)).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_DATATYPE' }));
    const insertConversation = db.prepare(
      "INSERT INTO conversations (conversation_id, queue_id, channel, state, state_at, created_at, disposition) VALUES (?, 'q-1', ?, ?, 0, 0, ?)",
    );
    expect(() => insertConversation.run('c-ok', 'voice', 'abandoned', null)).not.toThrow();
    expect(() => insertConversation.run('c-ended', 'chat', 'ended', 'closed_by_supervisor')).not.toThrow();
    expect(() => insertConversation.run('c-channel', 'fax', 'created', null)).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }));
    expect(() => insertConversation.run('c-state', 'chat', 'lost', null)).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }));
    expect(() => insertConversation.run('c-disposition', 'chat', 'ended', 'forgotten')).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }));
    expect(() => db.prepare("INSERT INTO agents (agent_id, name, first_seen_at, status_kind) VALUES ('a-1', 'A', 0, 'asleep')").run()).toThrow(
      expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }),
    );
    expect(() => db.prepare("INSERT INTO queues (queue_id, first_seen_at, mitigation_state) VALUES ('q-1', 0, 'closed')").run()).toThrow(
      expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }),
    );
  });

  it('sets the pragmas ingest relies on', () => {
    const store = sandbox.open();
    const pragma = (name: string): unknown => store.database.pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(1);
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBeGreaterThan(0);
    expect(pragma('temp_store')).toBe(2);
  });

  it('reopens a migrated database without running anything again', () => {
    sandbox.open().close();
    const db = new Database(sandbox.path);
    try {
      expect(migrate(db, MIGRATIONS)).toEqual([]);
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('applies only the migrations above the recorded version, each in a transaction', () => {
    const db = new Database(':memory:');
    try {
      const extra = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 10, name: 'later', sql: 'CREATE TABLE later (id INTEGER PRIMARY KEY) STRICT;' }];
      expect(migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.map((migration) => migration.version));
      expect(migrate(db, extra)).toEqual([LATEST_SCHEMA_VERSION + 10]);
      const broken = [...extra, { version: LATEST_SCHEMA_VERSION + 20, name: 'broken', sql: 'CREATE TABLE half (id INTEGER) STRICT; NOT SQL;' }];
      expect(() => migrate(db, broken)).toThrow();
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 10);
      expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('counts the conversations a cache already holds when the count table arrives, then follows every write', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, MIGRATIONS.filter((migration) => migration.version < 60));
      const insert = db.prepare("INSERT INTO conversations (conversation_id, queue_id, channel, state, state_at, created_at) VALUES (?, 'q-1', 'chat', 'created', 1, 1)");
      for (const id of ['c-1', 'c-2', 'c-3']) insert.run(id);
      migrate(db, MIGRATIONS);
      const counted = (): unknown => db.prepare('SELECT conversations FROM conversation_count').pluck().get();
      expect(counted()).toBe(3);
      insert.run('c-4');
      db.prepare("DELETE FROM conversations WHERE conversation_id IN ('c-1', 'c-2')").run();
      expect(counted()).toBe(2);
    } finally {
      db.close();
    }
  });

  it('counts the conversations of each queue a cache already holds, then follows inserts, transfers and deletes', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, MIGRATIONS.filter((migration) => migration.version < 280));
      const insert = db.prepare("INSERT INTO conversations (conversation_id, queue_id, channel, state, state_at, created_at) VALUES (?, ?, 'chat', 'created', 1, 1)");
      for (const [id, queue] of [['c-1', 'q-1'], ['c-2', 'q-1'], ['c-3', 'q-2']] as const) insert.run(id, queue);
      migrate(db, MIGRATIONS);
      const counts = (): Record<string, number> =>
        Object.fromEntries(db.prepare('SELECT queue_id, conversations FROM queue_conversation_counts ORDER BY queue_id').raw().all() as [string, number][]);
      expect(counts()).toEqual({ 'q-1': 2, 'q-2': 1 });

      insert.run('c-4', 'q-3');
      db.prepare("UPDATE conversations SET queue_id = 'q-2' WHERE conversation_id = 'c-1'").run();
      // Setting the queue it already has (every assignment does) moves nothing.
      db.prepare("UPDATE conversations SET queue_id = 'q-2', state = 'assigned' WHERE conversation_id = 'c-3'").run();
      db.prepare("DELETE FROM conversations WHERE conversation_id = 'c-2'").run();
      expect(counts()).toEqual({ 'q-1': 0, 'q-2': 2, 'q-3': 1 });

      const truth = Object.fromEntries(db.prepare('SELECT queue_id, count(*) FROM conversations GROUP BY queue_id').raw().all() as [string, number][]);
      expect(Object.fromEntries(Object.entries(counts()).filter(([, count]) => count > 0))).toEqual(truth);
    } finally {
      db.close();
    }
  });

  it('refuses a migration list whose versions do not increase', () => {
    expect(() => checkMigrationList([{ version: 20, name: 'b', sql: '' }, { version: 10, name: 'a', sql: '' }])).toThrow(/increasing/);
    expect(() => checkMigrationList(MIGRATIONS)).not.toThrow();
    expect(MIGRATIONS.every((migration) => migration.version % 10 === 0)).toBe(true);
  });

  it('refuses a database from a newer version and leaves the file untouched', () => {
    const db = new Database(sandbox.path);
    db.exec('CREATE TABLE future_table (id INTEGER)');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1000}`);
    db.close();
    const before = readFileSync(sandbox.path);

    expect(() => sandbox.open()).toThrow(DatabaseFromFutureError);
    try {
      sandbox.open();
    } catch (error) {
      expect((error as DatabaseFromFutureError).foundVersion).toBe(LATEST_SCHEMA_VERSION + 1000);
      expect((error as Error).message).toMatch(/newer than this version of Floorwatch/);
    }
    expect(readFileSync(sandbox.path).equals(before)).toBe(true);
  });
});
