/**
 * The cache's size per conversation, all-in: `cache_bytes_per_conversation` is the database file
 * plus its WAL after a checkpoint, divided by the conversations it holds; then one line per table
 * or index (dbstat), in bytes per conversation, largest first, so a change can be judged by where
 * the bytes went (docs/decisions/0042-a-small-cache.md). `cache_free_bytes_per_conversation` is the
 * part of the file on SQLite's free list: pages a conversion or a prune freed, which the cache
 * reuses as it grows and gives back to the disk only with a VACUUM.
 *
 * Runs on the history bench cache (bench/history.ts); `--only=cache-size` builds that cache when
 * missing and reports this alone.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { ensureHistoryCache } from './history.js';
import { report } from './stats.js';

/** File and WAL bytes of a database. */
export function fileBytes(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) total += existsSync(path + suffix) ? statSync(path + suffix).size : 0;
  return total;
}

export interface CacheSize {
  readonly bytes: number;
  readonly conversations: number;
  /** Bytes of the file's free pages (reused before the file grows). */
  readonly freeBytes: number;
  /** Bytes of each table or index (FTS shadow tables apart), largest first. */
  readonly objects: readonly { readonly name: string; readonly bytes: number }[];
}

/** Checkpoints the WAL (truncating it) and measures the file, per conversation and per object. */
export function measureCacheSize(path: string): CacheSize {
  const db = new Database(path);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const conversations = db.prepare('SELECT count(*) FROM conversations').pluck().get() as number;
    const objects = db
      .prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
      .all() as { name: string; bytes: number }[];
    const freeBytes = (db.pragma('freelist_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    db.close();
    return { bytes: fileBytes(path), conversations, freeBytes, objects };
  } finally {
    if (db.open) db.close();
  }
}

/** Prints cache_bytes_per_conversation and the per-object breakdown. */
export function reportCacheSize(path: string): void {
  const size = measureCacheSize(path);
  const per = (bytes: number): number => Math.round(bytes / Math.max(1, size.conversations));
  report('cache_bytes_per_conversation', per(size.bytes), 'bytes');
  report('cache_free_bytes_per_conversation', per(size.freeBytes), 'bytes');
  for (const object of size.objects) {
    if (per(object.bytes) >= 1) report(`cache_bytes_per_conversation_${object.name}`, per(object.bytes), 'bytes');
  }
}

/** Builds (or reuses) the history bench cache and reports its size. */
export function benchCacheSize(): void {
  const cache = ensureHistoryCache((line) => console.log(`[cache-size bench] ${line}`));
  report('history_cache_conversations', cache.conversations, 'conversations');
  reportCacheSize(cache.path);
}
