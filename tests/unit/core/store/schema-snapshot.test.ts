/**
 * The schema snapshot: every shipped migration's SQL, by SHA-256, and the schema the migrations
 * produce, compared with the committed schema-snapshot.json.
 *
 * A database in the field has already run every shipped migration, so editing one changes nothing
 * there and splits the field in two. A new migration is added to the snapshot with
 * FLOORWATCH_UPDATE_SCHEMA_SNAPSHOT=1, which appends new versions and never rewrites a recorded one.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { migrate, withStoreMigrations } from '../../../../src-main/core/store/migrate.js';

interface SchemaEntry {
  readonly type: string;
  readonly name: string;
  readonly tableName: string;
  readonly sql: string | null;
}

interface SchemaSnapshot {
  readonly migrations: readonly { readonly version: number; readonly name: string; readonly sha256: string }[];
  readonly schema: readonly SchemaEntry[];
}

const SNAPSHOT_PATH = new URL('./schema-snapshot.json', import.meta.url);
const EDITED = 'a shipped migration was edited; add a new migration instead';

const migrations = withStoreMigrations(AREA_MIGRATIONS);

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function producedSchema(): SchemaEntry[] {
  const db = new Database(':memory:');
  try {
    migrate(db, migrations);
    return db.prepare<[], SchemaEntry>('SELECT type, name, tbl_name AS tableName, sql FROM sqlite_schema ORDER BY type, name').all();
  } finally {
    db.close();
  }
}

const committed = JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8')) as SchemaSnapshot;

if (process.env.FLOORWATCH_UPDATE_SCHEMA_SNAPSHOT === '1') {
  const recorded = new Set(committed.migrations.map((migration) => migration.version));
  const added = migrations.filter((migration) => !recorded.has(migration.version));
  const next: SchemaSnapshot = {
    migrations: [...committed.migrations, ...added.map((migration) => ({ version: migration.version, name: migration.name, sha256: sha256(migration.sql) }))],
    schema: producedSchema(),
  };
  writeFileSync(SNAPSHOT_PATH, `${JSON.stringify(next, null, 2)}\n`);
}

describe('schema snapshot', () => {
  it('finds every shipped migration with the very SQL it shipped with', () => {
    const byVersion = new Map(migrations.map((migration) => [migration.version, migration]));
    for (const shipped of committed.migrations) {
      const migration = byVersion.get(shipped.version);
      expect(migration, `migration ${shipped.version} ("${shipped.name}") is gone: ${EDITED}`).toBeDefined();
      expect(sha256(migration?.sql ?? ''), `migration ${shipped.version} ("${shipped.name}"): ${EDITED}`).toBe(shipped.sha256);
    }
  });

  it('has every migration recorded, so the next edit of one is caught', () => {
    const recorded = new Set(committed.migrations.map((migration) => migration.version));
    const unrecorded = migrations.filter((migration) => !recorded.has(migration.version)).map((migration) => migration.version);
    expect(unrecorded, 'new migrations: record them with FLOORWATCH_UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run tests/unit/core/store/schema-snapshot.test.ts').toEqual([]);
  });

  it('produces the schema recorded with the shipped migrations', () => {
    expect(producedSchema(), `the migrations no longer produce the recorded schema: if ${EDITED}; if a migration was added, record it (FLOORWATCH_UPDATE_SCHEMA_SNAPSHOT=1)`).toEqual(
      committed.schema,
    );
  });

  it('refuses two owners claiming one version', () => {
    const claimed = { version: 40, name: 'a second version 40', sql: 'SELECT 1;' };
    expect(() => withStoreMigrations([...AREA_MIGRATIONS, claimed])).toThrow(/both claim version 40/);
  });
});
