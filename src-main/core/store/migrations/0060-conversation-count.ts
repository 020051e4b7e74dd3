/**
 * Migration 60, shipped: the exact conversation count, kept by triggers. Never edit it
 * (docs/decisions/0012-schema-ownership.md). The SQL keeps the indentation it shipped with.
 */
import type { Migration } from './migration.js';

export const MIGRATION_0060_CONVERSATION_COUNT: Migration = {
  version: 60,
  name: 'conversation count kept by triggers',
  // The cache's conversation count, exact at every moment: a count(*) over a million rows blocks
  // for seconds, and a count taken in the background is unknown until done and stale after the
  // next write. An upsert that takes its update path fires no insert trigger, so a conversation is
  // counted once.
  sql: `
      CREATE TABLE conversation_count (
        only INTEGER PRIMARY KEY CHECK (only = 1),
        conversations INTEGER NOT NULL CHECK (conversations >= 0)
      ) STRICT;
      INSERT INTO conversation_count (only, conversations) SELECT 1, count(*) FROM conversations;
      CREATE TRIGGER conversation_count_insert AFTER INSERT ON conversations
        BEGIN UPDATE conversation_count SET conversations = conversations + 1 WHERE only = 1; END;
      CREATE TRIGGER conversation_count_delete AFTER DELETE ON conversations
        BEGIN UPDATE conversation_count SET conversations = conversations - 1 WHERE only = 1; END;
    `,
};
