/**
 * The store's own migrations: the event log and the projections ingest writes. Versions 10–19,
 * 60–69, 80–89, 200–219, 230–239 and 290–299 belong to the store; the product areas' lie between and are registered by the composition
 * root, never imported here (the store knows no area).
 */
import { MIGRATION_0010_INITIAL_SCHEMA } from './0010-initial-schema.js';
import { MIGRATION_0060_CONVERSATION_COUNT } from './0060-conversation-count.js';
import { MIGRATION_0080_CONVERSATION_EPOCH } from './0080-conversation-epoch.js';
import { MIGRATION_0200_COMPACT_EVENT_LOG } from './0200-compact-event-log.js';
import { MIGRATION_0210_FTS_WITHOUT_COLUMN_SIZES } from './0210-fts-without-column-sizes.js';
import { MIGRATION_0230_MESSAGES_WITH_INTEGER_KEYS } from './0230-messages-with-integer-keys.js';
import { MIGRATION_0290_MESSAGE_EVENTS_AS_RUNS } from './0290-message-events-as-runs.js';
import type { Migration } from './migration.js';

export const STORE_MIGRATIONS: readonly Migration[] = [
  MIGRATION_0010_INITIAL_SCHEMA,
  MIGRATION_0060_CONVERSATION_COUNT,
  MIGRATION_0080_CONVERSATION_EPOCH,
  MIGRATION_0200_COMPACT_EVENT_LOG,
  MIGRATION_0210_FTS_WITHOUT_COLUMN_SIZES,
  MIGRATION_0230_MESSAGES_WITH_INTEGER_KEYS,
  MIGRATION_0290_MESSAGE_EVENTS_AS_RUNS,
];
