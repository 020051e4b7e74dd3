/**
 * The Historical Insights query engine (docs/decisions/0032-insights-engine.md): one widget's
 * figures from the local cache, offline, limited to the session's queues. Conversation and survey
 * figures are sums over insight_sums or insight_facts grouped in SQL (conversation-sums.ts);
 * agent-time figures come from the agent-time sums or status intervals and assignments (agent-time.ts). Both hand raw keys (15-minute
 * bucket, queue, agent…) to one accumulator that folds them into the widget's members in the
 * query's zone (a bucket belongs to the local interval holding its start) and into totals.
 */
import type { HistoryFilters } from '../../../src-shared/api/history.js';
import type { QueueGroup } from '../../../src-shared/api/live-insights.js';
import type { InsightCell, InsightDimension, InsightFilters, InsightMetric, InsightQuery, InsightResult, InsightRow, InsightSort, ResolvedRange } from '../../../src-shared/api/insights.js';
import { cellOf, UNKNOWN_CELL } from '../../../src-shared/insights/explanation.js';
import { metricInfo, supportsDimension } from '../../../src-shared/insights/metric-catalogue.js';
import {
  hourOfWeekKey,
  hourOfWeekLabel,
  intervalIndexOf,
  intervalLabel,
  intervalStarts,
  QUARTER_MS,
  resolveRange,
  zoneOffsets,
  type RangeLabeller,
  type ZoneOffsets,
} from '../../../src-shared/insights/time-range.js';
import { isValidTimeZone } from '../../../src-shared/time.js';
import type { Access } from '../api/session.js';
import type { StoreConnection } from '../store/connection.js';
import { eventTimeAtSql } from '../store/event-runs.js';
import { AGENT_TIME_METRICS, AgentTimeReader, type AgentInfo, type AgentTimeReads, type AgentTimeSource } from './agent-time.js';
import { isConversationMetric, sumConversations, type FactsSelection, type SumsSource } from './conversation-sums.js';

export interface InsightsEngineDeps {
  readonly db: StoreConnection;
  /** The queue groups the session sees (presets and the user's own), already limited to its scope. */
  readonly groups: (access: Access) => readonly QueueGroup[];
  /** The floor's clock: "today" and open status intervals end here. */
  readonly now: () => number;
  readonly labeller?: RangeLabeller;
  /** Where conversation sums come from: insight_sums when it can answer (the default), or always insight_facts. */
  readonly sums?: SumsSource;
  /** Where agent time comes from: the agent-time sums when they can answer (the default), or always the intervals and assignments. */
  readonly agentTime?: AgentTimeSource;
}

export interface InsightsEngine {
  /** One widget's figures; throws an Error whose message says what was refused (unknown zone, unsupported dimension). */
  query(access: Access, query: InsightQuery): InsightResult;
}

interface Names {
  readonly queues: ReadonlyMap<string, string>;
  readonly agents: ReadonlyMap<string, { readonly name: string; readonly teamId: string; readonly teamName: string; readonly location: string; readonly slots: number; readonly queueIds: readonly string[] }>;
  readonly teams: ReadonlyMap<string, string>;
}

/** Maps a raw key to the members it belongs to (a queue is in several groups) with their labels. */
type Keyer = (raw: string) => readonly (readonly [string, string])[];

interface Member {
  readonly key: string;
  readonly label: string;
  readonly splitKey: string | null;
  readonly splitLabel: string | null;
  readonly numerators: number[];
  readonly denominators: number[];
  readonly distinct: (Set<string> | null)[];
}

/** Sums per member and in total; distinct-agent metrics keep sets so members and totals are not double counted. */
class Accumulator {
  readonly members = new Map<string, Member>();
  readonly numerators: number[];
  readonly denominators: number[];
  readonly distinct: (Set<string> | null)[];
  private readonly primaryMemo = new Map<string, readonly (readonly [string, string])[]>();
  private readonly splitMemo = new Map<string, readonly (readonly [string, string])[]>();

