/**
 * The Conversation Manager's workspace: the search form, saved searches, the results and the
 * download dialog. Its state is one reducer (workspace-state.ts); this component runs the queries
 * and dispatches what they answer.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { HistorySortColumn } from '../../../src-shared/api/history.js';
import { useClient } from '../../hooks/client-context.js';
import { useConsole } from '../../hooks/store-context.js';
import { useCan, useQuery } from '../../hooks/use-api.js';
import { navigate, type Route } from '../../shell/router.js';
import { CachedTranscript } from './cached-transcript.js';
import { ExportDialog } from './export-dialog.js';
import { HistoryHeader } from './history-header.js';
import { DEFAULT_SORT, buildSearch, cacheInfoRefreshMs, chipNames, chipsOf, emptyForm, formFromSearch, nextSort, removeChip, type HistoryForm, type HistorySort } from './history-model.js';
import { ResultsArea, ResultsBar } from './results-bar.js';
import { ResultsTable } from './results-table.js';
import { SavedSearches } from './saved-searches.js';
import { SearchForm } from './search-form.js';
import { PAGE_SIZE, initialWorkspace, selectedCount, selectionTarget, workspaceReducer } from './workspace-state.js';
import { supportedTimeZones, systemTimeZone } from '../../format/locale.js';
import { useT } from '../../i18n/translate.js';

const t = useT('history');

function browserTimeZone(): string {
  return systemTimeZone();
}

function allTimeZones(first: readonly string[]): readonly string[] {
  return [...new Set([...first, 'UTC', ...supportedTimeZones()])];
}

/** The workspace for a user who may view history; `route.conversationId` opens that transcript over the results. */
export function Workspace({ route }: { readonly route: Extract<Route, { view: 'history' }> }) {
  const client = useClient();
  const canExport = useCan('history.export');
  const [zone] = useState(() => route.drill?.timeZone ?? browserTimeZone());
  // A drill-down link (from Insights) opens on its search instead of the empty form.
  const [state, dispatch] = useReducer(workspaceReducer, zone, (timeZone) => {
    const initial = initialWorkspace(timeZone);
    return route.drill === undefined ? initial : { ...initial, draft: formFromSearch({ filters: route.drill.filters, sort: DEFAULT_SORT }, timeZone) };
  });
  const { draft, applied, sort, results, searching, loadingMore, error, selected, allSelected, activeIndex, exportTarget, cacheOverride } = state;
  const generation = useRef(0);
  const resultsBodyFocus = useRef(false);

  const options = useQuery<'history.filterOptions'>({ type: 'history.filterOptions' });
  const cache = useQuery<'history.cacheInfo'>({ type: 'history.cacheInfo' });
  const reloadCache = cache.reload;
  const backfillState = useConsole((console) => console.feed.status?.backfill.state ?? null);
  const refreshMs = cacheInfoRefreshMs(backfillState === 'running');
  useEffect(() => {
    const timer = setInterval(reloadCache, refreshMs);
    return () => clearInterval(timer);
  }, [reloadCache, refreshMs]);
  // A finished backfill changes what the cache holds at once.
  useEffect(() => reloadCache(), [backfillState, reloadCache]);

  const filterOptions = options.status === 'ready' ? options.value : null;
  const names = useMemo(() => chipNames(filterOptions), [filterOptions]);
  const queueZones = useMemo(() => new Map((filterOptions?.queues ?? []).map((queue) => [queue.queueId, queue.timeZone])), [filterOptions]);
  const timeZones = useMemo(() => allTimeZones([zone, ...new Set(queueZones.values())]), [zone, queueZones]);
  const cacheInfo = cacheOverride ?? (cache.status === 'ready' ? cache.value : null);

  const run = useCallback(
    async (form: HistoryForm, nextSortOrder: HistorySort): Promise<void> => {
      const built = buildSearch(form, nextSortOrder);
      if (!built.ok) {
        dispatch({ type: 'searchRefused', error: built.error });
        return;
      }
      generation.current += 1;
      const mine = generation.current;
      dispatch({ type: 'searchStarted', generation: mine });
      // The page first: a filter-only count may walk the whole cache, so it follows on its own (ADR 0057).
      const result = await client.query({ type: 'history.search', search: built.value, offset: 0, limit: PAGE_SIZE, count: 'later' });
      if (!result.ok && result.code === 'superseded') dispatch({ type: 'searchSuperseded', generation: mine });
      else dispatch(result.ok ? { type: 'searchAnswered', generation: mine, form, search: built.value, sort: nextSortOrder, page: result.value } : { type: 'searchFailed', generation: mine, error: result.error });
      if (!result.ok || result.value.countPending !== true) return;
      const counted = await client.query({ type: 'history.search', search: built.value, offset: 0, limit: PAGE_SIZE, count: 'only' });
      // A count stopped by a newer search belongs to a search no longer shown: the reducer drops it by generation.
      dispatch({ type: 'countAnswered', generation: mine, count: counted.ok ? { total: counted.value.total, capped: counted.value.totalCapped } : null });
    },
    [client],
  );

  const initial = useRef(draft);
  useEffect(() => {
    void run(initial.current, DEFAULT_SORT);
  }, [run]);

  const loadMore = async (): Promise<void> => {
    if (applied === null || results === null || loadingMore) return;
    const mine = generation.current;
    dispatch({ type: 'moreStarted' });
    const result = await client.query({ type: 'history.search', search: applied.search, offset: results.rows.length, limit: PAGE_SIZE });
    if (!result.ok && result.code === 'superseded') dispatch({ type: 'searchSuperseded', generation: mine });
    else dispatch(result.ok ? { type: 'moreAnswered', generation: mine, page: result.value } : { type: 'moreFailed', generation: mine, error: result.error });
  };

  const change = (form: HistoryForm, apply: boolean): void => {
    dispatch({ type: 'draftChanged', form });
    if (apply) void run(form, sort);
  };

  const open = (conversationId: string): void => {
    resultsBodyFocus.current = true;
    navigate({ view: 'history', conversationId });
  };
  const close = useCallback((): void => navigate({ view: 'history', conversationId: null }), []);

  useEffect(() => {
    if (route.conversationId === null && resultsBodyFocus.current) {
      resultsBodyFocus.current = false;
      document.querySelector<HTMLElement>('[data-testid="history-results"]')?.focus();
    }
  }, [route.conversationId]);

  const chips = applied === null ? [] : chipsOf(applied.form, names);
  const transcriptOpen = route.conversationId !== null;

  return (
    <>
      <HistoryHeader cacheInfo={cacheInfo} cacheError={cache.status === 'error' ? cache.error : null} timeZone={draft.timeZone} onCacheInfo={(info) => dispatch({ type: 'cacheInfoReceived', info })} />
      {transcriptOpen && route.conversationId !== null ? (
        <CachedTranscript
          conversationId={route.conversationId}
          queueZones={queueZones}
          fallbackZone={draft.timeZone}
          canExport={canExport}
          onClose={close}
          onDownload={(conversationId) => dispatch({ type: 'exportOpened', target: { kind: 'conversations', conversationIds: [conversationId] } })}
        />
      ) : null}
      <div className="history-workspace" hidden={transcriptOpen}>
        <div className="history-workspace__main">
          <SearchForm
            form={draft}
            options={filterOptions}
            timeZones={timeZones}
            chips={chips}
            error={error}
            busy={searching}
            onChange={change}
            onSubmit={() => void run(draft, sort)}
            onRemoveChip={(key) => change(removeChip(draft, key), true)}
            onClearAll={() => change(emptyForm(draft.timeZone), true)}
          />
          <SavedSearches
            current={applied?.search ?? null}
            onApply={(search) => {
              const form = formFromSearch(search, draft.timeZone);
              dispatch({ type: 'draftChanged', form });
              void run(form, search.sort);
            }}
          />
          {options.status === 'error' ? <p className="history-muted">{t('filterListsAreUnavailable')}{options.error}</p> : null}
          <ResultsBar
            results={results}
            searching={searching}
            canExport={canExport}
            selectedCount={selectedCount(state)}
            pickedCount={selected.size}
            allSelected={allSelected}
            searchApplied={applied !== null}
            onDownloadSelected={() => dispatch({ type: 'exportOpened', target: selectionTarget(state) })}
            onDownloadAll={() => applied !== null && results !== null && dispatch({ type: 'exportOpened', target: { kind: 'search', search: applied.search, total: results.total, capped: results.capped } })}
          />
          <ResultsArea results={results} error={error} filtered={chips.length > 0}>
            {results === null ? null : (
              <ResultsTable
                rows={results.rows}
                sort={sort}
                timeZone={draft.timeZone}
                selected={selected}
                allSelected={allSelected}
                selectable={canExport}
                activeIndex={activeIndex}
                hasMore={!results.complete}
                loadingMore={loadingMore}
                onSort={(column: HistorySortColumn) => applied !== null && void run(applied.form, nextSort(sort, column))}
                onToggle={(conversationId) => dispatch({ type: 'rowToggled', conversationId })}
                onToggleAll={() => dispatch({ type: 'allToggled' })}
                onActiveChange={(index) => dispatch({ type: 'activeChanged', index })}
                onOpen={open}
                onLoadMore={() => void loadMore()}
              />
            )}
          </ResultsArea>
          <p className="history-muted history-zone-note">{t('timesIn')}{draft.timeZone}{t('aTranscriptShowsIts')}</p>
        </div>
      </div>
      {exportTarget === null ? null : <ExportDialog target={exportTarget} onClose={() => dispatch({ type: 'exportClosed' })} />}
    </>
  );
}
