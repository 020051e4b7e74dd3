/**
 * Per-queue running sums of the live state, so a queue's "now" metrics cost what changed rather
 * than a walk over every conversation and member agent of the queue at each push (ADR 0049,
 * addendum 2).
 *
 * A tally is derived data, kept beside a state version rather than in it (the checkpoint and the
 * LiveState shape are unchanged): the first read of a version with none (after a restore, a
 * snapshot, a hand-built state) sums every queue once; from then on each batch of the reducer
 * carries the sums forward, taking out what each changed conversation or agent contributed before
 * the batch and adding what it contributes after. Times stay in ordered trees (time-tree.ts), so
 * the figures that move with the clock (waits, handle times, open slot-time) are exact at any `now`.
 */
import { TimeList, TimeTree, type TimedEntries } from './time-tree.js';
import type { AgentState, ConversationState, LiveState } from './state.js';

/** What a queue's conversations add up to. */
export interface ConversationTally {
  /** Queued conversations, with or without a known queue time. */
  readonly queued: number;
  /** queuedAt of the queued conversations that have one (one weight: 1). */
  readonly queuedTimes: TimedEntries;
  readonly assigned: number;
  /** assignedAt of the assigned conversations that have one (one weight: 1). */
  readonly assignedTimes: TimedEntries;
  /** Over the assigned conversations: */
  readonly timeToAssignSumMs: number;
  readonly responseSumMs: number;
  readonly responseCount: number;
  readonly firstResponseSumMs: number;
  readonly firstResponseCount: number;
  /**
   * Conversations of the queue, in any state, with an event alert (high effort, a failed delivery:
   * alerts/alert-conditions.ts), by creation time; no weights.
   */
  readonly flagged: TimedEntries;
}

