/**
 * The Conversation Manager: search and filter the local cache, read a cached transcript, add
 * notes, download conversations. It works the same with the feed gone, since everything here
 * comes from the cache, and it says how old that cache is.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CacheInfo, HistoryRow, HistorySearch, HistorySortColumn } from '../../../src-shared/api/history.js';
import { useClient } from '../../hooks/client-context.js';
import { useConsole } from '../../hooks/store-context.js';
import { useCan, useQuery } from '../../hooks/use-api.js';
import { navigate, type Route } from '../../shell/router.js';
import { CachedTranscript } from './cached-transcript.js';
import { ExportDialog, type ExportTarget } from './export-dialog.js';
import { HistoryHeader } from './history-header.js';
import {
  DEFAULT_SORT,
  buildSearch,
  chipNames,
  chipsOf,
  emptyForm,
  formFromSearch,
  formatCount,
  formatNumber,
  nextSort,
  removeChip,
  type HistoryForm,
  type HistorySort,
} from './history-model.js';
import { ResultsTable } from './results-table.js';
import { SavedSearches } from './saved-searches.js';
import { SearchForm } from './search-form.js';

const PAGE_SIZE = 100;
/** Hand-picked downloads are sent as ids; the contract takes at most this many. */
const MAX_PICKED = 10_000;
const CACHE_INFO_REFRESH_MS = 30_000;

interface Results {
  readonly rows: readonly HistoryRow[];
  readonly total: number;
  readonly capped: boolean;
  /** The last page came back short: there is nothing more to load, whatever the count says. */
  readonly complete: boolean;
}

interface Applied {
  readonly form: HistoryForm;
  readonly search: HistorySearch;
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function allTimeZones(first: readonly string[]): readonly string[] {
  let known: readonly string[] = [];
  try {
    known = Intl.supportedValuesOf('timeZone');
  } catch {
    known = [];
  }
  return [...new Set([...first, 'UTC', ...known])];
}

function Denied() {
  return (
    <div className="state-message" role="alert">
      <h1 className="state-message__title">Conversations are not available to your role</h1>
      <div className="state-message__body">
        <p>Ask an administrator for access to historical conversations.</p>
      </div>
    </div>
  );
}

function Workspace({ route }: { readonly route: Extract<Route, { view: 'history' }> }) {
  const client = useClient();
  const canExport = useCan('history.export');
  const [zone] = useState(browserTimeZone);
  const [draft, setDraft] = useState<HistoryForm>(() => emptyForm(zone));
  const [applied, setApplied] = useState<Applied | null>(null);
  const [sort, setSort] = useState<HistorySort>(DEFAULT_SORT);
  const [results, setResults] = useState<Results | null>(null);
  const [searching, setSearching] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [allSelected, setAllSelected] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [exportTarget, setExportTarget] = useState<ExportTarget | null>(null);
  const [cacheOverride, setCacheOverride] = useState<CacheInfo | null>(null);
  const generation = useRef(0);
  const resultsBodyFocus = useRef(false);

  const options = useQuery<'history.filterOptions'>({ type: 'history.filterOptions' });
  const cache = useQuery<'history.cacheInfo'>({ type: 'history.cacheInfo' });
  const reloadCache = cache.reload;
  const backfillState = useConsole((state) => state.feed.status?.backfill.state ?? null);
  useEffect(() => {
    const timer = setInterval(reloadCache, CACHE_INFO_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reloadCache]);
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
        setError(built.error);
        return;
      }
      generation.current += 1;
      const mine = generation.current;
      setSearching(true);
      const result = await client.query({ type: 'history.search', search: built.value, offset: 0, limit: PAGE_SIZE });
      if (mine !== generation.current) return;
      setSearching(false);
      if (!result.ok) {
        // The previous results stay: a typo in the query must not blank the screen.
        setError(result.error);
        return;
      }
      setError(null);
      setApplied({ form, search: built.value });
      setSort(nextSortOrder);
      setResults({ rows: result.value.rows, total: result.value.total, capped: result.value.totalCapped, complete: result.value.rows.length < PAGE_SIZE });
      setSelected(new Set());
      setAllSelected(false);
      setActiveIndex(result.value.rows.length > 0 ? 0 : -1);
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
    setLoadingMore(true);
    const result = await client.query({ type: 'history.search', search: applied.search, offset: results.rows.length, limit: PAGE_SIZE });
    setLoadingMore(false);
    if (mine !== generation.current) return;
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const known = new Set(results.rows.map((row) => row.conversationId));
    setResults({
      rows: [...results.rows, ...result.value.rows.filter((row) => !known.has(row.conversationId))],
      total: result.value.total,
      capped: result.value.totalCapped,
      complete: result.value.rows.length < PAGE_SIZE,
    });
  };

  const change = (form: HistoryForm, apply: boolean): void => {
    setDraft(form);
    if (apply) void run(form, sort);
  };

