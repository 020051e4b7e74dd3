import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { ingestAll, message, MINUTE, queueConfigured, row, rows, sequence, StoreSandbox, T0 } from './fixtures.js';

const created = (conversationId: string, queueId: string, time: number, customerId: string): FloorEventInput => ({
  type: 'conversation.created',
  time,
  conversationId,
  channel: 'chat',
  queueId,
  intent: 'billing',
  customer: { customerId },
});

describe('conversation identity across feed epochs', () => {
  let sandbox: StoreSandbox;
  beforeEach(() => {
    sandbox = new StoreSandbox();
  });
  afterEach(() => sandbox.close());

  it('renames the older epoch\u2019s conversation, and its notes and facts follow it', () => {
    const store = sandbox.open();
    ingestAll(store, sequence([queueConfigured('q-1', T0), created('c-1', 'q-1', T0, 'cu-old'), message('c-1', 'm-1', T0 + 1_000, 'old words')]), 'floor', 'e-1');
    store.database.prepare(
      "INSERT INTO history_notes (note_id, conversation_id, queue_id, at, author_id, author_name, text) VALUES ('n-1', 'c-1', 'q-1', 1, 'u', 'U', 'a note')",
    ).run();

    ingestAll(store, sequence([created('c-1', 'q-1', T0 + 60 * MINUTE, 'cu-new'), message('c-1', 'm-1', T0 + 61 * MINUTE, 'new words')]), 'floor', 'e-2');

    expect(rows(store, 'SELECT conversation_id AS id, epoch, customer_id AS customer FROM conversations ORDER BY created_at')).toEqual([
      { id: 'c-1@e-1', epoch: 'e-1', customer: 'cu-old' },
      { id: 'c-1', epoch: 'e-2', customer: 'cu-new' },
    ]);
    expect(row(store, "SELECT conversation_id AS id FROM history_notes WHERE note_id = 'n-1'")).toEqual({ id: 'c-1@e-1' });
    expect(store.conversationMessages('c-1@e-1', 10).map((entry) => entry.text)).toEqual(['old words']);
  });

  it('takes a history backfill for the live epoch\u2019s past, so the same conversation through both streams stays one', () => {
    const store = sandbox.open();
    ingestAll(store, sequence([queueConfigured('q-1', T0), created('c-1', 'q-1', T0, 'cu-1'), message('c-1', 'm-1', T0 + 1_000, 'hello')]), 'floor', 'live-1');
    ingestAll(store, sequence([created('c-1', 'q-1', T0, 'cu-1'), message('c-1', 'm-1', T0 + 1_000, 'hello'), message('c-1', 'm-2', T0 + 2_000, 'again')]), 'history', 'history-1');

    expect(rows(store, 'SELECT conversation_id AS id, epoch FROM conversations')).toEqual([{ id: 'c-1', epoch: 'live-1' }]);
    expect(store.conversationMessages('c-1', 10)).toHaveLength(2);
  });

  it('lets the first live epoch adopt conversations a backfill brought before it', () => {
    const store = sandbox.open();
    ingestAll(store, sequence([queueConfigured('q-1', T0), created('c-1', 'q-1', T0, 'cu-1')]), 'history', 'history-1');
    ingestAll(store, sequence([message('c-1', 'm-1', T0 + 1_000, 'still here')]), 'floor', 'live-1');

    expect(rows(store, 'SELECT conversation_id AS id, epoch FROM conversations')).toEqual([{ id: 'c-1', epoch: 'live-1' }]);
    expect(store.conversationMessages('c-1', 10)).toHaveLength(1);
  });
});
