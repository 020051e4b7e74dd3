import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { READ_SQL } from '../../../../src-main/core/store/queries.js';
import { READ_LIMITS, type Store } from '../../../../src-main/core/store/store.js';
import { conversationCreated, floorStory, ingestAll, message, MINUTE, queueConfigured, sequence, StoreSandbox, T0 } from './fixtures.js';
import { WHOLE_CACHE, scopeOf } from '../../../../src-main/core/queue-scope.js';

function plan(store: Store, sql: string, ...params: unknown[]): string {
  return (store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((step) => step.detail).join('\n');
}

describe('store reads', () => {
  let sandbox: StoreSandbox;
  let store: Store;
  beforeEach(() => {
    sandbox = new StoreSandbox();
    store = sandbox.open();
    ingestAll(store, floorStory());
  });
  afterEach(() => sandbox.close());

  describe('recent conversations', () => {
    it('lists newest first with the contract row shape', () => {
      const recent = store.recentConversations({ limit: 10, queueScope: WHOLE_CACHE });
      expect(recent.map((conversation) => conversation.conversationId)).toEqual(['c-3', 'c-2', 'c-1']);
      expect(recent[2]).toEqual({
        conversationId: 'c-1',
        queueId: 'q-sales',
        channel: 'chat',
        intent: 'delivery',
        agentId: 'a-1',
        state: 'ended',
        createdAt: T0,
        assignedAt: T0 + 40_000,
        endedAt: T0 + 5 * MINUTE,
        disposition: 'resolved',
        csat: 5,
        messageCount: 3,
      });
      expect(store.recentConversations({ limit: 1, queueScope: WHOLE_CACHE })).toHaveLength(1);
    });

    it('respects the queue scope, with or without a queue filter', () => {
      expect(store.recentConversations({ limit: 10, queueScope: scopeOf(['q-support'], true) }).map((row) => row.conversationId)).toEqual(['c-3']);
      expect(store.recentConversations({ limit: 10, queueScope: scopeOf(['q-sales'], true) }).map((row) => row.conversationId)).toEqual(['c-2', 'c-1']);
      expect(store.recentConversations({ limit: 10, queueScope: scopeOf([], true) })).toEqual([]);
      expect(store.recentConversations({ queueId: 'q-sales', limit: 10, queueScope: scopeOf(['q-support'], true) })).toEqual([]);
      expect(store.recentConversations({ queueId: 'q-sales', limit: 10, queueScope: scopeOf(['q-sales', 'q-support'], true) })).toHaveLength(2);
      expect(store.recentConversations({ queueId: 'q-sales', limit: 10, queueScope: WHOLE_CACHE })).toHaveLength(2);
    });

    it('bounds the limit and refuses a meaningless one', () => {
      const many = sequence(
        Array.from({ length: READ_LIMITS.conversations + 20 }, (_, index) => conversationCreated(`bulk-${index}`, 'q-bulk', T0 + index)),
        1000,
      );
      ingestAll(store, many, 'history');
      expect(store.recentConversations({ limit: 1_000_000, queueScope: WHOLE_CACHE })).toHaveLength(READ_LIMITS.conversations);
      expect(store.recentConversations({ limit: 0, queueScope: WHOLE_CACHE })).toHaveLength(1);
      expect(() => store.recentConversations({ limit: Number.NaN, queueScope: WHOLE_CACHE })).toThrow(RangeError);
    });
  });

  it('searches messages within the queue scope and pages by row id', () => {
    ingestAll(
      store,
      sequence([queueConfigured('q-other', T0), conversationCreated('c-9', 'q-other', T0), message('c-9', 'm-1', T0 + 1, 'Another parcel question')], 100),
      'history',
    );
    expect(store.searchMessages({ text: 'parcel', limit: 10, queueScope: WHOLE_CACHE }).map((hit) => hit.conversationId)).toEqual(['c-9', 'c-1']);
    expect(store.searchMessages({ text: 'parcel', limit: 10, queueScope: scopeOf(['q-sales'], true) }).map((hit) => hit.conversationId)).toEqual(['c-1']);
    expect(store.searchMessages({ text: 'parcel', limit: 10, queueScope: scopeOf([], true) })).toEqual([]);
    const [first] = store.searchMessages({ text: 'parcel', limit: 1, queueScope: WHOLE_CACHE });
    expect(first?.conversationId).toBe('c-9');
    expect(store.searchMessages({ text: 'parcel', limit: 1, queueScope: WHOLE_CACHE, beforeId: first?.id }).map((hit) => hit.conversationId)).toEqual(['c-1']);
  });

  it('pages a transcript in time order', () => {
    const [first, second] = store.conversationMessages('c-1', 2);
    expect([first?.messageId, second?.messageId]).toEqual(['m-1', 'm-2']);
    expect(store.conversationMessages('c-1', 2, { time: second?.time ?? 0, id: second?.id ?? 0 }).map((row) => row.messageId)).toEqual(['m-3']);
  });

  it('reads the event log in pages', () => {
    const pages: number[][] = [];
    for (let after = 0; ; ) {
      const page = store.readEvents('floor', after, 10);
      if (page.length === 0) break;
      pages.push(page.map((event) => event.seq));
      after = page.at(-1)?.seq ?? after;
    }
    expect(pages.map((page) => page.length)).toEqual([10, 10, 10, 3]);
    expect(pages.flat()).toEqual(floorStory().map((event) => event.seq));
    expect(store.readEvents('nowhere', 0, 10)).toEqual([]);
    expect(store.readEventKeys('nowhere')).toEqual([]);
    expect(store.countEvents('nowhere')).toBe(0);
  });

  it('saves and loads a checkpoint tagged with the stream epoch', () => {
    expect(store.loadCheckpoint('floor')).toBeNull();
    store.saveCheckpoint('floor', 20, T0 + MINUTE, '{"queues":[]}');
    store.saveCheckpoint('floor', 33, T0 + 2 * MINUTE, '{"queues":[1]}');
    expect(store.loadCheckpoint('floor')).toEqual({ epoch: 'epoch-1', seq: 33, time: T0 + 2 * MINUTE, stateJson: '{"queues":[1]}' });
    expect(() => store.saveCheckpoint('floor', 34, T0, 'not json')).toThrow(/not valid JSON/);
    expect(store.loadCheckpoint('floor')?.seq).toBe(33);
  });

  it('keeps settings as JSON', () => {
    expect(store.getSetting('retention.days')).toBeUndefined();
    store.setSetting('retention.days', 30);
    store.setSetting('layout', { tiles: ['q-sales'] });
    expect(store.getSetting<number>('retention.days')).toBe(30);
    expect(store.getSetting('layout')).toEqual({ tiles: ['q-sales'] });
    expect(() => store.setSetting('bad', undefined)).toThrow(/not JSON/);
  });

  it('passes the integrity check', () => {
    expect(store.integrityCheck()).toBe('ok');
  });

  describe('query plans of the hot reads use indexes', () => {
    it('recent conversations of a queue', () => {
      const detail = plan(store, READ_SQL.conversationsOfQueue, 'q-sales', 10);
      expect(detail).toMatch(/SEARCH conversations USING INDEX conversations_by_queue_created \(queue_id=\?\)/);
      expect(detail).not.toMatch(/TEMP B-TREE/);
    });

    it('message counts of listed conversations, from the messages index alone', () => {
      const plans = [
        plan(store, READ_SQL.conversationsOfQueue, 'q-sales', 10),
        plan(store, READ_SQL.conversationsAll, 10),
        plan(store, READ_SQL.conversationsInScope, '["q-sales"]', 10),
      ];
      for (const detail of plans) expect(detail).toMatch(/SEARCH m USING COVERING INDEX sqlite_autoindex_message_rows_1 \(conversation=\?\)/);
    });

    it('recent conversations of all queues', () => {
      const detail = plan(store, READ_SQL.conversationsAll, 10);
      expect(detail).toMatch(/SCAN conversations USING INDEX conversations_by_created/);
      expect(detail).not.toMatch(/TEMP B-TREE/);
    });

    it('messages of a conversation in time order', () => {
      const detail = plan(store, READ_SQL.messagesOfConversation, 'c-1', 0, 0, 10);
      // The conversation's key, then the unique (conversation, message_ref) index finds its messages;
      // sorting a few hundred rows by time is cheaper than keeping a second index on every message insert.
      expect(detail).toMatch(/SEARCH c USING PRIMARY KEY \(conversation_id=\?\)/);
      expect(detail).toMatch(/SEARCH m USING INDEX sqlite_autoindex_message_rows_1 \(conversation=\?\)/);
      expect(detail).not.toMatch(/SCAN m/);
      expect(detail).toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    });

    it('full-text match joined to messages and, in scope, to conversations', () => {
      const detail = plan(store, READ_SQL.searchMessagesInScope, '"parcel"', 1e15, '["q-sales"]', 10);
      expect(detail).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
      expect(detail).toMatch(/SEARCH m USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(detail).toMatch(/SEARCH c USING COVERING INDEX conversations_by_key \(conversation_key=\?\)/);
      expect(detail).toMatch(/SEARCH c USING PRIMARY KEY \(conversation_id=\?\)/);
      expect(detail).not.toMatch(/SCAN m\b|SCAN c\b/);
    });

    it('the event log of a stream, after a seq', () => {
      const detail = plan(store, READ_SQL.eventsAfter, { stream: 'floor', afterSeq: 0, types: '["queue.configured"]', limit: 10 });
      expect(detail).toMatch(/SEARCH e USING PRIMARY KEY \(log=\? AND seq>\?\)/);
      expect(detail).toMatch(/SEARCH r USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
      expect(detail).not.toMatch(/TEMP B-TREE|SCAN e\b|SCAN event_log/);
    });

    it('conversations of an agent, and conversations ended in a period', () => {
      expect(plan(store, 'SELECT conversation_id FROM conversations WHERE agent_id = ? ORDER BY assigned_at DESC LIMIT 10', 'a-1')).toMatch(
        /SEARCH conversations USING (COVERING )?INDEX conversations_by_agent \(agent_id=\?\)/,
      );
      expect(plan(store, 'SELECT conversation_id FROM conversations WHERE ended_at >= ? AND ended_at < ? LIMIT 10', T0, T0 + MINUTE)).toMatch(
        /SEARCH conversations USING (COVERING )?INDEX conversations_by_ended \(ended_at>\? AND ended_at<\?\)/,
      );
    });

    it('rejects, newest first', () => {
      expect(plan(store, READ_SQL.recentRejects, 10)).toMatch(/SCAN rejects USING INDEX rejects_by_at/);
    });
  });
});
