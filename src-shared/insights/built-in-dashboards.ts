/**
 * The four dashboards every console ships with (docs/product.md §4): Program, Automation & Flow,
 * Operations & Workforce and Outcomes. They are documents like any user's, so a user copies one
 * and edits the copy; the built-ins themselves are never stored nor changed (the core refuses it).
 *
 * Layout: a row of KPI tiles (with the previous period's delta), then charts over time, then
 * breakdowns and tables. Widths are columns of 12.
 */
import { DASHBOARD_DOCUMENT_VERSION, dashboardDocumentSchema, type DashboardDocument, type DashboardDocumentInput, type WidgetInput } from '../api/insights.js';

export const BUILT_IN_DASHBOARD_IDS = ['builtin-program', 'builtin-automation', 'builtin-operations', 'builtin-outcomes'] as const;
export type BuiltInDashboardId = (typeof BUILT_IN_DASHBOARD_IDS)[number];

export interface BuiltInDashboard {
  readonly dashboardId: BuiltInDashboardId;
  readonly document: DashboardDocument;
}

/** A KPI tile: one figure over the whole range, two columns wide unless told. */
function kpi(id: string, title: string, metric: WidgetInput['metrics'][number], width = 2): WidgetInput {
  return { id, title, metrics: [metric], dimension: 'none', chart: 'kpi', width };
}

const PROGRAM: DashboardDocumentInput = {
  format: 'floorwatch.dashboard',
  version: DASHBOARD_DOCUMENT_VERSION,
  name: 'Program',
  notes: 'Volume, speed, service level, resolution and satisfaction of the whole program, by queue, agent and intent.',
  defaults: { range: { preset: 'last7Days' }, interval: 'day', timeZone: null, compare: true },
  widgets: [
    kpi('offered', 'Offered', 'offered'),
    kpi('assigned', 'Assigned', 'assigned'),
    kpi('abandoned', 'Abandoned', 'abandoned'),
    kpi('service-level', 'Service level', 'serviceLevel'),
    kpi('handle-time', 'Average handle time', 'averageHandleTime'),
    kpi('csat', 'CSAT (positive)', 'csatPositive'),
    { id: 'volume', title: 'Offered, assigned and abandoned', metrics: ['offered', 'assigned', 'abandoned'], dimension: 'interval', chart: 'line', width: 12, height: 2 },
    { id: 'times', title: 'Handle, response and first-response times', metrics: ['averageHandleTime', 'averageResponse', 'averageFirstResponse'], dimension: 'interval', chart: 'line' },
    { id: 'service-resolution', title: 'Service level and resolution', metrics: ['serviceLevel', 'resolutionRate', 'abandonRate'], dimension: 'interval', chart: 'line' },
    { id: 'offered-by-queue', title: 'Offered by queue', metrics: ['offered'], dimension: 'interval', split: 'queue', chart: 'stackedBar' },
    { id: 'csat-by-queue-trend', title: 'CSAT by queue', metrics: ['csatPositive'], dimension: 'interval', split: 'queue', chart: 'line' },
    {
      id: 'by-queue',
      title: 'Queues',
      metrics: ['offered', 'assigned', 'abandoned', 'averageHandleTime', 'serviceLevel', 'csatPositive'],
      dimension: 'queue',
      chart: 'table',
      limit: 100,
      width: 12,
      height: 2,
    },
    {
      id: 'by-agent',
      title: 'Agents',
      metrics: ['assigned', 'averageHandleTime', 'averageFirstResponse', 'averageResponse', 'resolutionRate', 'csatPositive'],
      dimension: 'agent',
      chart: 'table',
      limit: 50,
      width: 12,
      height: 2,
    },
    {
      id: 'by-intent',
      title: 'Intents',
      metrics: ['offered', 'averageHandleTime', 'resolutionRate', 'csatPositive', 'csatMean'],
      dimension: 'intent',
      chart: 'table',
      limit: 50,
      width: 12,
      height: 2,
    },
  ],
};

