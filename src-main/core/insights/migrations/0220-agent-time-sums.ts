/**
 * Migration 220: Historical Insights' pre-summed agent time, and escalation reasons that are the
 * bot's (docs/decisions/0044-agent-time-sums.md). Never edit it once shipped
 * (docs/decisions/0012-schema-ownership.md); the reason's SQL is exported so the facts pass asks
 * the same question the migration answered for the existing facts.
 */
import type { Migration } from '../../store/migrations/migration.js';
import { SUM_BUCKET_MS } from './0190-insight-sums.js';

/**
 * The lengths, in quarter hours, of the rows kept: a quarter, a UTC hour and a UTC day. A row of
 * span n starts on a quarter that is a multiple of n (bucket), and sums the quarter rows within.
 */
export const AGENT_TIME_SPANS = [1, 4, 96] as const;

/** Longest reason kept, in characters. */
export const MAX_REASON_LENGTH = 128;

/**
 * Why a bot handed a conversation over (parameters @conversationId, @queuedAt): the text of the
 * last system message the bot sent up to the queuing and before any agent or supervisor message
 * (the bot speaks only before its hand-off; a transfer, a time-out's re-queue or a supervisor's
 * "X joined" comes after, and is never the reason).
 */
export const ESCALATION_REASON_SQL = `SELECT substr(m.text, 1, ${MAX_REASON_LENGTH}) FROM messages AS m
  WHERE m.conversation_id = @conversationId AND m.sender = 'bot' AND m.kind = 'system' AND m.time <= @queuedAt
    AND NOT EXISTS (SELECT 1 FROM messages AS h WHERE h.conversation_id = @conversationId AND h.sender IN ('agent', 'supervisor') AND h.time < m.time)
  ORDER BY m.time DESC LIMIT 1`;

/** A summed status interval that changed (re-opened, re-kinded or deleted) marks its old values here to be taken away. */
const staleWhen = (alias: 'old'): string =>
  `${alias}.end_at IS NOT NULL AND ${alias}.id <= (SELECT summed_through FROM agent_time_state)
     AND NOT EXISTS (SELECT 1 FROM agent_status_pending AS p WHERE p.id = ${alias}.id)`;
const markStale = (alias: 'old'): string =>
  `INSERT INTO agent_status_stale (agent_id, kind, reason, start_at, end_at) VALUES (${alias}.agent_id, ${alias}.kind, ${alias}.reason, ${alias}.start_at, ${alias}.end_at);
        INSERT OR IGNORE INTO agent_status_pending (id) VALUES (${alias}.id);`;

/** An assignment's quarters (of insight_facts row `alias`) are rebuilt by the next pass. */
const hasSpan = (alias: string): string => `${alias}.agent_id IS NOT NULL AND ${alias}.assigned_at IS NOT NULL AND ${alias}.ended_at > ${alias}.assigned_at`;
const markWork = (alias: 'new' | 'old'): string =>
  `INSERT INTO agent_work_dirty (agent_id, from_bucket, to_bucket)
          SELECT ${alias}.agent_id, ${alias}.assigned_at / ${SUM_BUCKET_MS}, (${alias}.ended_at - 1) / ${SUM_BUCKET_MS} WHERE ${hasSpan(alias)};`;
const SPAN_COLUMNS = 'agent_id, assigned_at, ended_at, queue_id, created_at';
/** The bot's reason for the conversation of an insight_facts row (only rows whose reason changes are updated: each update moves nine sums). */
const reasonOfFacts = ESCALATION_REASON_SQL.replaceAll('@conversationId', 'insight_facts.conversation_id').replaceAll(
  '@queuedAt',
  '(SELECT c.queued_at FROM conversations AS c WHERE c.conversation_id = insight_facts.conversation_id)',
);

