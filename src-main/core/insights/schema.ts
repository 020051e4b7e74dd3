/**
 * The insights engine's migrations (versions 160–169, 190, 220, 250, 270 and 310), registered with the store by the
 * composition root (core/area-migrations.ts). A shipped migration is never edited.
 */
import type { Migration } from '../store/migrations/migration.js';
import { MIGRATION_0160_INSIGHT_FACTS } from './migrations/0160-insight-facts.js';
import { MIGRATION_0190_INSIGHT_SUMS } from './migrations/0190-insight-sums.js';
import { MIGRATION_0220_AGENT_TIME_SUMS } from './migrations/0220-agent-time-sums.js';
import { MIGRATION_0250_INSIGHT_SUM_LEVELS } from './migrations/0250-insight-sum-levels.js';
import { MIGRATION_0270_FLOOR_TIME_SUMS } from './migrations/0270-floor-time-sums.js';
import { MIGRATION_0310_AGENT_STATUS_TOUCHED } from './migrations/0310-agent-status-touched.js';
import { MIGRATION_0320_AGENT_STATUS_ID_REUSED } from './migrations/0320-agent-status-id-reused.js';

export const INSIGHTS_ENGINE_MIGRATIONS: readonly Migration[] = [
  MIGRATION_0160_INSIGHT_FACTS,
  MIGRATION_0190_INSIGHT_SUMS,
  MIGRATION_0220_AGENT_TIME_SUMS,
  MIGRATION_0250_INSIGHT_SUM_LEVELS,
  MIGRATION_0270_FLOOR_TIME_SUMS,
  MIGRATION_0310_AGENT_STATUS_TOUCHED,
  MIGRATION_0320_AGENT_STATUS_ID_REUSED,
];
