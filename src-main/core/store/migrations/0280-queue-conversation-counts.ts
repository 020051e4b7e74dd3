/**
 * Migration 280: each queue's conversation count, kept by triggers like the cache's total
 * (migration 60). Never edit it once shipped.
 *
 * A scoped session's cache strip counts only its queues' conversations. Counted when asked, that
 * walked each queue's part of an index on the core's thread: about a quarter of a second for half
 * of a million-conversation cache, every 30 s. Kept here, it is one row read a queue. A
 * conversation moved to another queue (a transfer) moves its count; an upsert that takes its
 * update path fires no insert trigger, so a conversation is counted once.
 */
import type { Migration } from './migration.js';

export const MIGRATION_0280_QUEUE_CONVERSATION_COUNTS: Migration = {
  version: 280,
  name: 'conversation count of each queue kept by triggers',
  sql: `
    CREATE TABLE queue_conversation_counts (
      queue_id TEXT PRIMARY KEY,
      conversations INTEGER NOT NULL CHECK (conversations >= 0)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO queue_conversation_counts (queue_id, conversations)
      SELECT queue_id, count(*) FROM conversations GROUP BY queue_id;

    CREATE TRIGGER queue_conversation_count_insert AFTER INSERT ON conversations BEGIN
      INSERT INTO queue_conversation_counts (queue_id, conversations) VALUES (new.queue_id, 1)
        ON CONFLICT (queue_id) DO UPDATE SET conversations = conversations + 1;
    END;
    CREATE TRIGGER queue_conversation_count_delete AFTER DELETE ON conversations BEGIN
      UPDATE queue_conversation_counts SET conversations = conversations - 1 WHERE queue_id = old.queue_id;
    END;
    CREATE TRIGGER queue_conversation_count_move AFTER UPDATE OF queue_id ON conversations
      WHEN old.queue_id IS NOT new.queue_id BEGIN
      UPDATE queue_conversation_counts SET conversations = conversations - 1 WHERE queue_id = old.queue_id;
      INSERT INTO queue_conversation_counts (queue_id, conversations) VALUES (new.queue_id, 1)
        ON CONFLICT (queue_id) DO UPDATE SET conversations = conversations + 1;
    END;
  `,
};
