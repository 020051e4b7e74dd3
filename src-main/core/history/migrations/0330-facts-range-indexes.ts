/**
 * Migration 330: an index on each figure a search filters by range (handle, wait, first and
 * average response), so a rare range ("handle time at least 15 min") reads its few rows instead of
 * scanning every conversation's facts (docs/decisions/0060-range-filters-through-an-index.md).
 * Never edit it once shipped.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0330_FACTS_RANGE_INDEXES: Migration = {
  version: 330,
  name: 'history facts indexed by each range-filtered figure',
  sql: `
    CREATE INDEX history_facts_by_handle ON history_facts (handle_ms);
    CREATE INDEX history_facts_by_wait ON history_facts (wait_ms);
    CREATE INDEX history_facts_by_first_response ON history_facts (first_response_ms);
    CREATE INDEX history_facts_by_avg_response ON history_facts (avg_response_ms);
  `,
};
