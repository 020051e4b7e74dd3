/**
 * Projects canonical events onto the query tables (queues, agents, status intervals,
 * conversations, messages, surveys) and the 15-minute rollups.
 *
 * Runs inside the ingest transaction and only for events whose log row was new, so a replay is
 * never projected twice. Projections also tolerate the same happening arriving twice through two
 * streams (live floor and history backfill): counters move only when a row actually changes state,
 * and a transition older than the one a row already reflects is not applied (each aspect of a row
 * carries the floor time of the event that set it).
 * An event about a conversation the store has never seen either creates a minimal row (when the
 * event names the queue) or is recorded as an `orphan_event` reject; it is never fatal.
 *
 * A conversation is one feed epoch's: an event about a conversation id that the cache holds from
 * another epoch first renames the older row to `<id>@<epoch>` (its survey and the areas' rows
 * follow by trigger, migrations 80 and 90; its messages refer to its key, which stays, migration
 * 230), so a feed that reuses ids after a restart never merges two conversations
 * (docs/decisions/0016-cache-identity-and-salvage.md).
 */
import type Database from 'better-sqlite3';
import type { FloorEvent, FloorEventOf } from '../../../src-shared/protocol/events.js';
import { assertNever } from '../../../src-shared/result.js';
import { BoundedCache } from './bounded-cache.js';
import { ConversationMemos, type ConversationHead, type ConversationIdentity } from './conversation-memos.js';
import { kindCode, messageRef, senderCode } from './message-keys.js';
import type { RollupAccumulator } from './rollups.js';
import type { RejectInput, StoredConversationState } from './types.js';

type ConversationState = StoredConversationState;

const EXCERPT_LENGTH = 512;
/**
 * Conversations remembered by the hot-path caches: ten times the conversations a large floor has
 * open at once, a few megabytes of strings.
 */
const CONVERSATION_CACHE_SIZE = 50_000;
/** Queues whose message_queues code is remembered: far more than any floor has. */
const QUEUE_CODE_CACHE_SIZE = 10_000;
/**
 * A new conversation's key: one above the largest (the unique index finds it at once). A key is
 * reused only if the newest conversation was deleted, and its messages went with it.
 */
const NEXT_CONVERSATION_KEY = '(SELECT coalesce(max(conversation_key), 0) + 1 FROM conversations)';

const HEAD_COLUMNS = 'state, queue_id AS queueId, agent_id AS agentId, queued_at AS queuedAt, assigned_at AS assignedAt, state_at AS stateAt';

function isTerminal(state: ConversationState): boolean {
  return state === 'ended' || state === 'abandoned';
}

