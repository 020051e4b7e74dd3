/**
 * A live floor built by hand for the staffing tests: queues, agents and today's counters at a
 * fixed floor time, with the state's indexes filled as the reducer would.
 */
import { createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { DEFAULT_THRESHOLDS, defaultServiceLevelTargetSec, zeroCounters } from '../../../../src-main/core/floor-state/state.js';
import type { AgentState, LiveState, QueueState, TodayCounters } from '../../../../src-main/core/floor-state/state.js';
import type { ArrivalCounts, FloorArrivals } from '../../../../src-main/core/staffing/live-advice.js';
import type { Channel } from '../../../../src-shared/protocol/events.js';

/** Monday 2026-03-09 11:00 UTC; the floor has been observed since 08:00. */
export const NOW = Date.UTC(2026, 2, 9, 11, 0, 0);
const DAY_START = Date.UTC(2026, 2, 9);

export function queueState(queueId: string, name: string, channel: Channel): QueueState {
  return {
    queueId,
    configured: true,
    name,
    channel,
    timeZone: 'UTC',
    serviceLevelTargetSec: defaultServiceLevelTargetSec(channel),
    thresholds: { ...DEFAULT_THRESHOLDS, serviceLevelPct: 80 },
    businessHours: { windows: [], holidays: [] },
    presetGroups: [],
    mitigation: { state: 'normal' },
    overflowRules: [],
    estimatedWaitSec: null,
  };
}

export interface AgentOptions {
  readonly name?: string;
  readonly slots?: number;
  readonly away?: boolean;
  readonly loggedIn?: boolean;
  /** Conversations held now (ids only: the advice counts them). */
  readonly conversations?: number;
}

export function agent(agentId: string, queueIds: readonly string[], options: AgentOptions = {}): AgentState {
  return {
    agentId,
    name: options.name ?? agentId,
    teamId: 'team',
    teamName: 'Team',
    location: 'Leeds',
    slots: options.slots ?? 1,
    status: { kind: options.away ? 'away' : 'available', reason: options.away ? 'Break' : '', since: NOW - 3_600_000 },
    queueIds,
    loggedIn: options.loggedIn ?? true,
    loggedInAt: NOW - 3_600_000,
    conversationIds: Array.from({ length: options.conversations ?? 0 }, (_, index) => `${agentId}-c${index}`),
  };
}

export interface FloorParts {
  readonly queues: readonly QueueState[];
  readonly agents: readonly AgentState[];
  readonly today?: Readonly<Record<string, Partial<TodayCounters>>>;
  readonly observedSince?: number;
}

export function floor(parts: FloorParts): LiveState {
  const agentsByQueue = new Map<string, Set<string>>();
  for (const member of parts.agents) {
    for (const queueId of member.queueIds) {
      const members = agentsByQueue.get(queueId) ?? new Set<string>();
      members.add(member.agentId);
      agentsByQueue.set(queueId, members);
    }
  }
  const today = new Map<string, TodayCounters>();
  for (const [queueId, counters] of Object.entries(parts.today ?? {})) today.set(queueId, { ...zeroCounters(DAY_START, DAY_START + 86_400_000), ...counters });
  return {
    ...createLiveState(),
    queues: new Map(parts.queues.map((queue) => [queue.queueId, queue])),
    agents: new Map(parts.agents.map((member) => [member.agentId, member])),
    agentsByQueue,
    today,
    lastEventTime: NOW,
    observedSince: parts.observedSince ?? NOW - 3 * 3_600_000,
  };
}

/** Arrival counts by queue; arrivals stored since three hours before NOW unless said. */
export function arrivalsOf(counts: Readonly<Record<string, ArrivalCounts>>, earliest: number | null = NOW - 3 * 3_600_000): FloorArrivals {
  return { counts: new Map(Object.entries(counts)), earliest };
}
