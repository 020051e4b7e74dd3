/**
 * API contract of Historical Insights (docs/product.md §4): dashboards of widgets computed from
 * the local cache (the 15-minute rollups, the per-conversation facts, status intervals and
 * surveys), their explanations and drill-downs, custom dashboards shared as versioned JSON
 * documents, and exports to CSV and XLSX. Every query is limited to the session's queue scope.
 * Composed into the one contract in contract.ts.
 */
import { z } from 'zod';
import type { Capability } from '../permissions.js';
import type { HistoryFilters } from './history.js';

const id = z.string().min(1).max(128);

// ---- metrics and dimensions ----

/**
 * Every figure a widget can show; each id names the same figure everywhere, with one definition,
 * formula and list of the alternatives vendors use.
 */
export const INSIGHT_METRICS = [
  // Volume and times (Program).
  'offered',
  'assigned',
  'abandoned',
  'abandonRate',
  'averageAbandonTime',
  'averageWait',
  'averageHandleTime',
  'averageFirstResponse',
  'averageResponse',
  'serviceLevel',
  'resolutionRate',
  'transfers',
  'timedOutByAgent',
  // Automation & Flow: a bot conversation is one with at least one bot message before any agent.
  'botConversations',
  'botContained',
  'botEscalated',
  'containmentRate',
  'escalationRate',
  // Operations & Workforce: from status intervals and assignments.
  'occupancy',
  'utilisation',
  'concurrency',
  'loggedInAgents',
  'statusTime',
  // Outcomes.
  'surveys',
  'csatPositive',
  'csatMean',
  'sentimentMean',
] as const;
export type InsightMetric = (typeof INSIGHT_METRICS)[number];

/**
 * What a widget breaks its figures down by. `interval` is time in the chosen zone and interval;
 * `hourOfWeek` is hour-of-day × weekday (a heatmap); `csatScore` the survey rating 1–5; `escalationReason` why a bot passed the
 * conversation to an agent (its last system message before queuing); `status`
 * and `awayReason` apply to the status metrics; `none` is one total.
 */
export const INSIGHT_DIMENSIONS = [
  'none',
  'interval',
  'queue',
  'group',
  'channel',
  'agent',
  'team',
  'location',
  'intent',
  'disposition',
  'hourOfWeek',
  'csatScore',
  'escalationReason',
  'status',
  'awayReason',
] as const;
export type InsightDimension = (typeof INSIGHT_DIMENSIONS)[number];

export const INSIGHT_CHARTS = ['kpi', 'line', 'bar', 'stackedBar', 'table', 'heatmap'] as const;
export type InsightChart = (typeof INSIGHT_CHARTS)[number];

/** Which end of the first metric a dimension's rows start from (and `limit` keeps): the highest or the lowest. */
export const INSIGHT_SORTS = ['descending', 'ascending'] as const;
export type InsightSort = (typeof INSIGHT_SORTS)[number];

export const INSIGHT_INTERVALS = ['15m', 'hour', 'day', 'week', 'month'] as const;
export type InsightInterval = (typeof INSIGHT_INTERVALS)[number];

