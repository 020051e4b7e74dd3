/**
 * Scheduled e-mail reports (#/reports): the user's schedules (every schedule for a user who may set
 * the mail server), their editor, "Send now", the send history with each error, and the mail
 * server's settings. Reports are sent by the console core while it runs (docs/reports.md).
 */
import { useState } from 'react';
import type { ReportRun, ReportSchedule } from '../../../src-shared/api/reports.js';
import { ActionFeedback } from '../../components/action-feedback.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { useQuery } from '../../hooks/use-api.js';
import { useCommand } from '../../hooks/use-command.js';
import { useT } from '../../i18n/translate.js';
import { cadenceInWords, momentInWords, RANGE_KEYS } from './reports-model.js';
import { ScheduleEditor } from './schedule-editor.js';
import { SendHistory } from './send-history.js';
import { SmtpSection } from './smtp-form.js';

const t = useT('reports');

function ScheduleRows({ schedules, onEdit, onChanged }: { readonly schedules: readonly ReportSchedule[]; readonly onEdit: (schedule: ReportSchedule) => void; readonly onChanged: () => void }) {
  const sender = useCommand();
  const remover = useCommand();
  const [deleting, setDeleting] = useState<ReportSchedule | null>(null);
  const sendNow = (schedule: ReportSchedule): void => {
    void sender
      .run(
        { type: 'reports.schedule.runNow', scheduleId: schedule.scheduleId },
        {
          pending: t('sending', { name: schedule.name }),
          describe: (run: ReportRun) => (run.state === 'sent' ? t('sent', { name: schedule.name, count: run.recipients.length }) : t('sendFailed', { name: schedule.name, error: run.error ?? '' })),
        },
      )
      .then(onChanged);
  };
  const remove = (schedule: ReportSchedule): void => {
    void remover.run({ type: 'reports.schedule.delete', scheduleId: schedule.scheduleId }, { pending: t('deleting'), describe: () => t('deleted') }).then((result) => {
      if (!result.ok) return;
      setDeleting(null);
      onChanged();
    });
  };
  return (
    <>
      <div className="reports__scroller" tabIndex={0} role="region" aria-labelledby="reports-schedules-title">
        <table className="reports__table" data-testid="report-schedules">
          <thead>
            <tr>
              <th scope="col">{t('columnName')}</th>
              <th scope="col">{t('columnDashboard')}</th>
              <th scope="col">{t('columnWhen')}</th>
              <th scope="col">{t('columnRecipients')}</th>
              <th scope="col">{t('columnNext')}</th>
              <th scope="col">{t('columnActions')}</th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((schedule) => (
              <tr key={schedule.scheduleId} data-testid="report-schedule" data-schedule-id={schedule.scheduleId}>
                <th scope="row">{schedule.name}</th>
                <td>
                  {schedule.dashboardName}
                  <span className="reports__sub">{t(RANGE_KEYS[schedule.range])}</span>
                </td>
                <td>{cadenceInWords(schedule)}</td>
                <td title={schedule.recipients.join(', ')}>{t('recipientCount', { count: schedule.recipients.length })}</td>
                <td>{schedule.nextRunAt === null ? <span className="muted">{t('disabled')}</span> : momentInWords(schedule.nextRunAt, schedule.timeZone)}</td>
                <td className="reports__row-actions">
                  <button type="button" className="button button--small" onClick={() => onEdit(schedule)} aria-label={t('editNamed', { name: schedule.name })} data-testid="report-edit">
                    {t('edit')}
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => sendNow(schedule)}
                    disabled={sender.pending}
                    aria-label={t('sendNowNamed', { name: schedule.name })}
                    data-testid="report-send-now"
                  >
                    {t('sendNow')}
                  </button>
                  <button type="button" className="button button--small button--danger" onClick={() => setDeleting(schedule)} aria-label={t('deleteNamed', { name: schedule.name })} data-testid="report-delete">
                    {t('delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ActionFeedback feedback={sender.feedback} testId="report-send-feedback" onDismiss={sender.clear} />
      {deleting === null ? null : (
        <ConfirmDialog
          title={t('deleteNamed', { name: deleting.name })}
          confirmLabel={t('delete')}
          tone="danger"
          busy={remover.pending}
          error={remover.feedback.kind === 'error' ? remover.feedback.text : null}
          onConfirm={() => remove(deleting)}
          onCancel={() => setDeleting(null)}
          testId="report-delete-dialog"
        >
          <p>{t('confirmDelete', { name: deleting.name })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

export function ReportsView() {
  const schedules = useQuery({ type: 'reports.schedules' });
  const runs = useQuery({ type: 'reports.runs', limit: 100 });
  const [editing, setEditing] = useState<ReportSchedule | 'new' | null>(null);
  const reload = (): void => {
    schedules.reload();
    runs.reload();
  };
  return (
    <section className="view reports" aria-labelledby="view-title" data-testid="reports-view">
      <header className="view__header">
        <h1 id="view-title" className="view__title">
          {t('title')}
        </h1>
        <p className="muted">{t('intro')}</p>
      </header>
      <section className="panel reports__section" aria-labelledby="reports-schedules-title">
        <h2 id="reports-schedules-title" className="reports__subtitle">
          {t('schedules')}
        </h2>
        {schedules.status === 'loading' ? (
          <p role="status" aria-busy="true">
            <span className="spinner spinner--inline" aria-hidden="true" />
            {t('loadingSchedules')}
          </p>
        ) : null}
        {schedules.status === 'error' ? (
          <div className="form-error" role="alert" data-testid="report-schedules-error">
            <p>
              {t('schedulesCannotBeShown')}: {schedules.error}
            </p>
            <button type="button" className="button" onClick={schedules.reload}>
              {t('tryAgain')}
            </button>
          </div>
        ) : null}
        {schedules.status === 'ready' && schedules.value.length === 0 ? (
          <div className="reports__empty" data-testid="report-schedules-empty">
            <p>{t('noSchedules')}</p>
            <p className="muted">{t('noSchedulesHint')}</p>
          </div>
        ) : null}
        {schedules.status === 'ready' && schedules.value.length > 0 ? <ScheduleRows schedules={schedules.value} onEdit={setEditing} onChanged={reload} /> : null}
        {editing === null ? (
          <button type="button" className="button button--primary" onClick={() => setEditing('new')} data-testid="report-add">
            {t('addSchedule')}
          </button>
        ) : null}
      </section>
      {editing === null ? null : (
        <ScheduleEditor
          key={editing === 'new' ? 'new' : editing.scheduleId}
          editing={editing === 'new' ? null : editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) reload();
          }}
        />
      )}
      <SendHistory runs={runs} />
      <SmtpSection />
    </section>
  );
}
