/**
 * The live insights tables, as migrations appended to the store's list (store/migrations.ts).
 * Versions 20–39 belong to this area: 20–29 the audit log and actions, 30–39 preferences
 * (layouts, groups, threshold overrides). Append only, like every migration.
 */
import type { Migration } from '../store/migrations.js';
import { PREFERENCES_MIGRATIONS } from './preferences-schema.js';

const ACTIONS_MIGRATIONS: readonly Migration[] = [];

export const LIVE_INSIGHTS_MIGRATIONS: readonly Migration[] = [...ACTIONS_MIGRATIONS, ...PREFERENCES_MIGRATIONS];
