/**
 * Migration 150: alerts with a lifecycle (docs/decisions/0027-alerts-with-a-lifecycle.md). Never
 * edit it once shipped.
 *
 * Alerts are raised by this console from the floor it sees and changed by the feed's
 * `alert.updated`; each user's notification choices are local. Rowid tables, like every local-only
 * table: recovery salvages by rowid.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0150_ALERTS: Migration = {
  version: 150,
  name: 'alerts',
  sql: `
      -- One alert: raised when a condition began, resolved when it recovered.
      CREATE TABLE alerts (
        alert_id TEXT NOT NULL UNIQUE,
        -- kind:queue:subject; at most one alert of a key is not resolved.
        alert_key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('threshold', 'queued', 'event')),
        queue_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('warning', 'critical')),
        conversation_id TEXT,
        raised_at INTEGER NOT NULL,
        raised_seq INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'snoozed', 'escalated', 'resolved')),
        resolved_at INTEGER,
        snoozed_until INTEGER,
        escalated_to TEXT
      ) STRICT;
      CREATE INDEX alerts_by_raised ON alerts (raised_at DESC);
      CREATE INDEX alerts_unresolved ON alerts (alert_key) WHERE state <> 'resolved';
      -- Every change the feed announced, once each (a snapshot repeats the last one).
      CREATE TABLE alert_updates (
        alert_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('acknowledged', 'snoozed', 'escalated')),
        by_user TEXT NOT NULL,
        at INTEGER NOT NULL,
        note TEXT,
        snoozed_until INTEGER,
        escalated_to TEXT,
        UNIQUE (alert_id, at, state, by_user)
      ) STRICT;
      -- Each user's notification choices: queue × kind pairs and the sound.
      CREATE TABLE alert_preferences (
        user_id TEXT NOT NULL UNIQUE,
        subscriptions TEXT NOT NULL CHECK (json_valid(subscriptions) AND json_type(subscriptions) = 'array'),
        sound INTEGER NOT NULL CHECK (sound IN (0, 1)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
};
