/**
 * The live transcript topic: a snapshot of the conversation (header, messages and lifecycle
 * events in order, who is watching), then updates with the entries appended since (paced like
 * every live view: the first at once, then at most one per 100 ms), and an update to every
 * watcher when someone starts or stops watching.
 *
 * Lifecycle events (created, queued, assigned, transferred, taken over, ended, abandoned) are not
 * stored as rows of their own, so the publisher keeps a bounded log of them as they arrive; for
 * a conversation that began before this console ran, the stored conversation row fills in what
 * the log did not see.
 */
import type { LiveConversationHeader, TranscriptMessage, Watcher } from '../../../src-shared/api/live-insights.js';
import type { TranscriptEntry } from '../../../src-shared/api/transcript.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import { inScope, type Session } from '../api/session.js';
import type { LiveState } from '../floor-state/state.js';
import { conversationAlerts } from '../live-insights/conversation-rows.js';
import type { StoredConversation, TranscriptSource } from '../live-insights/transcript-source.js';
import type { LiveChange, LiveSource, ViewOverlays } from './live-source.js';
import { createPacer, type Pacing } from './pacer.js';

type EventEntry = Extract<TranscriptEntry, { kind: 'event' }>;
type MessageEntry = Extract<TranscriptEntry, { kind: 'message' }>;

export interface TranscriptPublisher {
  subscribe(session: Session, conversationId: string, listener: (message: TranscriptMessage) => void): Result<() => void>;
  /** Who watches a conversation now, each user once. */
  watchers(conversationId: string): Watcher[];
  close(): void;
}

export interface TranscriptPublisherOptions {
  /** What the store knows of conversations, queues and agents the live state does not hold. */
  readonly stored: TranscriptSource;
  /** Messages in a snapshot (the latest ones). */
  readonly maxMessages?: number;
  /** Conversations whose lifecycle is remembered; the oldest are forgotten first. */
  readonly lifecycleCapacity?: number;
}

interface Subscriber {
  readonly session: Session;
  readonly conversationId: string;
  readonly listener: (message: TranscriptMessage) => void;
  readonly sentMessageIds: Set<string>;
}

interface Pending {
  readonly append: TranscriptEntry[];
  readonly deliveryFailures: { readonly messageId: string; readonly reason: string }[];
}

/** In time order; at equal times a lifecycle event reads before the message it led to. */
function byTime(a: TranscriptEntry, b: TranscriptEntry): number {
  return a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1);
}

