/**
 * Per-conversation figures of the Conversation Manager: handle time, wait, first and average
 * response time, message count. Pure over a conversation's timestamps and messages, plus the
 * writer that stores them, with everything else the search filters read, as one compact row per
 * finished conversation in history_facts (see schema.ts and docs/decisions/0008).
 */
import { AgentTimeSumsWriter, BULK_BUDGET, type StepBudget } from '../insights/agent-time-sums.js';
import { InsightFactsWriter } from '../insights/insight-facts.js';
import type { StoreConnection } from '../store/connection.js';
import type { ConversationTableRow } from '../store/types.js';

export interface ConversationTimes {
  readonly queuedAt: number | null;
  readonly assignedAt: number | null;
  readonly firstResponseAt: number | null;
  readonly endedAt: number | null;
  readonly abandonedAt: number | null;
}

export interface MessageTiming {
  readonly time: number;
  readonly sender: string;
  readonly kind: string;
}

export interface ConversationFigures {
  readonly handleMs: number | null;
  readonly waitMs: number | null;
  readonly firstResponseMs: number | null;
  readonly avgResponseMs: number | null;
  readonly responses: number;
  readonly messageCount: number;
}

function nonNegative(value: number): number {
  return value < 0 ? 0 : value;
}

/**
 * Computes a conversation's figures as the metric dictionary defines them.
 *
 * Average response time: for each run of customer texts answered by an agent or supervisor text,
 * the time from the run's first customer text (or the assignment, when the customer wrote while
 * queued) to the answer. A bot answer closes the run without counting, since no agent was waited for.
 * Wait is the time in the last queue (a transfer restarts it), up to assignment or abandonment.
 */
export function conversationFigures(times: ConversationTimes, messages: readonly MessageTiming[]): ConversationFigures {
  const { queuedAt, assignedAt, firstResponseAt, endedAt, abandonedAt } = times;
  let pending: number | null = null;
  let total = 0;
  let responses = 0;
  for (const message of messages) {
    if (message.kind !== 'text') continue;
    if (message.sender === 'customer') {
      if (pending === null) pending = message.time;
    } else if (message.sender === 'agent' || message.sender === 'supervisor') {
      if (pending !== null && assignedAt !== null && message.time >= assignedAt) {
        total += message.time - Math.max(pending, assignedAt);
        responses += 1;
      }
      pending = null;
    } else {
      pending = null;
    }
  }
  const waitEnd = assignedAt ?? abandonedAt;
  return {
    handleMs: endedAt !== null && assignedAt !== null ? nonNegative(endedAt - assignedAt) : null,
    waitMs: queuedAt !== null && waitEnd !== null ? nonNegative(waitEnd - queuedAt) : null,
    firstResponseMs: firstResponseAt !== null && assignedAt !== null ? nonNegative(firstResponseAt - assignedAt) : null,
    avgResponseMs: responses > 0 ? Math.round(total / responses) : null,
    responses,
    messageCount: messages.length,
  };
}

type CandidateRow = Pick<
  ConversationTableRow,
  | 'conversationId' | 'state' | 'intent' | 'createdAt' | 'queueId' | 'channel' | 'agentId' | 'disposition' | 'csat' | 'queuedAt'
  | 'assignedAt' | 'firstResponseAt' | 'endedAt' | 'abandonedAt'
> & {
  readonly teamId: string | null;
  /** 1 when the conversation has its search facts (history_facts) already. */
  readonly searchKnown: number;
  /** 1 when it has Historical Insights' facts (insight_facts) already. */
  readonly insightKnown: number;
};

export interface MetricsStep {
  /** Conversations whose figures this step stored. */
  readonly computed: number;
  /** Intents of the conversations looked at (the filter options learn them on the way). */
  readonly intents: ReadonlySet<string>;
  /** Where the next step starts (exclusive); null once the pass reached the last conversation. */
  readonly after: string | null;
  readonly done: boolean;
}

