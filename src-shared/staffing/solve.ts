/** The fewest agents that reach a target: docs/staffing.md#solving. */
import { erlangAFromBlocking } from './erlang-a.js';
import { erlangCFromBlocking } from './erlang-c.js';
import { abandons, checkLoad, idleFigures } from './model.js';
import type { QueueLoad, StaffingFigures } from './model.js';
import { nextErlangB } from './special-functions.js';

/** What the staffing must reach; every bound given must hold together. */
export interface StaffingTarget {
  /** Fraction of arrivals answered within the load's target answer time, in [0, 1]. */
  readonly serviceLevel: number;
  /** Highest acceptable occupancy, in (0, 1]: agents need time between contacts. */
  readonly maxOccupancy?: number;
  /** Highest acceptable share of abandons, in [0, 1] (Erlang A only; Erlang C has none). */
  readonly maxAbandon?: number;
  /** Stop looking above this many agents; by default well past any reachable target (see defaultAgentLimit). */
  readonly maxAgents?: number;
}

/**
 * The default ceiling of the search: square-root staffing (N ≈ A + β√A) reaches any practical
 * service level with β below 5, so A/maxOccupancy + 10√A + 100 is never the binding limit of a
 * reachable target, and still stops a search for the unreachable (a service level of exactly 1).
 */
export function defaultAgentLimit(trafficErlangs: number, maxOccupancy = 1): number {
  return Math.ceil(trafficErlangs / maxOccupancy + 10 * Math.sqrt(trafficErlangs) + 100);
}

function checkTarget(target: StaffingTarget): void {
  if (!(target.serviceLevel >= 0 && target.serviceLevel <= 1)) throw new RangeError(`the target service level must be in [0, 1] (got ${target.serviceLevel})`);
  if (target.maxOccupancy !== undefined && !(target.maxOccupancy > 0 && target.maxOccupancy <= 1)) throw new RangeError(`the occupancy cap must be in (0, 1] (got ${target.maxOccupancy})`);
  if (target.maxAbandon !== undefined && !(target.maxAbandon >= 0 && target.maxAbandon <= 1)) throw new RangeError(`the abandon cap must be in [0, 1] (got ${target.maxAbandon})`);
  if (target.maxAgents !== undefined && !(Number.isSafeInteger(target.maxAgents) && target.maxAgents >= 0)) throw new RangeError(`the agent limit must be a whole number ≥ 0 (got ${target.maxAgents})`);
}

/**
 * The fewest agents whose figures meet the target, with those figures; undefined when no number
 * up to the limit does.
 *
 * The search starts at a bound no smaller N can beat (Erlang C needs N > A and N ≥ A / maxOccupancy;
 * under Erlang A at most N of A erlangs are answered, so a service level s needs N ≥ s·A, and an
 * abandon cap c needs N ≥ (1 − c)·A). Erlang C then walks N upwards once, carrying the Erlang B
 * recursion: O(1) a candidate, O(N) in all. Erlang A's candidates cost a series each, so it
 * bisects on the service level and abandons (both monotone in N), then walks up from there for
 * the occupancy cap, which need not be monotone under abandons.
 */
export function requiredAgents(load: QueueLoad, target: StaffingTarget): StaffingFigures | undefined {
  checkLoad(load);
  checkTarget(target);
  const traffic = load.trafficErlangs;
  const occupancyCap = target.maxOccupancy ?? 1;
  const limit = target.maxAgents ?? defaultAgentLimit(traffic, occupancyCap);
  if (traffic === 0) return idleFigures(0);
  if (!abandons(load)) {
    const lowest = Math.max(Math.floor(traffic) + 1, Math.ceil(traffic / occupancyCap));
    let blocking = 1;
    for (let agents = 1; agents <= limit; agents += 1) {
      blocking = nextErlangB(traffic, agents, blocking);
      if (agents < lowest) continue;
      const figures = erlangCFromBlocking(load, agents, blocking);
      if (meets(figures, target)) return figures;
    }
    return undefined;
  }
  const blockings = new Float64Array(limit + 1);
  blockings[0] = 1;
  for (let agents = 1; agents <= limit; agents += 1) blockings[agents] = nextErlangB(traffic, agents, blockings[agents - 1] as number);
  const at = (agents: number): StaffingFigures => erlangAFromBlocking(load, agents, blockings[agents] as number);
  const monotone = { serviceLevel: target.serviceLevel, ...(target.maxAbandon !== undefined ? { maxAbandon: target.maxAbandon } : {}) };
  let low = Math.max(Math.ceil(target.serviceLevel * traffic), Math.ceil(traffic * (1 - (target.maxAbandon ?? 1))));
  if (low > limit || !meets(at(limit), monotone)) return undefined;
  // Invariant: `high` meets the monotone bounds; every N below `low` does not.
  let high = limit;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (meets(at(middle), monotone)) high = middle;
    else low = middle + 1;
  }
  for (let agents = high; agents <= limit; agents += 1) {
    const figures = at(agents);
    if (meets(figures, target)) return figures;
  }
  return undefined;
}

/** Whether figures meet every bound of a target. */
export function meets(figures: StaffingFigures, target: StaffingTarget): boolean {
  return (
    figures.stable &&
    figures.serviceLevel >= target.serviceLevel &&
    (target.maxOccupancy === undefined || figures.occupancy <= target.maxOccupancy) &&
    (target.maxAbandon === undefined || figures.probabilityOfAbandon <= target.maxAbandon)
  );
}
