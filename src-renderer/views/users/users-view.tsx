/**
 * Management › Users: everyone the feed knows (agents and supervisors), searched, filtered and
 * sorted by the core, shown in a virtualised grid of any size; select one, a range or everyone
 * matching and edit them at once (queues, slots, role, status), each change a feed command whose
 * answer is shown per person. Only for sessions that manage users (admin.users).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { UserRow, UserSortKey } from '../../../src-shared/api/management.js';
import { ROLES } from '../../../src-shared/permissions.js';
import { useConsole } from '../../hooks/store-context.js';
import { useCan } from '../../hooks/use-api.js';
import { useCoreNow } from '../../hooks/use-core-now.js';
import { useQueueChoices } from '../../hooks/use-queue-choices.js';
import { formatRoute } from '../../shell/router.js';
import { UsersEditDialog } from './users-edit.js';
import { UsersFilters } from './users-filters.js';
import {
  DEFAULT_SORT,
  EMPTY_FORM,
  NO_SELECTION,
  buildFilter,
  isFiltered,
  isSelected,
  nextSort,
  refreshSelection,
  rowAt,
  selectRange,
  selectedCount,
  selectedRows,
  toggleAll,
  toggleRow,
  type Listing,
  type Selection,
  type UsersForm,
  type UsersSort,
} from './users-model.js';
import { UsersTable } from './users-table.js';
import { useUserRows } from './use-user-rows.js';
import { formatNumber } from '../../format/locale.js';
import { useT } from '../../i18n/translate.js';

const t = useT('users');

/** Typing settles this long before the search is sent: one request per typed filter, not per key. */
const SEARCH_DEBOUNCE_MS = 120;

function sameForm(left: UsersForm, right: UsersForm): boolean {
  return left.search === right.search && left.queueId === right.queueId && left.teamId === right.teamId && left.role === right.role && left.status === right.status;
}

function UsersWorkspace() {
  const queues = useQueueChoices();
  const queueNames = useMemo(() => new Map(queues.map((queue) => [queue.queueId, queue.name])), [queues]);
  const sessionRole = useConsole((state) => (state.session.status === 'ready' ? state.session.info.role : null));
  const canSetStatus = useCan('agent.set_status');
  const now = useCoreNow();
  const [form, setForm] = useState<UsersForm>(EMPTY_FORM);
  const [applied, setApplied] = useState<UsersForm>(EMPTY_FORM);
  const [sort, setSort] = useState<UsersSort>(DEFAULT_SORT);
  const [generation, setGeneration] = useState(0);
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [editing, setEditing] = useState(false);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const anchor = useRef<number | null>(null);

  // The search waits for typing to pause; a picked filter applies at once.
  useEffect(() => {
    if (sameForm(form, applied)) return undefined;
    const timer = setTimeout(() => setApplied(form), form.search === applied.search ? 0 : SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [form, applied]);

  const filter = useMemo(() => buildFilter(applied), [applied]);
  const listing = useMemo<Listing>(() => ({ filter, sort, generation }), [filter, sort, generation]);
  const rows = useUserRows(listing);
  const loaded = rows.loaded;
  const total = loaded?.total ?? 0;

  // "Everyone matching" and the cursor belong to one filter.
  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    setSelection((current) => (current.mode === 'all' ? NO_SELECTION : current));
    setActiveIndex(-1);
    anchor.current = null;
  }, [filterKey]);

  // Picked people take what the newest pages say of them (their queues after an edit).
  useEffect(() => {
    if (loaded === null || !rows.current) return;
    const fresh: UserRow[] = [];
    for (const page of loaded.pages.values()) fresh.push(...page);
    setSelection((current) => refreshSelection(current, fresh));
  }, [loaded, rows.current]);

  // An empty answer has no rows to render: it is on screen once the empty state is.
  const emptyNow = loaded !== null && rows.current && total === 0;
  const { rendered } = rows;
  useEffect(() => {
    if (emptyNow) rendered();
  }, [emptyNow, loaded, rendered]);

  const onToggle = useCallback(
    (index: number, range: boolean): void => {
      const row = rowAt(loaded, index);
      if (row === undefined) return;
      setRangeError(null);
      const from = anchor.current;
      if (!range || from === null || from === index) {
        anchor.current = index;
        setSelection((current) => toggleRow(current, row));
        return;
      }
      const [first, last] = from < index ? [from, index] : [index, from];
      const known: UserRow[] = [];
      for (let at = first; at <= last; at += 1) {
        const candidate = rowAt(loaded, at);
        if (candidate !== undefined) known.push(candidate);
      }
      anchor.current = index;
      if (known.length === last - first + 1) {
        setSelection((current) => selectRange(current, known, true));
        return;
      }
      void rows.readRows(first, last).then((read) => {
        if (typeof read === 'string') setRangeError(t('theRangeCouldNot', { read }));
        else setSelection((current) => selectRange(current, read, true));
      });
    },
    [loaded, rows],
  );

  const resolveRows = useCallback(async (): Promise<readonly UserRow[] | string> => {
    if (selection.mode === 'some') return selectedRows(selection, null);
    const read = await rows.readRows(0, Math.max(0, total - 1));
    return typeof read === 'string' ? read : selectedRows(selection, read);
  }, [selection, rows, total]);

  const count = selectedCount(selection, total);
  const grantable = sessionRole === 'admin' ? ROLES : ROLES.filter((role) => role !== 'admin');
  const onSort = useCallback((key: UserSortKey) => setSort((current) => nextSort(current, key)), []);
  const isChecked = useCallback((userId: string) => isSelected(selection, userId), [selection]);

  return (
    <>
      <UsersFilters form={form} queues={queues} teams={loaded?.teams ?? []} onChange={setForm} />
      <div className="users-bar" data-testid="users-bar">
        <p className="users-bar__count" role="status" aria-live="polite" data-testid="users-count">
          {loaded === null ? t('loadingPeople') : t(isFiltered(applied) ? 'peopleMatch' : 'people', { count: total })}
          {count > 0 ? t('value0Selected', { value0: formatNumber(count) }) : ''}
        </p>
        <div className="users-bar__actions">
          <button type="button" className="button button--primary" disabled={count === 0} onClick={() => setEditing(true)} data-testid="users-edit-open">
            {t('edit')}{count > 0 ? formatNumber(count) : ''}{t('selected')}
          </button>
          <button type="button" className="button button--quiet" disabled={count === 0} onClick={() => setSelection(NO_SELECTION)} data-testid="users-clear-selection">
            {t('clearSelection')}
          </button>
        </div>
      </div>
      {rangeError === null ? null : (
        <p className="form-error" role="alert">
          {rangeError}
        </p>
      )}
      {rows.error !== null ? (
        <div className="state-message users-state" role="alert" data-testid="users-error">
          <h2 className="state-message__title">{t('thePeopleCouldNot')}</h2>
          <div className="state-message__body">
            <p>{rows.error}</p>
            <button type="button" className="button" onClick={() => setGeneration((value) => value + 1)}>
              {t('tryAgain')}
            </button>
          </div>
        </div>
      ) : null}
      {loaded === null && rows.error === null ? (
        <div className="state-message users-state" role="status" aria-busy="true" data-testid="users-loading">
          <span className="spinner" aria-hidden="true" />
          <p className="state-message__title">{t('readingTheDirectory')}</p>
        </div>
      ) : null}
      {loaded !== null && rows.current && total === 0 ? (
        <div className="state-message users-state" role="status" data-testid="users-empty">
          <p className="state-message__title">{isFiltered(applied) ? t('noOneMatchesThese') : t('theFeedHasNot')}</p>
          {isFiltered(applied) ? (
            <button type="button" className="button" onClick={() => setForm(EMPTY_FORM)}>
              {t('clearFilters')}
            </button>
          ) : null}
        </div>
      ) : null}
      {loaded !== null && !(rows.current && total === 0) ? (
        <UsersTable
          rows={loaded}
          busy={!rows.current}
          sort={sort}
          queueNames={queueNames}
          now={now}
          activeIndex={activeIndex}
          allChecked={total > 0 && count === total}
          isChecked={isChecked}
          onSort={onSort}
          onToggle={onToggle}
          onToggleAll={() => setSelection((current) => toggleAll(current, total))}
          onActiveChange={setActiveIndex}
          onVisibleRange={rows.requestRange}
          onRendered={rows.rendered}
        />
      ) : null}
      {editing ? (
        <UsersEditDialog
          count={count}
          queues={queues}
          awayReasons={loaded?.awayReasons ?? []}
          grantable={grantable}
          canSetStatus={canSetStatus}
          resolveRows={resolveRows}
          onCancel={() => setEditing(false)}
          onDone={() => setGeneration((value) => value + 1)}
        />
      ) : null}
    </>
  );
}

