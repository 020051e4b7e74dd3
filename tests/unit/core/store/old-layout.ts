/**
 * Writes a cache in an older schema layout, for the tests of the migrations that convert one: the
 * batches are ingested by today's store into a scratch file, and its rows are copied into a file
 * migrated only below `belowVersion`, in the shape that layout had (message rows through the
 * `messages` view, with their ids; before migration 200, the log as whole JSON events, as the old
 * ingest wrote them). The full-text index is filled as the old ingest did, from the messages table.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { migrate, withStoreMigrations } from '../../../../src-main/core/store/migrate.js';
import { openStore } from '../../../../src-main/core/store/store.js';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { T0 } from './fixtures.js';

export interface OldLayoutBatch {
  readonly stream: string;
  readonly epoch: string;
  readonly events: readonly FloorEvent[];
}

/** The projections ingest writes, copied column by column where both layouts have the column. */
const PROJECTIONS = ['queues', 'agents', 'status_intervals', 'conversations', 'surveys', 'rollups_15m', 'streams', 'rejects', 'conversation_renames'];
/** The compact log (migration 200), copied as is when the old layout has it. */
const COMPACT_LOG = ['event_logs', 'event_types', 'event_log'];

function columns(db: Database.Database, schema: string, table: string): string[] {
  return db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).pluck().all(table, schema) as string[];
}

function copyTable(db: Database.Database, table: string, from = table): void {
  const target = columns(db, 'main', table);
  if (target.length === 0) return;
  const source = columns(db, 'scratch', from);
  const shared = target.filter((column) => source.includes(column)).join(', ');
  db.exec(`INSERT INTO main.${table} (${shared}) SELECT ${shared} FROM scratch.${from}`);
}

/** Writes `batches` into a new file at `path` in the layout of the migrations below `belowVersion`. */
export function writeOldLayout(path: string, belowVersion: number, batches: readonly OldLayoutBatch[]): void {
  const scratchPath = `${path}.scratch`;
  const scratch = openStore({ path: scratchPath, now: () => T0, migrations: AREA_MIGRATIONS });
  try {
    for (const batch of batches) scratch.ingestBatch({ stream: batch.stream, epoch: batch.epoch, events: batch.events, lastSeq: batch.events.at(-1)?.seq ?? 0 });
  } finally {
    scratch.close();
  }
  const db = new Database(path);
  try {
    migrate(db, withStoreMigrations(AREA_MIGRATIONS).filter((migration) => migration.version < belowVersion));
    db.prepare('ATTACH ? AS scratch').run(scratchPath);
    db.transaction(() => {
      for (const table of PROJECTIONS) copyTable(db, table);
      copyTable(db, 'messages');
      db.exec('INSERT INTO messages_fts (rowid, text) SELECT id, text FROM main.messages');
      if (belowVersion <= 200) {
        const insert = db.prepare('INSERT INTO events (stream, epoch, seq, time, type, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
        for (const batch of batches) for (const event of batch.events) insert.run(batch.stream, batch.epoch, event.seq, event.time, event.type, JSON.stringify(event));
      } else {
        for (const table of COMPACT_LOG) copyTable(db, table);
      }
    })();
    db.exec('DETACH scratch');
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(scratchPath + suffix, { force: true });
  }
}
