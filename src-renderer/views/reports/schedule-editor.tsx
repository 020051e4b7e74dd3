/**
 * The schedule editor: dashboard, cadence, local time, weekday or day of the month, zone, range,
 * recipients, formats and whether it sends. Problems are listed above the buttons before anything
 * is sent; the core's refusal (an unknown zone or dashboard) shows in the same place.
 */
import { useId, useState } from 'react';
import { RANGE_PRESETS } from '../../../src-shared/api/insights.js';
import { REPORT_CADENCES, type ReportFormat, type ReportSchedule } from '../../../src-shared/api/reports.js';
import { ActionFeedback } from '../../components/action-feedback.js';
import { useQuery } from '../../hooks/use-api.js';
import { useCommand } from '../../hooks/use-command.js';
import { useT } from '../../i18n/translate.js';
import { ATTACHABLE_FORMATS, RANGE_KEYS, WEEKDAY_KEYS, draftOf, draftProblems, inputOf, newDraft, timeZoneChoices, type ScheduleDraft } from './reports-model.js';

const t = useT('reports');

const CADENCE_KEYS = { daily: 'cadenceDaily', weekdays: 'cadenceWeekdays', weekly: 'cadenceWeekly', monthly: 'cadenceMonthly' } as const;
const FORMAT_KEYS: Readonly<Record<ReportFormat, 'formatCsv' | 'formatXlsx' | 'formatPdf'>> = { csv: 'formatCsv', xlsx: 'formatXlsx', pdf: 'formatPdf' };

function DashboardField({ id, value, onChange }: { readonly id: string; readonly value: string; readonly onChange: (dashboardId: string) => void }) {
  const dashboards = useQuery({ type: 'insights.dashboards' });
  if (dashboards.status === 'loading') return <p className="field__hint">{t('loadingDashboards')}</p>;
  if (dashboards.status === 'error') {
    return (
      <p className="form-error" data-testid="report-dashboards-error">
        {t('dashboardsCannotBeListed', { error: dashboards.error })}
      </p>
    );
  }
  const known = dashboards.value.some((dashboard) => dashboard.dashboardId === value);
  return (
    <select id={id} className="input" value={known ? value : ''} onChange={(event) => onChange(event.target.value)} data-testid="report-dashboard">
      {known ? null : <option value="">—</option>}
      {dashboards.value.map((dashboard) => (
        <option key={dashboard.dashboardId} value={dashboard.dashboardId}>
          {dashboard.name}
        </option>
      ))}
    </select>
  );
}

