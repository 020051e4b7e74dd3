/**
 * The directory grid: virtualised over the listing's total (only the rows on screen are in the
 * DOM, and only their windows are asked for), sortable headers, a checkbox per row with
 * shift-click ranges, and keyboard use: arrows move, Space ticks, Shift+Space ticks a range.
 */
import { useEffect } from 'react';
import type { MouseEvent } from 'react';
import { useVirtualGrid } from '../../hooks/use-virtual-grid.js';
import type { UserRow, UserSortKey } from '../../../src-shared/api/management.js';
import { ROLE_LABELS } from '../../format/metric-format.js';
import { STATUS_LABELS, ariaSort, rowAt, sinceText, type RowWindow, type UsersSort } from './users-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('users');

const ROW_HEIGHT = 48;

interface Column {
  readonly key: UserSortKey;
  readonly label: string;
  readonly numeric?: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'name', label: t('name') },
  { key: 'team', label: t('team') },
  { key: 'location', label: t('location') },
  { key: 'role', label: t('role') },
  { key: 'queues', label: t('queues') },
  { key: 'slots', label: t('slots'), numeric: true },
  { key: 'status', label: t('status') },
];

export interface UsersTableProps {
  readonly rows: RowWindow;
  /** The rows on screen belong to an older listing while the new one loads. */
  readonly busy: boolean;
  readonly sort: UsersSort;
  readonly queueNames: ReadonlyMap<string, string>;
  readonly now: number;
  readonly activeIndex: number;
  readonly allChecked: boolean;
  isChecked(userId: string): boolean;
  onSort(key: UserSortKey): void;
  /** A tick; `range` when Shift was held (tick every row from the last tick to this one). */
  onToggle(index: number, range: boolean): void;
  onToggleAll(): void;
  onActiveChange(index: number): void;
  onVisibleRange(first: number, last: number): void;
  /** Called after the rows of a listing are in the DOM. */
  onRendered(): void;
}

function rowId(userId: string): string {
  return `users-row-${userId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function roleText(row: UserRow, queueNames: ReadonlyMap<string, string>): string {
  if (row.role === null) return row.kind === 'agent' ? t('agent') : t('noConsole');
  const label = ROLE_LABELS[row.role];
  if (row.queueScope === null) return label;
  return `${label} (${row.queueScope.map((queueId) => queueNames.get(queueId) ?? queueId).join(', ')})`;
}

function Row({ row, index, start, active, checked, queueNames, now, onToggle, onActiveChange }: {
  readonly row: UserRow;
  readonly index: number;
  readonly start: number;
  readonly active: boolean;
  readonly checked: boolean;
  readonly queueNames: ReadonlyMap<string, string>;
  readonly now: number;
  onToggle(index: number, range: boolean): void;
  onActiveChange(index: number): void;
}) {
  const queues = row.queueIds.map((queueId) => queueNames.get(queueId) ?? queueId).join(', ');
  const since = sinceText(row.statusSince, now);
  // The feed's reason says why someone is away or off; for people at work it only repeats the status.
  const showReason = row.statusReason !== '' && (row.status === 'away' || row.status === 'offline');
  const statusTitle = [STATUS_LABELS[row.status], showReason ? row.statusReason : '', since === '' ? '' : `for ${since}`].filter((part) => part !== '').join(' · ');
  const click = (event: MouseEvent<HTMLElement>): void => {
    onActiveChange(index);
    onToggle(index, event.shiftKey);
  };
  return (
    <div
      id={rowId(row.userId)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={checked}
      className={`virtual-grid__row users-grid__row${active ? ' is-active' : ''}${checked ? ' is-checked' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      data-testid="users-row"
      data-user-id={row.userId}
      data-kind={row.kind}
      data-status={row.status}
      data-queue-ids={row.queueIds.join(' ')}
      onClick={click}
    >
      <span role="gridcell" className="users-grid__cell users-grid__cell--select">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={checked}
          aria-label={t('selectName', { name: row.name })}
          data-testid="users-row-select"
          onClick={(event) => {
            event.stopPropagation();
            click(event);
          }}
          onChange={() => undefined}
        />
      </span>
      <span role="gridcell" className="users-grid__cell users-grid__cell--name" title={`${row.name} (${row.userId})`}>
        <span className="users-name">{row.name}</span>
        <span className="users-id">{row.userId}</span>
      </span>
      <span role="gridcell" className="users-grid__cell" title={row.teamName}>
        {row.teamName}
      </span>
      <span role="gridcell" className="users-grid__cell" title={row.location}>
        {row.location}
      </span>
      <span role="gridcell" className="users-grid__cell" title={roleText(row, queueNames)}>
        {roleText(row, queueNames)}
      </span>
      <span role="gridcell" className="users-grid__cell" title={queues} data-testid="users-row-queues">
        {row.queueIds.length === 0 ? '–' : queues}
      </span>
      <span role="gridcell" className="users-grid__cell users-grid__cell--number" data-testid="users-row-slots">
        {row.kind === 'agent' ? row.slots : '–'}
      </span>
      <span role="gridcell" className="users-grid__cell" title={statusTitle} data-testid="users-row-status">
        <span className={`users-status users-status--${row.status}`}>
          <span className="users-status__dot" aria-hidden="true" />
          {STATUS_LABELS[row.status]}
        </span>
        {showReason ? <span className="users-status__reason"> {row.statusReason}</span> : null}
        {since === '' ? null : <span className="users-status__since"> · {since}</span>}
      </span>
    </div>
  );
}

