/**
 * API contract of the live staffing advisor (docs/staffing.md#live-advice): per queue, the agents
 * the live demand needs, what the agents staffed now achieve, and how long until they stop being
 * enough at the current trend; and the what-ifs of moving agents between two queues or changing
 * their chat slots. All are read-only: applying a move is Management's `agent.queues` command, a
 * slot change its `agent.capacity`, one per agent, audited there.
 * Composed into the one contract in contract.ts.
 */
import { z } from 'zod';
import type { Capability } from '../permissions.js';
import type { Channel } from '../protocol/events.js';
import { liveTargetSchema } from './live-insights.js';

const id = z.string().min(1).max(128);

// ---- shapes ----

/**
 * A figure the advisor could not compute honestly, and why ("no arrivals observed in the last
 * 30 min"): shown as a reason, never as 0.
 */
export interface Unknown {
  readonly value: null;
  readonly reason: string;
}

/** A figure with its value, or null and the reason it is missing. */
export type Figure<T> = { readonly value: T; readonly reason?: undefined } | Unknown;

/** What the agents of a queue achieve (or would) against the live demand. */
export interface PredictedFigures {
  readonly agents: number;
  /** Fraction of arrivals answered within the target answer time, in [0, 1]. */
  readonly serviceLevel: number;
  readonly probabilityOfWaiting: number;
  /** Mean wait in queue over all arrivals; null when the queue grows without bound (Erlang C, traffic ≥ servers). */
  readonly averageSpeedOfAnswerS: number | null;
  readonly occupancy: number;
  /** 0 under Erlang C. */
  readonly probabilityOfAbandon: number;
  readonly stable: boolean;
}

/** The demand the advice rests on, each with its window (docs/staffing.md#live-advice). */
export interface StaffingInputs {
  /** Arrivals per hour over the last 15 minutes and the last 30 minutes. */
  readonly arrivalsPerHour15: Figure<number>;
  readonly arrivalsPerHour30: Figure<number>;
  /** Change of the arrival rate, in arrivals per hour per minute: last 15 min against the 15 before. */
  readonly trendPerHourPerMin: Figure<number>;
  /** Average handle time of today's finished assignments, in seconds. */
  readonly handleTimeS: Figure<number>;
  /** Mean patience estimated from today's abandons (Erlang A); unknown: Erlang C. */
  readonly patienceS: Figure<number>;
  readonly targetAnswerS: number;
  /** The queue's service-level target, in [0, 1]. */
  readonly targetServiceLevel: number;
  /** Conversations an agent holds at once (chat); 1 for voice. */
  readonly slotsPerAgent: number;
  readonly model: 'erlang-c' | 'erlang-a';
}

/** One queue's live staffing advice. */
export interface QueueStaffingAdvice {
  readonly queueId: string;
  readonly name: string;
  readonly channel: Channel;
  /** Floor time the advice was computed for. */
  readonly at: number;
  readonly inputs: StaffingInputs;
  /** Members logged in and available (busy ones included): who can take the queue's work now. */
  readonly agentsAvailable: number;
  readonly agentsLoggedIn: number;
  /** What the available agents achieve now; unknown without a rate and a handle time. */
  readonly current: Figure<PredictedFigures>;
  /** The fewest agents that meet the target now, with their figures. */
  readonly required: Figure<PredictedFigures>;
  /**
   * Minutes until the required agents exceed those available at the current trend: 0 when they
   * already do; unknown when the trend is flat or falling, or there is no trend yet.
   */
  readonly minutesToBreach: Figure<number>;
}

/** An agent a what-if would move, with the queues they would serve afterwards (what `agent.queues` is sent). */
export interface StaffingMove {
  readonly agentId: string;
  readonly name: string;
  readonly queueIdsAfter: readonly string[];
}

/** Both queues before and after moving the named agents. */
export interface StaffingWhatIf {
  readonly fromQueueId: string;
  readonly toQueueId: string;
  /** Agents asked for; `moves` may hold fewer when fewer may move. */
  readonly requested: number;
  readonly moves: readonly StaffingMove[];
  readonly from: StaffingQueueBeforeAfter;
  readonly to: StaffingQueueBeforeAfter;
}

/** The conversations an agent may hold at once, as Management's `agent.capacity` takes them. */
export const SLOTS_RANGE = { min: 1, max: 32 } as const;

/** An agent whose concurrency limit a capacity what-if changes (what `agent.capacity` is sent). */
export interface StaffingCapacityChange {
  readonly agentId: string;
  readonly name: string;
  readonly slotsBefore: number;
  readonly slotsAfter: number;
}

/** One queue the changed agents serve, before and after the change. */
export interface StaffingQueueBeforeAfter {
  readonly before: QueueStaffingAdvice;
  readonly after: QueueStaffingAdvice;
}

/**
 * The what-if of setting the concurrency limit of a chat queue's logged-in agents (all of them, or
 * those named): every queue the session sees that one of them serves, before and after.
 */
