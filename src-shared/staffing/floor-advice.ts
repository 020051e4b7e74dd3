/**
 * Advice for a whole floor in one call: for each queue, what the agents staffed now achieve and the
 * fewest that would meet its target. Fast enough to run on every refresh of a 10,000-agent floor
 * (bench/staffing.ts measures it).
 */
import { concurrentFigures, requiredConcurrentAgents, staffedSlotFigures } from './concurrency.js';
import type { StaffingFigures } from './model.js';

/** One queue's demand and target, as the advisor knows them. */
export interface QueueDemand {
  readonly queueId: string;
  /** Offered traffic in erlangs (arrival rate × handle time). */
  readonly trafficErlangs: number;
  readonly handleTimeS: number;
  readonly targetAnswerS: number;
  /** The queue's service-level target, in [0, 1]. */
  readonly targetServiceLevel: number;
  /** Agents serving the queue now. */
  readonly agents: number;
  /** Mean patience before abandoning; absent: Erlang C. */
  readonly patienceS?: number;
  /** Conversations per agent at once (chat); absent: 1. The agents needed are counted at this many each. */
  readonly slotsPerAgent?: number;
  /**
   * Slots the agents staffed now hold between them, when their limits differ (the sum of each
   * one's limit); absent: agents × slotsPerAgent. The figures now are those of these slots.
   */
  readonly slotsStaffed?: number;
  /** See Concurrency.handleTimeFactor; absent: 1. */
  readonly handleTimeFactor?: number;
  readonly maxOccupancy?: number;
  readonly maxAbandon?: number;
}

export interface QueueAdvice {
  readonly queueId: string;
  /** What the agents staffed now achieve. */
  readonly current: StaffingFigures;
  /** The fewest agents that meet the target, with their figures; undefined when none up to the search limit does. */
  readonly required: StaffingFigures | undefined;
  /** required.agents − agents: positive, agents short; negative, agents to spare; undefined when unreachable. */
  readonly shortfall: number | undefined;
}

/**
 * Advice for every queue of a floor. Each queue is independent (an agent serving two queues counts
 * in both: the what-if of moving agents is the caller's, by calling this again with new counts).
 */
export function adviseFloor(demands: readonly QueueDemand[]): QueueAdvice[] {
  return demands.map(adviseQueue);
}

/** Advice for one queue: the figures now and the fewest agents that meet its target. */
export function adviseQueue(demand: QueueDemand): QueueAdvice {
  const load = { trafficErlangs: demand.trafficErlangs, handleTimeS: demand.handleTimeS, targetAnswerS: demand.targetAnswerS, ...(demand.patienceS !== undefined ? { patienceS: demand.patienceS } : {}) };
  const concurrency = { slotsPerAgent: demand.slotsPerAgent ?? 1, ...(demand.handleTimeFactor !== undefined ? { handleTimeFactor: demand.handleTimeFactor } : {}) };
  const target = {
    serviceLevel: demand.targetServiceLevel,
    ...(demand.maxOccupancy !== undefined ? { maxOccupancy: demand.maxOccupancy } : {}),
    ...(demand.maxAbandon !== undefined ? { maxAbandon: demand.maxAbandon } : {}),
  };
  const current = demand.slotsStaffed === undefined ? concurrentFigures(load, demand.agents, concurrency) : staffedSlotFigures(load, demand.agents, demand.slotsStaffed, concurrency);
  const required = requiredConcurrentAgents(load, target, concurrency);
  return { queueId: demand.queueId, current, required, shortfall: required === undefined ? undefined : required.agents - demand.agents };
}
