/**
 * Arrivals per queue in the last two 15-minute windows, read from the store's conversations (each
 * counted in the queue it is in now, at the time it was created). The store keeps every
 * conversation, so the windows survive a restart, unlike anything kept only in memory.
 */
import type { StoreConnection } from '../store/connection.js';
import type { ArrivalCounts, FloorArrivals } from './live-advice.js';
import { LONG_WINDOW_MS, SHORT_WINDOW_MS } from './live-advice.js';

export interface ArrivalSource {
  /** Arrival counts of every queue with an arrival in the 30 minutes before floor time `now`, and the earliest stored arrival. */
  arrivalsAt(now: number): FloorArrivals;
}

interface CountRow {
  readonly queueId: string;
  readonly last15: number;
  readonly previous15: number;
}

/** The prepared statements, over the `conversations_by_created` index. */
export function createArrivalSource(db: StoreConnection): ArrivalSource {
  const counts = db.prepare<[number, number, number, number], CountRow>(
    `SELECT queue_id AS queueId, sum(created_at >= ?) AS last15, sum(created_at < ?) AS previous15
       FROM conversations WHERE created_at >= ? AND created_at < ? GROUP BY queue_id`,
  );
  const earliest = db.prepare<[], number | null>('SELECT min(created_at) FROM conversations').pluck();
  return {
    arrivalsAt(now) {
      const split = now - SHORT_WINDOW_MS;
      const result = new Map<string, ArrivalCounts>();
      for (const row of counts.all(split, split, now - LONG_WINDOW_MS, now)) result.set(row.queueId, { last15: row.last15, previous15: row.previous15 });
      return { counts: result, earliest: earliest.get() ?? null };
    },
  };
}
