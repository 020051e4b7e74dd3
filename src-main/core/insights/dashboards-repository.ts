/**
 * Each user's saved dashboards in the store, kept as their portable document. A user reaches only
 * their own rows: every read and write names the owner, so another user's dashboard id answers as
 * unknown rather than as forbidden (its existence is not told).
 */
import { randomUUID } from 'node:crypto';
import type { DashboardDocument, DashboardRecord, DashboardSummary } from '../../../src-shared/api/insights.js';
import { parseDashboardDocument } from '../../../src-shared/insights/dashboard-document.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { StoreConnection } from '../store/connection.js';

/** A user keeps at most this many dashboards of their own. */
export const MAX_USER_DASHBOARDS = 200;

export interface DashboardRepository {
  /** The owner's dashboards, most recently saved first. */
  list(ownerUserId: string): DashboardSummary[];
  get(ownerUserId: string, dashboardId: string): DashboardRecord | null;
  /** Saves a new dashboard (null id: a fresh id is given) or replaces one of the owner's own. */
  save(ownerUserId: string, dashboardId: string | null, document: DashboardDocument, at: number): Result<DashboardRecord>;
  /** Deletes one of the owner's dashboards. */
  remove(ownerUserId: string, dashboardId: string): Result<null>;
}

interface DashboardRow {
  dashboard_id: string;
  owner_user_id: string;
  document: string;
  updated_at: number;
}

/**
 * A stored document read back, upgraded as an import is (a dashboard saved by an older console);
 * one that no longer parses (an edited file) is skipped, not fatal.
 */
function toRecord(row: DashboardRow): DashboardRecord | null {
  const parsed = parseDashboardDocument(row.document);
  if (!parsed.ok) return null;
  return { dashboardId: row.dashboard_id, name: parsed.document.name, builtIn: false, updatedAt: row.updated_at, document: parsed.document };
}

/** Builds the repository on the store's connection (Store.repository). */
export function createDashboardRepository(db: StoreConnection): DashboardRepository {
  const statements = {
    list: db.prepare<[string], DashboardRow>(
      'SELECT dashboard_id, owner_user_id, document, updated_at FROM insights_dashboards WHERE owner_user_id = ? ORDER BY updated_at DESC, dashboard_id',
    ),
    get: db.prepare<[string], DashboardRow>('SELECT dashboard_id, owner_user_id, document, updated_at FROM insights_dashboards WHERE dashboard_id = ?'),
    count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM insights_dashboards WHERE owner_user_id = ?'),
    insert: db.prepare<[string, string, string, number, number]>(
      'INSERT INTO insights_dashboards (dashboard_id, owner_user_id, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ),
    replace: db.prepare<[string, number, string, string]>('UPDATE insights_dashboards SET document = ?, updated_at = ? WHERE dashboard_id = ? AND owner_user_id = ?'),
    remove: db.prepare<[string, string]>('DELETE FROM insights_dashboards WHERE dashboard_id = ? AND owner_user_id = ?'),
  };

  const own = (ownerUserId: string, dashboardId: string): DashboardRow | null => {
    const row = statements.get.get(dashboardId);
    return row && row.owner_user_id === ownerUserId ? row : null;
  };

  return {
    list(ownerUserId) {
      return statements.list.all(ownerUserId).flatMap((row) => {
        const record = toRecord(row);
        return record ? [{ dashboardId: record.dashboardId, name: record.name, builtIn: false, updatedAt: record.updatedAt }] : [];
      });
    },
    get(ownerUserId, dashboardId) {
      const row = own(ownerUserId, dashboardId);
      return row ? toRecord(row) : null;
    },
    save(ownerUserId, dashboardId, document, at) {
      const text = JSON.stringify(document);
      return db.transaction((): Result<DashboardRecord> => {
        if (dashboardId === null) {
          if (statements.count.get(ownerUserId)!.n >= MAX_USER_DASHBOARDS) return fail(`You keep at most ${MAX_USER_DASHBOARDS} dashboards; delete one first.`);
          const fresh = `d-${randomUUID()}`;
          statements.insert.run(fresh, ownerUserId, text, at, at);
          return ok({ dashboardId: fresh, name: document.name, builtIn: false, updatedAt: at, document });
        }
        if (statements.replace.run(text, at, dashboardId, ownerUserId).changes === 0) return fail(`No dashboard ${dashboardId} among yours.`);
        return ok({ dashboardId, name: document.name, builtIn: false, updatedAt: at, document });
      })();
    },
    remove(ownerUserId, dashboardId) {
      if (statements.remove.run(dashboardId, ownerUserId).changes === 0) return fail(`No dashboard ${dashboardId} among yours.`);
      return ok(null);
    },
  };
}
