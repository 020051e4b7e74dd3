/**
 * Applies schema migrations: numbered in steps of 10 and applied in order, each in its own
 * transaction, with the version kept in PRAGMA user_version.
 *
 * The store's own migrations (./migrations) and those each product area registers through
 * openStore are one list, merged by version. Append only: a shipped migration is never edited,
 * because databases in the field already ran it; fix a mistake with a new migration in a new file
 * (docs/decisions/0012-schema-ownership.md). Steps of 10 leave room for a hotfix (say 15) between
 * two releases without renumbering.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './migrations/migration.js';
import { STORE_MIGRATIONS } from './migrations/store-migrations.js';

export type { Migration };

/**
 * The store's migrations and the areas' registered ones, in version order.
 *
 * Why a merge and not a concatenation: versions are owned in ranges (the store 10 and 60, the
 * areas between), so the registration order says nothing about the apply order. Two owners
 * claiming one version is refused, since only one of them would ever run.
 */
export function withStoreMigrations(registered: readonly Migration[]): readonly Migration[] {
  const all = [...STORE_MIGRATIONS, ...registered].sort((a, b) => a.version - b.version);
  for (let index = 1; index < all.length; index += 1) {
    const previous = all[index - 1] as Migration;
    const migration = all[index] as Migration;
    if (migration.version === previous.version) {
      throw new Error(`Migrations "${previous.name}" and "${migration.name}" both claim version ${migration.version}.`);
    }
  }
  checkMigrationList(all);
  return all;
}

/** The schema version a migration list writes; a database above it is refused. */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((latest, migration) => Math.max(latest, migration.version), 0);
}

/** Reads the schema version recorded in the database header. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the list's latest version, one migration per transaction.
 *
 * user_version is written inside each migration's transaction, so a crash between two migrations
 * leaves a database that resumes at the next one. Returns the versions applied.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): readonly number[] {
  checkMigrationList(migrations);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}

/** Refuses a list whose versions do not increase: a sign a shipped migration was renumbered or moved. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version}; versions must be positive integers in increasing order.`);
    }
    previous = migration.version;
  }
}
