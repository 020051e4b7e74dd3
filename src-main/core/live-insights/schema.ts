/**
 * The live insights area's migrations, one file each under ./migrations, registered with the store
 * by the composition root (core/area-migrations.ts). Versions 20–39 belong to this area: 20–29 the
 * audit log and actions, 30–39 preferences (layouts, groups, threshold overrides); and 100, the
 * keyed audit chain; 130, threshold overrides per user. A shipped migration is never edited: a change is a new file and one more line
 * here.
 */
import type { Migration } from '../store/migrations/migration.js';
import { MIGRATION_0020_AUDIT_LOG } from './migrations/0020-audit-log.js';
import { MIGRATION_0030_PREFERENCES } from './migrations/0030-preferences.js';
import { MIGRATION_0100_AUDIT_CHAIN } from './migrations/0100-audit-chain.js';
import { MIGRATION_0130_PERSONAL_THRESHOLD_OVERRIDES } from './migrations/0130-personal-threshold-overrides.js';

export const LIVE_INSIGHTS_MIGRATIONS: readonly Migration[] = [
  MIGRATION_0020_AUDIT_LOG,
  MIGRATION_0030_PREFERENCES,
  MIGRATION_0100_AUDIT_CHAIN,
  MIGRATION_0130_PERSONAL_THRESHOLD_OVERRIDES,
];

/**
 * Tables whose rows exist only in this cache: recovery from a damaged file salvages them, since the
 * feed cannot send them again. The audit log's rows are copied bit-exact, so its chain still verifies.
 */
export const LIVE_INSIGHTS_LOCAL_TABLES: readonly string[] = ['audit_log', 'audit_chain', 'live_layouts', 'live_groups', 'threshold_overrides', 'threshold_override_changes'];
