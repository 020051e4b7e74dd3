/**
 * 15-minute queue rollups. Deltas are summed in memory while a batch is projected and written once
 * per (queue, bucket) at the end of the batch, inside the same transaction: a batch of a thousand
 * messages costs a handful of upserts instead of a thousand.
 */
import type Database from 'better-sqlite3';

export const ROLLUP_BUCKET_MS = 15 * 60 * 1000;

/** Start of the 15-minute bucket holding an instant (epoch ms, floored; buckets are UTC-aligned). */
export function bucketStart(time: number): number {
  return Math.floor(time / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS;
}

export interface RollupCounts {
  /** Conversations that entered the queue (queued, or transferred in). */
  entered: number;
  assigned: number;
  abandoned: number;
  ended: number;
  /** Ended while assigned to an agent: the denominator of handle time. */
  handled: number;
  resolved: number;
  transfersOut: number;
  /** Assignment to end, summed over `handled`. */
  handleMsSum: number;
  /** Time in queue before assignment, summed over `assigned` (0 for a direct assignment). */
  waitMsSum: number;
  /** Time in queue before abandoning, summed over `abandoned`. */
  abandonMsSum: number;
  messages: number;
  surveys: number;
  csatSum: number;
  /** Ratings of 4 or 5. */
  csatPositive: number;
}

export const ROLLUP_FIELDS = [
  'entered',
  'assigned',
  'abandoned',
  'ended',
  'handled',
  'resolved',
  'transfersOut',
  'handleMsSum',
  'waitMsSum',
  'abandonMsSum',
  'messages',
  'surveys',
  'csatSum',
  'csatPositive',
] as const satisfies readonly (keyof RollupCounts)[];

export const ROLLUP_COLUMNS: Readonly<Record<keyof RollupCounts, string>> = {
  entered: 'entered',
  assigned: 'assigned',
  abandoned: 'abandoned',
  ended: 'ended',
  handled: 'handled',
  resolved: 'resolved',
  transfersOut: 'transfers_out',
  handleMsSum: 'handle_ms_sum',
  waitMsSum: 'wait_ms_sum',
  abandonMsSum: 'abandon_ms_sum',
  messages: 'messages',
  surveys: 'surveys',
  csatSum: 'csat_sum',
  csatPositive: 'csat_positive',
};

export function emptyRollupCounts(): RollupCounts {
  return {
    entered: 0,
    assigned: 0,
    abandoned: 0,
    ended: 0,
    handled: 0,
    resolved: 0,
    transfersOut: 0,
    handleMsSum: 0,
    waitMsSum: 0,
    abandonMsSum: 0,
    messages: 0,
    surveys: 0,
    csatSum: 0,
    csatPositive: 0,
  };
}

interface PendingRollup {
  readonly queueId: string;
  readonly bucketStart: number;
  readonly counts: RollupCounts;
}

/** Sums rollup deltas for one batch and writes them with one upsert per (queue, bucket). */
export class RollupAccumulator {
  /**
   * Queue, then bucket start: two map lookups rather than a composite string key, which allocated
   * a string for every message of every batch.
   */
  private readonly pending = new Map<string, Map<number, PendingRollup>>();
  private readonly upsert: Database.Statement<unknown[]>;

  constructor(db: Database.Database) {
    const columns = ROLLUP_FIELDS.map((field) => ROLLUP_COLUMNS[field]);
    this.upsert = db.prepare(
      `INSERT INTO rollups_15m (queue_id, bucket_start, ${columns.join(', ')})
       VALUES (?, ?, ${columns.map(() => '?').join(', ')})
       ON CONFLICT (queue_id, bucket_start) DO UPDATE SET ${columns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`,
    );
  }

  /** Adds deltas to the bucket of `time` for a queue. */
  add(queueId: string, time: number, delta: Readonly<Partial<RollupCounts>>): void {
    const counts = this.countsFor(queueId, time);
    for (const field of ROLLUP_FIELDS) {
      const value = delta[field];
      if (value !== undefined) counts[field] += value;
    }
  }

  /** Counts one message: `add(queueId, time, { messages: 1 })` without a delta object, for the busiest event. */
  addMessage(queueId: string, time: number): void {
    this.countsFor(queueId, time).messages += 1;
  }

  /** Writes what was summed; call inside the batch's transaction. */
  flush(): void {
    for (const buckets of this.pending.values()) {
      for (const entry of buckets.values()) {
        this.upsert.run(entry.queueId, entry.bucketStart, ...ROLLUP_FIELDS.map((field) => entry.counts[field]));
      }
    }
    this.pending.clear();
  }

  /** Forgets what was summed, after a rolled-back batch. */
  discard(): void {
    this.pending.clear();
  }

  private countsFor(queueId: string, time: number): RollupCounts {
    const start = bucketStart(time);
    let buckets = this.pending.get(queueId);
    if (buckets === undefined) {
      buckets = new Map();
      this.pending.set(queueId, buckets);
    }
    let entry = buckets.get(start);
    if (entry === undefined) {
      entry = { queueId, bucketStart: start, counts: emptyRollupCounts() };
      buckets.set(start, entry);
    }
    return entry.counts;
  }
}
