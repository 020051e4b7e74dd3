/**
 * Migration 160: what Historical Insights reads besides the rollups. Never edit it once shipped
 * (docs/decisions/0012-schema-ownership.md).
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0160_INSIGHT_FACTS: Migration = {
  version: 160,
  name: 'insights: per-conversation figures and status intervals by time',
  // insight_facts holds one short row per finished conversation with every input of the
  // conversation figures (flags, durations, service-level verdict, bot and survey facts), clustered
  // by creation time so a dashboard's GROUP BY reads one range of consecutive rows and never a
  // message. The history area's background facts pass writes it with history_facts, never the
  // ingest transaction (docs/decisions/0032-insights-engine.md). Status intervals gain an index by
  // start: agent-time figures read the intervals of a range, which only a full scan found before;
  // status changes are rare enough that ingest does not feel it. Retention deletes a conversation's
  // history_facts row with the conversation; the trigger takes its insights row with it, so the
  // figures of purged days are unknown rather than zero.
  sql: `
      CREATE TABLE insight_facts (
        created_at INTEGER NOT NULL,
        conversation_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        intent TEXT NOT NULL,
        agent_id TEXT,
        team_id TEXT,
        location TEXT,
        disposition TEXT,
        offered INTEGER NOT NULL CHECK (offered IN (0, 1)),
        queued INTEGER NOT NULL CHECK (queued IN (0, 1)),
        assigned INTEGER NOT NULL CHECK (assigned IN (0, 1)),
        abandoned INTEGER NOT NULL CHECK (abandoned IN (0, 1)),
        assigned_at INTEGER,
        ended_at INTEGER,
        wait_ms INTEGER CHECK (wait_ms IS NULL OR wait_ms >= 0),
        abandon_ms INTEGER CHECK (abandon_ms IS NULL OR abandon_ms >= 0),
        handle_ms INTEGER CHECK (handle_ms IS NULL OR handle_ms >= 0),
        first_response_ms INTEGER CHECK (first_response_ms IS NULL OR first_response_ms >= 0),
        response_ms_sum INTEGER NOT NULL CHECK (response_ms_sum >= 0),
        responses INTEGER NOT NULL CHECK (responses >= 0),
        sl_eligible INTEGER NOT NULL CHECK (sl_eligible IN (0, 1)),
        sl_met INTEGER NOT NULL CHECK (sl_met IN (0, 1)),
        transfers INTEGER NOT NULL CHECK (transfers >= 0),
        timed_out INTEGER NOT NULL CHECK (timed_out IN (0, 1)),
        bot_messages INTEGER NOT NULL CHECK (bot_messages >= 0),
        contained INTEGER NOT NULL CHECK (contained IN (0, 1)),
        escalation_reason TEXT,
        csat INTEGER CHECK (csat IS NULL OR csat BETWEEN 1 AND 5),
        sentiment REAL CHECK (sentiment IS NULL OR sentiment BETWEEN -1 AND 1),
        computed_at INTEGER NOT NULL,
        PRIMARY KEY (created_at, conversation_id)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX insight_facts_by_conversation ON insight_facts (conversation_id);
      CREATE INDEX insight_facts_by_queue ON insight_facts (queue_id, created_at);
      CREATE INDEX status_intervals_by_start ON status_intervals (start_at);
      CREATE TRIGGER insight_facts_retention AFTER DELETE ON history_facts
        BEGIN DELETE FROM insight_facts WHERE conversation_id = old.conversation_id; END;
    `,
};