/** A form field: its label, the control, an optional hint tied to it. */
function Field({ label, hint, children, htmlFor }: { readonly label: string; readonly hint?: string; readonly children: React.ReactNode; readonly htmlFor: string }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint === undefined ? null : (
        <span className="field__hint" id={`${htmlFor}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

export function ScheduleEditor({ editing, onDone }: { readonly editing: ReportSchedule | null; readonly onDone: (saved: boolean) => void }) {
  const [draft, setDraft] = useState<ScheduleDraft>(() => (editing === null ? newDraft('builtin-program') : draftOf(editing)));
  const [shown, setShown] = useState<readonly string[]>([]);
  const runner = useCommand();
  const base = useId();
  const fieldId = (name: string): string => `${base}-${name}`;
  const set = <K extends keyof ScheduleDraft>(key: K, value: ScheduleDraft[K]): void => setDraft((current) => ({ ...current, [key]: value }));
  const toggleFormat = (format: ReportFormat): void =>
    set('formats', draft.formats.includes(format) ? draft.formats.filter((chosen) => chosen !== format) : [...draft.formats, format]);

  const save = (): void => {
    const problems = draftProblems(draft);
    setShown(problems);
    if (problems.length > 0) return;
    void runner
      .run({ type: 'reports.schedule.save', scheduleId: editing?.scheduleId ?? null, schedule: inputOf(draft) }, { pending: t('saving'), describe: (saved) => t('saved', { name: saved.name }) })
      .then((result) => {
        if (result.ok) onDone(true);
      });
  };

  const titleId = `${base}-title`;
  return (
    <section className="panel reports__editor" aria-labelledby={titleId} data-testid="report-editor">
      <h2 id={titleId} className="reports__subtitle">
        {editing === null ? t('newSchedule') : t('editSchedule', { name: editing.name })}
      </h2>
      <form
        className="reports__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Field label={t('name')} htmlFor={fieldId('name')}>
          <input id={fieldId('name')} className="input" value={draft.name} maxLength={120} onChange={(event) => set('name', event.target.value)} data-testid="report-name" />
        </Field>
        <Field label={t('dashboard')} htmlFor={fieldId('dashboard')}>
          <DashboardField id={fieldId('dashboard')} value={draft.dashboardId} onChange={(dashboardId) => set('dashboardId', dashboardId)} />
        </Field>
        <div className="reports__row">
          <Field label={t('cadence')} htmlFor={fieldId('cadence')}>
            <select id={fieldId('cadence')} className="input" value={draft.cadence} onChange={(event) => set('cadence', event.target.value as ScheduleDraft['cadence'])} data-testid="report-cadence">
              {REPORT_CADENCES.map((cadence) => (
                <option key={cadence} value={cadence}>
                  {t(CADENCE_KEYS[cadence])}
                </option>
              ))}
            </select>
          </Field>
          {draft.cadence === 'weekly' ? (
            <Field label={t('weekday')} htmlFor={fieldId('weekday')}>
              <select id={fieldId('weekday')} className="input" value={draft.weekday} onChange={(event) => set('weekday', Number(event.target.value))} data-testid="report-weekday">
                {WEEKDAY_KEYS.map((key, index) => (
                  <option key={key} value={index}>
                    {t(key)}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          {draft.cadence === 'monthly' ? (
            <Field label={t('dayOfMonth')} hint={t('dayOfMonthHint')} htmlFor={fieldId('day')}>
              <input
                id={fieldId('day')}
                className="input"
                type="number"
                min={1}
                max={28}
                value={draft.dayOfMonth}
                aria-describedby={`${fieldId('day')}-hint`}
                onChange={(event) => set('dayOfMonth', Math.min(28, Math.max(1, Number(event.target.value) || 1)))}
                data-testid="report-day"
              />
            </Field>
          ) : null}
          <Field label={t('time')} htmlFor={fieldId('time')}>
            <input id={fieldId('time')} className="input" type="time" value={draft.time} onChange={(event) => set('time', event.target.value)} data-testid="report-time" />
          </Field>
          <Field label={t('timeZone')} htmlFor={fieldId('zone')}>
            <select id={fieldId('zone')} className="input" value={draft.timeZone} onChange={(event) => set('timeZone', event.target.value)} data-testid="report-zone">
              {timeZoneChoices(draft.timeZone).map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label={t('range')} hint={t('rangeHint')} htmlFor={fieldId('range')}>
          <select
            id={fieldId('range')}
            className="input"
            value={draft.range}
            aria-describedby={`${fieldId('range')}-hint`}
            onChange={(event) => set('range', event.target.value as ScheduleDraft['range'])}
            data-testid="report-range"
          >
            {RANGE_PRESETS.map((preset) => (
              <option key={preset} value={preset}>
                {t(RANGE_KEYS[preset])}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('recipients')} hint={t('recipientsHint')} htmlFor={fieldId('recipients')}>
          <textarea
            id={fieldId('recipients')}
            className="input textarea"
            value={draft.recipients}
            aria-describedby={`${fieldId('recipients')}-hint`}
            onChange={(event) => set('recipients', event.target.value)}
            data-testid="report-recipients"
          />
        </Field>
        <fieldset className="reports__formats">
          <legend className="field__label">{t('formats')}</legend>
          {ATTACHABLE_FORMATS.map((format) => (
            <label key={format} className="reports__check">
              <input type="checkbox" checked={draft.formats.includes(format)} onChange={() => toggleFormat(format)} data-testid={`report-format-${format}`} />
              {t(FORMAT_KEYS[format])}
            </label>
          ))}
          <p className="field__hint">{t('pdfNote')}</p>
        </fieldset>
        <label className="reports__check">
          <input type="checkbox" checked={draft.enabled} onChange={(event) => set('enabled', event.target.checked)} data-testid="report-enabled" />
          {t('enabled')}
        </label>
        {shown.length === 0 ? null : (
          <div className="form-error" role="alert" data-testid="report-problems">
            <p>{t('fixFirst')}</p>
            <ul>
              {shown.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="reports__actions">
          <button type="submit" className="button button--primary" disabled={runner.pending} data-testid="report-save">
            {t('save')}
          </button>
          <button type="button" className="button" onClick={() => onDone(false)} disabled={runner.pending} data-testid="report-cancel">
            {t('cancel')}
          </button>
        </div>
        <ActionFeedback feedback={runner.feedback} testId="report-save-feedback" onDismiss={runner.clear} />
      </form>
    </section>
  );
}
