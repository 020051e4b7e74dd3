/**
 * The alerts area (src-shared/api/alerts.ts, docs/decisions/0027-alerts-with-a-lifecycle.md): raises
 * alerts from the live floor, applies the feed's `alert.updated`, answers `alerts.list`, pushes the
 * `alerts` topic, and sends acknowledgements, snoozes and escalations through the supervisor
 * actions' one path (audited, sent once per command id). The API service checked the capability;
 * the scope is applied here through the Access (alert-rules.ts for commands, the repository's
 * QueueScope for history, `access.sees` for the topic).
 */
import type { AlertPreferences, AlertRecord, AlertsCommandResults, AlertsMessage, AlertsQueryResults, AlertsTopicMessages, AlertUpdate } from '../../../src-shared/api/alerts.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { fail, ok } from '../../../src-shared/result.js';
import type { ApiArea } from '../api/handlers.js';
import type { Access } from '../api/session.js';
import type { CoreContext } from '../core-context.js';
import type { LiveState } from '../floor-state/state.js';
import { actionServiceDeps } from '../live-insights/actions-api.js';
import { createActionService } from '../live-insights/command-service.js';
import { createAlertBook, effectiveState } from './alert-book.js';
import { alertConditions, alertTitle, lastSeqByQueue } from './alert-conditions.js';
import { createAlertRepository, type StoredAlert, type StoredUpdate } from './alert-repository.js';
import { alertPolicy, escalationTargets } from './alert-rules.js';

export interface AlertsArea extends ApiArea<keyof AlertsQueryResults, keyof AlertsTopicMessages, keyof AlertsCommandResults> {
  /**
   * Applies the `alert.updated` events of a feed snapshot: a live change after a snapshot carries no
   * events, and the feed repeats each alert's last change in its snapshots (docs/protocol.md, "Alerts").
   */
  applySnapshot(events: readonly FloorEvent[]): void;
}

export interface AlertsApiOptions {
  /** Wall clock of audit records and preferences (default Date.now). */
  readonly now?: () => number;
  /** How often alerts are re-judged for figures that move with time (default 1 s). */
  readonly tickMs?: number;
  /**
   * How long the queues that batches touched wait to be judged together (default 250 ms): a large
   * floor applies many batches a second, and judging every one re-reads each queue's figures.
   */
  readonly coalesceMs?: number;
}

function nameOf(live: LiveState, userId: string | null): string | null {
  if (userId === null) return null;
  return live.directory.get(userId)?.name ?? live.agents.get(userId)?.name ?? userId;
}

function toUpdate(update: StoredUpdate, live: LiveState): AlertUpdate {
  return {
    state: update.state,
    by: update.by,
    byName: nameOf(live, update.by) ?? update.by,
    at: update.at,
    note: update.note,
    snoozedUntil: update.snoozedUntil,
    escalatedTo: update.escalatedTo,
    escalatedToName: nameOf(live, update.escalatedTo),
  };
}

/** Alerts as the UI shows them: names, titles, the state at floor time `now`, their changes. */
function toRecords(alerts: readonly StoredAlert[], updates: ReadonlyMap<string, readonly StoredUpdate[]>, live: LiveState, now: number): AlertRecord[] {
  return alerts.map((alert) => {
    const state = effectiveState(alert, now);
    return {
      alertId: alert.alertId,
      kind: alert.kind,
      queueId: alert.queueId,
      queueName: live.queues.get(alert.queueId)?.name ?? alert.queueId,
      subject: alert.subject,
      title: alertTitle(alert.kind, alert.subject, alert.severity),
      severity: alert.severity,
      conversationId: alert.conversationId,
      raisedAt: alert.raisedAt,
      raisedSeq: alert.raisedSeq,
      state,
      resolvedAt: alert.resolvedAt,
      snoozedUntil: state === 'snoozed' ? alert.snoozedUntil : null,
      escalatedTo: alert.escalatedTo,
      escalatedToName: nameOf(live, alert.escalatedTo),
      updates: (updates.get(alert.alertId) ?? []).map((update) => toUpdate(update, live)),
    };
  });
}

