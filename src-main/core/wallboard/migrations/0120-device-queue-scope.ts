/**
 * Migration 120: a wallboard device keeps its creator's queue scope, so a TV shows no more than
 * the person who made it may see (docs/decisions/0018-one-enforcement-point.md). Never edit it.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0120_DEVICE_QUEUE_SCOPE: Migration = {
  version: 120,
  name: 'wallboard devices keep their creator queue scope',
  // JSON: null for every queue, else an array of queue ids. Devices made before this migration do
  // not know their creator's scope, so they get none (fail closed) and are re-created to show data.
  sql: `
      ALTER TABLE wallboard_devices ADD COLUMN queue_scope TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(queue_scope));
    `,
};
