/**
 * The agent-time figures of Historical Insights (occupancy, utilisation, concurrency, logged-in
 * agents, time in status) from status intervals and the assignments of finished conversations.
 * Time is cut into 15-minute pieces only when a time dimension asks for it; each piece is handed
 * to the engine's accumulator with its raw keys (quarter index, agent, team, location, status,
 * away reason), where the same folding as the conversation figures turns them into members.
 */
import type { InsightDimension, InsightMetric } from '../../../src-shared/api/insights.js';
import { QUARTER_MS } from '../../../src-shared/insights/time-range.js';
import type { StoreConnection } from '../store/connection.js';

const HOUR_MS = 3_600_000;
/** Non-offline status intervals longer than this are not looked for before a range (a shift is hours). */
const LONGEST_INTERVAL_MS = 2 * 86_400_000;
/** Conversations handled longer than this after their creation are not looked for before a range. */
const LONGEST_CONVERSATION_MS = 86_400_000;

export const AGENT_TIME_METRICS: ReadonlySet<InsightMetric> = new Set(['occupancy', 'utilisation', 'concurrency', 'loggedInAgents', 'statusTime']);

export interface AgentInfo {
  readonly agentId: string;
  readonly teamId: string;
  readonly location: string;
  readonly slots: number;
}

/** Receives one piece of agent time for one metric: raw keys of the dimension and split, numerator, denominator. */
export type AgentTimeSink = (rawKey: string, rawSplit: string, metricIndex: number, numerator: number, denominator: number, agentId: string) => void;

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
}

interface Piece {
  readonly quarter: number;
  readonly ms: number;
}

/** The parts of [start, end) ∩ [from, to), cut at quarter hours when a time key is needed. */
function piecesOf(start: number, end: number, from: number, to: number, byQuarter: boolean): Piece[] {
  const a = Math.max(start, from);
  const b = Math.min(end, to);
  if (b <= a) return [];
  if (!byQuarter) return [{ quarter: -1, ms: b - a }];
  const pieces: Piece[] = [];
  for (let quarter = Math.floor(a / QUARTER_MS); quarter * QUARTER_MS < b; quarter += 1) {
    const pieceStart = Math.max(a, quarter * QUARTER_MS);
    const pieceEnd = Math.min(b, (quarter + 1) * QUARTER_MS);
    if (pieceEnd > pieceStart) pieces.push({ quarter, ms: pieceEnd - pieceStart });
  }
  return pieces;
}

function rawKeyOf(dimension: InsightDimension | null, agent: AgentInfo, quarter: number, status: string, reason: string): string {
  switch (dimension) {
    case null:
    case 'none':
      return '';
    case 'interval':
    case 'hourOfWeek':
      return String(quarter);
    case 'agent':
      return agent.agentId;
    case 'team':
      return agent.teamId;
    case 'location':
      return agent.location;
    case 'status':
      return status;
    case 'awayReason':
      return reason;
    default:
      throw new Error(`agent-time figures cannot be broken down by ${dimension}`);
  }
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

/** Prepared statements of the agent-time figures, per connection. */
export class AgentTimeReader {
  private readonly intervals;
  private readonly openIntervals;
  private readonly assignments;

  constructor(db: StoreConnection) {
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

  /** Feeds every piece of agent time of the query to the sink. */
  collect(query: AgentTimeQuery, sink: AgentTimeSink): void {
    const { from, to, metrics, dimension, split, agents } = query;
    const byQuarter = dimension === 'interval' || dimension === 'hourOfWeek' || split === 'interval' || split === 'hourOfWeek';
    const wanted = (metric: InsightMetric): number[] => metrics.flatMap((candidate, index) => (candidate === metric ? [index] : []));
    const statusTime = wanted('statusTime');
    const loggedIn = wanted('loggedInAgents');
    const utilisation = wanted('utilisation');
    const occupancy = wanted('occupancy');
    const concurrency = wanted('concurrency');

    const rows = [
      ...(this.intervals.all(from - LONGEST_INTERVAL_MS, to, from) as [string, string, string, number, number][]),
      ...(this.openIntervals.all(to) as [string, string, string, number, null][]).map(([agentId, kind, reason, start]) => [agentId, kind, reason, start, Math.max(start, query.now)] as const),
    ];
    for (const [agentId, kind, reason, start, end] of rows) {
      const agent = agents.get(agentId);
      if (agent === undefined) continue;
      // Broken down by away reason, only away time has a member.
      if ((dimension === 'awayReason' || split === 'awayReason') && kind !== 'away') continue;
      const awayReason = kind === 'away' ? reason : '';
      for (const piece of piecesOf(start, end, from, to, byQuarter)) {
        const key = rawKeyOf(dimension, agent, piece.quarter, kind, awayReason);
        const splitKey = rawKeyOf(split, agent, piece.quarter, kind, awayReason);
        const hours = piece.ms / HOUR_MS;
        for (const index of statusTime) sink(key, splitKey, index, hours, 0, agentId);
        for (const index of loggedIn) sink(key, splitKey, index, 1, 0, agentId);
        for (const index of utilisation) sink(key, splitKey, index, 0, hours, agentId);
        if (kind === 'available') for (const index of occupancy) sink(key, splitKey, index, 0, hours * agent.slots, agentId);
      }
    }

    if (utilisation.length + occupancy.length + concurrency.length === 0) return;
    const handled = new Map<string, [number, number][]>();
    const queues = query.queueIds === null ? null : JSON.stringify(query.queueIds);
    for (const [agentId, assignedAt, endedAt] of this.assignments.all({ createdFrom: from - LONGEST_CONVERSATION_MS, from, to, queues }) as [string, number, number][]) {
      if (!agents.has(agentId)) continue;
      const spans = handled.get(agentId) ?? [];
      spans.push([assignedAt, endedAt]);
      handled.set(agentId, spans);
    }
    for (const [agentId, spans] of handled) {
      const agent = agents.get(agentId);
      if (agent === undefined) continue;
      for (const [start, end] of spans) {
        for (const piece of piecesOf(start, end, from, to, byQuarter)) {
          const hours = piece.ms / HOUR_MS;
          const key = rawKeyOf(dimension, agent, piece.quarter, '', '');
          const splitKey = rawKeyOf(split, agent, piece.quarter, '', '');
          for (const index of occupancy) sink(key, splitKey, index, hours, 0, agentId);
          for (const index of concurrency) sink(key, splitKey, index, hours, 0, agentId);
        }
      }
      for (const [start, end] of union(spans)) {
        for (const piece of piecesOf(start, end, from, to, byQuarter)) {
          const hours = piece.ms / HOUR_MS;
          const key = rawKeyOf(dimension, agent, piece.quarter, '', '');
          const splitKey = rawKeyOf(split, agent, piece.quarter, '', '');
          for (const index of utilisation) sink(key, splitKey, index, hours, 0, agentId);
          for (const index of concurrency) sink(key, splitKey, index, 0, hours, agentId);
        }
      }
    }
  }
}
