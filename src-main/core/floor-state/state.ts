/**
 * The live floor: queues, agents, conversations in progress and today's counters per queue.
 *
 * Plain data behind read-only maps, so the reducer can share untouched parts between versions and
 * the core can checkpoint it (serializeLiveState) and restore it after a restart without replaying
 * the whole day.
 */
import { z } from 'zod';
import {
  businessHoursSchema,
  channelSchema,
  customerSchema,
  mitigationSchema,
  overflowRuleSchema,
  statusKindSchema,
  thresholdsSchema,
} from '../../../src-shared/protocol/events.js';
import { ROLES } from '../../../src-shared/permissions.js';
import type {
  BusinessHours,
  Channel,
  Customer,
  MitigationState,
  OverflowRule,
  StatusKind,
  Thresholds,
} from '../../../src-shared/protocol/events.js';
import { errorMessage } from '../../../src-shared/errors.js';
import type { DirectoryPerson } from '../../../src-shared/api/management.js';
import { LayeredMap, LayeredSet } from './layered-map.js';

export interface QueueState {
  readonly queueId: string;
  /** False while the queue is known only from conversation events (defaults below apply). */
  readonly configured: boolean;
  readonly name: string;
  readonly channel: Channel;
  readonly timeZone: string;
  readonly serviceLevelTargetSec: number;
  readonly thresholds: Thresholds;
  readonly businessHours: BusinessHours;
  readonly presetGroups: readonly string[];
  readonly mitigation: { readonly state: MitigationState; readonly message?: string };
  readonly overflowRules: readonly OverflowRule[];
  readonly estimatedWaitSec: number | null;
}

export interface AgentStatus {
  readonly kind: StatusKind;
  readonly reason: string;
  readonly since: number;
}

export interface AgentState {
  readonly agentId: string;
  readonly name: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly location: string;
  readonly slots: number;
  readonly status: AgentStatus;
  readonly queueIds: readonly string[];
  readonly loggedIn: boolean;
  readonly loggedInAt: number | null;
  /** Conversations this agent holds now, in any queue. */
  readonly conversationIds: readonly string[];
  /** Until when the agent's slot-time has been added to its queues' day (slot-time.ts); absent: not yet. */
  readonly slotTimeSince?: number;
  /**
   * The agent's finished work since midnight. Optional so that states written before it existed
   * (checkpoints, hand-built test states) still read; absent means nothing counted yet.
   */
  readonly today?: AgentTodayCounters;
}

/**
 * An agent's counters since local midnight, in the zone of the queue where each assignment
 * happened (an agent has no zone of their own). Sums are in ms.
 */
export interface AgentTodayCounters {
  readonly dayStart: number;
  readonly nextDayStart: number;
  /** Assignments received since midnight. */
  readonly assigned: number;
  /** Assignments that finished since midnight and their handle time. */
  readonly finished: number;
  readonly handleTimeSumMs: number;
  /** Replies to customers within finished assignments, and their response times. */
  readonly responseTimeSumMs: number;
  readonly responseCount: number;
}

/**
 * One person of the directory the feed keeps (v1.1 `user.profile`), on shift or not. An agent's
 * queues and slots follow `agent.login`, `agent.queues` and `agent.capacity` as well, so the row
 * always says what routing uses.
 */
export type DirectoryEntry = DirectoryPerson;

export type ConversationPhase = 'created' | 'queued' | 'assigned';

