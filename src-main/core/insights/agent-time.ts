/**
 * The agent-time figures of Historical Insights (occupancy, utilisation, concurrency, logged-in
 * agents, time in status) from the pre-summed quarters of agent time (agent-time-sums.ts,
 * docs/decisions/0044-agent-time-sums.md), or from status intervals and the assignments of
 * finished conversations where those cannot answer. Each piece of time is handed
 * to the engine's accumulator with its raw keys (quarter index, agent, team, location, status,
 * away reason), where the same folding as the conversation figures turns them into members.
 */
import type { InsightDimension, InsightMetric } from '../../../src-shared/api/insights.js';
import { QUARTER_MS } from '../../../src-shared/insights/time-range.js';
import type { StoreConnection } from '../store/connection.js';
import { AgentTimeSumsReader, LONGEST_ASSIGNMENT_MS, piecesOf, type StatusRow } from './agent-time-sums.js';
import { bySpan, quarterRangesOf, type QuarterRanges } from './quarter-ranges.js';

const HOUR_MS = 3_600_000;
/** Non-offline status intervals longer than this are not looked for before a range (a shift is hours). */
const LONGEST_INTERVAL_MS = 2 * 86_400_000;

export const AGENT_TIME_METRICS: ReadonlySet<InsightMetric> = new Set(['occupancy', 'utilisation', 'concurrency', 'loggedInAgents', 'statusTime']);

export interface AgentInfo {
  readonly agentId: string;
  readonly teamId: string;
  readonly location: string;
  readonly slots: number;
}

/** Receives agent time: pieces of one metric, and counts of distinct agents read already counted. */
export interface AgentTimeSink {
  /** One piece for one metric: raw keys of the dimension and split, numerator, denominator, the agent (null: summed over agents). */
  add(rawKey: string, rawSplit: string, metricIndex: number, numerator: number, denominator: number, agentId: string | null): void;
  /** `count` distinct agents of the member of `rawKey`, none of them added to it by id. */
  count(rawKey: string, rawSplit: string, metricIndex: number, count: number): void;
  /** An agent counted in the total only. */
  totalAgent(metricIndex: number, agentId: string): void;
}

export interface AgentTimeQuery {
  readonly from: number;
  readonly to: number;
  /** Open intervals end here (the floor's clock). */
  readonly now: number;
  readonly metrics: readonly InsightMetric[];
  readonly dimension: InsightDimension;
  readonly split: InsightDimension | null;
  readonly agents: ReadonlyMap<string, AgentInfo>;
  /** Assignments counted: those of these queues (null: every queue). */
  readonly queueIds: readonly string[] | null;
  /** The starts of the local intervals of an interval breakdown (each interval ends where the next starts, the last at `to`). */
  readonly intervalStarts?: readonly number[];
  /** `agents` is every known agent and `queueIds` null: the floor's sums may answer (migration 270). */
  readonly everyAgent?: boolean;
}

/** Reads one widget's query makes once for its range and its previous period (readiness, the intervals not summed yet). */
export interface AgentTimeReads {
  statusReady?: boolean;
  workReady?: boolean;
  floorReady?: boolean;
  unsummed?: StatusRow[];
}

/** Breakdowns the floor's sums can answer (the others need each agent's team, location or id). */
const FLOOR_DIMENSIONS: ReadonlySet<InsightDimension> = new Set(['none', 'interval', 'hourOfWeek', 'status', 'awayReason']);

function rawKeyOf(dimension: InsightDimension | null, agent: AgentInfo | null, quarter: number, status: string, reason: string): string {
  switch (dimension) {
    case null:
    case 'none':
      return '';
    case 'interval':
    case 'hourOfWeek':
      return String(quarter);
    case 'agent':
    case 'team':
    case 'location':
      if (agent === null) throw new Error(`the floor's agent time has no ${dimension}`);
      return dimension === 'agent' ? agent.agentId : dimension === 'team' ? agent.teamId : agent.location;
    case 'status':
      return status;
    case 'awayReason':
      return reason;
    default:
      throw new Error(`agent-time figures cannot be broken down by ${dimension}`);
  }
}

/** Whether the quarters [first, last) are exactly one row of agent time (a quarter, a UTC hour or a UTC day). */
function isOneBucket(first: number, last: number): boolean {
  const runs = bySpan([[first, last, 0]]);
  return runs.length === 1 && runs[0] !== undefined && runs[0][1] - runs[0][0] === runs[0][3];
}

