/**
 * The live-state reducer: canonical floor events in, a new LiveState out.
 *
 * Pure from the outside (the input state is never mutated) yet cheap at floor scale: a batch edits
 * layered copies of the maps (layered-map.ts) and copies an entity the first time it changes it;
 * later changes in the same batch edit those copies in place. Nothing is O(all agents) per event.
 */
import type { Channel, FloorEvent, FloorEventOf } from '../../../src-shared/protocol/events.js';
import { assertNever } from '../../../src-shared/result.js';
import { isValidTimeZone, startOfDayInZone } from '../../../src-shared/time.js';
import { DEFAULT_THRESHOLDS, MAX_FEEDBACK_PER_QUEUE, SHORT_ABANDON_MS, defaultServiceLevelTargetSec, zeroCounters } from './state.js';
import { Draft, type Mutable } from './draft.js';
import { LayeredMap } from './layered-map.js';
import { applyUserProfile, followAgent, profileSeed } from './directory.js';
import { accountSlotTime, agentsChangedBy, restartSlotClocks, startSlotClocks } from './slot-time.js';
import type { AgentState, AgentTodayCounters, ConversationState, FeedbackEntry, LiveState, QueueState, TodayCounters } from './state.js';

export interface TrackedChange {
  readonly state: LiveState;
  /** Queues whose tile may have changed: the API sends diffs for these only. */
  readonly changedQueues: ReadonlySet<string>;
}

const NO_CHANGES: ReadonlySet<string> = new Set();
/** Comfortably past the longest local day (25 h) and short of the day after. */
const INTO_NEXT_DAY_MS = 30 * 3_600_000;

/** An empty floor: what the core starts from before any event or checkpoint. */
export function createLiveState(): LiveState {
  return {
    queues: new LayeredMap(),
    agents: new LayeredMap(),
    conversations: new LayeredMap(),
    today: new LayeredMap(),
    conversationsByQueue: new Map(),
    agentsByQueue: new Map(),
    directory: new LayeredMap(),
    awayReasons: [],
    lastSeq: 0,
    lastEventTime: 0,
    observedSince: 0,
  };
}

/**
 * Applies a batch of events and returns the new state.
 *
 * Events at or below state.lastSeq are skipped, so replaying a batch after a reconnect or a restart
 * from a checkpoint changes nothing.
 */
export function applyEvents(state: LiveState, events: readonly FloorEvent[]): LiveState {
  return applyEventsTracked(state, events).state;
}

/**
 * Like applyEvents, and also says which queues the batch touched.
 *
 * The API uses this to push small diffs; an agent change marks every queue the agent belongs to,
 * because agent counts and occupancy appear on each of those tiles.
 */
export function applyEventsTracked(state: LiveState, events: readonly FloorEvent[]): TrackedChange {
  const draft = new Draft(state);
  let lastSeq = state.lastSeq;
  let lastEventTime = state.lastEventTime;
  let applied = 0;
  for (const event of events) {
    if (event.seq <= lastSeq) continue;
    applyTimed(draft, event);
    lastSeq = event.seq;
    lastEventTime = event.time;
    applied += 1;
  }
  if (applied === 0) return { state, changedQueues: NO_CHANGES };
  return { state: draft.finish(lastSeq, lastEventTime), changedQueues: draft.changedQueues };
}

/**
 * Builds a fresh state from a snapshot's events, as of the snapshot's seq.
 *
 * The snapshot describes the floor rather than its history, so its events are applied in order
 * regardless of their own seqs; live events then continue at seq + 1.
 */
export function applySnapshot(events: readonly FloorEvent[], seq: number): LiveState {
  const draft = new Draft(createLiveState());
  let lastEventTime = 0;
  for (const event of events) {
    applyTimed(draft, event);
    lastEventTime = Math.max(lastEventTime, event.time);
  }
  restartSlotClocks(draft, lastEventTime);
  return { ...draft.finish(seq, lastEventTime), observedSince: lastEventTime };
}

// ---- entities ----

