/**
 * The banner that says the numbers on screen may be out of date. It appears when the UI↔core
 * link is down or the feed is not live, and goes away by itself when live again.
 */
import { memo } from 'react';
import { useConsole } from '../hooks/store-context.js';
import { useCoreNow } from '../hooks/use-core-now.js';
import { dataAsOf, isStale, staleNotice } from '../store/freshness.js';

/** Re-renders every second while shown, to keep the age in the sentence current. */
function StaleBannerBody() {
  const link = useConsole((state) => state.link.state);
  const linkEverOpened = useConsole((state) => state.link.everOpened);
  const status = useConsole((state) => state.feed.status);
  const asOfTime = useConsole((state) => state.overview.asOfTime);
  const coreNowMs = useCoreNow();
  const notice = staleNotice({ link, linkEverOpened, status, asOf: dataAsOf(status, asOfTime), coreNowMs });
  if (notice === null) return null;
  return (
    <div className={`stale-banner stale-banner--${notice.tone}`} role="alert" data-testid="stale-banner">
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
      </div>
    </div>
  );
}

/** Decides whether a banner is due without ticking, so a live console does not re-render each second. */
export const StaleBanner = memo(function StaleBanner() {
  const due = useConsole((state) => isStale(state.link.state, state.link.everOpened, state.feed.status));
  return due ? <StaleBannerBody /> : null;
});
