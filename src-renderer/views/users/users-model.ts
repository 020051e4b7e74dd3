/**
 * The Users view's logic, free of React: the filter form and the query it becomes, sorting, the
 * window cache that holds the pages of a 10,000-person directory the user has scrolled past, the
 * selection (some rows, a shift-click range, or everyone matching) and the edit that turns into
 * one feed command per person and change. The view only moves data.
 */
import type { CommandInput, QueryInput } from '../../../src-shared/api/contract.js';
import type { UserFilter, UserPage, UserRow, UserSortKey, UserStatus } from '../../../src-shared/api/management.js';
import type { Role } from '../../../src-shared/permissions.js';
import type { StatusKind } from '../../../src-shared/protocol/events.js';
import { useT } from '../../i18n/translate.js';

const t = useT('users');

/** Rows per request: a screen or two, so a filter's first answer is small and quick. */
export const PAGE_SIZE = 100;
/** The largest window the core answers, used when a whole selection must be read. */
export const MAX_PAGE = 500;

/** What the user typed and picked; '' means "any". */
export interface UsersForm {
  readonly search: string;
  readonly queueId: string;
  readonly teamId: string;
  readonly role: Role | 'none' | '';
  readonly status: UserStatus | '';
}

export const EMPTY_FORM: UsersForm = { search: '', queueId: '', teamId: '', role: '', status: '' };

export interface UsersSort {
  readonly key: UserSortKey;
  readonly direction: 'asc' | 'desc';
}

export const DEFAULT_SORT: UsersSort = { key: 'name', direction: 'asc' };

export const STATUS_LABELS: Readonly<Record<UserStatus, string>> = { available: 'Available', busy: 'Busy', away: 'Away', offline: 'Offline' };

/** The filter the core is asked for: blank fields are left out, the search trimmed. */
export function buildFilter(form: UsersForm): UserFilter {
  const search = form.search.trim().slice(0, 200);
  return {
    ...(search.length > 0 ? { search } : {}),
    ...(form.queueId !== '' ? { queueId: form.queueId } : {}),
    ...(form.teamId !== '' ? { teamId: form.teamId } : {}),
    ...(form.role !== '' ? { role: form.role } : {}),
    ...(form.status !== '' ? { status: form.status } : {}),
  };
}

/** Whether any filter narrows the directory (an empty result then says "no one matches", not "no one"). */
export function isFiltered(form: UsersForm): boolean {
  return Object.keys(buildFilter(form)).length > 0;
}

