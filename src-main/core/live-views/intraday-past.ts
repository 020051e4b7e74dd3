/**
 * The past of the live intraday series, read from the cache: what a wallboard's chart tiles show
 * for the hours before this console started (or before it started observing the floor).
 *
 * Live series are sampled each floor minute while the console runs; before that, the 15-minute
 * rollups (`rollups_15m`) give one point per bucket: conversations that entered the queue in it,
 * and the mean number waiting over it (Little's law: the waits of those who left the queue in
 * the bucket, assigned or abandoned, over the bucket's length). The service level so far today at
 * the end of each bucket needs "answered within the queue's target", which the rollups do not
 * keep; it is counted from the per-conversation rows (assigned within target; abandons after 5 s),
 * bucketed the same way, as the live counters define it (dictionary: serviceLevelPct).
 * docs/decisions/0035-bots-and-shift-metrics.md says why.
 */
import type { SeriesPoint } from '../../../src-shared/api/wallboard.js';
import { isValidTimeZone, startOfDayInZone } from '../../../src-shared/time.js';
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

/** What the series of one queue needs to know of the queue. */
export interface PastQueue {
  readonly queueId: string;
  readonly timeZone: string;
  readonly serviceLevelTargetSec: number;
}

/**
 * One point per stored bucket in [from, to) (to rounded down to a bucket): entered in the bucket,
 * mean waiting over it, and the service level since the local midnight of the bucket's day up to
 * the bucket's end (null while nothing was eligible). Pure given the rows; buckets absent from
 * the cache are absent from the series (unknown, not zero).
 */
export function pastSeries(queue: PastQueue, rows: readonly PastBucket[], levels: readonly PastServiceLevel[]): SeriesPoint[] {
  const zone = isValidTimeZone(queue.timeZone) ? queue.timeZone : 'UTC';
  const levelByBucket = new Map(levels.map((level) => [level.bucketStart, level]));
  const bucketStarts = [...new Set([...rows.map((row) => row.bucketStart), ...levels.map((level) => level.bucketStart)])].sort((a, b) => a - b);
  const rowByBucket = new Map(rows.map((row) => [row.bucketStart, row]));
  const points: SeriesPoint[] = [];
  let day = Number.NaN;
  let within = 0;
  let eligible = 0;
  for (const bucketStart of bucketStarts) {
    const dayStart = startOfDayInZone(bucketStart, zone);
    if (dayStart !== day) {
      day = dayStart;
      within = 0;
      eligible = 0;
    }
    const level = levelByBucket.get(bucketStart);
    within += level?.within ?? 0;
    eligible += level?.eligible ?? 0;
    const row = rowByBucket.get(bucketStart);
    points.push({
      at: bucketStart,
      queued: row === undefined ? 0 : Math.round(((row.waitMsSum + row.abandonMsSum) / BUCKET_MS) * 10) / 10,
      serviceLevelPct: eligible > 0 ? (100 * within) / eligible : null,
      entered: row?.entered ?? 0,
    });
  }
  return points;
}

/** Today's service level inputs before `until` (the start of what the live counters cover). */
export interface PastDayTotals {
  readonly dayStart: number;
  readonly until: number;
  readonly within: number;
  readonly eligible: number;
}

/** Reads the past of the queues: the series over [from, to) and today's service level inputs. */
export function readIntradayPast(source: IntradayPastSource, queue: PastQueue, from: number, to: number): SeriesPoint[] {
  const end = Math.floor(to / BUCKET_MS) * BUCKET_MS + BUCKET_MS;
  const start = Math.floor(from / BUCKET_MS) * BUCKET_MS;
  const zone = isValidTimeZone(queue.timeZone) ? queue.timeZone : 'UTC';
  // The first day's service level counts from its midnight, even when the range starts later.
  const levelsFrom = startOfDayInZone(start, zone);
  const levels = source.serviceLevel(queue.queueId, queue.serviceLevelTargetSec * 1000, levelsFrom, end);
  const points = pastSeries(queue, source.buckets(queue.queueId, levelsFrom, end), levels);
  return points.filter((point) => point.at >= start && point.at < to);
}

/** The service level inputs of the queue's day of `until`, from its midnight to `until`. */
export function readDayTotals(source: IntradayPastSource, queue: PastQueue, until: number): PastDayTotals {
  const zone = isValidTimeZone(queue.timeZone) ? queue.timeZone : 'UTC';
  const dayStart = startOfDayInZone(until, zone);
  let within = 0;
  let eligible = 0;
  if (until > dayStart) {
    for (const level of source.serviceLevel(queue.queueId, queue.serviceLevelTargetSec * 1000, dayStart, until)) {
      within += level.within;
      eligible += level.eligible;
    }
  }
  return { dayStart, until, within, eligible };
}