  constructor(
    private readonly metrics: readonly InsightMetric[],
    private readonly primary: Keyer,
    private readonly split: Keyer | null,
  ) {
    this.numerators = metrics.map(() => 0);
    this.denominators = metrics.map(() => 0);
    this.distinct = metrics.map((metric) => (metric === 'loggedInAgents' ? new Set<string>() : null));
  }

  private keysOf(memo: Map<string, readonly (readonly [string, string])[]>, keyer: Keyer, raw: string): readonly (readonly [string, string])[] {
    let keys = memo.get(raw);
    if (keys === undefined) {
      keys = keyer(raw);
      memo.set(raw, keys);
    }
    return keys;
  }

  member(key: string, label: string, splitKey: string | null, splitLabel: string | null): Member {
    const id = `${key}\u0000${splitKey ?? ''}`;
    let member = this.members.get(id);
    if (member === undefined) {
      member = {
        key,
        label,
        splitKey,
        splitLabel,
        numerators: this.metrics.map(() => 0),
        denominators: this.metrics.map(() => 0),
        distinct: this.metrics.map((metric) => (metric === 'loggedInAgents' ? new Set<string>() : null)),
      };
      this.members.set(id, member);
    }
    return member;
  }

  /** `count` distinct agents of a member that none of its ids is among (a count read already summed); the total takes its ids apart. */
  count(rawKey: string, rawSplit: string, index: number, count: number): void {
    const splits = this.split === null ? [['', ''] as const] : this.keysOf(this.splitMemo, this.split, rawSplit);
    for (const [key, label] of this.keysOf(this.primaryMemo, this.primary, rawKey)) {
      for (const [splitKey, splitLabel] of splits) {
        const member = this.member(key, label, this.split === null ? null : splitKey, this.split === null ? null : splitLabel);
        member.numerators[index] = (member.numerators[index] ?? 0) + count;
      }
    }
  }

  /** An agent of the total only (its members were counted by number). */
  totalAgent(index: number, agentId: string): void {
    this.distinct[index]?.add(agentId);
  }

  add(rawKey: string, rawSplit: string, index: number, numerator: number, denominator: number, agentId: string | null): void {
    const set = this.distinct[index];
    if (set && agentId !== null) set.add(agentId);
    else {
      this.numerators[index] = (this.numerators[index] ?? 0) + numerator;
      this.denominators[index] = (this.denominators[index] ?? 0) + denominator;
    }
    const splits = this.split === null ? [['', ''] as const] : this.keysOf(this.splitMemo, this.split, rawSplit);
    for (const [key, label] of this.keysOf(this.primaryMemo, this.primary, rawKey)) {
      for (const [splitKey, splitLabel] of splits) {
        const member = this.member(key, label, this.split === null ? null : splitKey, this.split === null ? null : splitLabel);
        const memberSet = member.distinct[index];
        if (memberSet && agentId !== null) memberSet.add(agentId);
        else {
          member.numerators[index] = (member.numerators[index] ?? 0) + numerator;
          member.denominators[index] = (member.denominators[index] ?? 0) + denominator;
        }
      }
    }
  }
}

function cellsOf(metrics: readonly InsightMetric[], numerators: readonly number[], denominators: readonly number[], distinct: readonly (Set<string> | null)[], known: boolean): InsightCell[] {
  return metrics.map((metric, index) => {
    if (!known) return UNKNOWN_CELL;
    const set = distinct[index];
    return cellOf(metric, (set?.size ?? 0) + (numerators[index] ?? 0), denominators[index] ?? 0);
  });
}

const NONE_LABEL = '(none)';
const TIME_DIMENSIONS: ReadonlySet<InsightDimension> = new Set(['interval', 'hourOfWeek']);

