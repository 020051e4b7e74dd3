import { describe, expect, it } from 'vitest';
import type { CacheInfo, HistoryPage, HistoryRow } from '../../../../src-shared/api/history.js';
import { DEFAULT_SORT, buildSearch, emptyForm, type HistoryForm } from '../../../../src-renderer/views/history/history-model.js';
import {
  PAGE_SIZE,
  initialWorkspace,
  selectedCount,
  selectionTarget,
  workspaceReducer,
  type WorkspaceAction,
  type WorkspaceState,
} from '../../../../src-renderer/views/history/workspace-state.js';

const ZONE = 'UTC';

function row(conversationId: string): HistoryRow {
  return {
    conversationId,
    queueId: 'q-sales',
    queueName: 'Sales',
    channel: 'chat',
    intent: 'billing',
    agentId: null,
    agentName: null,
    customer: null,
    createdAt: 1_000,
    endedAt: null,
    state: 'ended',
    disposition: null,
    handleTimeSec: null,
    waitSec: null,
    firstResponseSec: null,
    avgResponseSec: null,
    csat: null,
    messageCount: 1,
    snippet: null,
  };
}

function page(ids: readonly string[], total = ids.length, offset = 0): HistoryPage {
  return { rows: ids.map(row), total, totalCapped: false, offset };
}

function search(form: HistoryForm) {
  const built = buildSearch(form, DEFAULT_SORT);
  if (!built.ok) throw new Error(built.error);
  return built.value;
}

function run(state: WorkspaceState, ...actions: readonly WorkspaceAction[]): WorkspaceState {
  return actions.reduce(workspaceReducer, state);
}

/** A workspace that searched once (generation 1) and shows `ids`. */
function searched(ids: readonly string[], total = ids.length): WorkspaceState {
  const form = emptyForm(ZONE);
  return run(initialWorkspace(ZONE), { type: 'searchStarted', generation: 1 }, { type: 'searchAnswered', generation: 1, form, search: search(form), sort: DEFAULT_SORT, page: page(ids, total) });
}

describe('workspaceReducer: searches', () => {
  it('starts empty, in the given zone, with nothing loaded or selected', () => {
    const state = initialWorkspace('Europe/Paris');
    expect(state.draft.timeZone).toBe('Europe/Paris');
    expect(state.results).toBeNull();
    expect(state.activeIndex).toBe(-1);
    expect(selectedCount(state)).toBe(0);
  });

  it('shows the answer of the latest search and puts the cursor on its first row', () => {
    const state = searched(['c1', 'c2'], 2);
    expect(state.searching).toBe(false);
    expect(state.results).toEqual({ rows: [row('c1'), row('c2')], total: 2, capped: false, complete: true, counting: false });
    expect(state.applied?.form).toEqual(emptyForm(ZONE));
    expect(state.activeIndex).toBe(0);
  });

  it('shows a page that came before its count as "at least", then the count when it answers', () => {
    const form = emptyForm(ZONE);
    const full = Array.from({ length: PAGE_SIZE }, (_, index) => `c${index}`);
    const first = run(
      initialWorkspace(ZONE),
      { type: 'searchStarted', generation: 1 },
      { type: 'searchAnswered', generation: 1, form, search: search(form), sort: DEFAULT_SORT, page: { ...page(full, PAGE_SIZE), totalCapped: true, countPending: true } },
    );
    expect(first.searching).toBe(false);
    expect(first.results).toMatchObject({ total: PAGE_SIZE, capped: true, counting: true, complete: false });
    expect(run(first, { type: 'countAnswered', generation: 1, count: { total: 1_144, capped: false } }).results).toMatchObject({ total: 1_144, capped: false, counting: false });
    // A count that could not be had leaves the "at least" total and stops saying it counts.
    expect(run(first, { type: 'countAnswered', generation: 1, count: null }).results).toMatchObject({ total: PAGE_SIZE, capped: true, counting: false });
    // The count of a search no longer shown changes nothing.
    const newer = run(first, { type: 'searchStarted', generation: 2 });
    expect(run(newer, { type: 'countAnswered', generation: 1, count: { total: 7, capped: false } })).toBe(newer);
  });

  it('drops the answer of a search overtaken by a newer one', () => {
    const form = emptyForm(ZONE);
    const state = run(
      initialWorkspace(ZONE),
      { type: 'searchStarted', generation: 1 },
      { type: 'searchStarted', generation: 2 },
      { type: 'searchAnswered', generation: 1, form, search: search(form), sort: DEFAULT_SORT, page: page(['old']) },
      { type: 'searchFailed', generation: 1, error: 'late refusal' },
    );
    expect(state.results).toBeNull();
    expect(state.error).toBeNull();
    expect(state.searching).toBe(true);
  });

  it('shows nothing for a search the core replaced with a newer one: the previous results stay while the newer runs', () => {
    const state = run(searched(['c1']), { type: 'searchStarted', generation: 2 }, { type: 'searchStarted', generation: 3 }, { type: 'searchSuperseded', generation: 2 });
    expect(state.results?.rows).toEqual([row('c1')]);
    expect(state.error).toBeNull();
    expect(state.searching).toBe(true);
    const quiet = run(searched(['c1']), { type: 'searchStarted', generation: 2 }, { type: 'searchSuperseded', generation: 2 });
    expect(quiet.error).toBeNull();
    expect(quiet.searching).toBe(false);
  });

  it('keeps the previous results when a search fails, and says why', () => {
    const state = run(searched(['c1']), { type: 'searchStarted', generation: 2 }, { type: 'searchFailed', generation: 2, error: 'bad query' });
    expect(state.results?.rows).toEqual([row('c1')]);
    expect(state.error).toBe('bad query');
    expect(state.searching).toBe(false);
  });

  it('clears the error and the selection with a new answer; an empty answer has no cursor', () => {
    const form = emptyForm(ZONE);
    const state = run(
      searched(['c1']),
      { type: 'rowToggled', conversationId: 'c1' },
      { type: 'searchRefused', error: 'dates the wrong way round' },
      { type: 'searchStarted', generation: 2 },
      { type: 'searchAnswered', generation: 2, form, search: search(form), sort: DEFAULT_SORT, page: page([]) },
    );
    expect(state.error).toBeNull();
    expect(state.selected.size).toBe(0);
    expect(state.activeIndex).toBe(-1);
  });

  it('marks the results complete only when a page comes back short', () => {
    const full = Array.from({ length: PAGE_SIZE }, (_, index) => `c${index}`);
    expect(searched(full, 500).results?.complete).toBe(false);
    expect(searched(['c1'], 500).results?.complete).toBe(true);
  });
});

