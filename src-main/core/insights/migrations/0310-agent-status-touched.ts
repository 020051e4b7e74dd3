/**
 * Migration 310: the status intervals the agent-time pass must look at again, noted as they change
 * (ADR 0049, addendum 4). Never edit it once shipped (docs/decisions/0012-schema-ownership.md).
 */
import type { Migration } from '../../store/migrations/migration.js';

/** A change that may have closed or removed an interval the pass holds in agent_status_pending, or made a summed one pending. */
const mayConcernPass = (alias: 'old'): string => `(${alias}.end_at IS NOT NULL OR EXISTS (SELECT 1 FROM agent_status_pending WHERE id = ${alias}.id))`;

export const MIGRATION_0310_AGENT_STATUS_TOUCHED: Migration = {
  version: 310,
  name: 'insights: status intervals the agent-time pass looks at again',
  // agent_status_touched: ids of status intervals closed, changed while closed or deleted since the
  // agent-time pass last looked (insights/agent-time-sums.ts). A pending interval (migration 220:
  // seen open, or changed after being summed) can only leave that state through one of these, so
  // each step reads the pending intervals noted here instead of every pending one (one per
  // logged-in agent, about 10,000 at that size); it drops each id once looked at. The ordinary
  // close of an interval the pass has not read yet (still above summed_through) is not noted: the
  // pass reads it as it is. Existing pending intervals are noted here, so the first step looks at each.
  sql: `
      CREATE TABLE agent_status_touched (id INTEGER PRIMARY KEY) STRICT;
      INSERT INTO agent_status_touched (id) SELECT id FROM agent_status_pending;
      CREATE TRIGGER agent_status_touched_update AFTER UPDATE OF agent_id, kind, reason, start_at, end_at ON status_intervals
        WHEN new.end_at IS NOT NULL AND ${mayConcernPass('old')}
      BEGIN
        INSERT OR IGNORE INTO agent_status_touched (id) VALUES (new.id);
      END;
      CREATE TRIGGER agent_status_touched_delete AFTER DELETE ON status_intervals WHEN ${mayConcernPass('old')}
      BEGIN
        INSERT OR IGNORE INTO agent_status_touched (id) VALUES (old.id);
      END;
    `,
};
