/**
 * The wallboard area's migrations, one file each under ./migrations, registered with the store by
 * the composition root (core/area-migrations.ts). Versions 50–59 (and 120, given out with the other areas' new ones) belong to this area. A shipped
 * migration is never edited: a change is a new file and one more line here.
 */
import type { Migration } from '../store/migrations/migration.js';
import { MIGRATION_0050_WALLBOARDS } from './migrations/0050-wallboards.js';
import { MIGRATION_0120_DEVICE_QUEUE_SCOPE } from './migrations/0120-device-queue-scope.js';

export const WALLBOARD_MIGRATIONS: readonly Migration[] = [MIGRATION_0050_WALLBOARDS, MIGRATION_0120_DEVICE_QUEUE_SCOPE];

/** Tables whose rows exist only in this cache: salvaged from a damaged file on recovery. */
export const WALLBOARD_LOCAL_TABLES: readonly string[] = ['wallboard_boards', 'wallboard_settings', 'wallboard_devices'];
