/**
 * Slot-time since midnight: the sums behind the "since midnight" occupancy and concurrency of a
 * queue (src-shared/metrics/dictionary.ts: occupancyTodayPct, concurrencyToday).
 *
 * Each agent carries `slotTimeSince`, the moment up to which its slot-time has been added to the
 * day of each of its queues. Before an event may change an agent (its status, slots, queues or
 * chats), the interval since then is added with the agent's rates as they were, and the clock
 * moves to the event's time: O(queues of the agent) per event, never O(all agents). Reading a
 * figure adds the still-open interval of each member agent up to `now`, clipped to the queue's
 * midnight, so the figure moves between events too: from the agents' clocks the queue's tally
 * keeps in order (queue-tally.ts), not a walk over its members.
 *
 * An agent serving several queues counts in each (as the "now" agent figures do).
 */
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import type { Draft, Mutable } from './draft.js';
import { agentTalliesOf, slotRatesOf, type AgentTally } from './queue-tally.js';
import type { AgentState, LiveState, TodayCounters } from './state.js';

/** The four slot-time sums of a queue's day, in ms (slots × ms, chats × ms, ms). */
export interface SlotTimeSums {
  readonly availableSlotMs: number;
  readonly utilisedSlotMs: number;
  readonly chatMs: number;
  readonly withChatsMs: number;
}

export const NO_SLOT_TIME: SlotTimeSums = { availableSlotMs: 0, utilisedSlotMs: 0, chatMs: 0, withChatsMs: 0 };

/** Today's counters of a queue for the day of `time`, rolled over first when needed (the reducer's). */
export type CountersOf = (queueId: string, time: number) => Mutable<TodayCounters>;

/** What an agent adds to each sum per ms in its current state. */
function ratesOf(agent: AgentState): SlotTimeSums {
  const [availableSlotMs, utilisedSlotMs, chatMs, withChatsMs] = slotRatesOf(agent);
  return { availableSlotMs, utilisedSlotMs, chatMs, withChatsMs };
}

function isIdle(rates: SlotTimeSums): boolean {
  return rates.availableSlotMs === 0 && rates.chatMs === 0;
}

/**
 * The agents an event may change, read before the event is applied: the agent it names, and the
 * agent holding the conversation it moves or ends.
 */
export function agentsChangedBy(draft: Draft, event: FloorEvent): readonly string[] {
  switch (event.type) {
    case 'agent.login':
    case 'agent.logout':
    case 'agent.status':
    case 'agent.capacity':
    case 'agent.queues':
      return [event.agentId];
    case 'conversation.assigned':
    case 'conversation.queued':
    case 'conversation.transferred':
    case 'conversation.taken_over':
    case 'conversation.ended':
    case 'conversation.abandoned': {
      const ids: string[] = [];
      const holder = draft.conversations.get(event.conversationId)?.agentId;
      if (holder !== null && holder !== undefined) ids.push(holder);
      if (event.type === 'conversation.assigned' && event.agentId !== holder) ids.push(event.agentId);
      if ((event.type === 'conversation.transferred' || event.type === 'conversation.taken_over') && event.fromAgentId !== undefined && event.fromAgentId !== holder) {
        ids.push(event.fromAgentId);
      }
      return ids;
    }
    default:
      return [];
  }
}

/**
 * Adds each agent's slot-time from its clock to `time` to the day of each of its queues, with its
 * rates before the event, and moves its clock to `time`. An agent whose clock has not started
 * (new, or from a state written before slot-time existed) starts it here. Time never runs back.
 */
export function accountSlotTime(draft: Draft, agentIds: readonly string[], time: number, countersOf: CountersOf): void {
  for (const agentId of agentIds) {
    const agent = draft.agents.get(agentId);
    if (!agent) continue;
    const since = agent.slotTimeSince;
    if (since !== undefined && time <= since) continue;
    if (since !== undefined) {
      const rates = ratesOf(agent);
      if (!isIdle(rates)) {
        for (const queueId of agent.queueIds) {
          const today = countersOf(queueId, time);
          addInterval(today, rates, Math.max(since, today.dayStart), time);
        }
      }
    }
    const editable = draft.agents.edit(agentId);
    if (editable) editable.slotTimeSince = time;
  }
}

