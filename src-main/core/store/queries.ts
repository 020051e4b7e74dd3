import type Database from 'better-sqlite3';
import type { QueueSummary } from '../../../src-shared/api/contract.js';
import { EVENT_BODY, EVENT_SEQ, EVENT_TIME, eventsAfterSql, logOf } from './event-runs.js';
import type { AgentSurveyCounts, Checkpoint, ConversationRow, MessageRow, RollupRow, StoredReject, StoredStreamPosition } from './types.js';

/** A message as its read statements give it (SQLite's 0/1 for the flag). */
export interface MessageRecord extends Omit<MessageRow, 'deliveryFailed'> {
  readonly deliveryFailed: number;
}

/**
 * SQL of the read paths, kept in one place so tests can check their query plans (EXPLAIN QUERY
 * PLAN) against the indexes the migrations create. Every query is parameterised and limited.
 */

/**
 * The message count is read, not stored: one lookup per row in message_rows' (conversation,
 * message_ref) index, which covers it, cheap for a page of conversations and free for ingest.
 * Messages are read through the `messages` view, which gives their ids and words (store migration 230).
 */
const CONVERSATION_COLUMNS = `conversation_id AS conversationId, queue_id AS queueId, channel, intent, agent_id AS agentId, state,
  created_at AS createdAt, assigned_at AS assignedAt, ended_at AS endedAt, disposition, csat,
  (SELECT count(*) FROM message_rows AS m WHERE m.conversation = conversations.conversation_key) AS messageCount`;

const MESSAGE_COLUMNS = `m.id AS id, m.conversation_id AS conversationId, m.message_id AS messageId, m.time AS time, m.sender AS sender,
  m.sender_id AS senderId, m.kind AS kind, m.text AS text, m.delivery_failed AS deliveryFailed`;

const ROLLUP_SELECT = `queue_id AS queueId, bucket_start AS bucketStart, entered, assigned, abandoned, ended, handled, resolved,
  transfers_out AS transfersOut, handle_ms_sum AS handleMsSum, wait_ms_sum AS waitMsSum, abandon_ms_sum AS abandonMsSum,
  messages, surveys, csat_sum AS csatSum, csat_positive AS csatPositive`;

/** The log of the stream's current epoch, the stream a named parameter. */
const CURRENT_LOG = logOf(':stream', '(SELECT epoch FROM streams WHERE stream = :stream)');

