/**
 * Advice for a queue group (docs/staffing.md#group-advice): the group taken as one pooled queue.
 * Its arrivals are the sum of its queues', its handle time and patience pool today's counters of
 * every queue, its agents are the distinct logged-in members of any of its queues (an agent in two
 * of them counts once: that is what pooling gains), and its target is the strictest of its queues'
 * (the highest service level over the shortest answer time), since pooled customers share one wait.
 *
 * A group holds queues of one channel (live-insights/groups.ts), so the pool is one kind of work.
 * The pooled queue is fed to the very functions that advise one queue.
 */
import type { QueueStaffingAdvice } from '../../../src-shared/api/staffing.js';
import type { LiveState, QueueState, TodayCounters } from '../floor-state/state.js';
import type { ArrivalCounts, FloorArrivals } from './live-advice.js';
import { adviseLiveQueue } from './live-advice.js';

/** A group as the advisor sees it. */
export interface StaffedGroup {
  readonly groupId: string;
  readonly name: string;
  readonly queueIds: readonly string[];
}

/** The group as one queue: a floor whose only queue is the pool, its counters, members and arrivals. */
export interface PooledGroup {
  readonly state: LiveState;
  readonly queue: QueueState;
  readonly arrivals: FloorArrivals;
}

const POOLED_COUNTERS = ['assignmentsFinished', 'handleTimeSumMs', 'abandonWaitCount', 'abandonWaitSumMs', 'assignWaitSumMs', 'entered', 'assigned', 'abandoned'] as const satisfies readonly (keyof TodayCounters)[];

function pooledToday(state: LiveState, queueIds: readonly string[], now: number): TodayCounters | undefined {
  let pooled: TodayCounters | undefined;
  for (const queueId of queueIds) {
    const today = state.today.get(queueId);
    if (today === undefined || now < today.dayStart || now >= today.nextDayStart) continue;
    if (pooled === undefined) {
      pooled = { ...today, feedback: [] };
      continue;
    }
    const sum: Record<string, number> = {};
    for (const field of POOLED_COUNTERS) sum[field] = pooled[field] + today[field];
    pooled = { ...pooled, ...sum, dayStart: Math.min(pooled.dayStart, today.dayStart), nextDayStart: Math.max(pooled.nextDayStart, today.nextDayStart) };
  }
  return pooled;
}

/** The group pooled into one queue, or undefined when none of its queues is on the floor. */
export function poolGroup(state: LiveState, group: StaffedGroup, arrivals: FloorArrivals, now: number): PooledGroup | undefined {
  const queues = group.queueIds.map((queueId) => state.queues.get(queueId)).filter((queue): queue is QueueState => queue !== undefined);
  const [first] = queues;
  if (first === undefined) return undefined;
  const members = new Set<string>();
  let last15 = 0;
  let previous15 = 0;
  for (const queue of queues) {
    for (const agentId of state.agentsByQueue.get(queue.queueId) ?? []) members.add(agentId);
    const counts = arrivals.counts.get(queue.queueId);
    last15 += counts?.last15 ?? 0;
    previous15 += counts?.previous15 ?? 0;
  }
  const queue: QueueState = {
    ...first,
    queueId: group.groupId,
    name: group.name,
    serviceLevelTargetSec: Math.min(...queues.map((entry) => entry.serviceLevelTargetSec)),
    thresholds: { ...first.thresholds, serviceLevelPct: Math.max(...queues.map((entry) => entry.thresholds.serviceLevelPct)) },
  };
  const today = pooledToday(state, queues.map((entry) => entry.queueId), now);
  const pooledCounts: ReadonlyMap<string, ArrivalCounts> = new Map([[group.groupId, { last15, previous15 }]]);
  return {
    state: {
      ...state,
      queues: new Map([[group.groupId, queue]]),
      today: today === undefined ? new Map() : new Map([[group.groupId, today]]),
      agentsByQueue: new Map([[group.groupId, members]]),
    },
    queue,
    arrivals: { counts: pooledCounts, earliest: arrivals.earliest },
  };
}

/** The group's advice as one pooled queue; undefined when none of its queues is on the floor. */
export function adviseGroup(state: LiveState, group: StaffedGroup, arrivals: FloorArrivals, now: number): QueueStaffingAdvice | undefined {
  const pooled = poolGroup(state, group, arrivals, now);
  return pooled === undefined ? undefined : adviseLiveQueue(pooled.state, pooled.queue, pooled.arrivals, now);
}
