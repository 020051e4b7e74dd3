import { describe, expect, it } from 'vitest';
import { dashboardDocumentSchema, type InsightDimension, type InsightMetric, type Widget } from '../../../../src-shared/api/insights.js';
import { BUILT_IN_DASHBOARD_IDS, BUILT_IN_DASHBOARDS, builtInDashboard, isBuiltInDashboardId } from '../../../../src-shared/insights/built-in-dashboards.js';

/** Dimensions a conversation can be broken down by. */
const CONVERSATION: readonly InsightDimension[] = ['none', 'interval', 'queue', 'group', 'channel', 'agent', 'team', 'location', 'intent', 'disposition', 'hourOfWeek'];
/** Bot conversations have no agent until escalated, so they are not counted per agent or team; escalations have a reason. */
const BOT: readonly InsightDimension[] = [...CONVERSATION.filter((dimension) => dimension !== 'agent' && dimension !== 'team'), 'escalationReason'];
/** Slot and logged-in time belong to agents, not to queues or conversations. */
const AGENT_TIME: readonly InsightDimension[] = ['none', 'interval', 'hourOfWeek', 'agent', 'team'];
const SURVEY: readonly InsightDimension[] = [...CONVERSATION, 'csatScore'];

/** Which dimensions each metric can sensibly be broken down by. */
const FITS: Record<InsightMetric, readonly InsightDimension[]> = {
  offered: CONVERSATION,
  assigned: CONVERSATION,
  abandoned: CONVERSATION,
  abandonRate: CONVERSATION,
  averageAbandonTime: CONVERSATION,
  averageWait: CONVERSATION,
  averageHandleTime: CONVERSATION,
  averageFirstResponse: CONVERSATION,
  averageResponse: CONVERSATION,
  serviceLevel: CONVERSATION,
  resolutionRate: CONVERSATION,
  transfers: CONVERSATION,
  timedOutByAgent: CONVERSATION,
  botConversations: BOT,
  botContained: BOT,
  botEscalated: BOT,
  containmentRate: BOT,
  escalationRate: BOT,
  occupancy: AGENT_TIME,
  utilisation: AGENT_TIME,
  concurrency: AGENT_TIME,
  loggedInAgents: AGENT_TIME,
  statusTime: ['none', 'status', 'awayReason', 'agent', 'team', 'interval'],
  surveys: SURVEY,
  csatPositive: SURVEY,
  csatMean: SURVEY,
  sentimentMean: SURVEY,
};

function chartFits(widget: Widget): boolean {
  switch (widget.chart) {
    case 'kpi':
      return widget.dimension === 'none' && widget.split === null;
    case 'line':
      return widget.dimension === 'interval';
    case 'stackedBar':
      return widget.split !== null || widget.metrics.length > 1;
    case 'heatmap':
      return widget.dimension === 'hourOfWeek' || widget.split !== null;
    case 'bar':
    case 'table':
      return widget.dimension !== 'none';
  }
}

describe('built-in dashboards', () => {
  it('are the four, with their ids, in order', () => {
    expect(BUILT_IN_DASHBOARDS.map((dashboard) => dashboard.dashboardId)).toEqual([...BUILT_IN_DASHBOARD_IDS]);
    expect(BUILT_IN_DASHBOARDS.map((dashboard) => dashboard.document.name)).toEqual(['Program', 'Automation & Flow', 'Operations & Workforce', 'Outcomes']);
    expect(isBuiltInDashboardId('builtin-outcomes')).toBe(true);
    expect(isBuiltInDashboardId('mine')).toBe(false);
    expect(builtInDashboard('builtin-program')?.document.name).toBe('Program');
    expect(builtInDashboard('nope')).toBeNull();
  });

  it.each(BUILT_IN_DASHBOARDS.map((dashboard) => [dashboard.dashboardId, dashboard] as const))('%s parses as a dashboard document', (_id, dashboard) => {
    const parsed = dashboardDocumentSchema.safeParse(JSON.parse(JSON.stringify(dashboard.document)));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(dashboard.document);
    const ids = dashboard.document.widgets.map((widget) => widget.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(BUILT_IN_DASHBOARDS.map((dashboard) => [dashboard.dashboardId, dashboard] as const))('%s pairs each metric with dimensions that make sense', (_id, dashboard) => {
    const misfits = dashboard.document.widgets.flatMap((widget) =>
      widget.metrics.flatMap((metric) =>
        [widget.dimension, ...(widget.split === null ? [] : [widget.split])]
          .filter((dimension) => !FITS[metric].includes(dimension))
          .map((dimension) => `${widget.id}: ${metric} × ${dimension}`),
      ),
    );
    expect(misfits).toEqual([]);
    expect(dashboard.document.widgets.filter((widget) => widget.split === widget.dimension).map((widget) => widget.id)).toEqual([]);
    expect(dashboard.document.widgets.filter((widget) => !chartFits(widget)).map((widget) => widget.id)).toEqual([]);
  });

  it.each(BUILT_IN_DASHBOARDS.map((dashboard) => [dashboard.dashboardId, dashboard] as const))('%s opens with a full row of KPI tiles, then charts and tables', (_id, dashboard) => {
    const widgets = dashboard.document.widgets;
    const tiles = widgets.filter((widget) => widget.chart === 'kpi');
    expect(widgets.slice(0, tiles.length)).toEqual(tiles);
    expect(tiles.reduce((sum, widget) => sum + widget.width, 0)).toBe(12);
    expect(widgets.some((widget) => widget.chart === 'table')).toBe(true);
  });

  it('cover what each dashboard is for', () => {
    const metricsOf = (id: string): Set<InsightMetric> => new Set(builtInDashboard(id)?.document.widgets.flatMap((widget) => widget.metrics));
    const dimensionsOf = (id: string): Set<InsightDimension> => new Set(builtInDashboard(id)?.document.widgets.flatMap((widget) => [widget.dimension, widget.split ?? 'none']));
    expect([...metricsOf('builtin-program')]).toEqual(
      expect.arrayContaining(['offered', 'assigned', 'abandoned', 'averageHandleTime', 'averageResponse', 'averageFirstResponse', 'serviceLevel', 'resolutionRate', 'csatPositive']),
    );
    expect([...dimensionsOf('builtin-program')]).toEqual(expect.arrayContaining(['queue', 'agent', 'intent', 'interval']));
    expect([...metricsOf('builtin-automation')]).toEqual(expect.arrayContaining(['botContained', 'botEscalated', 'containmentRate', 'escalationRate', 'resolutionRate', 'averageHandleTime']));
    expect([...dimensionsOf('builtin-automation')]).toContain('intent');
    expect([...metricsOf('builtin-operations')]).toEqual(expect.arrayContaining(['occupancy', 'utilisation', 'concurrency', 'statusTime', 'loggedInAgents', 'offered', 'serviceLevel']));
    expect([...dimensionsOf('builtin-operations')]).toEqual(expect.arrayContaining(['status', 'awayReason', 'agent', 'team', 'interval']));
    expect([...metricsOf('builtin-outcomes')]).toEqual(expect.arrayContaining(['surveys', 'csatPositive', 'csatMean', 'sentimentMean', 'resolutionRate']));
    expect([...dimensionsOf('builtin-outcomes')]).toEqual(expect.arrayContaining(['csatScore', 'disposition', 'intent', 'agent', 'interval']));
  });
});
