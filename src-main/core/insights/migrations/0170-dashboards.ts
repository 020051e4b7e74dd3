/**
 * Migration 170, shipped: each user's saved dashboards. Never edit it
 * (docs/decisions/0012-schema-ownership.md); a change is a new migration.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0170_DASHBOARDS: Migration = {
  version: 170,
  name: 'saved dashboards of each user',
  // A dashboard is kept as its portable JSON document, so what is exported is exactly what was
  // saved. The built-in dashboards live in code and are never stored here.
  sql: `
      CREATE TABLE insights_dashboards (
        dashboard_id TEXT PRIMARY KEY,
        owner_user_id TEXT NOT NULL,
        document TEXT NOT NULL CHECK (json_valid(document)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX insights_dashboards_by_owner ON insights_dashboards (owner_user_id, updated_at);
    `,
};
