/**
 * The alerts area's migrations (versions 150–159), registered with the store by the composition
 * root (core/area-migrations.ts). A shipped migration is never edited.
 */
import type { Migration } from '../store/migrations/migration.js';
import { MIGRATION_0150_ALERTS } from './migrations/0150-alerts.js';

export const ALERTS_MIGRATIONS: readonly Migration[] = [MIGRATION_0150_ALERTS];

/**
 * Tables whose rows exist only in this cache: alerts are raised by the console from the floor it
 * saw (the feed cannot send them again) and preferences are the user's own.
 */
export const ALERTS_LOCAL_TABLES: readonly string[] = ['alerts', 'alert_updates', 'alert_preferences'];