/** Management's sections, as the hours and thresholds view shows them, so the user can go back. */
function SectionLinks() {
  const sections = [
    { section: 'hours', label: t('businessHours') },
    { section: 'thresholds', label: t('thresholds') },
    { section: 'users', label: t('users') },
  ] as const;
  return (
    <nav className="manage__sections" aria-label={t('managementSections')}>
      {sections.map((entry) => (
        <a
          key={entry.section}
          className="nav-link"
          href={formatRoute({ view: 'manage', section: entry.section, queueId: null })}
          aria-current={entry.section === 'users' ? 'page' : undefined}
          data-testid={`manage-section-${entry.section}`}
        >
          {entry.label}
        </a>
      ))}
    </nav>
  );
}

function Denied() {
  return (
    <div className="state-message" role="alert" data-testid="users-denied">
      <h1 id="view-title" className="state-message__title">
        {t('usersAreNotAvailable')}
      </h1>
      <div className="state-message__body">
        <p>{t('managingPeopleNeedsThe')}</p>
      </div>
    </div>
  );
}

/** The Users view, for `#/manage/users`. */
export function UsersView() {
  const session = useConsole((state) => state.session.status);
  const allowed = useCan('admin.users');
  return (
    <section className="view users" aria-labelledby="view-title" data-testid="users-view">
      {session === 'loading' ? (
        <div className="state-message" role="status" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          <h1 id="view-title" className="state-message__title">
            {t('openingUsers')}
          </h1>
        </div>
      ) : null}
      {session === 'error' ? (
        <div className="state-message" role="alert">
          <h1 id="view-title" className="state-message__title">
            {t('usersCannotBeShown')}
          </h1>
        </div>
      ) : null}
      {session === 'ready' && !allowed ? <Denied /> : null}
      {session === 'ready' && allowed ? (
        <>
          <SectionLinks />
          <header className="users-header">
            <h1 id="view-title" className="view__title">
              {t('users')}
            </h1>
            <p className="users-header__hint">{t('everyoneTheFeedKnows')}</p>
          </header>
          <UsersWorkspace />
        </>
      ) : null}
    </section>
  );
}
