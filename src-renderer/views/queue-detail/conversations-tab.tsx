/** The conversations tab: the live table with its agent filter, and the current queue panel beside it. */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ConversationsMessage } from '../../../src-shared/api/live-insights.js';
import { useConsole } from '../../hooks/store-context.js';
import { useCan, useSubscription } from '../../hooks/use-api.js';
import { useCoreNow } from '../../hooks/use-core-now.js';
import { explainLinks } from '../../shell/explain-links.js';
import { navigate } from '../../shell/router.js';
import type { Route } from '../../shell/router.js';
import { coreNow } from '../../store/feed-slice.js';
import { ConversationsTable } from '../../components/conversations-table.js';
import { DEFAULT_CONVERSATION_SORT, agentLabel, initialConversationsState, reduceConversations, toggleSort, visibleColumns, visibleRows } from '../../components/conversations-model.js';
import type { ConversationColumn, SortState } from '../../components/conversations-model.js';
import { DetailState } from './detail-states.js';
import { QueuePanel } from './queue-panel.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

type QueueRoute = Extract<Route, { view: 'queue' }>;

function AgentFilterChip({ route, name }: { readonly route: QueueRoute; readonly name: string }) {
  return (
    <div className="filter-chips" role="group" aria-label={t('filters')}>
      <span className="filter-chip" data-testid="agent-filter-chip">
        {t('agent')}<strong>{name}</strong>
        <button type="button" className="filter-chip__clear" aria-label={t('clearTheAgentFilter', { name })} onClick={() => navigate({ ...route, agentId: null })} data-testid="agent-filter-clear">
          ×
        </button>
      </span>
    </div>
  );
}

/** The tab; keyed by target in its parent, so a new target starts from an empty table. */
export function ConversationsTab({ route, timeZoneOf, name }: { readonly route: QueueRoute; readonly timeZoneOf: (queueId: string) => string; readonly name: string }) {
  const [state, setState] = useState(initialConversationsState);
  const [sort, setSort] = useState<SortState>(DEFAULT_CONVERSATION_SORT);
  const offset = useConsole((store) => store.feed.clockOffsetMs);
  const offsetRef = useRef(offset);
  offsetRef.current = offset;
  const userId = useConsole((store) => (store.session.status === 'ready' ? store.session.info.userId : null));
  const canOpen = useCan('live.transcripts');
  const now = useCoreNow();

  const error = useSubscription({ topic: 'live.conversations', target: route.target }, (message: ConversationsMessage) => {
    const receivedAt = coreNow(Date.now(), offsetRef.current);
    setState((previous) => reduceConversations(previous, message, receivedAt));
  });

  const columns = visibleColumns(route.target.kind);
  // Only the ticking columns need the clock to sort; the others keep their order between ticks.
  const sortNow = sort.column === 'handleTime' || sort.column === 'timeWaiting' ? now : 0;
  const rows = useMemo(() => visibleRows(state.rows, sort, route.agentId, sortNow), [state.rows, sort, route.agentId, sortNow]);
  const onSort = useCallback((column: ConversationColumn) => setSort((previous) => toggleSort(previous, column)), []);
  const onOpen = useCallback((conversationId: string) => navigate({ ...route, conversationId }), [route]);
  const onFilterAgent = useCallback((agentId: string) => navigate({ ...route, agentId }), [route]);

  let body;
  if (!state.loaded && error !== null) {
    body = (
      <DetailState kind="error" title={t('theLiveConversationsCannot')} testId="conversations-error">
        <p>{error}</p>
      </DetailState>
    );
  } else if (!state.loaded) {
    body = <DetailState kind="loading" title={t('loadingTheLiveConversations')} testId="conversations-loading" />;
  } else if (rows.length === 0) {
    body =
      route.agentId === null ? (
        <DetailState kind="empty" title={t('noConversationIsWith')} testId="conversations-empty">
          <p>{t('conversationsAppearHereAs')}</p>
        </DetailState>
      ) : (
        <DetailState kind="empty" title={t('thisAgentHasNo')} testId="conversations-empty">
          <p>{t('clearTheAgentFilter2')}</p>
        </DetailState>
      );
  } else {
    body = (
      <ConversationsTable
        rows={rows}
        columns={columns}
        sort={sort}
        onSort={onSort}
        now={now}
        timeZoneOf={timeZoneOf}
        selectedId={route.conversationId}
        canOpen={canOpen}
        onOpen={onOpen}
        onFilterAgent={onFilterAgent}
        userId={userId}
        asOfSeq={state.asOfSeq}
        totalRows={state.rows.size}
      />
    );
  }

  return (
    <div className="conversations-tab" data-testid="conversations-tab" data-as-of-seq={state.asOfSeq ?? undefined}>
      <section className="conversations-tab__main" aria-labelledby="conversations-title">
        <div className="conversations-tab__toolbar">
          <h2 id="conversations-title" className="detail-section__title">
            {t('liveConversations')}{' '}
            {state.loaded ? (
              <span className="detail-count" data-testid="conversations-count">
                {route.agentId === null ? state.rows.size : t('lengthOfSize', { length: rows.length, size: state.rows.size })}
              </span>
            ) : null}
          </h2>
          {route.agentId === null ? null : <AgentFilterChip route={route} name={agentLabel(state.rows, route.agentId)} />}
        </div>
        {state.loaded && error !== null ? (
          <p className="detail-inline-error" role="alert">
            {t('updatesStopped')}{error}
          </p>
        ) : null}
        {body}
      </section>
      <QueuePanel panel={state.panel} scope={{ target: route.target, links: explainLinks(route.target), ...(route.target.kind === 'queue' ? { timeZone: timeZoneOf(route.target.queueId) } : {}) }} scopeName={name} />
    </div>
  );
}
