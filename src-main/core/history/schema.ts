/**
 * The history tables, as migrations appended to the store's list (store/migrations.ts). Versions
 * 40–49 belong to this area; append only, like every migration.
 */
import type { Migration } from '../store/migrations.js';

export const HISTORY_MIGRATIONS: readonly Migration[] = [];
