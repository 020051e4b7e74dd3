/**
 * Migration 320: a status interval given an id the agent-time pass has read past (ADR 0049,
 * addendum 4). Never edit it once shipped (docs/decisions/0012-schema-ownership.md).
 *
 * `status_intervals` is a rowid table: once its newest intervals are deleted, the next one is given
 * the largest id left plus one again, which may be at or below `summed_through`, where the pass
 * takes every interval for read. The deleted ones' time was taken away as they went (migration 220's
 * delete trigger, which reads `summed_through` as it was); here the new interval lowers what the
 * pass has read to just below its own id, so the pass reads it. Every id above it was deleted, so
 * nothing else is read again.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0320_AGENT_STATUS_ID_REUSED: Migration = {
  version: 320,
  name: 'insights: a status interval given an id the agent-time pass read past is read',
  sql: `
      CREATE TRIGGER agent_status_id_reused AFTER INSERT ON status_intervals
        WHEN new.id <= (SELECT summed_through FROM agent_time_state)
      BEGIN
        UPDATE agent_time_state SET summed_through = new.id - 1;
      END;
    `,
};
