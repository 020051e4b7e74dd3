/**
 * Pre-summed agent time (insights migration 220, docs/decisions/0044-agent-time-sums.md): the
 * background pass that keeps agent_status_sums and agent_work_sums equal to the status intervals
 * and the assignments of insight_facts, and the reads the engine makes of them. The pass runs in
 * the history area's background slices (never in the ingest transaction), in bounded steps, so an
 * existing cache is built a little at a time while the engine reads the old way.
 */
import { QUARTER_MS } from '../../../src-shared/insights/time-range.js';
import type { StoreConnection } from '../store/connection.js';
import { AGENT_TIME_SPANS } from './migrations/0220-agent-time-sums.js';
import { bySpan, type QuarterRanges } from './quarter-ranges.js';
import { StepTime } from './step-time.js';

/** Conversations handled longer than this after their assignment are not looked for before a quarter (a chat lasts minutes). */
export const LONGEST_ASSIGNMENT_MS = 86_400_000;
/** Per-agent reads the engine keeps while the sums do not change. */
const KEPT_READS = 16;
/** More status intervals than this not summed yet (a cache being built): the engine reads the intervals. */
const MOST_UNSUMMED = 5_000;

/** One quarter hour's part of a span: its UTC quarter index and milliseconds. */
export interface QuarterPiece {
  readonly quarter: number;
  readonly ms: number;
}

/** The parts of [start, end) ∩ [from, to) cut at quarter hours (whole, quarter −1, when `byQuarter` is false). */
export function piecesOf(start: number, end: number, from: number, to: number, byQuarter = true): QuarterPiece[] {
  const a = Math.max(start, from);
  const b = Math.min(end, to);
  if (b <= a) return [];
  if (!byQuarter) return [{ quarter: -1, ms: b - a }];
  const pieces: QuarterPiece[] = [];
  for (let quarter = Math.floor(a / QUARTER_MS); quarter * QUARTER_MS < b; quarter += 1) {
    const pieceStart = Math.max(a, quarter * QUARTER_MS);
    const pieceEnd = Math.min(b, (quarter + 1) * QUARTER_MS);
    if (pieceEnd > pieceStart) pieces.push({ quarter, ms: pieceEnd - pieceStart });
  }
  return pieces;
}

/** A status interval as stored: agent, kind, reason, start, end (null: open). */
export type StatusRow = readonly [agentId: string, kind: string, reason: string, startAt: number, endAt: number | null];
/** One assignment: start, end, queue. */
type Span = readonly [assignedAt: number, endedAt: number, queueId: string];

export interface StepBudget {
  /**
   * Milliseconds a step may run, checked between units of work (an interval summed, a piece of an
   * agent's quarters rebuilt); a step always does at least one unit.
   */
  readonly ms: number;
}

/** A step of the running core while the feed is quiet: about the history pass's slice of the core thread. */
const DEFAULT_BUDGET: StepBudget = { ms: 15 };
/** A step of a bulk load (tests, the bench's cache): long steps, each its own transaction. */
export const BULK_BUDGET: StepBudget = { ms: 1_000 };
/** Rows read at once: status intervals, intervals to look at again, dirty agent ranges. */
const READ_BATCH = 250;
/** Most quarters an agent's work is rebuilt in at once (a day): an agent's whole history, when a cache is built, is cut in days. */
const PIECE_QUARTERS = 96;

/** The multiset of queues open at once, as the stored key: sorted, one entry per conversation. */
function multisetKey(open: ReadonlyMap<string, number>): string {
  const queues: string[] = [];
  for (const queueId of [...open.keys()].sort()) for (let count = open.get(queueId) ?? 0; count > 0; count -= 1) queues.push(queueId);
  return JSON.stringify(queues);
}

/**
 * Milliseconds per quarter and multiset of open queues of one agent's assignments, within the
 * quarters [fromQuarter, toQuarter]: a sweep over the spans' starts and ends.
 */
