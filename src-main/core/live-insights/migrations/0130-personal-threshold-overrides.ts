/**
 * Migration 130: threshold overrides become personal (docs/decisions/0021-management-through-the-feed.md).
 * The organisation's thresholds now change through the feed; what stays on the console is each
 * user's own view setting. Never edit it once shipped.
 *
 * An override that was console-wide becomes the personal override of the user who set it: they
 * chose it and keep seeing it; everyone else now sees the organisation's thresholds. The change
 * history keeps every row. A rowid table, like every local-only table: recovery salvages by rowid.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0130_PERSONAL_THRESHOLD_OVERRIDES: Migration = {
  version: 130,
  name: 'threshold overrides per user',
  sql: `
      -- A user's own override of a queue's thresholds, laid over the organisation's on their views only.
      CREATE TABLE threshold_overrides_per_user (
        user_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        thresholds TEXT NOT NULL CHECK (json_valid(thresholds) AND json_type(thresholds) = 'object'),
        set_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, queue_id)
      ) STRICT;
      INSERT INTO threshold_overrides_per_user (user_id, queue_id, thresholds, set_at)
        SELECT set_by, queue_id, thresholds, set_at FROM threshold_overrides;
      DROP TABLE threshold_overrides;
      ALTER TABLE threshold_overrides_per_user RENAME TO threshold_overrides;
    `,
};