const TIMES_COLUMNS = `c.queued_at AS queuedAt, c.assigned_at AS assignedAt, c.first_response_at AS firstResponseAt,
  c.ended_at AS endedAt, c.abandoned_at AS abandonedAt, c.created_at AS createdAt, c.queue_id AS queueId, c.channel AS channel,
  c.agent_id AS agentId, (SELECT team_id FROM agents AS a WHERE a.agent_id = c.agent_id) AS teamId, c.disposition AS disposition, c.csat AS csat`;

/** Statements of the metrics job, prepared once per connection. */
export class MetricsWriter {
  private readonly candidates;
  private readonly byId;
  private readonly messages;
  private readonly upsert;
  private readonly customerKeys;
  private readonly storeMany;
  private readonly storeSearchFacts;
  private readonly insightFacts: InsightFactsWriter;
  private readonly agentTime: AgentTimeSumsWriter;

  constructor(private readonly db: StoreConnection) {
    this.insightFacts = new InsightFactsWriter(db);
    this.agentTime = new AgentTimeSumsWriter(db);
    // The scan is bounded by rows looked at, not rows found, so a pass over a cache where nearly
    // everything is done still moves in small steps.
    this.candidates = db.prepare<[string, number], CandidateRow>(
      `SELECT c.conversation_id AS conversationId, c.state, c.intent, ${TIMES_COLUMNS},
         EXISTS (SELECT 1 FROM history_facts AS f WHERE f.conversation_id = c.conversation_id) AS searchKnown,
         EXISTS (SELECT 1 FROM insight_facts AS i WHERE i.conversation_id = c.conversation_id) AS insightKnown
       FROM conversations AS c WHERE c.conversation_id > ? ORDER BY c.conversation_id LIMIT ?`,
    );
    this.byId = db.prepare<[string], CandidateRow>(
      `SELECT c.conversation_id AS conversationId, c.state, c.intent, ${TIMES_COLUMNS}, 0 AS searchKnown, 0 AS insightKnown FROM conversations AS c WHERE c.conversation_id = ?`,
    );
    this.messages = db.prepare<[string], MessageTiming>('SELECT time, sender, kind FROM messages WHERE conversation_id = ? ORDER BY time, id');
    this.upsert = db.prepare(
      `INSERT INTO history_facts (created_at, conversation_id, queue_id, channel, intent, agent_id, team_id, disposition, csat,
         handle_ms, wait_ms, first_response_ms, avg_response_ms, responses, message_count, computed_at)
       VALUES (@createdAt, @conversationId, @queueId, @channel, @intent, @agentId, @teamId, @disposition, @csat,
         @handleMs, @waitMs, @firstResponseMs, @avgResponseMs, @responses, @messageCount, @computedAt)
       ON CONFLICT (conversation_id) DO UPDATE SET created_at = excluded.created_at, queue_id = excluded.queue_id,
         channel = excluded.channel, intent = excluded.intent, agent_id = excluded.agent_id, team_id = excluded.team_id,
         disposition = excluded.disposition, csat = excluded.csat, handle_ms = excluded.handle_ms, wait_ms = excluded.wait_ms,
         first_response_ms = excluded.first_response_ms, avg_response_ms = excluded.avg_response_ms, responses = excluded.responses,
         message_count = excluded.message_count, computed_at = excluded.computed_at`,
    );
    // lower() folds ASCII only, as NOCASE does: the lookup lower-cases its term the same way.
    this.customerKeys = db.prepare<[{ id: string }]>(
      `INSERT OR IGNORE INTO history_customer_keys (key, conversation_id)
       SELECT lower(value), conversation FROM (
         SELECT conversation_id AS conversation, customer_id AS value FROM conversations WHERE conversation_id = @id
         UNION ALL SELECT conversation_id, customer_email FROM conversations WHERE conversation_id = @id
         UNION ALL SELECT conversation_id, customer_phone FROM conversations WHERE conversation_id = @id
         UNION ALL SELECT conversation_id, customer_name FROM conversations WHERE conversation_id = @id)
       WHERE value IS NOT NULL AND value <> ''`,
    );
    this.storeMany = db.transaction((rows: readonly CandidateRow[], now: number) => {
      for (const row of rows) {
        // Search facts already stored (a backfill's, computed as it landed) are not computed twice.
        const messages = row.searchKnown === 1 ? this.messages.all(row.conversationId) : this.storeSearchFactsOf(row, now);
        // Historical Insights' inputs of the same conversation, from the same messages read once.
        this.insightFacts.write(row.conversationId, messages, now);
      }
    });
    this.storeSearchFacts = db.transaction((rows: readonly CandidateRow[], now: number) => {
      for (const row of rows) this.storeSearchFactsOf(row, now);
    });
  }

