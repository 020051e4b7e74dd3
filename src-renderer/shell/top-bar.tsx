/** The bar above every view: product, navigation, feed state, data age, queue count, who is signed in. */
import { memo, useEffect, useRef } from 'react';
import { useT } from '../i18n/translate.js';
import type { Capability } from '../../src-shared/permissions.js';
import { useConsole } from '../hooks/store-context.js';
import { useCoreNow } from '../hooks/use-core-now.js';
import { describeFeedHealth } from '../format/feed-health.js';
import { ROLE_LABELS } from '../format/metric-format.js';
import { overviewCounts } from '../store/overview-slice.js';
import { openCountOf, useAlerts } from '../notify/alerts-store.js';
import { ConsoleLinkControl } from './console-link.js';
import { ThemeSelect } from './theme-select.js';
import { formatRoute, useRoute, type Route, type ViewId } from './router.js';
import { connectionDisplay, connectionLabelText, dataAsOf, formatClockTime, queueCountText, topBarAge } from '../store/freshness.js';

const t = useT('shell');

function ConnectionState() {
  const link = useConsole((state) => state.link.state);
  const everOpened = useConsole((state) => state.link.everOpened);
  const status = useConsole((state) => state.feed.status);
  const display = connectionDisplay(link, everOpened, status);
  const feed = status?.feed ?? 'unknown';
  return (
    <span className={`status-pill status-pill--${display.tone}`} title={t('feedTitle', { feed })}>
      <span className="status-pill__dot" aria-hidden="true" />
      <span data-testid="connection-state">{connectionLabelText(display.label)}</span>
    </span>
  );
}

/** The only part of the bar that re-renders every second. */
function DataAge() {
  const status = useConsole((state) => state.feed.status);
  const asOfTime = useConsole((state) => state.overview.asOfTime);
  const now = useCoreNow();
  const asOf = dataAsOf(status, asOfTime);
  const title = asOf === null ? t('noDataYet') : t('dataCurrentAsOf', { time: formatClockTime(asOf, now) });
  return (
    <span className="top-bar__age" title={title} data-testid="data-age">
      {topBarAge(status, asOf, now)}
    </span>
  );
}

/** Shown only when the feed sent something the console had to skip. */
function FeedHealthNote() {
  const counters = useConsole((state) => state.feed.status?.counters);
  const health = counters === undefined ? null : describeFeedHealth(counters);
  if (health === null) return null;
  const title = `${t('skippedSinceStart')}\n${health.lines.join('\n')}`;
  return (
    <span className="top-bar__item top-bar__health" title={title} data-testid="feed-health">
      {health.total === 0 ? t('gapsReplayed') : t('skipped', { count: health.total })}
      <span className="visually-hidden">{` (${health.lines.join('; ')})`}</span>
    </span>
  );
}

const NO_HIDDEN: ReadonlySet<string> = new Set();

function QueueCount() {
  const loaded = useConsole((state) => state.overview.loaded);
  // Group tiles share the overview's list; the bar counts queues only.
  const count = useConsole((state) => overviewCounts(state.overview.order, NO_HIDDEN).queues);
  const status = useConsole((state) => state.feed.status);
  const text = queueCountText(loaded, count, status);
  if (text === null) return null;
  return (
    <span className="top-bar__item" data-testid="queue-count">
      {text.number === null ? null : <strong className="top-bar__number">{text.number}</strong>} {text.words}
    </span>
  );
}

function SessionBadge() {
  const session = useConsole((state) => state.session);
  if (session.status !== 'ready') return null;
  const { displayName, role } = session.info;
  return (
    <span className="top-bar__user" title={t('signedInAs', { name: displayName })}>
      <span className="top-bar__user-name">{displayName}</span>
      <span className="role-badge" data-testid="role">
        {ROLE_LABELS[role] ?? role}
      </span>
    </span>
  );
}

type NavLabelKey = 'navLive' | 'navReplay' | 'navConversations' | 'navInsights' | 'navWallboards' | 'navManage' | 'navDictionary' | 'navAudit' | 'navConnection' | 'navReports';

const NAV_ITEMS: readonly { readonly labelKey: NavLabelKey; readonly route: Route; readonly views: readonly ViewId[]; readonly capability: Capability }[] = [
  { labelKey: 'navLive', route: { view: 'overview' }, views: ['overview', 'queue'], capability: 'live.view' },
  { labelKey: 'navReplay', route: { view: 'replay' }, views: ['replay'], capability: 'live.view' },
  { labelKey: 'navConversations', route: { view: 'history', conversationId: null }, views: ['history'], capability: 'history.view' },
  { labelKey: 'navInsights', route: { view: 'insights', dashboardId: null, params: '' }, views: ['insights'], capability: 'insights.view' },
  { labelKey: 'navManage', route: { view: 'manage', section: 'hours', queueId: null }, views: ['manage'], capability: 'live.view' },
];

