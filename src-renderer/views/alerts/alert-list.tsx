/**
 * A list of alerts used with the keyboard: arrow keys (and Home/End) move between rows, `a`
 * acknowledges, `s` snoozes and `e` escalates the focused alert; every row also has buttons with
 * plain labels and a link to its queue page.
 */
import { useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { AlertRecord, AlertState } from '../../../src-shared/api/alerts.js';
import { formatTime } from '../../format/locale.js';
import type { AlertAction } from './alert-dialogs.js';
import { useT } from '../../i18n/translate.js';

const t = useT('alerts');

const STATE_LABELS: Readonly<Record<AlertState, string>> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  snoozed: 'Snoozed',
  escalated: 'Escalated',
  resolved: 'Recovered',
};

const KEY_ACTIONS: Readonly<Record<string, AlertAction>> = { a: 'acknowledge', s: 'snooze', e: 'escalate' };

function clock(at: number): string {
  return formatTime(at, undefined, true);
}

/** What people did about it, in one line. */
function lastChange(alert: AlertRecord): string {
  const last = alert.updates.at(-1);
  if (alert.state === 'resolved' && alert.resolvedAt !== null) return t('recoveredAtValue0', { value0: clock(alert.resolvedAt) });
  if (last === undefined) return t('raisedAtValue0', { value0: clock(alert.raisedAt) });
  const what = last.state === 'escalated' ? `escalated to ${last.escalatedToName ?? last.escalatedTo ?? 'someone'}` : last.state === 'snoozed' ? (last.snoozedUntil === null ? 'snoozed until it recovers' : `snoozed until ${clock(last.snoozedUntil)}`) : 'acknowledged';
  return `${what} by ${last.byName} at ${clock(last.at)}${last.note === null ? '' : ` — “${last.note}”`}`;
}

export interface AlertListProps {
  readonly label: string;
  readonly alerts: readonly AlertRecord[];
  readonly testId: string;
  readonly canAct: boolean;
  readonly canEscalate: boolean;
  readonly onAction: (alert: AlertRecord, action: AlertAction) => void;
}

/** The alerts as a keyboard list; an empty list says so. */
export function AlertList({ label, alerts, testId, canAct, canEscalate, onAction }: AlertListProps) {
  // The row in the tab order is kept by alert id: a new alert listed above it must not move it.
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  if (alerts.length === 0) {
    return (
      <p className="alerts__empty" data-testid={`${testId}-empty`}>
        {t('noAlerts')}
      </p>
    );
  }
  const kept = alerts.findIndex((alert) => alert.alertId === focusedId);
  const current = kept >= 0 ? kept : 0;
  const move = (index: number): void => {
    const next = Math.max(0, Math.min(alerts.length - 1, index));
    setFocusedId(alerts[next]?.alertId ?? null);
    rows.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (event.target instanceof HTMLElement && event.target.tagName !== 'LI') return;
    // A key acts on the row that has the focus, whatever moved around it since.
    const target = event.target instanceof HTMLLIElement ? rows.current.indexOf(event.target) : -1;
    const at = target >= 0 ? target : current;
    const alert = alerts[at];
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(alerts.length - 1);
    else {
      const action = KEY_ACTIONS[event.key.toLowerCase()];
      if (action === undefined || alert === undefined || alert.state === 'resolved') return;
      if (action === 'escalate' ? !canEscalate : !canAct) return;
      onAction(alert, action);
    }
    event.preventDefault();
  };
  return (
    <ul className="alerts__list" aria-label={t('labelArrowKeysMove', { label })} onKeyDown={onKeyDown} data-testid={testId}>
      {alerts.map((alert, index) => {
        const acting = alert.state !== 'resolved';
        return (
          <li
            key={alert.alertId}
            ref={(element) => {
              rows.current[index] = element;
            }}
            tabIndex={index === current ? 0 : -1}
            onFocus={() => setFocusedId(alert.alertId)}
            className={`alerts__row alerts__row--${alert.severity} alerts__row--${alert.state}`}
            data-testid="alerts-row"
            data-alert-id={alert.alertId}
            data-state={alert.state}
            data-queue-id={alert.queueId}
          >
            <span className={`alerts__severity alerts__severity--${alert.severity}`}>{alert.severity === 'critical' ? t('critical') : t('warning')}</span>
            <span className="alerts__title">
              <strong>{alert.title}</strong>
              <a className="alerts__queue" href={`#/queue/${encodeURIComponent(alert.queueId)}/conversations`} data-testid="alerts-row-queue">
                {alert.queueName}
              </a>
            </span>
            <span className="alerts__state" data-testid="alerts-row-state">
              {STATE_LABELS[alert.state]}
            </span>
            <span className="alerts__change">
              {lastChange(alert)}
              {alert.updates.length > 0 ? (
                <details className="alerts__updates">
                  <summary>{t('changes', { count: alert.updates.length })}</summary>
                  <ol data-testid="alerts-row-updates">
                    {alert.updates.map((update) => (
                      <li key={`${update.at}-${update.state}-${update.by}`} data-state={update.state}>
                        {clock(update.at)} {update.state === 'escalated' ? t('escalatedToValue0', { value0: update.escalatedToName ?? update.escalatedTo ?? 'someone' }) : update.state}{t('by')}{update.byName}
                        {update.note === null ? '' : ` — “${update.note}”`}
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
            </span>
            {acting ? (
              <span className="alerts__actions">
                {canAct ? (
                  <>
                    <button type="button" className="button button--small" onClick={() => onAction(alert, 'acknowledge')} data-testid="alerts-row-ack">
                      {t('acknowledge')}
                    </button>
                    <button type="button" className="button button--small" onClick={() => onAction(alert, 'snooze')} data-testid="alerts-row-snooze">
                      {t('snooze')}
                    </button>
                  </>
                ) : null}
                {canEscalate ? (
                  <button type="button" className="button button--small" onClick={() => onAction(alert, 'escalate')} data-testid="alerts-row-escalate">
                    {t('escalate')}
                  </button>
                ) : null}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
