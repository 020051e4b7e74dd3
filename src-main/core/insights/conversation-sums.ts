/**
 * The conversation and survey figures of Historical Insights as SQL: each metric is a pair of sums
 * (numerator, denominator) of insight_sums' columns (migration 190). Where a widget needs at most
 * one conversation attribute besides time and queue (its dimension, split and filters together)
 * and its range starts and ends on quarter hours, one GROUP BY reads insight_sums' rows of that
 * attribute (its hours and days from insight_sum_levels, quarters at the edges: migration 250,
 * docs/decisions/0050-insight-sum-levels.md); otherwise the same sums are taken over
 * insight_facts' rows, one per conversation (docs/decisions/0039-insight-sums.md). Either way sums of members add up to totals and no
 * message is read.
 */
import type { InsightDimension, InsightFilters, InsightMetric } from '../../../src-shared/api/insights.js';
import type { StoreConnection } from '../store/connection.js';
import { INSIGHT_SUM_COLUMNS, SUM_BUCKET_MS } from './migrations/0190-insight-sums.js';
import { bySpan, quarterRangesOf } from './quarter-ranges.js';

/** The insight_sums columns of a metric's numerator and denominator (null: a plain count); seconds are summed as ms. */
const SUMS: Partial<Record<InsightMetric, readonly [numerator: string, denominator: string | null, perSecond?: true]>> = {
  offered: ['offered', null],
  assigned: ['assigned', null],
  abandoned: ['abandoned', null],
  abandonRate: ['abandoned', 'queued'],
  averageAbandonTime: ['abandon_ms', 'abandons', true],
  averageWait: ['wait_ms', 'waits', true],
  averageHandleTime: ['handle_ms', 'handles', true],
  averageFirstResponse: ['first_response_ms', 'first_responses', true],
  averageResponse: ['response_ms', 'responses', true],
  serviceLevel: ['sl_met', 'sl_eligible'],
  resolutionRate: ['resolved', 'dispositioned'],
  transfers: ['transfers', null],
  timedOutByAgent: ['timed_out', null],
  botConversations: ['bot', null],
  botContained: ['contained', null],
  botEscalated: ['escalated', null],
  containmentRate: ['contained', 'bot'],
  escalationRate: ['escalated', 'bot'],
  surveys: ['surveys', null],
  csatPositive: ['csat_positive', 'surveys'],
  csatMean: ['csat_sum', 'surveys'],
  sentimentMean: ['sentiment_sum', 'sentiments'],
};

const PER_ROW = new Map(INSIGHT_SUM_COLUMNS);

/** Whether a metric is one of the conversation sums. */
export function isConversationMetric(metric: InsightMetric): boolean {
  return SUMS[metric] !== undefined;
}

const TIME: ReadonlySet<InsightDimension> = new Set(['interval', 'hourOfWeek']);

/** Where the sums are read: insight_sums (alias s) or insight_facts (alias f). */
type Source = 'sums' | 'facts';

/** total() of one sum column: a column of insight_sums, or its per-row value over insight_facts. */
function totalOf(source: Source, column: string): string {
  if (source === 'sums') return `total(s.${column})`;
  const perRow = PER_ROW.get(column);
  if (perRow === undefined) throw new Error(`no sum column ${column}`);
  return `total(${perRow.replaceAll('$.', 'f.')})`;
}

/** The conversation attribute (an insight_sums kind) a dimension breaks down by; null: time, queue or none. */
const ATTRIBUTE_OF: Partial<Record<InsightDimension, { readonly kind: string; readonly fact: string }>> = {
  channel: { kind: 'channel', fact: 'f.channel' },
  agent: { kind: 'agent', fact: "coalesce(f.agent_id, '')" },
  team: { kind: 'team', fact: "coalesce(f.team_id, '')" },
  location: { kind: 'location', fact: "coalesce(f.location, '')" },
  intent: { kind: 'intent', fact: 'f.intent' },
  disposition: { kind: 'disposition', fact: "coalesce(f.disposition, '')" },
  escalationReason: { kind: 'escalationReason', fact: "coalesce(f.escalation_reason, '')" },
  csatScore: { kind: 'csatScore', fact: "coalesce(f.csat, '')" },
};

