/**
 * The per-conversation inputs of Historical Insights (table insight_facts, migration 160): pure
 * over one finished conversation's stored row and message timings, plus the writer the history
 * area's background facts pass calls for each conversation it stores (history/metrics.ts), so the
 * figures cost nothing in the ingest transaction (docs/decisions/0032-insights-engine.md).
 */
import Sentiment from 'sentiment';
import type { StoreConnection } from '../store/connection.js';
import { ESCALATION_REASON_SQL } from './migrations/0220-agent-time-sums.js';

/** A message as the facts pass reads it (the history area's MessageTiming, without importing it back). */
export interface MessageTiming {
  readonly time: number;
  readonly sender: string;
  readonly kind: string;
}

/** Abandons this quick are left out of service level, as the live dictionary says. */
export const SHORT_ABANDON_MS = 5_000;

/** What the facts are computed from: the stored conversation, its agent and queue. */
export interface FactsSource {
  readonly conversationId: string;
  readonly createdAt: number;
  readonly queueId: string;
  readonly channel: string;
  readonly intent: string;
  readonly state: string;
  readonly agentId: string | null;
  readonly teamId: string | null;
  readonly location: string | null;
  readonly disposition: string | null;
  readonly queuedAt: number | null;
  readonly assignedAt: number | null;
  readonly endedAt: number | null;
  readonly abandonedAt: number | null;
  readonly transfers: number;
  readonly csat: number | null;
  readonly comment: string | null;
  /** The queue's service-level target in seconds (null: unknown queue, no verdict). */
  readonly targetSec: number | null;
}

export interface InsightFacts {
  readonly offered: 0 | 1;
  readonly queued: 0 | 1;
  readonly assigned: 0 | 1;
  readonly abandoned: 0 | 1;
  readonly waitMs: number | null;
  readonly abandonMs: number | null;
  readonly handleMs: number | null;
  readonly firstResponseMs: number | null;
  readonly responseMsSum: number;
  readonly responses: number;
  readonly slEligible: 0 | 1;
  readonly slMet: 0 | 1;
  readonly timedOut: 0 | 1;
  readonly botMessages: number;
  readonly contained: 0 | 1;
  readonly sentiment: number | null;
}

const analyzer = new Sentiment();

/**
 * Sentiment of a survey comment from −1 to 1: the AFINN comparative score (sum of word scores −5…5
 * over the number of words) divided by 5 and clamped; null for an empty comment.
 */
export function commentSentiment(comment: string | null): number | null {
  if (comment === null || comment.trim() === '') return null;
  const comparative = analyzer.analyze(comment).comparative / 5;
  if (!Number.isFinite(comparative)) return 0;
  return Math.max(-1, Math.min(1, comparative));
}

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);
const span = (from: number | null, to: number | null): number | null => (from !== null && to !== null ? Math.max(0, to - from) : null);

/**
 * The insights inputs of one finished conversation (messages in time order).
 *
 * Bot conversation: bot texts before the first agent or supervisor text and before assignment.
 * Timed out by agent: assigned, and no agent or supervisor text at or after the assignment.
 * Response times: each run of customer texts answered by an agent text, measured from the run's
 * first text or the assignment, whichever is later (as the Conversation Manager's average).
 */
export function insightFactsOf(source: FactsSource, messages: readonly MessageTiming[]): InsightFacts {
  const { queuedAt, assignedAt, endedAt, abandonedAt } = source;
  let botMessages = 0;
  let agentSeen = false;
  let agentReplied = false;
  let firstResponseAt: number | null = null;
  let pending: number | null = null;
  let responseMsSum = 0;
  let responses = 0;
  for (const message of messages) {
    if (message.kind !== 'text') continue;
    const byAgent = message.sender === 'agent' || message.sender === 'supervisor';
    if (message.sender === 'bot' && !agentSeen && (assignedAt === null || message.time < assignedAt)) botMessages += 1;
    if (byAgent) {
      agentSeen = true;
      if (assignedAt !== null && message.time >= assignedAt) {
        agentReplied = true;
        firstResponseAt ??= message.time;
        if (pending !== null) {
          responseMsSum += message.time - Math.max(pending, assignedAt);
          responses += 1;
        }
      }
      pending = null;
    } else if (message.sender === 'customer') {
      pending ??= message.time;
    } else {
      pending = null;
    }
  }
  const abandoned = source.state === 'abandoned';
  const waitMs = span(queuedAt, assignedAt ?? abandonedAt);
  const abandonMs = abandoned ? span(queuedAt, abandonedAt) : null;
  const slEligible = queuedAt !== null && source.targetSec !== null && ((assignedAt !== null && !abandoned) || (abandoned && (abandonMs ?? 0) >= SHORT_ABANDON_MS));
  const slMet = slEligible && assignedAt !== null && !abandoned && (waitMs ?? 0) <= (source.targetSec ?? 0) * 1000;
  return {
    offered: flag(queuedAt !== null || assignedAt !== null),
    queued: flag(queuedAt !== null),
    assigned: flag(assignedAt !== null),
    abandoned: flag(abandoned),
    waitMs,
    abandonMs,
    handleMs: span(assignedAt, endedAt),
    firstResponseMs: span(assignedAt, firstResponseAt),
    responseMsSum,
    responses,
    slEligible: flag(slEligible),
    slMet: flag(slMet),
    timedOut: flag(assignedAt !== null && !agentReplied),
    botMessages,
    contained: flag(botMessages > 0 && queuedAt === null && assignedAt === null && source.state === 'ended'),
    sentiment: commentSentiment(source.comment),
  };
}

