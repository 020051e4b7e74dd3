/** The send history: each attempt, when, for which run, late or not, its files, and its error in words. */
import type { ReportRun } from '../../../src-shared/api/reports.js';
import type { QueryState } from '../../hooks/use-api.js';
import { useT } from '../../i18n/translate.js';
import { localTimeZone, momentInWords } from './reports-model.js';

const t = useT('reports');

export function SendHistory({ runs }: { readonly runs: QueryState<readonly ReportRun[]> & { reload(): void } }) {
  const zone = localTimeZone();
  return (
    <section className="panel reports__section" aria-labelledby="reports-history-title" data-testid="report-history">
      <h2 id="reports-history-title" className="reports__subtitle">
        {t('history')}
      </h2>
      {runs.status === 'loading' ? (
        <p role="status" aria-busy="true">
          <span className="spinner spinner--inline" aria-hidden="true" />
          {t('loadingHistory')}
        </p>
      ) : null}
      {runs.status === 'error' ? (
        <div className="form-error" role="alert">
          <p>
            {t('historyCannotBeShown')}: {runs.error}
          </p>
          <button type="button" className="button" onClick={runs.reload}>
            {t('tryAgain')}
          </button>
        </div>
      ) : null}
      {runs.status === 'ready' && runs.value.length === 0 ? (
        <p className="muted" data-testid="report-history-empty">
          {t('noRuns')}
        </p>
      ) : null}
      {runs.status === 'ready' && runs.value.length > 0 ? (
        <div className="reports__scroller" tabIndex={0} role="region" aria-labelledby="reports-history-title">
          <table className="reports__table">
            <thead>
              <tr>
                <th scope="col">{t('columnAttempted')}</th>
                <th scope="col">{t('columnSchedule')}</th>
                <th scope="col">{t('columnRunFor')}</th>
                <th scope="col">{t('columnState')}</th>
                <th scope="col">{t('columnFiles')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.value.map((run) => (
                <tr key={run.runId} data-testid="report-run" data-state={run.state} data-missed={run.missed ? 'yes' : 'no'}>
                  <td>{momentInWords(run.attemptedAt, zone)}</td>
                  <th scope="row">{run.scheduleName}</th>
                  <td>
                    {momentInWords(run.scheduledFor, zone)}
                    {run.missed ? <span className="reports__tag">{t('missed')}</span> : null}
                  </td>
                  <td>
                    <span className={run.state === 'sent' ? 'reports__state reports__state--ok' : 'reports__state reports__state--bad'}>{run.state === 'sent' ? t('stateSent') : t('stateFailed')}</span>
                    {run.error === null ? null : (
                      <p className="reports__error" data-testid="report-run-error">
                        {run.error}
                      </p>
                    )}
                  </td>
                  <td>{run.attachments.length > 0 ? run.attachments.join(', ') : t('noFiles')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