/** The key of the range holding `quarter` (ranges are in order and disjoint; −1 when none does). */
function rangeKeyOf(ranges: QuarterRanges, quarter: number): number {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle];
    if (range === undefined) break;
    if (quarter < range[0]) high = middle - 1;
    else if (quarter >= range[1]) low = middle + 1;
    else return range[2];
  }
  return -1;
}

/** Merges time spans into disjoint ones (the time an agent had at least one conversation). */
function union(spans: [number, number][]): [number, number][] {
  spans.sort((left, right) => left[0] - right[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/** Where agent time is read: the pre-summed quarters when they can answer (`auto`), or always the intervals and assignments. */
export type AgentTimeSource = 'auto' | 'intervals';

/** Turns pieces of status time and of work into the sink's calls, one place for both paths. */
class AgentTimeEmitter {
  readonly byQuarter: boolean;
  readonly onlyAway: boolean;
  private readonly statusTime: number[];
  private readonly loggedIn: number[];
  private readonly utilisation: number[];
  private readonly occupancy: number[];
  private readonly concurrency: number[];

  constructor(
    private readonly query: AgentTimeQuery,
    private readonly sink: AgentTimeSink,
  ) {
    const { metrics, dimension, split } = query;
    this.byQuarter = dimension === 'interval' || dimension === 'hourOfWeek' || split === 'interval' || split === 'hourOfWeek';
    // Broken down by away reason, only away time has a member.
    this.onlyAway = dimension === 'awayReason' || split === 'awayReason';
    const wanted = (metric: InsightMetric): number[] => metrics.flatMap((candidate, index) => (candidate === metric ? [index] : []));
    this.statusTime = wanted('statusTime');
    this.loggedIn = wanted('loggedInAgents');
    this.utilisation = wanted('utilisation');
    this.occupancy = wanted('occupancy');
    this.concurrency = wanted('concurrency');
  }

  get wantsWork(): boolean {
    return this.utilisation.length + this.occupancy.length + this.concurrency.length > 0;
  }

  get wantsLoggedIn(): boolean {
    return this.loggedIn.length > 0;
  }

  /** `ms` of one status (and away reason) in one quarter (−1: no time key). */
  status(agentId: string, kind: string, reason: string, quarter: number, ms: number): void {
    const agent = this.query.agents.get(agentId);
    if (agent === undefined) return;
    this.statusOf(agent, kind, reason, quarter, ms, ms * agent.slots);
  }

  /** `ms` of one status of the whole floor in one quarter, and the same weighted by each agent's slots. */
  floorStatus(kind: string, reason: string, quarter: number, ms: number, slotMs: number): void {
    this.statusOf(null, kind, reason, quarter, ms, slotMs);
  }

  /** Status time of one agent (null: the floor, whose logged-in agents are counted apart). */
  private statusOf(agent: AgentInfo | null, kind: string, reason: string, quarter: number, ms: number, slotMs: number): void {
    if (this.onlyAway && kind !== 'away') return;
    const awayReason = kind === 'away' ? reason : '';
    const key = rawKeyOf(this.query.dimension, agent, quarter, kind, awayReason);
    const splitKey = rawKeyOf(this.query.split, agent, quarter, kind, awayReason);
    const hours = ms / HOUR_MS;
    const agentId = agent?.agentId ?? null;
    for (const index of this.statusTime) this.sink.add(key, splitKey, index, hours, 0, agentId);
    if (agentId !== null) for (const index of this.loggedIn) this.sink.add(key, splitKey, index, 1, 0, agentId);
    for (const index of this.utilisation) this.sink.add(key, splitKey, index, 0, hours, agentId);
    if (kind === 'available') for (const index of this.occupancy) this.sink.add(key, splitKey, index, 0, slotMs / HOUR_MS, agentId);
  }

  /** Handled (sum of spans) and busy (their union) milliseconds of one agent in one quarter. */
  work(agentId: string, quarter: number, handledMs: number, busyMs: number): void {
    const agent = this.query.agents.get(agentId);
    if (agent !== undefined) this.workOf(agent, quarter, handledMs, busyMs);
  }

  /** Handled and busy milliseconds of the agent (null: the whole floor) in one quarter. */
  workOf(agent: AgentInfo | null, quarter: number, handledMs: number, busyMs: number): void {
    const key = rawKeyOf(this.query.dimension, agent, quarter, '', '');
    const splitKey = rawKeyOf(this.query.split, agent, quarter, '', '');
    const handled = handledMs / HOUR_MS;
    const busy = busyMs / HOUR_MS;
    const agentId = agent?.agentId ?? null;
    for (const index of this.occupancy) this.sink.add(key, splitKey, index, handled, 0, agentId);
    for (const index of this.concurrency) this.sink.add(key, splitKey, index, handled, busy, agentId);
    for (const index of this.utilisation) this.sink.add(key, splitKey, index, busy, 0, agentId);
  }

  /** One agent logged in within the range of `quarter` (by id, so it is counted once). */
  loggedInAgent(agentId: string, quarter: number): void {
    const agent = this.query.agents.get(agentId);
    if (agent === undefined) return;
    const key = rawKeyOf(this.query.dimension, agent, quarter, '', '');
    for (const index of this.loggedIn) this.sink.add(key, '', index, 1, 0, agentId);
  }

  /** `count` agents logged in within the range of `quarter`, none of them counted by id there. */
  loggedInCount(quarter: number, count: number): void {
    const key = rawKeyOf(this.query.dimension, null, quarter, '', '');
    for (const index of this.loggedIn) this.sink.count(key, '', index, count);
  }

  /** An agent logged in somewhere in the whole range (the total). */
  loggedInTotal(agentId: string): void {
    if (!this.query.agents.has(agentId)) return;
    for (const index of this.loggedIn) this.sink.totalAgent(index, agentId);
  }

  /** Every piece of a status interval within the range. */
  interval(agentId: string, kind: string, reason: string, start: number, end: number): void {
    for (const piece of piecesOf(start, end, this.query.from, this.query.to, this.byQuarter)) this.status(agentId, kind, reason, piece.quarter, piece.ms);
  }
}

/**
 * Prepared statements of the agent-time figures, per connection. Whole quarter-hour ranges read
 * agent_status_sums and agent_work_sums (migration 220) when they are up to date, plus the status
 * intervals not summed yet (the open ones); otherwise, and as the reference of the property test,
 * the intervals and assignments themselves.
 */
export class AgentTimeReader {
  private readonly intervals;
  private readonly openIntervals;
  private readonly assignments;
  private readonly sums: AgentTimeSumsReader;

  constructor(
    db: StoreConnection,
    private readonly source: AgentTimeSource = 'auto',
  ) {
    this.sums = new AgentTimeSumsReader(db);
    this.intervals = db
      .prepare<[number, number, number]>(
        `SELECT agent_id, kind, reason, start_at, end_at FROM status_intervals
         WHERE start_at >= ? AND start_at < ? AND end_at > ? AND kind <> 'offline'`,
      )
      .raw(true);
    this.openIntervals = db.prepare<[number]>(`SELECT agent_id, kind, reason, start_at, end_at FROM status_intervals WHERE end_at IS NULL AND start_at < ? AND kind <> 'offline'`).raw(true);
    this.assignments = db
      .prepare<[{ createdFrom: number; from: number; to: number; queues: string | null }]>(
        `SELECT agent_id, assigned_at, ended_at FROM insight_facts AS f
         WHERE f.created_at >= @createdFrom AND f.created_at < @to AND f.assigned_at IS NOT NULL AND f.ended_at > @from AND f.assigned_at < @to
           AND f.agent_id IS NOT NULL AND (@queues IS NULL OR f.queue_id IN (SELECT value FROM json_each(@queues)))`,
      )
      .raw(true);
  }

  /** Feeds every piece of agent time of the query to the sink; `reads` carries what a widget's periods share. */
  collect(query: AgentTimeQuery, sink: AgentTimeSink, reads: AgentTimeReads = {}): void {
    const emitter = new AgentTimeEmitter(query, sink);
    const { from, to, now } = query;
    const whole = this.source === 'auto' && from % QUARTER_MS === 0 && to % QUARTER_MS === 0;
    const openEnd = (start: number, end: number | null): number => end ?? Math.max(start, now);

    const ranges = whole ? quarterRangesOf(query, emitter.byQuarter) : null;
    if (ranges !== null && this.floorCanAnswer(query, emitter) && (reads.floorReady ??= this.sums.floorReady())) {
      this.collectFloor(query, emitter, ranges, openEnd, (reads.unsummed ??= this.sums.unsummedIntervals()));
      return;
    }
    if (ranges !== null && (reads.statusReady ??= this.sums.statusReady())) {
      this.sums.status(ranges, emitter.onlyAway, (agentId, kind, reason, key, ms) => emitter.status(agentId, kind, reason, key, ms));
      const unsummed = (reads.unsummed ??= this.sums.unsummedIntervals());
      for (const [agentId, kind, reason, start, end] of unsummed) emitter.interval(agentId, kind, reason, start, openEnd(start, end));
    } else {
      const rows: StatusRow[] = [...(this.intervals.all(from - LONGEST_INTERVAL_MS, to, from) as StatusRow[]), ...(this.openIntervals.all(to) as StatusRow[])];
      for (const [agentId, kind, reason, start, end] of rows) emitter.interval(agentId, kind, reason, start, openEnd(start, end));
    }

    if (!emitter.wantsWork) return;
    if (ranges !== null && (reads.workReady ??= this.sums.workReady())) this.sums.work(ranges, query.queueIds, (agentId, key, handledMs, busyMs) => emitter.work(agentId, key, handledMs, busyMs));
    else this.workFromAssignments(query, emitter);
  }

  /** Every agent, every queue, no breakdown by agent, team or location; logged-in agents only per interval or in total. */
  private floorCanAnswer(query: AgentTimeQuery, emitter: AgentTimeEmitter): boolean {
    if (query.everyAgent !== true || query.queueIds !== null) return false;
    if (!FLOOR_DIMENSIONS.has(query.dimension) || (query.split !== null && !FLOOR_DIMENSIONS.has(query.split))) return false;
    if (!emitter.wantsLoggedIn) return true;
    // A count per range adds up only where a range is a member: the whole range, or local intervals that start on quarters.
    if (query.split !== null) return false;
    return query.dimension === 'none' || (query.dimension === 'interval' && query.intervalStarts !== undefined && query.intervalStarts.every((start) => start % QUARTER_MS === 0));
  }

  /**
   * The whole floor's time from the floor's sums (a row per bucket, not per agent), the intervals
   * not summed yet per agent. Logged-in agents: a range of one bucket untouched by those intervals
   * takes the bucket's count; any other range, and the total, the distinct agents of its rows.
   */
  private collectFloor(
    query: AgentTimeQuery,
    emitter: AgentTimeEmitter,
    ranges: QuarterRanges,
    openEnd: (start: number, end: number | null) => number,
    unsummed: readonly StatusRow[],
  ): void {
    for (const [key, kind, reason, ms, slotMs] of this.sums.floorStatus(ranges, emitter.onlyAway)) emitter.floorStatus(kind, reason, key, ms, slotMs);
    const touched = new Set<number>();
    for (const [agentId, kind, reason, start, end] of unsummed) {
      emitter.interval(agentId, kind, reason, start, openEnd(start, end));
      if (!emitter.wantsLoggedIn || !query.agents.has(agentId)) continue;
      for (const piece of piecesOf(start, openEnd(start, end), query.from, query.to, emitter.byQuarter)) touched.add(emitter.byQuarter ? rangeKeyOf(ranges, piece.quarter) : -1);
    }
    if (emitter.wantsWork) for (const [key, handledMs, busyMs] of this.sums.floorWork(ranges)) emitter.workOf(null, key, handledMs, busyMs);
    if (!emitter.wantsLoggedIn) return;
    const counted = ranges.filter(([first, last, key]) => !touched.has(key) && isOneBucket(first, last));
    const countedKeys = new Set(counted.map(([, , key]) => key));
    for (const [key, agents] of this.sums.floorAgents(counted)) emitter.loggedInCount(key, agents);
    for (const [key, agentId] of this.sums.agentsIn(ranges.filter(([, , key]) => !countedKeys.has(key)))) emitter.loggedInAgent(agentId, key);
    // Agents counted by number are not in the total yet.
    if (counted.length > 0) for (const [, agentId] of this.sums.agentsIn([[query.from / QUARTER_MS, query.to / QUARTER_MS, -1]])) emitter.loggedInTotal(agentId);
  }

  /** Handled and busy time from each assignment of the range and each agent's union of them. */
  private workFromAssignments(query: AgentTimeQuery, emitter: AgentTimeEmitter): void {
    const { from, to, agents } = query;
    const handled = new Map<string, [number, number][]>();
    const queues = query.queueIds === null ? null : JSON.stringify(query.queueIds);
    for (const [agentId, assignedAt, endedAt] of this.assignments.all({ createdFrom: from - LONGEST_ASSIGNMENT_MS, from, to, queues }) as [string, number, number][]) {
      if (!agents.has(agentId)) continue;
      const spans = handled.get(agentId) ?? [];
      spans.push([assignedAt, endedAt]);
      handled.set(agentId, spans);
    }
    for (const [agentId, spans] of handled) {
      for (const [start, end] of spans) {
        for (const piece of piecesOf(start, end, from, to, emitter.byQuarter)) emitter.work(agentId, piece.quarter, piece.ms, 0);
      }
      for (const [start, end] of union(spans)) {
        for (const piece of piecesOf(start, end, from, to, emitter.byQuarter)) emitter.work(agentId, piece.quarter, 0, piece.ms);
      }
    }
  }
}
