/**
 * Migration 230 converts a cache whose messages carry text keys (conversation, message and queue
 * ids, sender and kind words) into `message_rows` with integer keys, keeping every row readable
 * through the `messages` view: the same rows, the same events byte for byte, the same search
 * answers and transcripts. After it, an epoch rename touches no message.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../../src-main/core/store/store.js';
import { conversationCreated, floorStory, message, MINUTE, sequence, StoreSandbox, T0 } from './fixtures.js';
import { writeOldLayout } from './old-layout.js';

const MESSAGE_ROWS = 'SELECT id, conversation_id, message_id, queue_id, time, sender, sender_id, kind, text, delivery_failed, delivery_failure_reason FROM messages ORDER BY id';
const EVENTS = 'SELECT stream, epoch, seq, time, type, body FROM events ORDER BY stream, epoch, seq';

function all(db: Database.Database, sql: string, ...params: unknown[]): unknown[] {
  return db.prepare(sql).all(...params);
}

function searchIds(db: Database.Database, match: string): number[] {
  return db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').pluck().all(match) as number[];
}

/** Two epochs reusing ids (renames), a transfer, ids that do and do not begin with their conversation's, a backfill repeat. */
function oldCache(path: string): void {
  const odd = sequence(
    [
      conversationCreated('c-ü/9', 'q-sales', T0),
      message('c-ü/9', 'c-ü/9', T0 + MINUTE, 'Same id as the conversation: an empty suffix'),
      message('c-ü/9', 'c-ü/9-m2', T0 + 2 * MINUTE, 'Where is my invoice?', 'agent'),
      message('c-ü/9', 'x-c-ü/9', T0 + 3 * MINUTE, 'Not a prefix: a refund maybe', 'bot', 'system'),
      message('c-ü/9', 'c-ü', T0 + 4 * MINUTE, 'Shorter than the conversation id', 'supervisor', 'note'),
      { type: 'conversation.transferred', time: T0 + 5 * MINUTE, conversationId: 'c-ü/9', fromQueueId: 'q-sales', toQueueId: 'q-support' },
      message('c-ü/9', 'c-ü/9-m5', T0 + 6 * MINUTE, 'Now in support, about the parcel'),
    ],
    1,
  );
  writeOldLayout(path, 230, [
    { stream: 'floor', epoch: 'epoch-1', events: floorStory() },
    { stream: 'floor', epoch: 'epoch-2', events: floorStory() },
    { stream: 'history', epoch: 'h-1', events: odd },
    { stream: 'history', epoch: 'h-1', events: sequence([message('c-1', 'm-1', T0 + 50 * 1000, 'My parcel never arrived')], odd.length + 1) },
  ]);
}

