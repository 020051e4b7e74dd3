/**
 * Migration 140: the checkpoints floor replay seeks from (docs/decisions/0025-floor-replay.md).
 * The live floor keeps one checkpoint per stream and overwrites it; replay keeps one every so many
 * events or minutes of floor time, deflated, so the state at any past instant is a checkpoint plus
 * a bounded number of events. Derived from the feed's events, so not a local-only table. Never edit
 * it once shipped.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0140_REPLAY_CHECKPOINTS: Migration = {
  version: 140,
  name: 'replay checkpoints',
  sql: `
      CREATE TABLE replay_checkpoints (
        stream TEXT NOT NULL,
        epoch TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 0),
        time INTEGER NOT NULL,
        state_deflated BLOB NOT NULL,
        PRIMARY KEY (stream, epoch, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX replay_checkpoints_by_time ON replay_checkpoints (stream, epoch, time);
    `,
};
