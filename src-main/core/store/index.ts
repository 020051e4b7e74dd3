/** The local store's public surface. */
export { openStore, READ_LIMITS, MAX_STORED_REJECTS, type Store, type StoreOptions } from './store.js';
export { ingestWithQuarantine, type QuarantineOutcome } from './ingest-with-quarantine.js';
export { CorruptDatabaseError, DatabaseFromFutureError, IngestBatchError } from './errors.js';
export { latestVersion, withStoreMigrations, type Migration } from './migrate.js';
export { bucketStart, ROLLUP_BUCKET_MS, type RollupCounts } from './rollups.js';
export type * from './types.js';