const AUTOMATION: DashboardDocumentInput = {
  format: 'floorwatch.dashboard',
  version: DASHBOARD_DOCUMENT_VERSION,
  name: 'Automation & Flow',
  notes:
    'Conversations a bot handled alone (contained) and those it passed to an agent (escalated), and how each intent fares. A bot conversation has at least one bot message before any agent.',
  defaults: { range: { preset: 'last7Days' }, interval: 'day', timeZone: null, compare: true },
  widgets: [
    kpi('bot-conversations', 'Bot conversations', 'botConversations'),
    kpi('contained', 'Contained', 'botContained'),
    kpi('escalated', 'Escalated', 'botEscalated'),
    kpi('containment-rate', 'Containment rate', 'containmentRate', 3),
    kpi('escalation-rate', 'Escalation rate', 'escalationRate', 3),
    { id: 'contained-vs-escalated', title: 'Contained vs escalated', metrics: ['botContained', 'botEscalated'], dimension: 'interval', chart: 'stackedBar', width: 12, height: 2 },
    { id: 'rates', title: 'Containment and escalation rates', metrics: ['containmentRate', 'escalationRate'], dimension: 'interval', chart: 'line' },
    { id: 'escalation-by-intent', title: 'Escalation rate by intent', metrics: ['escalationRate'], dimension: 'intent', chart: 'bar', limit: 15 },
    { id: 'escalation-reasons', title: 'Escalation reasons', metrics: ['botEscalated'], dimension: 'escalationReason', chart: 'bar', limit: 15 },
    { id: 'intent-mix', title: 'Intent mix', metrics: ['offered'], dimension: 'intent', chart: 'bar', limit: 15 },
    { id: 'intent-mix-trend', title: 'Intent mix over time', metrics: ['offered'], dimension: 'interval', split: 'intent', chart: 'stackedBar', limit: 10 },
    {
      id: 'by-intent',
      title: 'Each intent: automation, resolution and handle time',
      metrics: ['botConversations', 'containmentRate', 'escalationRate', 'resolutionRate', 'averageHandleTime'],
      dimension: 'intent',
      chart: 'table',
      limit: 100,
      width: 12,
      height: 2,
    },
    {
      id: 'by-queue',
      title: 'Automation by queue',
      metrics: ['botConversations', 'botContained', 'botEscalated', 'containmentRate'],
      dimension: 'queue',
      chart: 'table',
      limit: 100,
      width: 12,
    },
  ],
};

const OPERATIONS: DashboardDocumentInput = {
  format: 'floorwatch.dashboard',
  version: DASHBOARD_DOCUMENT_VERSION,
  name: 'Operations & Workforce',
  notes: 'How busy the agents were (slot time), time in each status and away reason, staffing against arrivals and service level per interval.',
  defaults: { range: { preset: 'last7Days' }, interval: 'hour', timeZone: null, compare: true },
  widgets: [
    kpi('occupancy', 'Occupancy', 'occupancy'),
    kpi('utilisation', 'Utilisation', 'utilisation'),
    kpi('concurrency', 'Concurrency', 'concurrency'),
    kpi('logged-in', 'Logged-in agents', 'loggedInAgents'),
    kpi('service-level', 'Service level', 'serviceLevel'),
    kpi('timed-out', 'Timed out by agent', 'timedOutByAgent'),
    { id: 'occupancy-trend', title: 'Occupancy and utilisation', metrics: ['occupancy', 'utilisation'], dimension: 'interval', chart: 'line' },
    { id: 'concurrency-trend', title: 'Time-weighted concurrency', metrics: ['concurrency'], dimension: 'interval', chart: 'line' },
    { id: 'staffing-vs-arrivals', title: 'Logged-in agents vs arrivals', metrics: ['loggedInAgents', 'offered'], dimension: 'interval', chart: 'line' },
    { id: 'service-level-trend', title: 'Service level by interval', metrics: ['serviceLevel'], dimension: 'interval', chart: 'line' },
    { id: 'arrivals-heatmap', title: 'Arrivals by hour and weekday', metrics: ['offered'], dimension: 'hourOfWeek', chart: 'heatmap', limit: 168, height: 2 },
    { id: 'status-time', title: 'Time in each status', metrics: ['statusTime'], dimension: 'status', chart: 'bar' },
    { id: 'status-by-agent', title: 'Status time per agent', metrics: ['statusTime'], dimension: 'agent', split: 'status', chart: 'stackedBar', limit: 30, width: 12, height: 2 },
    { id: 'status-by-team', title: 'Status time per team', metrics: ['statusTime'], dimension: 'team', split: 'status', chart: 'stackedBar', limit: 30 },
    { id: 'away-by-team', title: 'Away reasons per team', metrics: ['statusTime'], dimension: 'team', split: 'awayReason', chart: 'stackedBar', limit: 30 },
    { id: 'away-by-agent', title: 'Away reasons per agent', metrics: ['statusTime'], dimension: 'agent', split: 'awayReason', chart: 'table', limit: 100, width: 12, height: 2 },
    {
      id: 'by-agent',
      title: 'Agents',
      metrics: ['occupancy', 'utilisation', 'concurrency', 'assigned', 'timedOutByAgent'],
      dimension: 'agent',
      chart: 'table',
      limit: 100,
      width: 12,
      height: 2,
    },
    { id: 'by-team', title: 'Teams', metrics: ['occupancy', 'utilisation', 'concurrency', 'loggedInAgents'], dimension: 'team', chart: 'table', limit: 50, width: 12 },
  ],
};

