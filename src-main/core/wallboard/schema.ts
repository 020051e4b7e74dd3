/**
 * The wallboard area's migrations, one file each under ./migrations, registered with the store by
 * the composition root (core/area-migrations.ts). Versions 50–59 belong to this area. A shipped
 * migration is never edited: a change is a new file and one more line here.
 */
import type { Migration } from '../store/migrations/migration.js';
import { MIGRATION_0050_WALLBOARDS } from './migrations/0050-wallboards.js';

export const WALLBOARD_MIGRATIONS: readonly Migration[] = [MIGRATION_0050_WALLBOARDS];

/** Tables whose rows exist only in this cache: salvaged from a damaged file on recovery. */
export const WALLBOARD_LOCAL_TABLES: readonly string[] = ['wallboard_boards', 'wallboard_settings', 'wallboard_devices'];
