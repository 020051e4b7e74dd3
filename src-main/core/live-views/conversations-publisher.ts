/**
 * The live conversations topic: a snapshot per subscriber, then diffs of the rows that changed.
 *
 * Cheap at floor scale: a batch only marks the conversations its events name; a flush rebuilds
 * those rows alone (plus the panel), compares each with what that subscriber has, and sends the
 * differences. The periodic refresh rebuilds every row of a subscriber, because the response SLA
 * turns with the clock; handle time and time waiting alone never make a row "changed", since the
 * UI advances them from the row's time of arrival (resending every row each second would cost a
 * large group's viewer megabytes a second).
 */
import type { ConversationsMessage, LiveConversationRow, LiveTarget } from '../../../src-shared/api/live-insights.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import type { Result } from '../../../src-shared/result.js';
import { ok } from '../../../src-shared/result.js';
import type { Session } from '../api/session.js';
import { buildConversationRow, buildConversationRows, buildQueuePanel, isListedNow } from '../live-insights/conversation-rows.js';
import type { LiveChange, LiveSource, ViewOverlays } from './live-source.js';
import { createPacer, type Pacing } from './pacer.js';

export interface ConversationsPublisher {
  subscribe(session: Session, target: LiveTarget, listener: (message: ConversationsMessage) => void): Result<() => void>;
  /** Queue groups or thresholds changed: targets are resolved again and every row rebuilt. */
  overlaysChanged(): void;
  close(): void;
}

interface Subscriber {
  readonly session: Session;
  readonly target: LiveTarget;
  queueIds: ReadonlySet<string>;
  readonly listener: (message: ConversationsMessage) => void;
  /** Rows this subscriber has, by conversation id, as their comparison keys (rowKey). */
  readonly sent: Map<string, string>;
  panelJson: string;
  /** Rebuild every row at the next flush (new target, thresholds). */
  full: boolean;
}

/** What a row is compared by: everything but the figures that move with the clock alone. */
function rowKey(row: LiveConversationRow): string {
  return JSON.stringify({ ...row, handleTimeSec: 0, timeWaitingSec: row.timeWaitingSec === null ? null : 0 });
}

/** Event types that change how every row of a queue reads (its name, its thresholds). */
function queueWide(event: FloorEvent): string | null {
  return event.type === 'queue.configured' ? event.queueId : null;
}

export function createConversationsPublisher(source: LiveSource, overlays: ViewOverlays, pacing: Pacing = {}): ConversationsPublisher {
  const subscribers = new Set<Subscriber>();
  let touched = new Set<string>();
  let touchedQueues = new Set<string>();
  let lastSeq = -1;

  function flush(refresh: boolean): void {
    if (subscribers.size === 0) {
      touched = new Set();
      touchedQueues = new Set();
      return;
    }
    const state = source.live();
    const now = source.floorNow();
    const conversations = touched;
    const queues = touchedQueues;
    touched = new Set();
    touchedQueues = new Set();
    const asOfSeq = state.lastSeq;
    const moved = asOfSeq !== lastSeq;
    lastSeq = asOfSeq;
    for (const subscriber of subscribers) {
      const upsert: LiveConversationRow[] = [];
      const remove: string[] = [];
      const consider = (conversationId: string): void => {
        const conversation = state.conversations.get(conversationId);
        if (conversation && isListedNow(conversation) && subscriber.queueIds.has(conversation.queueId)) {
          const row = buildConversationRow(state, conversation, now, overlays.thresholdsFor(subscriber.session));
          const json = rowKey(row);
          if (subscriber.sent.get(conversationId) === json) return;
          subscriber.sent.set(conversationId, json);
          upsert.push(row);
        } else if (subscriber.sent.delete(conversationId)) {
          remove.push(conversationId);
        }
      };
      const everything = refresh || subscriber.full || [...queues].some((queueId) => subscriber.queueIds.has(queueId));
      subscriber.full = false;
      if (everything) {
        const candidates = new Set(subscriber.sent.keys());
        for (const queueId of subscriber.queueIds) for (const conversationId of state.conversationsByQueue.get(queueId) ?? []) candidates.add(conversationId);
        for (const conversationId of candidates) consider(conversationId);
      } else {
        for (const conversationId of conversations) consider(conversationId);
      }
      const panel = buildQueuePanel(state, [...subscriber.queueIds], now, overlays.thresholdsFor(subscriber.session));
      const panelJson = JSON.stringify(panel);
      const panelChanged = panelJson !== subscriber.panelJson;
      subscriber.panelJson = panelJson;
      if (upsert.length === 0 && remove.length === 0 && !panelChanged && !(refresh && moved)) continue;
      subscriber.listener({ kind: 'diff', asOfSeq, asOfTime: state.lastEventTime, upsert, remove, panel });
    }
  }

  const pacer = createPacer(flush, { minIntervalMs: pacing.minIntervalMs ?? 100, refreshMs: pacing.refreshMs ?? 1_000, timers: pacing.timers });

  function onChange(change: LiveChange): void {
    if (subscribers.size === 0) return;
    if (change.replaced) {
      for (const subscriber of subscribers) subscriber.full = true;
    }
    for (const event of change.events) {
      if ('conversationId' in event) touched.add(event.conversationId);
      else if (event.type === 'agent.login') {
        // A new name shows on every row the agent holds.
        for (const conversationId of source.live().agents.get(event.agentId)?.conversationIds ?? []) touched.add(conversationId);
      } else {
        const queueId = queueWide(event);
        if (queueId !== null) touchedQueues.add(queueId);
      }
    }
    // The panel's figures move with any change in the subscribers' queues.
    for (const queueId of change.changedQueues) {
      for (const subscriber of subscribers) {
        if (subscriber.queueIds.has(queueId)) {
          pacer.request();
          return;
        }
      }
    }
    if (touched.size > 0 || touchedQueues.size > 0) pacer.request();
  }
  const stopListening = source.onLiveChange(onChange);

  return {
    subscribe(session, target, listener) {
      const state = source.live();
      const resolved = overlays.resolve(session, target, state);
      if (!resolved.ok) return resolved;
      const now = source.floorNow();
      const queueIds = new Set(resolved.value.queueIds);
      const rows = buildConversationRows(state, queueIds, now, overlays.thresholdsFor(session));
      const panel = buildQueuePanel(state, [...queueIds], now, overlays.thresholdsFor(session));
      const subscriber: Subscriber = {
        session,
        target,
        queueIds,
        listener,
        sent: new Map(rows.map((row) => [row.conversationId, rowKey(row)])),
        panelJson: JSON.stringify(panel),
        full: false,
      };
      subscribers.add(subscriber);
      listener({ kind: 'snapshot', asOfSeq: state.lastSeq, asOfTime: state.lastEventTime, rows, panel });
      return ok(() => {
        subscribers.delete(subscriber);
      });
    },
    overlaysChanged() {
      const state = source.live();
      for (const subscriber of subscribers) {
        const resolved = overlays.resolve(subscriber.session, subscriber.target, state);
        if (resolved.ok) subscriber.queueIds = new Set(resolved.value.queueIds);
        subscriber.full = true;
      }
      pacer.request();
    },
    close() {
      stopListening();
      pacer.close();
      subscribers.clear();
    },
  };
}
