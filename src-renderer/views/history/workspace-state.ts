/**
 * The Conversation Manager's screen state as one value and pure transitions: the draft filters,
 * the search last applied, the loaded results, the selection for downloads, the keyboard cursor,
 * the open download dialog. The component only dispatches what happened (a search started, its
 * answer came, a row was ticked); what that does to the screen is decided and tested here.
 */
import type { CacheInfo, HistoryRow, HistorySearch, HistoryPage } from '../../../src-shared/api/history.js';
import { assertNever } from '../../../src-shared/result.js';
import { DEFAULT_SORT, emptyForm, type HistoryForm, type HistorySort } from './history-model.js';

/** Rows asked for per page; a shorter page means the search has no more. */
export const PAGE_SIZE = 100;

/** What the download dialog is about: hand-picked rows, or every result of a search. */
export type ExportTarget =
  | { readonly kind: 'conversations'; readonly conversationIds: readonly string[] }
  | { readonly kind: 'search'; readonly search: HistorySearch; readonly total: number; readonly capped: boolean };

export interface Results {
  readonly rows: readonly HistoryRow[];
  readonly total: number;
  readonly capped: boolean;
  /** The last page came back short: there is nothing more to load, whatever the count says. */
  readonly complete: boolean;
  /** The page came before its count: `total` is "at least" the rows so far until the count answers. */
  readonly counting: boolean;
}

/** The filters of the results on screen, and the search they were built into. */
export interface Applied {
  readonly form: HistoryForm;
  readonly search: HistorySearch;
}

export interface WorkspaceState {
  /** The filters as the user is editing them, applied or not. */
  readonly draft: HistoryForm;
  readonly applied: Applied | null;
  readonly sort: HistorySort;
  readonly results: Results | null;
  readonly searching: boolean;
  readonly loadingMore: boolean;
  readonly error: string | null;
  readonly selected: ReadonlySet<string>;
  /** Every result of the applied search is selected, loaded or not. */
  readonly allSelected: boolean;
  /** The keyboard cursor in the results; -1 with no rows. */
  readonly activeIndex: number;
  readonly exportTarget: ExportTarget | null;
  /** Cache figures newer than the last query (after a retention change or a backfill). */
  readonly cacheOverride: CacheInfo | null;
  /** The search whose answers count: an answer to an older one is dropped. */
  readonly generation: number;
}

export type WorkspaceAction =
  | { readonly type: 'draftChanged'; readonly form: HistoryForm }
  | { readonly type: 'searchRefused'; readonly error: string }
  | { readonly type: 'searchStarted'; readonly generation: number }
  | { readonly type: 'searchAnswered'; readonly generation: number; readonly form: HistoryForm; readonly search: HistorySearch; readonly sort: HistorySort; readonly page: HistoryPage }
  | { readonly type: 'searchFailed'; readonly generation: number; readonly error: string }
  /** The count of a search whose page came first; null when it could not be had (the "at least" total stays). */
  | { readonly type: 'countAnswered'; readonly generation: number; readonly count: { readonly total: number; readonly capped: boolean } | null }
  /** The core stopped this search because a newer one from this screen replaced it: nothing to show. */
  | { readonly type: 'searchSuperseded'; readonly generation: number }
  | { readonly type: 'moreStarted' }
  | { readonly type: 'moreAnswered'; readonly generation: number; readonly page: HistoryPage }
  | { readonly type: 'moreFailed'; readonly generation: number; readonly error: string }
  | { readonly type: 'rowToggled'; readonly conversationId: string }
  | { readonly type: 'allToggled' }
  | { readonly type: 'activeChanged'; readonly index: number }
  | { readonly type: 'exportOpened'; readonly target: ExportTarget }
  | { readonly type: 'exportClosed' }
  | { readonly type: 'cacheInfoReceived'; readonly info: CacheInfo };

/** The screen before the first search: empty filters in the user's zone, nothing loaded. */
export function initialWorkspace(timeZone: string): WorkspaceState {
  return {
    draft: emptyForm(timeZone),
    applied: null,
    sort: DEFAULT_SORT,
    results: null,
    searching: false,
    loadingMore: false,
    error: null,
    selected: new Set(),
    allSelected: false,
    activeIndex: -1,
    exportTarget: null,
    cacheOverride: null,
    generation: 0,
  };
}

