/**
 * Which alerts to notify a user of, and when, so that a console in the background tells its user
 * without a storm (docs/decisions/0027-alerts-with-a-lifecycle.md). Pure: the open alerts as the
 * `alerts` topic pushed them, the user's choices and the time in; the notices to show and the
 * state to keep out.
 *
 * - An alert notifies when it is open and the user opted into its queue × kind, or when it was
 *   escalated to the user (whatever their choices). Acknowledged, snoozed, escalated to someone
 *   else, resolved: quiet.
 * - Each time an alert becomes notifiable is one occasion (raised; open again after a snooze ran
 *   out; escalated to the user): notified once.
 * - Occasions due together are grouped: one notice per queue, one per escalation.
 * - At most MAX_NOTICES notices in any NOTICE_WINDOW_MS; occasions past the limit wait and are
 *   grouped into the next notices (`retryAt` says when to plan again).
 */
import type { AlertRecord } from '../api/alerts.js';
import { subscriptionKey } from '../api/alerts.js';

/** At most this many notices in any window of NOTICE_WINDOW_MS. */
export const MAX_NOTICES = 3;
export const NOTICE_WINDOW_MS = 60_000;

/** What the planner remembers between calls. */
export interface NotificationPlanState {
  /** Occasions already notified (or no longer due), by alert id. */
  readonly notified: Readonly<Record<string, string>>;
  /** When the last notices were shown, oldest first (at most MAX_NOTICES). */
  readonly sentAt: readonly number[];
}

export const EMPTY_PLAN_STATE: NotificationPlanState = { notified: {}, sentAt: [] };

/** One notice to show: already grouped. */
export interface PlannedNotice {
  /** Replaces an earlier notice with the same tag: one per queue, one per escalation. */
  readonly tag: string;
  readonly title: string;
  readonly body: string;
  /** The console route a click opens, without '#'. */
  readonly route: string;
  readonly alertIds: readonly string[];
  readonly severity: 'warning' | 'critical';
  readonly escalation: boolean;
}

export interface NotificationPlan {
  readonly state: NotificationPlanState;
  readonly notices: readonly PlannedNotice[];
  /** When occasions are waiting for the rate limit: plan again at this time. */
  readonly retryAt: number | null;
}

export interface PlanContext {
  readonly userId: string;
  /** `<queueId>:<kind>` pairs the user opted into (AlertPreferences.subscriptions). */
  readonly subscriptions: ReadonlySet<string>;
  readonly now: number;
}

/** The occasion an alert notifies for now, or null when it should be quiet for this user. */
export function occasionOf(alert: AlertRecord, context: Pick<PlanContext, 'userId' | 'subscriptions'>): string | null {
  if (alert.state === 'escalated' && alert.escalatedTo === context.userId) return `escalated:${alert.updates.length}`;
  if (alert.state === 'open' && context.subscriptions.has(subscriptionKey(alert.queueId, alert.kind))) return `open:${alert.updates.length}`;
  return null;
}

function group(due: readonly AlertRecord[], userId: string): PlannedNotice[] {
  const notices: PlannedNotice[] = [];
  const byQueue = new Map<string, AlertRecord[]>();
  for (const alert of due) {
    if (alert.state === 'escalated' && alert.escalatedTo === userId) {
      const last = alert.updates.at(-1);
      notices.push({
        tag: `escalation:${alert.alertId}`,
        title: `Escalated to you: ${alert.title}`,
        body: `${alert.queueName}${last === undefined ? '' : ` — by ${last.byName}${last.note === null ? '' : `: ${last.note}`}`}`,
        route: `/alerts`,
        alertIds: [alert.alertId],
        severity: alert.severity,
        escalation: true,
      });
      continue;
    }
    const list = byQueue.get(alert.queueId) ?? [];
    list.push(alert);
    byQueue.set(alert.queueId, list);
  }
  for (const [queueId, alerts] of byQueue) {
    const first = alerts[0];
    if (first === undefined) continue;
    notices.push({
      tag: `alerts:${queueId}`,
      title: alerts.length === 1 ? `${first.queueName}: ${first.title}` : `${first.queueName}: ${alerts.length} alerts`,
      body: alerts.map((alert) => alert.title).join('; '),
      route: `/queue/${queueId}`,
      alertIds: alerts.map((alert) => alert.alertId),
      severity: alerts.some((alert) => alert.severity === 'critical') ? 'critical' : 'warning',
      escalation: false,
    });
  }
  // Escalations first, then the worst; a stable order for equal ones.
  return notices.sort((a, b) => Number(b.escalation) - Number(a.escalation) || Number(b.severity === 'critical') - Number(a.severity === 'critical') || (a.tag < b.tag ? -1 : 1));
}

/**
 * Plans the notices for the alerts open now. Pass the state it returned last time; call again at
 * `retryAt` when occasions are waiting for the rate limit.
 */
export function planNotifications(previous: NotificationPlanState, open: readonly AlertRecord[], context: PlanContext): NotificationPlan {
  const sentAt = previous.sentAt.filter((at) => at > context.now - NOTICE_WINDOW_MS && at <= context.now);
  const notified: Record<string, string> = {};
  const due: AlertRecord[] = [];
  for (const alert of open) {
    const occasion = occasionOf(alert, context);
    const before = previous.notified[alert.alertId];
    if (occasion === null) {
      // Quiet now: the next time it notifies is a new occasion only if its updates change.
      if (before !== undefined) notified[alert.alertId] = before;
      continue;
    }
    if (before === occasion) notified[alert.alertId] = before;
    else due.push(alert);
  }
  if (due.length === 0) return { state: { notified, sentAt }, notices: [], retryAt: null };

  const room = MAX_NOTICES - sentAt.length;
  if (room <= 0) {
    const oldest = sentAt[0] ?? context.now;
    return { state: { notified, sentAt }, notices: [], retryAt: oldest + NOTICE_WINDOW_MS };
  }
  let notices = group(due, context.userId);
  if (notices.length > room) {
    // Fold what does not fit into the last notice the limit allows.
    const kept = notices.slice(0, room - 1);
    const rest = notices.slice(room - 1);
    const ids = rest.flatMap((notice) => notice.alertIds);
    kept.push({
      tag: 'alerts:more',
      title: `${ids.length} more alert${ids.length === 1 ? '' : 's'}`,
      body: rest.map((notice) => notice.title).join('; '),
      route: '/alerts',
      alertIds: ids,
      severity: rest.some((notice) => notice.severity === 'critical') ? 'critical' : 'warning',
      escalation: rest.some((notice) => notice.escalation),
    });
    notices = kept;
  }
  for (const alert of due) notified[alert.alertId] = occasionOf(alert, context) ?? '';
  const nextSent = [...sentAt, ...notices.map(() => context.now)].slice(-MAX_NOTICES);
  return { state: { notified, sentAt: nextSent }, notices, retryAt: null };
}
