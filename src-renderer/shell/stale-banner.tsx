/**
 * The banner that says the numbers on screen may be out of date. It appears when the UI↔core
 * link is down or the feed is not live, and goes away by itself when live again. A console that
 * started offline says so and gives the age of its cache; live views add that nothing live is
 * shown and where the cached conversations are.
 */
import { memo } from 'react';
import { useConsole } from '../hooks/store-context.js';
import { useCan, useQuery } from '../hooks/use-api.js';
import { useCoreNow } from '../hooks/use-core-now.js';
import { dataAsOf, isStale } from '../store/freshness.js';
import { OfflineNote, feedNotice, liveWaitingNoteDue, neverConnected } from './offline-note.js';
import { useRoute } from './router.js';

/** Re-renders every second while shown, to keep the age in the sentence current. */
function StaleBannerBody() {
  const link = useConsole((state) => state.link.state);
  const linkEverOpened = useConsole((state) => state.link.everOpened);
  const status = useConsole((state) => state.feed.status);
  const asOfTime = useConsole((state) => state.overview.asOfTime);
  const overviewLoaded = useConsole((state) => state.overview.loaded);
  const queueCount = useConsole((state) => state.overview.order.length);
  const canOpenHistory = useCan('history.view');
  const route = useRoute();
  const offlineStart = neverConnected(link, status);
  // Only an offline start needs the cache's age: otherwise the feed's own last word is newer.
  const cache = useQuery<'history.cacheInfo'>(offlineStart && canOpenHistory ? { type: 'history.cacheInfo' } : null);
  const cachedAt = cache.status === 'ready' ? cache.value.lastEventAt : null;
  const coreNowMs = useCoreNow();
  const notice = feedNotice({ link, linkEverOpened, status, asOf: dataAsOf(status, asOfTime), coreNowMs, cachedAt });
  if (notice === null) return null;
  const waiting = link === 'open' && liveWaitingNoteDue(route.view, status, overviewLoaded, queueCount, offlineStart);
  return (
    <div className={`stale-banner stale-banner--${notice.tone}`} role="alert" data-testid="stale-banner" data-offline-start={offlineStart}>
      <span className="stale-banner__icon" aria-hidden="true" />
      <div className="stale-banner__text">
        <p className="stale-banner__headline">
          <strong>{notice.problem}</strong> — {/* The age changes every second; announcing it each time would drown the alert. */}
          <span aria-live="off">{notice.showing}</span>.{notice.next === null ? null : ` ${notice.next}`}
        </p>
        {notice.detail === null ? null : (
          <p className="stale-banner__detail" aria-live="off">
            {notice.detail}
          </p>
        )}
        {waiting ? <OfflineNote canOpenHistory={canOpenHistory} cachedTiles={overviewLoaded && queueCount > 0} /> : null}
      </div>
    </div>
  );
}

/** Decides whether a banner is due without ticking, so a live console does not re-render each second. */
export const StaleBanner = memo(function StaleBanner() {
  const due = useConsole((state) => isStale(state.link.state, state.link.everOpened, state.feed.status));
  return due ? <StaleBannerBody /> : null;
});