describe('migration 230 on a cache whose messages have text keys', () => {
  let sandbox: StoreSandbox;
  beforeEach(() => {
    sandbox = new StoreSandbox();
  });
  afterEach(() => sandbox.close());

  it('keeps every message, event (byte for byte), search answer and transcript', () => {
    oldCache(sandbox.path);
    const old = new Database(sandbox.path);
    // A message whose conversation row is gone (no ingest writes one): its event must keep its words.
    old.prepare("INSERT INTO messages (id, conversation_id, message_id, queue_id, time, sender, kind, text) VALUES (9000, 'c-gone', 'c-gone-m1', 'q-sales', ?, 'customer', 'text', 'A lost refund')").run(T0);
    old.prepare("INSERT INTO messages_fts (rowid, text) VALUES (9000, 'A lost refund')").run();
    old.prepare("INSERT INTO event_log (log, seq, time, type, message) VALUES ((SELECT log FROM event_logs WHERE stream = 'history'), 500, ?, (SELECT code FROM event_types WHERE type = 'conversation.message'), 9000)").run(T0);
    const before = {
      messages: all(old, MESSAGE_ROWS),
      events: all(old, EVENTS),
      refund: searchIds(old, 'refund'),
      prefix: searchIds(old, 'parc*'),
      phrase: searchIds(old, '"tracking number"'),
      conversations: all(old, 'SELECT * FROM conversations ORDER BY conversation_id'),
    };
    expect(before.messages.length).toBeGreaterThan(10);
    expect(all(old, "SELECT count(*) AS n FROM messages WHERE conversation_id = 'c-1@epoch-1'")).toEqual([{ n: 3 }]);
    old.close();

    const store = sandbox.open();
    const db = store.database;
    expect(store.integrityCheck()).toBe('ok');
    const orphan = (row: unknown): boolean => (row as { id: number }).id === 9000;
    expect(all(db, MESSAGE_ROWS)).toEqual(before.messages.filter((row) => !orphan(row)));
    expect(all(db, EVENTS)).toEqual(before.events);
    expect({ refund: searchIds(db, 'refund'), prefix: searchIds(db, 'parc*'), phrase: searchIds(db, '"tracking number"') }).toEqual({
      refund: before.refund.filter((id) => id !== 9000),
      prefix: before.prefix,
      phrase: before.phrase,
    });
    expect(all(db, 'SELECT * FROM conversations ORDER BY conversation_id').map((row) => ({ ...(row as object), conversation_key: undefined }))).toEqual(
      before.conversations.map((row) => ({ ...(row as object), conversation_key: undefined })),
    );
    // The orphan's event keeps its words in the log; every other message event still refers to its row.
    expect(all(db, "SELECT message IS NULL AS body FROM event_log WHERE seq = 500")).toEqual([{ body: 1 }]);
    expect(all(db, "SELECT count(*) AS n FROM message_rows WHERE ref_is_suffix = 0")).toEqual([{ n: 8 }]);
    expect(store.conversationMessages('c-ü/9', 10).map((m) => [m.messageId, m.sender, m.kind])).toEqual([
      ['c-ü/9', 'customer', 'text'],
      ['c-ü/9-m2', 'agent', 'text'],
      ['x-c-ü/9', 'bot', 'system'],
      ['c-ü', 'supervisor', 'note'],
      ['c-ü/9-m5', 'customer', 'text'],
    ]);
    expect(all(db, "SELECT queue_id FROM messages WHERE conversation_id = 'c-ü/9' ORDER BY id").map((row) => (row as { queue_id: string }).queue_id)).toEqual([
      'q-sales',
      'q-sales',
      'q-sales',
      'q-sales',
      'q-support',
    ]);
  });

  it('goes on ingesting after the conversion: new keys, renames that touch no message, one row per message id', () => {
    oldCache(sandbox.path);
    const store: Store = sandbox.open();
    const db = store.database;
    const rowsBefore = all(db, 'SELECT * FROM message_rows ORDER BY id');
    const maxKey = db.prepare('SELECT max(conversation_key) FROM conversations').pluck().get() as number;
    // A third epoch renames epoch-2's c-1 out of the way; its messages keep their rows untouched.
    store.ingestBatch({ stream: 'floor', epoch: 'epoch-3', events: floorStory(), lastSeq: floorStory().length });
    expect(all(db, 'SELECT * FROM message_rows WHERE id <= ? ORDER BY id', (rowsBefore.at(-1) as { id: number }).id)).toEqual(rowsBefore);
    expect(all(db, "SELECT message_id FROM messages WHERE conversation_id = 'c-1@epoch-2' ORDER BY id")).toEqual([
      { message_id: 'm-1' },
      { message_id: 'm-2' },
      { message_id: 'm-3' },
    ]);
    expect(db.prepare("SELECT conversation_key FROM conversations WHERE conversation_id = 'c-1'").pluck().get()).toBeGreaterThan(maxKey);
    // The same message through another stream writes no second row.
    const count = db.prepare("SELECT count(*) FROM messages WHERE conversation_id = 'c-1'").pluck();
    expect(count.get()).toBe(3);
    store.ingestBatch({ stream: 'history', epoch: 'h-9', events: sequence([message('c-1', 'm-1', T0 + 50 * 1000, 'My parcel never arrived')], 1), lastSeq: 1 });
    expect(count.get()).toBe(3);
    expect(store.integrityCheck()).toBe('ok');
  });
});
