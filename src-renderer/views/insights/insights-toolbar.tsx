/**
 * The Insights toolbar: which dashboard, which range (a preset or two dates), interval, zone,
 * the comparison with the previous period, and the filters every widget is narrowed to. It only
 * reports changes; the view keeps them in the URL (view-state.ts).
 */
import { INSIGHT_INTERVALS, RANGE_PRESETS, type DashboardSummary, type InsightInterval, type RangePreset } from '../../../src-shared/api/insights.js';
import { calendarDateIn } from '../../format/locale.js';
import { useT, type KeyOf } from '../../i18n/translate.js';
import { FILTER_PARAMS, withFilter, type FilterKey, type InsightsViewState } from './view-state.js';

const t = useT('insights');

const PRESET_LABELS: Readonly<Record<RangePreset, KeyOf<'insights'>>> = {
  today: 'presetToday',
  yesterday: 'presetYesterday',
  last7Days: 'presetLast7Days',
  last30Days: 'presetLast30Days',
  last90Days: 'presetLast90Days',
  thisWeek: 'presetThisWeek',
  lastWeek: 'presetLastWeek',
  thisMonth: 'presetThisMonth',
  lastMonth: 'presetLastMonth',
};

const INTERVAL_LABELS: Readonly<Record<InsightInterval, KeyOf<'insights'>>> = { '15m': 'interval15m', hour: 'intervalHour', day: 'intervalDay', week: 'intervalWeek', month: 'intervalMonth' };

const FILTER_LABELS: Readonly<Record<FilterKey, KeyOf<'insights'>>> = { queueIds: 'filterQueues', groupIds: 'filterGroups', channels: 'filterChannels', agentIds: 'filterAgents', teamIds: 'filterTeams', intents: 'filterIntents' };

export interface FilterChoice {
  readonly value: string;
  readonly label: string;
}

export type FilterChoices = Readonly<Record<FilterKey, readonly FilterChoice[]>>;

