import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FloorEvent, FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { IngestBatchError } from '../../../../src-main/core/store/errors.js';
import type { Store } from '../../../../src-main/core/store/store.js';
import { conversationCreated, ingestAll, message, MINUTE, queueConfigured, row, rows, SECOND, sequence, StoreSandbox, T0 } from './fixtures.js';
import { WHOLE_CACHE } from '../../../../src-main/core/queue-scope.js';

const queued = (conversationId: string, queueId: string, time: number): FloorEventInput => ({ type: 'conversation.queued', time, conversationId, queueId });
const assigned = (conversationId: string, queueId: string, time: number): FloorEventInput => ({
  type: 'conversation.assigned',
  time,
  conversationId,
  queueId,
  agentId: 'a-1',
});

/** Ingests inputs as the next seqs of the floor stream, one batch. */
class Feed {
  private nextSeq = 1;
  constructor(private readonly store: () => Store) {}

  push(inputs: readonly FloorEventInput[]): void {
    const events = sequence(inputs, this.nextSeq);
    this.nextSeq += events.length;
    ingestAll(this.store(), events);
  }

  /** A batch whose last event the database refuses (fractional time), so the whole batch rolls back. */
  pushPoisoned(inputs: readonly FloorEventInput[], poison: FloorEventInput): void {
    const events = sequence([...inputs, poison], this.nextSeq);
    const last = events.length - 1;
    events[last] = { ...events[last], time: (events[last]?.time ?? T0) + 0.5 } as FloorEvent;
    expect(() => ingestAll(this.store(), events)).toThrow(IngestBatchError);
  }
}

function firstResponseAt(store: Store, conversationId: string): unknown {
  return row(store, 'SELECT first_response_at FROM conversations WHERE conversation_id = ?', conversationId)?.first_response_at;
}

