/**
 * The store's own migrations: the event log and the projections ingest writes. The product areas'
 * are registered by the composition root (area-migrations.ts lists whose each version is), never
 * imported here: the store knows no area.
 */
import { MIGRATION_0010_INITIAL_SCHEMA } from './0010-initial-schema.js';
import { MIGRATION_0060_CONVERSATION_COUNT } from './0060-conversation-count.js';
import { MIGRATION_0080_CONVERSATION_EPOCH } from './0080-conversation-epoch.js';
import { MIGRATION_0200_COMPACT_EVENT_LOG } from './0200-compact-event-log.js';
import { MIGRATION_0210_FTS_WITHOUT_COLUMN_SIZES } from './0210-fts-without-column-sizes.js';
import { MIGRATION_0230_MESSAGES_WITH_INTEGER_KEYS } from './0230-messages-with-integer-keys.js';
import { MIGRATION_0280_QUEUE_CONVERSATION_COUNTS } from './0280-queue-conversation-counts.js';
import { MIGRATION_0290_MESSAGE_EVENTS_AS_RUNS } from './0290-message-events-as-runs.js';
import type { Migration } from './migration.js';

export const STORE_MIGRATIONS: readonly Migration[] = [
  MIGRATION_0010_INITIAL_SCHEMA,
  MIGRATION_0060_CONVERSATION_COUNT,
  MIGRATION_0080_CONVERSATION_EPOCH,
  MIGRATION_0200_COMPACT_EVENT_LOG,
  MIGRATION_0210_FTS_WITHOUT_COLUMN_SIZES,
  MIGRATION_0230_MESSAGES_WITH_INTEGER_KEYS,
  MIGRATION_0280_QUEUE_CONVERSATION_COUNTS,
  MIGRATION_0290_MESSAGE_EVENTS_AS_RUNS,
];