export interface ConversationState {
  readonly conversationId: string;
  readonly queueId: string;
  readonly channel: Channel;
  readonly intent: string;
  /** Null when the conversation was first seen through a later event. */
  readonly customer: Customer | null;
  readonly state: ConversationPhase;
  readonly createdAt: number;
  readonly queuedAt: number | null;
  readonly assignedAt: number | null;
  /** Queue time of the current assignment (0 for a direct assignment). */
  readonly timeToAssignMs: number | null;
  readonly agentId: string | null;
  /** Set when a supervisor took the conversation over. */
  readonly supervisorId: string | null;
  readonly firstAgentMessageAt: number | null;
  readonly lastUnansweredCustomerMessageAt: number | null;
  readonly responseTimeSumMs: number;
  readonly responseCount: number;
  readonly highEffort: boolean;
  readonly transfers: number;
  readonly whispers: number;
  readonly deliveryFailures: number;
  readonly messageCount: number;
  /** Queue and day in which this conversation was last counted as offered, so offered stays distinct. */
  readonly offeredQueueId: string | null;
  readonly offeredDayStart: number | null;
  /**
   * responseTimeSumMs and responseCount when the current assignment began, so the replies of this
   * assignment (and only those) count for its agent. Optional for older checkpoints: absent is 0.
   */
  readonly responseSumAtAssignMs?: number;
  readonly responseCountAtAssign?: number;
}

/** One survey answer of today, kept on the queue's day so the feedback panel needs no query. */
export interface FeedbackEntry {
  readonly at: number;
  readonly conversationId: string;
  readonly agentId: string | null;
  readonly rating: number;
  readonly comment: string | null;
}

/** Survey answers kept per queue and day; the panel shows at most this many, newest first. */
export const MAX_FEEDBACK_PER_QUEUE = 200;

/** Counters since local midnight in the queue's zone. Sums are in ms; metrics turn them into seconds. */
export interface TodayCounters {
  readonly dayStart: number;
  /** The next local midnight: an event at or after it starts a new day. */
  readonly nextDayStart: number;
  readonly entered: number;
  readonly offered: number;
  readonly assigned: number;
  readonly assignWaitSumMs: number;
  readonly assignedWithinTarget: number;
  readonly abandoned: number;
  /** Abandons whose queue time is known (the others still count as abandons). */
  readonly abandonWaitCount: number;
  readonly abandonWaitSumMs: number;
  /** Abandons within 5 s, excluded from the service level. */
  readonly abandonedShort: number;
  readonly leftQueueCount: number;
  readonly queueTimeSumMs: number;
  /** Assignments that finished (ended, transferred, re-queued, taken over) and their handle time. */
  readonly assignmentsFinished: number;
  readonly handleTimeSumMs: number;
  readonly ended: number;
  readonly dispositioned: number;
  readonly resolved: number;
  readonly surveys: number;
  readonly csatSum: number;
  readonly csatPositive: number;
  /**
   * Assignments an agent let time out: returned to the queue (queued again while assigned to an
   * agent) before the agent sent a message. Optional, as are the slot-time sums below, so that
   * states written before they existed still read; absent means nothing counted yet.
   */
  readonly timedOut?: number;
  /** Slot-time of member agents in an available status: slots × ms (slot-time.ts). */
  readonly availableSlotMs?: number;
  /** Slot-time those agents used while available: chats held (at most their slots) × ms. */
  readonly utilisedSlotMs?: number;
  /** Chat-time of member agents, any status: chats held × ms. */
  readonly chatMs?: number;
  /** Time member agents held at least one chat, ms. */
  readonly withChatsMs?: number;
  /** Today's survey answers, oldest first, at most MAX_FEEDBACK_PER_QUEUE (the newest kept). */
  readonly feedback?: readonly FeedbackEntry[];
  /**
   * Set only on the views' reading of the state (live-views/day-past.ts), never stored: the counters
   * before this instant come from the cache, which keeps no time-outs and no slot time, so those
   * figures are not known for the day.
   */
  readonly pastUntil?: number;
}