/** Builds the engine over a store connection; statements are prepared once and reused. */
export function createInsightsEngine(deps: InsightsEngineDeps): InsightsEngine {
  const { db } = deps;
  const statements = new Map<string, ReturnType<StoreConnection['prepare']>>();
  const agentTime = new AgentTimeReader(db, deps.agentTime);
  const queueRows = db.prepare<[], { queueId: string; name: string | null }>('SELECT queue_id AS queueId, name FROM queues');
  const agentRows = db.prepare<[], { agentId: string; name: string; teamId: string; teamName: string; location: string; slots: number; queueIds: string }>(
    'SELECT agent_id AS agentId, name, team_id AS teamId, team_name AS teamName, location, slots, queue_ids AS queueIds FROM agents',
  );
  // What the cache covers: from its oldest computed conversation to the newest event it holds
  // (the last event of each stream, a few primary-key seeks, never a scan of the log).
  const coverage = db.prepare<[], { oldest: number | null; newest: number | null }>(
    `SELECT (SELECT min(created_at) FROM insight_facts) AS oldest,
       max(coalesce((SELECT max(created_at) FROM conversations), 0),
           coalesce((SELECT max(${eventTimeAtSql('l.log', 's.last_seq')}) FROM streams AS s JOIN event_logs AS l ON l.stream = s.stream AND l.epoch = s.epoch), 0)) AS newest`,
  );

  // The agents as last parsed, kept while insight_versions (migration 270) says none changed.
  const directoryVersion = db.prepare<[], number>("SELECT version FROM insight_versions WHERE name = 'agents'").pluck();
  let directory: { version: number; agents: Names['agents']; teams: Names['teams'] } | null = null;
  const names = (): Names => {
    const queues = new Map(queueRows.all().map((row) => [row.queueId, row.name ?? row.queueId]));
    const version = directoryVersion.get() ?? -1;
    if (directory === null || directory.version !== version) {
      const agents = new Map(agentRows.all().map((row) => [row.agentId, { ...row, queueIds: JSON.parse(row.queueIds) as string[] }]));
      const teams = new Map([...agents.values()].filter((agent) => agent.teamId !== '').map((agent) => [agent.teamId, agent.teamName || agent.teamId]));
      directory = { version, agents, teams };
    }
    return { queues, agents: directory.agents, teams: directory.teams };
  };

  /** The queues the figures may read: the scope ∩ the queue filter ∩ the groups' queues; null: every queue. */
  const queuesOf = (access: Access, filters: InsightFilters, groups: readonly QueueGroup[]): readonly string[] | null => {
    let queues: Set<string> | null = access.scope.queues === null ? null : new Set(access.scope.queues);
    const narrow = (allowed: Iterable<string>) => {
      const next = new Set(allowed);
      queues = queues === null ? next : new Set([...queues].filter((queueId) => next.has(queueId)));
    };
    if (filters.queueIds !== undefined && filters.queueIds.length > 0) narrow(filters.queueIds);
    if (filters.groupIds !== undefined && filters.groupIds.length > 0) {
      narrow(groups.filter((group) => filters.groupIds?.includes(group.groupId)).flatMap((group) => group.queueIds));
    }
    return queues === null ? null : [...(queues as Set<string>)].sort();
  };

  const keyerOf = (dimension: InsightDimension, context: { names: Names; groups: readonly QueueGroup[]; offsets: ZoneOffsets; starts: readonly number[]; interval: InsightQuery['interval'] }): Keyer => {
    const { names: known, groups } = context;
    const plain = (raw: string) => [[raw, raw === '' ? NONE_LABEL : raw] as const];
    switch (dimension) {
      case 'none':
        return () => [['total', 'Total']];
      case 'interval':
        return (raw) => {
          const index = intervalIndexOf(context.starts, Number(raw) * QUARTER_MS);
          const start = context.starts[index];
          return start === undefined ? [] : [[String(start), intervalLabel(start, context.interval, context.offsets)]];
        };
      case 'hourOfWeek':
        return (raw) => {
          const key = hourOfWeekKey(Number(raw) * QUARTER_MS, context.offsets);
          return [[key, hourOfWeekLabel(key)]];
        };
      case 'queue':
        return (raw) => [[raw, known.queues.get(raw) ?? raw]];
      case 'group':
        return (raw) => groups.filter((group) => group.queueIds.includes(raw)).map((group) => [group.groupId, group.name] as const);
      case 'agent':
        return (raw) => [[raw, raw === '' ? 'No agent' : (known.agents.get(raw)?.name ?? raw)]];
      case 'team':
        return (raw) => [[raw, raw === '' ? 'No team' : (known.teams.get(raw) ?? raw)]];
      case 'csatScore':
        return (raw) => (raw === '' ? [] : [[raw, `${raw} of 5`]]);
      case 'channel':
      case 'location':
      case 'intent':
      case 'disposition':
      case 'escalationReason':
      case 'status':
      case 'awayReason':
        return plain;
    }
  };

  /** The agents whose time counts: in scope (by their queues), and matching the filters. */
  const agentsOf = (known: Names, filters: InsightFilters, queues: readonly string[] | null): Map<string, AgentInfo> => {
    const agents = new Map<string, AgentInfo>();
    for (const [agentId, agent] of known.agents) {
      if (queues !== null && !agent.queueIds.some((queueId) => queues.includes(queueId))) continue;
      if (filters.agentIds?.length && !filters.agentIds.includes(agentId)) continue;
      if (filters.teamIds?.length && !filters.teamIds.includes(agent.teamId)) continue;
      if (filters.locations?.length && !filters.locations.includes(agent.location)) continue;
      agents.set(agentId, { agentId, teamId: agent.teamId, location: agent.location, slots: agent.slots });
    }
    return agents;
  };

  const compute = (
    metrics: readonly InsightMetric[],
    dimension: InsightDimension,
    split: InsightDimension | null,
    selection: FactsSelection,
    agents: ReadonlyMap<string, AgentInfo>,
    everyAgent: boolean,
    accumulator: Accumulator,
    reads: AgentTimeReads,
    intervalStarts?: readonly number[],
  ): void => {
    const conversation = metrics.flatMap((metric, index) => (isConversationMetric(metric) ? [index] : []));
    if (conversation.length > 0) {
      const sums = sumConversations(db, statements, conversation.map((index) => metrics[index] as InsightMetric), dimension, split, selection, deps.sums, intervalStarts);
      for (const row of sums) {
        row.sums.forEach(([numerator, denominator], position) => accumulator.add(row.key, row.splitKey, conversation[position] ?? 0, numerator, denominator, null));
      }
    }
    if (metrics.some((metric) => AGENT_TIME_METRICS.has(metric))) {
      agentTime.collect(
        {
          from: selection.from,
          to: selection.to,
          now: deps.now(),
          metrics: metrics.map((metric) => (AGENT_TIME_METRICS.has(metric) ? metric : ('none' as InsightMetric))),
          dimension,
          split,
          agents,
          everyAgent,
          queueIds: selection.queueIds,
          ...(intervalStarts === undefined ? {} : { intervalStarts }),
        },
        accumulator,
        reads,
      );
    }
  };

  return {
    query(access, query) {
      const { widget } = query;
      const metrics = widget.metrics;
      if (!isValidTimeZone(query.timeZone)) throw new Error(`Unknown time zone ${query.timeZone}.`);
      for (const dimension of [widget.dimension, widget.split]) {
        if (dimension === null) continue;
        const refused = metrics.find((metric) => !supportsDimension(metric, dimension));
        if (refused !== undefined) throw new Error(`${metricInfo(refused).label} cannot be broken down by ${dimension}.`);
      }
      const now = deps.now();
      const { range, previous } = resolveRange(query.range, query.timeZone, now, deps.labeller);
      const filters = mergeFilters(query.filters, widget.filters);
      const groups = deps.groups(access);
      const queues = queuesOf(access, filters, groups);
      const known = names();
      const agents = agentsOf(known, filters, queues);
      const covered = coverage.get() ?? { oldest: null, newest: null };
      const coveredFrom = covered.oldest === null ? null : Math.floor(covered.oldest / QUARTER_MS) * QUARTER_MS;
      const coveredTo = covered.newest === null || coveredFrom === null ? null : Math.max(coveredFrom, Math.floor(covered.newest / QUARTER_MS) * QUARTER_MS + QUARTER_MS);
      const isKnown = (from: number, to: number): boolean => coveredFrom !== null && coveredTo !== null && from < coveredTo && to > coveredFrom;

      const offsets = zoneOffsets(query.timeZone, Math.min(range.from, previous.from), range.to);
      const starts = intervalStarts(range.from, range.to, query.interval, offsets);
      const keyContext = { names: known, groups, offsets, starts, interval: query.interval };
      const accumulator = new Accumulator(metrics, keyerOf(widget.dimension, keyContext), widget.split === null ? null : keyerOf(widget.split, keyContext));
      const selection: FactsSelection = { from: range.from, to: range.to, queueIds: queues, filters };
      // No scope and no agent filter: the floor's sums may answer agent time.
      const everyAgent = queues === null && agents.size === known.agents.size;
      const reads: AgentTimeReads = {};
      // By hour of week alone, a read folds each local hour (all its quarters are one member).
      const byHourOfWeek = widget.dimension === 'hourOfWeek' || widget.split === 'hourOfWeek';
      const byInterval = widget.dimension === 'interval' || widget.split === 'interval';
      const foldStarts = byHourOfWeek && !byInterval ? intervalStarts(range.from, range.to, 'hour', offsets) : starts;
      compute(metrics, widget.dimension, widget.split, selection, agents, everyAgent, accumulator, reads, foldStarts);

      // Every interval of the range is a row, empty or not: 0 where the cache covers it, unknown where not.
      if (widget.dimension === 'interval' && widget.split === null) {
        for (const start of starts) accumulator.member(String(start), intervalLabel(start, query.interval, offsets), null, null);
      }
      const rows = orderRows(widget.dimension, widget.sort, [...accumulator.members.values()], metrics, starts, range.to, isKnown);
      const limited = TIME_DIMENSIONS.has(widget.dimension) ? { rows, omitted: 0 } : limitRows(rows, widget.limit);

      let previousTotals: InsightCell[] | null = null;
      if (query.compare) {
        const totalOnly = new Accumulator(metrics, () => [['total', 'Total']], null);
        compute(metrics, 'none', null, { ...selection, from: previous.from, to: previous.to }, agents, everyAgent, totalOnly, reads);
        previousTotals = cellsOf(metrics, totalOnly.numerators, totalOnly.denominators, totalOnly.distinct, isKnown(previous.from, previous.to));
      }
      return {
        widgetId: widget.id,
        range,
        previousRange: query.compare ? previous : null,
        interval: query.interval,
        metrics,
        rows: limited.rows,
        totals: cellsOf(metrics, accumulator.numerators, accumulator.denominators, accumulator.distinct, isKnown(range.from, range.to)),
        previousTotals,
        omittedRows: limited.omitted,
        coveredFrom,
        coveredTo,
        drill: metrics.some((metric) => metricInfo(metric).drillable) ? drillOf(range, filters, queues, known) : null,
        computedAt: now,
      };
    },
  };
}

