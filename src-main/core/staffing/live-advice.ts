/**
 * Live staffing advice (docs/staffing.md#live-advice): the live floor's demand per queue (arrival
 * rate over the last 15 and 30 minutes and its trend, today's handle time, patience from today's
 * abandons) fed to the staffing mathematics of src-shared/staffing. Pure functions of the live
 * state, the arrival counts and a floor time, so a test builds the floor by hand and fixes the time.
 *
 * A figure without enough data behind it is null with the reason, never 0: a staffing decision made
 * on "0 agents needed" because nothing was measured is worse than no advice.
 */
import type { Figure, PredictedFigures, QueueStaffingAdvice, StaffingInputs, StaffingMove, StaffingWhatIf } from '../../../src-shared/api/staffing.js';
import { staffedSlotFigures } from '../../../src-shared/staffing/concurrency.js';
import { adviseQueue } from '../../../src-shared/staffing/floor-advice.js';
import type { QueueLoad, StaffingFigures } from '../../../src-shared/staffing/model.js';
import { meets } from '../../../src-shared/staffing/solve.js';
import type { AgentState, LiveState, QueueState, TodayCounters } from '../floor-state/state.js';

const MINUTE_MS = 60_000;
/** The two windows of the arrival rate; the trend compares the last 15 minutes with the 15 before. */
export const SHORT_WINDOW_MS = 15 * MINUTE_MS;
export const LONG_WINDOW_MS = 30 * MINUTE_MS;
/** Fewest finished assignments today before their mean is taken as the handle time. */
export const MIN_FINISHED_FOR_HANDLE_TIME = 5;
/** Fewest abandons with a known wait before patience is estimated (Erlang A); fewer: Erlang C. */
export const MIN_ABANDONS_FOR_PATIENCE = 3;
/** Minutes to breach beyond this are reported as this horizon's reason rather than a number. */
export const BREACH_HORIZON_MIN = 240;

/** Arrivals of one queue in the two 15-minute windows before `now`. */
export interface ArrivalCounts {
  /** Created in [now − 15 min, now). */
  readonly last15: number;
  /** Created in [now − 30 min, now − 15 min). */
  readonly previous15: number;
}

const NO_ARRIVALS: ArrivalCounts = { last15: 0, previous15: 0 };

/** The floor's arrivals at one moment: each queue's counts, and since when arrivals are known at all. */
export interface FloorArrivals {
  /** Queues without an arrival in the last 30 minutes may be absent. */
  readonly counts: ReadonlyMap<string, ArrivalCounts>;
  /**
   * The earliest arrival the store holds (null: none): before it nothing was seen, so a window
   * reaching further back is not a measurement.
   */
  readonly earliest: number | null;
}

function known<T>(value: T): Figure<T> {
  return { value };
}

function unknown<T>(reason: string): Figure<T> {
  return { value: null, reason };
}

/** The logged-in members of a queue (available or away). */
export function loggedInMembers(state: LiveState, queueId: string): AgentState[] {
  const members: AgentState[] = [];
  for (const agentId of state.agentsByQueue.get(queueId) ?? []) {
    const agent = state.agents.get(agentId);
    if (agent?.loggedIn) members.push(agent);
  }
  return members;
}

function isAvailable(agent: AgentState): boolean {
  return agent.loggedIn && agent.status.kind === 'available';
}

function todayOf(state: LiveState, queueId: string, now: number): TodayCounters | undefined {
  const today = state.today.get(queueId);
  return today !== undefined && now >= today.dayStart && now < today.nextDayStart ? today : undefined;
}

/** Since when the floor's arrivals are known: the later of the live state's start and the first stored arrival. */
function observedFrom(state: LiveState, arrivals: FloorArrivals, now: number): number {
  return Math.max(state.observedSince, arrivals.earliest ?? now);
}

