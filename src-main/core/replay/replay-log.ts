/**
 * The replay area's one file of SQL: its checkpoints (migration 140) and read-only walks of the
 * event log by stream, epoch and seq (the store's own reads know the current epoch only).
 */
import type { TranscriptEntry } from '../../../src-shared/api/transcript.js';
import { FLOOR_EVENT_TYPES, type FloorEvent } from '../../../src-shared/protocol/events.js';
import { messageEntry, type MessageRecord } from '../live-insights/transcript-source.js';
import type { StoreConnection } from '../store/connection.js';
import { parseEventBodies } from '../store/event-log.js';
import { EVENT_BODY, eventsAfterSql, logOf, ROW_LAST_TIME } from '../store/event-runs.js';

export interface ReplayCheckpoint {
  readonly seq: number;
  readonly time: number;
  /** serializeLiveState's text, zlib-deflated (its checksum guards the trusted restore). */
  readonly stateDeflated: Buffer;
}

export interface ReplayLog {
  saveCheckpoint(stream: string, epoch: string, seq: number, time: number, stateDeflated: Buffer): void;
  /** The checkpoint with the greatest time at or before `at` (then the greatest seq). */
  checkpointAtOrBefore(stream: string, epoch: string, at: number): ReplayCheckpoint | null;
  /** The checkpoint with the greatest seq at or below `seq`. */
  checkpointAtOrBelowSeq(stream: string, epoch: string, seq: number): ReplayCheckpoint | null;
  /** Seq and time of the epoch's earliest checkpoint that can still be replayed from. */
  firstCheckpoint(stream: string, epoch: string): { readonly seq: number; readonly time: number } | null;
  /** Seq and time of the newest checkpoint of the epoch. */
  lastCheckpoint(stream: string, epoch: string): { readonly seq: number; readonly time: number } | null;
  /** Time of the epoch's last stored event. */
  lastEventTime(stream: string, epoch: string): number | null;
  /** Known-type events of the epoch after `afterSeq`, ascending by seq. */
  eventsAfter(stream: string, epoch: string, afterSeq: number, limit: number): FloorEvent[];
  /** The greatest stored seq below `seq` of a known type, or null. */
  seqBefore(stream: string, epoch: string, seq: number): number | null;
  /**
   * Deletes the stream's checkpoints that can no longer be replayed from: those of an epoch other
   * than `currentEpoch` with no stored event left, and those below an epoch's lowest stored seq
   * (retention pruned the events after them). Returns how many.
   */
  pruneCheckpoints(stream: string, currentEpoch: string): number;
  /** Bytes and count of the stream's stored checkpoints from `from` to `to` (floor time). */
  checkpointBytes(stream: string, from: number, to: number): { readonly bytes: number; readonly count: number };
  /** The latest `limit` stored messages of a conversation sent at or before `at`, oldest first. */
  messagesUntil(conversationId: string, at: number, limit: number): Extract<TranscriptEntry, { kind: 'message' }>[];
}

const KNOWN_TYPES_JSON = JSON.stringify([...FLOOR_EVENT_TYPES]);
/**
 * Only a checkpoint whose following events are all still stored can be replayed from: retention
 * prunes the log from its oldest end, so that is one just below the epoch's lowest stored seq or later.
 */
const USABLE = 'seq >= (SELECT coalesce(min(seq), 0) - 1 FROM event_log WHERE log = (SELECT log FROM event_logs WHERE stream = :stream AND epoch = :epoch))';
/** The log of (stream, epoch), both named parameters. */
const LOG = logOf(':stream', ':epoch');
const KNOWN_TYPE = 'AND t.type IN (SELECT value FROM json_each(:types))';