export interface StaffingCapacityWhatIf {
  readonly queueId: string;
  readonly slots: number;
  /** The agents whose limit changes (those already at `slots` are left out). */
  readonly changes: readonly StaffingCapacityChange[];
  /** The queue asked about first, then the others the changed agents serve, by name. */
  readonly queues: readonly StaffingQueueBeforeAfter[];
  /** Queues the changed agents also serve that the session does not see: they change too, unshown. */
  readonly unseenQueues: number;
}

/** One 15-minute interval of today in the forecast's zone. */
export interface ForecastInterval {
  /** Start of the interval (epoch ms). */
  readonly start: number;
  /** Arrivals the cache holds for it today; null before the cache covers today or for an interval not begun. */
  readonly actual: number | null;
  /** The same weekdays' mean arrivals in this interval; null without a same weekday in the cache. */
  readonly average: number | null;
  /** Arrivals forecast for an interval not yet over (the mean scaled by today's ratio); null for a finished one, or without a same weekday. */
  readonly forecast: number | null;
  /** Agents the forecast needs to meet the target (Erlang C, slots for chat); null for a past interval or without a forecast or handle time. */
  readonly agentsNeeded: number | null;
}

/** What the forecast rests on (docs/staffing.md#forecast). */
export interface ForecastBasis {
  /** The local dates of the same weekdays averaged, newest first. */
  readonly days: readonly string[];
  /** Today's arrivals in the finished intervals the cache covers, and what the average forecast for them. */
  readonly actualSoFar: number;
  readonly averageSoFar: number;
  /** The scale applied to the average for the rest of the day: (actual + prior) / (average + prior), bounded. */
  readonly ratio: number;
}

/** The arrival forecast of a queue or group for the rest of its local day, and the staffing it implies. */
export interface ArrivalForecast {
  /** The queue's id, or the group's. */
  readonly targetId: string;
  readonly name: string;
  readonly channel: Channel;
  /** The zone whose day is forecast (a group's: its first queue's). */
  readonly timeZone: string;
  /** Floor time of the forecast. */
  readonly at: number;
  /** Today's weekday in that zone ("Thursday"). */
  readonly weekday: string;
  readonly basis: Figure<ForecastBasis>;
  /** Handle time the staffing uses: today's, else the same weekdays'. */
  readonly handleTimeS: Figure<number>;
  readonly handleTimeFrom: 'today' | 'same-weekdays' | null;
  readonly targetAnswerS: number;
  readonly targetServiceLevel: number;
  readonly slotsPerAgent: number;
  /** Every 15-minute interval of today, from local midnight. */
  readonly intervals: readonly ForecastInterval[];
}

// ---- queries ----

export const staffingQuerySchemas = [
  /** Advice for one queue, or every queue the session sees. */
  z.object({ type: z.literal('staffing.advice'), queueId: id.optional() }),
  z.object({ type: z.literal('staffing.whatIf'), fromQueueId: id, toQueueId: id, agents: z.number().int().min(1).max(500) }),
  /** The what-if of setting the chat slots of a queue's logged-in agents (all, or those named); applied with `agent.capacity`. */
  z.object({
    type: z.literal('staffing.capacityWhatIf'),
    queueId: id,
    slots: z
      .number()
      .int(`slots must be a whole number from ${SLOTS_RANGE.min} to ${SLOTS_RANGE.max}`)
      .min(SLOTS_RANGE.min, `slots must be a whole number from ${SLOTS_RANGE.min} to ${SLOTS_RANGE.max}`)
      .max(SLOTS_RANGE.max, `slots must be a whole number from ${SLOTS_RANGE.min} to ${SLOTS_RANGE.max}`),
    agentIds: z.array(id).min(1).max(500).optional(),
  }),
  /** Today's arrivals against the forecast from the same weekdays in the cache, and the agents each interval needs. */
  z.object({ type: z.literal('staffing.forecast'), target: liveTargetSchema }),
  /** Advice for a queue group: its queues pooled (docs/staffing.md#group-advice). */
  z.object({ type: z.literal('staffing.groupAdvice'), groupId: id }),
] as const;

export interface StaffingQueryResults {
  'staffing.advice': readonly QueueStaffingAdvice[];
  'staffing.whatIf': StaffingWhatIf;
  'staffing.capacityWhatIf': StaffingCapacityWhatIf;
  'staffing.forecast': ArrivalForecast;
  'staffing.groupAdvice': QueueStaffingAdvice;
}

/** Advice reads what the live tiles show; applying a move or a slot change needs admin.users (agent.queues, agent.capacity). */
export const STAFFING_QUERY_CAPABILITY = {
  'staffing.advice': 'live.view',
  'staffing.whatIf': 'live.view',
  'staffing.capacityWhatIf': 'live.view',
  'staffing.forecast': 'live.view',
  'staffing.groupAdvice': 'live.view',
} as const satisfies Record<keyof StaffingQueryResults, Capability>;
