/**
 * The alert centre (`#/alerts`): alerts of the user's queues that need someone, escalations to the
 * user first, the history of every alert with filters (state, queue, kind), the actions on each
 * (keyboard or buttons), and the user's notification choices.
 */
import { useEffect, useState } from 'react';
import { ALERT_KINDS, ALERT_STATES, type AlertKind, type AlertRecord, type AlertState } from '../../../src-shared/api/alerts.js';
import { ActionFeedback } from '../../components/action-feedback.js';
import { useCan, useQuery } from '../../hooks/use-api.js';
import { useCommand } from '../../hooks/use-command.js';
import { useConsole } from '../../hooks/store-context.js';
import { useQueueChoices } from '../../hooks/use-queue-choices.js';
import { useAlerts } from '../../notify/alerts-store.js';
import { AlertActionDialog, type AlertAction } from './alert-dialogs.js';
import { AlertList } from './alert-list.js';
import { NotifySettings } from './notify-settings.js';
import { useT } from '../../i18n/translate.js';

const t = useT('alerts');

interface Filters {
  readonly state: AlertState | '';
  readonly queueId: string;
  readonly kind: AlertKind | '';
}

const KIND_LABELS: Readonly<Record<AlertKind, string>> = { threshold: 'Threshold', queued: 'Queued', event: 'Conversation event' };

function matches(alert: AlertRecord, filters: Filters): boolean {
  return (filters.queueId === '' || alert.queueId === filters.queueId) && (filters.kind === '' || alert.kind === filters.kind);
}

/** The alert centre. */
export function AlertsView() {
  const allowed = useCan('alerts.view');
  const canAct = useCan('alerts.act');
  const canEscalate = useCan('alerts.escalate');
  const userId = useConsole((state) => (state.session.status === 'ready' ? state.session.info.userId : null));
  const queues = useQueueChoices(allowed);
  const { message } = useAlerts();
  const [filters, setFilters] = useState<Filters>({ state: '', queueId: '', kind: '' });
  const [acting, setActing] = useState<{ readonly alert: AlertRecord; readonly action: AlertAction } | null>(null);
  const runner = useCommand();
  const history = useQuery<'alerts.list'>(
    allowed ? { type: 'alerts.list', limit: 200, ...(filters.state === '' ? {} : { state: filters.state }), ...(filters.queueId === '' ? {} : { queueId: filters.queueId }), ...(filters.kind === '' ? {} : { kind: filters.kind }) } : null,
  );
  const { reload } = history;
  // Every change the topic pushes changes the history too.
  useEffect(() => reload(), [message, reload]);

  if (!allowed) return <p className="state-message">{t('alertsAreNotAvailable')}</p>;
  const open = (message?.open ?? []).filter((alert) => matches(alert, filters));
  const toMe = open.filter((alert) => alert.state === 'escalated' && alert.escalatedTo === userId);
  const needing = open.filter((alert) => !toMe.includes(alert));
  const onAction = (alert: AlertRecord, action: AlertAction): void => setActing({ alert, action });
  const lists = { canAct, canEscalate, onAction };

  return (
    <div className="alerts" data-testid="alerts-view">
      <h1 className="view-title">{t('alerts')}</h1>
      <div className="alerts__filters" role="group" aria-label={t('filters')}>
        <label className="field">
          <span className="field__label">{t('state')}</span>
          <select className="field__input" value={filters.state} onChange={(event) => setFilters({ ...filters, state: event.target.value as Filters['state'] })} data-testid="alerts-filter-state">
            <option value="">{t('any')}</option>
            {ALERT_STATES.map((state) => (
              <option key={state} value={state}>
                {state === 'resolved' ? t('recovered') : state}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('queue')}</span>
          <select className="field__input" value={filters.queueId} onChange={(event) => setFilters({ ...filters, queueId: event.target.value })} data-testid="alerts-filter-queue">
            <option value="">{t('any')}</option>
            {queues.map((queue) => (
              <option key={queue.queueId} value={queue.queueId}>
                {queue.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('kind')}</span>
          <select className="field__input" value={filters.kind} onChange={(event) => setFilters({ ...filters, kind: event.target.value as Filters['kind'] })} data-testid="alerts-filter-kind">
            <option value="">{t('any')}</option>
            {ALERT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ActionFeedback feedback={runner.feedback} testId="alerts-feedback" onDismiss={runner.clear} />
      {toMe.length > 0 ? (
        <section className="panel alerts__section alerts__section--mine" aria-labelledby="alerts-mine-title">
          <h2 id="alerts-mine-title" className="panel__title">
            {t('escalatedToYou')}
          </h2>
          <AlertList label={t('escalatedToYou')} alerts={toMe} testId="alerts-mine" {...lists} />
        </section>
      ) : null}
      <section className="panel alerts__section" aria-labelledby="alerts-open-title">
        <h2 id="alerts-open-title" className="panel__title">
          {t('openNow')}
        </h2>
        <AlertList label={t('openAlerts')} alerts={needing} testId="alerts-open" {...lists} />
      </section>
      <section className="panel alerts__section" aria-labelledby="alerts-history-title">
        <h2 id="alerts-history-title" className="panel__title">
          {t('history')}
        </h2>
        {history.status === 'error' ? <p role="alert">{history.error}</p> : null}
        <AlertList label={t('alertHistory')} alerts={history.status === 'ready' ? history.value : []} testId="alerts-history" {...lists} />
      </section>
      <NotifySettings />
      {acting === null ? null : <AlertActionDialog action={acting.action} alert={acting.alert} runner={runner} onClose={() => setActing(null)} />}
    </div>
  );
}
