/**
 * What a transcript reads from the store: the conversation's row (for conversations that have left
 * the live state, or began before this console was running), its messages with delivery failures,
 * and the names of queues and agents. Read-only prepared statements on the store's connection.
 */
import type { StoreConnection } from '../store/connection.js';
import type { ConversationTableRow } from '../store/types.js';
import type { TranscriptEntry } from '../../../src-shared/api/transcript.js';
import type { MessageKind, Sender } from '../../../src-shared/protocol/events.js';

/** The columns of the conversation row a transcript reads, with its whisper and delivery-failure counts. */
type ConversationRecord = Pick<
  ConversationTableRow,
  | 'conversationId' | 'queueId' | 'channel' | 'intent' | 'agentId' | 'state' | 'createdAt' | 'queuedAt' | 'assignedAt' | 'endedAt'
  | 'abandonedAt' | 'disposition' | 'highEffort' | 'transfers' | 'takenOverBy' | 'takenOverAt'
> & { readonly whispers: number; readonly deliveryFailures: number };

export interface StoredConversation extends Omit<ConversationRecord, 'highEffort'> {
  readonly highEffort: boolean;
}

export interface TranscriptSource {
  conversation(conversationId: string): StoredConversation | null;
  /** The latest `limit` messages, oldest first. */
  messages(conversationId: string, limit: number): Extract<TranscriptEntry, { kind: 'message' }>[];
  queueName(queueId: string): string | null;
  agentName(agentId: string): string | null;
}

/** A row of the messages table as the transcript statements select it. */
export interface MessageRecord {
  readonly messageId: string;
  readonly at: number;
  readonly sender: Sender;
  readonly messageKind: MessageKind;
  readonly senderId: string | null;
  readonly text: string;
  readonly deliveryFailed: number;
  readonly reason: string | null;
}

/** A stored message as a transcript line: the one mapping, shared by the live and replayed transcripts. */
export function messageEntry(record: MessageRecord): Extract<TranscriptEntry, { kind: 'message' }> {
  return {
    kind: 'message',
    messageId: record.messageId,
    at: record.at,
    sender: record.sender,
    messageKind: record.messageKind,
    senderId: record.senderId,
    text: record.text,
    deliveryFailure: record.deliveryFailed === 1 ? (record.reason ?? 'not delivered') : null,
  };
}

export function createTranscriptSource(db: StoreConnection): TranscriptSource {
  const statements = {
    conversation: db.prepare<[string], ConversationRecord>(
      `SELECT c.conversation_id AS conversationId, c.queue_id AS queueId, c.channel, c.intent, c.agent_id AS agentId, c.state,
         c.created_at AS createdAt, c.queued_at AS queuedAt, c.assigned_at AS assignedAt, c.ended_at AS endedAt,
         c.abandoned_at AS abandonedAt, c.disposition, c.high_effort AS highEffort, c.transfers, c.taken_over_by AS takenOverBy,
         c.taken_over_at AS takenOverAt,
         (SELECT count(*) FROM messages AS m WHERE m.conversation_id = c.conversation_id AND m.kind = 'whisper') AS whispers,
         (SELECT count(*) FROM messages AS m WHERE m.conversation_id = c.conversation_id AND m.delivery_failed = 1) AS deliveryFailures
       FROM conversations AS c WHERE c.conversation_id = ?`,
    ),
    messages: db.prepare<[string, number], MessageRecord>(
      `SELECT message_id AS messageId, time AS at, sender, kind AS messageKind, sender_id AS senderId, text,
         delivery_failed AS deliveryFailed, delivery_failure_reason AS reason
       FROM messages WHERE conversation_id = ? ORDER BY time DESC, id DESC LIMIT ?`,
    ),
    queueName: db.prepare<[string], string | null>('SELECT name FROM queues WHERE queue_id = ?').pluck(),
    agentName: db.prepare<[string], string>('SELECT name FROM agents WHERE agent_id = ?').pluck(),
  };
  return {
    conversation(conversationId) {
      const record = statements.conversation.get(conversationId);
      return record === undefined ? null : { ...record, highEffort: record.highEffort === 1 };
    },
    messages(conversationId, limit) {
      return statements.messages
        .all(conversationId, limit)
        .reverse()
        .map(messageEntry);
    },
    queueName(queueId) {
      return statements.queueName.get(queueId) ?? null;
    },
    agentName(agentId) {
      return statements.agentName.get(agentId) ?? null;
    },
  };
}
