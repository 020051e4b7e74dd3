/**
 * The live conversations table: sortable on every column, virtualised so hundreds of live
 * conversations cost only the rows on screen, rows reachable by keyboard (Enter opens the
 * transcript, arrows move between rows).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { ConversationAlert, LiveConversationRow } from '../../src-shared/api/live-insights.js';
import { assertNever } from '../../src-shared/result.js';
import { metricExplanation } from '../format/metric-format.js';
import {
  ALERT_PRESENTATION,
  CONVERSATION_COLUMN_LABELS,
  ariaSort,
  formatClockTime,
  formatSeconds,
  liveHandleTimeSec,
  liveTimeWaitingSec,
  orderedAlerts,
  ownerName,
} from './conversations-model.js';
import type { ConversationColumn, SortState, TimedRow } from './conversations-model.js';
import { useT } from '../i18n/translate.js';

const t = useT('components');

/** Fixed row height: virtualisation without measuring keeps scrolling cheap. */
const ROW_HEIGHT = 52;

const channelLabels = { chat: 'channelChat', voice: 'channelVoice' } as const;

export interface ConversationsTableProps {
  readonly rows: readonly TimedRow[];
  readonly columns: readonly ConversationColumn[];
  readonly sort: SortState;
  readonly onSort: (column: ConversationColumn) => void;
  /** Core clock, ticking each second: handle time and time waiting grow from it. */
  readonly now: number;
  readonly timeZoneOf: (queueId: string) => string;
  readonly selectedId: string | null;
  /** False for roles that may not read transcripts: rows then open nothing. */
  readonly canOpen: boolean;
  readonly onOpen: (conversationId: string) => void;
  readonly onFilterAgent: (agentId: string) => void;
  readonly userId: string | null;
  readonly asOfSeq: number | null;
  readonly totalRows: number;
}

function AlertChips({ alerts }: { readonly alerts: readonly ConversationAlert[] }) {
  if (alerts.length === 0) return <span className="detail-muted">–</span>;
  return (
    <span className="alert-chips">
      {orderedAlerts(alerts).map((alert) => {
        const presentation = ALERT_PRESENTATION[alert];
        return (
          <span key={alert} className={`alert-chip alert-chip--${presentation.tone}`} data-alert={alert} data-testid="conversation-alert">
            <span className="alert-chip__icon" aria-hidden="true">
              {presentation.icon}
            </span>
            {presentation.label}
          </span>
        );
      })}
    </span>
  );
}

function AgentCell({ row, userId, onFilterAgent }: { readonly row: LiveConversationRow; readonly userId: string | null; readonly onFilterAgent: (agentId: string) => void }) {
  if (row.supervisorId !== null) {
    return (
      <span className="owner-supervisor" data-testid="conversation-owner">
        <span aria-hidden="true">★ </span>
        {row.supervisorId === userId ? t('supervisorYou') : ownerName(row)}
      </span>
    );
  }
  if (row.waitingForAgent === true) {
    return (
      <span className="detail-muted" data-testid="conversation-waiting">
        {t('waitingInQueue')}
      </span>
    );
  }
  const name = ownerName(row);
  if (row.agentId === null || name === null) return <span className="detail-muted">{t('unassigned')}</span>;
  const agentId = row.agentId;
  const filter = (event: MouseEvent<HTMLButtonElement>): void => {
    event.stopPropagation();
    onFilterAgent(agentId);
  };
  return (
    <button type="button" className="link-button" onClick={filter} onKeyDown={(event) => event.stopPropagation()} title={t('showOnlyConversations', { name })} data-testid="agent-filter-button" data-agent-id={agentId}>
      {name}
    </button>
  );
}

