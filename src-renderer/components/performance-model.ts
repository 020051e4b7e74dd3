/**
 * The performance tab's pure parts: how an agent's status is shown, searching and sorting the
 * agent panel, the channel filter, and the feedback filter.
 */
import { secondsInStatus } from '../../src-shared/metrics/agent-explanation.js';
import type { AgentRow, AgentSignal, FeedbackRow } from '../../src-shared/api/live-insights.js';
import type { Channel } from '../../src-shared/protocol/events.js';
import { assertNever } from '../../src-shared/result.js';
import { compareKeys } from './conversations-model.js';
import type { SortDirection } from './conversations-model.js';
import { useT } from '../i18n/translate.js';

const t = useT('components');

export type StatusTone = 'available' | 'busy' | 'away' | 'offline';

export interface StatusPresentation {
  readonly tone: StatusTone;
  /** Words for the status (the colour is never the only sign). */
  readonly label: string;
}

const toneLabels: Readonly<Record<StatusTone, string>> = { available: 'Available', busy: 'Busy', away: 'Away', offline: 'Offline' };

/** Available green, busy (available with chats), away orange, offline grey; the feed's reason in words. */
export function presentStatus(agent: Pick<AgentRow, 'statusKind' | 'busy' | 'statusReason'>): StatusPresentation {
  const tone: StatusTone = agent.statusKind === 'available' ? (agent.busy ? 'busy' : 'available') : agent.statusKind;
  const reason = agent.statusReason.trim().toLowerCase();
  // A reason that only repeats the kind ("Available" while busy) adds nothing.
  const redundant = reason.length === 0 || reason === tone || reason === agent.statusKind;
  const label = redundant ? toneLabels[tone] : `${toneLabels[tone]} · ${agent.statusReason.trim()}`;
  return { tone, label };
}

export const SIGNAL_LABELS: Readonly<Record<AgentSignal, string>> = { high_effort: t('signalHighEffort'), flex: t('signalFlex') };

export const AGENT_COLUMNS = ['name', 'status', 'timeInStatus', 'aht', 'avgResponseTime', 'assignments', 'signals'] as const;
export type AgentColumn = (typeof AGENT_COLUMNS)[number];

export const AGENT_COLUMN_LABELS: Readonly<Record<AgentColumn, string>> = {
  name: t('agentColumnName'),
  status: t('agentColumnStatus'),
  timeInStatus: t('agentColumnTimeInStatus'),
  aht: t('agentColumnAht'),
  avgResponseTime: t('agentColumnAvgResponse'),
  assignments: t('agentColumnAssignments'),
  signals: t('agentColumnSignals'),
};

export interface AgentSort {
  readonly column: AgentColumn;
  readonly direction: SortDirection;
}

export const DEFAULT_AGENT_SORT: AgentSort = { column: 'name', direction: 'ascending' };

const statusRank: Readonly<Record<StatusTone, number>> = { available: 0, busy: 1, away: 2, offline: 3 };

function agentKey(agent: AgentRow, column: AgentColumn): string | number | null {
  switch (column) {
    case 'name':
      return agent.name;
    case 'status':
      return statusRank[presentStatus(agent).tone];
    case 'timeInStatus':
      // Longer in status sorts later: an earlier start is a longer time.
      return -agent.statusSince;
    case 'aht':
      return agent.ahtSec;
    case 'avgResponseTime':
      return agent.avgResponseTimeSec;
    case 'assignments':
      return agent.assignments;
    case 'signals':
      return agent.signals.length;
    default:
      return assertNever(column, 'agent column');
  }
}

/** Agents whose name, team or location contains the search (any case), sorted; ties by name then id. */
export function visibleAgents(agents: readonly AgentRow[], search: string, sort: AgentSort): readonly AgentRow[] {
  const needle = search.trim().toLowerCase();
  const matches = needle.length === 0 ? [...agents] : agents.filter((agent) => [agent.name, agent.teamName, agent.location, agent.agentId].some((field) => field.toLowerCase().includes(needle)));
  return matches.sort(
    (left, right) =>
      compareKeys(agentKey(left, sort.column), agentKey(right, sort.column), sort.direction) ||
      compareKeys(left.name, right.name, 'ascending') ||
      compareKeys(left.agentId, right.agentId, 'ascending'),
  );
}

/** Time in status, in seconds, on the floor clock estimate; never negative. */
export function timeInStatusSec(agent: Pick<AgentRow, 'statusSince'>, floorNow: number): number {
  return secondsInStatus(agent.statusSince, floorNow);
}

/**
 * The floor's clock estimated from the last message: its floor time plus the core-clock time
 * elapsed since it arrived.
 */
export function estimateFloorNow(asOfTime: number, receivedAt: number, now: number): number {
  return asOfTime + Math.max(0, now - receivedAt);
}

/**
 * The assignments cell: conversations held now against the agent's slots ("3 / 4 slots"), but
 * only for "now": a count since midnight over slots ("5 / 4 slots") compares two unlike things.
 */
export function assignmentsCell(agent: Pick<AgentRow, 'assignments' | 'slots'>, periodLabel: string): { readonly count: string; readonly slots: string | null } {
  return { count: String(agent.assignments), slots: periodLabel === 'now' ? t('ofSlots', { count: agent.slots }) : null };
}

export const CHANNELS: readonly Channel[] = ['chat', 'voice'];

/**
 * Toggles a channel of the multi-select. At least one stays selected: with none, there would be
 * nothing to show and nothing to ask for.
 */
export function toggleChannel(selected: readonly Channel[], channel: Channel): readonly Channel[] {
  if (selected.includes(channel)) return selected.length === 1 ? selected : selected.filter((value) => value !== channel);
  return CHANNELS.filter((value) => value === channel || selected.includes(value));
}

/** The subscription's channel filter: omitted when every channel is selected. */
export function channelFilter(selected: readonly Channel[]): readonly Channel[] | undefined {
  return CHANNELS.every((channel) => selected.includes(channel)) ? undefined : selected;
}

/** Feedback of one agent, or all of it; keeps the core's order (newest first). */
export function filterFeedback(feedback: readonly FeedbackRow[], agentId: string | null): readonly FeedbackRow[] {
  return agentId === null ? feedback : feedback.filter((row) => row.agentId === agentId);
}

/** The agents that appear in the feedback, for the filter's options, by name. */
export function feedbackAgents(feedback: readonly FeedbackRow[]): readonly { readonly agentId: string; readonly name: string }[] {
  const byId = new Map<string, string>();
  for (const row of feedback) if (row.agentId !== null && !byId.has(row.agentId)) byId.set(row.agentId, row.agentName ?? row.agentId);
  return [...byId].map(([agentId, name]) => ({ agentId, name })).sort((left, right) => compareKeys(left.name, right.name, 'ascending'));
}

/** "5/5 · satisfied": a CSAT rating on the 5-point scale in words, not only a number. */
export function ratingLabel(rating: number): string {
  return `${rating}/5 ${rating >= 4 ? '· satisfied' : rating <= 2 ? '· dissatisfied' : '· neutral'}`;
}
