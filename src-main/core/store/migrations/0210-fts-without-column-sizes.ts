/**
 * Migration 210: the full-text index without its per-message column sizes
 * (docs/decisions/0042-a-small-cache.md). Never edit it once shipped.
 *
 * FTS5 keeps each row's token count (messages_fts_docsize, 176 bytes a conversation on the bench
 * cache) for bm25 ranking only; search orders by message id and never ranks, and snippets read the
 * content table. Phrase, AND/OR and prefix queries work alike. The index is rebuilt from the
 * messages table in this migration's transaction (about 40 s per million messages); the delete and
 * update triggers of migration 10 name the table, not its options, and keep working.
 */
import type { Migration } from './migration.js';

export const MIGRATION_0210_FTS_WITHOUT_COLUMN_SIZES: Migration = {
  version: 210,
  name: 'full-text index without column sizes',
  sql: `
    DROP TABLE messages_fts;
    CREATE VIRTUAL TABLE messages_fts USING fts5 (
      text,
      content = 'messages',
      content_rowid = 'id',
      columnsize = 0,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
  `,
};
