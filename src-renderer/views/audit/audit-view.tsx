/**
 * The tamper-evident audit log of supervisor actions and other sensitive actions: who did what, to
 * what, when, and what the feed answered; "Verify chain" walks the keyed chain, names the first
 * record that does not match or is missing, and says whether the feed's anchor agrees.
 */
import { useMemo, useState } from 'react';
import type { AuditRecord, AuditVerification } from '../../../src-shared/api/live-insights.js';
import { useClient } from '../../hooks/client-context.js';
import { useQuery } from '../../hooks/use-api.js';
import { ROLE_LABELS } from '../../format/metric-format.js';
import { isRole } from '../../../src-shared/permissions.js';
import { describeAnchor, describeAuditRecord, describeChain, describeVerification, outcomeLabel, type AuditNames, type VerdictLine } from './audit-format.js';
import { useConsole } from '../../hooks/store-context.js';
import { formatDateTime } from '../../format/locale.js';
import { useT } from '../../i18n/translate.js';

const t = useT('audit');

type Verify = { readonly status: 'idle' } | { readonly status: 'running' } | { readonly status: 'done'; readonly value: AuditVerification } | { readonly status: 'error'; readonly error: string };

function Verdict({ line, testId }: { readonly line: VerdictLine; readonly testId: string }) {
  return (
    <div className={`audit__verdict-line audit__verdict-line--${line.tone}`} data-testid={testId} data-tone={line.tone}>
      <strong>{line.title}</strong>
      {line.detail === '' ? null : <span className="audit__verdict-detail">{line.detail}</span>}
    </div>
  );
}

function VerdictPanel({ value }: { readonly value: AuditVerification }) {
  return (
    <div className="audit__verdicts" role="group" aria-label={describeVerification(value)}>
      <Verdict line={describeChain(value)} testId="audit-verdict-chain" />
      <Verdict line={describeAnchor(value.anchor)} testId="audit-verdict-anchor" />
    </div>
  );
}

function AuditRow({ record, names }: { readonly record: AuditRecord; readonly names: AuditNames }) {
  const text = describeAuditRecord(record, names);
  return (
    <tr data-testid="audit-row" data-audit-id={record.auditId} data-outcome={record.outcome}>
      <td className="audit-table__id" title={t('chainEntriesTheAction')}>
        {text.entries}
      </td>
      <td className="audit-table__time">
        <time dateTime={new Date(record.at).toISOString()}>{formatDateTime(record.at, undefined, { seconds: true, zoneName: true })}</time>
      </td>
      <td>
        {record.userId}
        <span className="audit-table__role">{isRole(record.role) ? ROLE_LABELS[record.role] : record.role}</span>
      </td>
      <td data-testid="audit-what">
        {text.what}
        <code className="audit-table__action">{record.action}</code>
      </td>
      <td data-testid="audit-subject">{text.subject}</td>
      <td className="audit-table__detail" data-testid="audit-detail">
        {text.details.length === 0 ? (
          <span className="muted">–</span>
        ) : (
          <ul className="audit-table__fields">
            {text.details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <span className={`outcome outcome--${record.outcome}`}>{outcomeLabel(record.outcome)}</span>
        {record.outcomeDetail === null ? null : <span className="audit-table__outcome-detail">{record.outcomeDetail}</span>}
      </td>
    </tr>
  );
}

export function AuditView() {
  const client = useClient();
  const records = useQuery<'audit.list'>({ type: 'audit.list', limit: 500 });
  const [verify, setVerify] = useState<Verify>({ status: 'idle' });
  const queues = useConsole((state) => state.overview.queues);
  const names = useMemo<AuditNames>(() => ({ queue: (queueId) => queues[queueId]?.name }), [queues]);

  const runVerify = async (): Promise<void> => {
    setVerify({ status: 'running' });
    const result = await client.query({ type: 'audit.verify' });
    setVerify(result.ok ? { status: 'done', value: result.value } : { status: 'error', error: result.error });
  };

  return (
    <section className="live-admin view audit" aria-labelledby="view-title" data-testid="audit">
      <header className="view__header audit__header">
        <h1 id="view-title" className="view__title">
          {t('auditLog')}
        </h1>
        <p className="muted">
          {t('everySupervisorActionWritten')}
        </p>
        <div className="toolbar">
          <button type="button" className="button button--primary" onClick={() => void runVerify()} disabled={verify.status === 'running'} data-testid="audit-verify">
            {verify.status === 'running' ? t('verifying') : t('verifyChain')}
          </button>
          <button type="button" className="button" onClick={records.reload} data-testid="audit-reload">
            {t('refresh')}
          </button>
          <div role="status" aria-live="polite" className={`audit__verdict audit__verdict--${verify.status === 'done' ? (verify.value.ok ? 'ok' : 'bad') : verify.status}`} data-testid="audit-verdict">
            {verify.status === 'done' ? <VerdictPanel value={verify.value} /> : verify.status === 'error' ? t('couldNotVerify', { error: verify.error }) : ''}
          </div>
        </div>
      </header>
      {records.status === 'loading' ? (
        <div className="state-message" role="status" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          <p>{t('loadingTheAuditLog')}</p>
        </div>
      ) : null}
      {records.status === 'error' ? (
        <div className="state-message" role="alert" data-testid="audit-error">
          <h2 className="state-message__title">{t('theAuditLogCannot')}</h2>
          <p className="state-message__body">{records.error}</p>
        </div>
      ) : null}
      {records.status === 'ready' && records.value.length === 0 ? (
        <p className="empty-note" data-testid="audit-empty">
          {t('noActionHasBeen')}
        </p>
      ) : null}
      {records.status === 'ready' && records.value.length > 0 ? (
        <div className="table-scroll">
          <table className="audit-table" data-testid="audit-table">
            <caption className="visually-hidden">{t('auditedActionsNewestFirst')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('record')}</th>
                <th scope="col">{t('time')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('what')}</th>
                <th scope="col">{t('queueConversationOrItem')}</th>
                <th scope="col">{t('details')}</th>
                <th scope="col">{t('outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {records.value.map((record) => (
                <AuditRow key={record.auditId} record={record} names={names} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