/** Starts the clock of agents an event created (their slot-time counts from their first event). */
export function startSlotClocks(draft: Draft, agentIds: readonly string[], time: number): void {
  for (const agentId of agentIds) {
    const agent = draft.agents.get(agentId);
    if (agent && agent.slotTimeSince === undefined) {
      const editable = draft.agents.edit(agentId);
      if (editable) editable.slotTimeSince = time;
    }
  }
}

/**
 * After a snapshot: every agent's clock starts at the snapshot's time and the day's slot-time is
 * empty, because a snapshot tells the floor as it is, not how long anyone has been in it.
 * O(agents + queues), once per snapshot.
 */
export function restartSlotClocks(draft: Draft, time: number): void {
  for (const [agentId] of draft.agents.result()) {
    const editable = draft.agents.edit(agentId);
    if (editable) editable.slotTimeSince = time;
  }
  for (const [queueId] of draft.today.result()) {
    const today = draft.today.edit(queueId);
    if (!today) continue;
    today.availableSlotMs = 0;
    today.utilisedSlotMs = 0;
    today.chatMs = 0;
    today.withChatsMs = 0;
  }
}

function addInterval(today: Mutable<TodayCounters>, rates: SlotTimeSums, from: number, to: number): void {
  const duration = to - from;
  if (!(duration > 0)) return;
  today.availableSlotMs = (today.availableSlotMs ?? 0) + rates.availableSlotMs * duration;
  today.utilisedSlotMs = (today.utilisedSlotMs ?? 0) + rates.utilisedSlotMs * duration;
  today.chatMs = (today.chatMs ?? 0) + rates.chatMs * duration;
  today.withChatsMs = (today.withChatsMs ?? 0) + rates.withChatsMs * duration;
}

/** Shorter than any local day (23 h on a DST day): `now` this far past a day's end is in the next day. */
const SURELY_NEXT_DAY_MS = 22 * 3_600_000;

/**
 * A queue's slot-time since its midnight at floor time `now`: the sums kept in its day's counters
 * plus the open interval of each member agent. Just past midnight with no event since, the day
 * is the one after the counters' (its sums empty, the open intervals from its midnight). Nothing
 * when the queue has no counters, or they are too old to say where today's midnight is.
 */
export function slotTimeToday(state: LiveState, queueId: string, today: TodayCounters | undefined, now: number): SlotTimeSums {
  return slotTimeOf(agentTalliesOf(state, [queueId]), today, now);
}

/** The same from the counters of a day and tallies holding each member agent once (queue-tally.ts agentTalliesOf). */
export function slotTimeOf(agents: readonly AgentTally[], today: TodayCounters | undefined, now: number): SlotTimeSums {
  if (today === undefined || now < today.dayStart) return NO_SLOT_TIME;
  const current = now < today.nextDayStart;
  if (!current && now >= today.nextDayStart + SURELY_NEXT_DAY_MS) return NO_SLOT_TIME;
  const dayStart = current ? today.dayStart : today.nextDayStart;
  let availableSlotMs = current ? (today.availableSlotMs ?? 0) : 0;
  let utilisedSlotMs = current ? (today.utilisedSlotMs ?? 0) : 0;
  let chatMs = current ? (today.chatMs ?? 0) : 0;
  let withChatsMs = current ? (today.withChatsMs ?? 0) : 0;
  // The open intervals of the member agents, from each one's clock (or the midnight) to now.
  for (const tally of agents) {
    const [available = 0, utilised = 0, chats = 0, withChats = 0] = tally.slotClocks.elapsedSums(now, dayStart);
    availableSlotMs += available;
    utilisedSlotMs += utilised;
    chatMs += chats;
    withChatsMs += withChats;
  }
  return { availableSlotMs, utilisedSlotMs, chatMs, withChatsMs };
}