/** Both filters hold: a list set on both sides keeps the values in both; one side's list stands alone. */
export function mergeFilters(dashboard: InsightFilters, widget: InsightFilters): InsightFilters {
  const merged: Record<string, string[]> = {};
  for (const name of ['queueIds', 'groupIds', 'channels', 'agentIds', 'teamIds', 'locations', 'intents'] as const) {
    const left = dashboard[name] as readonly string[] | undefined;
    const right = widget[name] as readonly string[] | undefined;
    if (left?.length && right?.length) merged[name] = left.filter((value) => right.includes(value));
    else if (left?.length) merged[name] = [...left];
    else if (right?.length) merged[name] = [...right];
  }
  return merged as InsightFilters;
}

function orderRows(
  dimension: InsightDimension,
  sort: InsightSort,
  members: Member[],
  metrics: readonly InsightMetric[],
  starts: readonly number[],
  rangeTo: number,
  isKnown: (from: number, to: number) => boolean,
): InsightRow[] {
  const endOf = (start: number): number => {
    const index = intervalIndexOf(starts, start);
    return starts[index + 1] ?? rangeTo;
  };
  const rowOf = (member: Member, known: boolean): InsightRow => ({
    key: member.key,
    label: member.label,
    splitKey: member.splitKey,
    splitLabel: member.splitLabel,
    cells: cellsOf(metrics, member.numerators, member.denominators, member.distinct, known),
  });
  const bySplit = (left: Member, right: Member) => ((left.splitKey ?? '') < (right.splitKey ?? '') ? -1 : (left.splitKey ?? '') > (right.splitKey ?? '') ? 1 : 0);
  if (dimension === 'interval') {
    return members.sort((left, right) => Number(left.key) - Number(right.key) || bySplit(left, right)).map((member) => rowOf(member, isKnown(Number(member.key), endOf(Number(member.key)))));
  }
  // Highest first, or lowest first when ascending; a value not known goes last either way.
  const firstValue = (member: Member): number => {
    const value = cellsOf(metrics.slice(0, 1), member.numerators, member.denominators, member.distinct, true)[0]?.value ?? null;
    if (value === null) return Number.NEGATIVE_INFINITY;
    return sort === 'ascending' ? -value : value;
  };
  if (dimension === 'hourOfWeek' || dimension === 'csatScore') {
    const order = (key: string) => key.split(':').reduce((sum, part) => sum * 100 + Number(part), 0);
    return members.sort((left, right) => order(left.key) - order(right.key) || bySplit(left, right)).map((member) => rowOf(member, true));
  }
  return members.sort((left, right) => firstValue(right) - firstValue(left) || (left.label < right.label ? -1 : left.label > right.label ? 1 : 0) || bySplit(left, right)).map((member) => rowOf(member, true));
}

