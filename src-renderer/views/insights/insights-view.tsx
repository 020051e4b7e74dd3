/**
 * Historical Insights (docs/product.md §4): dashboards of figures from the local cache, offline
 * like the Conversation Manager. The route names the dashboard and carries the toolbar's state
 * (view-state.ts), so a link reopens the same view; each widget asks for its own figures.
 */
import { useCallback, useMemo, useState } from 'react';
import type { DashboardRecord, DashboardSummary, InsightChart, InsightQueryInput, Widget } from '../../../src-shared/api/insights.js';
import { useConsole } from '../../hooks/store-context.js';
import { useCan, useQuery } from '../../hooks/use-api.js';
import { formatDateTime, supportedTimeZones, systemTimeZone } from '../../format/locale.js';
import { navigate, type Route } from '../../shell/router.js';
import { useT } from '../../i18n/translate.js';
import { DashboardActions } from './dashboard-actions.js';
import { ExplainPanel } from './explain-panel.js';
import { InsightsExportDialog, type ExportRequest } from './export-dialog.js';
import { InsightsToolbar, type FilterChoices } from './insights-toolbar.js';
import { defaultViewState, formatViewState, parseViewState, type InsightsViewState } from './view-state.js';
import { WidgetCard, chartStorageKey } from './widget-card.js';
import type { FigureRef } from './widget-figures.js';

const t = useT('insights');

type InsightsRoute = Extract<Route, { view: 'insights' }>;

function Message({ title, body, role = 'status' }: { readonly title: string; readonly body?: string; readonly role?: 'status' | 'alert' }) {
  return (
    <div className="state-message" role={role}>
      <h1 id="view-title" className="state-message__title">
        {title}
      </h1>
      {body === undefined ? null : (
        <div className="state-message__body">
          <p>{body}</p>
        </div>
      )}
    </div>
  );
}

function storedChart(dashboardId: string, widgetId: string): InsightChart | null {
  try {
    return (window.sessionStorage.getItem(chartStorageKey(dashboardId, widgetId)) as InsightChart | null) ?? null;
  } catch {
    return null;
  }
}

/** The filters' choices from what the app already offers: the history filter options and the live groups. */
function useFilterChoices(): { readonly choices: FilterChoices; readonly queueZones: readonly string[] } {
  const canHistory = useCan('history.view');
  const options = useQuery<'history.filterOptions'>(canHistory ? { type: 'history.filterOptions' } : null);
  const groups = useQuery<'live.groups'>({ type: 'live.groups' });
  const queues = useQuery<'queues.list'>({ type: 'queues.list' });
  return useMemo(() => {
    const filterOptions = options.status === 'ready' ? options.value : null;
    const queueList = queues.status === 'ready' && queues.value.length > 0 ? queues.value : (filterOptions?.queues ?? []);
    const choices: FilterChoices = {
      queueIds: queueList.map((queue) => ({ value: queue.queueId, label: queue.name })),
      groupIds: (groups.status === 'ready' ? groups.value : []).map((group) => ({ value: group.groupId, label: group.name })),
      channels: [
        { value: 'chat', label: t('channelChat') },
        { value: 'voice', label: t('channelVoice') },
      ],
      agentIds: (filterOptions?.agents ?? []).map((agent) => ({ value: agent.agentId, label: agent.name })),
      teamIds: (filterOptions?.teams ?? []).map((team) => ({ value: team.teamId, label: team.name })),
      intents: (filterOptions?.intents ?? []).map((intent) => ({ value: intent, label: intent })),
    };
    return { choices, queueZones: queueList.map((queue) => queue.timeZone) };
  }, [options, groups, queues]);
}

interface DashboardProps {
  readonly route: InsightsRoute;
  readonly record: DashboardRecord;
  readonly dashboards: readonly DashboardSummary[];
  /** Asks for the list and the record again (after a save, a copy, an import or a delete). */
  reload(): void;
}