/** A header click: the same column flips its direction, another column starts ascending. */
export function nextSort(sort: UsersSort, key: UserSortKey): UsersSort {
  return sort.key === key ? { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' };
}

/** aria-sort of a column header. */
export function ariaSort(sort: UsersSort, key: UserSortKey): 'ascending' | 'descending' | 'none' {
  if (sort.key !== key) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

/** One listing: its filter and sort, and a generation bumped when the list must be re-read after an edit. */
export interface Listing {
  readonly filter: UserFilter;
  readonly sort: UsersSort;
  readonly generation: number;
}

/** A listing's identity: answers to any other listing are stale and dropped. */
export function listingKey(listing: Listing): string {
  return JSON.stringify([listing.filter, listing.sort, listing.generation]);
}

/** The query for one window of a listing. */
export function pageQuery(listing: Listing, offset: number, limit: number = PAGE_SIZE): Extract<QueryInput, { type: 'management.users' }> {
  return { type: 'management.users', filter: listing.filter, sort: listing.sort, offset, limit };
}

/**
 * The pages of one listing that have come back: the total drives the scroll height, the rows
 * fill in as their pages arrive. Immutable: each answer makes a new window.
 */
export interface RowWindow {
  readonly key: string;
  readonly total: number;
  readonly pages: ReadonlyMap<number, readonly UserRow[]>;
  readonly teams: UserPage['teams'];
  readonly awayReasons: readonly string[];
}

/** The window after an answer: a new listing starts afresh, the same listing gains a page and the latest total. */
export function addPage(window: RowWindow | null, key: string, page: UserPage): RowWindow {
  const pageIndex = Math.floor(page.offset / PAGE_SIZE);
  const base = window !== null && window.key === key ? window.pages : new Map<number, readonly UserRow[]>();
  const pages = new Map(base);
  // A page read at offset k·PAGE_SIZE; a window of another size is split into pages.
  for (let start = 0; start < page.rows.length; start += PAGE_SIZE) pages.set(pageIndex + start / PAGE_SIZE, page.rows.slice(start, start + PAGE_SIZE));
  if (page.rows.length === 0) pages.set(pageIndex, []);
  return { key, total: page.total, pages, teams: page.teams, awayReasons: page.awayReasons };
}

/** The row at an index of the listing, or undefined while its page has not come back. */
export function rowAt(window: RowWindow | null, index: number): UserRow | undefined {
  if (window === null) return undefined;
  return window.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
}

/** Pages covering rows first..last (inclusive) that are neither loaded nor asked for. */
export function missingPages(window: RowWindow | null, first: number, last: number, requested: ReadonlySet<number>): readonly number[] {
  if (window === null || last < first) return [];
  const end = Math.min(last, window.total - 1);
  const missing: number[] = [];
  for (let page = Math.floor(Math.max(0, first) / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page += 1) {
    if (!window.pages.has(page) && !requested.has(page)) missing.push(page);
  }
  return missing;
}

// ---- selection ----

/**
 * Who is selected: some people by id, or everyone matching the listing's filter but a few the
 * user unticked since. The rows of picked people are kept so an edit can be planned without
 * re-reading them; "all matching" reads the listing when the edit is applied.
 */
export type Selection =
  | { readonly mode: 'some'; readonly rows: ReadonlyMap<string, UserRow> }
  | { readonly mode: 'all'; readonly except: ReadonlySet<string> };

export const NO_SELECTION: Selection = { mode: 'some', rows: new Map() };

export function isSelected(selection: Selection, userId: string): boolean {
  return selection.mode === 'some' ? selection.rows.has(userId) : !selection.except.has(userId);
}

/** How many are selected, given the listing's total. */
export function selectedCount(selection: Selection, total: number): number {
  return selection.mode === 'some' ? selection.rows.size : Math.max(0, total - selection.except.size);
}

/** Ticks or unticks one person. */
export function toggleRow(selection: Selection, row: UserRow): Selection {
  if (selection.mode === 'all') {
    const except = new Set(selection.except);
    if (except.has(row.userId)) except.delete(row.userId);
    else except.add(row.userId);
    return { mode: 'all', except };
  }
  const rows = new Map(selection.rows);
  if (rows.has(row.userId)) rows.delete(row.userId);
  else rows.set(row.userId, row);
  return { mode: 'some', rows };
}

/** A shift-click: every row of the range takes the state of the clicked one (ticked unless it already was). */
export function selectRange(selection: Selection, range: readonly UserRow[], select: boolean): Selection {
  if (selection.mode === 'all') {
    const except = new Set(selection.except);
    for (const row of range) {
      if (select) except.delete(row.userId);
      else except.add(row.userId);
    }
    return { mode: 'all', except };
  }
  const rows = new Map(selection.rows);
  for (const row of range) {
    if (select) rows.set(row.userId, row);
    else rows.delete(row.userId);
  }
  return { mode: 'some', rows };
}

/** The header checkbox: everyone matching, or no one when everyone already is. */
export function toggleAll(selection: Selection, total: number): Selection {
  return selectedCount(selection, total) === total && total > 0 ? NO_SELECTION : { mode: 'all', except: new Set() };
}

/** Rows of the selection from a full read of the listing (for "all matching"), or the picked rows. */
export function selectedRows(selection: Selection, listingRows: readonly UserRow[] | null): readonly UserRow[] {
  if (selection.mode === 'some') return [...selection.rows.values()];
  return (listingRows ?? []).filter((row) => !selection.except.has(row.userId));
}

/** Picked rows refreshed with what a newer page says of them (their queues may have changed). */
export function refreshSelection(selection: Selection, rows: readonly UserRow[]): Selection {
  if (selection.mode === 'all' || selection.rows.size === 0) return selection;
  let changed = false;
  const next = new Map(selection.rows);
  for (const row of rows) {
    if (next.has(row.userId) && next.get(row.userId) !== row) {
      next.set(row.userId, row);
      changed = true;
    }
  }
  return changed ? { mode: 'some', rows: next } : selection;
}

// ---- the edit ----

/** What one edit changes for everyone selected; null or empty: left as it is. */
export interface UsersEdit {
  readonly addQueues: readonly string[];
  readonly removeQueues: readonly string[];
  readonly slots: number | null;
  /** A role change; role null takes the console away. queueScope null: every queue. */
  readonly role: { readonly role: Role | null; readonly queueScope: readonly string[] | null } | null;
  readonly status: { readonly kind: StatusKind; readonly reason: string } | null;
}

export const EMPTY_EDIT: UsersEdit = { addQueues: [], removeQueues: [], slots: null, role: null, status: null };

/** Whether the edit changes anything at all. */
export function editIsEmpty(edit: UsersEdit): boolean {
  return edit.addQueues.length === 0 && edit.removeQueues.length === 0 && edit.slots === null && edit.role === null && edit.status === null;
}

export type EditCommand = Extract<CommandInput, { type: 'agent.queues' | 'agent.capacity' | 'user.role' | 'agent.status' }>;

/** One command of an edit, for one person. */
export interface EditStep {
  readonly userId: string;
  readonly name: string;
  readonly label: string;
  readonly command: EditCommand;
}

/** Something of the edit that does not apply to a person (a supervisor has no queues or slots). */
export interface EditSkip {
  readonly userId: string;
  readonly name: string;
  readonly reason: string;
}

/** A person's queues after the edit, in their order with the added ones last. */
export function editedQueues(current: readonly string[], add: readonly string[], remove: readonly string[]): readonly string[] {
  const removed = new Set(remove);
  const kept = current.filter((queueId) => !removed.has(queueId));
  const next = [...kept];
  for (const queueId of add) if (!removed.has(queueId) && !next.includes(queueId)) next.push(queueId);
  return next;
}

function sameMembers(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((value) => right.includes(value));
}

/**
 * The commands an edit makes, person by person: each person's new queue list is computed from
 * their own queues (add and remove touch only the queues named); nothing is sent for what would
 * not change; agent-only changes skip supervisors, and say so.
 */
export function planEdit(rows: readonly UserRow[], edit: UsersEdit): { readonly steps: readonly EditStep[]; readonly skipped: readonly EditSkip[] } {
  const steps: EditStep[] = [];
  const skipped: EditSkip[] = [];
  const agentOnly = edit.addQueues.length > 0 || edit.removeQueues.length > 0 || edit.slots !== null || edit.status !== null;
  for (const row of rows) {
    const person = { userId: row.userId, name: row.name };
    if (row.kind === 'agent') {
      if (edit.addQueues.length > 0 || edit.removeQueues.length > 0) {
        const queueIds = editedQueues(row.queueIds, edit.addQueues, edit.removeQueues);
        if (!sameMembers(queueIds, row.queueIds)) steps.push({ ...person, label: t('queues'), command: { type: 'agent.queues', agentId: row.userId, queueIds: [...queueIds] } });
      }
      if (edit.slots !== null && edit.slots !== row.slots) steps.push({ ...person, label: t('slots'), command: { type: 'agent.capacity', agentId: row.userId, slots: edit.slots } });
      if (edit.status !== null) steps.push({ ...person, label: t('status'), command: { type: 'agent.status', agentId: row.userId, kind: edit.status.kind, reason: edit.status.reason } });
    } else if (agentOnly) {
      skipped.push({ ...person, reason: t('aSupervisorHasNo') });
    }
    if (edit.role !== null) {
      const scope = edit.role.role === null ? null : edit.role.queueScope === null ? null : [...edit.role.queueScope];
      steps.push({ ...person, label: t('role'), command: { type: 'user.role', userId: row.userId, role: edit.role.role, queueScope: scope } });
    }
  }
  return { steps, skipped };
}

/** The answer to one step: acked, refused with the core's or the feed's reason, or still unknown. */
export interface StepResult {
  readonly step: EditStep;
  readonly outcome: 'acked' | 'refused' | 'unknown';
  readonly detail: string;
}

/** Each person once, with every answer about them: acked only when all of their commands were. */
export interface PersonResult {
  readonly userId: string;
  readonly name: string;
  readonly outcome: 'acked' | 'refused' | 'unknown' | 'skipped';
  readonly lines: readonly string[];
}

/** The results grouped by person, in the order the edit went through them. */
export function resultsByPerson(results: readonly StepResult[], skipped: readonly EditSkip[]): readonly PersonResult[] {
  const people = new Map<string, { name: string; outcome: PersonResult['outcome']; lines: string[] }>();
  const rank = { acked: 0, skipped: 1, unknown: 2, refused: 3 } as const;
  const note = (userId: string, name: string, outcome: PersonResult['outcome'], line: string): void => {
    const entry = people.get(userId) ?? { name, outcome, lines: [] };
    if (rank[outcome] > rank[entry.outcome]) entry.outcome = outcome;
    entry.lines.push(line);
    people.set(userId, entry);
  };
  for (const result of results) {
    const said = result.outcome === 'acked' ? 'acked' : result.outcome === 'refused' ? `refused: ${result.detail}` : `unknown: ${result.detail}`;
    note(result.step.userId, result.step.name, result.outcome, `${result.step.label} ${said}`);
  }
  for (const skip of skipped) note(skip.userId, skip.name, 'skipped', skip.reason);
  return [...people.entries()].map(([userId, entry]) => ({ userId, name: entry.name, outcome: entry.outcome, lines: entry.lines }));
}

/** "3 of 5 sent" while an edit runs. */
export function progressText(done: number, total: number): string {
  return t('doneOfTotal', { done, total });
}

/** How long someone has been in their status, for the status column ("12 min", "3 h 05 min"). */
export function sinceText(since: number | null, now: number): string {
  if (since === null) return '';
  const minutes = Math.max(0, Math.floor((now - since) / 60_000));
  if (minutes < 1) return t('justNow');
  if (minutes < 60) return t('minutesMin', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('hoursHValue1Min', { hours, value1: String(minutes % 60).padStart(2, '0') });
  return t('value0Days', { value0: Math.floor(hours / 24) });
}