describe('store ingest of conversation messages', () => {
  let sandbox: StoreSandbox;
  let store: Store;
  let feed: Feed;
  beforeEach(() => {
    sandbox = new StoreSandbox();
    store = sandbox.open();
    feed = new Feed(() => store);
    feed.push([queueConfigured('q-sales', T0), queueConfigured('q-support', T0)]);
  });
  afterEach(() => sandbox.close());

  it('sets the first response once, from the first agent or supervisor text after assignment', () => {
    feed.push([conversationCreated('c-1', 'q-sales', T0), queued('c-1', 'q-sales', T0), message('c-1', 'm-1', T0 + SECOND, 'hello', 'agent')]);
    // An agent text before assignment is no response to a waiting customer.
    expect(firstResponseAt(store, 'c-1')).toBeNull();
    feed.push([
      assigned('c-1', 'q-sales', T0 + 10 * SECOND),
      message('c-1', 'm-2', T0 + 11 * SECOND, 'hi', 'customer'),
      message('c-1', 'm-3', T0 + 12 * SECOND, 'bot says', 'bot'),
      message('c-1', 'm-4', T0 + 13 * SECOND, 'internal', 'supervisor', 'whisper'),
    ]);
    expect(firstResponseAt(store, 'c-1')).toBeNull();
    feed.push([message('c-1', 'm-5', T0 + 20 * SECOND, 'on it', 'supervisor'), message('c-1', 'm-6', T0 + 30 * SECOND, 'done', 'agent')]);
    expect(firstResponseAt(store, 'c-1')).toBe(T0 + 20 * SECOND);
    feed.push([message('c-1', 'm-7', T0 + 40 * SECOND, 'anything else?', 'agent')]);
    expect(firstResponseAt(store, 'c-1')).toBe(T0 + 20 * SECOND);
  });

  it('keeps the first response after a restart, when nothing is remembered in memory', () => {
    feed.push([conversationCreated('c-1', 'q-sales', T0), assigned('c-1', 'q-sales', T0), message('c-1', 'm-1', T0 + SECOND, 'hello', 'agent')]);
    store.close();
    store = sandbox.open();
    feed.push([message('c-1', 'm-2', T0 + 2 * SECOND, 'still here', 'agent')]);
    expect(firstResponseAt(store, 'c-1')).toBe(T0 + SECOND);
  });

  it('records each message under the queue the conversation is in when it arrives, and rolls it up there', () => {
    feed.push([conversationCreated('c-1', 'q-sales', T0), queued('c-1', 'q-sales', T0), message('c-1', 'm-1', T0 + SECOND, 'hello')]);
    feed.push([
      { type: 'conversation.transferred', time: T0 + 2 * SECOND, conversationId: 'c-1', fromQueueId: 'q-sales', toQueueId: 'q-support' },
      message('c-1', 'm-2', T0 + 3 * SECOND, 'moved'),
    ]);
    feed.push([message('c-1', 'm-3', T0 + 4 * SECOND, 'still moved'), assigned('c-1', 'q-sales', T0 + 5 * SECOND), message('c-1', 'm-4', T0 + 6 * SECOND, 'back')]);
    expect(rows(store, 'SELECT message_id, queue_id FROM messages ORDER BY id')).toEqual([
      { message_id: 'm-1', queue_id: 'q-sales' },
      { message_id: 'm-2', queue_id: 'q-support' },
      { message_id: 'm-3', queue_id: 'q-support' },
      { message_id: 'm-4', queue_id: 'q-sales' },
    ]);
    expect(store.readRollups('q-sales', T0, T0 + MINUTE).map((rollup) => rollup.messages)).toEqual([2]);
    expect(store.readRollups('q-support', T0, T0 + MINUTE).map((rollup) => rollup.messages)).toEqual([2]);
  });

  it('uses the queue of a conversation first heard of through another event, not the one its creation names', () => {
    feed.push([assigned('c-1', 'q-support', T0), conversationCreated('c-1', 'q-sales', T0), message('c-1', 'm-1', T0 + SECOND, 'hello')]);
    expect(rows(store, 'SELECT queue_id FROM messages')).toEqual([{ queue_id: 'q-support' }]);
  });

  it('finds the queue of a conversation from an earlier run', () => {
    feed.push([conversationCreated('c-1', 'q-support', T0), queued('c-1', 'q-support', T0)]);
    store.close();
    store = sandbox.open();
    feed.push([message('c-1', 'm-1', T0 + SECOND, 'hello'), message('c-1', 'm-2', T0 + 2 * SECOND, 'again')]);
    expect(rows(store, 'SELECT message_id, queue_id FROM messages ORDER BY id')).toEqual([
      { message_id: 'm-1', queue_id: 'q-support' },
      { message_id: 'm-2', queue_id: 'q-support' },
    ]);
    expect(store.rejectCounts()).toEqual({});
  });

  it('forgets what a rolled-back batch taught it: a conversation it created is unknown again', () => {
    feed.pushPoisoned([conversationCreated('c-9', 'q-sales', T0)], queued('c-9', 'q-sales', T0));
    feed.push([message('c-9', 'm-1', T0 + SECOND, 'anyone?')]);
    expect(rows(store, 'SELECT count(*) AS n FROM messages')).toEqual([{ n: 0 }]);
    expect(store.rejectCounts()).toEqual({ orphan_event: 1 });
  });

  it('forgets a conversation retention deleted: a later message or end about it is an orphan, not a write', () => {
    feed.push([conversationCreated('c-1', 'q-support', T0), queued('c-1', 'q-support', T0), assigned('c-1', 'q-support', T0 + SECOND)]);
    expect(store.pruneConversation('c-1')).toBe(1);
    feed.push([
      message('c-1', 'm-1', T0 + 2 * SECOND, 'still there?'),
      { type: 'conversation.ended', time: T0 + 3 * SECOND, conversationId: 'c-1', disposition: 'resolved' },
    ]);
    expect(rows(store, 'SELECT count(*) AS n FROM messages')).toEqual([{ n: 0 }]);
    expect(rows(store, 'SELECT count(*) AS n FROM conversations')).toEqual([{ n: 0 }]);
    expect(rows(store, 'SELECT sum(ended) AS ended, sum(messages) AS messages FROM rollups_15m')).toEqual([{ ended: 0, messages: 0 }]);
    expect(store.rejectCounts()).toEqual({ orphan_event: 2 });
  });

  it('forgets what a rolled-back batch taught it: a first response it set is unset again', () => {
    feed.push([conversationCreated('c-1', 'q-sales', T0), assigned('c-1', 'q-sales', T0)]);
    feed.pushPoisoned([message('c-1', 'm-1', T0 + SECOND, 'hello', 'agent')], queued('c-1', 'q-sales', T0 + SECOND));
    expect(firstResponseAt(store, 'c-1')).toBeNull();
    feed.push([message('c-1', 'm-2', T0 + 2 * SECOND, 'hello again', 'agent')]);
    expect(firstResponseAt(store, 'c-1')).toBe(T0 + 2 * SECOND);
  });

  it('forgets what a rolled-back batch taught it: a queue it moved a conversation to is the old one again', () => {
    feed.push([conversationCreated('c-1', 'q-sales', T0), queued('c-1', 'q-sales', T0)]);
    feed.pushPoisoned(
      [{ type: 'conversation.transferred', time: T0 + SECOND, conversationId: 'c-1', fromQueueId: 'q-sales', toQueueId: 'q-support' }],
      message('c-1', 'm-0', T0 + SECOND, 'lost'),
    );
    feed.push([message('c-1', 'm-1', T0 + 2 * SECOND, 'hello')]);
    expect(rows(store, 'SELECT message_id, queue_id FROM messages')).toEqual([{ message_id: 'm-1', queue_id: 'q-sales' }]);
  });

  it('counts messages at read time, each once, whichever stream brought it', () => {
    feed.push([conversationCreated('c-1', 'q-sales', T0), message('c-1', 'm-1', T0 + SECOND, 'one'), message('c-1', 'm-2', T0 + 2 * SECOND, 'two')]);
    ingestAll(store, sequence([message('c-1', 'm-2', T0 + 2 * SECOND, 'two'), message('c-1', 'm-3', T0 + 3 * SECOND, 'three')]), 'history', 'history-1');
    expect(store.recentConversations({ limit: 10, queueScope: WHOLE_CACHE })).toEqual([expect.objectContaining({ conversationId: 'c-1', messageCount: 3 })]);
    expect(store.readRollups('q-sales', T0, T0 + MINUTE).map((rollup) => rollup.messages)).toEqual([3]);
  });
});
