/**
 * The inputs and outputs of the staffing formulas (docs/staffing.md). Times are in seconds,
 * traffic in erlangs (arrivals per second × average handle time in seconds: the average number of
 * agents the work would keep busy if nobody waited).
 */

/** A queue's demand over an interval, as the formulas see it. */
export interface QueueLoad {
  /** Offered traffic in erlangs; see trafficErlangs(). */
  readonly trafficErlangs: number;
  /** Average handle time of one contact, in seconds. */
  readonly handleTimeS: number;
  /** The service level's threshold: a contact counts as answered in time within this many seconds. */
  readonly targetAnswerS: number;
  /** Mean patience before a waiting customer abandons (Erlang A); absent or Infinity: nobody abandons (Erlang C). */
  readonly patienceS?: number;
}

/** What a number of agents achieves against a load. */
export interface StaffingFigures {
  readonly agents: number;
  readonly trafficErlangs: number;
  /** Fraction of arrivals answered within the target answer time (abandons count as not answered). */
  readonly serviceLevel: number;
  /** Fraction of arrivals that find every agent busy and wait. */
  readonly probabilityOfWaiting: number;
  /** Mean wait in queue over all arrivals, those answered at once included; Infinity for an unstable Erlang C queue. */
  readonly averageSpeedOfAnswerS: number;
  /** Fraction of the agents' time spent handling contacts: carried traffic / agents (0 with no agents). */
  readonly occupancy: number;
  /** Fraction of arrivals that abandon before an answer; 0 under Erlang C. */
  readonly probabilityOfAbandon: number;
  /** False when Erlang C has traffic ≥ agents: the queue grows without bound and every figure is its limit. */
  readonly stable: boolean;
}

/**
 * Offered traffic in erlangs from a count of arrivals over an interval: arrivals × handle time / interval.
 * Planners think in "calls per half hour"; the formulas want erlangs.
 */
export function trafficErlangs(arrivals: number, intervalS: number, handleTimeS: number): number {
  if (!(arrivals >= 0) || !Number.isFinite(arrivals)) throw new RangeError(`arrivals must be a finite number ≥ 0 (got ${arrivals})`);
  if (!(intervalS > 0) || !Number.isFinite(intervalS)) throw new RangeError(`the interval must be a finite number of seconds > 0 (got ${intervalS})`);
  if (!(handleTimeS > 0) || !Number.isFinite(handleTimeS)) throw new RangeError(`the handle time must be a finite number of seconds > 0 (got ${handleTimeS})`);
  return (arrivals * handleTimeS) / intervalS;
}

/** Whether a load is to be read as Erlang A (customers abandon) rather than Erlang C. */
export function abandons(load: QueueLoad): boolean {
  return load.patienceS !== undefined && load.patienceS !== Number.POSITIVE_INFINITY;
}

/**
 * Refuses a load the formulas cannot mean anything for, with a message naming the field: the
 * figures feed staffing decisions, so a NaN must stop here rather than turn into "0 agents needed".
 */
export function checkLoad(load: QueueLoad): void {
  if (!(load.trafficErlangs >= 0) || !Number.isFinite(load.trafficErlangs)) throw new RangeError(`traffic must be a finite number of erlangs ≥ 0 (got ${load.trafficErlangs})`);
  if (!(load.handleTimeS > 0) || !Number.isFinite(load.handleTimeS)) throw new RangeError(`the handle time must be a finite number of seconds > 0 (got ${load.handleTimeS})`);
  if (!(load.targetAnswerS >= 0) || !Number.isFinite(load.targetAnswerS)) throw new RangeError(`the target answer time must be a finite number of seconds ≥ 0 (got ${load.targetAnswerS})`);
  if (load.patienceS !== undefined && !(load.patienceS > 0)) throw new RangeError(`patience must be a number of seconds > 0, or Infinity (got ${load.patienceS})`);
}

/** Refuses a number of agents that is not a whole number ≥ 0. */
export function checkAgents(agents: number): void {
  if (!Number.isSafeInteger(agents) || agents < 0) throw new RangeError(`agents must be a whole number ≥ 0 (got ${agents})`);
}

/** The figures of a queue with no traffic: nobody waits, every (absent) contact is answered at once. */
export function idleFigures(agents: number): StaffingFigures {
  return { agents, trafficErlangs: 0, serviceLevel: 1, probabilityOfWaiting: 0, averageSpeedOfAnswerS: 0, occupancy: 0, probabilityOfAbandon: 0, stable: true };
}
