/**
 * Migration 70: the one command ledger (docs/decisions/0013-command-ledger.md). It replaces the
 * per-area stores of command outcomes: their remembered successes are carried over, so a retry
 * that spans the upgrade still answers its first outcome, and their tables are dropped.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0070_COMMAND_LEDGER: Migration = {
  version: 70,
  name: 'one command ledger',
  // user_id and subject are NULL only on rows carried over from the old stores, which did not
  // keep them; such a row is answered to whoever retries its id with the same command type.
  sql: `
    CREATE TABLE command_ledger (
      command_id TEXT PRIMARY KEY,
      user_id TEXT,
      type TEXT NOT NULL,
      subject TEXT,
      state TEXT NOT NULL CHECK (state = 'pending' OR state = 'done'),
      result TEXT CHECK (result IS NULL OR json_valid(result)),
      at INTEGER NOT NULL,
      CHECK ((state = 'done') = (result IS NOT NULL))
    ) STRICT;
    CREATE INDEX command_ledger_by_at ON command_ledger (at);

    INSERT OR IGNORE INTO command_ledger (command_id, user_id, type, subject, state, result, at)
      SELECT command_id, user_id, type, NULL, 'done', json_object('ok', json('true'), 'value', json(result)), at FROM view_command_results;
    INSERT OR IGNORE INTO command_ledger (command_id, user_id, type, subject, state, result, at)
      SELECT command_id, NULL, type, NULL, 'done', json_object('ok', json('true'), 'value', json(result)), at FROM wallboard_commands;
    DROP TABLE view_command_results;
    DROP TABLE wallboard_commands;
  `,
};
