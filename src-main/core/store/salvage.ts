/**
 * Salvage of the rows that exist only in this cache (the audit log, boards, devices, notes, saved
 * searches, overrides, layouts, settings, the command ledger) from a damaged file into the rebuilt
 * one. The feed refills everything else; these it cannot, so recovery copies every row it can still
 * read, bit-exact (integers as 64-bit, the same ids), table by table and, where a table is partly
 * unreadable, row by row (docs/decisions/0016-cache-identity-and-salvage.md).
 *
 * Which tables are local-only is declared by each area next to its schema and handed to the store
 * by the composition root: the store knows no area.
 */
import Database from 'better-sqlite3';
import type { SalvagedTable } from '../../../src-shared/api/live.js';
import { describeError } from './errors.js';

export interface SalvageResult {
  readonly tables: readonly SalvagedTable[];
  /** Why the damaged file could not be opened at all, or null. */
  readonly error: string | null;
}

/** Row ids probed one by one past an unreadable part of a table, at most. */
const MAX_PROBED_ROWIDS = 2_000_000;
/** When even a table's largest row id cannot be read, probe this far past the last row read. */
const BLIND_PROBE_ROWIDS = 100_000;

type Row = Record<string, unknown>;

/**
 * Copies the readable rows of `tables` from the damaged file at `damagedPath` into `fresh` (already
 * migrated), and says per table what was saved and lost. Never throws: a file too damaged to open
 * is reported in `error`, with every table lost.
 */
export function salvageLocalRows(fresh: Database.Database, damagedPath: string, tables: readonly string[], nativeBinding?: string): SalvageResult {
  let damaged: Database.Database;
  try {
    damaged = new Database(damagedPath, { readonly: true, fileMustExist: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) });
    damaged.pragma('schema_version');
  } catch (error) {
    return { tables: tables.map((table) => ({ table, saved: 0, lost: 0, complete: false })), error: describeError(error) };
  }
  // An outcome row whose action was lost is still worth keeping: verification names the gap.
  fresh.pragma('foreign_keys = OFF');
  try {
    return { tables: tables.map((table) => salvageTable(fresh, damaged, table)), error: null };
  } finally {
    fresh.pragma('foreign_keys = ON');
    damaged.close();
  }
}

function columnsOf(db: Database.Database, table: string): string[] | null {
  try {
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]);
    return columns.length === 0 ? null : columns;
  } catch {
    return null;
  }
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function salvageTable(fresh: Database.Database, damaged: Database.Database, table: string): SalvagedTable {
  const target = columnsOf(fresh, table);
  if (target === null) return { table, saved: 0, lost: 0, complete: true };
  let source: string[] | null;
  try {
    source = damaged.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
  } catch {
    return { table, saved: 0, lost: 0, complete: false };
  }
  // A table the damaged file never had (an older schema) has nothing to save.
  if (source.length === 0) return { table, saved: 0, lost: 0, complete: true };
  const columns = target.filter((column) => source.includes(column));
  const list = columns.map(quoted).join(', ');
  // The user's row wins over a default the fresh file's migrations seeded (e.g. the audit chain's
  // identity row): REPLACE deletes without firing delete triggers.
  const insert = fresh.prepare(`INSERT OR REPLACE INTO ${quoted(table)} (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
  let saved = 0;
  let lost = 0;
  const keep = (row: Row): void => {
    try {
      insert.run(columns.map((column) => row[column]));
      saved += 1;
    } catch {
      lost += 1;
    }
  };

  let lastRowid = 0n;
  let complete = true;
  const copy = fresh.transaction(() => {
    try {
      const scan = damaged.prepare(`SELECT rowid AS "__rowid", ${list} FROM ${quoted(table)} ORDER BY rowid`).safeIntegers(true);
      for (const row of scan.iterate() as Iterable<Row>) {
        keep(row);
        lastRowid = row.__rowid as bigint;
      }
    } catch {
      complete = false;
    }
    if (complete) return;
    // Part of the table is unreadable: probe the rows after the last one read, one at a time, so
    // rows beyond a damaged page are kept.
    const byRowid = damaged.prepare(`SELECT ${list} FROM ${quoted(table)} WHERE rowid = ?`).safeIntegers(true);
    const end = probeEnd(damaged, table, lastRowid);
    for (let rowid = lastRowid + 1n; rowid <= end; rowid += 1n) {
      try {
        const row = byRowid.get(rowid) as Row | undefined;
        if (row !== undefined) keep(row);
      } catch {
        lost += 1;
      }
    }
  });
  copy();
  carrySequence(fresh, damaged, table);
  return { table, saved, lost, complete };
}

/** The largest row id worth probing: the table's own when readable, else a bounded guess. */
function probeEnd(damaged: Database.Database, table: string, lastRowid: bigint): bigint {
  let end = lastRowid + BigInt(BLIND_PROBE_ROWIDS);
  try {
    const max = damaged.prepare(`SELECT max(rowid) FROM ${quoted(table)}`).pluck().safeIntegers(true).get() as bigint | null;
    if (max !== null) end = max;
  } catch {
    try {
      const sequence = damaged.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().safeIntegers(true).get(table) as bigint | undefined;
      if (sequence !== undefined) end = sequence;
    } catch {
      // Neither readable: keep the guess.
    }
  }
  const cap = lastRowid + BigInt(MAX_PROBED_ROWIDS);
  return end > cap ? cap : end;
}

/**
 * Keeps an AUTOINCREMENT table's high-water mark: the audit log's tells verification that its
 * last rows were deleted, so the rebuilt file must not forget it.
 */
function carrySequence(fresh: Database.Database, damaged: Database.Database, table: string): void {
  let old: bigint | undefined;
  try {
    old = damaged.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().safeIntegers(true).get(table) as bigint | undefined;
  } catch {
    return;
  }
  if (old === undefined) return;
  const current = fresh.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().safeIntegers(true).get(table) as bigint | undefined;
  if (current === undefined) fresh.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, old);
  else if (old > current) fresh.prepare('UPDATE sqlite_sequence SET seq = ? WHERE name = ?').run(old, table);
}
