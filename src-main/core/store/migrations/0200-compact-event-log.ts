/**
 * Migration 200: the raw event log, compact (docs/decisions/0042-a-small-cache.md). Never edit it
 * once shipped.
 *
 * The log was 60 % of the cache: every row repeated its stream and epoch names and its type as
 * text, its body repeated the type, time and seq its columns hold, and a message's body repeated
 * the text, ids and sender the messages table holds. Now:
 * - `event_logs` numbers each (stream, epoch) and `event_types` each type, so a row's key is two
 *   small integers;
 * - `event_log.body` is the event without type, time and seq;
 * - a `conversation.message` whose messages row ingest wrote is told by that row (`message`, its id)
 *   with no body at all; `conversation_renames` remembers the id a renamed conversation had
 *   (migration 80), so the event still names the conversation as the feed told it.
 * The `events` view reads the log in its old form (stream, epoch, seq, time, type, body).
 *
 * Existing logs are converted in this migration's one transaction (about 25 s per million events):
 * a crash leaves the old layout whole, and the next start converts again.
 */
import type { Migration } from './migration.js';

export const MIGRATION_0200_COMPACT_EVENT_LOG: Migration = {
  version: 200,
  name: 'compact event log: integer keys, bodies without repeated fields, messages by reference',
  sql: `
    CREATE TABLE event_logs (
      log INTEGER PRIMARY KEY,
      stream TEXT NOT NULL,
      epoch TEXT NOT NULL,
      UNIQUE (stream, epoch)
    ) STRICT;

    CREATE TABLE event_types (
      code INTEGER PRIMARY KEY,
      type TEXT NOT NULL UNIQUE
    ) STRICT;

    -- body: the event minus type, time and seq (an unknown type's raw text, whole); NULL when the
    -- messages row \`message\` tells the event.
    CREATE TABLE event_log (
      log INTEGER NOT NULL,
      seq INTEGER NOT NULL CHECK (seq > 0),
      time INTEGER NOT NULL,
      type INTEGER NOT NULL,
      message INTEGER,
      body TEXT,
      CHECK ((message IS NULL) <> (body IS NULL)),
      PRIMARY KEY (log, seq)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE conversation_renames (
      renamed TEXT PRIMARY KEY,
      original TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER conversation_renames_record AFTER UPDATE OF conversation_id ON conversations BEGIN
      INSERT INTO conversation_renames (renamed, original) VALUES (new.conversation_id,
        coalesce((SELECT original FROM conversation_renames WHERE renamed = old.conversation_id), old.conversation_id))
        ON CONFLICT (renamed) DO UPDATE SET original = excluded.original;
    END;
    CREATE TRIGGER conversation_renames_pruned AFTER DELETE ON conversations BEGIN
      DELETE FROM conversation_renames WHERE renamed = old.conversation_id;
    END;

    INSERT INTO event_logs (stream, epoch) SELECT DISTINCT stream, epoch FROM events ORDER BY stream, epoch;
    INSERT INTO event_types (type) SELECT DISTINCT type FROM events ORDER BY type;
    -- A message event becomes a reference only when its row says exactly what the event said.
    INSERT INTO event_log (log, seq, time, type, message, body)
      SELECT l.log, e.seq, e.time, t.code, m.id,
        CASE WHEN m.id IS NOT NULL THEN NULL
             WHEN json_valid(e.body) AND e.body ->> '$.type' = e.type AND e.body ->> '$.seq' = e.seq AND e.body ->> '$.time' = e.time
               THEN json_remove(e.body, '$.type', '$.time', '$.seq')
             ELSE e.body END
      FROM events AS e
      JOIN event_logs AS l ON l.stream = e.stream AND l.epoch = e.epoch
      JOIN event_types AS t ON t.type = e.type
      LEFT JOIN messages AS m ON e.type = 'conversation.message' AND json_valid(e.body)
        AND m.conversation_id = e.body ->> '$.conversationId' AND m.message_id = e.body ->> '$.messageId'
        AND m.time = e.time AND m.sender = e.body ->> '$.sender' AND m.kind = e.body ->> '$.kind'
        AND m.text = e.body ->> '$.text' AND m.sender_id IS e.body ->> '$.senderId'
        AND (SELECT count(*) FROM json_each(e.body)) = 8 + (m.sender_id IS NOT NULL);
    DROP TABLE events;

    CREATE VIEW events (stream, epoch, seq, time, type, body) AS
      SELECT l.stream, l.epoch, e.seq, e.time, t.type,
        CASE WHEN e.message IS NULL THEN
          CASE WHEN e.body ->> '$.type' IS NULL THEN json_set(e.body, '$.type', t.type, '$.time', e.time, '$.seq', e.seq) ELSE e.body END
        ELSE (SELECT json_patch(json_object('type', t.type, 'time', e.time,
                'conversationId', coalesce((SELECT original FROM conversation_renames WHERE renamed = m.conversation_id), m.conversation_id),
                'messageId', m.message_id, 'sender', m.sender, 'kind', m.kind, 'text', m.text, 'seq', e.seq),
              json_object('senderId', m.sender_id)) FROM messages AS m WHERE m.id = e.message) END
      FROM event_log AS e JOIN event_logs AS l ON l.log = e.log JOIN event_types AS t ON t.code = e.type;
  `,
};
