/**
 * Erlang A (M/M/N+M): a queue whose customers abandon after an exponential patience, after
 * Garnett, Mandelbaum & Reiman (2002). Formulas and their derivation: docs/staffing.md#erlang-a.
 */
import { erlangC } from './erlang-c.js';
import { abandons, checkAgents, checkLoad, idleFigures } from './model.js';
import type { QueueLoad, StaffingFigures } from './model.js';
import { erlangB, logScaledLowerGamma, logistic, lowerGammaCorrection } from './special-functions.js';

const EPSILON = 1e-17;
const MAX_TERMS = 10_000_000;

/**
 * What `agents` agents achieve on a queue whose customers give up after `patienceS` on average.
 *
 * A load without patience (absent or Infinity) is Erlang C's, and is answered by erlangC(): the
 * formulas below tend to it but lose digits as patience grows without bound.
 */
export function erlangA(load: QueueLoad, agents: number): StaffingFigures {
  checkLoad(load);
  checkAgents(agents);
  if (!abandons(load)) return erlangC(load, agents);
  return erlangAFromBlocking(load, agents, erlangB(load.trafficErlangs, agents));
}

/**
 * The queue part of the stationary distribution: with p_m = y^m / ((x+1)…(x+m)) the weight of m
 * customers waiting relative to "all agents busy, nobody waiting", U = Σ_{m≥1} p_m (as its log)
 * and W = Σ_{m≥1} m·p_m / U, the mean queue length given a queue.
 */
function queueSums(x: number, y: number): { readonly logU: number; readonly meanQueue: number } {
  if (y < x + 2) {
    // The terms only fall (y / (x + m) < 1 from m = 2 on): sum them as they are.
    let term = y / (x + 1);
    let sum = term;
    let weighted = term;
    for (let m = 2; m < MAX_TERMS; m += 1) {
      term *= y / (x + m);
      sum += term;
      weighted += m * term;
      if (m * term < weighted * EPSILON) break;
    }
    return { logU: Math.log(sum), meanQueue: weighted / sum };
  }
  // An overloaded queue: U can exceed any double, so it is kept as a log, and Σ m·p_m = y + (y − x)·U.
  const logU = Math.log(y) + logScaledLowerGamma(x + 1, y);
  return { logU, meanQueue: y * Math.exp(-logU) + (y - x) };
}

/**
 * ln(U_t / U): U_t is U with the arrival rate discounted to y·e^(−decay), scaled by
 * e^(y(1 − e^(−decay))) e^(−(x+1)·decay), decay being the target answer time over the mean patience.
 * Written so that large terms cancel on paper rather than in floating point: y − y·e^(−decay) by
 * expm1, and, when both sums are overloaded, the scales of the two incomplete gammas exactly.
 */
function logWaitBeyond(x: number, y: number, logU: number, decay: number): number {
  const a = x + 1;
  const discounted = y * Math.exp(-decay);
  if (discounted >= a + 1) return lowerGammaCorrection(a, discounted) - lowerGammaCorrection(a, y);
  return Math.log(y) + y * -Math.expm1(-decay) - a * decay + logScaledLowerGamma(a, discounted) - logU;
}

/**
 * Erlang A's figures from Erlang B at the same traffic and agents, which the caller already has
 * (the solver keeps a table of the recursion). `load.patienceS` must be finite.
 *
 * In units of the mean patience, x = N·patience/AHT is the agents' service rate and
 * y = A·patience/AHT the arrival rate. With the sums of queueSums() and B = Erlang B:
 *   P(all busy, no queue) = B / (1 + B·U),  P(wait) = B·(1 + U) / (1 + B·U),
 *   P(abandon) = (B·U / (1 + B·U)) · W / y,  ASA = P(abandon) · patience,
 * and the share of arrivals who wait and are answered within t is (N/A)·(B·U / (1 + B·U))·(1 − U_t / U),
 * U_t being U with the arrival rate discounted by e^(−t/patience) (docs/staffing.md#erlang-a).
 */
export function erlangAFromBlocking(load: QueueLoad, agents: number, blocking: number): StaffingFigures {
  const traffic = load.trafficErlangs;
  if (traffic === 0) return idleFigures(agents);
  const patienceS = load.patienceS as number;
  // Nobody to answer: every arrival waits until it gives up (the general formulas agree, to rounding).
  if (agents === 0) return { agents, trafficErlangs: traffic, serviceLevel: 0, probabilityOfWaiting: 1, averageSpeedOfAnswerS: patienceS, occupancy: 0, probabilityOfAbandon: 1, stable: true };
  const x = (agents * patienceS) / load.handleTimeS;
  const y = (traffic * patienceS) / load.handleTimeS;
  // Traffic so small that the arrival rate underflows: the queue is, to double precision, idle.
  if (y === 0) return { ...idleFigures(agents), trafficErlangs: traffic };
  const { logU, meanQueue } = queueSums(x, y);
  const logOdds = Math.log(blocking) + logU;
  // queued = B·U / (1 + B·U): the share of arrivals that join a non-empty queue.
  const queued = logistic(logOdds);
  const allBusyNoQueue = blocking * logistic(-logOdds);
  const waiting = Math.min(1, allBusyNoQueue + queued);
  const abandon = Math.min(waiting, (queued * meanQueue) / y);

  const answeredAfterWaiting = ((agents * queued) / traffic) * -Math.expm1(Math.min(0, logWaitBeyond(x, y, logU, load.targetAnswerS / patienceS)));
  const serviceLevel = Math.min(1, Math.max(0, 1 - waiting + answeredAfterWaiting));
  return {
    agents,
    trafficErlangs: traffic,
    serviceLevel,
    probabilityOfWaiting: waiting,
    averageSpeedOfAnswerS: abandon * patienceS,
    occupancy: agents > 0 ? Math.min(1, (traffic * (1 - abandon)) / agents) : 0,
    probabilityOfAbandon: abandon,
    stable: true,
  };
}
