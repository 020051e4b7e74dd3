/**
 * Part of the composition root: every product area's migrations, registered with the store when
 * core.ts opens it. The store knows no area; the areas know the store's Migration type only.
 * A new migration is one file in its owner's migrations folder and one line in that owner's list
 * (or here, for a new owner). Version ranges: the store 10–19, 60–69, 80–89 and 200–219, live insights 20–39,
 * history 40–49, wallboards 50–59, the API service's command ledger 70–79, replay 140, alerts
 * 150–159, the insights engine 160–169 and 190, saved dashboards 170, reports 180–189; new ones take the next free ten.
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
