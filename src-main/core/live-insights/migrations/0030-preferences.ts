/**
 * Migration 30, shipped: personal layouts, queue groups and threshold overrides. Never edit it
 * (docs/decisions/0012-schema-ownership.md); the SQL keeps the indentation it shipped with.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0030_PREFERENCES: Migration = {
  version: 30,
  name: 'live insights preferences: layouts, queue groups, threshold overrides',
  sql: `
      -- One row per user: the queues they chose not to see on the overview.
      CREATE TABLE live_layouts (
        user_id TEXT PRIMARY KEY,
        hidden_queue_ids TEXT NOT NULL CHECK (json_valid(hidden_queue_ids) AND json_type(hidden_queue_ids) = 'array'),
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- A user's own queue groups. Names are unique per user, whatever their case, so two groups
      -- that read the same on a tile cannot exist.
      CREATE TABLE live_groups (
        group_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        name TEXT NOT NULL COLLATE NOCASE,
        channel TEXT NOT NULL CHECK (channel = 'chat' OR channel = 'voice'),
        queue_ids TEXT NOT NULL CHECK (json_valid(queue_ids) AND json_type(queue_ids) = 'array'),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (user_id, name)
      ) STRICT;

      -- Console-wide local overrides of a queue's thresholds, laid over the feed's configuration.
      CREATE TABLE threshold_overrides (
        queue_id TEXT PRIMARY KEY,
        thresholds TEXT NOT NULL CHECK (json_valid(thresholds) AND json_type(thresholds) = 'object'),
        set_by TEXT NOT NULL,
        set_at INTEGER NOT NULL
      ) STRICT;

      -- Every change of an override, who made it and when (NULL thresholds: the override was cleared).
      CREATE TABLE threshold_override_changes (
        id INTEGER PRIMARY KEY,
        queue_id TEXT NOT NULL,
        thresholds TEXT CHECK (thresholds IS NULL OR json_valid(thresholds)),
        set_by TEXT NOT NULL,
        set_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX threshold_override_changes_by_queue ON threshold_override_changes (queue_id, set_at);

      -- Outcomes of the view commands by client command id, so a retried command answers what the
      -- first attempt did instead of applying twice.
      CREATE TABLE view_command_results (
        user_id TEXT NOT NULL,
        command_id TEXT NOT NULL,
        type TEXT NOT NULL,
        result TEXT NOT NULL CHECK (json_valid(result)),
        at INTEGER NOT NULL,
        PRIMARY KEY (user_id, command_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX view_command_results_by_at ON view_command_results (at);
    `,
};
