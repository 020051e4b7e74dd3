/**
 * The planners' calculator (`npm run staffing`, docs/staffing.md#the-calculator): a planning
 * interval's figures in the units planners use, for a given number of agents or the fewest that
 * reach a service level. Pure, so a screen of the console can offer the same calculator.
 */
import { concurrentFigures, requiredConcurrentAgents } from './concurrency.js';
import { trafficErlangs } from './model.js';
import type { QueueLoad } from './model.js';

/** A planning interval's question. */
export interface CalculatorRequest {
  /** Contacts arriving in the interval. */
  readonly calls: number;
  readonly intervalMin: number;
  readonly ahtS: number;
  /** The service level's answer-time threshold. */
  readonly targetS: number;
  /** Either the agents to evaluate, or the service level whose fewest agents to find. */
  readonly staffing: { readonly agents: number } | { readonly serviceLevel: number };
  /** Mean patience before abandoning: Erlang A instead of Erlang C. */
  readonly patienceS?: number;
  /** Conversations per agent at once (chat); 1 by default. */
  readonly slotsPerAgent?: number;
  readonly maxOccupancy?: number;
  readonly maxAbandon?: number;
}

/** The calculator's answer: one flat object, printed as JSON by the command line. */
export interface CalculatorResult {
  readonly trafficErlangs: number;
  readonly agents: number;
  readonly serviceLevel: number;
  readonly probabilityOfWaiting: number;
  /** null when the queue is unstable (Erlang C with traffic ≥ agents): the wait grows without bound. */
  readonly averageSpeedOfAnswerS: number | null;
  readonly occupancy: number;
  /** Present only when a patience was given (Erlang A). */
  readonly probabilityOfAbandon?: number;
  readonly stable: boolean;
}

/**
 * Answers a planner's question; throws a RangeError on input the formulas cannot take, and an
 * Error when no number of agents up to the search limit reaches the service level asked for.
 */
export function calculate(request: CalculatorRequest): CalculatorResult {
  const load: QueueLoad = {
    trafficErlangs: trafficErlangs(request.calls, request.intervalMin * 60, request.ahtS),
    handleTimeS: request.ahtS,
    targetAnswerS: request.targetS,
    ...(request.patienceS !== undefined ? { patienceS: request.patienceS } : {}),
  };
  const concurrency = { slotsPerAgent: request.slotsPerAgent ?? 1 };
  let figures;
  if ('agents' in request.staffing) {
    figures = concurrentFigures(load, request.staffing.agents, concurrency);
  } else {
    const target = {
      serviceLevel: request.staffing.serviceLevel,
      ...(request.maxOccupancy !== undefined ? { maxOccupancy: request.maxOccupancy } : {}),
      ...(request.maxAbandon !== undefined ? { maxAbandon: request.maxAbandon } : {}),
    };
    const found = requiredConcurrentAgents(load, target, concurrency);
    if (found === undefined) throw new Error(`no number of agents reaches a service level of ${request.staffing.serviceLevel} with these bounds`);
    figures = found;
  }
  return {
    trafficErlangs: load.trafficErlangs,
    agents: figures.agents,
    serviceLevel: figures.serviceLevel,
    probabilityOfWaiting: figures.probabilityOfWaiting,
    averageSpeedOfAnswerS: Number.isFinite(figures.averageSpeedOfAnswerS) ? figures.averageSpeedOfAnswerS : null,
    occupancy: figures.occupancy,
    ...(request.patienceS !== undefined ? { probabilityOfAbandon: figures.probabilityOfAbandon } : {}),
    stable: figures.stable,
  };
}
