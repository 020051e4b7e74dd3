/**
 * Schema migrations, numbered in steps of 10 and applied in order, each in its own transaction,
 * with the version kept in PRAGMA user_version.
 *
 * Append only: a shipped migration is never edited, because databases in the field already ran
 * it. Fix a mistake with a new migration. Steps of 10 leave room for a hotfix (say 15) between two
 * releases without renumbering.
 */
import type Database from 'better-sqlite3';
import { COMMAND_LEDGER_MIGRATION } from '../api/command-ledger-migration.js';
import { HISTORY_MIGRATIONS } from '../history/schema.js';
import { LIVE_INSIGHTS_MIGRATIONS } from '../live-insights/schema.js';
import { WALLBOARD_MIGRATIONS } from '../wallboard/schema.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const STATUS_KINDS = ['available', 'away', 'offline'] as const;
const CHANNELS = ['chat', 'voice'] as const;

/**
 * A CHECK that a text column holds one of `values`, written as equalities joined by OR rather than
 * as `IN (...)`: SQLite evaluates an IN list of more than two constants in a CHECK by building a
 * temporary B-tree, anew for every row a statement writes, which made each message insert about
 * twice as dear. The equalities accept and refuse exactly the same values, NULL included.
 */
function oneOf(column: string, values: readonly string[]): string {
  return `CHECK (${values.map((value) => `${column} = '${value}'`).join(' OR ')})`;
}

const STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    name: 'initial schema',
    // The event log is keyed by (stream, epoch, seq), not (stream, seq): a feed restart starts a new
    // epoch whose seqs begin again at 1, and those events must not be taken for replays of the
    // previous epoch's.
    sql: `
      CREATE TABLE streams (
        stream TEXT PRIMARY KEY,
        epoch TEXT NOT NULL,
        last_seq INTEGER NOT NULL CHECK (last_seq >= 0),
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE events (
        stream TEXT NOT NULL,
        epoch TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq > 0),
        time INTEGER NOT NULL,
        type TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (stream, epoch, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE rejects (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        stream TEXT,
        seq INTEGER,
        excerpt TEXT CHECK (excerpt IS NULL OR length(excerpt) <= 512)
      ) STRICT;
      CREATE INDEX rejects_by_at ON rejects (at);

      -- Queues and agents are changed aspect by aspect (configuration, mitigation, status, slots...),
      -- each stamped with the floor time of the event that set it, so that an older event arriving
      -- late through another stream never overwrites a newer value.
      CREATE TABLE queues (
        queue_id TEXT PRIMARY KEY,
        configured INTEGER NOT NULL DEFAULT 0 CHECK (configured IN (0, 1)),
        name TEXT,
        channel TEXT ${oneOf('channel', CHANNELS)},
        time_zone TEXT,
        service_level_target_sec REAL,
        thresholds TEXT CHECK (thresholds IS NULL OR json_valid(thresholds)),
        business_hours TEXT CHECK (business_hours IS NULL OR json_valid(business_hours)),
        preset_groups TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(preset_groups)),
        config_at INTEGER,
        mitigation_state TEXT NOT NULL DEFAULT 'normal' ${oneOf('mitigation_state', ['normal', 'custom_message', 'paused'])},
        mitigation_message TEXT,
        mitigation_at INTEGER,
        overflow_rules TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(overflow_rules)),
        overflow_at INTEGER,
        estimated_wait_sec REAL,
        estimated_wait_at INTEGER,
        first_seen_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE agents (
        agent_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        team_id TEXT NOT NULL DEFAULT '',
        team_name TEXT NOT NULL DEFAULT '',
        location TEXT NOT NULL DEFAULT '',
        slots INTEGER NOT NULL DEFAULT 1 CHECK (slots >= 1),
        slots_at INTEGER,
        status_kind TEXT NOT NULL DEFAULT 'offline' ${oneOf('status_kind', STATUS_KINDS)},
        status_reason TEXT NOT NULL DEFAULT '',
        status_since INTEGER,
        queue_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(queue_ids)),
        queue_ids_at INTEGER,
        logged_in INTEGER NOT NULL DEFAULT 0 CHECK (logged_in IN (0, 1)),
        logged_in_at INTEGER,
        presence_at INTEGER,
        first_seen_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE status_intervals (
        id INTEGER PRIMARY KEY,
        agent_id TEXT NOT NULL REFERENCES agents (agent_id) ON DELETE CASCADE,
        kind TEXT NOT NULL ${oneOf('kind', STATUS_KINDS)},
        reason TEXT NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER CHECK (end_at IS NULL OR end_at >= start_at),
        UNIQUE (agent_id, start_at)
      ) STRICT;
      CREATE INDEX status_intervals_open ON status_intervals (agent_id) WHERE end_at IS NULL;

      CREATE TABLE conversations (
        conversation_id TEXT PRIMARY KEY,
        queue_id TEXT NOT NULL,
        channel TEXT NOT NULL ${oneOf('channel', CHANNELS)},
        intent TEXT NOT NULL DEFAULT '',
        customer_id TEXT NOT NULL DEFAULT '',
        customer_name TEXT,
        customer_email TEXT,
        customer_phone TEXT,
        agent_id TEXT,
        state TEXT NOT NULL ${oneOf('state', ['created', 'queued', 'assigned', 'ended', 'abandoned'])},
        -- Floor time of the transition that set \`state\`: an older transition arriving later (a
        -- history backfill overlapping the live stream) must not move the conversation back.
        state_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        queued_at INTEGER,
        assigned_at INTEGER,
        -- Set once, by the first agent or supervisor text after assignment. A conversation's message
        -- count and last message time are not kept here but read from messages when asked for:
        -- maintaining them rewrote this wide row for every message, the busiest event by far.
        first_response_at INTEGER,
        ended_at INTEGER,
        abandoned_at INTEGER,
        disposition TEXT ${oneOf('disposition', ['resolved', 'unresolved', 'escalated', 'transferred', 'closed_by_supervisor'])},
        high_effort INTEGER NOT NULL DEFAULT 0 CHECK (high_effort IN (0, 1)),
        transfers INTEGER NOT NULL DEFAULT 0,
        taken_over_by TEXT,
        taken_over_at INTEGER,
        csat INTEGER CHECK (csat BETWEEN 1 AND 5),
        csat_comment TEXT
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX conversations_by_queue_created ON conversations (queue_id, created_at);
      CREATE INDEX conversations_by_created ON conversations (created_at);
      CREATE INDEX conversations_by_agent ON conversations (agent_id, assigned_at) WHERE agent_id IS NOT NULL;
      CREATE INDEX conversations_by_ended ON conversations (ended_at) WHERE ended_at IS NOT NULL;

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        -- No foreign key: ingest writes a message only for a conversation it knows exists, and a
        -- foreign key would be another lookup of the same row on the hottest path.
        conversation_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        -- The conversation's queue when the message arrived (a transfer moves later messages).
        queue_id TEXT NOT NULL,
        time INTEGER NOT NULL,
        sender TEXT NOT NULL ${oneOf('sender', ['customer', 'agent', 'bot', 'supervisor'])},
        sender_id TEXT,
        kind TEXT NOT NULL ${oneOf('kind', ['text', 'whisper', 'note', 'system'])},
        text TEXT NOT NULL,
        delivery_failed INTEGER NOT NULL DEFAULT 0 CHECK (delivery_failed IN (0, 1)),
        delivery_failure_reason TEXT,
        -- Also the index of a conversation's transcript, sorted by time when read: a conversation has
        -- a few hundred messages at most, and a second index in time order would be another
        -- random-order B-tree insert for every message.
        UNIQUE (conversation_id, message_id)
      ) STRICT;

      -- New messages are indexed by the ingest transaction itself, with one INSERT ... SELECT per
      -- batch (see Store.ingestBatch): an AFTER INSERT trigger into FTS5 costs a statement
      -- savepoint, and FTS5 flushes its pending terms at every savepoint, which made each message
      -- four times dearer to ingest. Deletes and edits, rare, stay on triggers.
      CREATE VIRTUAL TABLE messages_fts USING fts5 (
        text,
        content = 'messages',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
      END;

      CREATE TABLE surveys (
        conversation_id TEXT PRIMARY KEY,
        queue_id TEXT NOT NULL,
        agent_id TEXT,
        time INTEGER NOT NULL,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment TEXT
      ) STRICT;
      CREATE INDEX surveys_by_queue_time ON surveys (queue_id, time);

      CREATE TABLE rollups_15m (
        queue_id TEXT NOT NULL,
        bucket_start INTEGER NOT NULL CHECK (bucket_start % 900000 = 0),
        entered INTEGER NOT NULL DEFAULT 0,
        assigned INTEGER NOT NULL DEFAULT 0,
        abandoned INTEGER NOT NULL DEFAULT 0,
        ended INTEGER NOT NULL DEFAULT 0,
        handled INTEGER NOT NULL DEFAULT 0,
        resolved INTEGER NOT NULL DEFAULT 0,
        transfers_out INTEGER NOT NULL DEFAULT 0,
        handle_ms_sum INTEGER NOT NULL DEFAULT 0,
        wait_ms_sum INTEGER NOT NULL DEFAULT 0,
        abandon_ms_sum INTEGER NOT NULL DEFAULT 0,
        messages INTEGER NOT NULL DEFAULT 0,
        surveys INTEGER NOT NULL DEFAULT 0,
        csat_sum INTEGER NOT NULL DEFAULT 0,
        csat_positive INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (queue_id, bucket_start)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE checkpoints (
        stream TEXT PRIMARY KEY,
        epoch TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 0),
        time INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (json_valid(state)),
        saved_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `,
  },
];

