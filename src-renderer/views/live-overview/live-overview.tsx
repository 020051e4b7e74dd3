/** The live overview: one tile per queue group and per shown queue, or why there is nothing to show yet. */
import { memo, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useCan } from '../../hooks/use-api.js';
import { useConsole } from '../../hooks/store-context.js';
import { isStale } from '../../store/freshness.js';
import { isGroupTileId, overviewCounts, visibleTileIds } from '../../store/overview-slice.js';
import { liveViewRefusal } from '../../store/session-slice.js';
import { ActionFeedback } from '../../components/action-feedback.js';
import { CustomizeDialog } from './customize-dialog.js';
import { GroupTileCard } from './group-tile-card.js';
import { QueueTileCard } from './queue-tile-card.js';
import { useLayout, type Layout } from './use-layout.js';
import { useQueueChoices } from '../../hooks/use-queue-choices.js';
import { useT } from '../../i18n/translate.js';

const t = useT('live-overview');

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
  const detail = link.state === 'open' ? t('waitingForTheFirst') : link.everOpened ? t('reconnectingToTheConsole') : t('openingTheConnectionTo');
  return (
    <StateMessage title={t('connectingToTheFloor')} busy>
      <p>{detail}</p>
    </StateMessage>
  );
}

function EmptyMessage() {
  const scoped = useConsole((state) => state.session.status === 'ready' && state.session.info.queueScope !== null);
  return (
    <StateMessage title={t('noQueuesToShow')}>
      <p>{t('theFeedHasNot')}</p>
      {scoped ? <p>{t('yourAccessIsLimited')}</p> : null}
    </StateMessage>
  );
}

function ErrorMessage({ reason }: { readonly reason: string }) {
  return (
    <StateMessage title={t('theLiveFloorCannot')}>
      <p>{reason}</p>
      <p>{t('askAnAdministratorTo')}</p>
    </StateMessage>
  );
}

const QueueGrid = memo(function QueueGrid({ order }: { readonly order: readonly string[] }) {
  return (
    <div className="queue-grid">
      {order.map((tileId) => (isGroupTileId(tileId) ? <GroupTileCard key={tileId} tileId={tileId} /> : <QueueTileCard key={tileId} queueId={tileId} />))}
    </div>
  );
});

function CustomizeLauncher({ layout }: { readonly layout: Layout }) {
  const [open, setOpen] = useState(false);
  const queues = useQueueChoices(open);
  const apply = async (hiddenQueueIds: readonly string[]): Promise<string | null> => {
    const result = await layout.save(hiddenQueueIds);
    return result.ok ? null : result.error;
  };
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="customize-open" aria-haspopup="dialog">
        {t('customize')}
      </button>
      {open ? <CustomizeDialog queues={queues} hiddenQueueIds={layout.hiddenQueueIds} layoutError={layout.error} onApply={apply} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function OverviewHeader({ layout }: { readonly layout: Layout }) {
  const order = useConsole((state) => state.overview.order);
  const canCustomize = useCan('layout.edit');
  const counts = overviewCounts(order, layout.hiddenQueueIds);
  return (
    <header className="live-admin overview-header">
      <h1 className="overview-header__title">{t('liveFloor')}</h1>
      <p className="overview-header__counts" data-testid="overview-counts">
        <span data-testid="overview-queue-count">
          <strong>{counts.queues}</strong> {t('queueWord', { count: counts.queues })}
        </span>
        {counts.hidden > 0 ? <span data-testid="overview-hidden-count"> · {counts.hidden}{t('hidden')}</span> : null}
        {counts.groups > 0 ? (
          <span data-testid="overview-group-count">
            {' '}
            · {t('groupCount', { count: counts.groups })}
          </span>
        ) : null}
      </p>
      <ActionFeedback feedback={layout.feedback} testId="layout-feedback" />
      {canCustomize ? <CustomizeLauncher layout={layout} /> : null}
    </header>
  );
}

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
  const layout = useLayout();
  const visible = useMemo(() => visibleTileIds(order, layout.hiddenQueueIds), [order, layout.hiddenQueueIds]);
  const reason = refusal ?? subscriptionError;
  const view: ViewState = reason !== null ? 'error' : !loaded ? 'loading' : order.length === 0 ? 'empty' : 'ready';
  return (
    <section className={stale ? 'overview is-stale' : 'overview'} data-testid="overview" data-state={view} data-stale={stale} data-as-of-seq={asOfSeq ?? undefined} aria-label={t('liveOverview')}>
      {view === 'error' && reason !== null ? <ErrorMessage reason={reason} /> : null}
      {view === 'loading' ? <LoadingMessage /> : null}
      {view === 'empty' ? <EmptyMessage /> : null}
      {view === 'ready' ? <OverviewHeader layout={layout} /> : null}
      {view === 'ready' && visible.length === 0 ? (
        <StateMessage title={t('everyQueueIsHidden')}>
          <p>{t('useCustomizeToChoose')}</p>
        </StateMessage>
      ) : null}
      {view === 'ready' ? <QueueGrid order={visible} /> : null}
    </section>
  );
}