/** Keeps the rows of the first `limit` members (in their order); the others are counted as omitted. */
function limitRows(rows: InsightRow[], limit: number): { rows: InsightRow[]; omitted: number } {
  const kept = new Set<string>();
  const all = new Set<string>();
  for (const row of rows) {
    all.add(row.key);
    if (kept.size < limit) kept.add(row.key);
  }
  return { rows: rows.filter((row) => kept.has(row.key)), omitted: all.size - kept.size };
}

/** The Conversation Manager search of the figures' conversations: same queues (scope included), filters and range. */
function drillOf(range: ResolvedRange, filters: InsightFilters, queues: readonly string[] | null, known: Names): HistoryFilters {
  const drill: { -readonly [K in keyof HistoryFilters]: HistoryFilters[K] } = { createdAt: { min: range.from, max: range.to - 1 } };
  if (queues !== null) drill.queueIds = queues.slice(0, 500);
  let agentIds = filters.agentIds?.length ? [...filters.agentIds] : null;
  if (filters.locations?.length) {
    const atLocations = [...known.agents].filter(([, agent]) => filters.locations?.includes(agent.location)).map(([agentId]) => agentId);
    agentIds = agentIds === null ? atLocations : agentIds.filter((agentId) => atLocations.includes(agentId));
  }
  if (agentIds !== null) drill.agentIds = agentIds.slice(0, 500);
  if (filters.teamIds?.length) drill.teamIds = [...filters.teamIds];
  if (filters.channels?.length) drill.channels = [...filters.channels];
  if (filters.intents?.length) drill.intents = [...filters.intents];
  return drill;
}