function Cell({ column, timed, props }: { readonly column: ConversationColumn; readonly timed: TimedRow; readonly props: ConversationsTableProps }) {
  const { row } = timed;
  switch (column) {
    case 'conversationId':
      return (
        <span className="mono" title={row.conversationId}>
          {row.conversationId}
        </span>
      );
    case 'agent':
      return <AgentCell row={row} userId={props.userId} onFilterAgent={props.onFilterAgent} />;
    case 'channel':
      return <span className={`channel-badge channel-badge--${row.channel}`}>{t(channelLabels[row.channel])}</span>;
    case 'intent':
      return <>{row.intent}</>;
    case 'queue':
      return <>{row.queueName}</>;
    case 'assignedAt': {
      if (row.waitingForAgent === true) return <span className="detail-muted">–</span>;
      const zone = props.timeZoneOf(row.queueId);
      return (
        <time dateTime={new Date(row.assignedAt).toISOString()} title={t('assignedAt', { time: formatClockTime(row.assignedAt, zone), zone })}>
          {formatClockTime(row.assignedAt, zone)}
        </time>
      );
    }
    case 'handleTime':
      return <span title={metricExplanation('ahtNowSec')}>{formatSeconds(liveHandleTimeSec(timed, props.now))}</span>;
    case 'avgResponseTime':
      return <span title={metricExplanation('avgResponseTimeSec')}>{formatSeconds(row.avgResponseTimeSec)}</span>;
    case 'timeWaiting':
      return <>{formatSeconds(liveTimeWaitingSec(timed, props.now))}</>;
    case 'sla':
      return row.responseSla === 'breached' ? (
        <span className="sla sla--breached" data-testid="conversation-sla" data-sla="breached">
          <span className="breach-icon breach-icon--critical" aria-hidden="true" />
          {t('breached')}
        </span>
      ) : (
        <span className="sla sla--ok" data-testid="conversation-sla" data-sla="ok">
          <span aria-hidden="true">✓ </span>
          {t('ok')}
        </span>
      );
    case 'alerts':
      return <AlertChips alerts={row.alerts} />;
    default:
      return assertNever(column, 'conversation column');
  }
}

function Row({ timed, index, props }: { readonly timed: TimedRow; readonly index: number; readonly props: ConversationsTableProps }) {
  const { row } = timed;
  const selected = row.conversationId === props.selectedId;
  const open = (): void => {
    if (props.canOpen) props.onOpen(row.conversationId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>): void => {
    if (event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault();
      open();
    }
  };
  return (
    <tr
      className={selected ? 'conversation-row is-selected' : 'conversation-row'}
      tabIndex={0}
      data-index={index}
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      aria-label={props.canOpen ? t('rowOpenable', { id: row.conversationId }) : t('row', { id: row.conversationId })}
      onClick={open}
      onKeyDown={onKeyDown}
      data-testid="conversation-row"
      data-conversation-id={row.conversationId}
      data-agent-id={row.agentId ?? ''}
      data-alerts={row.alerts.join(' ')}
      style={{ height: ROW_HEIGHT }}
    >
      {props.columns.map((column) => (
        <td key={column} className={`conversations-table__cell conversations-table__cell--${column}`} data-column={column}>
          <Cell column={column} timed={timed} props={props} />
        </td>
      ))}
    </tr>
  );
}

/** The table. Its wrapper carries `data-as-of-seq`, written in the same commit as the rows, so "event shown" is observable. */
export function ConversationsTable(props: ConversationsTableProps) {
  const { rows, columns, sort, onSort, asOfSeq } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length === 0 ? 0 : virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  const moveFocus = useCallback(
    (event: KeyboardEvent<HTMLTableSectionElement>) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
      const current = (event.target as HTMLElement).closest('tr[data-index]');
      if (current === null) return;
      event.preventDefault();
      const index = Number(current.getAttribute('data-index'));
      const next = event.key === 'Home' ? 0 : event.key === 'End' ? rows.length - 1 : Math.min(rows.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)));
      virtualizer.scrollToIndex(next, { align: 'auto' });
      // The row may render only after the scroll: focus it on the next frame.
      requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`tr[data-index="${next}"]`)?.focus());
    },
    [rows.length, virtualizer],
  );

  return (
    <div className="conversations-table__scroller" ref={scroller} data-testid="conversations-table" data-as-of-seq={asOfSeq ?? undefined} data-row-count={rows.length} data-total-rows={props.totalRows}>
      <table className="conversations-table" aria-rowcount={rows.length + 1} aria-label={t('liveConversations')}>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => (
              <th key={column} scope="col" aria-sort={ariaSort(sort, column)} className={`conversations-table__head conversations-table__head--${column}`}>
                <button type="button" className="sort-button" onClick={() => onSort(column)} data-testid={`sort-${column}`}>
                  {CONVERSATION_COLUMN_LABELS[column]}
                  <span className="sort-button__arrow" aria-hidden="true">
                    {sort.column === column ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={moveFocus}>
          {paddingTop > 0 ? (
            <tr aria-hidden="true" className="conversations-table__spacer">
              <td colSpan={columns.length} style={{ height: paddingTop }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const timed = rows[item.index];
            return timed === undefined ? null : <Row key={timed.row.conversationId} timed={timed} index={item.index} props={props} />;
          })}
          {paddingBottom > 0 ? (
            <tr aria-hidden="true" className="conversations-table__spacer">
              <td colSpan={columns.length} style={{ height: paddingBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
