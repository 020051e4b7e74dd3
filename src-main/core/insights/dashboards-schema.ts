/**
 * The saved dashboards' migrations, one file each under ./migrations, registered with the store by
 * the composition root (core/area-migrations.ts). Version 170 belongs to dashboards (the insights
 * engine has 160–169 in the same folder). A shipped migration is never edited: a change is a new
 * file and one more line here.
 */
import type { Migration } from '../store/migrations/migration.js';
import { MIGRATION_0170_DASHBOARDS } from './migrations/0170-dashboards.js';

export const DASHBOARDS_MIGRATIONS: readonly Migration[] = [MIGRATION_0170_DASHBOARDS];

/** Tables whose rows exist only in this cache: salvaged from a damaged file on recovery. */
export const DASHBOARDS_LOCAL_TABLES: readonly string[] = ['insights_dashboards'];
