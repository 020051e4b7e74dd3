/**
 * Saved searches, per user: a name and a HistorySearch, stored as JSON and validated again when
 * read (a search saved by an older version that no longer parses is left out, not fatal).
 */
import type { StoreConnection } from '../store/connection.js';
import { historySearchSchema, type HistorySearch, type SavedSearch } from '../../../src-shared/api/history.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';

/** Saved searches kept per user. */
export const MAX_SAVED_SEARCHES = 200;

interface SavedRecord {
  readonly savedSearchId: string;
  readonly userId: string;
  readonly name: string;
  readonly search: string;
  readonly createdAt: number;
}

function toSaved(record: SavedRecord): SavedSearch | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.search);
  } catch {
    return null;
  }
  const search = historySearchSchema.safeParse(parsed);
  return search.success ? { savedSearchId: record.savedSearchId, name: record.name, search: search.data, createdAt: record.createdAt } : null;
}

export class SavedSearches {
  private readonly statements;

  constructor(
    db: StoreConnection,
    private readonly now: () => number,
  ) {
    const columns = 'saved_search_id AS savedSearchId, user_id AS userId, name, search, created_at AS createdAt';
    this.statements = {
      ofUser: db.prepare<[string, number], SavedRecord>(`SELECT ${columns} FROM history_saved_searches WHERE user_id = ? ORDER BY created_at DESC LIMIT ?`),
      byId: db.prepare<[string], SavedRecord>(`SELECT ${columns} FROM history_saved_searches WHERE saved_search_id = ?`),
      count: db.prepare<[string], number>('SELECT count(*) FROM history_saved_searches WHERE user_id = ?').pluck(),
      insert: db.prepare<[string, string, string, string, number]>(
        'INSERT INTO history_saved_searches (saved_search_id, user_id, name, search, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      remove: db.prepare<[string, string]>('DELETE FROM history_saved_searches WHERE saved_search_id = ? AND user_id = ?'),
    };
  }

  list(userId: string): SavedSearch[] {
    return this.statements.ofUser.all(userId, MAX_SAVED_SEARCHES).flatMap((record) => toSaved(record) ?? []);
  }

  /** Saves under the command id, so a retried save stores one search. */
  save(userId: string, name: string, search: HistorySearch, savedSearchId: string): Result<SavedSearch> {
    const existing = this.statements.byId.get(savedSearchId);
    if (existing) {
      const saved = existing.userId === userId ? toSaved(existing) : null;
      return saved ? ok(saved) : fail(`Command id ${savedSearchId} was already used.`);
    }
    if ((this.statements.count.get(userId) ?? 0) >= MAX_SAVED_SEARCHES) {
      return fail(`You have ${MAX_SAVED_SEARCHES} saved searches; delete one before saving another.`);
    }
    const createdAt = this.now();
    this.statements.insert.run(savedSearchId, userId, name, JSON.stringify(search), createdAt);
    return ok({ savedSearchId, name, search, createdAt });
  }

  /** Deletes the user's saved search; deleting one already gone succeeds, so a retry does too. */
  delete(userId: string, savedSearchId: string): Result<null> {
    const existing = this.statements.byId.get(savedSearchId);
    if (existing && existing.userId !== userId) return fail(`No saved search ${savedSearchId}.`);
    this.statements.remove.run(savedSearchId, userId);
    return ok(null);
  }
}
