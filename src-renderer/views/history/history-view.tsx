/**
 * The Conversation Manager: search and filter the local cache, read a cached transcript, add
 * notes, download conversations. It works the same with the feed gone, since everything here
 * comes from the cache, and it says how old that cache is.
 */
import { useConsole } from '../../hooks/store-context.js';
import { useCan } from '../../hooks/use-api.js';
import type { Route } from '../../shell/router.js';
import { Workspace } from './workspace.js';
import { useT } from '../../i18n/translate.js';

const t = useT('history');

function Denied() {
  return (
    <div className="state-message" role="alert">
      <h1 className="state-message__title">{t('conversationsAreNotAvailable')}</h1>
      <div className="state-message__body">
        <p>{t('askAnAdministratorFor')}</p>
      </div>
    </div>
  );
}

/** The view, for the history route; `conversationId` opens that transcript over the results. */
export function HistoryView({ route }: { readonly route: Extract<Route, { view: 'history' }> }) {
  const session = useConsole((state) => state.session.status);
  const allowed = useCan('history.view');
  return (
    <section className="view history" aria-labelledby="view-title" data-testid="history-view">
      {session === 'ready' && !allowed ? <Denied /> : null}
      {session === 'loading' ? (
        <div className="state-message" role="status" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          <h1 id="view-title" className="state-message__title">
            {t('openingConversations')}
          </h1>
        </div>
      ) : null}
      {session === 'error' ? (
        <div className="state-message" role="alert">
          <h1 id="view-title" className="state-message__title">
            {t('conversationsCannotBeShown')}
          </h1>
        </div>
      ) : null}
      {session === 'ready' && allowed ? <Workspace route={route} /> : null}
    </section>
  );
}
