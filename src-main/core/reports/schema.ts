/**
 * The reports area's migrations (versions 180–189), registered with the store by the composition
 * root (core/area-migrations.ts). A shipped migration is never edited.
 */
import type { Migration } from '../store/migrations/migration.js';
import { MIGRATION_0180_REPORTS } from './migrations/0180-reports.js';

export const REPORTS_MIGRATIONS: readonly Migration[] = [MIGRATION_0180_REPORTS];

/** Tables only this console writes (schedules, their send history, the SMTP settings): recovery salvages them. */
export const REPORTS_LOCAL_TABLES: readonly string[] = ['report_schedules', 'report_runs', 'report_smtp'];
