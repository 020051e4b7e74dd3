/** The live overview: one tile per queue, or why there is nothing to show yet. */
import { memo } from 'react';
import type { ReactNode } from 'react';
import { useConsole } from '../../hooks/store-context.js';
import { isStale } from '../../store/freshness.js';
import { liveViewRefusal } from '../../store/session-slice.js';
import { QueueTileCard } from './queue-tile-card.js';

type ViewState = 'error' | 'loading' | 'empty' | 'ready';

function StateMessage({ title, children, busy = false }: { readonly title: string; readonly children?: ReactNode; readonly busy?: boolean }) {
  return (
    <div className="state-message" role="status" aria-busy={busy}>
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      <h1 className="state-message__title">{title}</h1>
      {children === undefined ? null : <div className="state-message__body">{children}</div>}
    </div>
  );
}

function LoadingMessage() {
  const link = useConsole((state) => state.link);
  const detail = link.state === 'open' ? 'Waiting for the first picture of the floor.' : link.everOpened ? 'Reconnecting to the console…' : 'Opening the connection to the console…';
  return (
    <StateMessage title="Connecting to the floor…" busy>
      <p>{detail}</p>
    </StateMessage>
  );
}

function EmptyMessage() {
  const scoped = useConsole((state) => state.session.status === 'ready' && state.session.info.queueScope !== null);
  return (
    <StateMessage title="No queues to show">
      <p>The feed has not reported any queue yet. Queues appear here as soon as the contact center announces them.</p>
      {scoped ? <p>Your access is limited to some queues; none of them is currently reported by the feed.</p> : null}
    </StateMessage>
  );
}

function ErrorMessage({ reason }: { readonly reason: string }) {
  return (
    <StateMessage title="The live floor cannot be shown">
      <p>{reason}</p>
      <p>Ask an administrator to check your role and queue access.</p>
    </StateMessage>
  );
}

const QueueGrid = memo(function QueueGrid({ order }: { readonly order: readonly string[] }) {
  return (
    <div className="queue-grid">
      {order.map((queueId) => (
        <QueueTileCard key={queueId} queueId={queueId} />
      ))}
    </div>
  );
});

/**
 * The overview. Its container carries `data-as-of-seq`, written in the same commit as the tiles,
 * so "event reached the screen" is observable from outside.
 */
export function LiveOverview() {
  const refusal = useConsole((state) => liveViewRefusal(state.session));
  const subscriptionError = useConsole((state) => (state.overview.loaded ? null : state.overview.error));
  const loaded = useConsole((state) => state.overview.loaded);
  const order = useConsole((state) => state.overview.order);
  const asOfSeq = useConsole((state) => state.overview.asOfSeq);
  const stale = useConsole((state) => isStale(state.link.state, state.link.everOpened, state.feed.status));
  const reason = refusal ?? subscriptionError;
  const view: ViewState = reason !== null ? 'error' : !loaded ? 'loading' : order.length === 0 ? 'empty' : 'ready';
  return (
    <section className={stale ? 'overview is-stale' : 'overview'} data-testid="overview" data-state={view} data-stale={stale} data-as-of-seq={asOfSeq ?? undefined} aria-label="Live overview">
      {view === 'error' && reason !== null ? <ErrorMessage reason={reason} /> : null}
      {view === 'loading' ? <LoadingMessage /> : null}
      {view === 'empty' ? <EmptyMessage /> : null}
      {view === 'ready' ? <QueueGrid order={order} /> : null}
    </section>
  );
}
