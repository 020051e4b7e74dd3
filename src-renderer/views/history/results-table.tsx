/**
 * The results of a search: a virtualised grid (only the rows on screen are in the DOM, so a page
 * of thousands scrolls smoothly), sortable headers, highlighted matches, row selection for
 * downloads, and keyboard use: arrows move, Enter opens the transcript, Space selects.
 */
import { useVirtualGrid } from '../../hooks/use-virtual-grid.js';
import type { HistoryRow, HistorySortColumn } from '../../../src-shared/api/history.js';
import { formatDuration } from '../../../src-shared/time.js';
import {
  CHANNEL_LABELS,
  DISPOSITION_LABELS,
  FIGURE_METRICS,
  ariaSort,
  formatDateTime,
  splitSnippet,
  type HistorySort,
} from './history-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('history');

const ROW_HEIGHT = 52;

export interface ResultsTableProps {
  readonly rows: readonly HistoryRow[];
  readonly sort: HistorySort;
  readonly timeZone: string;
  readonly selected: ReadonlySet<string>;
  readonly allSelected: boolean;
  readonly selectable: boolean;
  readonly activeIndex: number;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  onSort(column: HistorySortColumn): void;
  onToggle(conversationId: string): void;
  onToggleAll(): void;
  onActiveChange(index: number): void;
  onOpen(conversationId: string): void;
  onLoadMore(): void;
}

interface Column {
  readonly key: string;
  readonly label: string;
  readonly sort: HistorySortColumn | null;
  readonly numeric?: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'createdAt', label: t('started'), sort: 'createdAt' },
  { key: 'conversation', label: t('conversation'), sort: null },
  { key: 'queue', label: t('queue'), sort: 'queue' },
  { key: 'agent', label: t('agent2'), sort: 'agent' },
  { key: 'intent', label: t('intent'), sort: null },
  { key: 'handleTimeSec', label: t('handle'), sort: 'handleTimeSec', numeric: true },
  { key: 'waitSec', label: t('wait'), sort: 'waitSec', numeric: true },
  { key: 'firstResponseSec', label: t('text1stResp'), sort: 'firstResponseSec', numeric: true },
  { key: 'avgResponseSec', label: t('avgResp'), sort: 'avgResponseSec', numeric: true },
  { key: 'csat', label: 'CSAT', sort: 'csat', numeric: true },
  { key: 'disposition', label: t('outcome'), sort: null },
  { key: 'match', label: t('matchCustomer'), sort: null },
];