export function workOf(spans: readonly Span[], fromQuarter: number, toQuarter: number): Map<number, Map<string, number>> {
  const from = fromQuarter * QUARTER_MS;
  const to = (toQuarter + 1) * QUARTER_MS;
  const edges: [number, number, string][] = [];
  for (const [start, end, queueId] of spans) {
    if (end <= start) continue;
    edges.push([start, 1, queueId], [end, -1, queueId]);
  }
  edges.sort((left, right) => left[0] - right[0] || left[1] - right[1]);
  const open = new Map<string, number>();
  const byQuarter = new Map<number, Map<string, number>>();
  let key = '[]';
  let since = Number.NEGATIVE_INFINITY;
  for (const [time, change, queueId] of edges) {
    if (time > since && key !== '[]') {
      for (const piece of piecesOf(since, time, from, to)) {
        const keys = byQuarter.get(piece.quarter) ?? new Map<string, number>();
        keys.set(key, (keys.get(key) ?? 0) + piece.ms);
        byQuarter.set(piece.quarter, keys);
      }
    }
    since = time;
    const count = (open.get(queueId) ?? 0) + change;
    if (count === 0) open.delete(queueId);
    else open.set(queueId, count);
    key = multisetKey(open);
  }
  return byQuarter;
}

/** Merges bucket ranges [from, to] that overlap or touch. */
function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((left, right) => left[0] - right[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** The background pass over agent time: sums status intervals and rebuilds dirty agent quarters. */
export class AgentTimeSumsWriter {
  private readonly through;
  private readonly setThrough;
  private readonly stale;
  private readonly dropStale;
  private readonly touched;
  private readonly untouch;
  private readonly unpend;
  private readonly pend;
  private readonly fresh;
  private readonly addStatus;
  private readonly takeStatus;
  private readonly pruneStatus;
  private readonly dirty;
  private readonly dropDirty;
  private readonly markDirty;
  private readonly spans;
  private readonly workIn;
  private readonly insertWork;
  private readonly updateWork;
  private readonly deleteWork;
  private readonly sumsOfQuarters;
  private readonly slotChanges;
  private readonly moveSlotTime;
  private readonly setSlots;
  private readonly arrived;
  private readonly adoptAgent;
  private readonly directoryVersion;
  private readonly changes;
  private readonly bumpVersion;
  private readonly runStep;
  /** The version of the agent directory (migration 270) when the floor's slots and waiting agents were last looked at. */
  private directoryChecked = -1;
  /** The version this step looked at, taken as checked once the step commits. */
  private directorySeen: number | null = null;

  /** `clock`: monotonic milliseconds, for the steps' budget. */
  constructor(
    db: StoreConnection,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.through = db.prepare<[], number>('SELECT summed_through FROM agent_time_state').pluck();
    this.setThrough = db.prepare<[number]>('UPDATE agent_time_state SET summed_through = ?');
    this.stale = db.prepare<[number]>('SELECT seq, agent_id, kind, reason, start_at, end_at FROM agent_status_stale ORDER BY seq LIMIT ?').raw(true);
    this.dropStale = db.prepare<[number]>('DELETE FROM agent_status_stale WHERE seq = ?');
    // The intervals changed since the last look (migration 310), and whether each is pending.
    this.touched = db
      .prepare<[number]>(
        `SELECT t.id, p.id IS NOT NULL, s.agent_id, s.kind, s.reason, s.start_at, s.end_at FROM agent_status_touched AS t
         LEFT JOIN agent_status_pending AS p ON p.id = t.id LEFT JOIN status_intervals AS s ON s.id = t.id ORDER BY t.id LIMIT ?`,
      )
      .raw(true);
    this.untouch = db.prepare<[number]>('DELETE FROM agent_status_touched WHERE id = ?');
    this.unpend = db.prepare<[number]>('DELETE FROM agent_status_pending WHERE id = ?');
    this.pend = db.prepare<[number]>('INSERT OR IGNORE INTO agent_status_pending (id) VALUES (?)');
    this.fresh = db.prepare<[number, number]>('SELECT id, agent_id, kind, reason, start_at, end_at FROM status_intervals WHERE id > ? ORDER BY id LIMIT ?').raw(true);
    this.addStatus = db.prepare<[number, number, string, string, string, number]>(
      `INSERT INTO agent_status_sums (span, bucket, agent_id, kind, reason, ms) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (span, bucket, agent_id, kind, reason) DO UPDATE SET ms = ms + excluded.ms`,
    );
    this.takeStatus = db.prepare<[number, number, number, string, string, string]>(
      'UPDATE agent_status_sums SET ms = max(0, ms - ?) WHERE span = ? AND bucket = ? AND agent_id = ? AND kind = ? AND reason = ?',
    );
    this.pruneStatus = db.prepare<[number, number, string, string, string]>('DELETE FROM agent_status_sums WHERE span = ? AND bucket = ? AND agent_id = ? AND kind = ? AND reason = ? AND ms = 0');
    this.dirty = db.prepare<[number]>('SELECT seq, agent_id, from_bucket, to_bucket FROM agent_work_dirty ORDER BY seq LIMIT ?').raw(true);
    this.dropDirty = db.prepare<[number]>('DELETE FROM agent_work_dirty WHERE seq = ?');
    this.markDirty = db.prepare<[string, number, number]>('INSERT INTO agent_work_dirty (agent_id, from_bucket, to_bucket) VALUES (?, ?, ?)');
    this.spans = db
      .prepare<{ agentId: string; from: number; to: number; since: number }>(
        `SELECT assigned_at, ended_at, queue_id FROM insight_facts
         WHERE agent_id = @agentId AND assigned_at IS NOT NULL AND assigned_at >= @since AND assigned_at < @to AND ended_at > @from`,
      )
      .raw(true);
    this.workIn = db.prepare<[number, number, number, string]>('SELECT bucket, queues, ms FROM agent_work_sums WHERE span = ? AND bucket >= ? AND bucket <= ? AND agent_id = ?').raw(true);
    this.insertWork = db.prepare<[number, number, string, string, number]>('INSERT INTO agent_work_sums (span, bucket, agent_id, queues, ms) VALUES (?, ?, ?, ?, ?)');
    this.updateWork = db.prepare<[number, number, number, string, string]>('UPDATE agent_work_sums SET ms = ? WHERE span = ? AND bucket = ? AND agent_id = ? AND queues = ?');
    this.deleteWork = db.prepare<[number, number, string, string]>('DELETE FROM agent_work_sums WHERE span = ? AND bucket = ? AND agent_id = ? AND queues = ?');
    this.sumsOfQuarters = db
      .prepare<{ span: number; from: number; to: number; agentId: string }>(
        `SELECT (bucket / CAST(@span AS INTEGER)) * CAST(@span AS INTEGER), queues, sum(ms) FROM agent_work_sums
         WHERE span = 1 AND bucket >= @from AND bucket < @to AND agent_id = @agentId GROUP BY 1, 2`,
      )
      .raw(true);
    this.slotChanges = db.prepare<[]>('SELECT f.agent_id, a.slots - f.slots, a.slots FROM floor_time_slots AS f JOIN agents AS a ON a.agent_id = f.agent_id WHERE a.slots <> f.slots').raw(true);
    const agentRow = 's.span = f.span AND s.bucket = f.bucket AND s.agent_id = @agentId AND s.kind = f.kind AND s.reason = f.reason';
    this.moveSlotTime = db.prepare<{ agentId: string; delta: number }>(
      `UPDATE floor_status_sums AS f SET slot_ms = slot_ms + @delta * (SELECT s.ms FROM agent_status_sums AS s WHERE ${agentRow})
       WHERE EXISTS (SELECT 1 FROM agent_status_sums AS s WHERE ${agentRow})`,
    );
    this.setSlots = db.prepare<[number, string]>('UPDATE floor_time_slots SET slots = ? WHERE agent_id = ?');
    this.arrived = db.prepare<[]>('SELECT w.agent_id, a.slots FROM floor_time_waiting AS w JOIN agents AS a ON a.agent_id = w.agent_id').raw(true);
    const addUp = 'DO UPDATE SET agents = agents + excluded.agents, handled_ms = handled_ms + excluded.handled_ms, busy_ms = busy_ms + excluded.busy_ms';
    const adoptSlots = db.prepare<[string, number]>('INSERT INTO floor_time_slots (agent_id, slots) VALUES (?, ?)');
    const adoptStatus = db.prepare<{ agentId: string; slots: number }>(
      `INSERT INTO floor_status_sums (span, bucket, kind, reason, ms, slot_ms)
       SELECT span, bucket, kind, reason, ms, ms * @slots FROM agent_status_sums WHERE agent_id = @agentId
       ON CONFLICT (span, bucket, kind, reason) DO UPDATE SET ms = ms + excluded.ms, slot_ms = slot_ms + excluded.slot_ms`,
    );
    const adoptPresence = db.prepare<[string]>(
      `INSERT INTO floor_time_buckets (span, bucket, agents, handled_ms, busy_ms)
       SELECT span, bucket, 1, 0, 0 FROM agent_status_sums WHERE agent_id = ? GROUP BY span, bucket ON CONFLICT (span, bucket) ${addUp}`,
    );
    const adoptWork = db.prepare<[string]>(
      `INSERT INTO floor_time_buckets (span, bucket, agents, handled_ms, busy_ms)
       SELECT span, bucket, 0, sum(ms * json_array_length(queues)), sum(ms) FROM agent_work_sums WHERE agent_id = ? GROUP BY span, bucket ON CONFLICT (span, bucket) ${addUp}`,
    );
    const adopted = db.prepare<[string]>('DELETE FROM floor_time_waiting WHERE agent_id = ?');
    this.adoptAgent = db.transaction((agentId: string, slots: number) => {
      adoptSlots.run(agentId, slots);
      adoptStatus.run({ agentId, slots });
      adoptPresence.run(agentId);
      adoptWork.run(agentId);
      adopted.run(agentId);
    });
    this.directoryVersion = db.prepare<[], number>("SELECT version FROM insight_versions WHERE name = 'agents'").pluck();
    this.changes = db.prepare<[], number>('SELECT total_changes()').pluck();
    this.bumpVersion = db.prepare<[]>("UPDATE insight_versions SET version = version + 1 WHERE name = 'agent_sums'");
    this.runStep = db.transaction((budget: StepBudget): boolean => {
      const before = this.changes.get();
      const time = new StepTime(this.clock, budget.ms);
      this.floorStep();
      const done = this.statusStep(time) && this.workStep(time);
      // Reads kept by the engine (AgentTimeSumsReader) are of the sums before this step.
      if (this.changes.get() !== before) this.bumpVersion.run();
      return done;
    });
  }

  /** One bounded step of the pass, in its own transaction; true when nothing is left to do. */
  step(budget: StepBudget = DEFAULT_BUDGET): boolean {
    this.directorySeen = null;
    const done = this.runStep.immediate(budget);
    // Only a committed step's look counts: a step rolled back looks again next time.
    if (this.directorySeen !== null) this.directoryChecked = this.directorySeen;
    return done;
  }

  /**
   * The floor's slots and waiting agents, looked at only when the agent directory changed since the
   * last look: a slot change or a new agent bumps its version (migration 270); the pass's own writes
   * never make them differ (its floor rows take each agent's slots of the moment).
   */
  private floorStep(): void {
    const version = this.directoryVersion.get() ?? 0;
    if (version === this.directoryChecked) return;
    this.slotStep();
    this.adoptStep();
    this.directorySeen = version;
  }

  /** An agent whose slots changed: the floor's slot time of its summed status time moves to the new slots (migration 270). */
  private slotStep(): void {
    for (const [agentId, delta, slots] of this.slotChanges.all() as [string, number, number][]) {
      this.moveSlotTime.run({ agentId, delta });
      this.setSlots.run(slots, agentId);
    }
  }

  /** An agent the engine now knows whose rows were left out of the floor's sums: all its rows are counted (rare: a scan of the sums). */
  private adoptStep(): void {
    for (const [agentId, slots] of this.arrived.all() as [string, number][]) this.adoptAgent(agentId, slots);
  }

  /** Adds (sign 1) or takes away (sign −1) a closed interval's quarters; offline time is not summed. */
  private sumInterval(agentId: string, kind: string, reason: string, start: number, end: number, sign: 1 | -1): void {
    if (kind === 'offline') return;
    for (const piece of piecesOf(start, end, start, end)) {
      for (const span of AGENT_TIME_SPANS) {
        const bucket = Math.floor(piece.quarter / span) * span;
        if (sign === 1) this.addStatus.run(span, bucket, agentId, kind, reason, piece.ms);
        else {
          this.takeStatus.run(piece.ms, span, bucket, agentId, kind, reason);
          this.pruneStatus.run(span, bucket, agentId, kind, reason);
        }
      }
    }
  }

  /** Summed intervals that changed taken away, pending ones that closed summed, then the intervals not read yet; true when none is left. */
  private statusStep(time: StepTime): boolean {
    for (let rows = this.staleRows(); rows.length > 0; rows = this.staleRows()) {
      for (const [seq, agentId, kind, reason, start, end] of rows) {
        if (!time.more()) return false;
        this.sumInterval(agentId, kind, reason, start, end, -1);
        this.dropStale.run(seq);
      }
    }
    // A pending interval leaves that state only through a change noted in agent_status_touched (migration 310).
    for (let rows = this.touchedRows(); rows.length > 0; rows = this.touchedRows()) {
      for (const [id, pending, agentId, kind, reason, start, end] of rows) {
        if (!time.more()) return false;
        if (pending === 1 && agentId === null) this.unpend.run(id);
        else if (pending === 1 && agentId !== null && end !== null) {
          this.sumInterval(agentId, kind, reason, start, end, 1);
          this.unpend.run(id);
        }
        this.untouch.run(id);
      }
    }
    // An id given again at or below summed_through lowered it as it was inserted (migration 320).
    for (;;) {
      const rows = this.fresh.all(this.through.get() ?? 0, READ_BATCH) as [number, string, string, string, number, number | null][];
      let read = 0;
      for (const [id, agentId, kind, reason, start, end] of rows) {
        if (!time.more()) break;
        if (end === null) this.pend.run(id);
        else this.sumInterval(agentId, kind, reason, start, end, 1);
        read += 1;
      }
      const last = rows[read - 1];
      if (last !== undefined) this.setThrough.run(last[0]);
      if (read < rows.length) return false;
      if (rows.length < READ_BATCH) return true;
    }
  }

  private staleRows(): [number, string, string, string, number, number][] {
    return this.stale.all(READ_BATCH) as [number, string, string, string, number, number][];
  }

  private touchedRows(): [number, 0 | 1, string | null, string, string, number, number | null][] {
    return this.touched.all(READ_BATCH) as [number, 0 | 1, string | null, string, string, number, number | null][];
  }

  /**
   * Dirty agent quarters rebuilt, oldest first, each agent's dirty rows read together rebuilt once;
   * true when the step found none (a step that rebuilt some is not the last, as before: facts stored
   * since may have made more dirty).
   */
  private workStep(time: StepTime): boolean {
    for (let first = true; ; first = false) {
      const rows = this.dirty.all(READ_BATCH) as [number, string, number, number][];
      if (rows.length === 0) return first;
      const byAgent = new Map<string, { seqs: number[]; ranges: [number, number][] }>();
      for (const [seq, agentId, from, to] of rows) {
        const agent = byAgent.get(agentId) ?? { seqs: [], ranges: [] };
        agent.seqs.push(seq);
        agent.ranges.push([from, to]);
        byAgent.set(agentId, agent);
      }
      for (const [agentId, { seqs, ranges }] of byAgent) {
        const merged = mergeRanges(ranges);
        const left = this.rebuildWhileTime(agentId, merged, time);
        if (left === merged) return false;
        for (const seq of seqs) this.dropDirty.run(seq);
        // What the step's time did not reach is dirty again, after the rest.
        for (const [from, to] of left) this.markDirty.run(agentId, from, to);
        if (left.length > 0) return false;
      }
    }
  }

  /** Rebuilds an agent's ranges a piece at a time while the step has time; returns the ranges left (the same array: none rebuilt). */
  private rebuildWhileTime(agentId: string, ranges: [number, number][], time: StepTime): [number, number][] {
    for (let index = 0; index < ranges.length; index += 1) {
      const range = ranges[index] as [number, number];
      for (let from = range[0]; from <= range[1]; from += PIECE_QUARTERS) {
        if (!time.more()) return index === 0 && from === range[0] ? ranges : [[from, range[1]], ...ranges.slice(index + 1)];
        this.rebuild(agentId, from, Math.min(range[1], from + PIECE_QUARTERS - 1));
      }
    }
    return [];
  }

  /** Rebuilds one agent's work rows of the quarters [from, to] from the assignments in insight_facts. */
  private rebuild(agentId: string, from: number, to: number): void {
    const fromMs = from * QUARTER_MS;
    const spans = this.spans.all({ agentId, from: fromMs, to: (to + 1) * QUARTER_MS, since: fromMs - LONGEST_ASSIGNMENT_MS }) as [number, number, string][];
    this.setWork(1, from, to, agentId, workOf(spans, from, to));
    // The hours and days holding those quarters, summed again from their quarters.
    for (const span of AGENT_TIME_SPANS) {
      if (span === 1) continue;
      const first = Math.floor(from / span) * span;
      const last = Math.floor(to / span) * span;
      const sums = new Map<number, Map<string, number>>();
      for (const [bucket, queues, ms] of this.sumsOfQuarters.all({ span, from: first, to: last + span, agentId }) as [number, string, number][]) {
        const keys = sums.get(bucket) ?? new Map<string, number>();
        keys.set(queues, ms);
        sums.set(bucket, keys);
      }
      this.setWork(span, first, last, agentId, sums);
    }
  }

  /**
   * Makes an agent's work rows of one span in the buckets [first, last] exactly `wanted` (bucket →
   * queues → ms), writing only the rows that differ: each write runs the floor's triggers
   * (migration 270), and a rebuild mostly finds its hour and day rows as they were.
   */
  private setWork(span: number, first: number, last: number, agentId: string, wanted: Map<number, Map<string, number>>): void {
    for (const [bucket, queues, ms] of this.workIn.all(span, first, last, agentId) as [number, string, number][]) {
      const keys = wanted.get(bucket);
      const next = keys?.get(queues);
      if (next === undefined) this.deleteWork.run(span, bucket, agentId, queues);
      else if (next !== ms) this.updateWork.run(next, span, bucket, agentId, queues);
      keys?.delete(queues);
    }
    for (const [bucket, keys] of wanted) for (const [queues, ms] of keys) this.insertWork.run(span, bucket, agentId, queues, ms);
  }
}

/** Runs the pass to its end (tests, bulk loads and the bench; the running core steps it in slices). */
export function completeAgentTimeSums(db: StoreConnection): void {
  const writer = new AgentTimeSumsWriter(db);
  while (!writer.step(BULK_BUDGET));
}

/** Agent time of a range read from the sums, already summed per range of quarters and agent. */
export interface AgentTimeSumsSink {
  status(agentId: string, kind: string, reason: string, key: number, ms: number): void;
  /** Handled milliseconds (of the queues asked for) and busy milliseconds (at least one of them open). */
  work(agentId: string, key: number, handledMs: number, busyMs: number): void;
}

/** The engine's reads of the sums: whether each part can answer, and the sums of quarter ranges. */
export class AgentTimeSumsReader {
  private readonly statusState;
  private readonly workDirty;
  private readonly statusRows;
  private readonly unsummed;
  private readonly workRows;
  private readonly workRowsByQueues;
  private readonly floorBehind;
  private readonly floorStatusRows;
  private readonly floorWorkRows;
  private readonly floorAgentCounts;
  private readonly agentsOfRanges;
  private readonly sumsVersion;
  /** Per-agent rows read, by statement and ranges, while the sums' version stays (the agent and team breakdowns of a dashboard). */
  private readonly kept = new Map<string, unknown[]>();
  private keptVersion = -1;

  constructor(db: StoreConnection) {
    this.statusState = db.prepare<[number]>(
      `SELECT (SELECT count(*) FROM agent_status_stale) AS stale,
         (SELECT count(*) FROM (SELECT 1 FROM status_intervals WHERE id > (SELECT summed_through FROM agent_time_state) LIMIT ?)) AS fresh`,
    );
    this.workDirty = db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM agent_work_dirty)').pluck();
    const ranges = `json_each(@ranges) AS r JOIN %TABLE% AS s ON s.span = r.value ->> 3 AND s.bucket >= r.value ->> 0 AND s.bucket < r.value ->> 1`;
    this.statusRows = db
      .prepare<{ ranges: string; reasons: number }>(
        `SELECT s.agent_id, s.kind, CASE WHEN @reasons THEN s.reason ELSE '' END, r.value ->> 2, sum(s.ms)
         FROM ${ranges.replace('%TABLE%', 'agent_status_sums')} WHERE s.kind <> 'offline' GROUP BY 1, 2, 3, 4`,
      )
      .raw(true);
    this.unsummed = db
      .prepare<[]>(
        `SELECT agent_id, kind, reason, start_at, end_at FROM status_intervals WHERE id > (SELECT summed_through FROM agent_time_state) AND kind <> 'offline'
         UNION ALL
         SELECT agent_id, kind, reason, start_at, end_at FROM status_intervals WHERE id IN (SELECT id FROM agent_status_pending) AND id <= (SELECT summed_through FROM agent_time_state) AND kind <> 'offline'`,
      )
      .raw(true);
    this.workRows = db
      .prepare<{ ranges: string }>(`SELECT s.agent_id, r.value ->> 2, sum(s.ms * json_array_length(s.queues)), sum(s.ms) FROM ${ranges.replace('%TABLE%', 'agent_work_sums')} GROUP BY 1, 2`)
      .raw(true);
    this.workRowsByQueues = db
      .prepare<{ ranges: string }>(`SELECT s.agent_id, r.value ->> 2, s.queues, sum(s.ms) FROM ${ranges.replace('%TABLE%', 'agent_work_sums')} GROUP BY 1, 2, 3`)
      .raw(true);
    this.sumsVersion = db.prepare<[], number>("SELECT version FROM insight_versions WHERE name = 'agent_sums'").pluck();
    this.floorBehind = db
      .prepare<[], number>(
        `SELECT EXISTS (SELECT 1 FROM floor_time_slots AS f JOIN agents AS a ON a.agent_id = f.agent_id WHERE a.slots <> f.slots)
           OR EXISTS (SELECT 1 FROM floor_time_waiting AS w JOIN agents AS a ON a.agent_id = w.agent_id)`,
      )
      .pluck();
    this.floorStatusRows = db
      .prepare<{ ranges: string; reasons: number }>(
        `SELECT r.value ->> 2, s.kind, CASE WHEN @reasons THEN s.reason ELSE '' END, sum(s.ms), sum(s.slot_ms)
         FROM ${ranges.replace('%TABLE%', 'floor_status_sums')} WHERE s.kind <> 'offline' GROUP BY 1, 2, 3 HAVING sum(s.ms) > 0`,
      )
      .raw(true);
    this.floorWorkRows = db
      .prepare<{ ranges: string }>(`SELECT r.value ->> 2, sum(s.handled_ms), sum(s.busy_ms) FROM ${ranges.replace('%TABLE%', 'floor_time_buckets')} GROUP BY 1 HAVING sum(s.busy_ms) > 0`)
      .raw(true);
    this.floorAgentCounts = db
      .prepare<{ ranges: string }>(`SELECT r.value ->> 2, sum(s.agents) FROM ${ranges.replace('%TABLE%', 'floor_time_buckets')} GROUP BY 1 HAVING sum(s.agents) > 0`)
      .raw(true);
    this.agentsOfRanges = db
      .prepare<{ ranges: string }>(`SELECT DISTINCT r.value ->> 2, s.agent_id FROM ${ranges.replace('%TABLE%', 'agent_status_sums')} WHERE s.kind <> 'offline'`)
      .raw(true);
  }

  /** Rows of a per-agent read, read again only when the pass changed the sums since (at most KEPT_READS kept). */
  private keptRows<Row>(name: string, ranges: string, read: () => Row[]): Row[] {
    const version = this.sumsVersion.get() ?? -1;
    if (version !== this.keptVersion) {
      this.kept.clear();
      this.keptVersion = version;
    }
    const key = `${name}\u0000${ranges}`;
    const known = this.kept.get(key);
    if (known !== undefined) return known as Row[];
    const rows = read();
    if (this.kept.size >= KEPT_READS) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(key, rows);
    return rows;
  }

  /** Whether the floor's sums (migration 270) hold every known agent's time with the agent's slots of now. */
  floorReady(): boolean {
    return this.floorBehind.get() === 0 && this.statusReady() && this.workReady();
  }

  /** Status time of the whole floor per range: key, status, away reason (when asked), milliseconds and slot milliseconds. */
  floorStatus(ranges: QuarterRanges, reasons: boolean): [key: number, kind: string, reason: string, ms: number, slotMs: number][] {
    return this.floorStatusRows.all({ ranges: JSON.stringify(bySpan(ranges)), reasons: reasons ? 1 : 0 }) as [number, string, string, number, number][];
  }

  /** Handled and busy time of the whole floor per range (every queue). */
  floorWork(ranges: QuarterRanges): [key: number, handledMs: number, busyMs: number][] {
    return this.floorWorkRows.all({ ranges: JSON.stringify(bySpan(ranges)) }) as [number, number, number][];
  }

  /** Agents with summed status time per range, counted: only right for a range of one bucket. */
  floorAgents(ranges: QuarterRanges): [key: number, agents: number][] {
    return this.floorAgentCounts.all({ ranges: JSON.stringify(bySpan(ranges)) }) as [number, number][];
  }

  /** The agents with summed status time in each range. */
  agentsIn(ranges: QuarterRanges): [key: number, agentId: string][] {
    const json = JSON.stringify(bySpan(ranges));
    return this.keptRows('agents', json, () => this.agentsOfRanges.all({ ranges: json }) as [number, string][]);
  }

  /** Whether the status sums plus the intervals not summed yet give every interval exactly once. */
  statusReady(): boolean {
    const state = this.statusState.get(MOST_UNSUMMED + 1) as { stale: number; fresh: number };
    return state.stale === 0 && state.fresh <= MOST_UNSUMMED;
  }

  /** Whether every assignment's quarters are rebuilt. */
  workReady(): boolean {
    return this.workDirty.get() === 0;
  }

  /** Status time of the ranges (away reasons kept apart only when asked); the intervals not in the sums are read apart. */
  status(ranges: QuarterRanges, reasons: boolean, sink: AgentTimeSumsSink['status']): void {
    const json = JSON.stringify(bySpan(ranges));
    const rows = this.keptRows(reasons ? 'status+reasons' : 'status', json, () => this.statusRows.all({ ranges: json, reasons: reasons ? 1 : 0 }) as [string, string, string, number, number][]);
    for (const [agentId, kind, reason, key, ms] of rows) sink(agentId, kind, reason, key, ms);
  }

  /** The status intervals not in the sums, a few (the open ones, those since the pass's last step), for the caller to cut. */
  unsummedIntervals(): StatusRow[] {
    return this.unsummed.all() as [string, string, string, number, number | null][];
  }

  /** Handled and busy time of the ranges, counting the conversations of `queueIds` (null: every queue). */
  work(ranges: QuarterRanges, queueIds: readonly string[] | null, sink: AgentTimeSumsSink['work']): void {
    const json = JSON.stringify(bySpan(ranges));
    if (queueIds === null) {
      for (const [agentId, key, handled, busy] of this.keptRows('work', json, () => this.workRows.all({ ranges: json }) as [string, number, number, number][])) sink(agentId, key, handled, busy);
      return;
    }
    // Per multiset of queues: handled counts those asked for, busy the time when one of them is open.
    const wanted = new Set(queueIds);
    const counts = new Map<string, number>();
    for (const [agentId, key, queues, ms] of this.keptRows('work-by-queues', json, () => this.workRowsByQueues.all({ ranges: json }) as [string, number, string, number][])) {
      let count = counts.get(queues);
      if (count === undefined) {
        count = (JSON.parse(queues) as string[]).filter((queueId) => wanted.has(queueId)).length;
        counts.set(queues, count);
      }
      if (count > 0) sink(agentId, key, ms * count, ms);
    }
  }
}