export interface LiveState {
  readonly queues: ReadonlyMap<string, QueueState>;
  readonly agents: ReadonlyMap<string, AgentState>;
  /** Conversations in progress only: ended and abandoned ones leave the live state. */
  readonly conversations: ReadonlyMap<string, ConversationState>;
  readonly today: ReadonlyMap<string, TodayCounters>;
  /** Derived indexes, so per-queue work is proportional to that queue. */
  readonly conversationsByQueue: ReadonlyMap<string, ReadonlySet<string>>;
  /** Members of each queue (logged in or not), from the agents' queueIds. */
  readonly agentsByQueue: ReadonlyMap<string, ReadonlySet<string>>;
  /** The people the feed described (v1.1 `user.profile`), by user id; empty from a v1 feed. */
  readonly directory: ReadonlyMap<string, DirectoryEntry>;
  /** The away reasons the feed offers, in its order (v1.1 `agent.away_reasons`); empty until it says. */
  readonly awayReasons: readonly string[];
  readonly lastSeq: number;
  /** Floor time of the last applied event; 0 before any (like lastSeq). */
  readonly lastEventTime: number;
  /**
   * Floor time from which the stream has been observed: 0 when every event since the stream began
   * was applied, the snapshot's time when the state started from a snapshot. "Since midnight"
   * counters cover only events after it, and the UI says so.
   */
  readonly observedSince: number;
}

/** Short abandons (customer left within this time) do not count against the service level. */
export const SHORT_ABANDON_MS = 5_000;

/** Used for a queue seen before its configuration arrives. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  queuedLow: 5,
  queuedHigh: 10,
  longestWaitSec: 120,
  ahtSec: 600,
  firstResponseSec: 60,
  serviceLevelPct: 80,
  abandonRatePct: 10,
};

/** docs/product.md §7: 60 s for chat, 20 s for voice unless the queue says otherwise. */
export function defaultServiceLevelTargetSec(channel: Channel): number {
  return channel === 'voice' ? 20 : 60;
}

/** Counters of a day with nothing counted yet; the reducer starts each queue's day from these. */
export function zeroCounters(dayStart: number, nextDayStart: number): TodayCounters {
  return {
    dayStart,
    nextDayStart,
    entered: 0,
    offered: 0,
    assigned: 0,
    assignWaitSumMs: 0,
    assignedWithinTarget: 0,
    abandoned: 0,
    abandonWaitCount: 0,
    abandonWaitSumMs: 0,
    abandonedShort: 0,
    leftQueueCount: 0,
    queueTimeSumMs: 0,
    assignmentsFinished: 0,
    handleTimeSumMs: 0,
    ended: 0,
    dispositioned: 0,
    resolved: 0,
    surveys: 0,
    csatSum: 0,
    csatPositive: 0,
  };
}

// ---- checkpoint format ----

const CHECKPOINT_VERSION = 1;
const epochMs = z.number().finite();
const count = z.number().finite().nonnegative();
const idString = z.string().min(1);

const queueStateSchema = z.object({
  queueId: idString,
  configured: z.boolean(),
  name: z.string(),
  channel: channelSchema,
  timeZone: z.string(),
  serviceLevelTargetSec: z.number().positive(),
  thresholds: thresholdsSchema,
  businessHours: businessHoursSchema,
  presetGroups: z.array(z.string()),
  mitigation: z.object({ state: mitigationSchema, message: z.string().optional() }),
  overflowRules: z.array(overflowRuleSchema),
  estimatedWaitSec: z.number().nullable(),
});

const agentStateSchema = z.object({
  agentId: idString,
  name: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  location: z.string(),
  slots: z.number().int().min(1),
  status: z.object({ kind: statusKindSchema, reason: z.string(), since: epochMs }),
  queueIds: z.array(idString),
  loggedIn: z.boolean(),
  loggedInAt: epochMs.nullable(),
  conversationIds: z.array(idString),
  slotTimeSince: epochMs.optional(),
  today: z
    .object({ dayStart: epochMs, nextDayStart: epochMs, assigned: count, finished: count, handleTimeSumMs: count, responseTimeSumMs: count, responseCount: count })
    .optional(),
});

const directoryEntrySchema = z.object({
  userId: idString,
  name: z.string(),
  kind: z.enum(['agent', 'supervisor']),
  role: z.enum(ROLES).nullable(),
  queueScope: z.array(idString).nullable(),
  teamId: z.string(),
  teamName: z.string(),
  location: z.string(),
  queueIds: z.array(idString),
  slots: z.number().int().min(0),
});

