/**
 * Migration 80: a conversation belongs to the feed epoch it was told in
 * (docs/decisions/0016-cache-identity-and-salvage.md). Never edit it once shipped.
 */
import type { Migration } from './migration.js';

export const MIGRATION_0080_CONVERSATION_EPOCH: Migration = {
  version: 80,
  name: 'conversation identity includes the feed epoch',
  // A feed that restarts may reuse its conversation ids. `epoch` records which incarnation of the
  // feed's numbering a row belongs to; when another epoch brings the same id, ingest renames the
  // older row to `<id>@<epoch>` (the triggers below carry its messages and survey along), so the
  // two are never merged and the bare id always names the newest. Rows already cached belong to
  // the live stream's current epoch; '' marks a row told before any live epoch was known, which
  // the next live epoch adopts.
  sql: `
    ALTER TABLE conversations ADD COLUMN epoch TEXT NOT NULL DEFAULT '';
    UPDATE conversations SET epoch = (SELECT epoch FROM streams WHERE stream = 'floor')
      WHERE EXISTS (SELECT 1 FROM streams WHERE stream = 'floor');
    CREATE TRIGGER conversations_renamed AFTER UPDATE OF conversation_id ON conversations BEGIN
      UPDATE messages SET conversation_id = new.conversation_id WHERE conversation_id = old.conversation_id;
      UPDATE surveys SET conversation_id = new.conversation_id WHERE conversation_id = old.conversation_id;
    END;
  `,
};