export const READ_SQL = {
  streamPosition: 'SELECT epoch, last_seq AS lastSeq FROM streams WHERE stream = ?',
  /** Parameters: stream, afterSeq, types (known types, JSON array), limit. Runs read as their events (store migration 290). */
  eventsAfter: eventsAfterSql(EVENT_BODY, CURRENT_LOG, ':afterSeq', 'AND t.type IN (SELECT value FROM json_each(:types))', 'LIMIT :limit'),
  eventKeys: eventsAfterSql(`${EVENT_SEQ}, t.type, ${EVENT_TIME}`, CURRENT_LOG, '0'),
  eventCount: `SELECT coalesce(sum(run), 0) FROM event_log WHERE log = ${CURRENT_LOG}`,
  queues: `SELECT queue_id AS queueId, name, channel, time_zone AS timeZone FROM queues WHERE configured = 1 ORDER BY name, queue_id`,
  recentRejects: `SELECT id, at, reason, detail, stream, seq, excerpt FROM rejects ORDER BY at DESC, id DESC LIMIT ?`,
  rejectCounts: 'SELECT reason, count(*) AS count FROM rejects GROUP BY reason',
  conversationsOfQueue: `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE queue_id = ? ORDER BY created_at DESC LIMIT ?`,
  conversationsAll: `SELECT ${CONVERSATION_COLUMNS} FROM conversations ORDER BY created_at DESC LIMIT ?`,
  /** Parameters: queue ids (JSON array), limit. */
  conversationsInScope: `SELECT ${CONVERSATION_COLUMNS} FROM conversations
    WHERE queue_id IN (SELECT value FROM json_each(?)) ORDER BY created_at DESC LIMIT ?`,
  /** Parameters: conversationId, afterTime, afterId, limit. Keyset paging on (time, id). */
  messagesOfConversation: `SELECT ${MESSAGE_COLUMNS} FROM messages AS m
    WHERE m.conversation_id = ? AND (m.time, m.id) > (?, ?) ORDER BY m.time, m.id LIMIT ?`,
  /** Parameters: FTS query, beforeId, limit. */
  searchMessages: `SELECT ${MESSAGE_COLUMNS} FROM messages_fts AS f JOIN messages AS m ON m.id = f.rowid
    WHERE messages_fts MATCH ? AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?`,
  /** Parameters: FTS query, beforeId, queue ids (JSON array), limit. */
  searchMessagesInScope: `SELECT ${MESSAGE_COLUMNS} FROM messages_fts AS f JOIN messages AS m ON m.id = f.rowid
    JOIN conversations AS c ON c.conversation_id = m.conversation_id
    WHERE messages_fts MATCH ? AND f.rowid < ? AND c.queue_id IN (SELECT value FROM json_each(?))
    ORDER BY f.rowid DESC LIMIT ?`,
  /** Parameters: queueId, from (inclusive), to (exclusive). */
  rollups: `SELECT ${ROLLUP_SELECT} FROM rollups_15m WHERE queue_id = ? AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start`,
  /** Parameters: queueId, from (inclusive), to (exclusive). Answered surveys per agent. */
  surveysByAgent: `SELECT agent_id AS agentId, count(*) AS surveys, sum(rating >= 4) AS positive FROM surveys
    WHERE queue_id = ? AND time >= ? AND time < ? AND agent_id IS NOT NULL GROUP BY agent_id`,
  checkpoint: 'SELECT epoch, seq, time, state AS stateJson FROM checkpoints WHERE stream = ?',
  setting: 'SELECT value FROM settings WHERE key = ?',
} as const;

/** The store's read statements, prepared on the store's connection. */
export function prepareReads(db: Database.Database) {
  return {
    streamPosition: db.prepare<[string], StoredStreamPosition>(READ_SQL.streamPosition),
    eventsAfter: db.prepare<[{ stream: string; afterSeq: number; types: string; limit: number }], string | null>(READ_SQL.eventsAfter).pluck(),
    eventKeys: db.prepare<[{ stream: string }], [number, string, number]>(READ_SQL.eventKeys).raw(),
    eventCount: db.prepare<[{ stream: string }], number>(READ_SQL.eventCount).pluck(),
    queues: db.prepare<[], QueueSummary>(READ_SQL.queues),
    recentRejects: db.prepare<[number], StoredReject>(READ_SQL.recentRejects),
    rejectCounts: db.prepare<[], { reason: string; count: number }>(READ_SQL.rejectCounts),
    conversationsOfQueue: db.prepare<[string, number], ConversationRow>(READ_SQL.conversationsOfQueue),
    conversationsAll: db.prepare<[number], ConversationRow>(READ_SQL.conversationsAll),
    conversationsInScope: db.prepare<[string, number], ConversationRow>(READ_SQL.conversationsInScope),
    messagesOfConversation: db.prepare<[string, number, number, number], MessageRecord>(READ_SQL.messagesOfConversation),
    searchMessages: db.prepare<[string, number, number], MessageRecord>(READ_SQL.searchMessages),
    searchMessagesInScope: db.prepare<[string, number, string, number], MessageRecord>(READ_SQL.searchMessagesInScope),
    rollups: db.prepare<[string, number, number], RollupRow>(READ_SQL.rollups),
    surveysByAgent: db.prepare<[string, number, number], AgentSurveyCounts>(READ_SQL.surveysByAgent),
    checkpoint: db.prepare<[string], Checkpoint>(READ_SQL.checkpoint),
    setting: db.prepare<[string], string>(READ_SQL.setting).pluck(),
  };
}

/**
 * Turns words a user typed into an FTS5 query where every word must occur, each quoted so that
 * FTS5 operators and punctuation in the input are taken literally. Returns null when there is no word.
 */
export function ftsQueryForWords(text: string, maxWords = 32): string | null {
  const words = text.split(/\s+/u).filter((word) => word.length > 0).slice(0, maxWords);
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
}