const OUTCOMES: DashboardDocumentInput = {
  format: 'floorwatch.dashboard',
  version: DASHBOARD_DOCUMENT_VERSION,
  name: 'Outcomes',
  notes:
    'What customers said and how conversations ended: survey ratings and the sentiment of their comments, resolution and dispositions. The intent and agent tables start from the lowest rated.',
  defaults: { range: { preset: 'last30Days' }, interval: 'day', timeZone: null, compare: true },
  widgets: [
    kpi('surveys', 'Surveys', 'surveys'),
    kpi('csat-positive', 'CSAT (positive)', 'csatPositive'),
    kpi('csat-mean', 'Average rating', 'csatMean'),
    kpi('sentiment', 'Comment sentiment', 'sentimentMean', 3),
    kpi('resolution', 'Resolution rate', 'resolutionRate', 3),
    { id: 'csat-distribution', title: 'Ratings', metrics: ['surveys'], dimension: 'csatScore', chart: 'bar' },
    { id: 'csat-trend', title: 'CSAT and average rating', metrics: ['csatPositive', 'csatMean'], dimension: 'interval', chart: 'line' },
    { id: 'sentiment-trend', title: 'Comment sentiment', metrics: ['sentimentMean'], dimension: 'interval', chart: 'line' },
    { id: 'sentiment-by-rating', title: 'Comment sentiment by rating', metrics: ['sentimentMean'], dimension: 'csatScore', chart: 'bar' },
    { id: 'resolution-trend', title: 'Resolution rate', metrics: ['resolutionRate'], dimension: 'interval', chart: 'line' },
    { id: 'disposition-mix', title: 'How conversations ended', metrics: ['offered'], dimension: 'disposition', chart: 'bar' },
    { id: 'disposition-trend', title: 'Dispositions over time', metrics: ['offered'], dimension: 'interval', split: 'disposition', chart: 'stackedBar', width: 12 },
    {
      id: 'intents-by-rating',
      title: 'Lowest-rated intents',
      metrics: ['csatMean', 'csatPositive', 'surveys', 'sentimentMean', 'resolutionRate'],
      dimension: 'intent',
      chart: 'table',
      limit: 100,
      sort: 'ascending',
      height: 2,
    },
    {
      id: 'agents-by-rating',
      title: 'Lowest-rated agents',
      metrics: ['csatMean', 'csatPositive', 'surveys', 'sentimentMean', 'resolutionRate'],
      dimension: 'agent',
      chart: 'table',
      limit: 100,
      sort: 'ascending',
      height: 2,
    },
  ],
};

/** The built-ins, parsed once through the same schema a user's document passes. */
export const BUILT_IN_DASHBOARDS: readonly BuiltInDashboard[] = [
  { dashboardId: 'builtin-program', document: dashboardDocumentSchema.parse(PROGRAM) },
  { dashboardId: 'builtin-automation', document: dashboardDocumentSchema.parse(AUTOMATION) },
  { dashboardId: 'builtin-operations', document: dashboardDocumentSchema.parse(OPERATIONS) },
  { dashboardId: 'builtin-outcomes', document: dashboardDocumentSchema.parse(OUTCOMES) },
];

/** Whether an id names a built-in dashboard (which cannot be saved over or deleted). */
export function isBuiltInDashboardId(dashboardId: string): dashboardId is BuiltInDashboardId {
  return (BUILT_IN_DASHBOARD_IDS as readonly string[]).includes(dashboardId);
}

/** A built-in dashboard by id, or null. */
export function builtInDashboard(dashboardId: string): BuiltInDashboard | null {
  return BUILT_IN_DASHBOARDS.find((dashboard) => dashboard.dashboardId === dashboardId) ?? null;
}
