/**
 * The stored 15-minute rollups the arrival forecast reads (docs/staffing.md#forecast): a queue's
 * buckets over a time range, and the first bucket the cache holds for it. Both run on the rollups'
 * primary key (queue_id, bucket_start), so a forecast costs a range scan per queue.
 */
import type { StoreConnection } from '../store/connection.js';
import type { ArrivalRollup } from './forecast.js';

export interface ForecastSource {
  /** The queues' rollups in [from, to), summed per bucket over the queues. */
  rollups(queueIds: readonly string[], from: number, to: number): ArrivalRollup[];
  /** The earliest bucket stored for any of the queues; null when none is. */
  earliest(queueIds: readonly string[]): number | null;
}

/** The prepared statements. */
export function createForecastSource(db: StoreConnection): ForecastSource {
  const range = db.prepare<[string, number, number], ArrivalRollup>(
    `SELECT bucket_start AS bucketStart, entered, handled, handle_ms_sum AS handleMsSum
       FROM rollups_15m WHERE queue_id = ? AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start`,
  );
  const first = db.prepare<[string], number | null>('SELECT min(bucket_start) FROM rollups_15m WHERE queue_id = ?').pluck();
  return {
    rollups(queueIds, from, to) {
      if (queueIds.length === 1) return range.all(queueIds[0] ?? '', from, to);
      const summed = new Map<number, { bucketStart: number; entered: number; handled: number; handleMsSum: number }>();
      for (const queueId of queueIds) {
        for (const row of range.all(queueId, from, to)) {
          const sum = summed.get(row.bucketStart);
          if (sum === undefined) summed.set(row.bucketStart, { ...row });
          else {
            sum.entered += row.entered;
            sum.handled += row.handled;
            sum.handleMsSum += row.handleMsSum;
          }
        }
      }
      return [...summed.values()].sort((a, b) => a.bucketStart - b.bucketStart);
    },
    earliest(queueIds) {
      let earliest: number | null = null;
      for (const queueId of queueIds) {
        const bucket = first.get(queueId) ?? null;
        if (bucket !== null && (earliest === null || bucket < earliest)) earliest = bucket;
      }
      return earliest;
    },
  };
}
