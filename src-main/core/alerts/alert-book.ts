/**
 * The alerts this console holds: raised when a condition of the floor begins, changed by the
 * feed's `alert.updated`, resolved when the condition recovers. Unresolved alerts are kept in memory
 * (a few dozen) over the durable repository; history is read from the repository.
 *
 * Two consoles on one feed name an alert alike: its id is its key and the floor seq at which the
 * condition was seen to begin. A console that saw the floor in other batches may have begun the same
 * episode at another seq: an update naming an unknown id applies to the unresolved alert of the same
 * key, so both consoles still show one alert acted on once.
 */
import type { AlertState } from '../../../src-shared/api/alerts.js';
import type { FloorEventOf } from '../../../src-shared/protocol/events.js';
import { alertIdOf, keyOfAlertId, type AlertCondition } from './alert-conditions.js';
import type { AlertRepository, StoredAlert } from './alert-repository.js';

export interface AlertBook {
  /** Unresolved alerts, oldest first. */
  unresolved(): readonly StoredAlert[];
  /** An alert by id: unresolved from memory, else from the repository. */
  get(alertId: string): StoredAlert | null;
  /**
   * Raises what began (named by `seqOf` its queue), resolves what recovered, keeps severities
   * current; only in `queueIds` when given (the queues judged). True when anything changed.
   */
  reconcile(conditions: readonly AlertCondition[], seqOf: (queueId: string) => number, now: number, queueIds?: ReadonlySet<string> | null): boolean;
  /** Applies one `alert.updated`; true when anything changed. */
  applyUpdate(event: FloorEventOf<'alert.updated'>): boolean;
  /** The next floor time at which a snooze ends, or null. */
  nextSnoozeEnd(now: number): number | null;
}

/** The state an alert shows at floor time `now`: a snooze whose time is up is open again. */
export function effectiveState(alert: Pick<StoredAlert, 'state' | 'snoozedUntil'>, now: number): AlertState {
  return alert.state === 'snoozed' && alert.snoozedUntil !== null && alert.snoozedUntil <= now ? 'open' : alert.state;
}

/** Builds the book over the repository, loading the alerts left unresolved by the last run. */
export function createAlertBook(repository: AlertRepository): AlertBook {
  const byKey = new Map<string, StoredAlert>();
  for (const alert of repository.unresolved()) byKey.set(alert.key, alert);

  const put = (alert: StoredAlert): void => {
    if (alert.state === 'resolved') byKey.delete(alert.key);
    else byKey.set(alert.key, alert);
    repository.save(alert);
  };

  return {
    unresolved: () => [...byKey.values()].sort((a, b) => a.raisedAt - b.raisedAt || (a.alertId < b.alertId ? -1 : 1)),
    get(alertId) {
      const open = byKey.get(keyOfAlertId(alertId));
      if (open !== undefined && open.alertId === alertId) return open;
      return repository.get(alertId);
    },
    reconcile(conditions, seqOf, now, queueIds = null) {
      let changed = false;
      const present = new Set<string>();
      for (const condition of conditions) {
        present.add(condition.key);
        const open = byKey.get(condition.key);
        if (open === undefined) {
          const seq = seqOf(condition.queueId);
          const alert: StoredAlert = {
            alertId: alertIdOf(condition.key, seq),
            key: condition.key,
            kind: condition.kind,
            queueId: condition.queueId,
            subject: condition.subject,
            severity: condition.severity,
            conversationId: condition.conversationId,
            raisedAt: now,
            raisedSeq: seq,
            state: 'open',
            resolvedAt: null,
            snoozedUntil: null,
            escalatedTo: null,
          };
          if (repository.get(alert.alertId) !== null) continue;
          repository.insert(alert);
          byKey.set(alert.key, alert);
          changed = true;
        } else if (open.severity !== condition.severity) {
          put({ ...open, severity: condition.severity });
          changed = true;
        }
      }
      for (const open of [...byKey.values()]) {
        if (present.has(open.key) || (queueIds !== null && !queueIds.has(open.queueId))) continue;
        put({ ...open, state: 'resolved', resolvedAt: now, snoozedUntil: null });
        changed = true;
      }
      return changed;
    },
    applyUpdate(event) {
      const key = keyOfAlertId(event.alertId);
      const open = byKey.get(key);
      let alert = open !== undefined && open.alertId === event.alertId ? open : (repository.get(event.alertId) ?? open);
      if (alert === undefined) {
        // Someone acted on an alert this console has not raised (yet): keep it, so the action shows.
        alert = {
          alertId: event.alertId,
          key,
          kind: event.kind,
          queueId: event.queueId,
          subject: event.subject,
          severity: 'warning',
          conversationId: event.kind === 'event' ? (event.subject.split('/')[1] ?? null) : null,
          raisedAt: event.time,
          raisedSeq: event.seq,
          state: 'open',
          resolvedAt: null,
          snoozedUntil: null,
          escalatedTo: null,
        };
        repository.insert(alert);
      }
      const recorded = repository.recordUpdate({
        alertId: alert.alertId,
        state: event.state,
        by: event.by,
        at: event.time,
        note: event.note ?? null,
        snoozedUntil: event.state === 'snoozed' ? (event.snoozedUntil ?? null) : null,
        escalatedTo: event.escalatedTo ?? null,
      });
      if (!recorded || alert.state === 'resolved') return recorded;
      put({
        ...alert,
        state: event.state,
        snoozedUntil: event.state === 'snoozed' ? (event.snoozedUntil ?? null) : null,
        escalatedTo: event.state === 'escalated' ? (event.escalatedTo ?? null) : alert.escalatedTo,
      });
      return true;
    },
    nextSnoozeEnd(now) {
      let next: number | null = null;
      for (const alert of byKey.values()) {
        if (alert.state !== 'snoozed' || alert.snoozedUntil === null || alert.snoozedUntil <= now) continue;
        if (next === null || alert.snoozedUntil < next) next = alert.snoozedUntil;
      }
      return next;
    },
  };
}
