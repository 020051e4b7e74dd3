/** Erlang C (M/M/N): a queue whose customers never abandon. Formulas: docs/staffing.md#erlang-c. */
import { checkAgents, checkLoad, idleFigures } from './model.js';
import type { QueueLoad, StaffingFigures } from './model.js';
import { erlangB } from './special-functions.js';

/**
 * What `agents` agents achieve on a queue whose customers wait as long as it takes.
 *
 * The probability of waiting is derived from Erlang B (C = N·B / (N − A + A·B)), never from
 * A^N / N!, so a floor of thousands of agents gives finite, exact-to-rounding figures.
 */
export function erlangC(load: QueueLoad, agents: number): StaffingFigures {
  checkLoad(load);
  checkAgents(agents);
  return erlangCFromBlocking(load, agents, erlangB(load.trafficErlangs, agents));
}

/**
 * Erlang C's figures from Erlang B at the same traffic and agents, which the caller already has:
 * the solvers walk the Erlang B recursion upwards and ask for the figures at each step in O(1).
 */
export function erlangCFromBlocking(load: QueueLoad, agents: number, blocking: number): StaffingFigures {
  const traffic = load.trafficErlangs;
  if (traffic === 0) return idleFigures(agents);
  if (traffic >= agents) {
    return { agents, trafficErlangs: traffic, serviceLevel: 0, probabilityOfWaiting: 1, averageSpeedOfAnswerS: Number.POSITIVE_INFINITY, occupancy: agents > 0 ? 1 : 0, probabilityOfAbandon: 0, stable: false };
  }
  const spare = agents - traffic;
  const waiting = Math.min(1, (agents * blocking) / (spare + traffic * blocking));
  const serviceLevel = Math.min(1, Math.max(0, 1 - waiting * Math.exp((-spare * load.targetAnswerS) / load.handleTimeS)));
  return {
    agents,
    trafficErlangs: traffic,
    serviceLevel,
    probabilityOfWaiting: waiting,
    averageSpeedOfAnswerS: (waiting * load.handleTimeS) / spare,
    occupancy: traffic / agents,
    probabilityOfAbandon: 0,
    stable: true,
  };
}
