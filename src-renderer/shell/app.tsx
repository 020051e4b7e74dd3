/** The application frame: skip link, top bar, stale-data banner, and the current view. */
import { useCallback } from 'react';
import type { MouseEvent } from 'react';
import { assertNever } from '../../src-shared/result.js';
import { useConsole } from '../hooks/store-context.js';
import { AlertsWatcher } from '../notify/alerts-watcher.js';
import { FirstRunPanel } from '../views/connection/first-run.js';
import {
  AlertsView,
  AuditView,
  ConnectionView,
  DictionaryView,
  HistoryView,
  InsightsView,
  LazyView,
  ManagementView,
  QueueDetailView,
  ReplayView,
  ReportsView,
  UsersView,
  WallboardsView,
} from './lazy-views.js';
import { LiveOverview } from '../views/live-overview/live-overview.js';
import { WallboardPlayer } from '../views/wallboard/wallboard-player.js';
import { useRoute, type Route } from './router.js';
import { CacheNotice } from './cache-notice.js';
import { EscalationBanner } from './escalation-banner.js';
import { StaleBanner } from './stale-banner.js';
import { TopBar } from './top-bar.js';
import { useViewTitle } from './view-title.js';
import { useDesktopNavigation } from './desktop-navigation.js';
import { useT } from '../i18n/translate.js';

const t = useT('shell');

function CurrentView({ route }: { readonly route: Route }) {
  switch (route.view) {
    case 'overview':
      return (
        <>
          <FirstRunPanel />
          <LiveOverview />
        </>
      );
    case 'queue':
      return <QueueDetailView route={route} />;
    case 'dictionary':
      return <DictionaryView route={route} />;
    case 'history':
      return <HistoryView route={route} />;
    case 'insights':
      return <InsightsView route={route} />;
    case 'audit':
      return <AuditView />;
    case 'alerts':
      return <AlertsView />;
    case 'wallboards':
      return <WallboardsView />;
    case 'manage':
      return route.section === 'users' ? <UsersView /> : <ManagementView route={route} />;
    case 'wallboard':
      return <WallboardPlayer route={route} />;
    case 'connection':
      return <ConnectionView />;
    case 'replay':
      return <ReplayView />;
    case 'reports':
      return <ReportsView />;
    default:
      return assertNever(route, 'route');
  }
}

/** The whole console; a wallboard session (a TV) and the wallboard route get the board alone, full screen. */
export function App() {
  useDesktopNavigation();
  const route = useRoute();
  const role = useConsole((state) => (state.session.status === 'ready' ? state.session.info.role : null));
  // A wallboard device never reaches the connection; the console itself does, whatever its role.
  const device = useConsole((state) => state.session.status === 'ready' && state.session.info.userId.startsWith('device:'));
  const player = (role === 'wallboard' && !(route.view === 'connection' && !device)) || route.view === 'wallboard';
  useViewTitle(player ? null : route);
  // Focus moves without touching the URL fragment, which may still be read for the access token.
  const skipToMain = useCallback((event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  }, []);
  if (player) {
    return <WallboardPlayer route={route.view === 'wallboard' ? route : { view: 'wallboard', boardId: null }} />;
  }
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('skipToQueues')}
      </a>
      <AlertsWatcher />
      <TopBar />
      <EscalationBanner />
      <StaleBanner />
      <CacheNotice />
      <main id="main" className="main" tabIndex={-1}>
        <LazyView>
          <CurrentView route={route} />
        </LazyView>
      </main>
    </div>
  );
}

/** Shown instead of the console when a browser opened it without an access link. */
export function MissingTokenScreen() {
  return (
    <div className="app">
      <main id="main" className="main">
        <div className="state-message" role="alert">
          <h1 className="state-message__title">{t('needsAccessLink')}</h1>
          <div className="state-message__body">
            <p>{t('openWithLink')}</p>
            <p>{t('linkPerTab')}</p>
          </div>
        </div>
      </main>
    </div>
  );
}
