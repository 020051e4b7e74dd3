/**
 * The dashboards' part of the insights API: listing the built-in dashboards and the user's own,
 * reading one, saving, deleting and importing. The insights area (insights-area.ts) spreads these
 * handler maps into its own. Built-ins live in code (src-shared/insights/built-in-dashboards.ts)
 * and are refused to every write: a user copies one and changes the copy.
 */
import type { DashboardRecord, DashboardSummary } from '../../../src-shared/api/insights.js';
import { BUILT_IN_DASHBOARDS, builtInDashboard, isBuiltInDashboardId } from '../../../src-shared/insights/built-in-dashboards.js';
import { parseDashboardDocument } from '../../../src-shared/insights/dashboard-document.js';
import { fail, type Result } from '../../../src-shared/result.js';
import type { CommandHandlers, QueryHandlers } from '../api/handlers.js';
import type { Access } from '../api/session.js';
import type { AuditPort } from '../live-insights/audit-port.js';
import type { Store } from '../store/store.js';
import { createDashboardRepository } from './dashboards-repository.js';

export const BUILT_IN_REFUSAL = 'Built-in dashboards cannot be changed; copy it first.';

export interface DashboardHandlerDeps {
  readonly store: Pick<Store, 'repository'>;
  readonly audit: AuditPort;
  /** Wall clock for saved times (default Date.now). */
  readonly now?: () => number;
}

export interface DashboardHandlers {
  readonly queries: QueryHandlers<'insights.dashboards' | 'insights.dashboard'>;
  readonly commands: CommandHandlers<'insights.dashboard.save' | 'insights.dashboard.delete' | 'insights.dashboard.import'>;
}

const builtInSummaries: readonly DashboardSummary[] = BUILT_IN_DASHBOARDS.map((dashboard) => ({
  dashboardId: dashboard.dashboardId,
  name: dashboard.document.name,
  builtIn: true,
  updatedAt: null,
}));

/** Builds the dashboards' handler maps over the store (per-user saved dashboards) and the audit chain. */
export function createDashboardHandlers(deps: DashboardHandlerDeps): DashboardHandlers {
  const now = deps.now ?? Date.now;
  const repository = deps.store.repository(createDashboardRepository);

  const audited = (access: Access, action: string, saved: Result<DashboardRecord>): Result<DashboardRecord> => {
    if (saved.ok) deps.audit.record(access, { action, target: `dashboard:${saved.value.dashboardId}`, detail: { name: saved.value.name } });
    return saved;
  };

  return {
    queries: {
      'insights.dashboards': (access) => ({ ok: true, value: [...builtInSummaries, ...repository.list(access.userId)] }),
      'insights.dashboard': (access, query) => {
        const builtIn = builtInDashboard(query.dashboardId);
        if (builtIn) return { ok: true, value: { dashboardId: builtIn.dashboardId, name: builtIn.document.name, builtIn: true, updatedAt: null, document: builtIn.document } };
        const record = repository.get(access.userId, query.dashboardId);
        return record ? { ok: true, value: record } : fail(`No dashboard ${query.dashboardId} among yours.`);
      },
    },
    // A retried command id is answered by the API service's command ledger, not here.
    commands: {
      'insights.dashboard.save': (access, command) => {
        if (command.dashboardId !== null && isBuiltInDashboardId(command.dashboardId)) return fail(BUILT_IN_REFUSAL);
        // The schema already held at the API's edge; the document's own rules (unique widget ids) are checked here.
        const checked = parseDashboardDocument(JSON.stringify(command.document));
        if (!checked.ok) return fail(`${checked.path}: ${checked.reason}`);
        return audited(access, 'insights.dashboard.save', repository.save(access.userId, command.dashboardId, checked.document, now()));
      },
      'insights.dashboard.delete': (access, command) => {
        if (isBuiltInDashboardId(command.dashboardId)) return fail(BUILT_IN_REFUSAL);
        const removed = repository.remove(access.userId, command.dashboardId);
        if (removed.ok) deps.audit.record(access, { action: 'insights.dashboard.delete', target: `dashboard:${command.dashboardId}` });
        return removed;
      },
      'insights.dashboard.import': (access, command) => {
        const parsed = parseDashboardDocument(command.json);
        if (!parsed.ok) return fail(`${parsed.path}: ${parsed.reason}`);
        return audited(access, 'insights.dashboard.import', repository.save(access.userId, null, parsed.document, now()));
      },
    },
  };
}
