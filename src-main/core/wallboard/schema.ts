/**
 * The wallboard tables, as migrations appended to the store's list (store/migrations.ts). Versions
 * 50–59 belong to this area; append only, like every migration.
 */
import type { Migration } from '../store/migrations.js';

export const WALLBOARD_MIGRATIONS: readonly Migration[] = [];
