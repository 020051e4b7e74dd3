/**
 * What an area's repository is built from: the store's connection, narrowed to what preparing and
 * running statements needs. An area gets it only through Store.repository, in the one place per
 * area that holds SQL for its tables (docs/decisions/0012-schema-ownership.md); the projections
 * ingest writes are read there, never written.
 */
import type Database from 'better-sqlite3';

export type StoreConnection = Pick<Database.Database, 'prepare' | 'transaction' | 'pragma' | 'open'>;

/** A statement prepared on a StoreConnection. */
export type StoreStatement<Parameters extends unknown[] = unknown[], Result = unknown> = Database.Statement<Parameters, Result>;
