/**
 * The cache's part of the intraday past (intraday-past.ts): a queue's 15-minute rollups over a
 * range, on their primary key, and the service level inputs per bucket from the conversation
 * rows, on (queue_id, created_at). The only SQL of the live views.
 */
import { SHORT_ABANDON_MS } from '../floor-state/state.js';
import type { StoreConnection } from '../store/connection.js';

export const BUCKET_MS = 15 * 60_000;
/** Conversations are looked up from this long before the range: a wait rarely lasts longer. */
const LOOKBACK_MS = 86_400_000;

/** One stored bucket of a queue, as the series needs it. */
export interface PastBucket {
  readonly bucketStart: number;
  readonly entered: number;
  readonly waitMsSum: number;
  readonly abandonMsSum: number;
}

/** Service level inputs of one bucket: answered within target, and eligible (assigned, or abandoned after 5 s). */
export interface PastServiceLevel {
  readonly bucketStart: number;
  readonly within: number;
  readonly eligible: number;
}

export interface IntradayPastSource {
  /** The queue's rollups in [from, to), oldest first. */
  buckets(queueId: string, from: number, to: number): PastBucket[];
  /** The queue's service level inputs per bucket in [from, to), oldest first. */
  serviceLevel(queueId: string, targetMs: number, from: number, to: number): PastServiceLevel[];
}

/** The prepared statements (rollups on their primary key; conversations on (queue_id, created_at)). */
export function createIntradayPastSource(db: StoreConnection): IntradayPastSource {
  const buckets = db.prepare<[string, number, number], PastBucket>(
    `SELECT bucket_start AS bucketStart, entered, wait_ms_sum AS waitMsSum, abandon_ms_sum AS abandonMsSum
       FROM rollups_15m WHERE queue_id = ? AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start`,
  );
  const serviceLevel = db.prepare<{ queueId: string; targetMs: number; since: number; from: number; to: number; shortMs: number }, PastServiceLevel>(
    `SELECT bucketStart, sum(within) AS within, sum(eligible) AS eligible FROM (
       SELECT (assigned_at / ${BUCKET_MS}) * ${BUCKET_MS} AS bucketStart, coalesce(assigned_at - queued_at, 0) <= :targetMs AS within, 1 AS eligible
         FROM conversations WHERE queue_id = :queueId AND created_at >= :since AND assigned_at >= :from AND assigned_at < :to
       UNION ALL
       SELECT (abandoned_at / ${BUCKET_MS}) * ${BUCKET_MS}, 0, 1
         FROM conversations WHERE queue_id = :queueId AND created_at >= :since AND abandoned_at >= :from AND abandoned_at < :to
           AND abandoned_at - coalesce(queued_at, created_at) >= :shortMs
     ) GROUP BY bucketStart ORDER BY bucketStart`,
  );
  return {
    buckets: (queueId, from, to) => buckets.all(queueId, from, to),
    serviceLevel: (queueId, targetMs, from, to) => serviceLevel.all({ queueId, targetMs, since: from - LOOKBACK_MS, from, to, shortMs: SHORT_ABANDON_MS }),
  };
}

