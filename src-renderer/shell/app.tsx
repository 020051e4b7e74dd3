/** The application frame: skip link, top bar, stale-data banner, and the current view. */
import { useCallback } from 'react';
import type { MouseEvent } from 'react';
import { assertNever } from '../../src-shared/result.js';
import { LiveOverview } from '../views/live-overview/live-overview.js';
import { StaleBanner } from './stale-banner.js';
import { TopBar } from './top-bar.js';

/** The views the frame can show; the live overview is the only one so far. */
export type ViewId = 'live-overview';

function CurrentView({ view }: { readonly view: ViewId }) {
  switch (view) {
    case 'live-overview':
      return <LiveOverview />;
    default:
      return assertNever(view, 'view');
  }
}

/** The whole console. */
export function App() {
  // Focus moves without touching the URL fragment, which may still be read for the access token.
  const skipToMain = useCallback((event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  }, []);
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to the queues
      </a>
      <TopBar />
      <StaleBanner />
      <main id="main" className="main" tabIndex={-1}>
        <CurrentView view="live-overview" />
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
          <h1 className="state-message__title">This console needs an access link</h1>
          <div className="state-message__body">
            <p>Open Floorwatch with the link the console host prints when it starts (it ends with “#token=…”).</p>
            <p>The link is remembered for this tab only; opening a new tab needs the link again.</p>
          </div>
        </div>
      </main>
    </div>
  );
}