/** The raw key a dimension groups rows by; time dimensions group by 15-minute bucket, or by the range of quarters read (levels). */
function keyColumn(source: Source | 'levels', dimension: InsightDimension): string {
  switch (dimension) {
    case 'none':
      return "''";
    case 'interval':
    case 'hourOfWeek':
      return source === 'sums' ? 's.bucket' : source === 'levels' ? 's.range_key' : `(f.created_at / ${SUM_BUCKET_MS})`;
    case 'queue':
    case 'group':
      return source === 'facts' ? 'f.queue_id' : 's.queue_id';
    case 'status':
    case 'awayReason':
      throw new Error(`conversation figures cannot be broken down by ${dimension}`);
    default: {
      const attribute = ATTRIBUTE_OF[dimension];
      if (attribute === undefined) throw new Error(`conversation figures cannot be broken down by ${dimension}`);
      return source === 'facts' ? attribute.fact : 's.key';
    }
  }
}

/** Filters on conversation attributes: the facts column, the insight_sums kind, whether the column may be null. */
const FILTERS = [
  { name: 'channels', column: 'f.channel', kind: 'channel', nullable: false },
  { name: 'agentIds', column: 'f.agent_id', kind: 'agent', nullable: true },
  { name: 'teamIds', column: 'f.team_id', kind: 'team', nullable: true },
  { name: 'locations', column: 'f.location', kind: 'location', nullable: true },
  { name: 'intents', column: 'f.intent', kind: 'intent', nullable: false },
] as const;

/** The conversations a query reads: a range of creation times and the filters, already intersected with the scope. */
export interface FactsSelection {
  readonly from: number;
  readonly to: number;
  /** Null: every queue (an unscoped session with no queue or group filter). */
  readonly queueIds: readonly string[] | null;
  readonly filters: InsightFilters;
}

/** One group of rows: its raw keys (dimension, split) and a [numerator, denominator] per metric. */
export interface RawSums {
  readonly key: string;
  readonly splitKey: string;
  readonly sums: readonly (readonly [number, number])[];
}

/**
 * The insight_sums kind that answers a selection broken down by `dimension` and `split`, or null
 * when only insight_facts can: two conversation attributes at once (say agent with a channel
 * filter), a range edge inside a quarter hour, or a filter of an attribute that may be absent
 * holding '' (insight_sums keeps absent and '' under one key, the facts tell them apart).
 */
export function sumsKindFor(dimension: InsightDimension, split: InsightDimension | null, selection: FactsSelection): string | null {
  if (selection.from % SUM_BUCKET_MS !== 0 || selection.to % SUM_BUCKET_MS !== 0) return null;
  const kinds = new Set<string>();
  for (const breakdown of [dimension, split]) {
    const attribute = breakdown === null ? undefined : ATTRIBUTE_OF[breakdown];
    if (attribute !== undefined) kinds.add(attribute.kind);
  }
  for (const filter of FILTERS) {
    const values = selection.filters[filter.name] as readonly string[] | undefined;
    if (values === undefined || values.length === 0) continue;
    if (filter.nullable && values.includes('')) return null;
    kinds.add(filter.kind);
  }
  if (kinds.size > 1) return null;
  return [...kinds][0] ?? 'none';
}

/** Where and parameters of a selection over insight_sums (kind given) or insight_facts; `levels`: without the kind and time bounds, which the ranges' join holds. */
function whereOf(selection: FactsSelection, kind: string | null, levels = false): { where: string[]; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const where: string[] = [];
  const inList = (column: string, name: string, values: readonly string[]) => {
    where.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
    params[name] = JSON.stringify(values);
  };
  if (kind === null) {
    where.push('f.created_at >= @from', 'f.created_at < @to');
    Object.assign(params, { from: selection.from, to: selection.to });
  } else if (levels) {
    params['kind'] = kind;
  } else {
    where.push('s.kind = @kind', 's.bucket >= @from', 's.bucket < @to');
    Object.assign(params, { kind, from: selection.from / SUM_BUCKET_MS, to: selection.to / SUM_BUCKET_MS });
  }
  if (selection.queueIds !== null) inList(kind === null ? 'f.queue_id' : 's.queue_id', 'queues', selection.queueIds);
  for (const filter of FILTERS) {
    const values = selection.filters[filter.name] as readonly string[] | undefined;
    if (values !== undefined && values.length > 0) inList(kind === null ? filter.column : 's.key', filter.name, values);
  }
  return { where, params };
}