export const MIGRATION_0220_AGENT_TIME_SUMS: Migration = {
  version: 220,
  name: 'insights: agent time per quarter hour, escalation reasons of the bot',
  // agent_status_sums: per UTC quarter hour (and hour and day: span), agent, status and reason, the milliseconds of the
  // agent's closed status intervals (offline left out). agent_work_sums: per quarter hour, agent and
  // the multiset of the queues of the conversations the agent held at once (a sorted JSON list,
  // a queue once per conversation), the milliseconds with exactly those conversations open: handled
  // time of a set of queues is ms × how many of the list are in the set, busy time (the union of
  // spans) is ms where at least one is. Hour and day rows let a month be read as days and its
  // edges as quarters. Both are written by the history area's background pass
  // (insights/agent-time-sums.ts), never by ingest: status intervals with an id above
  // summed_through, or listed in agent_status_pending (seen open, or changed after being summed),
  // are not in the sums yet and the engine reads them live; a summed interval that changes (rare: a
  // replayed status re-opens it, an agent is deleted) is noted in agent_status_stale by the
  // triggers below, which do nothing for the ordinary close of an open interval. A change of an
  // assignment in insight_facts (the facts pass, retention, a recomputation) notes the agent's
  // quarters in agent_work_dirty; the pass rebuilds them from the facts. While anything is stale or
  // dirty the engine reads the intervals and assignments as before. Existing caches are built by
  // the same pass, lazily: every agent's whole span is marked dirty here and every interval is
  // above summed_through (0). Escalation reasons of existing facts are asked again with the bot's
  // rule; the update trigger of insight_sums moves their sums.
  sql: `
      CREATE TABLE agent_status_sums (
        span INTEGER NOT NULL CHECK (span IN (${AGENT_TIME_SPANS.join(', ')})),
        bucket INTEGER NOT NULL,
        agent_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        ms INTEGER NOT NULL CHECK (ms >= 0),
        PRIMARY KEY (span, bucket, agent_id, kind, reason)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE agent_work_sums (
        span INTEGER NOT NULL CHECK (span IN (${AGENT_TIME_SPANS.join(', ')})),
        bucket INTEGER NOT NULL,
        agent_id TEXT NOT NULL,
        queues TEXT NOT NULL,
        ms INTEGER NOT NULL CHECK (ms >= 0),
        PRIMARY KEY (span, bucket, agent_id, queues)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE agent_time_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        summed_through INTEGER NOT NULL
      ) STRICT;
      INSERT INTO agent_time_state (id, summed_through) VALUES (1, 0);
      CREATE TABLE agent_status_pending (id INTEGER PRIMARY KEY) STRICT;
      CREATE TABLE agent_status_stale (
        seq INTEGER PRIMARY KEY,
        agent_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE agent_work_dirty (
        seq INTEGER PRIMARY KEY,
        agent_id TEXT NOT NULL,
        from_bucket INTEGER NOT NULL,
        to_bucket INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX insight_facts_by_agent ON insight_facts (agent_id, assigned_at, ended_at, queue_id) WHERE assigned_at IS NOT NULL;
      INSERT INTO agent_work_dirty (agent_id, from_bucket, to_bucket)
        SELECT agent_id, min(assigned_at) / ${SUM_BUCKET_MS}, (max(ended_at) - 1) / ${SUM_BUCKET_MS} FROM insight_facts AS f
        WHERE ${hasSpan('f')} GROUP BY agent_id;
      CREATE TRIGGER agent_status_changed AFTER UPDATE OF agent_id, kind, reason, start_at, end_at ON status_intervals
        WHEN ${staleWhen('old')}
      BEGIN
        ${markStale('old')}
      END;
      CREATE TRIGGER agent_status_deleted AFTER DELETE ON status_intervals WHEN ${staleWhen('old')}
      BEGIN
        ${markStale('old')}
      END;
      CREATE TRIGGER agent_work_insert AFTER INSERT ON insight_facts WHEN ${hasSpan('new')}
      BEGIN
        ${markWork('new')}
      END;
      CREATE TRIGGER agent_work_delete AFTER DELETE ON insight_facts WHEN ${hasSpan('old')}
      BEGIN
        ${markWork('old')}
      END;
      CREATE TRIGGER agent_work_update AFTER UPDATE OF ${SPAN_COLUMNS} ON insight_facts
      BEGIN
        ${markWork('old')}
        ${markWork('new')}
      END;
      UPDATE insight_facts SET escalation_reason = (${reasonOfFacts})
        WHERE escalation_reason IS NOT NULL AND escalation_reason IS NOT (${reasonOfFacts});
    `,
};
