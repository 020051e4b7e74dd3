/**
 * history.transcript: a cached conversation as the Conversation Manager shows it — every message
 * with its sender, kind and delivery failure, the lifecycle in between, notes, survey and figures.
 *
 * The lifecycle is read from the conversation's columns and its messages' queues, not from the
 * raw event log: the log has no index by conversation (one would cost every ingested event), and
 * the columns hold every transition's time except earlier transfers, which show where the
 * messages changed queue.
 */
import { messagesReadable, scopeIncludes, type QueueScope } from '../queue-scope.js';
import type { StoreConnection } from '../store/connection.js';
import type { ConversationTableRow } from '../store/types.js';
import type { CachedTranscript, SurveyAnswer } from '../../../src-shared/api/history.js';
import type { TranscriptEntry } from '../../../src-shared/api/transcript.js';
import type { Disposition, MessageKind, Sender } from '../../../src-shared/protocol/events.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import { MetricsWriter } from './metrics.js';
import type { NotesService } from './notes.js';
import { ROW_SELECT, toHistoryRow, type RowRecord } from './search.js';

/** Messages shown for one conversation; a chat has tens, a transcribed call a few hundred. */
export const TRANSCRIPT_MESSAGE_LIMIT = 5_000;

type LifecycleRecord = Pick<
  ConversationTableRow,
  'queueId' | 'queuedAt' | 'assignedAt' | 'endedAt' | 'abandonedAt' | 'takenOverBy' | 'takenOverAt' | 'transfers' | 'createdAt' | 'agentId' | 'disposition'
>;

interface MessageRecord {
  readonly messageId: string;
  readonly queueId: string;
  readonly time: number;
  readonly sender: Sender;
  readonly senderId: string | null;
  readonly kind: MessageKind;
  readonly text: string;
  readonly deliveryFailed: number;
  readonly deliveryFailureReason: string | null;
}

function minutesAndSeconds(ms: number): string {
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const secondsPart = total % 60;
  return minutes > 0 ? `${minutes} min ${secondsPart} s` : `${secondsPart} s`;
}

function dispositionText(disposition: Disposition): string {
  return disposition.replaceAll('_', ' ');
}

/** Builds the lifecycle entries; pure, so the inference from messages is easy to test. */
export function lifecycleEntries(
  conversation: LifecycleRecord,
  messages: readonly Pick<MessageRecord, 'queueId' | 'time'>[],
  nameOf: { queue(queueId: string): string; agent(agentId: string): string },
): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  const firstQueue = messages[0]?.queueId ?? conversation.queueId;
  entries.push({ kind: 'event', at: conversation.createdAt, event: 'created', text: `Started in ${nameOf.queue(firstQueue)}` });
  // Transfers: where consecutive messages changed queue; the last transfer's time is queued_at.
  let previous = firstQueue;
  let previousTime = conversation.createdAt;
  const transfers: { at: number; from: string; to: string }[] = [];
  for (const message of messages) {
    if (message.queueId !== previous) {
      transfers.push({ at: previousTime, from: previous, to: message.queueId });
      previous = message.queueId;
    }
    previousTime = message.time;
  }
  if (previous !== conversation.queueId) transfers.push({ at: previousTime, from: previous, to: conversation.queueId });
  const lastTransfer = transfers[transfers.length - 1];
  if (lastTransfer && conversation.queuedAt !== null && conversation.transfers > 0) lastTransfer.at = conversation.queuedAt;
  if (conversation.queuedAt !== null && transfers.length === 0) {
    entries.push({ kind: 'event', at: conversation.queuedAt, event: 'queued', text: `Queued in ${nameOf.queue(conversation.queueId)}` });
  }
  for (const transfer of transfers) {
    entries.push({ kind: 'event', at: transfer.at, event: 'transferred', text: `Transferred from ${nameOf.queue(transfer.from)} to ${nameOf.queue(transfer.to)}` });
  }
  if (conversation.assignedAt !== null && conversation.agentId !== null && conversation.takenOverBy !== conversation.agentId) {
    entries.push({ kind: 'event', at: conversation.assignedAt, event: 'assigned', text: `Assigned to ${nameOf.agent(conversation.agentId)}` });
  }
  if (conversation.takenOverAt !== null && conversation.takenOverBy !== null) {
    entries.push({ kind: 'event', at: conversation.takenOverAt, event: 'taken_over', text: `Taken over by ${nameOf.agent(conversation.takenOverBy)}` });
  }
  if (conversation.endedAt !== null) {
    entries.push({
      kind: 'event',
      at: conversation.endedAt,
      event: 'ended',
      text: conversation.disposition === null ? 'Ended' : `Ended: ${dispositionText(conversation.disposition)}`,
      ...(conversation.disposition === null ? {} : { disposition: conversation.disposition }),
    });
  }
  if (conversation.abandonedAt !== null) {
    const waited = conversation.queuedAt === null ? '' : ` after waiting ${minutesAndSeconds(conversation.abandonedAt - conversation.queuedAt)}`;
    entries.push({ kind: 'event', at: conversation.abandonedAt, event: 'abandoned', text: `Abandoned by the customer${waited}` });
  }
  return entries;
}

