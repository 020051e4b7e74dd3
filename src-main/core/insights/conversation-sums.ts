/**
 * The conversation and survey figures of Historical Insights as SQL: each metric is a pair of sums
 * over insight_facts (numerator, denominator), so one GROUP BY over a range of consecutive rows
 * (the table is clustered by creation time) gives every metric of a widget for every member of its
 * dimensions, and sums of members add up to totals. No message is read.
 */
import type { InsightDimension, InsightFilters, InsightMetric } from '../../../src-shared/api/insights.js';
import { QUARTER_MS } from '../../../src-shared/insights/time-range.js';
import type { StoreConnection } from '../store/connection.js';

/** Numerator and denominator expressions over one insight_facts row (alias f); null: a plain count. */
const SUMS: Partial<Record<InsightMetric, readonly [string, string | null]>> = {
  offered: ['f.offered', null],
  assigned: ['f.assigned', null],
  abandoned: ['f.abandoned', null],
  abandonRate: ['f.abandoned', 'f.queued'],
  averageAbandonTime: ['f.abandon_ms / 1000.0', '(f.abandon_ms IS NOT NULL)'],
  averageWait: ['f.wait_ms / 1000.0', '(f.wait_ms IS NOT NULL)'],
  averageHandleTime: ['f.handle_ms / 1000.0', '(f.handle_ms IS NOT NULL)'],
  averageFirstResponse: ['f.first_response_ms / 1000.0', '(f.first_response_ms IS NOT NULL)'],
  averageResponse: ['f.response_ms_sum / 1000.0', 'f.responses'],
  serviceLevel: ['f.sl_met', 'f.sl_eligible'],
  resolutionRate: ["(f.disposition = 'resolved')", '(f.disposition IS NOT NULL)'],
  transfers: ['f.transfers', null],
  timedOutByAgent: ['f.timed_out', null],
  botConversations: ['(f.bot_messages > 0)', null],
  botContained: ['f.contained', null],
  botEscalated: ['(f.bot_messages > 0 AND f.queued = 1)', null],
  containmentRate: ['f.contained', '(f.bot_messages > 0)'],
  escalationRate: ['(f.bot_messages > 0 AND f.queued = 1)', '(f.bot_messages > 0)'],
  surveys: ['(f.csat IS NOT NULL)', null],
  csatPositive: ['(f.csat >= 4)', '(f.csat IS NOT NULL)'],
  csatMean: ['f.csat', '(f.csat IS NOT NULL)'],
  sentimentMean: ['f.sentiment', '(f.sentiment IS NOT NULL)'],
};

/** Whether a metric is one of insight_facts' sums. */
export function isConversationMetric(metric: InsightMetric): boolean {
  return SUMS[metric] !== undefined;
}

/** The raw key a dimension groups insight_facts rows by; time dimensions group by 15-minute bucket. */
function keyColumn(dimension: InsightDimension): string | null {
  switch (dimension) {
    case 'none':
      return null;
    case 'interval':
    case 'hourOfWeek':
      return `(f.created_at / ${QUARTER_MS})`;
    case 'queue':
    case 'group':
      return 'f.queue_id';
    case 'channel':
      return 'f.channel';
    case 'agent':
      return "coalesce(f.agent_id, '')";
    case 'team':
      return "coalesce(f.team_id, '')";
    case 'location':
      return "coalesce(f.location, '')";
    case 'intent':
      return 'f.intent';
    case 'disposition':
      return "coalesce(f.disposition, '')";
    case 'csatScore':
      return "coalesce(f.csat, '')";
    case 'status':
    case 'awayReason':
      throw new Error(`conversation figures cannot be broken down by ${dimension}`);
  }
}

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

function listClause(column: string, name: string, values: readonly string[] | undefined, where: string[], params: Record<string, unknown>): void {
  if (values === undefined || values.length === 0) return;
  where.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
  params[name] = JSON.stringify(values);
}

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
): RawSums[] {
  const columns: string[] = [];
  for (const metric of metrics) {
    const pair = SUMS[metric];
    if (pair === undefined) throw new Error(`${metric} is not a conversation figure`);
    columns.push(`total(${pair[0]})`, pair[1] === null ? '0' : `total(${pair[1]})`);
  }
  const key = keyColumn(dimension) ?? "''";
  const splitKey = split === null ? "''" : (keyColumn(split) ?? "''");
  const where = ['f.created_at >= @from', 'f.created_at < @to'];
  const params: Record<string, unknown> = { from: selection.from, to: selection.to };
  const { filters } = selection;
  if (selection.queueIds !== null) {
    where.push('f.queue_id IN (SELECT value FROM json_each(@queues))');
    params.queues = JSON.stringify(selection.queueIds);
  }
  listClause('f.channel', 'channels', filters.channels, where, params);
  listClause('f.agent_id', 'agents', filters.agentIds, where, params);
  listClause('f.team_id', 'teams', filters.teamIds, where, params);
  listClause('f.location', 'locations', filters.locations, where, params);
  listClause('f.intent', 'intents', filters.intents, where, params);
  const sql = `SELECT ${key} AS k, ${splitKey} AS s, ${columns.join(', ')} FROM insight_facts AS f
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