/** The alerts area's handlers over the core context; it starts judging the floor at once. */
export function createAlertsApi(context: CoreContext, options: AlertsApiOptions = {}): AlertsArea {
  const now = options.now ?? Date.now;
  const repository = context.store.repository(createAlertRepository);
  const book = createAlertBook(repository);
  const service = createActionService(actionServiceDeps(context, now), alertPolicy((alertId) => book.get(alertId)));
  const subscribers = new Set<{ readonly access: Access; readonly listener: (message: AlertsMessage) => void }>();
  // A snooze whose time ran out changes what the topic says without any event: remember what was said.
  let lastSnoozeCheck = context.floorNow();

  const messageFor = (access: Access): AlertsMessage => {
    const live = context.live();
    const at = context.floorNow();
    const open = book.unresolved().filter((alert) => access.sees(alert.queueId));
    return { open: toRecords(open, repository.updatesOf(open.map((alert) => alert.alertId)), live, at), at };
  };
  const publish = (): void => {
    for (const subscriber of subscribers) subscriber.listener(messageFor(subscriber.access));
  };

  /**
   * Judges the whole floor, or only the queues of `queueSeqs` when `onlyThose`; a queue is named by
   * its seq there (the seq of its last event seen), else by the floor's last seq.
   */
  const judge = (queueSeqs: ReadonlyMap<string, number> = new Map(), onlyThose = false): void => {
    const live = context.live();
    if (live.queues.size === 0) return;
    const at = context.floorNow();
    const queueIds = onlyThose ? new Set(queueSeqs.keys()) : null;
    let changed = book.reconcile(alertConditions(live, at, queueIds), (queueId) => queueSeqs.get(queueId) ?? live.lastSeq, at, queueIds);
    const snoozeEnd = book.nextSnoozeEnd(lastSnoozeCheck);
    if (snoozeEnd !== null && snoozeEnd <= at) changed = true;
    lastSnoozeCheck = at;
    if (changed) publish();
  };

  const applyUpdates = (events: readonly FloorEvent[]): void => {
    let updated = false;
    for (const event of events) {
      if (event.type === 'alert.updated') updated = book.applyUpdate(event) || updated;
    }
    if (updated) publish();
  };

  // The queues batches touched are judged together a moment later, each named by the seq of its last
  // event so far, so a condition the events began is named by an event of its queue; figures that
  // move with time are judged on the tick.
  const pending = new Map<string, number>();
  let pendingTimer: ReturnType<typeof setTimeout> | null = null;
  /** Takes the queues waiting to be judged with their seqs, and cancels their timer. */
  const takePending = (): Map<string, number> => {
    if (pendingTimer !== null) clearTimeout(pendingTimer);
    pendingTimer = null;
    const queueSeqs = new Map(pending);
    pending.clear();
    return queueSeqs;
  };
  const stopLive = context.onLiveChange((change) => {
    applyUpdates(change.events);
    if (change.replaced) {
      takePending();
      judge();
    } else if (change.changedQueues.size > 0) {
      const live = context.live();
      const seqs = lastSeqByQueue(change.events, (conversationId) => live.conversations.get(conversationId)?.queueId);
      for (const queueId of change.changedQueues) pending.set(queueId, seqs.get(queueId) ?? live.lastSeq);
      pendingTimer ??= setTimeout(() => judge(takePending(), true), options.coalesceMs ?? 250);
      pendingTimer.unref?.();
    }
  });
  const tick = setInterval(() => judge(takePending()), options.tickMs ?? 1000);
  tick.unref?.();

  const savePreferences = (access: Access, preferences: AlertPreferences): AlertPreferences => {
    repository.savePreferences(access.userId, preferences, now());
    return repository.preferences(access.userId);
  };

  return {
    applySnapshot: applyUpdates,
    queries: {
      'alerts.list': (access, query) => {
        const at = context.floorNow();
        // A state filter reads more rows: a snooze that ran out is open now, whatever is stored.
        const limit = query.limit ?? 200;
        const stored = repository.list(access.scope, { queueId: query.queueId, kind: query.kind, since: query.since, limit: query.state === undefined ? limit : 1000 });
        const alerts = stored.filter((alert) => query.state === undefined || effectiveState(alert, at) === query.state).slice(0, limit);
        return ok(toRecords(alerts, repository.updatesOf(alerts.map((alert) => alert.alertId)), context.live(), at));
      },
      'alerts.preferences': (access) => ok(repository.preferences(access.userId)),
      'alerts.escalationTargets': (access, query) => {
        const alert = book.get(query.alertId);
        if (alert === null || !access.sees(alert.queueId)) return fail(`Unknown alert ${query.alertId}.`);
        return ok(escalationTargets(access, alert.queueId, context.live()));
      },
    },
    topics: {
      alerts: (access, _subscription, listener) => {
        const subscriber = { access, listener };
        subscribers.add(subscriber);
        listener(messageFor(access));
        return ok(() => subscribers.delete(subscriber));
      },
    },
    commands: {
      'alerts.acknowledge': (access, command, commandId) => service.execute(access, command, commandId),
      'alerts.snooze': (access, command, commandId) => service.execute(access, command, commandId),
      'alerts.escalate': (access, command, commandId) => service.execute(access, command, commandId),
      'alerts.set_preferences': (access, command) => ok(savePreferences(access, { subscriptions: command.subscriptions, sound: command.sound })),
    },
    close() {
      stopLive();
      clearInterval(tick);
      takePending();
      subscribers.clear();
    },
  };
}
