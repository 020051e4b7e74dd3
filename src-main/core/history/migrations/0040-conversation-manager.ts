/**
 * Migration 40, shipped: the Conversation Manager's tables. Never edit it
 * (docs/decisions/0012-schema-ownership.md); the SQL keeps the indentation it shipped with.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0040_CONVERSATION_MANAGER: Migration = {
  version: 40,
  name: 'conversation manager: search facts, notes, saved searches, customer lookup',
  // history_facts holds what the search filters and sorts read, one short row per finished
  // conversation, clustered by start time: filtering the wide conversations rows (WITHOUT ROWID,
  // so every index hit is a second B-tree search) cost seconds on a million conversations, while
  // "newest first, some filters" here reads consecutive short rows. It also carries the figures
  // ingest does not keep (average response time, message count). The history area writes it in
  // the background, never the ingest transaction (docs/decisions/0008-history-search.md).
  //
  // history_customer_keys holds each finished conversation's customer id, e-mail, phone and name,
  // lower-cased, as one B-tree of (key, conversation): an exact or prefix lookup on any of the four
  // is one range seek. It is written with history_facts, in the background: four indexes on the
  // conversations table cost ingest about 15 % of its rate (measured 45k against 53k events/s).
  sql: `
      CREATE TABLE history_facts (
        created_at INTEGER NOT NULL,
        conversation_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        intent TEXT NOT NULL,
        agent_id TEXT,
        team_id TEXT,
        disposition TEXT,
        csat INTEGER,
        handle_ms INTEGER CHECK (handle_ms IS NULL OR handle_ms >= 0),
        wait_ms INTEGER CHECK (wait_ms IS NULL OR wait_ms >= 0),
        first_response_ms INTEGER CHECK (first_response_ms IS NULL OR first_response_ms >= 0),
        avg_response_ms INTEGER CHECK (avg_response_ms IS NULL OR avg_response_ms >= 0),
        responses INTEGER NOT NULL CHECK (responses >= 0),
        message_count INTEGER NOT NULL CHECK (message_count >= 0),
        computed_at INTEGER NOT NULL,
        PRIMARY KEY (created_at, conversation_id)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX history_facts_by_conversation ON history_facts (conversation_id);
      CREATE INDEX history_facts_by_queue ON history_facts (queue_id, created_at);
      CREATE INDEX history_facts_by_agent ON history_facts (agent_id, created_at);

      CREATE TABLE history_notes (
        note_id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        sent_to_feed INTEGER NOT NULL DEFAULT 0 CHECK (sent_to_feed IN (0, 1)),
        last_error TEXT
      ) STRICT;
      CREATE INDEX history_notes_by_conversation ON history_notes (conversation_id, at);
      CREATE INDEX history_notes_unsent ON history_notes (at) WHERE sent_to_feed = 0;

      CREATE TABLE history_saved_searches (
        saved_search_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL,
        search TEXT NOT NULL CHECK (json_valid(search)),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX history_saved_searches_by_user ON history_saved_searches (user_id, created_at);

      CREATE TABLE history_customer_keys (
        key TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        PRIMARY KEY (key, conversation_id)
      ) STRICT, WITHOUT ROWID;
    `,
};