/** Store migrations shipped after the product areas' first ones. */
const LATER_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 60,
    name: 'conversation count kept by triggers',
    // The cache's conversation count, exact at every moment: a count(*) over a million rows blocks
    // for seconds, and a count taken in the background is unknown until done and stale after the
    // next write. An upsert that takes its update path fires no insert trigger, so a conversation is
    // counted once.
    sql: `
      CREATE TABLE conversation_count (
        only INTEGER PRIMARY KEY CHECK (only = 1),
        conversations INTEGER NOT NULL CHECK (conversations >= 0)
      ) STRICT;
      INSERT INTO conversation_count (only, conversations) SELECT 1, count(*) FROM conversations;
      CREATE TRIGGER conversation_count_insert AFTER INSERT ON conversations
        BEGIN UPDATE conversation_count SET conversations = conversations + 1 WHERE only = 1; END;
      CREATE TRIGGER conversation_count_delete AFTER DELETE ON conversations
        BEGIN UPDATE conversation_count SET conversations = conversations - 1 WHERE only = 1; END;
    `,
  },
];

/** The store's own migrations and each product area's, in version order (their versions do not overlap). */
export const MIGRATIONS: readonly Migration[] = [
  ...STORE_MIGRATIONS,
  ...LIVE_INSIGHTS_MIGRATIONS,
  ...HISTORY_MIGRATIONS,
  ...WALLBOARD_MIGRATIONS,
  ...LATER_STORE_MIGRATIONS,
  COMMAND_LEDGER_MIGRATION,
];

/** The schema version this code writes; a database above it is refused. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.reduce((latest, migration) => Math.max(latest, migration.version), 0);

/** Reads the schema version recorded in the database header. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to LATEST_SCHEMA_VERSION, one migration per transaction.
 *
 * user_version is written inside each migration's transaction, so a crash between two migrations
 * leaves a database that resumes at the next one. Returns the versions applied.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): readonly number[] {
  checkMigrationList(migrations);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}

/** Refuses a list whose versions do not increase: a sign a shipped migration was renumbered or moved. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version}; versions must be positive integers in increasing order.`);
    }
    previous = migration.version;
  }
}