/** Prepares the replay statements on the store's connection (through store.repository). */
export function createReplayLog(connection: StoreConnection): ReplayLog {
  const save = connection.prepare('INSERT OR REPLACE INTO replay_checkpoints (stream, epoch, seq, time, state_deflated) VALUES (?, ?, ?, ?, ?)');
  const atOrBefore = connection.prepare<[{ stream: string; epoch: string; at: number }], ReplayCheckpoint>(
    `SELECT seq, time, state_deflated AS stateDeflated FROM replay_checkpoints WHERE stream = :stream AND epoch = :epoch AND time <= :at AND ${USABLE} ORDER BY time DESC, seq DESC LIMIT 1`,
  );
  const atOrBelowSeq = connection.prepare<[{ stream: string; epoch: string; seq: number }], ReplayCheckpoint>(
    `SELECT seq, time, state_deflated AS stateDeflated FROM replay_checkpoints WHERE stream = :stream AND epoch = :epoch AND seq <= :seq AND ${USABLE} ORDER BY seq DESC LIMIT 1`,
  );
  const first = connection.prepare<[{ stream: string; epoch: string }], { seq: number; time: number }>(
    `SELECT seq, time FROM replay_checkpoints WHERE stream = :stream AND epoch = :epoch AND ${USABLE} ORDER BY seq LIMIT 1`,
  );
  const last = connection.prepare<[string, string], { seq: number; time: number }>(
    'SELECT seq, time FROM replay_checkpoints WHERE stream = ? AND epoch = ? ORDER BY seq DESC LIMIT 1',
  );
  // The log's rows are runs (store migration 290): a run's last event is its last message's.
  const lastEvent = connection.prepare<[{ stream: string; epoch: string }], number>(
    `SELECT ${ROW_LAST_TIME} FROM event_log AS e WHERE e.log = ${LOG} ORDER BY e.seq DESC LIMIT 1`,
  ).pluck();
  const after = connection.prepare<[{ stream: string; epoch: string; afterSeq: number; types: string; limit: number }], string | null>(
    eventsAfterSql(EVENT_BODY, LOG, ':afterSeq', KNOWN_TYPE, 'LIMIT :limit'),
  ).pluck();
  // The row holding the greatest seq below `seq`: its last event, or the one just below `seq` inside it.
  const before = connection.prepare<[{ stream: string; epoch: string; seq: number; types: string }], number>(
    `SELECT min(e.seq + e.run - 1, :seq - 1) FROM event_log AS e JOIN event_types AS t ON t.code = e.type
     WHERE e.log = ${LOG} AND e.seq < :seq ${KNOWN_TYPE} ORDER BY e.seq DESC LIMIT 1`,
  ).pluck();
  const pruneGone = connection.prepare<[{ stream: string; current: string }]>(
    `DELETE FROM replay_checkpoints WHERE stream = :stream AND epoch <> :current
       AND NOT EXISTS (SELECT 1 FROM event_log WHERE log = (SELECT log FROM event_logs WHERE stream = :stream AND epoch = replay_checkpoints.epoch))`,
  );
  const pruneBelow = connection.prepare<[{ stream: string }]>(
    `DELETE FROM replay_checkpoints WHERE stream = :stream
       AND seq < (SELECT min(seq) FROM event_log WHERE log = (SELECT log FROM event_logs WHERE stream = :stream AND epoch = replay_checkpoints.epoch)) - 1`,
  );
  const bytes = connection.prepare<[string, number, number], { bytes: number; count: number }>(
    'SELECT coalesce(sum(length(state_deflated)), 0) AS bytes, count(*) AS count FROM replay_checkpoints WHERE stream = ? AND time BETWEEN ? AND ?',
  );
  const messages = connection.prepare<[string, number, number], MessageRecord>(
    `SELECT message_id AS messageId, time AS at, sender, kind AS messageKind, sender_id AS senderId, text,
       delivery_failed AS deliveryFailed, delivery_failure_reason AS reason
     FROM messages WHERE conversation_id = ? AND time <= ? ORDER BY time DESC, id DESC LIMIT ?`,
  );
  return {
    saveCheckpoint: (stream, epoch, seq, time, stateDeflated) => void save.run(stream, epoch, seq, time, stateDeflated),
    checkpointAtOrBefore: (stream, epoch, at) => atOrBefore.get({ stream, epoch, at }) ?? null,
    checkpointAtOrBelowSeq: (stream, epoch, seq) => atOrBelowSeq.get({ stream, epoch, seq }) ?? null,
    firstCheckpoint: (stream, epoch) => first.get({ stream, epoch }) ?? null,
    lastCheckpoint: (stream, epoch) => last.get(stream, epoch) ?? null,
    lastEventTime: (stream, epoch) => lastEvent.get({ stream, epoch }) ?? null,
    eventsAfter: (stream, epoch, afterSeq, limit) => parseEventBodies(after.all({ stream, epoch, afterSeq, types: KNOWN_TYPES_JSON, limit })),
    seqBefore: (stream, epoch, seq) => before.get({ stream, epoch, seq, types: KNOWN_TYPES_JSON }) ?? null,
    pruneCheckpoints: (stream, currentEpoch) => pruneGone.run({ stream, current: currentEpoch }).changes + pruneBelow.run({ stream }).changes,
    checkpointBytes: (stream, from, to) => bytes.get(stream, from, to) ?? { bytes: 0, count: 0 },
    messagesUntil: (conversationId, at, limit) =>
      messages
        .all(conversationId, at, limit)
        .reverse()
        .map(messageEntry),
  };
}
