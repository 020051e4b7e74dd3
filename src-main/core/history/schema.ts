/**
 * The history area's migrations, one file each under ./migrations, registered with the store by
 * the composition root (core/area-migrations.ts). Versions 40–49 belong to this area. A shipped
 * migration is never edited: a change is a new file and one more line here.
 */
import type { Migration } from '../store/migrations/migration.js';
import { MIGRATION_0040_CONVERSATION_MANAGER } from './migrations/0040-conversation-manager.js';

export const HISTORY_MIGRATIONS: readonly Migration[] = [MIGRATION_0040_CONVERSATION_MANAGER];
