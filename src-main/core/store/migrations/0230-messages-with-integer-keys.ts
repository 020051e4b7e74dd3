/**
 * Migration 230: messages with integer keys (docs/decisions/0046-messages-with-integer-keys.md).
 * Never edit it once shipped.
 *
 * Every message repeated its conversation's text id (in its row and in the unique index), its
 * message id, which a feed usually begins with that conversation id, its queue's text id, and its
 * sender and kind as words. Now the rows live in `message_rows`:
 * - `conversation` is the conversation's `conversation_key`, a new integer column of
 *   `conversations` that an epoch rename (migration 80) leaves alone, so a rename no longer
 *   touches a single message;
 * - `message_ref` is the message id without the conversation's feed id when it begins with it
 *   (`ref_is_suffix` = 1), else the whole id: the id is restored exactly on read. The feed id is
 *   the conversation's id as the feed told it: its original id when renamed;
 * - `queue` numbers the queue in `message_queues`; `sender` and `kind` are small integers
 *   (customer 0, agent 1, bot 2, supervisor 3; text 0, whisper 1, note 2, system 3).
 * The `messages` view gives the rows in their old shape (same columns, same values), so the
 * `events` view (migration 200), the full-text index (its external content, by `id`) and every
 * reader keep working; ingest writes `message_rows`.
 *
 * Existing caches are converted in this migration's one transaction: a crash leaves the old layout
 * whole and the next start converts again. A message whose conversation row is gone (ingest never
 * writes one, retention deletes both together) cannot be keyed: its event keeps its words in the
 * log (as the `events` view gave them) and the row is dropped with its search entry.
 */
import type { Migration } from './migration.js';

/** The view's word for each stored code, and the CHECK of the codes. */
function decoded(column: string, words: readonly string[]): string {
  return `CASE m.${column} ${words.map((word, code) => `WHEN ${code} THEN '${word}'`).join(' ')} END`;
}

function encoded(column: string, words: readonly string[]): string {
  return `CASE ${column} ${words.map((word, code) => `WHEN '${word}' THEN ${code}`).join(' ')} END`;
}

export const MESSAGE_SENDERS = ['customer', 'agent', 'bot', 'supervisor'] as const;
export const MESSAGE_KINDS = ['text', 'whisper', 'note', 'system'] as const;

/** The feed id a conversation's message ids begin with: its id before any epoch rename. */
const FEED_ID = (conversationId: string): string =>
  `coalesce((SELECT original FROM conversation_renames WHERE renamed = ${conversationId}), ${conversationId})`;

