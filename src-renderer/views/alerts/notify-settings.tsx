/**
 * The user's notification choices: which queue × kind notify them, with or without a sound, and
 * the browser's permission, asked from this button's click (a browser asks only from a gesture).
 * In the desktop app the shell shows the notices and no permission is needed.
 */
import { useState } from 'react';
import { ALERT_KINDS, subscriptionKey, type AlertKind } from '../../../src-shared/api/alerts.js';
import { ActionFeedback } from '../../components/action-feedback.js';
import { useCommand } from '../../hooks/use-command.js';
import { useQueueChoices } from '../../hooks/use-queue-choices.js';
import { preferencesReceived, useAlerts } from '../../notify/alerts-store.js';
import { desktopBridge, requestWebNotifications, webNotificationPermission } from '../../notify/deliver.js';
import { useT } from '../../i18n/translate.js';

const t = useT('alerts');

const KIND_LABELS: Readonly<Record<AlertKind, string>> = { threshold: 'Thresholds', queued: 'Queued', event: 'Conversation events' };

function PermissionControl() {
  const [permission, setPermission] = useState(webNotificationPermission());
  if (desktopBridge() !== null) return <p className="alerts__note">{t('theDesktopAppShows')}</p>;
  if (permission === 'unsupported') return <p className="alerts__note">{t('thisBrowserCannotShow')}</p>;
  if (permission === 'granted') {
    return (
      <p className="alerts__note" data-testid="alerts-notify-permission-state">
        {t('browserNotificationsAreAllowed')}
      </p>
    );
  }
  return (
    <p className="alerts__note">
      <button type="button" className="button" onClick={() => void requestWebNotifications().then(setPermission)} data-testid="alerts-notify-permission">
        {t('allowBrowserNotifications')}
      </button>{' '}
      {permission === 'denied' ? t('theBrowserBlocksThem') : null}
    </p>
  );
}

/** The settings panel of the alert centre. */
export function NotifySettings() {
  const queues = useQueueChoices();
  const { preferences } = useAlerts();
  const [chosen, setChosen] = useState<ReadonlySet<string> | null>(null);
  const [sound, setSound] = useState<boolean | null>(null);
  const runner = useCommand();
  const current = chosen ?? new Set(preferences.subscriptions);
  const withSound = sound ?? preferences.sound;
  const toggle = (key: string): void => {
    const next = new Set(current);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setChosen(next);
  };
  const save = (): void => {
    void runner.run({ type: 'alerts.set_preferences', subscriptions: [...current], sound: withSound }, { pending: t('saving'), describe: () => t('saved') }).then((result) => {
      if (!result.ok) return;
      preferencesReceived(result.value);
      setChosen(null);
      setSound(null);
    });
  };
  return (
    <section className="panel alerts__settings" aria-labelledby="alerts-settings-title" data-testid="alerts-notify-settings">
      <h2 id="alerts-settings-title" className="panel__title">
        {t('notifyMe')}
      </h2>
      <PermissionControl />
      <table className="alerts__grid">
        <thead>
          <tr>
            <th scope="col">{t('queue')}</th>
            {ALERT_KINDS.map((kind) => (
              <th key={kind} scope="col">
                {KIND_LABELS[kind]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {queues.map((queue) => (
            <tr key={queue.queueId}>
              <th scope="row">{queue.name}</th>
              {ALERT_KINDS.map((kind) => {
                const key = subscriptionKey(queue.queueId, kind);
                return (
                  <td key={kind}>
                    <input type="checkbox" aria-label={`${queue.name}: ${KIND_LABELS[kind]}`} checked={current.has(key)} onChange={() => toggle(key)} data-testid={`alerts-notify-${queue.queueId}-${kind}`} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <label className="alerts__choice">
        <input type="checkbox" checked={withSound} onChange={(event) => setSound(event.target.checked)} data-testid="alerts-notify-sound" />
        {t('playASound')}
      </label>
      <p className="alerts__note">{t('escalationsToYouAlways')}</p>
      <button type="button" className="button button--primary" onClick={save} disabled={runner.pending} data-testid="alerts-notify-save">
        {t('save')}
      </button>
      <ActionFeedback feedback={runner.feedback} testId="alerts-notify-feedback" />
    </section>
  );
}
