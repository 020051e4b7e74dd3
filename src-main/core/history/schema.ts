/**
 * The history area's migrations, one file each under ./migrations, registered with the store by
 * the composition root (core/area-migrations.ts). Versions 40–49, 90–99 and 330 belong to this area. A shipped
 * migration is never edited: a change is a new file and one more line here.
 */
import type { Migration } from '../store/migrations/migration.js';
import { MIGRATION_0040_CONVERSATION_MANAGER } from './migrations/0040-conversation-manager.js';
import { MIGRATION_0090_CONVERSATION_RENAMED } from './migrations/0090-conversation-renamed.js';
import { MIGRATION_0330_FACTS_RANGE_INDEXES } from './migrations/0330-facts-range-indexes.js';

export const HISTORY_MIGRATIONS: readonly Migration[] = [
  MIGRATION_0040_CONVERSATION_MANAGER,
  MIGRATION_0090_CONVERSATION_RENAMED,
  MIGRATION_0330_FACTS_RANGE_INDEXES,
];

/** Tables whose rows exist only in this cache (supervisors' notes, saved searches): salvaged on recovery. */
export const HISTORY_LOCAL_TABLES: readonly string[] = ['history_notes', 'history_saved_searches'];
