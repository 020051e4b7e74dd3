/** Under the top bar on every view: the alerts escalated to the signed-in user, until they act on them. */
import { useConsole } from '../hooks/store-context.js';
import { useAlerts } from '../notify/alerts-store.js';

/** Shown while an alert is escalated to this user; links to the alert centre. */
export function EscalationBanner() {
  const userId = useConsole((state) => (state.session.status === 'ready' ? state.session.info.userId : null));
  const { message } = useAlerts();
  const mine = (message?.open ?? []).filter((alert) => alert.state === 'escalated' && alert.escalatedTo === userId);
  const first = mine[0];
  if (first === undefined) return null;
  const by = first.updates.at(-1)?.byName ?? 'someone';
  return (
    <div className="escalation-banner" role="alert" data-testid="escalation-banner">
      <strong>Escalated to you:</strong> {first.title} on {first.queueName}, by {by}
      {mine.length > 1 ? ` (and ${mine.length - 1} more)` : ''}.{' '}
      <a href="#/alerts" data-testid="escalation-banner-open">
        Open the alert centre
      </a>
    </div>
  );
}
