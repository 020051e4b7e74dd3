/**
 * Part of the composition root: every product area's migrations, registered with the store when
 * core.ts opens it. The store knows no area; the areas know the store's Migration type only.
 * A new migration is one file in its owner's migrations folder and one line in that owner's list
 * (or here, for a new owner). Versions only grow (a cache's user_version is one number): each new
 * migration takes the next free ten, and its owner's list says which are its own. Today: the store
 * 10, 60, 80, 200, 210, 230, 280 and 290; live insights 20, 30, 100 and 130; history 40 and 90;
 * wallboards 50 and 120; the API service's command ledger 70; replay 140; alerts 150; the insights
 * engine 160, 190, 220, 250, 270, 310 and 320; saved dashboards 170; reports 180.
 */
import { ALERTS_LOCAL_TABLES, ALERTS_MIGRATIONS } from './alerts/schema.js';
import { MIGRATION_0070_COMMAND_LEDGER } from './api/migrations/0070-command-ledger.js';
import { HISTORY_LOCAL_TABLES, HISTORY_MIGRATIONS } from './history/schema.js';
import { INSIGHTS_ENGINE_MIGRATIONS } from './insights/schema.js';
import { DASHBOARDS_LOCAL_TABLES, DASHBOARDS_MIGRATIONS } from './insights/dashboards-schema.js';
import { LIVE_INSIGHTS_LOCAL_TABLES, LIVE_INSIGHTS_MIGRATIONS } from './live-insights/schema.js';
import { REPLAY_MIGRATIONS } from './replay/schema.js';
import { REPORTS_LOCAL_TABLES, REPORTS_MIGRATIONS } from './reports/schema.js';
import type { Migration } from './store/migrations/migration.js';
import { WALLBOARD_LOCAL_TABLES, WALLBOARD_MIGRATIONS } from './wallboard/schema.js';

export const AREA_MIGRATIONS: readonly Migration[] = [
  ...LIVE_INSIGHTS_MIGRATIONS,
  ...HISTORY_MIGRATIONS,
  ...WALLBOARD_MIGRATIONS,
  MIGRATION_0070_COMMAND_LEDGER,
  ...REPLAY_MIGRATIONS,
  ...ALERTS_MIGRATIONS,
  ...INSIGHTS_ENGINE_MIGRATIONS,
  ...DASHBOARDS_MIGRATIONS,
  ...REPORTS_MIGRATIONS,
];

/**
 * Every area's local-only tables, whose rows the feed cannot send again: recovery from a damaged
 * cache salvages them (store/salvage.ts). A new table that only this machine writes belongs here.
 */
export const AREA_LOCAL_TABLES: readonly string[] = [...LIVE_INSIGHTS_LOCAL_TABLES, ...HISTORY_LOCAL_TABLES, ...WALLBOARD_LOCAL_TABLES, 'command_ledger', ...ALERTS_LOCAL_TABLES, ...DASHBOARDS_LOCAL_TABLES, ...REPORTS_LOCAL_TABLES];
