/**
 * Where alerts, their changes and each user's notification choices are kept (migrations/0150-alerts.ts).
 * The only file of the area that holds SQL; prepared statements only. Reads for a user take the
 * QueueScope the API service made (docs/decisions/0018-one-enforcement-point.md).
 */
import type { AlertKind, AlertPreferences, AlertSeverity, AlertState } from '../../../src-shared/api/alerts.js';
import { scopeJson, type QueueScope } from '../queue-scope.js';
import type { StoreConnection } from '../store/connection.js';

/** An alert as stored: the record without names and titles (added when it is shown). */
export interface StoredAlert {
  readonly alertId: string;
  readonly key: string;
  readonly kind: AlertKind;
  readonly queueId: string;
  readonly subject: string;
  readonly severity: AlertSeverity;
  readonly conversationId: string | null;
  readonly raisedAt: number;
  readonly raisedSeq: number;
  /** As stored: a snooze whose time is up still reads snoozed here (the area says open). */
  readonly state: AlertState;
  readonly resolvedAt: number | null;
  readonly snoozedUntil: number | null;
  readonly escalatedTo: string | null;
}

/** One change as stored. */
export interface StoredUpdate {
  readonly alertId: string;
  readonly state: 'acknowledged' | 'snoozed' | 'escalated';
  readonly by: string;
  readonly at: number;
  readonly note: string | null;
  readonly snoozedUntil: number | null;
  readonly escalatedTo: string | null;
}

export interface AlertListFilter {
  readonly queueId?: string;
  readonly kind?: AlertKind;
  readonly since?: number;
  readonly limit: number;
}

export interface AlertRepository {
  /** Every alert not resolved (the console's own background work: raising and resolving). */
  unresolved(): StoredAlert[];
  get(alertId: string): StoredAlert | null;
  /** Newest first, within the scope; state is filtered by the caller (a snooze may have ended). */
  list(scope: QueueScope, filter: AlertListFilter): StoredAlert[];
  updatesOf(alertIds: readonly string[]): Map<string, StoredUpdate[]>;
  insert(alert: StoredAlert): void;
  /** Writes an alert's changing fields. */
  save(alert: StoredAlert): void;
  /** Records a change once; false when it was already recorded (a replay, a snapshot). */
  recordUpdate(update: StoredUpdate): boolean;
  preferences(userId: string): AlertPreferences;
  savePreferences(userId: string, preferences: AlertPreferences, now: number): void;
}

interface AlertRow {
  alertId: string;
  key: string;
  kind: AlertKind;
  queueId: string;
  subject: string;
  severity: AlertSeverity;
  conversationId: string | null;
  raisedAt: number;
  raisedSeq: number;
  state: AlertState;
  resolvedAt: number | null;
  snoozedUntil: number | null;
  escalatedTo: string | null;
}

const COLUMNS = `alert_id AS alertId, alert_key AS key, kind, queue_id AS queueId, subject, severity, conversation_id AS conversationId,
  raised_at AS raisedAt, raised_seq AS raisedSeq, state, resolved_at AS resolvedAt, snoozed_until AS snoozedUntil, escalated_to AS escalatedTo`;

/** The alerts area's repository over the store's connection. */
export function createAlertRepository(db: StoreConnection): AlertRepository {
  const statements = {
    unresolved: db.prepare<[], AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE state <> 'resolved' ORDER BY raised_at, rowid`),
    get: db.prepare<[string], AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE alert_id = ?`),
    list: db.prepare<[{ scope: string | null; queueId: string | null; kind: string | null; since: number; limit: number }], AlertRow>(
      `SELECT ${COLUMNS} FROM alerts
       WHERE (@scope IS NULL OR queue_id IN (SELECT value FROM json_each(@scope)))
         AND (@queueId IS NULL OR queue_id = @queueId) AND (@kind IS NULL OR kind = @kind) AND raised_at >= @since
       ORDER BY raised_at DESC, rowid DESC LIMIT @limit`,
    ),
    updates: db.prepare<[string], StoredUpdate>(
      `SELECT alert_id AS alertId, state, by_user AS by, at, note, snoozed_until AS snoozedUntil, escalated_to AS escalatedTo
       FROM alert_updates WHERE alert_id IN (SELECT value FROM json_each(?)) ORDER BY at, rowid`,
    ),
    insert: db.prepare<[string, string, string, string, string, string, string | null, number, number, string, number | null, number | null, string | null]>(
      `INSERT INTO alerts (alert_id, alert_key, kind, queue_id, subject, severity, conversation_id, raised_at, raised_seq, state, resolved_at, snoozed_until, escalated_to)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id) DO NOTHING`,
    ),
    save: db.prepare<[string, string, number | null, number | null, string | null, string]>(
      'UPDATE alerts SET severity = ?, state = ?, resolved_at = ?, snoozed_until = ?, escalated_to = ? WHERE alert_id = ?',
    ),
    recordUpdate: db.prepare<[string, string, string, number, string | null, number | null, string | null]>(
      `INSERT INTO alert_updates (alert_id, state, by_user, at, note, snoozed_until, escalated_to) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (alert_id, at, state, by_user) DO NOTHING`,
    ),
    preferences: db.prepare<[string], { subscriptions: string; sound: number }>('SELECT subscriptions, sound FROM alert_preferences WHERE user_id = ?'),
    savePreferences: db.prepare<[string, string, number, number]>(
      `INSERT INTO alert_preferences (user_id, subscriptions, sound, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET subscriptions = excluded.subscriptions, sound = excluded.sound, updated_at = excluded.updated_at`,
    ),
  };
  return {
    unresolved: () => statements.unresolved.all(),
    get: (alertId) => statements.get.get(alertId) ?? null,
    list: (scope, filter) => statements.list.all({ scope: scopeJson(scope), queueId: filter.queueId ?? null, kind: filter.kind ?? null, since: filter.since ?? 0, limit: filter.limit }),
    updatesOf(alertIds) {
      const byAlert = new Map<string, StoredUpdate[]>();
      if (alertIds.length === 0) return byAlert;
      for (const update of statements.updates.all(JSON.stringify(alertIds))) {
        const list = byAlert.get(update.alertId) ?? [];
        list.push(update);
        byAlert.set(update.alertId, list);
      }
      return byAlert;
    },
    insert(alert) {
      statements.insert.run(
        alert.alertId,
        alert.key,
        alert.kind,
        alert.queueId,
        alert.subject,
        alert.severity,
        alert.conversationId,
        alert.raisedAt,
        alert.raisedSeq,
        alert.state,
        alert.resolvedAt,
        alert.snoozedUntil,
        alert.escalatedTo,
      );
    },
    save(alert) {
      statements.save.run(alert.severity, alert.state, alert.resolvedAt, alert.snoozedUntil, alert.escalatedTo, alert.alertId);
    },
    recordUpdate(update) {
      return statements.recordUpdate.run(update.alertId, update.state, update.by, update.at, update.note, update.snoozedUntil, update.escalatedTo).changes > 0;
    },
    preferences(userId) {
      const row = statements.preferences.get(userId);
      return row === undefined ? { subscriptions: [], sound: false } : { subscriptions: JSON.parse(row.subscriptions) as string[], sound: row.sound === 1 };
    },
    savePreferences(userId, preferences, now) {
      statements.savePreferences.run(userId, JSON.stringify([...new Set(preferences.subscriptions)]), preferences.sound ? 1 : 0, now);
    },
  };
}