export const RANGE_PRESETS = ['today', 'yesterday', 'last7Days', 'last30Days', 'last90Days', 'thisWeek', 'lastWeek', 'thisMonth', 'lastMonth'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** A preset, or whole local days from `from` to `to` (both inclusive) in the query's zone. */
export const rangeSpecSchema = z.union([
  z.object({ preset: z.enum(RANGE_PRESETS) }).strict(),
  z
    .object({ from: localDate, to: localDate })
    .strict()
    .refine((value) => value.from <= value.to, { message: 'the range ends before it starts' }),
]);
export type RangeSpec = z.infer<typeof rangeSpecSchema>;

/** What every widget of a dashboard may be narrowed to; an empty or absent list means all. */
export const insightFiltersSchema = z
  .object({
    queueIds: z.array(id).max(500).optional(),
    groupIds: z.array(id).max(100).optional(),
    channels: z.array(z.enum(['chat', 'voice'])).max(2).optional(),
    agentIds: z.array(id).max(500).optional(),
    teamIds: z.array(id).max(200).optional(),
    locations: z.array(z.string().max(256)).max(100).optional(),
    intents: z.array(z.string().max(128)).max(200).optional(),
  })
  .strict();
export type InsightFilters = z.infer<typeof insightFiltersSchema>;

/** One widget: metrics × a dimension (and an optional split for stacked bars and heatmaps) × filters, drawn as a chart. */
export const widgetSchema = z
  .object({
    id: z.string().min(1).max(64),
    title: z.string().trim().min(1).max(120),
    metrics: z.array(z.enum(INSIGHT_METRICS)).min(1).max(6),
    dimension: z.enum(INSIGHT_DIMENSIONS),
    /** A second dimension: series of a stacked bar or line, columns of a heatmap. */
    split: z.enum(INSIGHT_DIMENSIONS).nullable().default(null),
    chart: z.enum(INSIGHT_CHARTS),
    filters: insightFiltersSchema.default({}),
    /** Rows shown when a dimension has many members (agents, intents): the first N in the order `sort` gives. */
    limit: z.number().int().min(1).max(500).default(20),
    /** Rows by the first metric from the highest (`descending`) or the lowest (`ascending`: "lowest-rated intents"); not-known values last. */
    sort: z.enum(INSIGHT_SORTS).default('descending'),
    /** Grid placement: column span of 12, row span in grid rows. */
    width: z.number().int().min(1).max(12).default(6),
    height: z.number().int().min(1).max(4).default(1),
  })
  .strict();
export type Widget = z.infer<typeof widgetSchema>;
export type WidgetInput = z.input<typeof widgetSchema>;

/**
 * Current version of the dashboard document; older versions are upgraded on import, newer refused.
 * Version 2 added the widget's `sort` and the `escalationReason` dimension.
 */
export const DASHBOARD_DOCUMENT_VERSION = 2;

/** A dashboard as saved, exported and imported. */
export const dashboardDocumentSchema = z
  .object({
    format: z.literal('floorwatch.dashboard'),
    version: z.literal(DASHBOARD_DOCUMENT_VERSION),
    name: z.string().trim().min(1).max(120),
    notes: z.string().max(4000).default(''),
    /** The range, interval and zone the dashboard opens with; null zone: the first queue's zone. */
    defaults: z
      .object({
        range: rangeSpecSchema.default({ preset: 'last7Days' }),
        interval: z.enum(INSIGHT_INTERVALS).default('day'),
        timeZone: z.string().min(1).max(64).nullable().default(null),
        compare: z.boolean().default(true),
      })
      .strict()
      .default({ range: { preset: 'last7Days' }, interval: 'day', timeZone: null, compare: true }),
    filters: insightFiltersSchema.default({}),
    widgets: z.array(widgetSchema).min(1).max(40),
  })
  .strict();
export type DashboardDocument = z.infer<typeof dashboardDocumentSchema>;
export type DashboardDocumentInput = z.input<typeof dashboardDocumentSchema>;

/** A dashboard as listed: the four built in (not editable, copyable) and the user's own. */
export interface DashboardSummary {
  readonly dashboardId: string;
  readonly name: string;
  readonly builtIn: boolean;
  /** Epoch ms of the last save; null for built-in dashboards. */
  readonly updatedAt: number | null;
}

export interface DashboardRecord extends DashboardSummary {
  readonly document: DashboardDocument;
}

// ---- one widget's figures ----

/** The instants a query covers, resolved in its zone: [from, to). */
export interface ResolvedRange {
  readonly from: number;
  readonly to: number;
  readonly timeZone: string;
  /** In words, in the console's locale, e.g. "Last 7 days (24–30 Nov 2026)". */
  readonly label: string;
}

/**
 * One figure with what it was computed from: a rate keeps its numerator and denominator, a mean
 * its sum and count, so every figure can explain itself ("412 answered within 60 s of 463
 * eligible"). `value` is null when nothing in the range could give it (never shown as 0).
 */
export interface InsightCell {
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
}

export interface InsightRow {
  /** The member's id (queue id, agent id, interval start as epoch ms, "3:14" for weekday 3 hour 14…). */
  readonly key: string;
  readonly label: string;
  /** The split member, or null without a split. */
  readonly splitKey: string | null;
  readonly splitLabel: string | null;
  /** One cell per metric of the widget, in its order. */
  readonly cells: readonly InsightCell[];
}

export interface InsightResult {
  readonly widgetId: string;
  readonly range: ResolvedRange;
  /** The previous period of the same length, when a comparison was asked for. */
  readonly previousRange: ResolvedRange | null;
  readonly interval: InsightInterval;
  readonly metrics: readonly InsightMetric[];
  readonly rows: readonly InsightRow[];
  /** The whole range's figures, one per metric (a KPI shows these). */
  readonly totals: readonly InsightCell[];
  readonly previousTotals: readonly InsightCell[] | null;
  /** Members beyond the widget's limit, left out of rows (still in totals). */
  readonly omittedRows: number;
  /** What the cache holds: figures before `coveredFrom` are not known, not zero. */
  readonly coveredFrom: number | null;
  readonly coveredTo: number | null;
  /**
   * The Conversation Manager search behind the figures, with the same filters and range (null for
   * metrics not made of conversations: status time, occupancy, logged-in agents).
   */
  readonly drill: HistoryFilters | null;
  /** Epoch ms when computed (the core's clock). */
  readonly computedAt: number;
}

// ---- queries ----

/** What a widget is asked with: the dashboard's range, interval, zone and filters on top of its own. */
export const insightQuerySchema = z
  .object({
    widget: widgetSchema,
    range: rangeSpecSchema,
    interval: z.enum(INSIGHT_INTERVALS),
    timeZone: z.string().min(1).max(64),
    compare: z.boolean().default(false),
    /** The dashboard's filters, combined with the widget's (both must hold). */
    filters: insightFiltersSchema.default({}),
  })
  .strict();
export type InsightQuery = z.infer<typeof insightQuerySchema>;
export type InsightQueryInput = z.input<typeof insightQuerySchema>;

export const insightsQuerySchemas = [
  z.object({ type: z.literal('insights.query'), query: insightQuerySchema }),
  z.object({ type: z.literal('insights.dashboards') }),
  z.object({ type: z.literal('insights.dashboard'), dashboardId: id }),
  /** A finished export is fetched in pieces, as history exports are. */
  z.object({ type: z.literal('insights.export.chunk'), exportId: id, offset: z.number().int().min(0) }),
] as const;

export interface InsightsQueryResults {
  'insights.query': InsightResult;
  'insights.dashboards': readonly DashboardSummary[];
  'insights.dashboard': DashboardRecord;
  /** Up to 256 KiB of the file, base64 for XLSX and text for CSV; nextOffset is null at the end. */
  'insights.export.chunk': { readonly data: string; readonly encoding: 'utf8' | 'base64'; readonly nextOffset: number | null; readonly size: number };
}

export const INSIGHTS_QUERY_CAPABILITY = {
  'insights.query': 'insights.view',
  'insights.dashboards': 'insights.view',
  'insights.dashboard': 'insights.view',
  'insights.export.chunk': 'insights.export',
} as const satisfies Record<keyof InsightsQueryResults, Capability>;

// ---- exports ----

export type InsightExportFormat = 'csv' | 'xlsx';

export interface InsightExportProgress {
  readonly exportId: string;
  readonly state: 'running' | 'done' | 'failed' | 'cancelled';
  readonly widgetsDone: number;
  readonly widgetsTotal: number;
  readonly fileName: string | null;
  readonly sizeBytes: number | null;
  readonly mimeType: string | null;
  readonly error: string | null;
}

export const insightsTopicSchemas = [z.object({ topic: z.literal('insights.export'), exportId: id })] as const;

export interface InsightsTopicMessages {
  'insights.export': InsightExportProgress;
}

export const INSIGHTS_TOPIC_CAPABILITY = {
  'insights.export': 'insights.export',
} as const satisfies Record<keyof InsightsTopicMessages, Capability>;

// ---- commands ----

export const insightsCommandSchemas = [
  /** Save a new dashboard (no id) or replace one of the user's own; built-in dashboards are refused. */
  z.object({ type: z.literal('insights.dashboard.save'), dashboardId: id.nullable(), document: dashboardDocumentSchema }),
  z.object({ type: z.literal('insights.dashboard.delete'), dashboardId: id }),
  /**
   * Import a shared document as a new dashboard of the user's. The document travels as text and is
   * validated by the core, which answers an invalid one with its path and reason.
   */
  z.object({ type: z.literal('insights.dashboard.import'), json: z.string().min(2).max(400_000) }),
  /** Export widgets (one sheet or section each) of a dashboard as it is shown. */
  z.object({
    type: z.literal('insights.export.start'),
    format: z.enum(['csv', 'xlsx']),
    dashboardName: z.string().trim().min(1).max(120),
    queries: z.array(insightQuerySchema).min(1).max(40),
  }),
  z.object({ type: z.literal('insights.export.cancel'), exportId: id }),
] as const;

export interface InsightsCommandResults {
  'insights.dashboard.save': DashboardRecord;
  'insights.dashboard.delete': null;
  'insights.dashboard.import': DashboardRecord;
  'insights.export.start': InsightExportProgress;
  'insights.export.cancel': InsightExportProgress;
}

export const INSIGHTS_COMMAND_CAPABILITY = {
  'insights.dashboard.save': 'insights.create',
  'insights.dashboard.delete': 'insights.create',
  'insights.dashboard.import': 'insights.create',
  'insights.export.start': 'insights.export',
  'insights.export.cancel': 'insights.export',
} as const satisfies Record<keyof InsightsCommandResults, Capability>;
