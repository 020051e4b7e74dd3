/**
 * What on the floor is alert-worthy now, as pure functions of the live state and the floor time:
 * each queue's metrics past the organisation's thresholds (the feed's, never a personal override,
 * so every console on the feed raises the same alerts), the queued count's severity, and the event
 * alerts of conversations in progress (high effort, a failed delivery).
 *
 * An alert's id is its key (kind, queue, subject) and the floor seq at which this console saw the
 * condition begin (docs/decisions/0027-alerts-with-a-lifecycle.md).
 */
import type { AlertKind, AlertSeverity } from '../../../src-shared/api/alerts.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { METRIC_DICTIONARY, type MetricId } from '../../../src-shared/metrics/dictionary.js';
import { evaluateBreaches } from '../floor-state/breaches.js';
import { queueMetrics } from '../floor-state/metrics.js';
import { conversationTallyOf } from '../floor-state/queue-tally.js';
import type { LiveState } from '../floor-state/state.js';
import { conversationAlerts } from '../live-insights/conversation-rows.js';

/** One alert-worthy condition as the floor shows it now. */
export interface AlertCondition {
  readonly key: string;
  readonly kind: AlertKind;
  readonly queueId: string;
  readonly subject: string;
  readonly severity: AlertSeverity;
  readonly conversationId: string | null;
}

/** The conversation alerts that are events (not figures that move with time): each raises an alert. */
const EVENT_ALERTS = ['high_effort', 'delivery_failure'] as const;

/** The key of an alert: at most one alert of a key is unresolved at a time. */
export function alertKey(kind: AlertKind, queueId: string, subject: string): string {
  return `${kind}:${queueId}:${subject}`;
}

/** The id of the alert of a key that began at this floor seq: the same on every console that saw it begin there. */
export function alertIdOf(key: string, seq: number): string {
  return `${key}@${seq}`;
}

/** The key of an alert id (everything before the last '@'). */
export function keyOfAlertId(alertId: string): string {
  const at = alertId.lastIndexOf('@');
  return at < 0 ? alertId : alertId.slice(0, at);
}

/** Every alert-worthy condition of the floor (or of these queues) at floor time `now`, in queue order. */
export function alertConditions(state: LiveState, now: number, queueIds: ReadonlySet<string> | null = null): AlertCondition[] {
  const conditions: AlertCondition[] = [];
  for (const queue of state.queues.values()) {
    if (queueIds !== null && !queueIds.has(queue.queueId)) continue;
    const metrics = queueMetrics(state, queue.queueId, now);
    for (const breach of evaluateBreaches(metrics, queue.thresholds)) {
      const kind: AlertKind = breach.metricId === 'queued' ? 'queued' : 'threshold';
      conditions.push({ key: alertKey(kind, queue.queueId, breach.metricId), kind, queueId: queue.queueId, subject: breach.metricId, severity: breach.severity, conversationId: null });
    }
    // Only conversations with an event alert, which the queue's running sums keep (queue-tally.ts).
    for (const conversationId of conversationTallyOf(state, queue.queueId).flagged.ids()) {
      const conversation = state.conversations.get(conversationId);
      if (conversation === undefined) continue;
      const alerts = conversationAlerts(conversation, queue.thresholds, now);
      for (const alert of EVENT_ALERTS) {
        if (!alerts.includes(alert)) continue;
        const subject = `${alert}/${conversationId}`;
        conditions.push({ key: alertKey('event', queue.queueId, subject), kind: 'event', queueId: queue.queueId, subject, severity: 'warning', conversationId });
      }
    }
  }
  return conditions;
}

const EVENT_TITLES: Readonly<Record<string, string>> = { high_effort: 'High-effort conversation', delivery_failure: 'A message was not delivered' };

/** An alert in words, e.g. "Longest wait past its threshold". */
export function alertTitle(kind: AlertKind, subject: string, severity: AlertSeverity): string {
  switch (kind) {
    case 'queued':
      return severity === 'critical' ? 'Queued at or above the high threshold' : 'Queued at or above the low threshold';
    case 'threshold': {
      const label = METRIC_DICTIONARY.get(subject as MetricId)?.label ?? subject;
      return subject === 'serviceLevelPct' ? `${label} below its target` : `${label} past its threshold`;
    }
    case 'event':
      return EVENT_TITLES[subject.split('/')[0] ?? ''] ?? 'Conversation alert';
  }
}


/**
 * The seq of the last event of a batch that concerns each queue: where a condition the batch began
 * is said to begin, so consoles that received the batch with other events around it still agree.
 */
export function lastSeqByQueue(events: readonly FloorEvent[], conversationQueue: (conversationId: string) => string | undefined): Map<string, number> {
  const seqs = new Map<string, number>();
  for (const event of events) {
    const queueId = 'queueId' in event ? event.queueId : 'toQueueId' in event ? event.toQueueId : 'conversationId' in event ? conversationQueue(event.conversationId) : undefined;
    if (queueId !== undefined) seqs.set(queueId, event.seq);
  }
  return seqs;
}
