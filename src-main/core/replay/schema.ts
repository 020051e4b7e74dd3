/**
 * The replay area's migrations, registered with the store by the composition root
 * (core/area-migrations.ts). Version 140 belongs to this area. Its checkpoints are derived from the
 * feed's events, so it has no local-only tables: recovery may drop them.
 */
import type { Migration } from '../store/migrations/migration.js';
import { MIGRATION_0140_REPLAY_CHECKPOINTS } from './migrations/0140-replay-checkpoints.js';

export const REPLAY_MIGRATIONS: readonly Migration[] = [MIGRATION_0140_REPLAY_CHECKPOINTS];
