/**
 * The live insights tables, as migrations appended to the store's list (store/migrations.ts). Versions
 * 20–29 belong to this area; append only, like every migration.
 */
import type { Migration } from '../store/migrations.js';

export const LIVE_INSIGHTS_MIGRATIONS: readonly Migration[] = [];