  /** Stores what a search reads of one conversation (its facts and customer keys); returns the messages read. */
  private storeSearchFactsOf(row: CandidateRow, now: number): MessageTiming[] {
    this.customerKeys.run({ id: row.conversationId });
    const messages = this.messages.all(row.conversationId);
    const figures = conversationFigures(row, messages);
    this.upsert.run({
      createdAt: row.createdAt,
      conversationId: row.conversationId,
      queueId: row.queueId,
      channel: row.channel,
      intent: row.intent,
      agentId: row.agentId,
      teamId: row.teamId,
      disposition: row.disposition,
      csat: row.csat,
      ...figures,
      computedAt: now,
    });
    return messages;
  }

  /** Figures of any conversation, finished or not, from its stored messages. */
  figuresOf(conversationId: string): ConversationFigures | null {
    const row = this.byId.get(conversationId);
    return row ? conversationFigures(row, this.messages.all(conversationId)) : null;
  }

  /**
   * Stores the facts of the finished conversations among `conversationIds` (open ones are left
   * for later: their figures still move; a survey after the end is taken in by computing again).
   * Returns how many were stored.
   */
  computeFor(conversationIds: Iterable<string>, now: number): number {
    const rows = this.finishedOf(conversationIds);
    if (rows.length > 0) this.storeMany.immediate(rows, now);
    return rows.length;
  }

  /**
   * Stores only what a search reads (history_facts, customer keys) of the finished conversations
   * among `conversationIds`, a tenth of the whole cost: Historical Insights' facts are left to the
   * pass, which computes both for a conversation missing either (docs/decisions/0051).
   */
  computeSearchFactsFor(conversationIds: Iterable<string>, now: number): number {
    const rows = this.finishedOf(conversationIds);
    if (rows.length > 0) this.storeSearchFacts.immediate(rows, now);
    return rows.length;
  }

  private finishedOf(conversationIds: Iterable<string>): CandidateRow[] {
    const rows: CandidateRow[] = [];
    for (const conversationId of conversationIds) {
      const row = this.byId.get(conversationId);
      if (row && (row.state === 'ended' || row.state === 'abandoned')) rows.push(row);
    }
    return rows;
  }

  /** One bounded step of a pass over every conversation, storing the finished ones still missing. */
  step(after: string, scanLimit: number, now: number): MetricsStep {
    const scanned = this.candidates.all(after, scanLimit);
    const missing = scanned.filter((row) => (row.searchKnown === 0 || row.insightKnown === 0) && (row.state === 'ended' || row.state === 'abandoned'));
    if (missing.length > 0) this.storeMany.immediate(missing, now);
    const last = scanned[scanned.length - 1];
    const done = scanned.length < scanLimit || last === undefined;
    return { computed: missing.length, intents: new Set(scanned.map((row) => row.intent)), after: done ? null : last.conversationId, done };
  }

  /**
   * One bounded step of Historical Insights' agent-time sums (status intervals summed, the quarters
   * of changed assignments rebuilt); true when they are up to date.
   */
  sumAgentTime(budget?: StepBudget): boolean {
    return this.agentTime.step(budget);
  }

  get database(): StoreConnection {
    return this.db;
  }
}

/** Runs a whole pass at once (tests and bulk loads; the running core uses MetricsJob in slices). */
export function completeMissingMetrics(db: StoreConnection, now: number, scanLimit = 5_000): number {
  const writer = new MetricsWriter(db);
  let after = '';
  let computed = 0;
  for (;;) {
    const step = writer.step(after, scanLimit, now);
    computed += step.computed;
    if (step.done || step.after === null) break;
    after = step.after;
  }
  while (!writer.sumAgentTime(BULK_BUDGET));
  return computed;
}
