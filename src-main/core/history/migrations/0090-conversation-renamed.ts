/**
 * Migration 90: the history area's rows follow a conversation that ingest renames because another
 * feed epoch reused its id (store migration 80, docs/decisions/0016-cache-identity-and-salvage.md).
 * Never edit it once shipped.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0090_CONVERSATION_RENAMED: Migration = {
  version: 90,
  name: 'history rows follow a renamed conversation',
  sql: `
    CREATE TRIGGER history_conversation_renamed AFTER UPDATE OF conversation_id ON conversations BEGIN
      UPDATE history_facts SET conversation_id = new.conversation_id WHERE conversation_id = old.conversation_id;
      UPDATE history_notes SET conversation_id = new.conversation_id WHERE conversation_id = old.conversation_id;
      UPDATE history_customer_keys SET conversation_id = new.conversation_id WHERE conversation_id = old.conversation_id;
    END;
  `,
};