/** What a queue's member agents add up to (an agent counts in every queue it belongs to). */
export interface AgentTally {
  readonly loggedIn: number;
  readonly available: number;
  readonly busy: number;
  readonly away: number;
  readonly activeSlots: number;
  readonly availableSlots: number;
  readonly availableChats: number;
  readonly agentsWithChats: number;
  /**
   * slotTimeSince of the members whose slot-time is running, weighted by their rates
   * (slot-time.ts: available slots, utilised slots, chats, 1 when holding chats).
   */
  readonly slotClocks: TimedEntries;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const emptyConversations = (times: (weights: number) => TimedEntries): ConversationTally => ({
  queued: 0,
  queuedTimes: times(1),
  assigned: 0,
  assignedTimes: times(1),
  timeToAssignSumMs: 0,
  responseSumMs: 0,
  responseCount: 0,
  firstResponseSumMs: 0,
  firstResponseCount: 0,
  flagged: times(0),
});

const emptyAgents = (times: (weights: number) => TimedEntries): AgentTally => ({
  loggedIn: 0,
  available: 0,
  busy: 0,
  away: 0,
  activeSlots: 0,
  availableSlots: 0,
  availableChats: 0,
  agentsWithChats: 0,
  slotClocks: times(4),
});

/** Times of a kept tally: a persistent tree, changed entry by entry as batches land. */
const treeTimes = (weights: number): TimedEntries => TimeTree.empty(weights);
/** Times of a tally summed for one read: a list. */
const listTimes = (weights: number): TimedEntries => new TimeList(weights);

const ONE = [1] as const;
const NONE = [] as const;

/** Adds (sign 1) or takes out (sign −1) what one conversation contributes to its queue's tally. */
function countConversation(tally: Mutable<ConversationTally>, conversation: ConversationState, sign: 1 | -1): void {
  const { conversationId } = conversation;
  if (conversation.highEffort || conversation.deliveryFailures > 0) {
    tally.flagged = sign === 1 ? tally.flagged.insert(conversation.createdAt, conversationId, NONE) : tally.flagged.remove(conversation.createdAt, conversationId);
  }
  if (conversation.state === 'queued') {
    tally.queued += sign;
    if (conversation.queuedAt !== null) {
      tally.queuedTimes = sign === 1 ? tally.queuedTimes.insert(conversation.queuedAt, conversationId, ONE) : tally.queuedTimes.remove(conversation.queuedAt, conversationId);
    }
  } else if (conversation.state === 'assigned') {
    tally.assigned += sign;
    if (conversation.assignedAt !== null) {
      tally.assignedTimes = sign === 1 ? tally.assignedTimes.insert(conversation.assignedAt, conversationId, ONE) : tally.assignedTimes.remove(conversation.assignedAt, conversationId);
    }
    tally.timeToAssignSumMs += sign * (conversation.timeToAssignMs ?? 0);
    tally.responseSumMs += sign * conversation.responseTimeSumMs;
    tally.responseCount += sign * conversation.responseCount;
    if (conversation.firstAgentMessageAt !== null && conversation.assignedAt !== null) {
      tally.firstResponseSumMs += sign * Math.max(0, conversation.firstAgentMessageAt - conversation.assignedAt);
      tally.firstResponseCount += sign;
    }
  }
}

/** What an agent adds to each slot-time sum per ms in its current state (slot-time.ts). */
export function slotRatesOf(agent: AgentState): readonly [availableSlots: number, utilisedSlots: number, chats: number, withChats: number] {
  const chats = agent.conversationIds.length;
  const available = agent.loggedIn && agent.status.kind === 'available';
  return [available ? agent.slots : 0, available ? Math.min(chats, agent.slots) : 0, chats, chats > 0 ? 1 : 0];
}

/** Adds (sign 1) or takes out (sign −1) what one agent contributes to one of its queues' tally. */
function countAgent(tally: Mutable<AgentTally>, agent: AgentState, sign: 1 | -1): void {
  const chats = agent.conversationIds.length;
  const kind = agent.status.kind;
  if (kind !== 'offline') tally.loggedIn += sign;
  if (kind === 'away') tally.away += sign;
  if (kind === 'available') {
    if (chats === 0) tally.available += sign;
    else tally.busy += sign;
    tally.availableSlots += sign * agent.slots;
    tally.availableChats += sign * chats;
  }
  if (chats > 0) tally.agentsWithChats += sign;
  if (kind === 'available' || chats > 0) tally.activeSlots += sign * agent.slots;
  if (agent.slotTimeSince === undefined) return;
  const rates = slotRatesOf(agent);
  if (rates[0] === 0 && rates[2] === 0) return;
  tally.slotClocks = sign === 1 ? tally.slotClocks.insert(agent.slotTimeSince, agent.agentId, rates) : tally.slotClocks.remove(agent.slotTimeSince, agent.agentId);
}

/** The tallies of one state version, and the index they were summed over. */
interface Tallies<T> {
  readonly index: ReadonlyMap<string, ReadonlySet<string>>;
  readonly byQueue: ReadonlyMap<string, T>;
}

/** How one kind of entity is tallied per queue. */
interface TallyKind<E, T> {
  /** Keyed by the entity map a version holds: a batch that changes none of them keeps the map, and its tallies with it. */
  readonly kept: WeakMap<object, Tallies<T>>;
  readonly empty: (times: (weights: number) => TimedEntries) => T;
  readonly count: (tally: Mutable<T>, entity: E, sign: 1 | -1) => void;
  readonly queuesOf: (entity: E) => readonly string[];
}

const CONVERSATIONS: TallyKind<ConversationState, ConversationTally> = {
  kept: new WeakMap(),
  empty: emptyConversations,
  count: countConversation,
  queuesOf: (conversation) => [conversation.queueId],
};
const AGENTS: TallyKind<AgentState, AgentTally> = { kept: new WeakMap(), empty: emptyAgents, count: countAgent, queuesOf: (agent) => agent.queueIds };

/** Indexes of views made for one read (several queues as one: overview.ts), summed when read and never kept. */
const transientIndexes = new WeakSet<object>();

/** Marks an index of a view made for one read: its queues are summed when read, and no tally is kept for it. */
export function transientIndex<T extends ReadonlyMap<string, ReadonlySet<string>>>(index: T): T {
  transientIndexes.add(index);
  return index;
}

function sumQueue<E, T>(kind: TallyKind<E, T>, entities: ReadonlyMap<string, E>, members: ReadonlySet<string> | undefined, times: (weights: number) => TimedEntries): T {
  const tally: Mutable<T> = { ...kind.empty(times) };
  for (const id of members ?? []) {
    const entity = entities.get(id);
    if (entity !== undefined) kind.count(tally, entity, 1);
  }
  return tally;
}

/**
 * The tally of one queue of `state`: kept for the version, or summed for all its queues on the
 * first read. A view that merges queues (overview.ts asOneQueue) is summed for the queue asked, in
 * lists, and not kept.
 */
function tallyOf<E, T>(kind: TallyKind<E, T>, entities: ReadonlyMap<string, E>, index: ReadonlyMap<string, ReadonlySet<string>>, queueId: string): T {
  let kept = kind.kept.get(entities);
  if (transientIndexes.has(index) || (kept !== undefined && kept.index !== index)) return sumQueue(kind, entities, index.get(queueId), listTimes);
  if (kept === undefined) {
    const byQueue = new Map<string, T>();
    for (const [id, members] of index) byQueue.set(id, sumQueue(kind, entities, members, treeTimes));
    kept = { index, byQueue };
    kind.kept.set(entities, kept);
  }
  return kept.byQueue.get(queueId) ?? kind.empty(treeTimes);
}

export function conversationTallyOf(state: LiveState, queueId: string): ConversationTally {
  return tallyOf(CONVERSATIONS, state.conversations, state.conversationsByQueue, queueId);
}

export function agentTallyOf(state: LiveState, queueId: string): AgentTally {
  return tallyOf(AGENTS, state.agents, state.agentsByQueue, queueId);
}

/** One batch's changes to an entity map (draft.ts DraftMap): each key it wrote with its value before the batch; `get` reads it after. */
export interface BatchChanges<V> {
  readonly before: ReadonlyMap<string, V | undefined>;
  get(key: string): V | undefined;
}

/**
 * The tallies of the version a batch made, from those of its base: each changed entity's part
 * before the batch taken out and its part after added, in each of its queues. Undefined when the
 * base has none to carry.
 */
function carry<E, T>(kind: TallyKind<E, T>, base: Tallies<T> | undefined, baseIndex: ReadonlyMap<string, ReadonlySet<string>>, changes: BatchChanges<E>, index: ReadonlyMap<string, ReadonlySet<string>>): Tallies<T> | undefined {
  if (base === undefined || base.index !== baseIndex) return undefined;
  const byQueue = new Map(base.byQueue);
  const editing = new Map<string, Mutable<T>>();
  const edit = (queueId: string): Mutable<T> => {
    let tally = editing.get(queueId);
    if (tally === undefined) {
      tally = { ...(byQueue.get(queueId) ?? kind.empty(treeTimes)) };
      editing.set(queueId, tally);
      byQueue.set(queueId, tally);
    }
    return tally;
  };
  for (const [key, previous] of changes.before) {
    const current = changes.get(key);
    if (previous === current) continue;
    if (previous !== undefined) for (const queueId of kind.queuesOf(previous)) kind.count(edit(queueId), previous, -1);
    if (current !== undefined) for (const queueId of kind.queuesOf(current)) kind.count(edit(queueId), current, 1);
  }
  return { index, byQueue };
}

/**
 * Carries the tallies of `base` (when it has any) to `next`, the version a reducer batch made from
 * it, from the conversations and agents the batch changed (O(changes · log n)).
 */
export function carryTallies(base: LiveState, next: LiveState, conversations: BatchChanges<ConversationState>, agents: BatchChanges<AgentState>): void {
  if (next.conversations !== base.conversations) {
    const tallies = carry(CONVERSATIONS, CONVERSATIONS.kept.get(base.conversations), base.conversationsByQueue, conversations, next.conversationsByQueue);
    if (tallies !== undefined) CONVERSATIONS.kept.set(next.conversations, tallies);
  }
  if (next.agents !== base.agents) {
    const tallies = carry(AGENTS, AGENTS.kept.get(base.agents), base.agentsByQueue, agents, next.agentsByQueue);
    if (tallies !== undefined) AGENTS.kept.set(next.agents, tallies);
  }
}