  const toggle = (conversationId: string): void => {
    if (allSelected && results !== null) {
      // Leaving "all" keeps every loaded row but the one unticked.
      setAllSelected(false);
      setSelected(new Set(results.rows.map((row) => row.conversationId).filter((id) => id !== conversationId)));
      return;
    }
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(conversationId)) next.delete(conversationId);
      else next.add(conversationId);
      return next;
    });
  };

  const open = (conversationId: string): void => {
    resultsBodyFocus.current = true;
    navigate({ view: 'history', conversationId });
  };
  const close = useCallback((): void => navigate({ view: 'history', conversationId: null }), []);

  useEffect(() => {
    if (route.conversationId === null && resultsBodyFocus.current) {
      resultsBodyFocus.current = false;
      document.querySelector<HTMLElement>('[data-testid="history-results-body"]')?.focus();
    }
  }, [route.conversationId]);

  const chips = applied === null ? [] : chipsOf(applied.form, names);
  const selectedCount = allSelected ? (results?.total ?? 0) : selected.size;
  const transcriptOpen = route.conversationId !== null;

  return (
    <>
      <HistoryHeader cacheInfo={cacheInfo} cacheError={cache.status === 'error' ? cache.error : null} timeZone={draft.timeZone} onCacheInfo={setCacheOverride} />
      {transcriptOpen && route.conversationId !== null ? (
        <CachedTranscript
          conversationId={route.conversationId}
          queueZones={queueZones}
          fallbackZone={draft.timeZone}
          canExport={canExport}
          onClose={close}
          onDownload={(conversationId) => setExportTarget({ kind: 'conversations', conversationIds: [conversationId] })}
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
              setDraft(form);
              void run(form, search.sort);
            }}
          />
          {options.status === 'error' ? <p className="history-muted">Filter lists are unavailable: {options.error}</p> : null}
          <div className="history-results-bar">
            <p className="history-count" aria-live="polite" data-testid="history-count" data-total={results?.total ?? ''}>
              {results === null ? (searching ? 'Searching…' : '') : formatCount(results.total, results.capped)}
              {searching && results !== null ? <span className="history-muted"> · updating…</span> : null}
            </p>
            {canExport && results !== null && results.total > 0 ? (
              <div className="history-results-bar__actions">
                <span className="history-muted" data-testid="history-selected-count">
                  {selectedCount === 0 ? 'Tick rows to download them' : `${formatNumber(selectedCount)}${allSelected && results.capped ? '+' : ''} selected`}
                </span>
                <button
                  type="button"
                  className="button"
                  data-testid="history-download-selected"
                  disabled={selectedCount === 0 || (!allSelected && selected.size > MAX_PICKED)}
                  onClick={() =>
                    setExportTarget(
                      allSelected && applied !== null
                        ? { kind: 'search', search: applied.search, total: results.total, capped: results.capped }
                        : { kind: 'conversations', conversationIds: [...selected] },
                    )
                  }
                >
                  Download selected
                </button>
                <button
                  type="button"
                  className="button button--primary"
                  data-testid="history-download-all"
                  disabled={applied === null}
                  onClick={() => applied !== null && setExportTarget({ kind: 'search', search: applied.search, total: results.total, capped: results.capped })}
                >
                  Download all results
                </button>
              </div>
            ) : null}
          </div>
          {results === null ? (
            error === null ? (
              <div className="state-message" role="status" aria-busy="true">
                <span className="spinner" aria-hidden="true" />
                <h2 className="state-message__title">Searching the cache…</h2>
              </div>
            ) : (
              <div className="state-message" role="alert" data-testid="history-unavailable">
                <h2 className="state-message__title">The cache cannot be searched</h2>
                <div className="state-message__body">
                  <p>{error}</p>
                </div>
              </div>
            )
          ) : results.rows.length === 0 ? (
            <div className="state-message" role="status" data-testid="history-empty">
              <h2 className="state-message__title">No conversations match</h2>
              <div className="state-message__body">
                <p>{chips.length > 0 ? 'Remove a filter above, or widen the dates.' : 'The cache is empty: conversations appear here once the feed has sent some.'}</p>
              </div>
            </div>
          ) : (
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
              onToggle={toggle}
              onToggleAll={() => {
                setAllSelected((value) => !value);
                setSelected(new Set());
              }}
              onActiveChange={setActiveIndex}
              onOpen={open}
              onLoadMore={() => void loadMore()}
            />
          )}
          <p className="history-muted history-zone-note">Times in {draft.timeZone}; a transcript shows its queue's time zone.</p>
        </div>
      </div>
      {exportTarget === null ? null : <ExportDialog target={exportTarget} onClose={() => setExportTarget(null)} />}
    </>
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
            Opening conversations…
          </h1>
        </div>
      ) : null}
      {session === 'error' ? (
        <div className="state-message" role="alert">
          <h1 id="view-title" className="state-message__title">
            Conversations cannot be shown: the session could not be read
          </h1>
        </div>
      ) : null}
      {session === 'ready' && allowed ? <Workspace route={route} /> : null}
    </section>
  );
}
