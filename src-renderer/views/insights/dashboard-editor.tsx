/**
 * The custom dashboard editor: name, notes and widgets (title, metrics, dimension, split, chart,
 * width). It saves through `insights.dashboard.save` (a new dashboard when `dashboardId` is null:
 * "New" and "Copy"), after the same check the core makes, so a mistake is named by its field.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  INSIGHT_CHARTS,
  INSIGHT_DIMENSIONS,
  INSIGHT_METRICS,
  INSIGHT_SORTS,
  type DashboardDocument,
  type DashboardRecord,
  type InsightDimension,
  type InsightMetric,
  type InsightSort,
} from '../../../src-shared/api/insights.js';
import { Dialog } from '../../components/dialog.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import { useT, type KeyOf } from '../../i18n/translate.js';
import { checkedDocument, newWidget, withoutWidget, withWidget } from './editor-model.js';
import { metricLabel } from './insights-model.js';
import { CHART_LABELS } from './widget-card.js';

const t = useT('insights');

export const DIMENSION_LABELS: Readonly<Record<InsightDimension, KeyOf<'insights'>>> = {
  none: 'dimensionNone',
  interval: 'dimensionInterval',
  queue: 'dimensionQueue',
  group: 'dimensionGroup',
  channel: 'dimensionChannel',
  agent: 'dimensionAgent',
  team: 'dimensionTeam',
  location: 'dimensionLocation',
  intent: 'dimensionIntent',
  disposition: 'dimensionDisposition',
  hourOfWeek: 'dimensionHourOfWeek',
  csatScore: 'dimensionCsatScore',
  escalationReason: 'dimensionEscalationReason',
  status: 'dimensionStatus',
  awayReason: 'dimensionAwayReason',
};

const SORT_LABELS: Readonly<Record<InsightSort, KeyOf<'insights'>>> = {
  descending: 'sortDescending',
  ascending: 'sortAscending',
};

const WIDTHS = [3, 4, 6, 8, 12] as const;

/** One labelled drop-down of a widget's settings: each option is its value and its text. */
function Choice<V extends string>(props: { label: string; value: V; options: readonly (readonly [V, string])[]; onChange(value: V): void; testId: string }) {
  return (
    <label className="field">
      <span className="field__label">{props.label}</span>
      <select className="input" value={props.value} onChange={(event) => props.onChange(event.target.value as V)} data-testid={props.testId}>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export interface EditorProps {
  /** The dashboard being edited, or null for a new one (or a copy). */
  readonly dashboardId: string | null;
  readonly initial: DashboardDocument;
  onSaved(record: DashboardRecord): void;
  onCancel(): void;
}

export function DashboardEditor({ dashboardId, initial, onSaved, onCancel }: EditorProps) {
  const [document, setDocument] = useState<DashboardDocument>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const saving = useCommandIssuer();

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const checked = checkedDocument(document);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setBusy(true);
    const result = await saving.send({ type: 'insights.dashboard.save', dashboardId, document: checked.value });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else onSaved(result.value);
  };

  return (
    <Dialog title={dashboardId === null ? t('newDashboard') : t('editDashboard', { name: initial.name })} testId="insights-editor" onCancel={onCancel} busy={busy} wide className="insights">
      <form className="dialog__form" onSubmit={(event) => void save(event)}>
        <div className="dialog__body insights-editor">
          <label className="field">
            <span className="field__label">{t('name')}</span>
            <input className="input" value={document.name} maxLength={120} required onChange={(event) => setDocument({ ...document, name: event.target.value })} data-testid="insights-editor-name" />
          </label>
          <label className="field">
            <span className="field__label">{t('notes')}</span>
            <textarea className="input textarea" value={document.notes} maxLength={4000} rows={3} onChange={(event) => setDocument({ ...document, notes: event.target.value })} data-testid="insights-editor-notes" />
          </label>
          {document.widgets.map((widget, index) => (
            <fieldset key={widget.id} className="insights-editor__widget" data-testid="insights-editor-widget">
              <legend>{t('widgetNumber', { number: index + 1 })}</legend>
              <label className="field">
                <span className="field__label">{t('widgetTitle')}</span>
                <input className="input" value={widget.title} maxLength={120} required onChange={(event) => setDocument(withWidget(document, index, { title: event.target.value }))} data-testid="insights-editor-widget-title" />
              </label>
              <label className="field">
                <span className="field__label">{t('metrics')}</span>
                <select
                  className="input insights-editor__metrics"
                  multiple
                  size={6}
                  value={[...widget.metrics]}
                  onChange={(event) => setDocument(withWidget(document, index, { metrics: [...event.target.selectedOptions].map((option) => option.value as InsightMetric).slice(0, 6) }))}
                  data-testid="insights-editor-metrics"
                >
                  {INSIGHT_METRICS.map((metric) => (
                    <option key={metric} value={metric}>
                      {metricLabel(metric)}
                    </option>
                  ))}
                </select>
              </label>
              <div className="insights-editor__row">
                <Choice label={t('dimension')} value={widget.dimension} options={INSIGHT_DIMENSIONS.map((dimension) => [dimension, t(DIMENSION_LABELS[dimension])])} onChange={(dimension) => setDocument(withWidget(document, index, { dimension }))} testId="insights-editor-dimension" />
                <Choice
                  label={t('split')}
                  value={widget.split ?? ''}
                  options={[['', t('noSplit')], ...INSIGHT_DIMENSIONS.filter((dimension) => dimension !== 'none').map((dimension) => [dimension, t(DIMENSION_LABELS[dimension])] as const)]}
                  onChange={(split) => setDocument(withWidget(document, index, { split: split === '' ? null : split }))}
                  testId="insights-editor-split"
                />
                <Choice label={t('sortOrder')} value={widget.sort} options={INSIGHT_SORTS.map((sort) => [sort, t(SORT_LABELS[sort])])} onChange={(sort) => setDocument(withWidget(document, index, { sort }))} testId="insights-editor-sort" />
                <Choice label={t('chart')} value={widget.chart} options={INSIGHT_CHARTS.map((chart) => [chart, t(CHART_LABELS[chart])])} onChange={(chart) => setDocument(withWidget(document, index, { chart }))} testId="insights-editor-chart" />
                <Choice
                  label={t('width')}
                  value={String(widget.width)}
                  options={WIDTHS.map((width) => [String(width), t('widthColumns', { count: width })])}
                  onChange={(width) => setDocument(withWidget(document, index, { width: Number(width) }))}
                  testId="insights-editor-width"
                />
              </div>
              <button type="button" className="button button--quiet button--small" disabled={document.widgets.length <= 1} onClick={() => setDocument(withoutWidget(document, index))} data-testid="insights-editor-remove-widget">
                {t('removeWidget', { title: widget.title })}
              </button>
            </fieldset>
          ))}
          <button type="button" className="button" disabled={document.widgets.length >= 40} onClick={() => setDocument({ ...document, widgets: [...document.widgets, newWidget(document.widgets, t('newWidgetTitle'))] })} data-testid="insights-editor-add-widget">
            {t('addWidget')}
          </button>
        </div>
        {error === null ? null : (
          <p className="form-error dialog__error" role="alert" data-testid="insights-editor-error">
            {error}
          </p>
        )}
        <footer className="dialog__footer">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="insights-editor-save">
            {busy ? t('saving') : t('saveDashboard')}
          </button>
          <button type="button" className="button button--quiet" disabled={busy} onClick={onCancel}>
            {t('cancel')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
