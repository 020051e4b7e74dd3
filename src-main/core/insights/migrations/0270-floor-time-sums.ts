/**
 * Migration 270: agent time summed over the whole floor (docs/decisions/0053-floor-time-sums.md).
 * Never edit it once shipped (docs/decisions/0012-schema-ownership.md).
 */
import type { Migration } from '../../store/migrations/migration.js';
import { AGENT_TIME_SPANS } from './0220-agent-time-sums.js';

/**
 * An agent's rows are counted in the floor's sums once the agent has slots recorded there. An
 * agent the engine does not know yet (no row in `agents`: seen only in assignments) is left out,
 * as the engine leaves it out, and waits in floor_time_waiting until the pass counts all its rows.
 */
const counted = (alias: 'new' | 'old'): string => `EXISTS (SELECT 1 FROM floor_time_slots WHERE agent_id = ${alias}.agent_id)`;
/** Before a new row is added: a known agent that is not waiting is counted from now on; any other waits. */
const countOrWait = `INSERT OR IGNORE INTO floor_time_slots (agent_id, slots) SELECT agent_id, slots FROM agents
          WHERE agent_id = new.agent_id AND NOT EXISTS (SELECT 1 FROM floor_time_waiting WHERE agent_id = new.agent_id);
        INSERT OR IGNORE INTO floor_time_waiting (agent_id) SELECT new.agent_id WHERE NOT ${counted('new')};`;
/** The slots an agent's time was summed with. */
const slotsOf = (alias: 'new' | 'old'): string => `(SELECT slots FROM floor_time_slots WHERE agent_id = ${alias}.agent_id)`;
/** Whether the agent has another status row in the same bucket (then the bucket's agent count stays). */
const otherRow = `EXISTS (SELECT 1 FROM agent_status_sums AS s WHERE s.span = new.span AND s.bucket = new.bucket AND s.agent_id = new.agent_id
          AND (s.kind <> new.kind OR s.reason <> new.reason))`;
const anyRow = `EXISTS (SELECT 1 FROM agent_status_sums AS s WHERE s.span = old.span AND s.bucket = old.bucket AND s.agent_id = old.agent_id)`;

/** Adds `ms` (an SQL expression) of the row `alias` to its floor status row, when the agent is counted. */
const addStatus = (alias: 'new' | 'old', ms: string): string =>
  `INSERT INTO floor_status_sums (span, bucket, kind, reason, ms, slot_ms)
          SELECT ${alias}.span, ${alias}.bucket, ${alias}.kind, ${alias}.reason, ${ms}, (${ms}) * ${slotsOf(alias)} WHERE ${counted(alias)}
          ON CONFLICT (span, bucket, kind, reason) DO UPDATE SET ms = ms + excluded.ms, slot_ms = slot_ms + excluded.slot_ms;`;
/** Adds to a bucket's agent count and work (SQL expressions), when the agent is counted. */
const addBucket = (alias: 'new' | 'old', agents: string, handled: string, busy: string, when = 'true'): string =>
  `INSERT INTO floor_time_buckets (span, bucket, agents, handled_ms, busy_ms)
          SELECT ${alias}.span, ${alias}.bucket, ${agents}, ${handled}, ${busy} WHERE ${counted(alias)} AND ${when}
          ON CONFLICT (span, bucket) DO UPDATE SET agents = agents + excluded.agents, handled_ms = handled_ms + excluded.handled_ms, busy_ms = busy_ms + excluded.busy_ms;`;

