/**
 * What the cache holds, said in the feed status so an offline console's top bar can tell the
 * data's real age and how many queues it knows: the newest conversation time the cache has seen
 * and the count of cached queues. A console started offline on a populated cache has an empty live
 * floor (it is rebuilt from the live log, which a backfilled cache may lack), so the overview alone
 * said "updated 20790 d ago" (an age from 0) and "0 queues".
 */
import type { CachedDataSummary } from '../../../src-shared/api/live.js';
import type { Store } from '../store/store.js';

/** The summary is read again at most this often: the status goes out every second per subscriber. */
const REFRESH_MS = 5_000;

export interface CachedDataReader {
  /** The summary, at most REFRESH_MS old; null when the cache cannot be read (closed). */
  read(): CachedDataSummary | null;
}

/**
 * Creates the reader: two index lookups and a count of the queues table, repeated at most every few seconds.
 * Why not the events table: it has no index on time, and its raw events may be pruned earlier than conversations.
 */
export function createCachedDataReader(store: Store, now: () => number = Date.now): CachedDataReader {
  const statements = store.repository((connection) => ({
    newest: connection
      .prepare<[], number | null>(
        `SELECT max(coalesce((SELECT max(created_at) FROM conversations), 0),
                    coalesce((SELECT max(ended_at) FROM conversations WHERE ended_at IS NOT NULL), 0))`,
      )
      .pluck(),
    queues: connection.prepare<[], number>('SELECT count(*) FROM queues').pluck(),
    open: () => connection.open,
  }));
  let cached: { readonly at: number; readonly summary: CachedDataSummary } | null = null;
  return {
    read() {
      const at = now();
      if (cached !== null && at - cached.at < REFRESH_MS) return cached.summary;
      if (!statements.open()) return null;
      const newest = statements.newest.get() ?? 0;
      const summary: CachedDataSummary = { lastEventAt: newest > 0 ? newest : null, queues: statements.queues.get() ?? 0 };
      cached = { at, summary };
      return summary;
    },
  };
}
