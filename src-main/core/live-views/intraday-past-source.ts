/**
 * The cache's part of the intraday past (intraday-past.ts, day-past.ts): a queue's 15-minute
 * rollups over a range, on their primary key; the service level inputs per bucket, and a day's
 * "today" counters, from the conversation rows on (queue_id, created_at); and what the cache
 * covers, on the created and ended indexes. The only SQL of the live views.
 */
import { SUMMED_COUNTERS } from '../floor-state/overview.js';
import { SHORT_ABANDON_MS, type TodayCounters } from '../floor-state/state.js';
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

/**
 * A queue's "today" counters over [from, to) from the conversation rows, each counted at the time
 * of its own step as the live counters are (floor-state/reducer.ts): entered and offered when
 * queued, assigned (wait, within target) when assigned, abandons, assignments finished and
 * dispositions when ended; surveys at the conversation's end. Only conversations closed before
 * `to` count: those still open then are the live state's (its snapshot carries them).
 */
export type PastDayCounters = Pick<TodayCounters, (typeof SUMMED_COUNTERS)[number]>;

/** What the cache holds before an instant: its oldest conversation, and the last end it saw before then. */
export interface PastCoverage {
  readonly oldest: number | null;
  readonly lastEndBefore: number | null;
}

export interface IntradayPastSource {
  /** The queue's "today" counters over [from, to) (PastDayCounters). */
  dayCounters(queueId: string, targetMs: number, from: number, to: number): PastDayCounters;
  /** What the cache covers before `before`. */
  coverage(before: number): PastCoverage;
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
  const dayCounters = db.prepare<{ queueId: string; targetMs: number; since: number; from: number; to: number; shortMs: number }, Record<keyof PastDayCounters, number | null>>(
    `WITH c AS (
       SELECT queued_at, assigned_at, ended_at, abandoned_at, disposition, csat,
              queued_at >= :from AND queued_at < :to AS q, assigned_at >= :from AND assigned_at < :to AS a,
              abandoned_at >= :from AND abandoned_at < :to AS ab, ended_at >= :from AND ended_at < :to AS e
         FROM conversations
        WHERE queue_id = :queueId AND created_at >= :since AND created_at < :to AND coalesce(ended_at, abandoned_at) < :to
     )
     SELECT sum(q) AS entered,
            sum(coalesce(q, 0) OR (queued_at IS NULL AND coalesce(a, 0))) AS offered,
            sum(a) AS assigned,
            sum(CASE WHEN a THEN assigned_at - coalesce(queued_at, assigned_at) ELSE 0 END) AS assignWaitSumMs,
            sum(a AND assigned_at - coalesce(queued_at, assigned_at) <= :targetMs) AS assignedWithinTarget,
            sum(ab) AS abandoned,
            sum(ab AND queued_at IS NOT NULL) AS abandonWaitCount,
            sum(CASE WHEN ab AND queued_at IS NOT NULL THEN abandoned_at - queued_at ELSE 0 END) AS abandonWaitSumMs,
            sum(ab AND queued_at IS NOT NULL AND abandoned_at - queued_at < :shortMs) AS abandonedShort,
            sum((a AND queued_at IS NOT NULL) OR (ab AND queued_at IS NOT NULL)) AS leftQueueCount,
            sum(CASE WHEN a AND queued_at IS NOT NULL THEN assigned_at - queued_at WHEN ab AND queued_at IS NOT NULL THEN abandoned_at - queued_at ELSE 0 END) AS queueTimeSumMs,
            sum(e AND assigned_at IS NOT NULL) AS assignmentsFinished,
            sum(CASE WHEN e AND assigned_at IS NOT NULL THEN max(0, ended_at - assigned_at) ELSE 0 END) AS handleTimeSumMs,
            sum(e) AS ended,
            sum(e AND disposition IS NOT NULL) AS dispositioned,
            sum(e AND disposition = 'resolved') AS resolved,
            sum(e AND csat IS NOT NULL) AS surveys,
            sum(CASE WHEN e THEN coalesce(csat, 0) ELSE 0 END) AS csatSum,
            sum(e AND csat >= 4) AS csatPositive
       FROM c`,
  );
  const oldest = db.prepare<[], { at: number }>('SELECT created_at AS at FROM conversations ORDER BY created_at LIMIT 1');
  // Ordered and limited, so each is one seek on its index however large the cache.
  const lastEndBefore = db.prepare<[number], { at: number }>('SELECT ended_at AS at FROM conversations WHERE ended_at IS NOT NULL AND ended_at < ? ORDER BY ended_at DESC LIMIT 1');
  return {
    dayCounters: (queueId, targetMs, from, to) => {
      const row = dayCounters.get({ queueId, targetMs, since: from - LOOKBACK_MS, from, to, shortMs: SHORT_ABANDON_MS });
      const counters = {} as Record<keyof PastDayCounters, number>;
      for (const key of SUMMED_COUNTERS) counters[key] = row?.[key] ?? 0;
      return counters;
    },
    coverage: (before) => ({ oldest: oldest.get()?.at ?? null, lastEndBefore: lastEndBefore.get(before)?.at ?? null }),
    buckets: (queueId, from, to) => buckets.all(queueId, from, to),
    serviceLevel: (queueId, targetMs, from, to) => serviceLevel.all({ queueId, targetMs, since: from - LOOKBACK_MS, from, to, shortMs: SHORT_ABANDON_MS }),
  };
}