function PlaceholderRow({ index, start }: { readonly index: number; readonly start: number }) {
  return (
    <div role="row" aria-rowindex={index + 2} aria-busy="true" className="virtual-grid__row users-grid__row users-grid__row--placeholder" style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}>
      <span role="gridcell" className="users-grid__cell users-grid__cell--loading">
        {t('loading')}
      </span>
    </div>
  );
}

/** The grid; the parent owns the listing, the selection and the active row. */
export function UsersTable(props: UsersTableProps) {
  const { rows, busy, sort, queueNames, now, activeIndex, allChecked } = props;
  const total = rows.total;
  // The grid itself scrolls (its header sticks), so the one tab stop is also what the keyboard scrolls.
  const { scrollRef, headRef, virtualizer, headHeight, onKeyDown } = useVirtualGrid({
    count: total,
    rowHeight: ROW_HEIGHT,
    overscan: 10,
    activeIndex,
    onActiveChange: props.onActiveChange,
    onSpace: (_index, shiftKey) => {
      if (activeIndex >= 0) props.onToggle(activeIndex, shiftKey);
    },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  const { onVisibleRange, onRendered } = props;
  useEffect(() => onVisibleRange(first, last), [first, last, rows.key, onVisibleRange]);
  useEffect(() => {
    if (!busy) onRendered();
  }, [rows, busy, onRendered]);
  // A new filter starts at the top; a re-read after an edit keeps the place.
  const filterKey = rows.key.slice(0, rows.key.lastIndexOf(','));
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [filterKey]);
  const activeRow = rowAt(rows, activeIndex);
  return (
    // The grid is the one tab stop and names its active row (aria-activedescendant belongs on the grid, not a rowgroup).
    <div
      ref={scrollRef}
      className="virtual-grid users-grid"
      role="grid"
      aria-label={t('peopleArrowKeysMove')}
      aria-rowcount={total + 1}
      aria-multiselectable="true"
      aria-busy={busy}
      tabIndex={0}
      aria-activedescendant={activeRow === undefined ? undefined : rowId(activeRow.userId)}
      onKeyDown={onKeyDown}
      data-testid="users-table"
      data-total={total}
    >
      <div ref={headRef} role="rowgroup" className="virtual-grid__head users-grid__head">
        <div role="row" aria-rowindex={1} className="virtual-grid__row users-grid__row users-grid__row--head">
          <span role="columnheader" className="users-grid__cell users-grid__cell--select">
            <input
              type="checkbox"
              checked={allChecked}
              disabled={total === 0}
              aria-label={t('selectAllTotalMatching', { total })}
              title={t('selectEveryoneMatchingThe')}
              data-testid="users-select-all"
              onChange={props.onToggleAll}
            />
          </span>
          {COLUMNS.map((column) => (
            <span key={column.key} role="columnheader" aria-sort={ariaSort(sort, column.key)} className={`users-grid__cell${column.numeric === true ? ' users-grid__cell--number' : ''}`}>
              <button type="button" className="history-sort" data-testid={`users-sort-${column.key}`} onClick={() => props.onSort(column.key)}>
                {column.label}
                <span className="history-sort__arrow" aria-hidden="true">
                  {sort.key === column.key ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            </span>
          ))}
        </div>
      </div>
      <div
        role="rowgroup"
        className="virtual-grid__body users-grid__body"
        data-testid="users-table-body"
      >
        <div className="virtual-grid__spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rowAt(rows, item.index);
            if (row === undefined) return <PlaceholderRow key={`placeholder-${item.index}`} index={item.index} start={item.start - headHeight} />;
            return (
              <Row
                key={row.userId}
                row={row}
                index={item.index}
                start={item.start - headHeight}
                active={item.index === activeIndex}
                checked={props.isChecked(row.userId)}
                queueNames={queueNames}
                now={now}
                onToggle={props.onToggle}
                onActiveChange={props.onActiveChange}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
