/**
 * API contract of alerts (docs/product.md §2, docs/decisions/0027-alerts-with-a-lifecycle.md):
 * alert records raised from the live floor (a threshold breach, the queued severity, a
 * conversation's event alert), their lifecycle shared through the feed (acknowledge, snooze,
 * escalate), and each user's notification choices. Composed into the one contract in contract.ts.
 */
import { z } from 'zod';
import type { Capability } from '../permissions.js';
import type { ActionReceipt } from './live-insights.js';

const id = z.string().min(1).max(128);

// ---- shapes ----

/** What raised an alert: a metric past its threshold, the queued count's severity, or a conversation's event. */
export const ALERT_KINDS = ['threshold', 'queued', 'event'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Where an alert is in its life. Snoozed for a time turns open again when the time is up; every state but resolved is open. */
export const ALERT_STATES = ['open', 'acknowledged', 'snoozed', 'escalated', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export type AlertSeverity = 'warning' | 'critical';

/** Longest alert id: kind, queue id, subject and the seq the alert began at. */
export const MAX_ALERT_ID_LENGTH = 400;

/** One change of an alert's state, as the feed announced it (`alert.updated`). */
export interface AlertUpdate {
  readonly state: 'acknowledged' | 'snoozed' | 'escalated';
  /** Who acted (a user id of the feed) and their name when the directory knows it. */
  readonly by: string;
  readonly byName: string;
  /** Floor time of the change. */
  readonly at: number;
  readonly note: string | null;
  /** Snoozed: until this floor time; null: until the alert recovers. */
  readonly snoozedUntil: number | null;
  readonly escalatedTo: string | null;
  readonly escalatedToName: string | null;
}

/** One alert: what raised it, when, and what people have done about it. */
export interface AlertRecord {
  /** Deterministic from the feed: `<kind>:<queueId>:<subject>@<seq it began at>`, the same on every console. */
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly queueId: string;
  readonly queueName: string;
  /** The metric id (threshold, queued) or `<alert>/<conversationId>` (event). */
  readonly subject: string;
  /** In words, e.g. "Longest wait past its threshold". */
  readonly title: string;
  readonly severity: AlertSeverity;
  readonly conversationId: string | null;
  /** Floor time and the floor seq at which it was raised. */
  readonly raisedAt: number;
  readonly raisedSeq: number;
  /** The state now: a snooze whose time is up reads as open. */
  readonly state: AlertState;
  readonly resolvedAt: number | null;
  /** While snoozed: until when (null: until it recovers). */
  readonly snoozedUntil: number | null;
  /** Whom it was last escalated to, if anyone. */
  readonly escalatedTo: string | null;
  readonly escalatedToName: string | null;
  /** Every change, oldest first. */
  readonly updates: readonly AlertUpdate[];
}

/** What the `alerts` topic pushes: every alert of the session's queues that has not resolved, at each change. */
export interface AlertsMessage {
  readonly open: readonly AlertRecord[];
  /** The floor time of this message. */
  readonly at: number;
}

/** A user's notification choices: which queue × kind notify, and whether with a sound. */
export interface AlertPreferences {
  /** `<queueId>:<kind>` pairs the user opted into. */
  readonly subscriptions: readonly string[];
  readonly sound: boolean;
}

/** The key of one queue × kind choice in AlertPreferences.subscriptions. */
export function subscriptionKey(queueId: string, kind: AlertKind): string {
  return `${queueId}:${kind}`;
}

/** Someone an alert may be escalated to: a supervisor or team leader with the alert's queue in scope. */
export interface EscalationTarget {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly teamName: string;
}

// ---- queries ----

export const alertsListSchema = z.object({
  type: z.literal('alerts.list'),
  state: z.enum(ALERT_STATES).optional(),
  queueId: id.optional(),
  kind: z.enum(ALERT_KINDS).optional(),
  /** Raised at or after this floor time. */
  since: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const alertsQuerySchemas = [
  alertsListSchema,
  z.object({ type: z.literal('alerts.preferences') }),
  z.object({ type: z.literal('alerts.escalationTargets'), alertId: z.string().min(1).max(MAX_ALERT_ID_LENGTH) }),
] as const;

export interface AlertsQueryResults {
  /** Newest first, open and history. */
  'alerts.list': readonly AlertRecord[];
  'alerts.preferences': AlertPreferences;
  'alerts.escalationTargets': readonly EscalationTarget[];
}

export const ALERTS_QUERY_CAPABILITY = {
  'alerts.list': 'alerts.view',
  'alerts.preferences': 'alerts.view',
  'alerts.escalationTargets': 'alerts.escalate',
} as const satisfies Record<keyof AlertsQueryResults, Capability>;

// ---- topics ----

export const alertsTopicSchemas = [z.object({ topic: z.literal('alerts') })] as const;

export interface AlertsTopicMessages {
  alerts: AlertsMessage;
}

export const ALERTS_TOPIC_CAPABILITY = { alerts: 'alerts.view' } as const satisfies Record<keyof AlertsTopicMessages, Capability>;

// ---- commands ----

const alertId = z.string().min(1).max(MAX_ALERT_ID_LENGTH);
const note = z.string().max(1000).optional();

/** Shortest and longest snooze for a time (a snooze "until it recovers" has none). */
export const MIN_SNOOZE_SEC = 1;
export const MAX_SNOOZE_SEC = 24 * 3600;

export const alertsCommandSchemas = [
  z.object({ type: z.literal('alerts.acknowledge'), alertId, note }),
  z.object({
    type: z.literal('alerts.snooze'),
    alertId,
    /** Seconds; absent: until the alert recovers. */
    durationSec: z.number().int().min(MIN_SNOOZE_SEC).max(MAX_SNOOZE_SEC).optional(),
    note,
  }),
  z.object({ type: z.literal('alerts.escalate'), alertId, toUserId: id, note }),
  z.object({
    type: z.literal('alerts.set_preferences'),
    subscriptions: z.array(z.string().min(1).max(200)).max(2000),
    sound: z.boolean(),
  }),
] as const;

export interface AlertsCommandResults {
  'alerts.acknowledge': ActionReceipt;
  'alerts.snooze': ActionReceipt;
  'alerts.escalate': ActionReceipt;
  'alerts.set_preferences': AlertPreferences;
}

export const ALERTS_COMMAND_CAPABILITY = {
  'alerts.acknowledge': 'alerts.act',
  'alerts.snooze': 'alerts.act',
  'alerts.escalate': 'alerts.escalate',
  'alerts.set_preferences': 'alerts.view',
} as const satisfies Record<keyof AlertsCommandResults, Capability>;