/** Whether a transition may apply: not after the end, and not older than the transition the row already reflects. */
function canMove(head: ConversationHead, time: number): boolean {
  return !isTerminal(head.state) && time >= head.stateAt;
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Turns events into projection rows. Statements are prepared once, at first use. */
export class Projector {
  private readonly prepareStatements;
  private prepared: ReturnType<Projector['prepareStatements']> | null = null;
  /** The epoch of the event being projected; new conversation rows are stamped with it. */
  private epoch = '';
  /** What is remembered of each conversation id (one lookup an event). */
  private readonly memos = new ConversationMemos(CONVERSATION_CACHE_SIZE);
  /** The code of each queue in message_queues. */
  private readonly queueCodes = new BoundedCache<string, number>(QUEUE_CODE_CACHE_SIZE);
  private writtenMessage: number | null = null;

  /** Prepares on first use, so a store opened at an older schema (tests) still opens. */
  constructor(
    db: Database.Database,
    private readonly rollups: RollupAccumulator,
    private readonly reject: (input: RejectInput) => void,
  ) {
    this.prepareStatements = () => ({
      queueEnsure: db.prepare<[string, number]>('INSERT INTO queues (queue_id, first_seen_at) VALUES (?, ?) ON CONFLICT (queue_id) DO NOTHING'),
      queueConfigured: db.prepare<[string, string, string, number, string, string, string, number, string, number]>(
        `UPDATE queues SET configured = 1, name = ?, channel = ?, time_zone = ?, service_level_target_sec = ?, thresholds = ?,
           business_hours = ?, preset_groups = ?, config_at = ?
         WHERE queue_id = ? AND COALESCE(config_at, 0) <= ?`,
      ),
      queueMitigation: db.prepare<[string, string | null, number, string, number]>(
        `UPDATE queues SET mitigation_state = ?, mitigation_message = ?, mitigation_at = ?
         WHERE queue_id = ? AND COALESCE(mitigation_at, 0) <= ?`,
      ),
      queueOverflow: db.prepare<[string, number, string, number]>(
        'UPDATE queues SET overflow_rules = ?, overflow_at = ? WHERE queue_id = ? AND COALESCE(overflow_at, 0) <= ?',
      ),
      queueEstimatedWait: db.prepare<[number, number, string, number]>(
        'UPDATE queues SET estimated_wait_sec = ?, estimated_wait_at = ? WHERE queue_id = ? AND COALESCE(estimated_wait_at, 0) <= ?',
      ),

      agentEnsure: db.prepare<[string, string, number]>(
        'INSERT INTO agents (agent_id, name, first_seen_at) VALUES (?, ?, ?) ON CONFLICT (agent_id) DO NOTHING',
      ),
      agentPresence: db.prepare<[string, string, string, string, number, number, number, string, number]>(
        `UPDATE agents SET name = ?, team_id = ?, team_name = ?, location = ?, logged_in = ?, logged_in_at = ?, presence_at = ?
         WHERE agent_id = ? AND COALESCE(presence_at, 0) <= ?`,
      ),
      agentLoggedOut: db.prepare<[number, string, number]>(
        'UPDATE agents SET logged_in = 0, presence_at = ? WHERE agent_id = ? AND COALESCE(presence_at, 0) <= ?',
      ),
      agentSlots: db.prepare<[number, number, string, number]>(
        'UPDATE agents SET slots = ?, slots_at = ? WHERE agent_id = ? AND COALESCE(slots_at, 0) <= ?',
      ),
      agentQueues: db.prepare<[string, number, string, number]>(
        'UPDATE agents SET queue_ids = ?, queue_ids_at = ? WHERE agent_id = ? AND COALESCE(queue_ids_at, 0) <= ?',
      ),
      agentStatusSince: db.prepare<[string], number | null>('SELECT status_since FROM agents WHERE agent_id = ?').pluck(),
      agentStatus: db.prepare<[string, string, number, string]>(
        'UPDATE agents SET status_kind = ?, status_reason = ?, status_since = ? WHERE agent_id = ?',
      ),
      intervalClose: db.prepare<[number, string]>(
        'UPDATE status_intervals SET end_at = max(start_at, ?) WHERE agent_id = ? AND end_at IS NULL',
      ),
      intervalOpen: db.prepare<[string, string, string, number]>(
        `INSERT INTO status_intervals (agent_id, kind, reason, start_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (agent_id, start_at) DO UPDATE SET kind = excluded.kind, reason = excluded.reason, end_at = NULL`,
      ),

      conversationHead: db.prepare<[string], ConversationHead>(`SELECT ${HEAD_COLUMNS} FROM conversations WHERE conversation_id = ?`),
      conversationMinimal: db.prepare<[string, string, string, number, number, string]>(
        `INSERT INTO conversations (conversation_id, queue_id, channel, state, state_at, created_at, epoch, conversation_key)
         VALUES (?, ?, COALESCE((SELECT channel FROM queues WHERE queue_id = ?), 'chat'), 'created', ?, ?, ?, ${NEXT_CONVERSATION_KEY})`,
      ),
      conversationEpoch: db.prepare<[string], string>('SELECT epoch FROM conversations WHERE conversation_id = ?').pluck(),
      conversationAdopted: db.prepare<[string, string]>("UPDATE conversations SET epoch = ? WHERE conversation_id = ? AND epoch = ''"),
      conversationRenamed: db.prepare<[string, string]>('UPDATE conversations SET conversation_id = ? WHERE conversation_id = ?'),
      // Returns the row's head: a conversation heard of before its creation keeps its queue and state.
      conversationCreated: db.prepare<
        [string, string, string, string, string, string | null, string | null, string | null, number, number, string],
        ConversationHead
      >(
        `INSERT INTO conversations (conversation_id, queue_id, channel, intent, customer_id, customer_name, customer_email, customer_phone, state, state_at, created_at, epoch, conversation_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'created', ?, ?, ?, ${NEXT_CONVERSATION_KEY})
         ON CONFLICT (conversation_id) DO UPDATE SET channel = excluded.channel, intent = excluded.intent,
           customer_id = excluded.customer_id, customer_name = excluded.customer_name, customer_email = excluded.customer_email,
           customer_phone = excluded.customer_phone, created_at = min(created_at, excluded.created_at)
         RETURNING ${HEAD_COLUMNS}`,
      ),
      // The common case, created then queued in the same queue, leaves the indexed columns alone.
      conversationQueuedHere: db.prepare<[number, number, string]>(
        `UPDATE conversations SET state = 'queued', queued_at = ?, state_at = ? WHERE conversation_id = ?`,
      ),
      conversationQueued: db.prepare<[string, number, number, string]>(
        `UPDATE conversations SET state = 'queued', queue_id = ?, queued_at = ?, state_at = ?, agent_id = NULL WHERE conversation_id = ?`,
      ),
      conversationTransferred: db.prepare<[string, number, number, string]>(
        `UPDATE conversations SET state = 'queued', queue_id = ?, queued_at = ?, state_at = ?, agent_id = NULL, transfers = transfers + 1
         WHERE conversation_id = ?`,
      ),
      conversationAssigned: db.prepare<[string, string, number, number, string]>(
        `UPDATE conversations SET state = 'assigned', queue_id = ?, agent_id = ?, assigned_at = ?, state_at = ? WHERE conversation_id = ?`,
      ),
      conversationAbandoned: db.prepare<[number, number, string]>(
        `UPDATE conversations SET state = 'abandoned', abandoned_at = ?, state_at = ? WHERE conversation_id = ?`,
      ),
      conversationEnded: db.prepare<[number, number, string, string]>(
        `UPDATE conversations SET state = 'ended', ended_at = ?, state_at = ?, disposition = ? WHERE conversation_id = ?`,
      ),
      conversationTakenOver: db.prepare<[string, number, string, number, number, string]>(
        `UPDATE conversations SET taken_over_by = ?, taken_over_at = ?, agent_id = ?, state = 'assigned', state_at = ?,
           assigned_at = COALESCE(assigned_at, ?) WHERE conversation_id = ?`,
      ),
      conversationFlagged: db.prepare<[string]>('UPDATE conversations SET high_effort = 1 WHERE conversation_id = ?'),
      conversationSurvey: db.prepare<[number, string | null, string]>(
        'UPDATE conversations SET csat = ?, csat_comment = ? WHERE conversation_id = ?',
      ),

      messageInsert: db.prepare<[number, string, number, number, number, number, string | null, number, string]>(
        `INSERT INTO message_rows (conversation, message_ref, ref_is_suffix, queue, time, sender, sender_id, kind, text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (conversation, message_ref, ref_is_suffix) DO NOTHING`,
      ),
      // When the conversation is not cached: its key, the id its message ids begin with, its queue.
      conversationIdentity: db.prepare<[string], ConversationIdentity & { queueId: string }>(
        `SELECT conversation_key AS key, coalesce((SELECT original FROM conversation_renames WHERE renamed = conversation_id), conversation_id) AS feedId,
           queue_id AS queueId
         FROM conversations WHERE conversation_id = ?`,
      ),
      queueCode: db
        .prepare<[string], number>('INSERT INTO message_queues (queue_id) VALUES (?) ON CONFLICT (queue_id) DO UPDATE SET queue = queue RETURNING queue')
        .pluck(),
      // Matches nothing, and so writes no page, once the first response is set or while the
      // conversation is not assigned.
      conversationFirstResponse: db.prepare<[number, string, number]>(
        `UPDATE conversations SET first_response_at = ?
         WHERE conversation_id = ? AND first_response_at IS NULL AND assigned_at IS NOT NULL AND ? >= assigned_at`,
      ),
      messageDeliveryFailed: db.prepare<[string, number, string, number]>(
        'UPDATE message_rows SET delivery_failed = 1, delivery_failure_reason = ? WHERE conversation = ? AND message_ref = ? AND ref_is_suffix = ?',
      ),
      surveyInsert: db.prepare<[string, string, string | null, number, number, string | null]>(
        `INSERT INTO surveys (conversation_id, queue_id, agent_id, time, rating, comment) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (conversation_id) DO NOTHING`,
      ),
    });
  }

  private get statements(): ReturnType<Projector['prepareStatements']> {
    this.prepared ??= this.prepareStatements();
    return this.prepared;
  }

  /**
   * Forgets everything remembered about conversations, after a rolled-back batch: what the caches
   * learnt from it may describe rows that no longer exist.
   */
  /**
   * The id of the messages row the last projected `conversation.message` wrote, or null when it
   * wrote none; reading it resets it. The compact log refers to that row (store migration 200).
   */
  takeWrittenMessage(): number | null {
    const written = this.writtenMessage;
    this.writtenMessage = null;
    return written;
  }

  /** Forgets what is remembered of a conversation whose row was deleted (retention). */
  forgetConversation(conversationId: string): void {
    this.memos.forget(conversationId);
  }

  discard(): void {
    this.writtenMessage = null;
    this.memos.clear();
    this.queueCodes.clear();
  }

  /**
   * Projects one event of feed epoch `epoch` ('' when no live epoch is known yet: the event joins
   * whatever row its conversation has). Throws only on a database error, which aborts the whole batch.
   */
  apply(event: FloorEvent, stream: string, epoch: string): void {
    this.epoch = epoch;
    if ('conversationId' in event && epoch !== '') this.claim(event.conversationId, epoch);
    switch (event.type) {
      case 'queue.configured':
        this.statements.queueEnsure.run(event.queueId, event.time);
        this.statements.queueConfigured.run(
          event.name,
          event.channel,
          event.timeZone,
          event.serviceLevelTargetSec,
          json(event.thresholds),
          json(event.businessHours),
          json(event.presetGroups ?? []),
          event.time,
          event.queueId,
          event.time,
        );
        return;
      case 'queue.mitigation':
        this.statements.queueEnsure.run(event.queueId, event.time);
        this.statements.queueMitigation.run(event.state, event.message ?? null, event.time, event.queueId, event.time);
        return;
      case 'queue.overflow_rules':
        this.statements.queueEnsure.run(event.queueId, event.time);
        this.statements.queueOverflow.run(json(event.rules), event.time, event.queueId, event.time);
        return;
      case 'queue.estimated_wait':
        this.statements.queueEnsure.run(event.queueId, event.time);
        this.statements.queueEstimatedWait.run(event.seconds, event.time, event.queueId, event.time);
        return;
      case 'agent.login':
        this.statements.agentEnsure.run(event.agentId, event.name, event.time);
        this.statements.agentPresence.run(event.name, event.teamId, event.teamName, event.location, 1, event.time, event.time, event.agentId, event.time);
        this.statements.agentSlots.run(event.slots, event.time, event.agentId, event.time);
        this.statements.agentQueues.run(json(event.queueIds), event.time, event.agentId, event.time);
        return;
      case 'agent.logout':
        this.agentLogout(event);
        return;
      case 'agent.status':
        this.agentStatus(event);
        return;
      case 'agent.capacity':
        this.statements.agentEnsure.run(event.agentId, event.agentId, event.time);
        this.statements.agentSlots.run(event.slots, event.time, event.agentId, event.time);
        return;
      case 'agent.queues':
        this.statements.agentEnsure.run(event.agentId, event.agentId, event.time);
        this.statements.agentQueues.run(json(event.queueIds), event.time, event.agentId, event.time);
        return;
      case 'user.profile':
      case 'agent.away_reasons':
      case 'alert.updated':
        // The directory lives in the live state and its checkpoints, alerts in their area; the event log keeps these.
        return;
      case 'feed.withheld':
        // An event held back from this user (outside their queue scope): only its seq, kept by the event log.
        return;
      case 'conversation.created':
        this.conversationCreated(event);
        return;
      case 'conversation.queued':
        this.conversationQueued(event);
        return;
      case 'conversation.assigned':
        this.conversationAssigned(event);
        return;
      case 'conversation.transferred':
        this.conversationTransferred(event);
        return;
      case 'conversation.message':
        this.conversationMessage(event, stream);
        return;
      case 'conversation.delivery_failed':
        if (!this.markDeliveryFailed(event)) {
          this.orphan(event, stream, `message ${event.messageId} of conversation ${event.conversationId} is unknown`);
        }
        return;
      case 'conversation.flagged':
        if (this.statements.conversationFlagged.run(event.conversationId).changes === 0) {
          this.orphan(event, stream, `conversation ${event.conversationId} is unknown`);
        }
        return;
      case 'conversation.taken_over':
        this.conversationTakenOver(event, stream);
        return;
      case 'conversation.ended':
        this.conversationEnded(event, stream);
        return;
      case 'conversation.abandoned':
        this.conversationAbandoned(event);
        return;
      case 'survey.answered':
        this.surveyAnswered(event);
        return;
      default:
        assertNever(event, 'event type');
    }
  }

  /**
   * Makes `conversationId` name this epoch's conversation: a row of another epoch is renamed out of
   * the way (a row of no epoch is adopted), so the events that follow cannot touch it.
   */
  private claim(conversationId: string, epoch: string): void {
    let memo = this.memos.of(conversationId);
    if (memo.epoch === epoch) return;
    const stored = this.statements.conversationEpoch.get(conversationId);
    if (stored === '') this.statements.conversationAdopted.run(epoch, conversationId);
    else if (stored !== undefined && stored !== epoch) {
      let renamed = `${conversationId}@${stored}`;
      for (let attempt = 2; this.statements.conversationEpoch.get(renamed) !== undefined; attempt += 1) {
        renamed = `${conversationId}@${stored}#${attempt}`;
      }
      this.statements.conversationRenamed.run(renamed, conversationId);
      // Nothing remembered of the renamed row applies to the id's new conversation.
      memo = this.memos.reset(conversationId);
    }
    memo.epoch = epoch;
  }

  private agentLogout(event: FloorEventOf<'agent.logout'>): void {
    this.statements.agentEnsure.run(event.agentId, event.agentId, event.time);
    this.statements.agentLoggedOut.run(event.time, event.agentId, event.time);
    if (this.isStaleStatus(event.agentId, event.time)) return;
    this.statements.intervalClose.run(event.time, event.agentId);
    this.statements.agentStatus.run('offline', 'logged out', event.time, event.agentId);
  }

  private agentStatus(event: FloorEventOf<'agent.status'>): void {
    this.statements.agentEnsure.run(event.agentId, event.agentId, event.time);
    if (this.isStaleStatus(event.agentId, event.time)) return;
    this.statements.intervalClose.run(event.time, event.agentId);
    this.statements.intervalOpen.run(event.agentId, event.kind, event.reason, event.time);
    this.statements.agentStatus.run(event.kind, event.reason, event.time, event.agentId);
  }

  /** A status change older than the agent's current status arrived late (another stream); it must not reopen the past. */
  private isStaleStatus(agentId: string, time: number): boolean {
    const since = this.statements.agentStatusSince.get(agentId);
    return since !== undefined && since !== null && time < since;
  }

  /** The conversation's current head, creating a minimal row when the event is the first we hear of it. */
  private headOrMinimal(conversationId: string, queueId: string, time: number): ConversationHead {
    const head = this.head(conversationId);
    if (head) return head;
    this.statements.conversationMinimal.run(conversationId, queueId, queueId, time, time, this.epoch);
    return this.wrote(conversationId, { state: 'created', queueId, agentId: null, queuedAt: null, assignedAt: null, stateAt: time });
  }

  /** The conversation's head, remembered or read from its row; undefined when there is no row. */
  private head(conversationId: string): ConversationHead | undefined {
    const memo = this.memos.of(conversationId);
    if (memo.head !== undefined) return memo.head;
    const head = this.statements.conversationHead.get(conversationId);
    if (head !== undefined) this.wrote(conversationId, head);
    return head;
  }

  /** Remembers the head the row now has (and its queue, which a message's row records). */
  private wrote(conversationId: string, head: ConversationHead): ConversationHead {
    const memo = this.memos.of(conversationId);
    memo.head = head;
    memo.queueId = head.queueId;
    return head;
  }

  private conversationCreated(event: FloorEventOf<'conversation.created'>): void {
    const head = this.statements.conversationCreated.get(
      event.conversationId,
      event.queueId,
      event.channel,
      event.intent,
      event.customer.customerId,
      event.customer.name ?? null,
      event.customer.email ?? null,
      event.customer.phone ?? null,
      event.time,
      event.time,
      this.epoch,
    );
    if (head !== undefined) this.wrote(event.conversationId, head);
  }

  private conversationQueued(event: FloorEventOf<'conversation.queued'>): void {
    const head = this.headOrMinimal(event.conversationId, event.queueId, event.time);
    // Already waiting in this queue (a transfer said so, or the same event came through another stream).
    if (!canMove(head, event.time) || (head.state === 'queued' && head.queueId === event.queueId)) return;
    if (head.queueId === event.queueId && head.agentId === null) {
      this.statements.conversationQueuedHere.run(event.time, event.time, event.conversationId);
    } else {
      this.statements.conversationQueued.run(event.queueId, event.time, event.time, event.conversationId);
    }
    this.wrote(event.conversationId, { ...head, state: 'queued', queueId: event.queueId, agentId: null, queuedAt: event.time, stateAt: event.time });
    this.rollups.add(event.queueId, event.time, { entered: 1 });
  }

  private conversationTransferred(event: FloorEventOf<'conversation.transferred'>): void {
    const head = this.headOrMinimal(event.conversationId, event.toQueueId, event.time);
    if (!canMove(head, event.time) || (head.state === 'queued' && head.queueId === event.toQueueId && head.queuedAt === event.time)) return;
    this.statements.conversationTransferred.run(event.toQueueId, event.time, event.time, event.conversationId);
    this.wrote(event.conversationId, { ...head, state: 'queued', queueId: event.toQueueId, agentId: null, queuedAt: event.time, stateAt: event.time });
    this.rollups.add(event.fromQueueId, event.time, { transfersOut: 1 });
    this.rollups.add(event.toQueueId, event.time, { entered: 1 });
  }

  private conversationAssigned(event: FloorEventOf<'conversation.assigned'>): void {
    const head = this.headOrMinimal(event.conversationId, event.queueId, event.time);
    if (!canMove(head, event.time) || (head.state === 'assigned' && head.agentId === event.agentId)) return;
    const waitMs = head.state === 'queued' && head.queuedAt !== null ? Math.max(0, event.time - head.queuedAt) : 0;
    this.statements.conversationAssigned.run(event.queueId, event.agentId, event.time, event.time, event.conversationId);
    this.wrote(event.conversationId, { ...head, state: 'assigned', queueId: event.queueId, agentId: event.agentId, assignedAt: event.time, stateAt: event.time });
    this.rollups.add(event.queueId, event.time, { assigned: 1, waitMsSum: waitMs });
  }

  private conversationAbandoned(event: FloorEventOf<'conversation.abandoned'>): void {
    const head = this.headOrMinimal(event.conversationId, event.queueId, event.time);
    if (!canMove(head, event.time)) return;
    const waitedMs = head.queuedAt !== null ? Math.max(0, event.time - head.queuedAt) : 0;
    this.statements.conversationAbandoned.run(event.time, event.time, event.conversationId);
    this.wrote(event.conversationId, { ...head, state: 'abandoned', stateAt: event.time });
    this.rollups.add(event.queueId, event.time, { abandoned: 1, abandonMsSum: waitedMs });
  }

  private conversationEnded(event: FloorEventOf<'conversation.ended'>, stream: string): void {
    const head = this.head(event.conversationId);
    if (!head) {
      this.orphan(event, stream, `conversation ${event.conversationId} is unknown`);
      return;
    }
    if (!canMove(head, event.time)) return;
    const handled = head.state === 'assigned' && head.assignedAt !== null;
    this.statements.conversationEnded.run(event.time, event.time, event.disposition, event.conversationId);
    this.wrote(event.conversationId, { ...head, state: 'ended', stateAt: event.time });
    this.rollups.add(head.queueId, event.time, {
      ended: 1,
      resolved: event.disposition === 'resolved' ? 1 : 0,
      handled: handled ? 1 : 0,
      handleMsSum: handled && head.assignedAt !== null ? Math.max(0, event.time - head.assignedAt) : 0,
    });
  }

  private conversationTakenOver(event: FloorEventOf<'conversation.taken_over'>, stream: string): void {
    const head = this.head(event.conversationId);
    if (!head) {
      this.orphan(event, stream, `conversation ${event.conversationId} is unknown`);
      return;
    }
    if (!canMove(head, event.time)) return;
    this.statements.conversationTakenOver.run(event.supervisorId, event.time, event.supervisorId, event.time, event.time, event.conversationId);
    this.wrote(event.conversationId, { ...head, state: 'assigned', agentId: event.supervisorId, assignedAt: head.assignedAt ?? event.time, stateAt: event.time });
  }

  private conversationMessage(event: FloorEventOf<'conversation.message'>, stream: string): void {
    const conversationId = event.conversationId;
    this.writtenMessage = null;
    const memo = this.memos.of(conversationId);
    const identity = this.identity(conversationId, memo);
    const queueId = memo.queueId;
    if (identity === undefined || queueId === undefined) {
      // A conversation never seen: kept in the log, not projected.
      this.orphan(event, stream, `conversation ${conversationId} is unknown`);
      return;
    }
    const stored = messageRef(identity.feedId, event.messageId);
    const written = this.statements.messageInsert.run(
      identity.key,
      stored.ref,
      stored.isSuffix,
      this.queueCode(queueId),
      event.time,
      senderCode(event.sender),
      event.senderId ?? null,
      kindCode(event.kind),
      event.text,
    );
    // The same message through another stream.
    if (written.changes === 0) return;
    this.writtenMessage = Number(written.lastInsertRowid);
    this.rollups.addMessage(queueId, event.time);
    if (event.kind === 'text' && (event.sender === 'agent' || event.sender === 'supervisor') && !memo.responded) {
      if (this.statements.conversationFirstResponse.run(event.time, conversationId, event.time).changes > 0) memo.responded = true;
    }
  }

  /**
   * The conversation's key and feed id, from the cache or its row (which also refreshes the cached
   * queue); undefined when no conversation has this id.
   */
  private identity(conversationId: string, memo = this.memos.of(conversationId)): ConversationIdentity | undefined {
    if (memo.identity !== undefined && memo.queueId !== undefined) return memo.identity;
    const row = this.statements.conversationIdentity.get(conversationId);
    if (row === undefined) return undefined;
    memo.identity = { key: row.key, feedId: row.feedId };
    memo.queueId = row.queueId;
    return memo.identity;
  }

  private queueCode(queueId: string): number {
    let code = this.queueCodes.get(queueId);
    if (code === undefined) {
      code = this.statements.queueCode.get(queueId) as number;
      this.queueCodes.set(queueId, code);
    }
    return code;
  }

  /** Marks a stored message's delivery as failed; false when no such message is stored. */
  private markDeliveryFailed(event: FloorEventOf<'conversation.delivery_failed'>): boolean {
    const identity = this.identity(event.conversationId);
    if (identity === undefined) return false;
    const stored = messageRef(identity.feedId, event.messageId);
    return this.statements.messageDeliveryFailed.run(event.reason, identity.key, stored.ref, stored.isSuffix).changes > 0;
  }

  private surveyAnswered(event: FloorEventOf<'survey.answered'>): void {
    const inserted = this.statements.surveyInsert.run(
      event.conversationId,
      event.queueId,
      event.agentId ?? null,
      event.time,
      event.rating,
      event.comment ?? null,
    ).changes;
    if (inserted === 0) return;
    this.statements.conversationSurvey.run(event.rating, event.comment ?? null, event.conversationId);
    this.rollups.add(event.queueId, event.time, { surveys: 1, csatSum: event.rating, csatPositive: event.rating >= 4 ? 1 : 0 });
  }

  private orphan(event: FloorEvent, stream: string, detail: string): void {
    this.reject({
      reason: 'orphan_event',
      detail: `${event.type}: ${detail}; kept in the event log, not projected`,
      stream,
      seq: event.seq,
      excerpt: JSON.stringify(event).slice(0, EXCERPT_LENGTH),
    });
  }
}