type NavItem = (typeof NAV_ITEMS)[number];

/** Views opened now and then: under "More", so the bar stays on one line at 1440 px. */
const MORE_ITEMS: readonly NavItem[] = [
  // Boards are set up once and then shown on TVs: an occasional visit, under "More" since Insights joined the bar.
  { labelKey: 'navWallboards', route: { view: 'wallboards' }, views: ['wallboards'], capability: 'wallboard.manage' },
  { labelKey: 'navDictionary', route: { view: 'dictionary', metricId: null }, views: ['dictionary'], capability: 'live.view' },
  { labelKey: 'navReports', route: { view: 'reports' }, views: ['reports'], capability: 'reports.schedule' },
  { labelKey: 'navAudit', route: { view: 'audit' }, views: ['audit'], capability: 'diagnostics.view' },
  // Every role at the console may change its connection (a device never sees this bar).
  { labelKey: 'navConnection', route: { view: 'connection' }, views: ['connection'], capability: 'live.tiles' },
];

/** The alert centre's entry, with how many alerts need someone now. */
function AlertsLink({ current }: { readonly current: boolean }) {
  const { message } = useAlerts();
  const count = openCountOf(message);
  return (
    <a className="nav-link" aria-current={current ? 'page' : undefined} href="#/alerts" data-testid="nav-alerts">
      {t('navAlerts')}
      {count > 0 ? (
        <span className="nav-link__count" data-testid="alerts-open-count">
          {count}
          <span className="visually-hidden">{t('openSuffix')}</span>
        </span>
      ) : null}
    </a>
  );
}

/** The views this role may open; the current one is marked for screen readers and styled. */
function NavLinks() {
  const route = useRoute();
  const capabilities = useConsole((state) => (state.session.status === 'ready' ? state.session.info.capabilities : null));
  return (
    <nav className="top-bar__nav" aria-label={t('navLabel')}>
      {NAV_ITEMS.filter((item) => capabilities?.includes(item.capability)).map((item) => (
        <a key={item.labelKey} className="nav-link" aria-current={item.views.includes(route.view) ? 'page' : undefined} href={formatRoute(item.route)}>
          {t(item.labelKey)}
        </a>
      ))}
      {capabilities?.includes('alerts.view') ? <AlertsLink current={route.view === 'alerts'} /> : null}
    </nav>
  );
}

/**
 * "More": the views opened now and then, and this device's theme, in a native disclosure
 * (keyboard and screen readers get it for free); it closes on Escape and on leaving the view.
 */
function MoreMenu() {
  const route = useRoute();
  const capabilities = useConsole((state) => (state.session.status === 'ready' ? state.session.info.capabilities : null));
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current !== null) details.current.open = false;
  }, [route]);
  const items = MORE_ITEMS.filter((item) => capabilities?.includes(item.capability));
  const current = items.some((item) => item.views.includes(route.view));
  return (
    <details
      ref={details}
      className="top-bar__more"
      data-testid="nav-more"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || details.current === null || !details.current.open) return;
        details.current.open = false;
        details.current.querySelector('summary')?.focus();
      }}
    >
      <summary className={`nav-link top-bar__more-summary${current ? ' top-bar__more-summary--current' : ''}`}>{t('navMore')}</summary>
      <div className="top-bar__more-panel">
        <nav aria-label={t('navMoreLabel')} className="top-bar__more-nav">
          {items.map((item) => (
            <a key={item.labelKey} className="nav-link" aria-current={item.views.includes(route.view) ? 'page' : undefined} href={formatRoute(item.route)}>
              {t(item.labelKey)}
            </a>
          ))}
        </nav>
        <ThemeSelect />
      </div>
    </details>
  );
}

/** The top bar. Each part selects only what it shows, so a tick or a diff re-renders one part. */
export const TopBar = memo(function TopBar() {
  return (
    <header className="top-bar">
      <div className="top-bar__brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('brand')}</span>
      </div>
      <NavLinks />
      <MoreMenu />
      <div className="top-bar__status" role="group" aria-label={t('feedStatusLabel')}>
        <ConnectionState />
        <DataAge />
        <FeedHealthNote />
        <QueueCount />
      </div>
      <SessionBadge />
      <ConsoleLinkControl />
    </header>
  );
});
