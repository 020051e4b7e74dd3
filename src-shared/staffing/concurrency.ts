/**
 * Chat and messaging, where one agent holds several conversations at once. The model and its
 * limits are in docs/staffing.md#chat: each of an agent's slots is a server of its own, and the
 * handle time is the time a conversation holds a slot (longer than it would be one at a time).
 */
import { erlangA } from './erlang-a.js';
import { checkAgents } from './model.js';
import type { QueueLoad, StaffingFigures } from './model.js';
import { requiredAgents } from './solve.js';
import type { StaffingTarget } from './solve.js';

/** How many conversations an agent holds at once, and how much concurrency slows each one down. */
export interface Concurrency {
  /** Conversations one agent handles at the same time (a whole number ≥ 1; 1 for voice). */
  readonly slotsPerAgent: number;
  /**
   * Multiplies the load's handle time to give the time a conversation holds a slot. 1 (the default)
   * when the handle time was measured under concurrency, as a chat platform reports it; above 1 when
   * it was measured one conversation at a time.
   */
  readonly handleTimeFactor?: number;
}

function checkConcurrency(concurrency: Concurrency): void {
  if (!Number.isSafeInteger(concurrency.slotsPerAgent) || concurrency.slotsPerAgent < 1) throw new RangeError(`slots per agent must be a whole number ≥ 1 (got ${concurrency.slotsPerAgent})`);
  const factor = concurrency.handleTimeFactor ?? 1;
  if (!(factor >= 1) || !Number.isFinite(factor)) throw new RangeError(`the handle time factor must be a finite number ≥ 1 (got ${factor})`);
}

/**
 * The load as slots see it: the handle time stretched by the concurrency factor, and the offered
 * traffic (in slot-erlangs) stretched with it.
 */
export function slotLoad(load: QueueLoad, concurrency: Concurrency): QueueLoad {
  checkConcurrency(concurrency);
  const factor = concurrency.handleTimeFactor ?? 1;
  return { ...load, trafficErlangs: load.trafficErlangs * factor, handleTimeS: load.handleTimeS * factor };
}

/** Re-labels figures computed over slots as figures of the agents who hold them (occupancy stays the slots'). */
function perAgent(figures: StaffingFigures, agents: number): StaffingFigures {
  return { ...figures, agents };
}

/**
 * What `agents` agents with several slots each achieve: Erlang A (or C without patience) over
 * agents × slots servers, on the slot load.
 */
export function concurrentFigures(load: QueueLoad, agents: number, concurrency: Concurrency): StaffingFigures {
  checkAgents(agents);
  return perAgent(erlangA(slotLoad(load, concurrency), agents * concurrency.slotsPerAgent), agents);
}

/**
 * What `agents` agents whose limits differ achieve, holding `slots` slots between them (the sum of
 * each one's own limit): Erlang A (or C) over those slots, on the slot load. With every agent at k
 * slots it is concurrentFigures(load, agents, { slotsPerAgent: k }).
 */
export function staffedSlotFigures(load: QueueLoad, agents: number, slots: number, concurrency: Concurrency): StaffingFigures {
  checkAgents(agents);
  if (!Number.isSafeInteger(slots) || slots < agents) throw new RangeError(`${agents} agents hold a whole number of slots, at least ${agents} (got ${slots})`);
  return perAgent(erlangA(slotLoad(load, concurrency), slots), agents);
}

/**
 * The fewest agents with several slots each that meet the target: the fewest slots, rounded up to
 * whole agents (more slots never lower the service level, so the rounded-up floor still meets it).
 */
export function requiredConcurrentAgents(load: QueueLoad, target: StaffingTarget, concurrency: Concurrency): StaffingFigures | undefined {
  const slots = concurrency.slotsPerAgent;
  const maxSlots = target.maxAgents === undefined ? undefined : target.maxAgents * slots;
  const found = requiredAgents(slotLoad(load, concurrency), maxSlots === undefined ? target : { ...target, maxAgents: maxSlots });
  if (found === undefined) return undefined;
  const agents = Math.ceil(found.agents / slots);
  return agents * slots === found.agents ? perAgent(found, agents) : concurrentFigures(load, agents, concurrency);
}
