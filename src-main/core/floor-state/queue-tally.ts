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

/** The tallies of one state version, by tally key, and the index of the version they were summed for. */
interface Tallies<T> {
  readonly index: ReadonlyMap<string, ReadonlySet<string>>;
  readonly byKey: ReadonlyMap<string, T>;
}

/** How one kind of entity is tallied. */
interface TallyKind<E, T> {
  /** Keyed by the entity map a version holds: a batch that changes none of them keeps the map, and its tallies with it. */
  readonly kept: WeakMap<object, Tallies<T>>;
  readonly empty: (times: (weights: number) => TimedEntries) => T;
  readonly count: (tally: Mutable<T>, entity: E, sign: 1 | -1) => void;
  /** The tallies an entity counts in. */
  readonly keysOf: (entity: E) => readonly string[];
}

/**
 * Agents are tallied twice: per queue they serve (what a queue reads, one tally) and per set of
 * queues they serve (what a group reads: the sets meeting it, so an agent serving several queues
 * of the group counts once in it, as it must). A group's read adds up as many tallies as there are
 * distinct sets meeting it.
 */
const QUEUE_SEPARATOR = '\u0000';
const queuesOfKey = new Map<string, ReadonlySet<string>>();

function queueSetKey(queueIds: readonly string[]): string {
  return [...queueIds].sort().join(QUEUE_SEPARATOR);
}

function queuesOf(key: string): ReadonlySet<string> {
  let queues = queuesOfKey.get(key);
  if (queues === undefined) {
    queues = new Set(key === '' ? [] : key.split(QUEUE_SEPARATOR));
    queuesOfKey.set(key, queues);
  }
  return queues;
}

const CONVERSATIONS: TallyKind<ConversationState, ConversationTally> = {
  kept: new WeakMap(),
  empty: emptyConversations,
  count: countConversation,
  keysOf: (conversation) => [conversation.queueId],
};
/** Agents per queue they serve: what one queue's figures read. */
const AGENTS: TallyKind<AgentState, AgentTally> = { kept: new WeakMap(), empty: emptyAgents, count: countAgent, keysOf: (agent) => agent.queueIds };
/** Agents per set of queues they serve: what a group's figures read. */
const AGENT_SETS: TallyKind<AgentState, AgentTally> = { kept: new WeakMap(), empty: emptyAgents, count: countAgent, keysOf: (agent) => [queueSetKey(agent.queueIds)] };

/** Indexes of views made for one read (several queues as one: overview.ts asOneQueue), summed when read and never kept. */
const transientIndexes = new WeakSet<object>();

/** Marks an index of a view made for one read: its queues are summed when read, and no tally is kept for it. */
export function transientIndex<T extends ReadonlyMap<string, ReadonlySet<string>>>(index: T): T {
  transientIndexes.add(index);
  return index;
}

/** The members of one key of an index summed in lists, for a read of a view (never kept). */
function sumMembers<E, T>(kind: TallyKind<E, T>, entities: ReadonlyMap<string, E>, members: ReadonlySet<string> | undefined): T {
  const tally: Mutable<T> = { ...kind.empty(listTimes) };
  for (const id of members ?? []) {
    const entity = entities.get(id);
    if (entity !== undefined) kind.count(tally, entity, 1);
  }
  return tally;
}

/** The tallies kept for a version, summed from all its entities on the first read; null for a view's index. */
function keptTallies<E, T>(kind: TallyKind<E, T>, entities: ReadonlyMap<string, E>, index: ReadonlyMap<string, ReadonlySet<string>>): Tallies<T> | null {
  if (transientIndexes.has(index)) return null;
  const kept = kind.kept.get(entities);
  if (kept !== undefined) return kept.index === index ? kept : null;
  const byKey = new Map<string, Mutable<T>>();
  for (const entity of entities.values()) {
    for (const key of kind.keysOf(entity)) {
      let tally = byKey.get(key);
      if (tally === undefined) {
        tally = { ...kind.empty(treeTimes) };
        byKey.set(key, tally);
      }
      kind.count(tally, entity, 1);
    }
  }
  const tallies = { index, byKey };
  kind.kept.set(entities, tallies);
  return tallies;
}

/** The tally of a queue's conversations (a view's queue is summed for the read). */
export function conversationTallyOf(state: LiveState, queueId: string): ConversationTally {
  const kept = keptTallies(CONVERSATIONS, state.conversations, state.conversationsByQueue);
  if (kept === null) return sumMembers(CONVERSATIONS, state.conversations, state.conversationsByQueue.get(queueId));
  return kept.byKey.get(queueId) ?? CONVERSATIONS.empty(treeTimes);
}

/**
 * Tallies that together hold each agent serving any of `queueIds` exactly once: the queue's own
 * tally for one queue, the queue sets meeting them for several (a view's queues are summed for the read).
 */
export function agentTalliesOf(state: LiveState, queueIds: readonly string[]): AgentTally[] {
  const only = queueIds.length === 1 ? queueIds[0] : undefined;
  const kept = keptTallies(only === undefined ? AGENT_SETS : AGENTS, state.agents, state.agentsByQueue);
  if (kept === null) return queueIds.map((queueId) => sumMembers(AGENTS, state.agents, state.agentsByQueue.get(queueId)));
  if (only !== undefined) return [kept.byKey.get(only) ?? AGENTS.empty(treeTimes)];
  const tallies: AgentTally[] = [];
  for (const [key, tally] of kept.byKey) {
    const queues = queuesOf(key);
    if (queueIds.some((queueId) => queues.has(queueId))) tallies.push(tally);
  }
  return tallies;
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
  const byKey = new Map(base.byKey);
  const editing = new Map<string, Mutable<T>>();
  const edit = (key: string): Mutable<T> => {
    let tally = editing.get(key);
    if (tally === undefined) {
      tally = { ...(byKey.get(key) ?? kind.empty(treeTimes)) };
      editing.set(key, tally);
      byKey.set(key, tally);
    }
    return tally;
  };
  for (const [id, previous] of changes.before) {
    const current = changes.get(id);
    if (previous === current) continue;
    if (previous !== undefined) for (const key of kind.keysOf(previous)) kind.count(edit(key), previous, -1);
    if (current !== undefined) for (const key of kind.keysOf(current)) kind.count(edit(key), current, 1);
  }
  return { index, byKey };
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
    for (const kind of [AGENTS, AGENT_SETS]) {
      const tallies = carry(kind, kind.kept.get(base.agents), base.agentsByQueue, agents, next.agentsByQueue);
      if (tallies !== undefined) kind.kept.set(next.agents, tallies);
    }
  }
}
