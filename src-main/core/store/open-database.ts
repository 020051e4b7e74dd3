/**
 * Opens the SQLite file: refuses a database from the future, checks integrity, migrates, and
 * recovers from a damaged file by moving it aside and starting empty.
 *
 * Recovery is "rebuild from the feed": a fresh database has no stream position, so the feed client
 * resumes from 0 or takes a snapshot, and the history backfill refills the cache. What the feed
 * cannot refill, the rows that exist only here, is salvaged from the damaged file (salvage.ts).
 * The damaged file is kept next to the new one for inspection, never deleted.
 *
 * Every file is the user's alone (0600 in a 0700 directory), those already there included, and a
 * storage failure (permissions, read-only file system, full disk) is thrown naming the path and
 * the cause (storage-errors.ts).
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, makePrivate } from '../private-files.js';
import { clearCheckFailure, recordedCheckFailure } from './background-check.js';
import { CorruptDatabaseError, DatabaseFromFutureError, describeError } from './errors.js';
import { latestVersion, migrate, schemaVersion, type Migration } from './migrate.js';
import { salvageLocalRows } from './salvage.js';
import { explainStorageError, probeDirectory, StorageUnavailableError } from './storage-errors.js';
import type { StoreRecovery } from './types.js';

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for tests. */
  readonly path: string;
  /** Path of a better_sqlite3.node built for another runtime (Electron). */
  readonly nativeBinding?: string;
  readonly now: () => number;
  /** Files larger than this are checked in the background after opening (see background-check.ts). */
  readonly syncCheckMaxBytes?: number;
  /** Every migration to apply, the store's and the areas', in version order (withStoreMigrations). */
  readonly migrations: readonly Migration[];
  /** Tables whose rows exist only here, salvaged from a damaged file (the areas declare them). */
  readonly localTables?: readonly string[];
}

export interface OpenedDatabase {
  readonly db: Database.Database;
  readonly recovery: StoreRecovery | null;
  /** True when the file was too large to check at start: run checkInBackground. */
  readonly checkDeferred: boolean;
}

/** quick_check costs about 4 s per GB here; files up to this size are checked before use. */
export const SYNC_CHECK_MAX_BYTES = 256 * 1024 * 1024;

const BUSY_TIMEOUT_MS = 5_000;
/** Negative means KiB: 32 MiB of page cache, enough for the hot indexes of a busy day. */
const CACHE_SIZE_KIB = -32_768;
/**
 * The WAL's bound (docs/decisions/0043-ingest-pipeline-and-checkpoints.md): the writer checkpoints
 * when a commit leaves more than 4096 pages (16 MiB at 4 KiB pages) in the WAL, and the next write
 * starts the WAL again from its beginning. The core's checkpoint worker (wal-checkpointer.ts) copies
 * the WAL into the database continuously from its own thread, so this checkpoint, run inside a
 * COMMIT on the ingest thread, finds nearly every page copied already; without the worker (tests,
 * tools) it does all the copying, as SQLite's default does every 1000 pages.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 4_096;
/** After a checkpoint the WAL file is truncated back to this size, so a burst does not keep a large file. */
const JOURNAL_SIZE_LIMIT_BYTES = 32 * 1024 * 1024;

/** Opens, checks and migrates the database at `options.path`, recovering once from corruption. */
export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  if (options.path === ':memory:') return openChecked(options);
  try {
    ensureWritableDirectory(dirname(options.path));
    const opened = openChecked(options);
    privatize(options.path);
    return opened;
  } catch (error) {
    throw explainStorageError(error, options.path, 'open');
  }
}

/** The directory exists, is owner-only, and takes writes; otherwise the operating system's reason. */
function ensureWritableDirectory(directory: string): void {
  const refused = existsSync(directory) ? probeDirectory(directory) : null;
  if (refused !== null) throw new StorageUnavailableError(directory, 'open', refused, null, null);
  ensurePrivateDir(directory);
}

const PRIVATE_SUFFIXES = ['', '-wal', '-shm', '-journal'] as const;

