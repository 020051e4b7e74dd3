/**
 * Wired once at the root of the console (app.tsx): subscribes to the `alerts` topic for a session
 * that may see alerts, loads the user's notification choices, plans notices with the pure planner
 * (src-shared/alerts/notification-plan.ts) on every push and when the rate limit frees, delivers
 * them, and keeps the desktop shell's attention level current. Renders nothing.
 */
import { useEffect, useRef } from 'react';
import { EMPTY_PLAN_STATE, planNotifications, type NotificationPlanState } from '../../src-shared/alerts/notification-plan.js';
import type { AlertsMessage } from '../../src-shared/api/alerts.js';
import type { AttentionLevel } from '../../src-shared/api/desktop.js';
import { useCan, useQuery, useSubscription } from '../hooks/use-api.js';
import { useConsole } from '../hooks/store-context.js';
import { alertsReceived, preferencesReceived, useAlerts } from './alerts-store.js';
import { deliverNotice, setAttention } from './deliver.js';

function attentionOf(message: AlertsMessage, userId: string): { level: AttentionLevel; openCount: number } {
  const needing = message.open.filter((alert) => alert.state === 'open' || (alert.state === 'escalated' && alert.escalatedTo === userId));
  const level: AttentionLevel = needing.some((alert) => alert.severity === 'critical') ? 'critical' : needing.length > 0 ? 'warning' : message.open.length > 0 ? 'info' : 'none';
  return { level, openCount: needing.length };
}

function openRoute(route: string): void {
  window.location.hash = `#${route}`;
}

/** The one subscription to alerts, and the notifications that follow from it. */
export function AlertsWatcher() {
  const allowed = useCan('alerts.view');
  const userId = useConsole((state) => (state.session.status === 'ready' ? state.session.info.userId : null));
  const preferences = useQuery<'alerts.preferences'>(allowed ? { type: 'alerts.preferences' } : null);
  const { message, preferences: choices } = useAlerts();
  const plan = useRef<NotificationPlanState>(EMPTY_PLAN_STATE);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);

  useSubscription(allowed ? { topic: 'alerts' } : null, alertsReceived);
  const loaded = preferences.status === 'ready' ? preferences.value : null;
  useEffect(() => {
    if (loaded !== null) preferencesReceived(loaded);
  }, [loaded]);
  useEffect(() => {
    if (!allowed) alertsReceived(null);
  }, [allowed]);

  useEffect(() => {
    if (message === null || userId === null) return undefined;
    const subscriptions = new Set(choices.subscriptions);
    const run = (): void => {
      const next = planNotifications(plan.current, message.open, { userId, subscriptions, now: Date.now() });
      plan.current = next.state;
      for (const notice of next.notices) deliverNotice(notice, choices.sound, openRoute);
      if (retry.current !== null) clearTimeout(retry.current);
      retry.current = next.retryAt === null ? null : setTimeout(run, Math.max(0, next.retryAt - Date.now()));
    };
    run();
    const attention = attentionOf(message, userId);
    setAttention(attention.level, attention.openCount);
    return () => {
      if (retry.current !== null) clearTimeout(retry.current);
      retry.current = null;
    };
  }, [message, choices, userId]);
  return null;
}
