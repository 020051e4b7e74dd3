/**
 * Each view is its own script, loaded when it is first shown (ADR 0048, addendum): the first
 * screen parses the frame and the view it shows, not Insights' charts or the wallboard editor.
 * The live overview (the console's first screen) and the wallboard player (a TV's only one) stay
 * in the entry: a live view never waits for a second round trip to a host busy ingesting.
 * While a view's script loads the frame shows the designed loading state; a script that cannot
 * be loaded (the console was rebuilt, the host stopped) says so and offers a reload.
 */
import { lazy, Suspense } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { useT } from '../i18n/translate.js';

const t = useT('shell');

/** A view's component, loaded from its module on first render; a module that fails to load renders ViewLoadFailed (until a reload). */
function view<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => {
    try {
      return { default: await load() };
    } catch {
      return { default: ViewLoadFailed as ComponentType<P> };
    }
  });
}

export const AlertsView = view(async () => (await import('../views/alerts/alerts-view.js')).AlertsView);
export const AuditView = view(async () => (await import('../views/audit/audit-view.js')).AuditView);
export const ConnectionView = view(async () => (await import('../views/connection/connection-view.js')).ConnectionView);
export const DictionaryView = view(async () => (await import('../views/dictionary/dictionary-view.js')).DictionaryView);
export const HistoryView = view(async () => (await import('../views/history/history-view.js')).HistoryView);
export const InsightsView = view(async () => (await import('../views/insights/insights-view.js')).InsightsView);
export const ManagementView = view(async () => (await import('../views/management/management-view.js')).ManagementView);
export const QueueDetailView = view(async () => (await import('../views/queue-detail/queue-detail-view.js')).QueueDetailView);
export const ReplayView = view(async () => (await import('../views/replay/replay-view.js')).ReplayView);
export const ReportsView = view(async () => (await import('../views/reports/reports-view.js')).ReportsView);
export const UsersView = view(async () => (await import('../views/users/users-view.js')).UsersView);
export const WallboardsView = view(async () => (await import('../views/wallboard/wallboards-view.js')).WallboardsView);

function ViewLoading() {
  return (
    <div className="state-message" role="status" aria-busy="true" data-testid="view-loading">
      <span className="spinner" aria-hidden="true" />
      <h1 className="state-message__title">{t('viewLoading')}</h1>
    </div>
  );
}

function ViewLoadFailed() {
  return (
    <div className="state-message" role="alert" data-testid="view-load-failed">
      <h1 className="state-message__title">{t('viewLoadFailed')}</h1>
      <div className="state-message__body">
        <p>{t('viewLoadFailedHint')}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('viewReload')}
        </button>
      </div>
    </div>
  );
}

/** The current view, with its loading state while its script loads. */
export function LazyView({ children }: { readonly children: ReactNode }) {
  return <Suspense fallback={<ViewLoading />}>{children}</Suspense>;
}
