/**
 * The inputs behind each metric (src-shared/metrics/explanation.ts): the same sums and counts as
 * metrics.ts, at the same floor time, with the words that name them and the conversations or
 * agents they count. Computed only when someone opens a figure, never on the live path.
 *
 * The figure itself is taken from groupMetrics, so an explanation always carries the value the
 * tiles and panels show for that moment; its terms recompute it (valueFromTerms), and the tests
 * hold the two together for every metric.
 */
import type { MetricId } from '../../../src-shared/metrics/dictionary.js';
import {
  MAX_EXPLAINED_IDS,
  type ExplanationBehind,
  type ExplanationTerms,
  type ExplanationTerm,
  type MetricExplanation,
} from '../../../src-shared/metrics/explanation.js';
import { assertNever } from '../../../src-shared/result.js';
import { asOneQueue, groupMetrics, mergeTodayCounters } from './overview.js';
import { slotTimeToday, type SlotTimeSums } from './slot-time.js';
import type { AgentState, ConversationState, LiveState, TodayCounters } from './state.js';

/** A short abandon (within this) does not count against the service level (dictionary: serviceLevelPct). */
const SHORT_ABANDON_SEC = 5;

type Terms = ExplanationTerms;

function term(label: string, value: number): ExplanationTerm {
  return { label, value };
}