export function createTranscriptPublisher(source: LiveSource, overlays: Pick<ViewOverlays, 'thresholdsFor' | 'overriddenQueues'>, deps: TranscriptPublisherOptions, pacing: Pacing = {}): TranscriptPublisher {
  const maxMessages = deps.maxMessages ?? 1_000;
  const lifecycleCapacity = deps.lifecycleCapacity ?? 20_000;
  const lifecycle = new Map<string, EventEntry[]>();
  const watched = new Map<string, Set<Subscriber>>();
  /** Entries not yet sent, by watched conversation. */
  let pending = new Map<string, Pending>();

  const queueName = (state: LiveState, queueId: string): string => state.queues.get(queueId)?.name ?? deps.stored.queueName(queueId) ?? queueId;
  const agentName = (state: LiveState, agentId: string): string => state.agents.get(agentId)?.name ?? deps.stored.agentName(agentId) ?? agentId;
  /** Anyone by id: an agent on the floor, a person of the feed's directory (supervisors too), a cached agent; else the id. */
  const personName = (state: LiveState, userId: string): string => state.agents.get(userId)?.name ?? state.directory.get(userId)?.name ?? deps.stored.agentName(userId) ?? userId;
  /** A message line with its sender's name, so views never show an id where a person is meant. */
  const named = (entry: TranscriptEntry, state: LiveState): TranscriptEntry =>
    entry.kind === 'message' && entry.senderId !== null && entry.sender !== 'customer' ? { ...entry, senderName: personName(state, entry.senderId) } : entry;

  function remember(conversationId: string, entry: EventEntry): void {
    let entries = lifecycle.get(conversationId);
    if (!entries) {
      if (lifecycle.size >= lifecycleCapacity) {
        const oldest = lifecycle.keys().next();
        if (oldest.done !== true) lifecycle.delete(oldest.value);
      }
      entries = [];
      lifecycle.set(conversationId, entries);
    }
    entries.push(entry);
  }

  /** The transcript line of a lifecycle event, named with the floor's current queue and agent names. */
  function lifecycleEntry(event: FloorEvent, state: LiveState): EventEntry | null {
    switch (event.type) {
      case 'conversation.created':
        return { kind: 'event', at: event.time, event: 'created', text: `Started in ${queueName(state, event.queueId)}${event.intent ? ` (${event.intent})` : ''}` };
      case 'conversation.queued':
        return { kind: 'event', at: event.time, event: 'queued', text: `Queued in ${queueName(state, event.queueId)}` };
      case 'conversation.assigned':
        return { kind: 'event', at: event.time, event: 'assigned', text: `Assigned to ${agentName(state, event.agentId)} in ${queueName(state, event.queueId)}` };
      case 'conversation.transferred':
        return { kind: 'event', at: event.time, event: 'transferred', text: `Transferred from ${queueName(state, event.fromQueueId)} to ${queueName(state, event.toQueueId)}` };
      case 'conversation.taken_over':
        return {
          kind: 'event',
          at: event.time,
          event: 'taken_over',
          text: `Taken over by ${personName(state, event.supervisorId)}${event.fromAgentId ? ` from ${agentName(state, event.fromAgentId)}` : ''}`,
        };
      case 'conversation.ended':
        return { kind: 'event', at: event.time, event: 'ended', text: `Ended: ${event.disposition.replaceAll('_', ' ')}`, disposition: event.disposition };
      case 'conversation.abandoned':
        return { kind: 'event', at: event.time, event: 'abandoned', text: `Customer left ${queueName(state, event.queueId)} before an answer` };
      default:
        return null;
    }
  }

  /** Lifecycle lines from the stored row, for what happened before the log started. */
  function storedLifecycle(stored: StoredConversation, state: LiveState): EventEntry[] {
    const entries: EventEntry[] = [{ kind: 'event', at: stored.createdAt, event: 'created', text: `Started in ${queueName(state, stored.queueId)}` }];
    if (stored.queuedAt !== null) entries.push({ kind: 'event', at: stored.queuedAt, event: 'queued', text: `Queued in ${queueName(state, stored.queueId)}` });
    if (stored.assignedAt !== null && stored.agentId !== null && stored.agentId !== stored.takenOverBy) {
      entries.push({ kind: 'event', at: stored.assignedAt, event: 'assigned', text: `Assigned to ${agentName(state, stored.agentId)}` });
    }
    if (stored.takenOverAt !== null && stored.takenOverBy !== null) {
      entries.push({ kind: 'event', at: stored.takenOverAt, event: 'taken_over', text: `Taken over by ${personName(state, stored.takenOverBy)}` });
    }
    if (stored.endedAt !== null && stored.disposition !== null) {
      entries.push({ kind: 'event', at: stored.endedAt, event: 'ended', text: `Ended: ${stored.disposition.replaceAll('_', ' ')}`, disposition: stored.disposition });
    }
    if (stored.abandonedAt !== null) entries.push({ kind: 'event', at: stored.abandonedAt, event: 'abandoned', text: `Customer left ${queueName(state, stored.queueId)} before an answer` });
    return entries;
  }

  function header(conversationId: string, state: LiveState, now: number, stored?: StoredConversation | null): LiveConversationHeader | null {
    const live = state.conversations.get(conversationId);
    if (live) {
      const queue = state.queues.get(live.queueId);
      return {
        conversationId,
        queueId: live.queueId,
        queueName: queueName(state, live.queueId),
        channel: live.channel,
        intent: live.intent,
        state: live.state,
        agentId: live.agentId,
        agentName: live.agentId === null ? null : agentName(state, live.agentId),
        supervisorId: live.supervisorId,
        supervisorName: live.supervisorId === null ? null : personName(state, live.supervisorId),
        createdAt: live.createdAt,
        assignedAt: live.assignedAt,
        handleTimeSec: live.assignedAt === null ? null : Math.max(0, Math.floor((now - live.assignedAt) / 1000)),
        deliveryFailures: live.deliveryFailures,
        alerts: queue ? conversationAlerts(live, queue.thresholds, now) : [],
      };
    }
    const row = stored === undefined ? deps.stored.conversation(conversationId) : stored;
    if (!row) return null;
    const supervisorId = row.takenOverBy;
    const agentId = supervisorId !== null && row.agentId === supervisorId ? null : row.agentId;
    const finishedAt = row.endedAt ?? row.abandonedAt;
    const alerts: LiveConversationHeader['alerts'][number][] = [];
    if (row.transfers > 0) alerts.push('transfer');
    if (row.whispers > 0) alerts.push('whisper_sent');
    if (row.highEffort) alerts.push('high_effort');
    if (row.deliveryFailures > 0) alerts.push('delivery_failure');
    if (supervisorId !== null) alerts.push('taken_over');
    return {
      conversationId,
      queueId: row.queueId,
      queueName: queueName(state, row.queueId),
      channel: row.channel,
      intent: row.intent,
      state: row.state,
      agentId,
      agentName: agentId === null ? null : agentName(state, agentId),
      supervisorId,
      supervisorName: supervisorId === null ? null : personName(state, supervisorId),
      createdAt: row.createdAt,
      assignedAt: row.assignedAt,
      handleTimeSec: row.assignedAt === null ? null : Math.max(0, Math.floor(((finishedAt ?? now) - row.assignedAt) / 1000)),
      deliveryFailures: row.deliveryFailures,
      alerts,
    };
  }

  function entries(conversationId: string, state: LiveState): TranscriptEntry[] {
    const logged = lifecycle.get(conversationId) ?? [];
    let events: EventEntry[] = logged;
    if (!logged.some((entry) => entry.event === 'created')) {
      const stored = deps.stored.conversation(conversationId);
      const firstLogged = logged[0]?.at ?? Number.POSITIVE_INFINITY;
      const before = stored ? storedLifecycle(stored, state).filter((entry) => entry.at < firstLogged) : [];
      events = [...before, ...logged];
    }
    const all: TranscriptEntry[] = [...events, ...deps.stored.messages(conversationId, maxMessages).map((entry) => named(entry, state))];
    return all.sort(byTime);
  }

  function watchersOf(conversationId: string): Watcher[] {
    const byUser = new Map<string, Watcher>();
    for (const subscriber of watched.get(conversationId) ?? []) {
      byUser.set(subscriber.session.userId, { userId: subscriber.session.userId, displayName: subscriber.session.displayName });
    }
    return [...byUser.values()].sort((a, b) => a.displayName.localeCompare(b.displayName) || (a.userId < b.userId ? -1 : 1));
  }

  /** The header as one subscriber reads it: alerts judged by their own override, when they have one for the queue. */
  function headerFor(subscriber: Subscriber, head: LiveConversationHeader, state: LiveState, now: number): LiveConversationHeader {
    if (!overlays.overriddenQueues(subscriber.session).has(head.queueId)) return head;
    const live = state.conversations.get(head.conversationId);
    const queue = state.queues.get(head.queueId);
    if (!live || !queue) return head;
    return { ...head, alerts: conversationAlerts(live, overlays.thresholdsFor(subscriber.session)(queue), now) };
  }

  function sendSnapshot(subscriber: Subscriber, head: LiveConversationHeader, state: LiveState): void {
    const all = entries(subscriber.conversationId, state);
    subscriber.sentMessageIds.clear();
    for (const entry of all) if (entry.kind === 'message') subscriber.sentMessageIds.add(entry.messageId);
    subscriber.listener({ kind: 'snapshot', header: headerFor(subscriber, head, state, source.floorNow()), entries: all, watchers: watchersOf(subscriber.conversationId) });
  }

  /** Tells everyone watching a conversation, except `skip`, its header and watchers, with new entries if any. */
  function update(conversationId: string, entries: Pending, skip: Subscriber | null): void {
    const subscribers = watched.get(conversationId);
    if (!subscribers || subscribers.size === 0) return;
    const state = source.live();
    const now = source.floorNow();
    const head = header(conversationId, state, now);
    if (!head) return;
    const watchers = watchersOf(conversationId);
    for (const subscriber of subscribers) {
      if (subscriber === skip) continue;
      const append = entries.append.filter((entry) => {
        if (entry.kind !== 'message') return true;
        if (subscriber.sentMessageIds.has(entry.messageId)) return false;
        subscriber.sentMessageIds.add(entry.messageId);
        return true;
      });
      subscriber.listener({ kind: 'update', header: headerFor(subscriber, head, state, now), append, deliveryFailures: entries.deliveryFailures, watchers });
    }
  }

  const nothing: Pending = { append: [], deliveryFailures: [] };

  function onChange(change: LiveChange): void {
    const state = source.live();
    if (change.replaced) {
      // The snapshots below carry everything that was waiting.
      pending = new Map();
      const now = source.floorNow();
      for (const [conversationId, subscribers] of watched) {
        const head = header(conversationId, state, now);
        if (!head) continue;
        for (const subscriber of subscribers) sendSnapshot(subscriber, head, state);
      }
      return;
    }
    let touched = false;
    for (const event of change.events) {
      if (!('conversationId' in event)) continue;
      const entry = lifecycleEntry(event, state);
      if (entry) remember(event.conversationId, entry);
      if (!watched.has(event.conversationId)) continue;
      touched = true;
      let forConversation = pending.get(event.conversationId);
      if (!forConversation) {
        forConversation = { append: [], deliveryFailures: [] };
        pending.set(event.conversationId, forConversation);
      }
      if (entry) forConversation.append.push(entry);
      else if (event.type === 'conversation.message') {
        forConversation.append.push({
          kind: 'message',
          messageId: event.messageId,
          at: event.time,
          sender: event.sender,
          messageKind: event.kind,
          senderId: event.senderId ?? null,
          ...(event.senderId !== undefined && event.sender !== 'customer' ? { senderName: personName(state, event.senderId) } : {}),
          text: event.text,
          deliveryFailure: null,
        } satisfies MessageEntry);
      } else if (event.type === 'conversation.delivery_failed') {
        forConversation.deliveryFailures.push({ messageId: event.messageId, reason: event.reason });
      }
    }
    if (touched) pacer.request();
  }

  /** Sends what is waiting for one conversation (all of them when none is named). */
  function flush(conversationId?: string): void {
    if (conversationId === undefined) {
      const waiting = pending;
      pending = new Map();
      for (const [id, forConversation] of waiting) update(id, forConversation, null);
      return;
    }
    const forConversation = pending.get(conversationId);
    if (!forConversation) return;
    pending.delete(conversationId);
    update(conversationId, forConversation, null);
  }

  // Appends are sent as they come, at most one update per conversation per interval; nothing
  // moves with the clock alone, so the periodic refresh has nothing to do.
  const pacer = createPacer(() => flush(), { minIntervalMs: pacing.minIntervalMs ?? 100, refreshMs: pacing.refreshMs ?? 60_000, timers: pacing.timers });
  const stopListening = source.onLiveChange(onChange);

  return {
    subscribe(session, conversationId, listener) {
      const state = source.live();
      const stored = state.conversations.has(conversationId) ? undefined : deps.stored.conversation(conversationId);
      const head = header(conversationId, state, source.floorNow(), stored);
      if (!head || !inScope(session, head.queueId)) return fail(`No conversation ${conversationId}`);
      // Those already watching get what is waiting first: the newcomer's snapshot holds it already.
      flush(conversationId);
      const subscriber: Subscriber = { session, conversationId, listener, sentMessageIds: new Set() };
      const before = JSON.stringify(watchersOf(conversationId));
      let subscribers = watched.get(conversationId);
      if (!subscribers) {
        subscribers = new Set();
        watched.set(conversationId, subscribers);
      }
      subscribers.add(subscriber);
      sendSnapshot(subscriber, head, state);
      // A second window of a user already watching changes nothing the others see.
      if (JSON.stringify(watchersOf(conversationId)) !== before) update(conversationId, nothing, subscriber);
      return ok(() => {
        const current = watched.get(conversationId);
        const previous = JSON.stringify(watchersOf(conversationId));
        if (!current?.delete(subscriber)) return;
        if (current.size === 0) watched.delete(conversationId);
        else if (JSON.stringify(watchersOf(conversationId)) !== previous) update(conversationId, nothing, null);
      });
    },
    watchers: watchersOf,
    close() {
      stopListening();
      pacer.close();
      pending = new Map();
      watched.clear();
      lifecycle.clear();
    },
  };
}
