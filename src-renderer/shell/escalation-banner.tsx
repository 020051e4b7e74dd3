/** Under the top bar on every view: the alerts escalated to the signed-in user, until they act on them. */
import { useConsole } from '../hooks/store-context.js';
import { useAlerts } from '../notify/alerts-store.js';
import { useT } from '../i18n/translate.js';

const t = useT('shell');

/** Shown while an alert is escalated to this user; links to the alert centre. */
export function EscalationBanner() {
  const userId = useConsole((state) => (state.session.status === 'ready' ? state.session.info.userId : null));
  const { message } = useAlerts();
  const mine = (message?.open ?? []).filter((alert) => alert.state === 'escalated' && alert.escalatedTo === userId);
  const first = mine[0];
  if (first === undefined) return null;
  const by = first.updates.at(-1)?.byName ?? t('someone');
  return (
    <div className="escalation-banner" role="alert" data-testid="escalation-banner">
      <strong>{t('escalatedToYou')}</strong> {t('escalatedWhat', { title: first.title, queue: first.queueName, by })}
      {mine.length > 1 ? t('andMore', { count: mine.length - 1 }) : ''}.{' '}
      <a href="#/alerts" data-testid="escalation-banner-open">
        {t('openAlertCentre')}
      </a>
    </div>
  );
}