function Snippet({ snippet }: { readonly snippet: string }) {
  const parts = splitSnippet(snippet);
  return (
    <span className="history-snippet" title={parts.map((part) => part.text).join('')} data-testid="history-snippet">
      {parts.map((part, index) =>
        part.marked ? (
          <mark key={index} className="history-snippet__match">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </span>
  );
}

function customerText(row: HistoryRow): string {
  const customer = row.customer;
  if (customer === null) return '–';
  return customer.name ?? customer.email ?? customer.phone ?? customer.customerId;
}

function rowId(conversationId: string): string {
  return `history-row-${conversationId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function Row({
  row,
  index,
  start,
  active,
  checked,
  selectable,
  timeZone,
  onToggle,
  onOpen,
  onActiveChange,
}: {
  readonly row: HistoryRow;
  readonly index: number;
  readonly start: number;
  readonly active: boolean;
  readonly checked: boolean;
  readonly selectable: boolean;
  readonly timeZone: string;
  onToggle(conversationId: string): void;
  onOpen(conversationId: string): void;
  onActiveChange(index: number): void;
}) {
  return (
    <div
      id={rowId(row.conversationId)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={checked}
      className={`virtual-grid__row history-grid__row${active ? ' is-active' : ''}${checked ? ' is-checked' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      data-testid="history-row"
      data-conversation-id={row.conversationId}
      onClick={() => {
        onActiveChange(index);
        onOpen(row.conversationId);
      }}
    >
      <span role="gridcell" className="history-grid__cell history-grid__cell--select" onClick={(event) => event.stopPropagation()}>
        {selectable ? (
          <input
            type="checkbox"
            tabIndex={-1}
            checked={checked}
            aria-label={t('selectConversationConversationid', { conversationId: row.conversationId })}
            data-testid="history-row-select"
            onChange={() => onToggle(row.conversationId)}
          />
        ) : null}
      </span>
      <span role="gridcell" className="history-grid__cell">
        {formatDateTime(row.createdAt, timeZone)}
      </span>
      <span role="gridcell" className="history-grid__cell history-grid__cell--id" title={row.conversationId}>
        {row.conversationId}
      </span>
      <span role="gridcell" className="history-grid__cell">
        <span className={`channel-badge channel-badge--${row.channel}`}>{CHANNEL_LABELS[row.channel]}</span> {row.queueName}
      </span>
      <span role="gridcell" className="history-grid__cell">
        {row.agentName ?? '–'}
      </span>
      <span role="gridcell" className="history-grid__cell" title={row.intent}>
        {row.intent}
      </span>
      <span role="gridcell" className="history-grid__cell history-grid__cell--number">
        {formatDuration(row.handleTimeSec)}
      </span>
      <span role="gridcell" className="history-grid__cell history-grid__cell--number">
        {formatDuration(row.waitSec)}
      </span>
      <span role="gridcell" className="history-grid__cell history-grid__cell--number">
        {formatDuration(row.firstResponseSec)}
      </span>
      <span role="gridcell" className="history-grid__cell history-grid__cell--number">
        {formatDuration(row.avgResponseSec)}
      </span>
      <span role="gridcell" className="history-grid__cell history-grid__cell--number" data-testid="history-row-csat">
        {row.csat === null ? '–' : row.csat}
      </span>
      <span role="gridcell" className="history-grid__cell">
        {row.disposition === null ? row.state : DISPOSITION_LABELS[row.disposition]}
      </span>
      <span role="gridcell" className="history-grid__cell history-grid__cell--match">
        {row.snippet === null ? customerText(row) : <Snippet snippet={row.snippet} />}
      </span>
    </div>
  );
}

/** The grid. The parent owns selection, sort and the active row, so they survive opening a transcript. */
export function ResultsTable(props: ResultsTableProps) {
  const { rows, sort, timeZone, selected, allSelected, selectable, activeIndex, hasMore, loadingMore } = props;
  // The grid itself scrolls (its header sticks), so the one tab stop is also what the keyboard scrolls.
  const { scrollRef, headRef, virtualizer, headHeight, onKeyDown } = useVirtualGrid({
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    overscan: 12,
    activeIndex,
    onActiveChange: props.onActiveChange,
    onEnter: (index) => {
      const row = rows[index];
      if (row !== undefined) props.onOpen(row.conversationId);
    },
    onSpace: selectable
      ? (index) => {
          const row = rows[index];
          if (row !== undefined) props.onToggle(row.conversationId);
        }
      : undefined,
  });

  const activeRow = rows[activeIndex];
  const items = virtualizer.getVirtualItems();
  return (
    <>
      {/* The grid is the one tab stop and names its active row (aria-activedescendant belongs on the grid, not a rowgroup). */}
      <div
        ref={scrollRef}
        className="virtual-grid history-grid"
        role="grid"
        aria-label={t('searchResultsArrowKeys')}
        aria-rowcount={rows.length + 1}
        aria-multiselectable={selectable}
        tabIndex={0}
        aria-activedescendant={activeRow === undefined ? undefined : rowId(activeRow.conversationId)}
        onKeyDown={onKeyDown}
        data-testid="history-results"
      >
        <div ref={headRef} role="rowgroup" className="virtual-grid__head history-grid__head">
          <div role="row" aria-rowindex={1} className="virtual-grid__row history-grid__row history-grid__row--head">
            <span role="columnheader" className="history-grid__cell history-grid__cell--select">
              {selectable ? (
                <input
                  type="checkbox"
                  checked={allSelected}
                  aria-label={t('selectAllResults')}
                  title={t('selectEveryConversationOf')}
                  data-testid="history-select-all"
                  onChange={props.onToggleAll}
                />
              ) : null}
            </span>
            {COLUMNS.map((column) => (
              <span
                key={column.key}
                role="columnheader"
                aria-sort={column.sort === null ? undefined : ariaSort(sort, column.sort)}
                className={`history-grid__cell${column.numeric ? ' history-grid__cell--number' : ''}`}
              >
                {column.sort === null ? (
                  column.label
                ) : (
                  <button type="button" className="history-sort" data-testid={`history-sort-${column.key}`} onClick={() => props.onSort(column.sort as HistorySortColumn)}>
                    {column.label}
                    <span className="history-sort__arrow" aria-hidden="true">
                      {sort.column === column.sort ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                )}
                {column.key in FIGURE_METRICS ? (
                  <a className="history-what" href={`#/dictionary/${FIGURE_METRICS[column.key as keyof typeof FIGURE_METRICS]}`} aria-label={t('whatIsLabel', { label: column.label })} title={t('whatIsThis')}>
                    ?
                  </a>
                ) : null}
              </span>
            ))}
          </div>
        </div>
        <div
          role="rowgroup"
          className="virtual-grid__body history-grid__body"
          data-testid="history-results-body"
        >
          <div className="virtual-grid__spacer" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index];
              if (row === undefined) return null;
              return (
                <Row
                  key={row.conversationId}
                  row={row}
                  index={item.index}
                  start={item.start - headHeight}
                  active={item.index === activeIndex}
                  checked={allSelected || selected.has(row.conversationId)}
                  selectable={selectable}
                  timeZone={timeZone}
                  onToggle={props.onToggle}
                  onOpen={props.onOpen}
                  onActiveChange={props.onActiveChange}
                />
              );
            })}
          </div>
        </div>
      </div>
      {/* Outside the grid: a grid holds only rows. */}
      {hasMore ? (
        <div className="history-grid__more">
          <button type="button" className="button" data-testid="history-load-more" disabled={loadingMore} aria-busy={loadingMore} onClick={props.onLoadMore}>
            {loadingMore ? t('loading') : t('loadMore')}
          </button>
        </div>
      ) : null}
    </>
  );
}