function isoDate(epochMs: number, timeZone: string): string {
  const { year, month, day } = calendarDateIn(epochMs, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function FilterMenu({ kind, choices, selected, onChange }: { readonly kind: FilterKey; readonly choices: readonly FilterChoice[]; readonly selected: readonly string[]; onChange(values: readonly string[]): void }) {
  const label = t(FILTER_LABELS[kind]);
  const toggle = (value: string, on: boolean): void => onChange(on ? [...selected, value] : selected.filter((candidate) => candidate !== value));
  return (
    <details className="insights-filter" data-testid={`insights-filter-${kind}`}>
      <summary className="button button--small">
        {label}
        {selected.length > 0 ? ` (${String(selected.length)})` : ''}
      </summary>
      <fieldset className="insights-filter__menu">
        <legend className="visually-hidden">{label}</legend>
        {choices.length === 0 ? <p className="insights-muted">{t('noChoices')}</p> : null}
        {choices.map((choice) => (
          <label key={choice.value} className="insights-filter__choice">
            <input type="checkbox" checked={selected.includes(choice.value)} onChange={(event) => toggle(choice.value, event.target.checked)} data-value={choice.value} />
            {choice.label}
          </label>
        ))}
        {selected.length > 0 ? (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            {t('clearFilter', { filter: label })}
          </button>
        ) : null}
      </fieldset>
    </details>
  );
}

export interface ToolbarProps {
  readonly dashboards: readonly DashboardSummary[];
  readonly dashboardId: string | null;
  readonly state: InsightsViewState;
  /** The zone in effect (the state's, or the first queue's). */
  readonly timeZone: string;
  readonly timeZones: readonly string[];
  readonly choices: FilterChoices;
  onDashboard(dashboardId: string): void;
  onChange(state: InsightsViewState): void;
}

export function InsightsToolbar({ dashboards, dashboardId, state, timeZone, timeZones, choices, onDashboard, onChange }: ToolbarProps) {
  const builtIn = dashboards.filter((dashboard) => dashboard.builtIn);
  const own = dashboards.filter((dashboard) => !dashboard.builtIn);
  const custom = !('preset' in state.range);
  const rangeValue = 'preset' in state.range ? state.range.preset : 'custom';
  const changeRange = (value: string): void => {
    if (value === 'custom') {
      // A starting point for the two dates only: the last seven days as this machine counts them.
      const now = Date.now();
      const today = isoDate(now, timeZone);
      const weekAgo = isoDate(now - 6 * 86_400_000, timeZone);
      onChange({ ...state, range: { from: weekAgo, to: today } });
    } else onChange({ ...state, range: { preset: value as RangePreset } });
  };
  const changeDate = (edge: 'from' | 'to', value: string): void => {
    if (custom && value.length > 0) {
      const next = { ...state.range, [edge]: value } as { from: string; to: string };
      // Keep the range in order: moving one end past the other moves both.
      onChange({ ...state, range: next.from <= next.to ? next : { from: value, to: value } });
    }
  };
  return (
    <div className="insights-toolbar" role="group" aria-label={t('viewSettings')} data-testid="insights-toolbar">
      <label className="field insights-toolbar__field">
        <span className="field__label">{t('dashboard')}</span>
        <select className="input" value={dashboardId ?? ''} onChange={(event) => onDashboard(event.target.value)} data-testid="insights-dashboard-picker">
          <optgroup label={t('builtInDashboards')}>
            {builtIn.map((dashboard) => (
              <option key={dashboard.dashboardId} value={dashboard.dashboardId}>
                {dashboard.name}
              </option>
            ))}
          </optgroup>
          {own.length > 0 ? (
            <optgroup label={t('yourDashboards')}>
              {own.map((dashboard) => (
                <option key={dashboard.dashboardId} value={dashboard.dashboardId}>
                  {dashboard.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      <label className="field insights-toolbar__field">
        <span className="field__label">{t('range')}</span>
        <select className="input" value={rangeValue} onChange={(event) => changeRange(event.target.value)} data-testid="insights-range">
          {RANGE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(PRESET_LABELS[preset])}
            </option>
          ))}
          <option value="custom">{t('presetCustom')}</option>
        </select>
      </label>
      {custom && !('preset' in state.range) ? (
        <>
          <label className="field insights-toolbar__field">
            <span className="field__label">{t('from')}</span>
            <input className="input" type="date" value={state.range.from} max={state.range.to} onChange={(event) => changeDate('from', event.target.value)} data-testid="insights-range-from" />
          </label>
          <label className="field insights-toolbar__field">
            <span className="field__label">{t('to')}</span>
            <input className="input" type="date" value={state.range.to} min={state.range.from} onChange={(event) => changeDate('to', event.target.value)} data-testid="insights-range-to" />
          </label>
        </>
      ) : null}
      <label className="field insights-toolbar__field">
        <span className="field__label">{t('interval')}</span>
        <select className="input" value={state.interval} onChange={(event) => onChange({ ...state, interval: event.target.value as InsightInterval })} data-testid="insights-interval">
          {INSIGHT_INTERVALS.map((interval) => (
            <option key={interval} value={interval}>
              {t(INTERVAL_LABELS[interval])}
            </option>
          ))}
        </select>
      </label>
      <label className="field insights-toolbar__field">
        <span className="field__label">{t('timeZone')}</span>
        <select className="input" value={timeZone} onChange={(event) => onChange({ ...state, timeZone: event.target.value })} data-testid="insights-zone">
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <label className="insights-toolbar__check">
        <input type="checkbox" checked={state.compare} onChange={(event) => onChange({ ...state, compare: event.target.checked })} data-testid="insights-compare" />
        {t('comparePrevious')}
      </label>
      <div className="insights-toolbar__filters" role="group" aria-label={t('filters')}>
        {FILTER_PARAMS.map(([kind]) => (
          <FilterMenu key={kind} kind={kind} choices={choices[kind]} selected={state.filters[kind] ?? []} onChange={(values) => onChange({ ...state, filters: withFilter(state.filters, kind, values) })} />
        ))}
      </div>
    </div>
  );
}
