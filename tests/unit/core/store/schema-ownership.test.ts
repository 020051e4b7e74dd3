/**
 * Who may touch the database (docs/decisions/0012-schema-ownership.md): areas build repositories
 * with Store.repository, never read the store's raw `database`; only the repository files listed
 * here hold SQL; the tables the store's own migrations create (the event log and the projections)
 * are written by the store alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_MIGRATIONS } from '../../../../src-main/core/store/migrations/store-migrations.js';

const ROOT = join(import.meta.dirname, '../../../..');
const STORE_FOLDER = 'src-main/core/store/';

/**
 * The files that hold SQL outside the store: each area's repositories. A new one is added here on
 * purpose, in review.
 */
const REPOSITORY_FILES = [
  'src-main/core/alerts/alert-repository.ts',
  'src-main/core/api/command-ledger.ts',
  'src-main/core/history/lookups.ts',
  'src-main/core/history/metrics.ts',
  'src-main/core/history/notes.ts',
  'src-main/core/history/retention.ts',
  'src-main/core/history/saved-searches.ts',
  'src-main/core/history/search-prefix.ts',
  'src-main/core/history/search.ts',
  'src-main/core/history/transcript.ts',
  'src-main/core/insights/agent-time-sums.ts',
  'src-main/core/insights/agent-time.ts',
  'src-main/core/insights/conversation-sums.ts',
  'src-main/core/insights/dashboards-repository.ts',
  'src-main/core/insights/insight-facts.ts',
  'src-main/core/insights/insights-engine.ts',
  'src-main/core/live-insights/audit-log.ts',
  'src-main/core/live-insights/preferences.ts',
  'src-main/core/live-insights/transcript-source.ts',
  'src-main/core/live-views/cached-data.ts',
  'src-main/core/live-views/intraday-past-source.ts',
  'src-main/core/replay/replay-log.ts',
  'src-main/core/reports/report-repository.ts',
  'src-main/core/staffing/arrivals.ts',
  'src-main/core/staffing/forecast-source.ts',
  'src-main/core/wallboard/board-store.ts',
  'src-main/core/wallboard/devices.ts',
];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

const outsideStore = sourceFiles('src-main').filter((file) => !file.startsWith(STORE_FOLDER));
const text = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** Tables the store's migrations create: the event log, projections, rollups, checkpoints, settings. */
const storeTables = STORE_MIGRATIONS.flatMap((migration) => [...migration.sql.matchAll(/CREATE (?:VIRTUAL )?TABLE (\w+)/g)].map((match) => match[1] as string));

describe('schema ownership', () => {
  it('finds the store tables and the source files it checks', () => {
    expect(storeTables).toEqual(expect.arrayContaining(['events', 'queues', 'agents', 'conversations', 'messages', 'surveys', 'conversation_count']));
    expect(outsideStore.length).toBeGreaterThan(50);
  });

  it('lets no code outside the store read its raw database handle', () => {
    const readers = outsideStore.filter((file) => /\.database\b/.test(text(file)));
    expect(readers, 'build a repository with store.repository(...) instead of reading store.database').toEqual([]);
  });

  it('keeps better-sqlite3 inside the store; areas use StoreConnection', () => {
    const importers = outsideStore.filter((file) => file.startsWith('src-main/core/') && /from 'better-sqlite3'/.test(text(file)));
    expect(importers).toEqual([]);
  });

  it('keeps SQL in the listed repository files', () => {
    const preparing = outsideStore.filter((file) => /\.prepare\s*[<(]/.test(text(file)));
    expect(preparing, 'SQL outside a repository file: move it into the area\'s repository (or list a new repository file here)').toEqual(REPOSITORY_FILES);
  });

  it('leaves the store\'s tables to the store: ingest writes the projections, retention prunes through the store', () => {
    const write = new RegExp(`\\b(?:INSERT\\s+(?:OR\\s+\\w+\\s+)?INTO|REPLACE\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(?:${storeTables.join('|')})\\b`, 'i');
    const writers = outsideStore.filter((file) => !file.includes('/migrations/') && write.test(text(file)));
    expect(writers).toEqual([]);
  });
});