/** Reads cached transcripts; statements prepared once. */
export class TranscriptReader {
  private readonly metrics: MetricsWriter;
  private readonly row;
  private readonly lifecycle;
  private readonly messages;
  private readonly survey;
  private readonly queueName;
  private readonly agentName;

  constructor(
    db: StoreConnection,
    private readonly notes: NotesService,
  ) {
    this.metrics = new MetricsWriter(db);
    this.row = db.prepare<[string], RowRecord>(`${ROW_SELECT} WHERE c.conversation_id = ?`);
    this.lifecycle = db.prepare<[string], LifecycleRecord>(
      `SELECT queue_id AS queueId, queued_at AS queuedAt, assigned_at AS assignedAt, ended_at AS endedAt, abandoned_at AS abandonedAt,
         taken_over_by AS takenOverBy, taken_over_at AS takenOverAt, transfers, created_at AS createdAt, agent_id AS agentId, disposition
       FROM conversations WHERE conversation_id = ?`,
    );
    this.messages = db.prepare<[string, number], MessageRecord>(
      `SELECT message_id AS messageId, queue_id AS queueId, time, sender, sender_id AS senderId, kind, text,
         delivery_failed AS deliveryFailed, delivery_failure_reason AS deliveryFailureReason
       FROM messages WHERE conversation_id = ? ORDER BY time, id LIMIT ?`,
    );
    this.survey = db.prepare<[string], SurveyAnswer>('SELECT time AS at, rating, comment FROM surveys WHERE conversation_id = ?');
    this.queueName = db.prepare<[string], string | null>('SELECT name FROM queues WHERE queue_id = ?').pluck();
    this.agentName = db.prepare<[string], string>('SELECT name FROM agents WHERE agent_id = ?').pluck();
  }

  /**
   * The transcript, or a refusal that does not tell an out-of-scope conversation from a missing
   * one. A conversation that has not ended is a live transcript: refused unless the scope carries
   * the live-transcript permission, whichever route asks (history, exports).
   */
  read(scope: QueueScope, conversationId: string): Result<CachedTranscript> {
    const record = this.row.get(conversationId);
    const lifecycle = this.lifecycle.get(conversationId);
    if (!record || !lifecycle || !scopeIncludes(scope, record.queueId)) {
      return fail(`Conversation ${conversationId} is not in the cache (or not in your queues).`);
    }
    if (!messagesReadable(scope, record.state)) {
      return fail(`Conversation ${conversationId} is still in progress: reading it live needs the live transcript permission.`);
    }
    const messages = this.messages.all(conversationId, TRANSCRIPT_MESSAGE_LIMIT);
    const queueNames = new Map<string, string>();
    const agentNames = new Map<string, string>();
    const nameOf = {
      queue: (queueId: string): string => {
        let name = queueNames.get(queueId);
        if (name === undefined) {
          name = this.queueName.get(queueId) ?? queueId;
          queueNames.set(queueId, name);
        }
        return name;
      },
      agent: (agentId: string): string => {
        let name = agentNames.get(agentId);
        if (name === undefined) {
          name = this.agentName.get(agentId) ?? agentId;
          agentNames.set(agentId, name);
        }
        return name;
      },
    };
    const entries: TranscriptEntry[] = [
      ...lifecycleEntries(lifecycle, messages, nameOf),
      ...messages.map(
        (message): TranscriptEntry => ({
          kind: 'message',
          messageId: message.messageId,
          at: message.time,
          sender: message.sender,
          messageKind: message.kind,
          senderId: message.senderId,
          ...(message.senderId !== null && message.sender !== 'customer' ? { senderName: nameOf.agent(message.senderId) } : {}),
          text: message.text,
          deliveryFailure: message.deliveryFailed === 1 ? (message.deliveryFailureReason ?? 'not delivered') : null,
        }),
      ),
    ];
    // Stable: at equal times a lifecycle step comes before the message it led to.
    entries.sort((left, right) => left.at - right.at);
    return ok({
      conversation: toHistoryRow(record, this.metrics),
      entries,
      notes: this.notes.list(conversationId),
      survey: this.survey.get(conversationId) ?? null,
    });
  }
}