const conversationStateSchema = z.object({
  conversationId: idString,
  queueId: idString,
  channel: channelSchema,
  intent: z.string(),
  customer: customerSchema.nullable(),
  state: z.enum(['created', 'queued', 'assigned']),
  createdAt: epochMs,
  queuedAt: epochMs.nullable(),
  assignedAt: epochMs.nullable(),
  timeToAssignMs: count.nullable(),
  agentId: idString.nullable(),
  supervisorId: idString.nullable(),
  firstAgentMessageAt: epochMs.nullable(),
  lastUnansweredCustomerMessageAt: epochMs.nullable(),
  responseTimeSumMs: count,
  responseCount: count,
  highEffort: z.boolean(),
  transfers: count,
  whispers: count,
  deliveryFailures: count,
  messageCount: count,
  offeredQueueId: idString.nullable(),
  offeredDayStart: epochMs.nullable(),
  responseSumAtAssignMs: count.optional(),
  responseCountAtAssign: count.optional(),
});

const todayCountersSchema = z.object({
  dayStart: epochMs,
  nextDayStart: epochMs,
  entered: count,
  offered: count,
  assigned: count,
  assignWaitSumMs: count,
  assignedWithinTarget: count,
  abandoned: count,
  abandonWaitCount: count,
  abandonWaitSumMs: count,
  abandonedShort: count,
  leftQueueCount: count,
  queueTimeSumMs: count,
  assignmentsFinished: count,
  handleTimeSumMs: count,
  ended: count,
  dispositioned: count,
  resolved: count,
  surveys: count,
  csatSum: count,
  csatPositive: count,
  timedOut: count.optional(),
  availableSlotMs: count.optional(),
  utilisedSlotMs: count.optional(),
  chatMs: count.optional(),
  withChatsMs: count.optional(),
  feedback: z
    .array(z.object({ at: epochMs, conversationId: idString, agentId: idString.nullable(), rating: z.number().int().min(1).max(5), comment: z.string().nullable() }))
    .max(MAX_FEEDBACK_PER_QUEUE)
    .optional(),
});

const checkpointSchema = z.object({
  version: z.literal(CHECKPOINT_VERSION),
  lastSeq: z.number().int().nonnegative(),
  lastEventTime: epochMs,
  observedSince: epochMs,
  queues: z.array(queueStateSchema),
  agents: z.array(agentStateSchema),
  conversations: z.array(conversationStateSchema),
  today: z.array(z.tuple([idString, todayCountersSchema])),
  // Optional so that checkpoints written before the directory existed still read (as empty).
  directory: z.array(directoryEntrySchema).optional(),
  awayReasons: z.array(z.string()).optional(),
});

/**
 * Turns the live state into JSON text for a checkpoint.
 *
 * Indexes are left out: they are derived, and rebuilding them on load means a checkpoint can never
 * carry an index that disagrees with the entities.
 */
export function serializeLiveState(state: LiveState): string {
  return JSON.stringify(checkpointFields(state, (map) => [...map.values()]));
}

/**
 * serializeLiveState's text in pieces, one entity at a time, so a caller can build it across turns
 * of the event loop (checkpoint-text.ts); each map is read as the pieces are asked for, through its
 * layers (a fold would be one copy of the whole map in one slice). Joined, the pieces are exactly
 * serializeLiveState's text.
 */
export function* liveStateTextParts(state: LiveState): Generator<string, void, undefined> {
  let separator = '{';
  for (const [name, value] of Object.entries(checkpointFields(state, lazyValues))) {
    const key = `${separator}${JSON.stringify(name)}:`;
    separator = ',';
    if (typeof value !== 'object') {
      yield key + JSON.stringify(value);
      continue;
    }
    let opening = `${key}[`;
    for (const item of value as Iterable<unknown>) {
      yield opening + JSON.stringify(item);
      opening = ',';
    }
    yield opening === ',' ? ']' : `${opening}]`;
  }
  yield '}';
}

