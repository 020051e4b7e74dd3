/**
 * The live conversations table as the view holds it: rows by conversation id, the current queue
 * panel, and the floor position they reflect. Pure functions, so sorting, filtering and the
 * locally ticking durations are tested without a browser.
 */
import type { ConversationAlert, ConversationsMessage, LiveConversationRow, QueuePanel } from '../../src-shared/api/live-insights.js';
import { assertNever } from '../../src-shared/result.js';
import { formatDuration, zonedParts } from '../../src-shared/time.js';
import { collator } from '../format/locale.js';
import { useT } from '../i18n/translate.js';

const t = useT('components');

/** A row and the core-clock time it arrived: durations grow from there, second by second. */
export interface TimedRow {
  readonly row: LiveConversationRow;
  readonly receivedAt: number;
}

export interface ConversationsViewState {
  /** False until the first snapshot: diffs before it cannot be applied. */
  readonly loaded: boolean;
  readonly rows: ReadonlyMap<string, TimedRow>;
  readonly panel: QueuePanel | null;
  readonly asOfSeq: number | null;
  readonly asOfTime: number | null;
}

export const initialConversationsState: ConversationsViewState = { loaded: false, rows: new Map(), panel: null, asOfSeq: null, asOfTime: null };

/**
 * Applies a snapshot or a diff of the 'live.conversations' topic, received at `receivedAt` (core clock).
 * A snapshot replaces everything (it follows every (re)subscribe). A diff applies only on top of
 * a snapshot and never moves the floor position backwards.
 */
export function reduceConversations(state: ConversationsViewState, message: ConversationsMessage, receivedAt: number): ConversationsViewState {
  switch (message.kind) {
    case 'snapshot': {
      const rows = new Map<string, TimedRow>();
      for (const row of message.rows) rows.set(row.conversationId, { row, receivedAt });
      return { loaded: true, rows, panel: message.panel, asOfSeq: message.asOfSeq, asOfTime: message.asOfTime };
    }
    case 'diff': {
      if (!state.loaded) return state;
      if (state.asOfSeq !== null && message.asOfSeq < state.asOfSeq) return state;
      let rows = state.rows;
      if (message.upsert.length > 0 || message.remove.some((conversationId) => state.rows.has(conversationId))) {
        const next = new Map(state.rows);
        for (const conversationId of message.remove) next.delete(conversationId);
        for (const row of message.upsert) next.set(row.conversationId, { row, receivedAt });
        rows = next;
      }
      return { loaded: true, rows, panel: message.panel, asOfSeq: message.asOfSeq, asOfTime: message.asOfTime };
    }
    default:
      return assertNever(message, 'conversations message');
  }
}

/** Handle time now: the core's figure plus the seconds since it arrived (core clock). */
export function liveHandleTimeSec(timed: TimedRow, now: number): number | null {
  // A customer waiting in the queue has no handle time yet: no one is handling them.
  if (timed.row.waitingForAgent === true) return null;
  return timed.row.handleTimeSec + Math.max(0, now - timed.receivedAt) / 1000;
}

/** Time the customer has been waiting for an answer now; null when nothing is waiting. */
export function liveTimeWaitingSec(timed: TimedRow, now: number): number | null {
  const waiting = timed.row.timeWaitingSec;
  return waiting === null ? null : waiting + Math.max(0, now - timed.receivedAt) / 1000;
}

/**
 * In the order shown: what a supervisor acts on (who, how long the customer waits, the SLA, the
 * alerts) comes first, so it stays on screen at 1440 px beside the queue panel; descriptive
 * columns follow and may scroll.
 */
export const CONVERSATION_COLUMNS = [
  'conversationId',
  'agent',
  'timeWaiting',
  'sla',
  'alerts',
  'handleTime',
  'avgResponseTime',
  'intent',
  'channel',
  'queue',
  'assignedAt',
] as const;
export type ConversationColumn = (typeof CONVERSATION_COLUMNS)[number];

export const CONVERSATION_COLUMN_LABELS: Readonly<Record<ConversationColumn, string>> = {
  conversationId: t('conversationColumnId'),
  agent: t('conversationColumnAgent'),
  channel: t('conversationColumnChannel'),
  intent: t('conversationColumnIntent'),
  queue: t('conversationColumnQueue'),
  assignedAt: t('conversationColumnAssignedAt'),
  handleTime: t('conversationColumnHandleTime'),
  avgResponseTime: t('conversationColumnAvgResponse'),
  timeWaiting: t('conversationColumnTimeWaiting'),
  sla: t('conversationColumnSla'),
  alerts: t('conversationColumnAlerts'),
};

/** Columns a view shows: queue and channel only for a group, which merges several queues (a queue has one channel, named in its header). */
export function visibleColumns(targetKind: 'queue' | 'group'): readonly ConversationColumn[] {
  return targetKind === 'group' ? CONVERSATION_COLUMNS : CONVERSATION_COLUMNS.filter((column) => column !== 'queue' && column !== 'channel');
}

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  readonly column: ConversationColumn;
  readonly direction: SortDirection;
}

/** docs/product.md §2: oldest assignment first. */
export const DEFAULT_CONVERSATION_SORT: SortState = { column: 'assignedAt', direction: 'ascending' };

/** Clicking the sorted column flips it; another column starts ascending. */
export function toggleSort<C extends string>(sort: { readonly column: C; readonly direction: SortDirection }, column: C): { readonly column: C; readonly direction: SortDirection } {
  if (sort.column === column) return { column, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: 'ascending' };
}