/** The demand behind the advice, each figure with its window or the reason it is missing. */
export function staffingInputs(state: LiveState, queue: QueueState, floorArrivals: FloorArrivals, now: number, members: readonly AgentState[]): StaffingInputs {
  const since = observedFrom(state, floorArrivals, now);
  const arrivals = floorArrivals.counts.get(queue.queueId) ?? NO_ARRIVALS;
  const observedShort = now - SHORT_WINDOW_MS >= since;
  const observedLong = now - LONG_WINDOW_MS >= since;
  const observedMinutes = Math.max(0, Math.floor((now - since) / MINUTE_MS));
  const notObserved = (minutes: number): string => `arrivals have been observed for ${observedMinutes} min; this needs ${minutes}`;
  const perHour15 = (arrivals.last15 * 60) / 15;
  const perHourPrevious15 = (arrivals.previous15 * 60) / 15;
  const arrivalsPerHour15 = observedShort ? known(perHour15) : unknown<number>(notObserved(15));
  const arrivalsPerHour30 = observedLong ? known(((arrivals.last15 + arrivals.previous15) * 60) / 30) : unknown<number>(notObserved(30));
  const trendPerHourPerMin = observedLong ? known((perHour15 - perHourPrevious15) / 15) : unknown<number>(notObserved(30));

  const today = todayOf(state, queue.queueId, now);
  const finished = today?.assignmentsFinished ?? 0;
  const handleTimeS =
    today !== undefined && finished >= MIN_FINISHED_FOR_HANDLE_TIME && today.handleTimeSumMs > 0
      ? known(today.handleTimeSumMs / finished / 1000)
      : unknown<number>(`${finished} finished conversation${finished === 1 ? '' : 's'} today; the handle time needs ${MIN_FINISHED_FOR_HANDLE_TIME}`);

  // Exponential patience, estimated as everyone's time in queue over the abandons (each abandon ends
  // one patience; each answer censors one): the time of answered waits counts as well as abandoned ones.
  const abandons = today?.abandonWaitCount ?? 0;
  const exposureMs = (today?.abandonWaitSumMs ?? 0) + (today?.assignWaitSumMs ?? 0);
  const patienceS =
    abandons >= MIN_ABANDONS_FOR_PATIENCE && exposureMs > 0
      ? known(exposureMs / abandons / 1000)
      : unknown<number>(`${abandons} abandon${abandons === 1 ? '' : 's'} with a known wait today; patience needs ${MIN_ABANDONS_FOR_PATIENCE} (Erlang C used)`);

  return {
    arrivalsPerHour15,
    arrivalsPerHour30,
    trendPerHourPerMin,
    handleTimeS,
    patienceS,
    targetAnswerS: queue.serviceLevelTargetSec,
    targetServiceLevel: Math.min(1, Math.max(0, queue.thresholds.serviceLevelPct / 100)),
    slotsPerAgent: slotsPerAgent(queue, members),
    model: patienceS.value === null ? 'erlang-c' : 'erlang-a',
  };
}

/** Voice: 1. Chat: the members' mean slots, rounded: the agents needed are counted at this many each. */
function slotsPerAgent(queue: QueueState, members: readonly AgentState[]): number {
  if (queue.channel === 'voice' || members.length === 0) return 1;
  return Math.max(1, Math.round(staffedSlots(queue, members) / members.length));
}

/**
 * The slots the agents hold between them, each at their own limit (at least 1); one each on voice.
 * The figures of the agents staffed now are those of these slots (ADR 0038).
 */
export function staffedSlots(queue: QueueState, agents: readonly AgentState[]): number {
  if (queue.channel === 'voice') return agents.length;
  return agents.reduce((sum, agent) => sum + Math.max(1, agent.slots), 0);
}

