/**
 * Migration 180: scheduled e-mail reports (docs/decisions/0034-scheduled-reports.md). Never edit it
 * once shipped.
 *
 * A schedule keeps its owner and the owner's queue scope as they were when it was saved: it runs
 * with them, never with whoever is signed in when it falls due. The send history keeps each
 * attempt and its error in words. The SMTP settings are one row; the password is not here (it is
 * in the secret vault, as the feed token is). Rowid tables, like every local-only table: recovery
 * salvages by rowid.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0180_REPORTS: Migration = {
  version: 180,
  name: 'reports',
  sql: `
      CREATE TABLE report_schedules (
        schedule_id TEXT NOT NULL UNIQUE,
        owner_id TEXT NOT NULL,
        owner_name TEXT NOT NULL,
        owner_role TEXT NOT NULL,
        -- JSON: null for every queue, else the array of queue ids the owner saw when saving.
        queue_scope TEXT NOT NULL CHECK (json_valid(queue_scope)),
        -- The schedule as the contract's input (src-shared/api/reports.ts), as JSON.
        definition TEXT NOT NULL CHECK (json_valid(definition)),
        saved_at INTEGER NOT NULL,
        -- The run time of the last attempt (sent or failed), null before any.
        last_run_for INTEGER
      ) STRICT;
      CREATE TABLE report_runs (
        run_id TEXT NOT NULL UNIQUE,
        schedule_id TEXT NOT NULL,
        schedule_name TEXT NOT NULL,
        scheduled_for INTEGER NOT NULL,
        attempted_at INTEGER NOT NULL,
        missed INTEGER NOT NULL CHECK (missed IN (0, 1)),
        state TEXT NOT NULL CHECK (state IN ('sent', 'failed')),
        recipients TEXT NOT NULL CHECK (json_valid(recipients)),
        attachments TEXT NOT NULL CHECK (json_valid(attachments)),
        error TEXT
      ) STRICT;
      CREATE INDEX report_runs_by_attempt ON report_runs (attempted_at DESC);
      CREATE INDEX report_runs_by_schedule ON report_runs (schedule_id, attempted_at DESC);
      CREATE TABLE report_smtp (
        settings_id INTEGER NOT NULL UNIQUE CHECK (settings_id = 1),
        host TEXT NOT NULL,
        port INTEGER NOT NULL,
        security TEXT NOT NULL CHECK (security IN ('tls', 'starttls', 'none')),
        username TEXT NOT NULL,
        sender TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `,
};
