/**
 * Reading the event log's runs (store migration 290, docs/decisions/0056-message-events-as-runs.md):
 * the SQL every reader of the log shares, so each gives one event a row again, on the log's
 * primary key (log, seq), never a scan of the log.
 *
 * A row holds `run` events from `seq` on: one event when `run` is 1; else message events told by
 * the messages rows `message` to `message + run - 1`, the event at `seq + k` by the row
 * `message + k`, with that row's time. A message whose row is gone (its conversation pruned before
 * the log) is still told by a run of 1 (without a body), but inside a longer run it is not told.
 */

/** The rows of the log `e`, each joined to its messages rows `r` (one row an event). */
const EXPANDED_ROWS = `event_log AS e JOIN event_types AS t ON t.code = e.type
  LEFT JOIN message_rows AS r ON r.id BETWEEN e.message AND e.message + e.run - 1`;

/** An expanded event's seq, time and type. */
export const EVENT_SEQ = 'e.seq + coalesce(r.id - e.message, 0)';
export const EVENT_TIME = 'coalesce(r.time, e.time)';

/**
 * An expanded event's body in its full form, as the `events` view gives it: a logged body with its
 * type, time and seq put back, or a message event told by its messages row.
 */
export const EVENT_BODY = `CASE WHEN e.message IS NULL THEN
    CASE WHEN e.body ->> '$.type' IS NULL THEN json_set(e.body, '$.type', t.type, '$.time', e.time, '$.seq', e.seq) ELSE e.body END
  ELSE (SELECT json_patch(json_object('type', t.type, 'time', m.time,
          'conversationId', coalesce((SELECT original FROM conversation_renames WHERE renamed = m.conversation_id), m.conversation_id),
          'messageId', m.message_id, 'sender', m.sender, 'kind', m.kind, 'text', m.text, 'seq', e.seq + (m.id - e.message)),
        json_object('senderId', m.sender_id)) FROM messages AS m WHERE m.id = r.id) END`;

/** The log number of a (stream, epoch), both SQL expressions. */
export function logOf(stream: string, epoch: string): string {
  return `(SELECT log FROM event_logs WHERE stream = ${stream} AND epoch = ${epoch})`;
}

/**
 * `columns` of the events of `log` after `afterSeq` (SQL expressions), ascending by seq; `filter`
 * is more of the WHERE clause (e.g. on `t.type`), `tail` what follows the ORDER BY (a LIMIT). The
 * walk starts at the row holding the first event after `afterSeq`, found on the primary key.
 */
export function eventsAfterSql(columns: string, log: string, afterSeq: string, filter = '', tail = ''): string {
  return `SELECT ${columns} FROM ${EXPANDED_ROWS}
    WHERE e.log = ${log}
      AND e.seq >= coalesce((SELECT seq FROM event_log WHERE log = ${log} AND seq <= ${afterSeq} ORDER BY seq DESC LIMIT 1), 0)
      AND ${EVENT_SEQ} > ${afterSeq} ${filter}
    ORDER BY e.seq, r.id ${tail}`;
}

/** The time of the event `seq` of `log` (SQL expressions), or NULL when it is not stored. */
export function eventTimeAtSql(log: string, seq: string): string {
  return `(SELECT CASE WHEN ${seq} >= e.seq + e.run THEN NULL WHEN e.run = 1 THEN e.time
      ELSE (SELECT time FROM message_rows WHERE id = e.message + ${seq} - e.seq) END
    FROM event_log AS e WHERE e.log = ${log} AND e.seq <= ${seq} ORDER BY e.seq DESC LIMIT 1)`;
}

/** The time of the last event of a row `e` of the log (a run's last message's). */
export const ROW_LAST_TIME = 'CASE WHEN e.run = 1 THEN e.time ELSE coalesce((SELECT time FROM message_rows WHERE id = e.message + e.run - 1), e.time) END';