function predicted(figures: StaffingFigures): PredictedFigures {
  return {
    agents: figures.agents,
    serviceLevel: figures.serviceLevel,
    probabilityOfWaiting: figures.probabilityOfWaiting,
    averageSpeedOfAnswerS: Number.isFinite(figures.averageSpeedOfAnswerS) ? figures.averageSpeedOfAnswerS : null,
    occupancy: figures.occupancy,
    probabilityOfAbandon: figures.probabilityOfAbandon,
    stable: figures.stable,
  };
}

function loadAt(inputs: StaffingInputs, perHour: number, handleTimeS: number): QueueLoad {
  return {
    trafficErlangs: (perHour / 3600) * handleTimeS,
    handleTimeS,
    targetAnswerS: inputs.targetAnswerS,
    ...(inputs.patienceS.value !== null ? { patienceS: inputs.patienceS.value } : {}),
  };
}

/** The agents staffed now and the slots they hold between them. */
interface Staffed {
  readonly agents: number;
  readonly slots: number;
}

/**
 * The highest arrival rate (per hour) at which the staffed agents still meet the target, found by
 * bisection: more arrivals never raise the service level. Undefined when they meet it at any rate tried.
 */
function criticalRate(inputs: StaffingInputs, handleTimeS: number, staffed: Staffed, fromPerHour: number): number | undefined {
  const concurrency = { slotsPerAgent: inputs.slotsPerAgent };
  const target = { serviceLevel: inputs.targetServiceLevel };
  const holds = (perHour: number): boolean => meets(staffedSlotFigures(loadAt(inputs, perHour, handleTimeS), staffed.agents, staffed.slots, concurrency), target);
  if (!holds(fromPerHour)) return fromPerHour;
  let low = fromPerHour;
  let high = Math.max(1, fromPerHour * 2);
  for (let doubling = 0; holds(high); doubling += 1) {
    if (doubling > 40) return undefined;
    low = high;
    high *= 2;
  }
  for (let step = 0; step < 40 && high - low > 1e-6 * high; step += 1) {
    const middle = (low + high) / 2;
    if (holds(middle)) low = middle;
    else high = middle;
  }
  return low;
}

function minutesToBreach(inputs: StaffingInputs, handleTimeS: number, staffed: Staffed, current: StaffingFigures, required: StaffingFigures | undefined): Figure<number> {
  if (required === undefined) return unknown('no number of agents meets the target at this demand');
  // Short now when the agents staffed fall short (with every agent at the same limit: fewer than required).
  if (!meets(current, { serviceLevel: inputs.targetServiceLevel })) return known(0);
  const trend = inputs.trendPerHourPerMin.value;
  const rate = inputs.arrivalsPerHour15.value;
  if (trend === null || rate === null) return unknown(inputs.trendPerHourPerMin.reason ?? 'no arrival rate yet');
  if (trend <= 0) return unknown('arrivals are not rising');
  const critical = criticalRate(inputs, handleTimeS, staffed, rate);
  if (critical === undefined) return unknown('the agents available meet the target at any rate');
  const minutes = (critical - rate) / trend;
  return minutes > BREACH_HORIZON_MIN ? unknown(`not within ${BREACH_HORIZON_MIN / 60} hours at this trend`) : known(minutes);
}

/**
 * One queue's advice with the given logged-in agents (the live members, or those a what-if would
 * leave): the figures of the available ones now, the fewest that meet the target, and the time to breach.
 */