/** Statements of the insights facts, prepared once per connection. */
export class InsightFactsWriter {
  private readonly source;
  private readonly reason;
  private readonly remove;
  private readonly insert;

  constructor(db: StoreConnection) {
    this.source = db.prepare<[string], FactsSource>(
      `SELECT c.conversation_id AS conversationId, c.created_at AS createdAt, c.queue_id AS queueId, c.channel, c.intent, c.state,
         c.agent_id AS agentId, a.team_id AS teamId, a.location AS location, c.disposition, c.queued_at AS queuedAt,
         c.assigned_at AS assignedAt, c.ended_at AS endedAt, c.abandoned_at AS abandonedAt, c.transfers,
         coalesce(c.csat, s.rating) AS csat, coalesce(c.csat_comment, s.comment) AS comment, q.service_level_target_sec AS targetSec
       FROM conversations AS c
       LEFT JOIN agents AS a ON a.agent_id = c.agent_id
       LEFT JOIN queues AS q ON q.queue_id = c.queue_id
       LEFT JOIN surveys AS s ON s.conversation_id = c.conversation_id
       WHERE c.conversation_id = ?`,
    );
    // The reason a bot escalated: its own last system message before the hand-off (read only for escalations).
    this.reason = db.prepare<[{ conversationId: string; queuedAt: number }], string>(ESCALATION_REASON_SQL).pluck();
    // A recomputation deletes the old row before inserting the new one (REPLACE would fire no
    // delete trigger), so insight_sums' triggers take the old figures away and add the new.
    this.remove = db.prepare<[string]>('DELETE FROM insight_facts WHERE conversation_id = ?');
    this.insert = db.prepare(
      `INSERT INTO insight_facts (created_at, conversation_id, queue_id, channel, intent, agent_id, team_id, location, disposition,
         offered, queued, assigned, abandoned, assigned_at, ended_at, wait_ms, abandon_ms, handle_ms, first_response_ms, response_ms_sum,
         responses, sl_eligible, sl_met, transfers, timed_out, bot_messages, contained, escalation_reason, csat, sentiment, computed_at)
       VALUES (@createdAt, @conversationId, @queueId, @channel, @intent, @agentId, @teamId, @location, @disposition,
         @offered, @queued, @assigned, @abandoned, @assignedAt, @endedAt, @waitMs, @abandonMs, @handleMs, @firstResponseMs, @responseMsSum,
         @responses, @slEligible, @slMet, @transfers, @timedOut, @botMessages, @contained, @escalationReason, @csat, @sentiment, @computedAt)`,
    );
  }

  /** Stores the facts of one finished conversation, inside the caller's transaction. */
  write(conversationId: string, messages: readonly MessageTiming[], now: number): void {
    const source = this.source.get(conversationId);
    if (source === undefined) return;
    const facts = insightFactsOf(source, messages);
    const escalated = facts.botMessages > 0 && source.queuedAt !== null;
    const reason = escalated ? (this.reason.get({ conversationId, queuedAt: source.queuedAt ?? 0 }) ?? null) : null;
    this.remove.run(conversationId);
    this.insert.run({
      createdAt: source.createdAt,
      conversationId,
      queueId: source.queueId,
      channel: source.channel,
      intent: source.intent,
      agentId: source.agentId,
      teamId: source.teamId,
      location: source.location,
      disposition: source.disposition,
      assignedAt: source.assignedAt,
      endedAt: source.endedAt ?? source.abandonedAt,
      transfers: source.transfers,
      csat: source.csat,
      escalationReason: reason,
      computedAt: now,
      ...facts,
    });
  }
}