describe('workspaceReducer: load more', () => {
  it('appends the next page without repeating rows already shown', () => {
    const state = run(searched(['c1', 'c2'], 4), { type: 'moreStarted' }, { type: 'moreAnswered', generation: 1, page: page(['c2', 'c3', 'c4'], 4, 2) });
    expect(state.loadingMore).toBe(false);
    expect(state.results?.rows.map((item) => item.conversationId)).toEqual(['c1', 'c2', 'c3', 'c4']);
  });

  it('ends its spinner but changes nothing else when a newer search has started', () => {
    const before = run(searched(['c1'], 3), { type: 'moreStarted' }, { type: 'searchStarted', generation: 2 });
    const after = run(before, { type: 'moreAnswered', generation: 1, page: page(['c9'], 3, 1) });
    expect(after.loadingMore).toBe(false);
    expect(after.results).toBe(before.results);
    expect(run(before, { type: 'moreFailed', generation: 1, error: 'gone' }).error).toBeNull();
  });

  it('shows the refusal of a page of the current search', () => {
    const state = run(searched(['c1'], 3), { type: 'moreStarted' }, { type: 'moreFailed', generation: 1, error: 'the cache is busy' });
    expect(state.loadingMore).toBe(false);
    expect(state.error).toBe('the cache is busy');
  });
});

describe('workspaceReducer: selection and downloads', () => {
  it('ticks and unticks rows', () => {
    const state = run(searched(['c1', 'c2']), { type: 'rowToggled', conversationId: 'c1' }, { type: 'rowToggled', conversationId: 'c2' }, { type: 'rowToggled', conversationId: 'c1' });
    expect([...state.selected]).toEqual(['c2']);
    expect(selectionTarget(state)).toEqual({ kind: 'conversations', conversationIds: ['c2'] });
  });

  it('"all" counts every result and downloads the search, not the loaded rows', () => {
    const state = run(searched(['c1', 'c2'], 900), { type: 'rowToggled', conversationId: 'c1' }, { type: 'allToggled' });
    expect(state.selected.size).toBe(0);
    expect(selectedCount(state)).toBe(900);
    expect(selectionTarget(state)).toMatchObject({ kind: 'search', total: 900, capped: false });
  });

  it('unticking one row while all are selected keeps every other loaded row', () => {
    const state = run(searched(['c1', 'c2', 'c3'], 900), { type: 'allToggled' }, { type: 'rowToggled', conversationId: 'c2' });
    expect(state.allSelected).toBe(false);
    expect([...state.selected]).toEqual(['c1', 'c3']);
  });

  it('opens and closes the download dialog, and moves the cursor', () => {
    const target = { kind: 'conversations', conversationIds: ['c1'] } as const;
    const opened = run(searched(['c1', 'c2']), { type: 'exportOpened', target }, { type: 'activeChanged', index: 1 });
    expect(opened.exportTarget).toEqual(target);
    expect(opened.activeIndex).toBe(1);
    expect(run(opened, { type: 'exportClosed' }).exportTarget).toBeNull();
  });
});

describe('workspaceReducer: draft and cache', () => {
  it('edits the draft without touching what is applied', () => {
    const before = searched(['c1']);
    const draft = { ...emptyForm(ZONE), text: 'refund' };
    const state = run(before, { type: 'draftChanged', form: draft });
    expect(state.draft.text).toBe('refund');
    expect(state.applied).toBe(before.applied);
  });

  it('keeps cache figures newer than the last query', () => {
    const info: CacheInfo = { conversations: 5, messages: 40, oldest: 1_000, newest: 2_000, lastEventAt: 2_000, sizeBytes: 4096, retentionDays: 30, eventLogDays: 7, lastPrunedAt: null };
    expect(run(initialWorkspace(ZONE), { type: 'cacheInfoReceived', info }).cacheOverride).toBe(info);
  });
});