export function adviseWithAgents(state: LiveState, queue: QueueState, arrivals: FloorArrivals, now: number, members: readonly AgentState[]): QueueStaffingAdvice {
  const available = members.filter(isAvailable);
  const inputs = staffingInputs(state, queue, arrivals, now, available.length > 0 ? available : members);
  const base = { queueId: queue.queueId, name: queue.name, channel: queue.channel, at: now, inputs, agentsAvailable: available.length, agentsLoggedIn: members.length };
  const rate = inputs.arrivalsPerHour15.value;
  const handleTimeS = inputs.handleTimeS.value;
  if (rate === null || handleTimeS === null) {
    const reason = rate === null ? `no arrival rate: ${inputs.arrivalsPerHour15.reason}` : `no handle time: ${inputs.handleTimeS.reason}`;
    return { ...base, current: unknown(reason), required: unknown(reason), minutesToBreach: unknown(reason) };
  }
  const load = loadAt(inputs, rate, handleTimeS);
  const staffed: Staffed = { agents: available.length, slots: staffedSlots(queue, available) };
  const advice = adviseQueue({
    queueId: queue.queueId,
    trafficErlangs: load.trafficErlangs,
    handleTimeS,
    targetAnswerS: inputs.targetAnswerS,
    targetServiceLevel: inputs.targetServiceLevel,
    agents: available.length,
    slotsPerAgent: inputs.slotsPerAgent,
    slotsStaffed: staffed.slots,
    ...(load.patienceS !== undefined ? { patienceS: load.patienceS } : {}),
  });
  return {
    ...base,
    current: known(predicted(advice.current)),
    required: advice.required === undefined ? unknown('no number of agents meets the target at this demand') : known(predicted(advice.required)),
    minutesToBreach: minutesToBreach(inputs, handleTimeS, staffed, advice.current, advice.required),
  };
}

/** Live advice for one queue of the floor at floor time `now`. */
export function adviseLiveQueue(state: LiveState, queue: QueueState, arrivals: FloorArrivals, now: number): QueueStaffingAdvice {
  return adviseWithAgents(state, queue, arrivals, now, loggedInMembers(state, queue.queueId));
}

/** Why a what-if cannot be answered, or undefined when it can. */
export function whatIfRefusal(from: QueueState | undefined, to: QueueState | undefined): string | undefined {
  if (from === undefined || to === undefined) return 'unknown queue';
  if (from.queueId === to.queueId) return 'the source and target queues are the same';
  if (from.channel !== to.channel) return `agents of a ${from.channel} queue cannot serve a ${to.channel} queue`;
  return undefined;
}

/**
 * Who a what-if moves: available members of the source who are not already in the target, those
 * holding the fewest conversations first (they can switch soonest), then by name and id.
 */
export function movableAgents(state: LiveState, fromQueueId: string, toQueueId: string): AgentState[] {
  return loggedInMembers(state, fromQueueId)
    .filter((agent) => isAvailable(agent) && !agent.queueIds.includes(toQueueId))
    .sort((a, b) => a.conversationIds.length - b.conversationIds.length || a.name.localeCompare(b.name) || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
}

/**
 * Both queues' advice before and after moving up to `count` agents from one queue to the other
 * (each leaves the source and joins the target). The queues must exist and share a channel
 * (whatIfRefusal).
 */
export function staffingWhatIf(
  state: LiveState,
  from: QueueState,
  to: QueueState,
  count: number,
  arrivals: FloorArrivals,
  now: number,
): StaffingWhatIf {
  const moving = movableAgents(state, from.queueId, to.queueId).slice(0, count);
  const movingIds = new Set(moving.map((agent) => agent.agentId));
  const moves: StaffingMove[] = moving.map((agent) => ({
    agentId: agent.agentId,
    name: agent.name,
    queueIdsAfter: [...agent.queueIds.filter((queueId) => queueId !== from.queueId), to.queueId],
  }));
  const fromMembers = loggedInMembers(state, from.queueId);
  const toMembers = loggedInMembers(state, to.queueId);
  return {
    fromQueueId: from.queueId,
    toQueueId: to.queueId,
    requested: count,
    moves,
    from: {
      before: adviseWithAgents(state, from, arrivals, now, fromMembers),
      after: adviseWithAgents(state, from, arrivals, now, fromMembers.filter((agent) => !movingIds.has(agent.agentId))),
    },
    to: {
      before: adviseWithAgents(state, to, arrivals, now, toMembers),
      after: adviseWithAgents(state, to, arrivals, now, [...toMembers, ...moving]),
    },
  };
}
