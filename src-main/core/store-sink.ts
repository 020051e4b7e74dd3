/**
 * Where the feed client's data goes in the store: the one ingest path, used by the core and by the
 * ingest benchmark. An event the store cannot project is quarantined as a reject so it never
 * blocks its stream; a storage failure throws and the feed replays after a reconnect.
 */
import type { CachedDataSummary, CacheRecoveryReport, FeedStatus } from '../../src-shared/api/live.js';
import type { FeedSink } from './feed/feed-client.js';
import { ingestWithQuarantine } from './store/ingest-with-quarantine.js';
import type { Store } from './store/store.js';

/**
 * The feed status with the cache's health added: the standing write fault (disk full, read-only,
 * permissions, naming the path and the cause) and the last recovery's salvage report. A storing
 * error the feed client reported is dropped once a later write has succeeded, so the status never
 * keeps showing a full disk after it was freed.
 */
export function withCacheHealth(store: Store, status: FeedStatus, contents: CachedDataSummary | null = null): FeedStatus {
  const writeFault = store.writeFault();
  const cleared = store.clearedWriteFault();
  const stale = writeFault === null && cleared !== null && status.lastError !== null && status.lastError.includes(cleared.message);
  return { ...status, lastError: stale ? null : status.lastError, cache: { path: store.path, writeFault, recovery: store.recovery, ...(contents === null ? {} : { contents }) } };
}

/** The recovery in one line for the log: what was damaged, where it went, what was saved and lost. */
export function describeRecovery(recovery: CacheRecoveryReport): string {
  const saved = recovery.tables.reduce((sum, table) => sum + table.saved, 0);
  const lost = recovery.tables.reduce((sum, table) => sum + table.lost, 0);
  const partial = recovery.tables.filter((table) => !table.complete).map((table) => table.table);
  const salvage =
    recovery.error !== null
      ? `no local rows could be read from it (${recovery.error})`
      : `${saved} local rows salvaged, ${lost} lost${partial.length > 0 ? `, partly unreadable: ${partial.join(', ')}` : ''}`;
  return `the cache was damaged (${recovery.reason}); moved to ${recovery.movedTo}, ${salvage}; rebuilding the rest from the feed.`;
}

/** The one path from the feed client into the store (ingest, snapshots, rejects, backfill). */
export function createStoreSink(store: Store): Required<FeedSink> {
  return {
    position(stream) {
      const position = store.streamPosition(stream);
      return position ? { epoch: position.epoch, lastSeq: position.lastSeq } : null;
    },
    ingest(batch) {
      ingestWithQuarantine(store, batch);
    },
    snapshot(snapshot) {
      store.applySnapshot(snapshot);
    },
    reject(rejects) {
      store.recordRejects(rejects);
    },
    backfill(batch) {
      const last = batch.events[batch.events.length - 1];
      if (!last) return;
      ingestWithQuarantine(store, { stream: batch.stream, epoch: batch.epoch, events: batch.events, lastSeq: last.seq });
    },
  };
}