function Dashboard({ route, record, dashboards, reload }: DashboardProps) {
  const canExport = useCan('insights.export');
  const { choices, queueZones } = useFilterChoices();
  const state = useMemo(() => parseViewState(route.params, defaultViewState(record.document)), [route.params, record.document]);
  const timeZone = state.timeZone ?? queueZones[0] ?? systemTimeZone();
  const timeZones = useMemo(() => [...new Set([timeZone, ...queueZones, systemTimeZone(), 'UTC', ...supportedTimeZones()])], [timeZone, queueZones]);
  const [charts, setCharts] = useState<Readonly<Record<string, InsightChart>>>({});
  const [figure, setFigure] = useState<FigureRef | null>(null);
  const [exporting, setExporting] = useState<ExportRequest | null>(null);
  const [coverage, setCoverage] = useState<Readonly<Record<string, number | null>>>({});
  const coveredFrom = Math.max(0, ...Object.values(coverage).map((value) => value ?? 0));

  const change = (next: InsightsViewState): void => navigate({ view: 'insights', dashboardId: record.dashboardId, params: formatViewState(next) }, { replace: true });
  const open = (dashboardId: string | null): void => {
    reload();
    navigate({ view: 'insights', dashboardId, params: '' });
  };

  const widgets: readonly Widget[] = record.document.widgets.map((widget) => ({ ...widget, chart: charts[widget.id] ?? storedChart(record.dashboardId, widget.id) ?? widget.chart }));
  const queryOf = (widget: Widget): InsightQueryInput => ({ widget, range: state.range, interval: state.interval, timeZone, compare: state.compare, filters: state.filters });
  const chooseChart = (widgetId: string, chart: InsightChart): void => {
    // A choice for this session's view, not a change of the dashboard (built-in ones cannot change).
    try {
      window.sessionStorage.setItem(chartStorageKey(record.dashboardId, widgetId), chart);
    } catch {
      // Private windows may refuse storage: the choice still holds until the view closes.
    }
    setCharts((current) => ({ ...current, [widgetId]: chart }));
  };

  return (
    <>
      <header className="insights-header">
        <h1 id="view-title" className="insights-header__title" data-testid="insights-title">
          {record.name}
        </h1>
        <DashboardActions record={record} onOpen={open} onExport={() => setExporting({ title: record.name, dashboardName: record.name, queries: widgets.map(queryOf) })} />
      </header>
      <InsightsToolbar
        dashboards={dashboards.length > 0 ? dashboards : [record]}
        dashboardId={record.dashboardId}
        state={state}
        timeZone={timeZone}
        timeZones={timeZones}
        choices={choices}
        onDashboard={(dashboardId) => navigate({ view: 'insights', dashboardId, params: '' })}
        onChange={change}
      />
      {record.document.notes.trim().length > 0 ? (
        <p className="insights-notes" data-testid="insights-notes">
          {record.document.notes}
        </p>
      ) : null}
      {coveredFrom > 0 ? (
        <p className="insights-muted insights-coverage" data-testid="insights-coverage">
          {t('coveredFromNote', { from: formatDateTime(coveredFrom, timeZone) })}
        </p>
      ) : null}
      <div className="insights-grid" data-testid="insights-grid">
        {widgets.map((widget) => (
          <WidgetCard
            key={widget.id}
            widget={widget}
            query={queryOf(widget)}
            timeZone={timeZone}
            canExport={canExport}
            onChartChange={(chart) => chooseChart(widget.id, chart)}
            onExplain={setFigure}
            onExport={(query) => setExporting({ title: widget.title, dashboardName: record.name, queries: [query] })}
            onCoverage={(widgetId, from) => setCoverage((current) => (current[widgetId] === from ? current : { ...current, [widgetId]: from }))}
          />
        ))}
      </div>
      {figure === null ? null : <ExplainPanel figure={figure} onClose={() => setFigure(null)} />}
      {exporting === null ? null : <InsightsExportDialog request={exporting} onClose={() => setExporting(null)} />}
    </>
  );
}

function DashboardLoader({ route }: { readonly route: InsightsRoute }) {
  const list = useQuery<'insights.dashboards'>({ type: 'insights.dashboards' });
  const dashboardId = route.dashboardId ?? (list.status === 'ready' ? (list.value[0]?.dashboardId ?? null) : null);
  const record = useQuery<'insights.dashboard'>(dashboardId === null ? null : { type: 'insights.dashboard', dashboardId });
  const reloadList = list.reload;
  const reloadRecord = record.reload;
  const reload = useCallback(() => {
    reloadList();
    reloadRecord();
  }, [reloadList, reloadRecord]);
  if (list.status === 'error') return <Message title={t('dashboardsCannotBeShown')} body={list.error} role="alert" />;
  if (record.status === 'error') return <Message title={t('dashboardCannotBeShown')} body={record.error} role="alert" />;
  if (record.status === 'loading' || dashboardId === null) {
    if (list.status === 'ready' && list.value.length === 0) return <Message title={t('noDashboards')} />;
    return <Message title={t('openingDashboard')} />;
  }
  // A stale record (the route moved on) is not shown under the new route's name.
  if (record.value.dashboardId !== dashboardId) return <Message title={t('openingDashboard')} />;
  return <Dashboard route={route} record={record.value} dashboards={list.status === 'ready' ? list.value : []} reload={reload} />;
}

/** The view, for the insights route. */
export function InsightsView({ route }: { readonly route: InsightsRoute }) {
  const session = useConsole((state) => state.session.status);
  const allowed = useCan('insights.view');
  return (
    <section className="view insights" aria-labelledby="view-title" data-testid="insights-view">
      {session === 'loading' ? <Message title={t('openingInsights')} /> : null}
      {session === 'error' ? <Message title={t('insightsCannotBeShown')} role="alert" /> : null}
      {session === 'ready' && !allowed ? <Message title={t('insightsNotAvailable')} body={t('askAdministrator')} role="alert" /> : null}
      {session === 'ready' && allowed ? <DashboardLoader route={route} /> : null}
    </section>
  );
}