export const MIGRATION_0270_FLOOR_TIME_SUMS: Migration = {
  version: 270,
  name: 'insights: agent time summed over the floor',
  // floor_status_sums: per span and bucket (as agent_status_sums), status and reason, the
  // milliseconds of every known agent, and the same weighted by each agent's slots (occupancy's
  // denominator is available time × slots). floor_time_buckets: per span and bucket, how many
  // agents have status time in it (logged-in agents of that bucket), and the handled (ms × open
  // conversations) and busy milliseconds of agent_work_sums. Both are kept by the triggers below
  // from agent_status_sums and agent_work_sums, which only the background pass writes, so a read
  // of the whole floor (no scope, no agent filter) folds a row per bucket instead of one per agent.
  // floor_time_slots holds the slots each counted agent's time was summed with; when an agent's
  // slots change, the pass moves its slot time (agent-time-sums.ts) and the engine reads per agent
  // meanwhile. floor_time_waiting holds agents with rows not counted because the engine did not
  // know them (assignments before any agent event); once they are in `agents`, the engine reads
  // per agent until the pass has counted all their rows. Existing caches are summed here from the per-agent rows. insight_versions counts
  // changes the engine keeps reads across: 'agents', of what it reads of each agent (name, team,
  // location, slots, queues: the triggers below), so it parses the agents again only when one
  // changed; 'agent_sums', of agent_status_sums and agent_work_sums (the pass counts its steps that
  // changed them), so the widgets of a dashboard share their per-agent reads.
  sql: `
      CREATE TABLE insight_versions (
        name TEXT PRIMARY KEY CHECK (name IN ('agents', 'agent_sums')),
        version INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO insight_versions (name, version) VALUES ('agents', 0), ('agent_sums', 0);
      CREATE TRIGGER agent_directory_insert AFTER INSERT ON agents
      BEGIN
        UPDATE insight_versions SET version = version + 1 WHERE name = 'agents';
      END;
      CREATE TRIGGER agent_directory_update AFTER UPDATE OF agent_id, name, team_id, team_name, location, slots, queue_ids ON agents
        WHEN old.agent_id IS NOT new.agent_id OR old.name IS NOT new.name OR old.team_id IS NOT new.team_id OR old.team_name IS NOT new.team_name
          OR old.location IS NOT new.location OR old.slots IS NOT new.slots OR old.queue_ids IS NOT new.queue_ids
      BEGIN
        UPDATE insight_versions SET version = version + 1 WHERE name = 'agents';
      END;
      CREATE TRIGGER agent_directory_delete AFTER DELETE ON agents
      BEGIN
        UPDATE insight_versions SET version = version + 1 WHERE name = 'agents';
      END;
      CREATE TABLE floor_time_slots (
        agent_id TEXT PRIMARY KEY,
        slots INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE floor_time_waiting (agent_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
      INSERT INTO floor_time_waiting (agent_id)
        SELECT agent_id FROM agent_status_sums WHERE agent_id NOT IN (SELECT agent_id FROM agents)
        UNION SELECT agent_id FROM agent_work_sums WHERE agent_id NOT IN (SELECT agent_id FROM agents);
      CREATE TABLE floor_status_sums (
        span INTEGER NOT NULL CHECK (span IN (${AGENT_TIME_SPANS.join(', ')})),
        bucket INTEGER NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        ms INTEGER NOT NULL,
        slot_ms INTEGER NOT NULL,
        PRIMARY KEY (span, bucket, kind, reason)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE floor_time_buckets (
        span INTEGER NOT NULL CHECK (span IN (${AGENT_TIME_SPANS.join(', ')})),
        bucket INTEGER NOT NULL,
        agents INTEGER NOT NULL,
        handled_ms INTEGER NOT NULL,
        busy_ms INTEGER NOT NULL,
        PRIMARY KEY (span, bucket)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO floor_time_slots (agent_id, slots) SELECT agent_id, slots FROM agents;
      INSERT INTO floor_status_sums (span, bucket, kind, reason, ms, slot_ms)
        SELECT s.span, s.bucket, s.kind, s.reason, sum(s.ms), sum(s.ms * a.slots) FROM agent_status_sums AS s JOIN agents AS a ON a.agent_id = s.agent_id
        GROUP BY 1, 2, 3, 4;
      INSERT INTO floor_time_buckets (span, bucket, agents, handled_ms, busy_ms)
        SELECT span, bucket, sum(agents), sum(handled), sum(busy) FROM (
          SELECT s.span, s.bucket, count(DISTINCT s.agent_id) AS agents, 0 AS handled, 0 AS busy FROM agent_status_sums AS s
            WHERE s.agent_id IN (SELECT agent_id FROM agents) GROUP BY 1, 2
          UNION ALL
          SELECT w.span, w.bucket, 0, sum(w.ms * json_array_length(w.queues)), sum(w.ms) FROM agent_work_sums AS w
            WHERE w.agent_id IN (SELECT agent_id FROM agents) GROUP BY 1, 2
        ) GROUP BY 1, 2;
      CREATE TRIGGER floor_status_insert AFTER INSERT ON agent_status_sums
      BEGIN
        ${countOrWait}
        ${addStatus('new', 'new.ms')}
        ${addBucket('new', '1', '0', '0', `NOT ${otherRow}`)}
      END;
      CREATE TRIGGER floor_status_update AFTER UPDATE OF ms ON agent_status_sums WHEN ${counted('new')}
      BEGIN
        ${addStatus('new', 'new.ms - old.ms')}
      END;
      CREATE TRIGGER floor_status_delete AFTER DELETE ON agent_status_sums WHEN ${counted('old')}
      BEGIN
        ${addStatus('old', '-old.ms')}
        ${addBucket('old', '-1', '0', '0', `NOT ${anyRow}`)}
      END;
      CREATE TRIGGER floor_work_insert AFTER INSERT ON agent_work_sums
      BEGIN
        ${countOrWait}
        ${addBucket('new', '0', 'new.ms * json_array_length(new.queues)', 'new.ms')}
      END;
      CREATE TRIGGER floor_work_delete AFTER DELETE ON agent_work_sums WHEN ${counted('old')}
      BEGIN
        ${addBucket('old', '0', '-(old.ms * json_array_length(old.queues))', '-old.ms')}
      END;
      CREATE TRIGGER floor_work_update AFTER UPDATE OF ms ON agent_work_sums WHEN ${counted('new')}
      BEGIN
        ${addBucket('new', '0', '(new.ms - old.ms) * json_array_length(new.queues)', 'new.ms - old.ms')}
      END;
    `,
};
