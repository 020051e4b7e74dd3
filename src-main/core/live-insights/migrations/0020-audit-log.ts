/**
 * Migration 20, shipped: the audit log of supervisor actions. Never edit it
 * (docs/decisions/0012-schema-ownership.md); the SQL keeps the indentation it shipped with.
 */
import type { Migration } from '../../store/migrations/migration.js';

/**
 * The audit log of supervisor actions (docs/decisions/0007-audit-hash-chain.md).
 *
 * Append only: an action is one row and its outcome another, later row that names it, so no row
 * is ever rewritten and every row sits in the hash chain. AUTOINCREMENT rather than a plain rowid
 * so a deleted last row leaves its number in sqlite_sequence, where verification notices it. The
 * triggers stop accidental edits; the chain is what detects deliberate ones.
 */
export const MIGRATION_0020_AUDIT_LOG: Migration = {
  version: 20,
  name: 'audit log of supervisor actions',
  sql: `
      CREATE TABLE audit_log (
        audit_id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind = 'action' OR kind = 'outcome'),
        at INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        queue_ids TEXT NOT NULL CHECK (json_valid(queue_ids)),
        detail TEXT NOT NULL,
        command_id TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome = 'pending' OR outcome = 'acked' OR outcome = 'rejected' OR outcome = 'local'),
        outcome_detail TEXT,
        action_audit_id INTEGER REFERENCES audit_log (audit_id),
        hash TEXT NOT NULL,
        CHECK ((kind = 'action') = (action_audit_id IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX audit_log_action_by_command ON audit_log (command_id) WHERE kind = 'action';
      CREATE UNIQUE INDEX audit_log_outcome_by_action ON audit_log (action_audit_id) WHERE action_audit_id IS NOT NULL;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END;
    `,
};