function lazyValues<T extends object>(map: ReadonlyMap<string, T>): Iterable<T> {
  return { [Symbol.iterator]: () => (map instanceof LayeredMap ? (map as LayeredMap<T>).valuesUnfolded() : map.values()) };
}

/** What a checkpoint holds, in the order its text holds it; `values` lists a map's values. */
function checkpointFields(state: LiveState, values: <T extends object>(map: ReadonlyMap<string, T>) => Iterable<T>) {
  return {
    version: CHECKPOINT_VERSION,
    lastSeq: state.lastSeq,
    lastEventTime: state.lastEventTime,
    observedSince: state.observedSince,
    queues: values(state.queues),
    agents: values(state.agents),
    conversations: values(state.conversations),
    // A counter set per queue: few, and read as pairs.
    today: [...state.today.entries()],
    directory: values(state.directory),
    awayReasons: state.awayReasons,
  };
}

/**
 * Restores a live state from serializeLiveState's text.
 *
 * Validates everything: a checkpoint is read back from disk and may be damaged or from another
 * version, and a bad one must fail loudly so the core rebuilds from the event log instead.
 */
export function deserializeLiveState(text: string): LiveState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Live state checkpoint is not JSON: ${errorMessage(error)}`);
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Live state checkpoint is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return restoreLiveState(parsed.data);
}

/**
 * Restores a live state from serializeLiveState's text that this build wrote and a checksum guards
 * (floor replay's compressed checkpoints), without validating every field: validation costs
 * several times the parse on a large floor, and a replay seek must stay fast. The format version
 * is still checked, so a checkpoint from another version fails instead of being misread.
 */
export function deserializeOwnLiveState(text: string): LiveState {
  const json = JSON.parse(text) as z.infer<typeof checkpointSchema>;
  if (json.version !== CHECKPOINT_VERSION) throw new Error(`Live state checkpoint has version ${String(json.version)}, not ${CHECKPOINT_VERSION}`);
  return restoreLiveState(json);
}

function restoreLiveState(checkpoint: z.infer<typeof checkpointSchema>): LiveState {
  const queues = new Map<string, QueueState>(checkpoint.queues.map((queue) => [queue.queueId, queue]));
  const agents = new Map<string, AgentState>(checkpoint.agents.map((agent) => [agent.agentId, agent]));
  const conversations = new Map<string, ConversationState>(checkpoint.conversations.map((conversation) => [conversation.conversationId, conversation]));
  const conversationsByQueue = new Map<string, Set<string>>();
  for (const conversation of conversations.values()) addToIndex(conversationsByQueue, conversation.queueId, conversation.conversationId);
  const agentsByQueue = new Map<string, Set<string>>();
  for (const agent of agents.values()) {
    for (const queueId of agent.queueIds) addToIndex(agentsByQueue, queueId, agent.agentId);
  }
  return {
    queues: new LayeredMap(queues),
    agents: new LayeredMap(agents),
    conversations: new LayeredMap(conversations),
    today: new LayeredMap(new Map(checkpoint.today)),
    conversationsByQueue: layeredIndex(conversationsByQueue),
    agentsByQueue: layeredIndex(agentsByQueue),
    directory: new LayeredMap(new Map<string, DirectoryEntry>((checkpoint.directory ?? []).map((entry) => [entry.userId, entry]))),
    awayReasons: checkpoint.awayReasons ?? [],
    lastSeq: checkpoint.lastSeq,
    lastEventTime: checkpoint.lastEventTime,
    observedSince: checkpoint.observedSince,
  };
}

/** An index as the reducer keeps it: each key's members in a LayeredSet. */
function layeredIndex(index: ReadonlyMap<string, ReadonlySet<string>>): Map<string, LayeredSet> {
  return new Map([...index].map(([key, members]) => [key, LayeredSet.from(members)]));
}

function addToIndex(index: Map<string, Set<string>>, key: string, member: string): void {
  let members = index.get(key);
  if (!members) {
    members = new Set();
    index.set(key, members);
  }
  members.add(member);
}
