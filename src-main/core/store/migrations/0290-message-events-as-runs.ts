/**
 * Migration 290: message events in the log as runs (docs/decisions/0056-message-events-as-runs.md).
 * Never edit it once shipped.
 *
 * A message event's log row only refers to its messages row (migration 200). Consecutive message
 * events of one ingest transaction whose seqs follow each other and whose rows' ids do too are now
 * one log row: `seq` and `message` are the first event's, `run` how many events it holds, so the
 * event at `seq + k` is told by the row `message + k` (its time is that row's: ingest writes a
 * message row with its event's time). Every other row is a run of 1, as every existing row is: no
 * row is rewritten.
 *
 * The `events` view gives each event of a run as its own row again; the store's readers do the same
 * on the primary key (core/store/event-runs.ts).
 */
import type { Migration } from './migration.js';

export const MIGRATION_0290_MESSAGE_EVENTS_AS_RUNS: Migration = {
  version: 290,
  name: 'message events in the log as runs: one row for consecutive message events',
  sql: `
    ALTER TABLE event_log ADD COLUMN run INTEGER NOT NULL DEFAULT 1 CHECK (run >= 1 AND (run = 1 OR message IS NOT NULL));

    DROP VIEW events;
    CREATE VIEW events (stream, epoch, seq, time, type, body) AS
      SELECT l.stream, l.epoch, e.seq + coalesce(r.id - e.message, 0), coalesce(r.time, e.time), t.type,
        CASE WHEN e.message IS NULL THEN
          CASE WHEN e.body ->> '$.type' IS NULL THEN json_set(e.body, '$.type', t.type, '$.time', e.time, '$.seq', e.seq) ELSE e.body END
        ELSE (SELECT json_patch(json_object('type', t.type, 'time', m.time,
                'conversationId', coalesce((SELECT original FROM conversation_renames WHERE renamed = m.conversation_id), m.conversation_id),
                'messageId', m.message_id, 'sender', m.sender, 'kind', m.kind, 'text', m.text, 'seq', e.seq + (m.id - e.message)),
              json_object('senderId', m.sender_id)) FROM messages AS m WHERE m.id = r.id) END
      FROM event_log AS e JOIN event_logs AS l ON l.log = e.log JOIN event_types AS t ON t.code = e.type
        LEFT JOIN message_rows AS r ON r.id BETWEEN e.message AND e.message + e.run - 1;
  `,
};