const SUM_NAMES = INSIGHT_SUM_COLUMNS.map(([column]) => column).map((column) => `s.${column}`).join(', ');

/**
 * The rows of a kind over runs of quarters ([from, to, key, span] in @ranges): quarter runs from
 * insight_sums, hour and day runs from insight_sum_levels (migration 250), each row carrying its
 * run's key as range_key (docs/decisions/0050-insight-sum-levels.md).
 */
function levelRows(where: readonly string[]): string {
  const filters = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  const join = (table: string, span: string) =>
    `SELECT r.value ->> 2 AS range_key, s.queue_id, s.key, ${SUM_NAMES} FROM json_each(@ranges) AS r
      JOIN ${table} AS s ON ${span} AND s.kind = @kind AND s.bucket >= r.value ->> 0 AND s.bucket < r.value ->> 1 ${filters}`;
  return `${join('insight_sums', 'r.value ->> 3 = 1')}
    UNION ALL ${join('insight_sum_levels', 's.span = r.value ->> 3')}`;
}

/** How a query reads its sums: from insight_sums when it can (`auto`), or always from insight_facts. */
export type SumsSource = 'auto' | 'facts';

/**
 * Sums the metrics over the selection, grouped by the raw keys of a dimension and a split. The
 * statement is prepared per shape and cached by better-sqlite3's caller (the engine keeps a map).
 */
export function sumConversations(
  db: StoreConnection,
  statements: Map<string, ReturnType<StoreConnection['prepare']>>,
  metrics: readonly InsightMetric[],
  dimension: InsightDimension,
  split: InsightDimension | null,
  selection: FactsSelection,
  sourceOf: SumsSource = 'auto',
  intervalStarts?: readonly number[],
): RawSums[] {
  const kind = sourceOf === 'auto' ? sumsKindFor(dimension, split, selection) : null;
  const source: Source = kind === null ? 'facts' : 'sums';
  const columns: string[] = [];
  for (const metric of metrics) {
    const pair = SUMS[metric];
    if (pair === undefined) throw new Error(`${metric} is not a conversation figure`);
    const numerator = totalOf(source, pair[0]);
    columns.push(pair[2] ? `${numerator} / 1000.0` : numerator, pair[1] === null ? '0' : totalOf(source, pair[1]));
  }
  const byTime = TIME.has(dimension) || (split !== null && TIME.has(split));
  const runs = kind === null ? [] : bySpan(quarterRangesOf({ from: selection.from, to: selection.to, dimension, split, ...(intervalStarts === undefined ? {} : { intervalStarts }) }, byTime));
  const levels = runs.some((run) => run[3] > 1);
  const keyed: Source | 'levels' = levels ? 'levels' : source;
  const key = keyColumn(keyed, dimension);
  const splitKey = split === null ? "''" : keyColumn(keyed, split);
  const { where, params } = whereOf(selection, kind, levels);
  if (levels) params['ranges'] = JSON.stringify(runs);
  const sql = levels
    ? `SELECT ${key} AS k, ${splitKey} AS sk, ${columns.join(', ')} FROM (${levelRows(where)}) AS s GROUP BY 1, 2 HAVING total(s.conversations) > 0`
    : source === 'sums'
      ? `SELECT ${key} AS k, ${splitKey} AS sk, ${columns.join(', ')} FROM insight_sums AS s
    WHERE ${where.join(' AND ')} GROUP BY 1, 2 HAVING total(s.conversations) > 0`
      : `SELECT ${key} AS k, ${splitKey} AS sk, ${columns.join(', ')} FROM insight_facts AS f
    WHERE ${where.join(' AND ')} GROUP BY 1, 2`;
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql).raw(true);
    statements.set(sql, statement);
  }
  const rows = statement.all(params) as unknown[][];
  return rows.map((row) => {
    const sums: [number, number][] = [];
    for (let index = 0; index < metrics.length; index += 1) sums.push([Number(row[2 + 2 * index]), Number(row[3 + 2 * index])]);
    return { key: String(row[0]), splitKey: String(row[1]), sums };
  });
}