/** The aria-sort value of a column header. */
export function ariaSort<C extends string>(sort: { readonly column: C; readonly direction: SortDirection }, column: C): 'ascending' | 'descending' | 'none' {
  return sort.column === column ? sort.direction : 'none';
}

type SortKey = string | number | null;


/** Compares two keys, nulls last in either direction: "no value" never hides the rows that have one. */
export function compareKeys(left: SortKey, right: SortKey, direction: SortDirection): number {
  if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
  const order = typeof left === 'number' && typeof right === 'number' ? left - right : collator({ numeric: true, sensitivity: 'base' }).compare(String(left), String(right));
  return direction === 'ascending' ? order : -order;
}

const ALERT_ORDER: readonly ConversationAlert[] = ['response_sla', 'delivery_failure', 'high_effort', 'transfer', 'whisper_sent', 'taken_over'];

function alertWeight(alerts: readonly ConversationAlert[]): number {
  // More alerts first, then the more serious ones: weight by position in ALERT_ORDER.
  let weight = 0;
  for (const alert of alerts) weight += 1000 + (ALERT_ORDER.length - ALERT_ORDER.indexOf(alert));
  return weight;
}

/** The name shown in the agent column: the agent, or "Supervisor" once one took the conversation over. */
export function ownerName(row: LiveConversationRow): string | null {
  if (row.supervisorId !== null) return t('supervisor');
  return row.agentName ?? row.agentId;
}

function sortKey(timed: TimedRow, column: ConversationColumn, now: number): SortKey {
  const { row } = timed;
  switch (column) {
    case 'conversationId':
      return row.conversationId;
    case 'agent':
      return ownerName(row);
    case 'channel':
      return row.channel;
    case 'intent':
      return row.intent;
    case 'queue':
      return row.queueName;
    case 'assignedAt':
      // A waiting customer has not been assigned: last, like any row without a value.
      return row.waitingForAgent === true ? null : row.assignedAt;
    case 'handleTime':
      return liveHandleTimeSec(timed, now);
    case 'avgResponseTime':
      return row.avgResponseTimeSec;
    case 'timeWaiting':
      return liveTimeWaitingSec(timed, now);
    case 'sla':
      return row.responseSla === 'breached' ? 1 : 0;
    case 'alerts':
      return alertWeight(row.alerts);
    default:
      return assertNever(column, 'conversation column');
  }
}

/**
 * The rows to show: filtered to one agent when a filter is set, sorted on a column; ties keep
 * a stable order by conversation id so rows do not jump between updates.
 */
export function visibleRows(rows: ReadonlyMap<string, TimedRow>, sort: SortState, agentId: string | null, now: number): readonly TimedRow[] {
  const selected: TimedRow[] = [];
  for (const timed of rows.values()) if (agentId === null || timed.row.agentId === agentId) selected.push(timed);
  const keys = new Map<TimedRow, SortKey>();
  for (const timed of selected) keys.set(timed, sortKey(timed, sort.column, now));
  return selected.sort(
    (left, right) => compareKeys(keys.get(left) ?? null, keys.get(right) ?? null, sort.direction) || collator({ numeric: true, sensitivity: 'base' }).compare(left.row.conversationId, right.row.conversationId),
  );
}

/** The agent's name for the filter chip, from any row of theirs; the id when no row names them. */
export function agentLabel(rows: ReadonlyMap<string, TimedRow>, agentId: string): string {
  for (const { row } of rows.values()) if (row.agentId === agentId && row.agentName !== null) return row.agentName;
  return agentId;
}

export interface AlertPresentation {
  readonly label: string;
  /** A glyph beside the words, so the alert does not rely on colour. */
  readonly icon: string;
  readonly tone: 'critical' | 'warning' | 'info';
}

export const ALERT_PRESENTATION: Readonly<Record<ConversationAlert, AlertPresentation>> = {
  transfer: { label: t('transfer'), icon: '⇄', tone: 'info' },
  whisper_sent: { label: t('whisperSent'), icon: '✉', tone: 'info' },
  high_effort: { label: t('highEffort'), icon: '▲', tone: 'warning' },
  delivery_failure: { label: t('deliveryFailure'), icon: '✕', tone: 'critical' },
  taken_over: { label: t('takenOver'), icon: '★', tone: 'info' },
  response_sla: { label: t('responseSla'), icon: '■', tone: 'critical' },
};

/** Alerts in a fixed order (most serious first), whatever order the core listed them in. */
export function orderedAlerts(alerts: readonly ConversationAlert[]): readonly ConversationAlert[] {
  return [...new Set(alerts)].sort((left, right) => ALERT_ORDER.indexOf(left) - ALERT_ORDER.indexOf(right));
}

/** "14:05:09" in a time zone (the queue's, not the viewer's). */
export function formatClockTime(epochMs: number, timeZone: string): string {
  try {
    const parts = zonedParts(epochMs, timeZone);
    return [parts.hour, parts.minute, parts.second].map((value) => String(value).padStart(2, '0')).join(':');
  } catch {
    // An unknown zone must not break the table: fall back to UTC and say so.
    const parts = zonedParts(epochMs, 'UTC');
    return t('value0Utc', { value0: [parts.hour, parts.minute, parts.second].map((value) => String(value).padStart(2, '0')).join(':') });
  }
}

/** A duration in the table: "4:05", or "–" when there is none. */
export function formatSeconds(seconds: number | null): string {
  return formatDuration(seconds);
}