function safeZone(timeZone: string): string {
  return isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

function nextMidnightAfter(dayStart: number, timeZone: string): number {
  return startOfDayInZone(dayStart + INTO_NEXT_DAY_MS, timeZone);
}

/** Empty counters of the queue's local day of `time` (also the base a day's past is added to: live-views/day-past.ts). */
export function countersForDay(time: number, timeZone: string): TodayCounters {
  const zone = safeZone(timeZone);
  const dayStart = startOfDayInZone(time, zone);
  return zeroCounters(dayStart, nextMidnightAfter(dayStart, zone));
}

function ensureQueue(draft: Draft, queueId: string, channel: Channel = 'chat'): QueueState {
  const existing = draft.queues.get(queueId);
  if (existing) return existing;
  draft.changedQueues.add(queueId);
  return draft.queues.insert(queueId, {
    queueId,
    configured: false,
    name: queueId,
    channel,
    timeZone: 'UTC',
    serviceLevelTargetSec: defaultServiceLevelTargetSec(channel),
    thresholds: DEFAULT_THRESHOLDS,
    businessHours: { windows: [], holidays: [] },
    presetGroups: [],
    mitigation: { state: 'normal' },
    overflowRules: [],
    estimatedWaitSec: null,
  });
}

/** Today's counters of a queue, rolled over first when the event is past the queue's local midnight. */
function counters(draft: Draft, queueId: string, time: number): Mutable<TodayCounters> {
  const queue = ensureQueue(draft, queueId);
  draft.changedQueues.add(queueId);
  const current = draft.today.edit(queueId);
  if (current === undefined || time >= current.nextDayStart) {
    return draft.today.insert(queueId, countersForDay(time, queue.timeZone));
  }
  return current;
}

function ensureAgent(draft: Draft, agentId: string, time: number): Mutable<AgentState> {
  const existing = draft.agents.edit(agentId);
  if (existing) return existing;
  const agent = draft.agents.insert(agentId, {
    agentId,
    ...profileSeed(draft, agentId),
    status: { kind: 'offline', reason: '', since: time },
    queueIds: [],
    loggedIn: false,
    loggedInAt: null,
    conversationIds: [],
  });
  const queueIds = draft.directory.get(agentId)?.queueIds;
  if (queueIds !== undefined) draft.setAgentQueues(agent, queueIds);
  return agent;
}

function ensureConversation(draft: Draft, conversationId: string, queueId: string, time: number): Mutable<ConversationState> {
  const existing = draft.conversations.edit(conversationId);
  if (existing) return existing;
  const queue = ensureQueue(draft, queueId);
  draft.conversationsByQueue.add(queueId, conversationId);
  draft.changedQueues.add(queueId);
  return draft.conversations.insert(conversationId, {
    conversationId,
    queueId,
    channel: queue.channel,
    intent: '',
    customer: null,
    state: 'created',
    createdAt: time,
    queuedAt: null,
    assignedAt: null,
    timeToAssignMs: null,
    agentId: null,
    supervisorId: null,
    firstAgentMessageAt: null,
    lastUnansweredCustomerMessageAt: null,
    responseTimeSumMs: 0,
    responseCount: 0,
    highEffort: false,
    transfers: 0,
    whispers: 0,
    deliveryFailures: 0,
    messageCount: 0,
    offeredQueueId: null,
    offeredDayStart: null,
  });
}

function moveConversation(draft: Draft, conversation: Mutable<ConversationState>, queueId: string): void {
  draft.changedQueues.add(conversation.queueId);
  draft.changedQueues.add(queueId);
  if (conversation.queueId === queueId) return;
  ensureQueue(draft, queueId, conversation.channel);
  draft.conversationsByQueue.remove(conversation.queueId, conversation.conversationId);
  draft.conversationsByQueue.add(queueId, conversation.conversationId);
  conversation.queueId = queueId;
}

function removeConversation(draft: Draft, conversation: ConversationState): void {
  draft.conversationsByQueue.remove(conversation.queueId, conversation.conversationId);
  draft.conversations.delete(conversation.conversationId);
  draft.changedQueues.add(conversation.queueId);
}

function releaseFromAgent(draft: Draft, agentId: string, conversationId: string): void {
  const agent = draft.agents.get(agentId);
  if (!agent?.conversationIds.includes(conversationId)) return;
  const editable = ensureAgent(draft, agentId, 0);
  editable.conversationIds = editable.conversationIds.filter((id) => id !== conversationId);
  draft.markAgentQueues(editable);
}

/**
 * The agent's counters for the day of `time` in `timeZone`, as a fresh object the caller may
 * change: the previous one may be shared with an older state.
 */
function editAgentToday(agent: Mutable<AgentState>, time: number, timeZone: string): Mutable<AgentTodayCounters> {
  const current = agent.today;
  let next: Mutable<AgentTodayCounters>;
  if (current === undefined || time >= current.nextDayStart) {
    const zone = safeZone(timeZone);
    const dayStart = startOfDayInZone(time, zone);
    next = { dayStart, nextDayStart: nextMidnightAfter(dayStart, zone), assigned: 0, finished: 0, handleTimeSumMs: 0, responseTimeSumMs: 0, responseCount: 0 };
  } else {
    next = { ...current };
  }
  agent.today = next;
  return next;
}

/** Credits a finishing assignment's handle time and replies to its agent's day. */
function creditAgent(draft: Draft, conversation: ConversationState, agentId: string, time: number): void {
  const agent = draft.agents.edit(agentId);
  if (!agent || conversation.assignedAt === null) return;
  const today = editAgentToday(agent, time, ensureQueue(draft, conversation.queueId).timeZone);
  today.finished += 1;
  today.handleTimeSumMs += Math.max(0, time - conversation.assignedAt);
  today.responseTimeSumMs += Math.max(0, conversation.responseTimeSumMs - (conversation.responseSumAtAssignMs ?? 0));
  today.responseCount += Math.max(0, conversation.responseCount - (conversation.responseCountAtAssign ?? 0));
}

/** Ends the current assignment (agent or supervisor): handle time counts in the conversation's queue. */
function finishAssignment(draft: Draft, conversation: Mutable<ConversationState>, time: number): void {
  if (conversation.state !== 'assigned') return;
  if (conversation.assignedAt !== null) {
    const today = counters(draft, conversation.queueId, time);
    today.assignmentsFinished += 1;
    today.handleTimeSumMs += Math.max(0, time - conversation.assignedAt);
  }
  if (conversation.agentId !== null) {
    creditAgent(draft, conversation, conversation.agentId, time);
    releaseFromAgent(draft, conversation.agentId, conversation.conversationId);
  }
  conversation.agentId = null;
  conversation.supervisorId = null;
  conversation.assignedAt = null;
  conversation.timeToAssignMs = null;
  conversation.firstAgentMessageAt = null;
}

/** Counts the queue time of a conversation leaving the queue; returns it (null when unknown). */
function leaveQueue(draft: Draft, conversation: ConversationState, time: number): number | null {
  if (conversation.state !== 'queued' || conversation.queuedAt === null) return null;
  const wait = Math.max(0, time - conversation.queuedAt);
  const today = counters(draft, conversation.queueId, time);
  today.leftQueueCount += 1;
  today.queueTimeSumMs += wait;
  return wait;
}

/** Offered today counts distinct conversations per queue and day. */
function countOffered(conversation: Mutable<ConversationState>, today: Mutable<TodayCounters>): void {
  if (conversation.offeredQueueId === conversation.queueId && conversation.offeredDayStart === today.dayStart) return;
  today.offered += 1;
  conversation.offeredQueueId = conversation.queueId;
  conversation.offeredDayStart = today.dayStart;
}

function enterQueue(draft: Draft, conversation: Mutable<ConversationState>, time: number): void {
  conversation.state = 'queued';
  conversation.queuedAt = time;
  const today = counters(draft, conversation.queueId, time);
  today.entered += 1;
  countOffered(conversation, today);
}

// ---- events ----

/** Applies one event, with the slot-time of the agents it changes counted up to it first (slot-time.ts). */
function applyTimed(draft: Draft, event: FloorEvent): void {
  const agentIds = agentsChangedBy(draft, event);
  accountSlotTime(draft, agentIds, event.time, (queueId, time) => counters(draft, queueId, time));
  applyOne(draft, event);
  startSlotClocks(draft, agentIds, event.time);
}

function applyOne(draft: Draft, event: FloorEvent): void {
  switch (event.type) {
    case 'queue.configured':
      return onQueueConfigured(draft, event);
    case 'queue.mitigation': {
      const queue = editQueue(draft, event.queueId);
      queue.mitigation = event.message === undefined ? { state: event.state } : { state: event.state, message: event.message };
      return;
    }
    case 'queue.overflow_rules':
      editQueue(draft, event.queueId).overflowRules = event.rules;
      return;
    case 'queue.estimated_wait':
      editQueue(draft, event.queueId).estimatedWaitSec = event.seconds;
      return;
    case 'agent.login':
      return onAgentLogin(draft, event);
    case 'agent.logout': {
      const agent = ensureAgent(draft, event.agentId, event.time);
      agent.loggedIn = false;
      agent.loggedInAt = null;
      agent.status = { kind: 'offline', reason: '', since: event.time };
      draft.markAgentQueues(agent);
      return;
    }
    case 'agent.status': {
      const agent = ensureAgent(draft, event.agentId, event.time);
      if (agent.status.kind !== event.kind || agent.status.reason !== event.reason) {
        agent.status = { kind: event.kind, reason: event.reason, since: event.time };
      }
      const loggedIn = event.kind !== 'offline';
      if (loggedIn && !agent.loggedIn) agent.loggedInAt = event.time;
      if (!loggedIn) agent.loggedInAt = null;
      agent.loggedIn = loggedIn;
      draft.markAgentQueues(agent);
      return;
    }
    case 'agent.capacity': {
      const agent = ensureAgent(draft, event.agentId, event.time);
      agent.slots = event.slots;
      draft.markAgentQueues(agent);
      followAgent(draft, agent);
      return;
    }
    case 'agent.queues': {
      const agent = ensureAgent(draft, event.agentId, event.time);
      draft.setAgentQueues(agent, event.queueIds);
      followAgent(draft, agent);
      return;
    }
    case 'user.profile':
      return applyUserProfile(draft, event, (agentId) => ensureAgent(draft, agentId, event.time));
    case 'agent.away_reasons':
      draft.awayReasons = event.reasons;
      return;
    case 'alert.updated': // Alerts are their own area's records (core/alerts), kept off the floor's state.
    case 'feed.withheld': // Held back from this user (outside their queue scope): it moves the stream's position only.
      return;
    case 'conversation.created':
      return onConversationCreated(draft, event);
    case 'conversation.queued':
      return onConversationQueued(draft, event);
    case 'conversation.assigned':
      return onConversationAssigned(draft, event);
    case 'conversation.transferred':
      return onConversationTransferred(draft, event);
    case 'conversation.message':
      return onConversationMessage(draft, event);
    case 'conversation.delivery_failed': {
      const conversation = draft.conversations.edit(event.conversationId);
      if (!conversation) return;
      conversation.deliveryFailures += 1;
      draft.changedQueues.add(conversation.queueId);
      return;
    }
    case 'conversation.flagged': {
      const conversation = draft.conversations.edit(event.conversationId);
      if (!conversation) return;
      switch (event.flag) {
        case 'high_effort':
          conversation.highEffort = true;
          break;
        default:
          assertNever(event.flag, 'conversation flag');
      }
      draft.changedQueues.add(conversation.queueId);
      return;
    }
    case 'conversation.taken_over':
      return onConversationTakenOver(draft, event);
    case 'conversation.ended':
      return onConversationEnded(draft, event);
    case 'conversation.abandoned':
      return onConversationAbandoned(draft, event);
    case 'survey.answered': {
      const today = counters(draft, event.queueId, event.time);
      today.surveys += 1;
      today.csatSum += event.rating;
      if (event.rating >= 4) today.csatPositive += 1;
      today.feedback = withFeedback(today.feedback, {
        at: event.time,
        conversationId: event.conversationId,
        agentId: event.agentId ?? null,
        rating: event.rating,
        comment: event.comment ?? null,
      });
      return;
    }
    default:
      assertNever(event, 'floor event');
  }
}

/** Today's answers with one more, the oldest dropped past the bound (surveys are rare: a copy is cheap). */
function withFeedback(feedback: readonly FeedbackEntry[] | undefined, entry: FeedbackEntry): readonly FeedbackEntry[] {
  const current = feedback ?? [];
  const kept = current.length >= MAX_FEEDBACK_PER_QUEUE ? current.slice(current.length - MAX_FEEDBACK_PER_QUEUE + 1) : current;
  return [...kept, entry];
}

function editQueue(draft: Draft, queueId: string): Mutable<QueueState> {
  ensureQueue(draft, queueId);
  draft.changedQueues.add(queueId);
  const queue = draft.queues.edit(queueId);
  if (!queue) throw new Error(`Queue ${queueId} vanished while editing`);
  return queue;
}

function onQueueConfigured(draft: Draft, event: FloorEventOf<'queue.configured'>): void {
  const queue = editQueue(draft, event.queueId);
  const zoneChanged = queue.timeZone !== event.timeZone;
  queue.configured = true;
  queue.name = event.name;
  queue.channel = event.channel;
  queue.timeZone = event.timeZone;
  queue.serviceLevelTargetSec = event.serviceLevelTargetSec;
  queue.thresholds = event.thresholds;
  queue.businessHours = event.businessHours;
  queue.presetGroups = event.presetGroups;
  const today = draft.today.edit(event.queueId);
  if (today === undefined) {
    draft.today.insert(event.queueId, countersForDay(event.time, event.timeZone));
  } else if (zoneChanged) {
    // Keep today's numbers; the day now ends at the next midnight of the new zone.
    const zone = safeZone(event.timeZone);
    today.nextDayStart = nextMidnightAfter(startOfDayInZone(Math.max(event.time, today.dayStart), zone), zone);
  }
}

function onAgentLogin(draft: Draft, event: FloorEventOf<'agent.login'>): void {
  const agent = ensureAgent(draft, event.agentId, event.time);
  agent.name = event.name;
  agent.teamId = event.teamId;
  agent.teamName = event.teamName;
  agent.location = event.location;
  agent.slots = event.slots;
  if (!agent.loggedIn) agent.loggedInAt = event.time;
  agent.loggedIn = true;
  // Logged in but not yet ready: the feed's next agent.status says what the agent chose.
  if (agent.status.kind === 'offline') agent.status = { kind: 'away', reason: '', since: event.time };
  draft.setAgentQueues(agent, event.queueIds);
  followAgent(draft, agent, true);
}

function onConversationCreated(draft: Draft, event: FloorEventOf<'conversation.created'>): void {
  ensureQueue(draft, event.queueId, event.channel);
  const conversation = ensureConversation(draft, event.conversationId, event.queueId, event.time);
  conversation.channel = event.channel;
  conversation.intent = event.intent;
  conversation.customer = event.customer;
}

function onConversationQueued(draft: Draft, event: FloorEventOf<'conversation.queued'>): void {
  const conversation = ensureConversation(draft, event.conversationId, event.queueId, event.time);
  // A transfer already put it in this queue; the feed may or may not repeat that as queued.
  if (conversation.state === 'queued' && conversation.queueId === event.queueId) return;
  // Back in the queue from an agent who never wrote: the agent let it time out (dictionary: timedOutToday).
  if (conversation.state === 'assigned' && conversation.agentId !== null && conversation.firstAgentMessageAt === null) {
    const today = counters(draft, conversation.queueId, event.time);
    today.timedOut = (today.timedOut ?? 0) + 1;
  }
  finishAssignment(draft, conversation, event.time);
  moveConversation(draft, conversation, event.queueId);
  enterQueue(draft, conversation, event.time);
}

function onConversationAssigned(draft: Draft, event: FloorEventOf<'conversation.assigned'>): void {
  const conversation = ensureConversation(draft, event.conversationId, event.queueId, event.time);
  if (conversation.state === 'assigned' && conversation.agentId === event.agentId && conversation.queueId === event.queueId) return;
  const wait = leaveQueue(draft, conversation, event.time) ?? 0;
  finishAssignment(draft, conversation, event.time);
  moveConversation(draft, conversation, event.queueId);
  const queue = ensureQueue(draft, event.queueId);
  const today = counters(draft, event.queueId, event.time);
  today.assigned += 1;
  today.assignWaitSumMs += wait;
  if (wait <= queue.serviceLevelTargetSec * 1000) today.assignedWithinTarget += 1;
  countOffered(conversation, today);
  conversation.state = 'assigned';
  conversation.assignedAt = event.time;
  conversation.timeToAssignMs = wait;
  conversation.agentId = event.agentId;
  conversation.supervisorId = null;
  conversation.firstAgentMessageAt = null;
  conversation.responseSumAtAssignMs = conversation.responseTimeSumMs;
  conversation.responseCountAtAssign = conversation.responseCount;
  const agent = ensureAgent(draft, event.agentId, event.time);
  if (!agent.conversationIds.includes(event.conversationId)) agent.conversationIds = [...agent.conversationIds, event.conversationId];
  editAgentToday(agent, event.time, queue.timeZone).assigned += 1;
  draft.markAgentQueues(agent);
}

function onConversationTransferred(draft: Draft, event: FloorEventOf<'conversation.transferred'>): void {
  const conversation = ensureConversation(draft, event.conversationId, event.fromQueueId, event.time);
  finishAssignment(draft, conversation, event.time);
  if (event.fromAgentId !== undefined) releaseFromAgent(draft, event.fromAgentId, event.conversationId);
  conversation.transfers += 1;
  moveConversation(draft, conversation, event.toQueueId);
  // A transfer puts the customer in the target queue: it enters that queue now.
  enterQueue(draft, conversation, event.time);
}

function onConversationMessage(draft: Draft, event: FloorEventOf<'conversation.message'>): void {
  const conversation = draft.conversations.edit(event.conversationId);
  if (!conversation) return;
  conversation.messageCount += 1;
  draft.changedQueues.add(conversation.queueId);
  switch (event.kind) {
    case 'text':
      break;
    case 'whisper':
      conversation.whispers += 1;
      return;
    case 'note':
    case 'system':
      return;
    default:
      assertNever(event.kind, 'message kind');
  }
  switch (event.sender) {
    case 'customer':
      if (conversation.lastUnansweredCustomerMessageAt === null) conversation.lastUnansweredCustomerMessageAt = event.time;
      return;
    case 'agent':
    case 'supervisor':
      if (conversation.lastUnansweredCustomerMessageAt !== null) {
        conversation.responseTimeSumMs += Math.max(0, event.time - conversation.lastUnansweredCustomerMessageAt);
        conversation.responseCount += 1;
        conversation.lastUnansweredCustomerMessageAt = null;
      }
      if (conversation.state === 'assigned' && conversation.firstAgentMessageAt === null) conversation.firstAgentMessageAt = event.time;
      return;
    case 'bot':
      return;
    default:
      assertNever(event.sender, 'message sender');
  }
}

function onConversationTakenOver(draft: Draft, event: FloorEventOf<'conversation.taken_over'>): void {
  const conversation = draft.conversations.edit(event.conversationId);
  if (!conversation) return;
  const wait = leaveQueue(draft, conversation, event.time);
  const previousTimeToAssign = conversation.timeToAssignMs;
  finishAssignment(draft, conversation, event.time);
  if (event.fromAgentId !== undefined) releaseFromAgent(draft, event.fromAgentId, event.conversationId);
  draft.changedQueues.add(conversation.queueId);
  conversation.state = 'assigned';
  conversation.supervisorId = event.supervisorId;
  conversation.agentId = null;
  conversation.assignedAt = event.time;
  conversation.timeToAssignMs = wait ?? previousTimeToAssign ?? 0;
  conversation.firstAgentMessageAt = null;
  conversation.responseSumAtAssignMs = conversation.responseTimeSumMs;
  conversation.responseCountAtAssign = conversation.responseCount;
}

function onConversationEnded(draft: Draft, event: FloorEventOf<'conversation.ended'>): void {
  const conversation = draft.conversations.edit(event.conversationId);
  if (!conversation) return;
  finishAssignment(draft, conversation, event.time);
  const today = counters(draft, conversation.queueId, event.time);
  today.ended += 1;
  today.dispositioned += 1;
  if (event.disposition === 'resolved') today.resolved += 1;
  removeConversation(draft, conversation);
}

function onConversationAbandoned(draft: Draft, event: FloorEventOf<'conversation.abandoned'>): void {
  const conversation = draft.conversations.edit(event.conversationId);
  const wait = conversation ? leaveQueue(draft, conversation, event.time) : null;
  if (conversation) finishAssignment(draft, conversation, event.time);
  const today = counters(draft, event.queueId, event.time);
  today.abandoned += 1;
  if (wait !== null) {
    today.abandonWaitCount += 1;
    today.abandonWaitSumMs += wait;
    if (wait < SHORT_ABANDON_MS) today.abandonedShort += 1;
  }
  if (conversation) removeConversation(draft, conversation);
}