function withToggledRow(state: WorkspaceState, conversationId: string): WorkspaceState {
  if (state.allSelected && state.results !== null) {
    // Leaving "all" keeps every loaded row but the one unticked.
    return { ...state, allSelected: false, selected: new Set(state.results.rows.map((row) => row.conversationId).filter((id) => id !== conversationId)) };
  }
  const selected = new Set(state.selected);
  if (selected.has(conversationId)) selected.delete(conversationId);
  else selected.add(conversationId);
  return { ...state, selected };
}

function withMoreRows(state: WorkspaceState, page: HistoryPage): WorkspaceState {
  if (state.results === null) return { ...state, loadingMore: false };
  const known = new Set(state.results.rows.map((row) => row.conversationId));
  return {
    ...state,
    loadingMore: false,
    results: {
      rows: [...state.results.rows, ...page.rows.filter((row) => !known.has(row.conversationId))],
      total: page.total,
      capped: page.totalCapped,
      complete: page.rows.length < PAGE_SIZE,
      counting: page.countPending === true,
    },
  };
}

/**
 * The next screen state. An answer to a search that is no longer the latest changes nothing
 * (a "load more" answer still ends its own spinner); a failed search keeps the previous results,
 * since a typo in the query must not blank the screen.
 */
export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'draftChanged':
      return { ...state, draft: action.form };
    case 'searchRefused':
      return { ...state, error: action.error };
    case 'searchStarted':
      return { ...state, generation: action.generation, searching: true };
    case 'searchAnswered':
      if (action.generation !== state.generation) return state;
      return {
        ...state,
        searching: false,
        error: null,
        applied: { form: action.form, search: action.search },
        sort: action.sort,
        results: { rows: action.page.rows, total: action.page.total, capped: action.page.totalCapped, complete: action.page.rows.length < PAGE_SIZE, counting: action.page.countPending === true },
        selected: new Set(),
        allSelected: false,
        activeIndex: action.page.rows.length > 0 ? 0 : -1,
      };
    case 'searchFailed':
      if (action.generation !== state.generation) return state;
      return { ...state, searching: false, error: action.error };
    case 'countAnswered':
      if (action.generation !== state.generation || state.results === null || !state.results.counting) return state;
      return { ...state, results: { ...state.results, counting: false, ...(action.count === null ? {} : { total: Math.max(action.count.total, state.results.rows.length), capped: action.count.capped }) } };
    case 'searchSuperseded':
      // The newer search's answer follows; the previous results stay with their "searching" state.
      // Should the current one ever be replaced (another request of this screen), it stops searching quietly.
      return action.generation === state.generation ? { ...state, searching: false, loadingMore: false } : state;
    case 'moreStarted':
      return { ...state, loadingMore: true };
    case 'moreAnswered':
      if (action.generation !== state.generation) return { ...state, loadingMore: false };
      return withMoreRows(state, action.page);
    case 'moreFailed':
      if (action.generation !== state.generation) return { ...state, loadingMore: false };
      return { ...state, loadingMore: false, error: action.error };
    case 'rowToggled':
      return withToggledRow(state, action.conversationId);
    case 'allToggled':
      return { ...state, allSelected: !state.allSelected, selected: new Set() };
    case 'activeChanged':
      return { ...state, activeIndex: action.index };
    case 'exportOpened':
      return { ...state, exportTarget: action.target };
    case 'exportClosed':
      return { ...state, exportTarget: null };
    case 'cacheInfoReceived':
      return { ...state, cacheOverride: action.info };
    default:
      return assertNever(action);
  }
}

/** How many conversations a download of the selection would hold ("all" counts every result). */
export function selectedCount(state: WorkspaceState): number {
  return state.allSelected ? (state.results?.total ?? 0) : state.selected.size;
}

/** What "Download selected" downloads: the applied search when all is selected, else the ticked rows. */
export function selectionTarget(state: WorkspaceState): ExportTarget {
  if (state.allSelected && state.applied !== null && state.results !== null) return { kind: 'search', search: state.applied.search, total: state.results.total, capped: state.results.capped };
  return { kind: 'conversations', conversationIds: [...state.selected] };
}
