import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { floorStory, ingestAll, row, StoreSandbox, T0 } from './fixtures.js';

describe('store repositories and pruning', () => {
  let sandbox: StoreSandbox;
  beforeEach(() => {
    sandbox = new StoreSandbox();
  });
  afterEach(() => sandbox.close());

  it('builds an area repository on its own connection, seeing what ingest wrote', () => {
    const store = sandbox.open();
    ingestAll(store, floorStory());
    const repository = store.repository((connection) => {
      const queueName = connection.prepare<[string], string>('SELECT name FROM queues WHERE queue_id = ?').pluck();
      return { queueName: (queueId: string) => queueName.get(queueId), open: () => connection.open };
    });
    expect(repository.queueName('q-sales')).toBe('Queue q-sales');
    expect(repository.open()).toBe(true);
    store.close();
    expect(repository.open()).toBe(false);
  });

  it('prunes a conversation with its messages, search rows and survey, and keeps the count exact', () => {
    const store = sandbox.open();
    ingestAll(store, floorStory());
    const before = row<{ conversations: number }>(store, 'SELECT conversations FROM conversation_count')?.conversations ?? 0;
    const messages = row<{ count: number }>(store, "SELECT count(*) AS count FROM messages WHERE conversation_id = 'c-1'")?.count ?? 0;
    expect(messages).toBeGreaterThan(0);

    expect(store.pruneConversation('c-1')).toBe(messages + 1);

    expect(row(store, "SELECT 1 FROM conversations WHERE conversation_id = 'c-1'")).toBeUndefined();
    expect(row(store, "SELECT 1 FROM surveys WHERE conversation_id = 'c-1'")).toBeUndefined();
    expect(row<{ count: number }>(store, "SELECT count(*) AS count FROM messages_fts WHERE messages_fts MATCH 'parcel'")?.count).toBe(0);
    expect(row<{ conversations: number }>(store, 'SELECT conversations FROM conversation_count')?.conversations).toBe(before - 1);
    expect(store.pruneConversation('c-unknown')).toBe(0);
  });

  it('prunes old events of one log below a seq, at most `limit` at a time', () => {
    const store = sandbox.open();
    const events = floorStory();
    ingestAll(store, events);
    const total = store.countEvents('floor');
    expect(store.pruneEvents('floor', 'epoch-1', 4, T0 + 1, 2)).toBe(2);
    expect(store.pruneEvents('floor', 'epoch-1', 4, T0 + 1, 100)).toBe(1);
    expect(store.pruneEvents('floor', 'epoch-1', 4, T0 + 1, 100)).toBe(0);
    expect(store.pruneEvents('floor', 'other-epoch', 100, T0 + 1_000_000_000, 100)).toBe(0);
    expect(store.countEvents('floor')).toBe(total - 3);
  });
});