/** Seconds for people: whole seconds, or one decimal below ten. */
function seconds(value: number): string {
  return `${value < 10 && !Number.isInteger(value) ? value.toFixed(1) : Math.round(value)} s`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function capped<T>(items: readonly T[], idOf: (item: T) => string): { readonly ids: readonly string[]; readonly total: number } {
  return { ids: items.slice(0, MAX_EXPLAINED_IDS).map(idOf), total: items.length };
}

function conversationsBehind(items: readonly ConversationState[]): ExplanationBehind {
  return { kind: 'conversations', ...capped(items, (conversation) => conversation.conversationId) };
}

function agentsBehind(items: readonly AgentState[]): ExplanationBehind {
  return { kind: 'agents', ...capped(items, (agent) => agent.agentId) };
}

/** The queue's conversations waiting now (longest wait first) and held now (oldest assignment first). */
function liveConversations(state: LiveState, queueId: string): { readonly queued: ConversationState[]; readonly assigned: ConversationState[] } {
  const queued: ConversationState[] = [];
  const assigned: ConversationState[] = [];
  for (const conversationId of state.conversationsByQueue.get(queueId) ?? []) {
    const conversation = state.conversations.get(conversationId);
    if (conversation?.state === 'queued') queued.push(conversation);
    else if (conversation?.state === 'assigned') assigned.push(conversation);
  }
  const byId = (a: ConversationState, b: ConversationState) => (a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0);
  queued.sort((a, b) => (a.queuedAt ?? 0) - (b.queuedAt ?? 0) || byId(a, b));
  assigned.sort((a, b) => (a.assignedAt ?? 0) - (b.assignedAt ?? 0) || byId(a, b));
  return { queued, assigned };
}

function queuedWaitMs(conversation: ConversationState, now: number): number {
  return conversation.queuedAt === null ? 0 : Math.max(0, now - conversation.queuedAt);
}

function handleMs(conversation: ConversationState, now: number): number {
  return conversation.assignedAt === null ? 0 : Math.max(0, now - conversation.assignedAt);
}

function firstResponseMs(conversation: ConversationState): number | null {
  return conversation.firstAgentMessageAt !== null && conversation.assignedAt !== null ? Math.max(0, conversation.firstAgentMessageAt - conversation.assignedAt) : null;
}

function sumSeconds<T>(items: readonly T[], msOf: (item: T) => number): number {
  let sum = 0;
  for (const item of items) sum += msOf(item);
  return sum / 1000;
}

function meanTerms(sum: ExplanationTerm, count: ExplanationTerm, behind: ExplanationBehind, exclusions: readonly ExplanationTerm[] = []): Terms {
  const mean = count.value > 0 ? `mean ${seconds(sum.value / count.value)}` : 'no mean';
  const excluded = exclusions.filter((exclusion) => exclusion.value > 0).map((exclusion) => `; ${exclusion.value} ${exclusion.label}`);
  return { kind: 'mean', numerator: sum, denominator: count, exclusions, summary: `${seconds(sum.value)} in total over ${count.value} ${count.label}: ${mean}${excluded.join('')}`, behind };
}

function countTerms(label: string, value: number, behind: ExplanationBehind): Terms {
  return { kind: 'count', numerator: term(label, value), denominator: null, exclusions: [], summary: `${value} ${label}`, behind };
}

function percentTerms(part: ExplanationTerm, whole: ExplanationTerm, behind: ExplanationBehind, exclusions: readonly ExplanationTerm[] = []): Terms {
  const excluded = exclusions.filter((exclusion) => exclusion.value > 0).map((exclusion) => `; ${exclusion.value} ${exclusion.label}`);
  return { kind: 'percent', numerator: part, denominator: whole, exclusions, summary: `${part.value} ${part.label} of ${whole.value} ${whole.label}${excluded.join('')}`, behind };
}

function nowConversationTerms(metricId: MetricId, state: LiveState, queueId: string, now: number): Terms | null {
  const { queued, assigned } = liveConversations(state, queueId);
  const waitingAndHeld = [...queued, ...assigned];
  switch (metricId) {
    case 'queued':
      return countTerms('waiting now', queued.length, conversationsBehind(queued));
    case 'longestWaitSec': {
      const waitSec = queued.reduce((longest, conversation) => Math.max(longest, queuedWaitMs(conversation, now)), 0) / 1000;
      return {
        kind: 'max',
        numerator: term('longest wait', waitSec),
        denominator: null,
        exclusions: [],
        summary: queued.length === 0 ? 'nobody waiting' : `${seconds(waitSec)}, the longest of ${plural(queued.length, 'customer', 'customers')} waiting`,
        behind: conversationsBehind(queued),
      };
    }
    case 'offered':
      return countTerms(`offered now (${queued.length} waiting + ${assigned.length} with an agent)`, waitingAndHeld.length, conversationsBehind(waitingAndHeld));
    case 'assigned':
      return countTerms('with an agent now', assigned.length, conversationsBehind(assigned));
    case 'avgCurrentTimeInQueueSec':
      return meanTerms(term('seconds waited so far', sumSeconds(queued, (c) => queuedWaitMs(c, now))), term('waiting now', queued.length), conversationsBehind(queued));
    case 'avgTimeToAssignSec': {
      const direct = assigned.filter((conversation) => (conversation.timeToAssignMs ?? 0) === 0).length;
      return meanTerms(term('seconds in queue before assignment', sumSeconds(assigned, (c) => c.timeToAssignMs ?? 0)), term('with an agent now', assigned.length), conversationsBehind(assigned), [term('assigned directly, counted as 0 s', direct)]);
    }
    case 'avgWaitSec':
      return meanTerms(
        term('seconds in queue (waiting now, or before assignment)', sumSeconds(queued, (c) => queuedWaitMs(c, now)) + sumSeconds(assigned, (c) => c.timeToAssignMs ?? 0)),
        term('waiting or with an agent now', waitingAndHeld.length),
        conversationsBehind(waitingAndHeld),
      );
    case 'ahtNowSec':
      return meanTerms(term('seconds handled so far', sumSeconds(assigned, (c) => handleMs(c, now))), term('with an agent now', assigned.length), conversationsBehind(assigned));
    case 'avgResponseTimeSec': {
      const replied = assigned.filter((conversation) => conversation.responseCount > 0);
      const count = replied.reduce((sum, conversation) => sum + conversation.responseCount, 0);
      return meanTerms(term('seconds customers waited for a reply', sumSeconds(replied, (c) => c.responseTimeSumMs)), term('replies', count), conversationsBehind(replied), [
        term('held conversations with no reply yet left out', assigned.length - replied.length),
      ]);
    }
    case 'avgFirstResponseTimeSec': {
      const answered = assigned.filter((conversation) => firstResponseMs(conversation) !== null);
      return meanTerms(term('seconds from assignment to first agent message', sumSeconds(answered, (c) => firstResponseMs(c) ?? 0)), term('with a first agent message', answered.length), conversationsBehind(answered), [
        term('held conversations with no agent message yet left out', assigned.length - answered.length),
      ]);
    }
    default:
      return null;
  }
}

function nowAgentTerms(metricId: MetricId, state: LiveState, queueId: string): Terms | null {
  const members: AgentState[] = [];
  for (const agentId of state.agentsByQueue.get(queueId) ?? []) {
    const agent = state.agents.get(agentId);
    if (agent) members.push(agent);
  }
  members.sort((a, b) => a.name.localeCompare(b.name) || (a.agentId < b.agentId ? -1 : 1));
  const chats = (agent: AgentState) => agent.conversationIds.length;
  const isAvailable = (agent: AgentState) => agent.status.kind === 'available';
  const slotsOf = (agents: readonly AgentState[]) => agents.reduce((sum, agent) => sum + agent.slots, 0);
  const { assigned } = liveConversations(state, queueId);
  switch (metricId) {
    case 'activeSlotsPct': {
      const active = members.filter((agent) => isAvailable(agent) || chats(agent) > 0);
      return percentTerms(term('conversations with an agent', assigned.length), term('slots of agents available or handling chats', slotsOf(active)), agentsBehind(active));
    }
    case 'occupancyNowPct': {
      const available = members.filter(isAvailable);
      const held = available.reduce((sum, agent) => sum + chats(agent), 0);
      return percentTerms(term('chats held by available agents', held), term('slots of available agents', slotsOf(available)), agentsBehind(available));
    }
    case 'concurrencyNow': {
      const handling = members.filter((agent) => chats(agent) > 0);
      return {
        kind: 'ratio',
        numerator: term('conversations with an agent', assigned.length),
        denominator: term('agents with at least one chat', handling.length),
        exclusions: [],
        summary: `${assigned.length} conversations with an agent over ${plural(handling.length, 'agent', 'agents')} handling chats`,
        behind: agentsBehind(handling),
      };
    }
    case 'loggedInAgents': {
      const loggedIn = members.filter((agent) => agent.status.kind !== 'offline');
      return countTerms(`agents not offline (of ${members.length} members)`, loggedIn.length, agentsBehind(loggedIn));
    }
    case 'agentsAvailable': {
      const free = members.filter((agent) => isAvailable(agent) && chats(agent) === 0);
      return countTerms('agents available with no chat', free.length, agentsBehind(free));
    }
    case 'agentsBusy': {
      const busy = members.filter((agent) => isAvailable(agent) && chats(agent) > 0);
      return countTerms('agents available and handling chats', busy.length, agentsBehind(busy));
    }
    case 'agentsAway': {
      const away = members.filter((agent) => agent.status.kind === 'away');
      return countTerms('agents in an away status', away.length, agentsBehind(away));
    }
    default:
      return null;
  }
}

/** Slot-time in hours for people: one decimal. */
function hours(ms: number): string {
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** Figures the cache does not keep (time-outs, slot time): on a day whose earlier hours come from it, the inputs are the live part's only. */
const NOT_KEPT_BY_THE_CACHE: ReadonlySet<MetricId> = new Set(['timedOutToday', 'occupancyTodayPct', 'concurrencyToday']);

function todayTerms(metricId: MetricId, today: TodayCounters | undefined, slots: SlotTimeSums, behind: ExplanationBehind, targetWords: string): Terms {
  const terms = todayCounterTerms(metricId, today, slots, behind, targetWords);
  if (today?.pastUntil === undefined || !NOT_KEPT_BY_THE_CACHE.has(metricId)) return terms;
  return { ...terms, summary: `Not known for the day: the hours before this console started come from its cache, which does not keep this figure's inputs. Since the start: ${terms.summary}` };
}

function todayCounterTerms(metricId: MetricId, today: TodayCounters | undefined, slots: SlotTimeSums, behind: ExplanationBehind, targetWords: string): Terms {
  const entered = today?.entered ?? 0;
  const assigned = today?.assigned ?? 0;
  const abandoned = today?.abandoned ?? 0;
  const short = today?.abandonedShort ?? 0;
  const surveys = today?.surveys ?? 0;
  switch (metricId) {
    case 'enteredToday':
      return countTerms('entered the queue since midnight', entered, behind);
    case 'offeredToday':
      return countTerms('offered since midnight (queued or assigned directly)', today?.offered ?? 0, behind);
    case 'assignedToday':
      return countTerms('assignments since midnight', assigned, behind);
    case 'abandonedToday':
      return countTerms('abandons since midnight', abandoned, behind);
    case 'timedOutToday':
      return countTerms('assignments returned to the queue before the agent wrote, since midnight', today?.timedOut ?? 0, behind);
    case 'occupancyTodayPct': {
      const used = term('slot-hours used while available', slots.utilisedSlotMs / 3_600_000);
      const available = term('slot-hours available', slots.availableSlotMs / 3_600_000);
      return { ...percentTerms(used, available, behind), summary: `${hours(slots.utilisedSlotMs)} of slot-time used of ${hours(slots.availableSlotMs)} available` };
    }
    case 'concurrencyToday': {
      const chatHours = term('chat-hours held', slots.chatMs / 3_600_000);
      const busyHours = term('agent-hours with at least one chat', slots.withChatsMs / 3_600_000);
      const mean = slots.withChatsMs > 0 ? (slots.chatMs / slots.withChatsMs).toFixed(2) : 'no mean';
      return { kind: 'ratio', numerator: chatHours, denominator: busyHours, exclusions: [], summary: `${hours(slots.chatMs)} of chats over ${hours(slots.withChatsMs)} with at least one chat: ${mean} at a time`, behind };
    }
    case 'abandonRatePct':
      return percentTerms(term('abandoned', abandoned), term('entered the queue', entered), behind);
    case 'avgAbandonTimeSec':
      return meanTerms(term('seconds in queue before abandoning', (today?.abandonWaitSumMs ?? 0) / 1000), term('abandons', today?.abandonWaitCount ?? 0), behind, [
        term('abandons with no known queue time left out', abandoned - (today?.abandonWaitCount ?? 0)),
      ]);
    case 'avgTimeInQueueTodaySec':
      return meanTerms(term('seconds in queue', (today?.queueTimeSumMs ?? 0) / 1000), term('left the queue (assigned or abandoned)', today?.leftQueueCount ?? 0), behind);
    case 'avgTimeToAssignTodaySec':
      return meanTerms(term('seconds in queue before assignment', (today?.assignWaitSumMs ?? 0) / 1000), term('assignments', assigned), behind);
    case 'ahtTodaySec':
      return meanTerms(term('seconds handled', (today?.handleTimeSumMs ?? 0) / 1000), term('finished assignments', today?.assignmentsFinished ?? 0), behind);
    case 'serviceLevelPct':
      return percentTerms(term(`answered within ${targetWords}`, today?.assignedWithinTarget ?? 0), term('eligible (assigned, or abandoned after 5 s)', assigned + abandoned - short), behind, [
        term(`${short === 1 ? 'abandon' : 'abandons'} under ${SHORT_ABANDON_SEC} s excluded`, short),
      ]);
    case 'resolutionRatePct':
      return percentTerms(term('resolved', today?.resolved ?? 0), term('dispositioned', today?.dispositioned ?? 0), behind, [
        term('ended with no disposition left out', Math.max(0, (today?.ended ?? 0) - (today?.dispositioned ?? 0))),
      ]);
    case 'csatPct':
      return percentTerms(term('ratings of 4 or 5', today?.csatPositive ?? 0), term('ratings', surveys), behind);
    case 'csatMean':
      return {
        kind: 'mean',
        numerator: term('sum of ratings', today?.csatSum ?? 0),
        denominator: term('ratings', surveys),
        exclusions: [],
        summary: `${today?.csatSum ?? 0} rating points over ${plural(surveys, 'rating', 'ratings')}`,
        behind,
      };
    case 'queued':
    case 'longestWaitSec':
    case 'offered':
    case 'assigned':
    case 'avgCurrentTimeInQueueSec':
    case 'avgTimeToAssignSec':
    case 'avgWaitSec':
    case 'ahtNowSec':
    case 'avgResponseTimeSec':
    case 'avgFirstResponseTimeSec':
    case 'activeSlotsPct':
    case 'occupancyNowPct':
    case 'concurrencyNow':
    case 'loggedInAgents':
    case 'agentsAvailable':
    case 'agentsBusy':
    case 'agentsAway':
      throw new Error(`Metric ${metricId} is not a "since midnight" metric`);
    default:
      return assertNever(metricId, 'metric');
  }
}

/**
 * The explanation of one metric over some queues (one, or a group's) at floor time `now`: the
 * figure, the terms that make it, what was left out, and what it counts.
 *
 * Queues the state does not know add nothing, as in groupMetrics.
 */
export function explainMetric(state: LiveState, queueIds: readonly string[], metricId: MetricId, now: number): MetricExplanation {
  const value = groupMetrics(state, queueIds, now)[metricId];
  const one = asOneQueue(state, queueIds, now);
  const live = nowConversationTerms(metricId, one.state, one.queueId, now) ?? nowAgentTerms(metricId, one.state, one.queueId);
  let terms: Terms;
  if (live !== null) {
    terms = live;
  } else {
    const today = mergeTodayCounters(
      queueIds.map((queueId) => state.today.get(queueId)),
      now,
    );
    const targets = [...new Set(queueIds.map((queueId) => state.queues.get(queueId)?.serviceLevelTargetSec).filter((target) => target !== undefined))];
    const targetWords = targets.length === 1 && targets[0] !== undefined ? seconds(targets[0]) : "each queue's target";
    const slots = slotTimeToday(one.state, one.queueId, one.state.today.get(one.queueId), now);
    terms = todayTerms(metricId, today, slots, { kind: 'history', from: today?.dayStart ?? now, until: now }, targetWords);
  }
  return { metricId, queueIds: [...queueIds], asOfSeq: state.lastSeq, asOfTime: now, value, ...terms };
}