export const MIGRATION_0230_MESSAGES_WITH_INTEGER_KEYS: Migration = {
  version: 230,
  name: 'messages with integer keys: conversation key, message id suffix, queue, sender and kind codes',
  sql: `
    ALTER TABLE conversations ADD COLUMN conversation_key INTEGER;
    UPDATE conversations SET conversation_key = k.key
      FROM (SELECT conversation_id AS id, row_number() OVER (ORDER BY created_at, conversation_id) AS key FROM conversations) AS k
      WHERE conversations.conversation_id = k.id;
    CREATE UNIQUE INDEX conversations_by_key ON conversations (conversation_key);
    -- Ingest gives a new conversation its key in its INSERT; any other insert gets one here.
    CREATE TRIGGER conversations_keyed AFTER INSERT ON conversations WHEN new.conversation_key IS NULL BEGIN
      UPDATE conversations SET conversation_key = (SELECT coalesce(max(conversation_key), 0) + 1 FROM conversations)
        WHERE conversation_id = new.conversation_id;
    END;

    -- A name a row moved away from no longer names a renamed row: its entry goes with the move, so
    -- a later conversation of that name is told (and its message ids restored) by its own id.
    DROP TRIGGER conversation_renames_record;
    CREATE TRIGGER conversation_renames_record AFTER UPDATE OF conversation_id ON conversations BEGIN
      INSERT INTO conversation_renames (renamed, original) VALUES (new.conversation_id, ${FEED_ID('old.conversation_id')})
        ON CONFLICT (renamed) DO UPDATE SET original = excluded.original;
      DELETE FROM conversation_renames WHERE renamed = old.conversation_id;
    END;
    -- Messages follow a rename by their key; the survey still by its id.
    DROP TRIGGER conversations_renamed;
    CREATE TRIGGER conversations_renamed AFTER UPDATE OF conversation_id ON conversations BEGIN
      UPDATE surveys SET conversation_id = new.conversation_id WHERE conversation_id = old.conversation_id;
    END;

    -- Messages of no conversation: their events keep the words the log gave, then they go.
    UPDATE event_log SET message = NULL, body = (
        SELECT json_patch(json_object('type', t.type, 'time', event_log.time, 'conversationId', ${FEED_ID('m.conversation_id')},
            'messageId', m.message_id, 'sender', m.sender, 'kind', m.kind, 'text', m.text, 'seq', event_log.seq),
          json_object('senderId', m.sender_id))
        FROM messages AS m JOIN event_types AS t ON t.code = event_log.type WHERE m.id = event_log.message)
      WHERE message IN (SELECT id FROM messages AS m WHERE NOT EXISTS (SELECT 1 FROM conversations AS c WHERE c.conversation_id = m.conversation_id));
    DELETE FROM messages WHERE NOT EXISTS (SELECT 1 FROM conversations AS c WHERE c.conversation_id = messages.conversation_id);

    CREATE TABLE message_queues (
      queue INTEGER PRIMARY KEY,
      queue_id TEXT NOT NULL UNIQUE
    ) STRICT;
    INSERT INTO message_queues (queue_id) SELECT DISTINCT queue_id FROM messages ORDER BY queue_id;

    CREATE TABLE message_rows (
      id INTEGER PRIMARY KEY,
      -- conversations.conversation_key; no foreign key, as before: ingest writes a message only for
      -- a conversation it knows exists, and retention deletes the messages with their conversation.
      conversation INTEGER NOT NULL,
      message_ref TEXT NOT NULL,
      ref_is_suffix INTEGER NOT NULL CHECK (ref_is_suffix = 0 OR ref_is_suffix = 1),
      queue INTEGER NOT NULL,
      time INTEGER NOT NULL,
      sender INTEGER NOT NULL CHECK (sender >= 0 AND sender <= 3),
      sender_id TEXT,
      kind INTEGER NOT NULL CHECK (kind >= 0 AND kind <= 3),
      text TEXT NOT NULL,
      delivery_failed INTEGER NOT NULL DEFAULT 0 CHECK (delivery_failed = 0 OR delivery_failed = 1),
      delivery_failure_reason TEXT,
      -- One message id a conversation, as before; also the index of a conversation's transcript.
      UNIQUE (conversation, message_ref, ref_is_suffix)
    ) STRICT;

    INSERT INTO message_rows (id, conversation, message_ref, ref_is_suffix, queue, time, sender, sender_id, kind, text, delivery_failed, delivery_failure_reason)
      SELECT m.id, c.conversation_key,
        CASE WHEN substr(m.message_id, 1, length(c.feed_id)) = c.feed_id THEN substr(m.message_id, length(c.feed_id) + 1) ELSE m.message_id END,
        substr(m.message_id, 1, length(c.feed_id)) = c.feed_id,
        q.queue, m.time, ${encoded('m.sender', MESSAGE_SENDERS)}, m.sender_id, ${encoded('m.kind', MESSAGE_KINDS)}, m.text,
        m.delivery_failed, m.delivery_failure_reason
      FROM messages AS m
      JOIN (SELECT conversation_id, conversation_key, ${FEED_ID('conversation_id')} AS feed_id FROM conversations) AS c
        ON c.conversation_id = m.conversation_id
      JOIN message_queues AS q ON q.queue_id = m.queue_id
      ORDER BY m.id;
    DROP TABLE messages;

    -- The rows in their old shape. The joins are LEFT and on unique keys, so a query that reads
    -- only id and text (the full-text index's content) reads message_rows alone.
    CREATE VIEW messages (id, conversation_id, message_id, queue_id, time, sender, sender_id, kind, text, delivery_failed, delivery_failure_reason) AS
      SELECT m.id, c.conversation_id,
        CASE WHEN m.ref_is_suffix THEN ${FEED_ID('c.conversation_id')} || m.message_ref ELSE m.message_ref END,
        q.queue_id, m.time, ${decoded('sender', MESSAGE_SENDERS)}, m.sender_id, ${decoded('kind', MESSAGE_KINDS)}, m.text,
        m.delivery_failed, m.delivery_failure_reason
      FROM message_rows AS m
      LEFT JOIN conversations AS c ON c.conversation_key = m.conversation
      LEFT JOIN message_queues AS q ON q.queue = m.queue;

    -- The full-text index's content is the view (by id); deletes and edits of the rows keep it true.
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON message_rows BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON message_rows BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
      INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
    END;
  `,
};