/** Makes the database and its side files owner-only, those an older version left 0644 included. */
function privatize(path: string): void {
  for (const suffix of PRIVATE_SUFFIXES) {
    if (existsSync(path + suffix)) makePrivate(path + suffix);
  }
}

function openChecked(options: OpenDatabaseOptions): OpenedDatabase {
  const limit = options.syncCheckMaxBytes ?? SYNC_CHECK_MAX_BYTES;
  const deferred = options.path !== ':memory:' && existsSync(options.path) && statSync(options.path).size > limit;
  const first = connect(options);
  try {
    const recorded = options.path === ':memory:' ? null : recordedCheckFailure(options.path);
    if (recorded !== null) throw new CorruptDatabaseError(recorded);
    prepare(first, options, deferred);
    return { db: first, recovery: null, checkDeferred: deferred };
  } catch (error) {
    if (options.path === ':memory:' || !isCorruption(error)) {
      first.close();
      throw error;
    }
    const movedTo = moveAside(first, options.path, options.now());
    clearCheckFailure(options.path);
    const fresh = connect(options);
    try {
      prepare(fresh, options, false);
    } catch (freshError) {
      fresh.close();
      throw freshError;
    }
    const salvage = salvageLocalRows(fresh, movedTo, options.localTables ?? [], options.nativeBinding);
    const recovery: StoreRecovery = { at: options.now(), reason: describeError(error), movedTo, tables: salvage.tables, error: salvage.error };
    return { db: fresh, recovery, checkDeferred: false };
  }
}

function connect(options: OpenDatabaseOptions): Database.Database {
  const db = new Database(options.path, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
  // Before anything is written: SQLite gives the -wal and -shm files the database file's mode.
  if (options.path !== ':memory:') makePrivate(options.path);
  return db;
}

function prepare(db: Database.Database, options: OpenDatabaseOptions, deferCheck: boolean): void {
  // Read before anything writes: a database from the future must be left exactly as it was.
  const found = schemaVersion(db);
  const latest = latestVersion(options.migrations);
  if (found > latest) throw new DatabaseFromFutureError(options.path, found, latest);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('temp_store = MEMORY');
  db.pragma(`cache_size = ${CACHE_SIZE_KIB}`);
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  if (!deferCheck) {
    const check = quickCheck(db);
    if (check !== 'ok') throw new CorruptDatabaseError(check);
  }
  migrate(db, options.migrations);
}

/**
 * Copies the WAL into the database and empties it, now or not at all: false when a reader still
 * holds a snapshot of it or a checkpoint is running. Never waits on a lock. Run by the writer's own
 * thread, between its transactions, while the WAL is past its bound (wal-reader-gate.ts).
 */
export function emptyWal(db: Database.Database): boolean {
  db.pragma('busy_timeout = 0');
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result?.busy === 0;
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/** `PRAGMA quick_check` as one string: 'ok', or the problems found, one per line. */
export function quickCheck(db: Database.Database): string {
  return (db.pragma('quick_check', { simple: false }) as { quick_check: string }[]).map((row) => row.quick_check).join('\n');
}

function isCorruption(error: unknown): boolean {
  if (error instanceof CorruptDatabaseError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/**
 * Closes the damaged connection and renames the database and its side files to
 * `<path>.corrupt-<timestamp>`; returns the new main path. The side files are copied before the
 * close because SQLite deletes -wal and -shm when its last connection closes, and the WAL may hold
 * the newest commits someone will want when inspecting the damage.
 */
function moveAside(db: Database.Database, path: string, now: number): string {
  let target = `${path}.corrupt-${now}`;
  for (let attempt = 1; existsSync(target); attempt += 1) target = `${path}.corrupt-${now}-${attempt}`;
  for (const suffix of SIDE_FILES) {
    if (existsSync(path + suffix)) copyFileSync(path + suffix, target + suffix);
  }
  db.close();
  renameSync(path, target);
  for (const suffix of SIDE_FILES) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  privatize(target);
  return target;
}
