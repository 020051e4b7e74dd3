/**
 * The simulated contact-center floor: a deterministic discrete-event model with no I/O.
 *
 * Customers arrive per queue (a Poisson process whose rate follows the queue's local day), talk to
 * a bot, wait, are routed to the least-busy available agent, exchange messages, and leave with a
 * disposition and sometimes a survey; agents take breaks. Everything is driven by one seeded
 * generator and a time-ordered agenda, so the same seed and the same calls give the same events.
 */
import type {
  BusinessHours,
  Channel,
  Customer,
  Disposition,
  FloorEventInput,
  MitigationState,
  OverflowRule,
  Sender,
  StatusKind,
  Thresholds,
} from '../../src-shared/protocol/events.js';
import type { FeedCommand } from '../../src-shared/protocol/frames.js';
import { assertNever } from '../../src-shared/result.js';
import {
  AGENT_CLOSING,
  AGENT_GENERIC,
  AGENT_GOODBYE,
  AGENT_GREETINGS,
  AVAILABLE_REASON,
  AWAY_REASONS,
  BOT_GREETINGS,
  BOT_ROUTING,
  CUSTOMER_CLOSING,
  CUSTOMER_GENERIC,
  DELIVERY_FAILURES,
  FIRST_NAMES,
  HOURLY_CURVE,
  INTENTS,
  LAST_NAMES,
  LOCATIONS,
  QUEUE_TEMPLATES,
  SURVEY_COMMENTS,
  TEAM_NAMES,
  VOICE_FILLERS_AGENT,
  VOICE_FILLERS_CUSTOMER,
  WEEKDAY_FACTOR,
  businessHoursFor,
  thresholdsFor,
} from './catalog.js';
import type { IntentScript } from './catalog.js';
import { createRandom, mixSeed } from './random.js';
import type { Random } from './random.js';
import { createAgenda } from './scheduler.js';
import { createZoneClock } from './zone-clock.js';
import type { ZoneClock } from './zone-clock.js';

export interface FloorOptions {
  readonly seed: number;
  /** Floor epoch ms at which the floor is "now" after the first advance. */
  readonly startTime: number;
  /** Number of queues (default 10, at least 8), a mix of chat and voice. */
  readonly queues?: number;
  /** Number of agents (default 64). */
  readonly agents?: number;
  /** Multiplier on every queue's arrival rate (default 1). */
  readonly arrivalScale?: number;
  /**
   * Floor time simulated before startTime (default 10 minutes), so that the floor starts
   * mid-shift with conversations in progress. Those events are returned by the first advance.
   */
  readonly warmupMs?: number;
  /** Live transcription of voice calls as text messages (default true). */
  readonly voiceTranscripts?: boolean;
}

export type CommandOutcome = { readonly ok: true; readonly events: FloorEventInput[] } | { readonly ok: false; readonly reason: string };

export interface SnapshotOptions {
  /** Include the messages of conversations in progress (default true). */
  readonly includeMessages?: boolean;
}

export interface QueueInfo {
  readonly queueId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly timeZone: string;
}

export interface AgentInfo {
  readonly agentId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly slots: number;
  readonly queueIds: readonly string[];
}

export interface Floor {
  readonly queues: readonly QueueInfo[];
  readonly agents: readonly AgentInfo[];
  /** Floor time the model has reached. */
  now(): number;
  /** Runs the simulation up to `floorTimeMs` and returns what happened, in time order, without seq. */
  advanceTo(floorTimeMs: number): FloorEventInput[];
  /** Events that, applied to an empty state, rebuild the current floor state. */
  snapshotEvents(options?: SnapshotOptions): FloorEventInput[];
  /**
   * Applies a supervisor command at `floorTimeMs` (or now, if earlier). The floor first advances
   * to that time, so `events` holds what happened until then followed by the command's effects.
   */
  applyCommand(command: FeedCommand, floorTimeMs: number): CommandOutcome;
}

/** A finished conversation and all its events (the history generator's unit). */
export interface CompletedConversation {
  readonly createdAt: number;
  readonly completedAt: number;
  readonly events: readonly FloorEventInput[];
}

/** Knobs for reuse of the model by the history generator; not part of the public floor. */
export interface FloorModelInternals {
  /** Seed of the dynamics (arrivals, durations...). The roster always comes from options.seed. */
  readonly dynamicsSeed?: number;
  readonly conversationPrefix?: string;
  /** Keep every conversation's events and hand them over once it is complete. */
  readonly collectCompleted?: boolean;
  /** Do not emit the initial configuration events. */
  readonly silentSetup?: boolean;
}

export interface FloorModel extends Floor {
  takeCompleted(): CompletedConversation[];
  activeConversationCount(): number;
}

// ---- pacing (seconds unless said otherwise); tuned so a busy floor feels real and stays dense ----

const CHAT_BOT_OPENER_MEDIAN = 5;
const CHAT_FIRST_RESPONSE_MEDIAN = 8;
const CHAT_CUSTOMER_THINK_MEDIAN = 4.5;
const CHAT_AGENT_RESPONSE_MEDIAN = 5.5;
const CHAT_BURST_GAP_MEDIAN = 1.6;
const CHAT_BURST_CHANCE = 0.35;
const VOICE_IVR_MEDIAN = 20;
const VOICE_UTTERANCE_MEDIAN = 1.9;
const VOICE_TALK_MEDIAN = 240;
const CHAT_PATIENCE_MEAN = 360;
const VOICE_PATIENCE_MEAN = 200;
/** Approximate mean time an agent holds a conversation, used to size arrival rates. */
const CHAT_MEAN_HANDLE = 105;
const VOICE_MEAN_HANDLE = 265;
/** Offered load at the daily peak relative to the staffed capacity. */
const PEAK_LOAD = 1.1;
const AVAILABILITY = 0.85;
const TRANSFER_CHANCE = 0.05;
const HIGH_EFFORT_CHANCE = 0.05;
const DELIVERY_FAILURE_CHANCE = 0.015;
const SURVEY_CHANCE = 0.3;
const AWAY_EVERY_MEAN_MINUTES = 100;
const INITIAL_AWAY_SHARE = 0.12;
const ESTIMATE_INTERVAL_MS = 30_000;
const SUPERVISED_IDLE_END_MS = 10 * 60_000;
const RECENT_ENDED_LIMIT = 5_000;
const CLOSED_DEMAND = 0.25;
const MAX_SLOTS = 4;
const HOUR_MS = 3_600_000;

type Phase =
  | 'opener'
  | 'route'
  | 'waiting'
  | 'greeting'
  | 'customer'
  | 'agent'
  | 'closing'
  | 'customer-closing'
  | 'goodbye'
  | 'finish'
  | 'talk'
  | 'supervised'
  | 'supervised-end'
  | 'ended';

interface QueueState {
  readonly id: string;
  readonly name: string;
  readonly channel: Channel;
  readonly timeZone: string;
  readonly serviceLevelTargetSec: number;
  thresholds: Thresholds;
  readonly businessHours: BusinessHours;
  readonly holidays: ReadonlySet<string>;
  readonly alwaysOpen: boolean;
  readonly presetGroups: readonly string[];
  readonly intents: readonly IntentScript[];
  readonly demand: number;
  readonly clock: ZoneClock;
  readonly configuredAt: number;
  baseRate: number;
  maxRate: number;
  readonly surgeAmplitude: number;
  readonly surgePeriodMs: number;
  readonly surgePhase: number;
  mitigation: MitigationState;
  mitigationMessage: string | undefined;
  mitigationAt: number;
  overflowRules: OverflowRule[];
  overflowAt: number;
  readonly waiting: Set<ConversationState>;
  /** Routable agents by number of active conversations: pick from the lowest bucket. */
  readonly free: Set<AgentState>[];
  readonly members: AgentState[];
  estimatedWait: number;
  estimatedWaitAt: number;
}

interface AgentState {
  readonly id: string;
  readonly name: string;
  readonly firstName: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly location: string;
  readonly channel: Channel;
  readonly slots: number;
  readonly queues: QueueState[];
  loggedIn: boolean;
  loginAt: number;
  kind: StatusKind;
  reason: string;
  statusSince: number;
  readonly active: Set<ConversationState>;
  bucket: number;
  version: number;
}

interface ConversationState {
  readonly id: string;
  readonly channel: Channel;
  readonly createdAt: number;
  readonly intent: IntentScript;
  readonly customerFirstName: string;
  readonly order: string;
  queue: QueueState;
  phase: Phase;
  version: number;
  agent: AgentState | undefined;
  lastAgent: AgentState | undefined;
  supervisorId: string | undefined;
  queuedAt: number;
  messageCount: number;
  exchangesLeft: number;
  transferAtExchange: number;
  flagAtExchange: number;
  transfers: number;
  supervisorReplies: number;
  customerMessagesLeft: number;
  disposition: Disposition;
  readonly log: FloorEventInput[];
}

type Action =
  | { readonly kind: 'arrival'; readonly queue: QueueState }
  | { readonly kind: 'step'; readonly conversation: ConversationState; readonly version: number }
  | { readonly kind: 'abandon'; readonly conversation: ConversationState; readonly version: number }
  | { readonly kind: 'survey'; readonly conversation: ConversationState }
  | { readonly kind: 'status'; readonly agent: AgentState; readonly version: number }
  | { readonly kind: 'estimate'; readonly queue: QueueState };

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Creates a floor. Same options, same calls → same events. */
export function createFloor(options: FloorOptions): Floor {
  return createFloorModel(options, {});
}

/** Creates the floor model with the knobs the history generator needs. */
export function createFloorModel(options: FloorOptions, internals: FloorModelInternals): FloorModel {
  const seed = options.seed >>> 0;
  const queueCount = Math.max(8, Math.floor(options.queues ?? 10));
  const agentCount = Math.max(1, Math.floor(options.agents ?? 64));
  const arrivalScale = Math.max(0, options.arrivalScale ?? 1);
  const warmupMs = Math.max(0, options.warmupMs ?? 10 * 60_000);
  const voiceTranscripts = options.voiceTranscripts ?? true;
  const conversationPrefix = internals.conversationPrefix ?? `c-${seed}-`;
  const collectCompleted = internals.collectCompleted ?? false;
  const startOfFloor = Math.floor(options.startTime) - warmupMs;

  const roster = createRandom(mixSeed(seed, 1));
  const random: Random = createRandom(mixSeed(internals.dynamicsSeed ?? seed, 2));
  const agenda = createAgenda<Action>();

  let now = startOfFloor;
  let out: FloorEventInput[] = [];
  let conversationCounter = 0;
  const conversations = new Map<string, ConversationState>();
  /** Ended conversations still accept notes; only what a note needs is kept. */
  const recentlyEnded = new Map<string, { readonly id: string; messageCount: number }>();
  let completed: CompletedConversation[] = [];

  // ---- queues ----

  const queues: QueueState[] = [];
  for (let index = 0; index < queueCount; index++) {
    const template = QUEUE_TEMPLATES[index % QUEUE_TEMPLATES.length];
    if (!template) throw new Error('queue catalog is empty');
    const round = Math.floor(index / QUEUE_TEMPLATES.length);
    const businessHours = businessHoursFor(template.hours);
    queues.push({
      id: round === 0 ? `q-${template.key}` : `q-${template.key}-${round + 1}`,
      name: round === 0 ? template.name : `${template.name} ${round + 1}`,
      channel: template.channel,
      timeZone: template.timeZone,
      serviceLevelTargetSec: template.channel === 'chat' ? 60 : 20,
      thresholds: thresholdsFor(template.channel, 0),
      businessHours,
      holidays: new Set(businessHours.holidays),
      alwaysOpen: businessHours.holidays.length === 0 && [0, 1, 2, 3, 4, 5, 6].every((day) => businessHours.windows.some((window) => window.day === day && window.openMinute === 0 && window.closeMinute === 1440)),
      presetGroups: [template.presetGroup],
      intents: template.intents.map((name) => {
        const intent = INTENTS[name];
        if (!intent) throw new Error(`unknown intent ${name}`);
        return intent;
      }),
      demand: template.demand,
      clock: createZoneClock(template.timeZone),
      configuredAt: startOfFloor,
      baseRate: 0,
      maxRate: 0,
      surgeAmplitude: 0.15 + roster.next() * 0.2,
      surgePeriodMs: (20 + roster.next() * 30) * 60_000,
      surgePhase: roster.next() * 2 * Math.PI,
      mitigation: 'normal',
      mitigationMessage: undefined,
      mitigationAt: startOfFloor,
      overflowRules: [],
      overflowAt: startOfFloor,
      waiting: new Set(),
      free: Array.from({ length: MAX_SLOTS }, () => new Set<AgentState>()),
      members: [],
      estimatedWait: 0,
      estimatedWaitAt: startOfFloor,
    });
  }
  const queuesById = new Map(queues.map((queue) => [queue.id, queue]));
  const chatQueues = queues.filter((queue) => queue.channel === 'chat');
  const voiceQueues = queues.filter((queue) => queue.channel === 'voice');

  // ---- agents ----

  const agents: AgentState[] = [];
  const agentsById = new Map<string, AgentState>();
  let chatAgentCount = Math.round((agentCount * chatQueues.length) / queues.length);
  if (agentCount >= 2) chatAgentCount = Math.min(agentCount - 1, Math.max(1, chatAgentCount));
  const nameOffset = roster.integer(0, FIRST_NAMES.length - 1);
  const idWidth = Math.max(3, String(agentCount).length);
  const teamWidth = Math.max(2, String(Math.ceil(agentCount / 8)).length);
  const teamLocations: string[] = [];
  for (let index = 0; index < agentCount; index++) {
    const channel: Channel = index < chatAgentCount ? 'chat' : 'voice';
    const channelQueues = channel === 'chat' ? chatQueues : voiceQueues;
    const indexInChannel = channel === 'chat' ? index : index - chatAgentCount;
    const teamIndex = Math.floor(index / 8);
    const teamName = `${TEAM_NAMES[teamIndex % TEAM_NAMES.length]}${teamIndex >= TEAM_NAMES.length ? ` ${Math.floor(teamIndex / TEAM_NAMES.length) + 1}` : ''}`;
    let location = teamLocations[teamIndex];
    if (location === undefined) {
      location = roster.pick(LOCATIONS);
      teamLocations[teamIndex] = location;
    }
    const memberOf: QueueState[] = [channelQueues[indexInChannel % channelQueues.length] as QueueState];
    const extra = roster.weightedIndex([0.4, 0.45, 0.15]);
    for (let attempt = 0; attempt < 6 && memberOf.length < 1 + extra && memberOf.length < channelQueues.length; attempt++) {
      const candidate = roster.pick(channelQueues);
      if (!memberOf.includes(candidate)) memberOf.push(candidate);
    }
    const firstName = FIRST_NAMES[(index + nameOffset) % FIRST_NAMES.length] as string;
    const lastName = LAST_NAMES[(index * 7 + Math.floor(index / FIRST_NAMES.length) + nameOffset) % LAST_NAMES.length] as string;
    const agent: AgentState = {
      id: `a-${pad(index + 1, idWidth)}`,
      name: `${firstName} ${lastName}`,
      firstName,
      teamId: `t-${pad(teamIndex + 1, teamWidth)}`,
      teamName,
      location,
      channel,
      slots: channel === 'chat' ? 2 + roster.weightedIndex([0.2, 0.4, 0.4]) : 1,
      queues: memberOf,
      loggedIn: true,
      loginAt: startOfFloor,
      kind: 'available',
      reason: AVAILABLE_REASON,
      statusSince: startOfFloor,
      active: new Set(),
      bucket: -1,
      version: 0,
    };
    agents.push(agent);
    agentsById.set(agent.id, agent);
    for (const queue of memberOf) queue.members.push(agent);
  }

  // Arrival rates follow staffing: the floor is as busy as its agents can handle at the peak.
  for (const queue of queues) {
    let slotShare = 0;
    for (const agent of queue.members) slotShare += agent.slots / agent.queues.length;
    const meanHandle = queue.channel === 'chat' ? CHAT_MEAN_HANDLE : VOICE_MEAN_HANDLE;
    queue.baseRate = (queue.demand * PEAK_LOAD * AVAILABILITY * slotShare) / meanHandle;
    queue.maxRate = queue.baseRate * (1 + queue.surgeAmplitude) * arrivalScale;
    queue.thresholds = thresholdsFor(queue.channel, queue.members.length);
  }

  // ---- helpers ----

  const emit = (event: FloorEventInput, conversation?: ConversationState): void => {
    out.push(event);
    if (conversation) conversation.log.push(event);
  };

  const schedule = (time: number, action: Action): void => {
    agenda.schedule(Math.max(now, Math.round(time)), action);
  };

  const waitText = (queue: QueueState): string => {
    const minutes = Math.max(1, Math.round(queue.estimatedWait / 60));
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  };

  const fill = (template: string, conversation: ConversationState): string => {
    if (template.indexOf('{') < 0) return template;
    return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
      switch (key) {
        case 'customer':
          return conversation.customerFirstName;
        case 'agent':
          return (conversation.agent ?? conversation.lastAgent)?.firstName ?? 'our team';
        case 'queue':
          return conversation.queue.name;
        case 'order':
          return conversation.order;
        case 'wait':
          return waitText(conversation.queue);
        default:
          return whole;
      }
    });
  };

  const message = (conversation: ConversationState, sender: Sender, kind: 'text' | 'whisper' | 'note' | 'system', text: string, senderId?: string): string => {
    conversation.messageCount += 1;
    const messageId = `${conversation.id}-m${conversation.messageCount}`;
    const event: FloorEventInput =
      senderId === undefined
        ? { type: 'conversation.message', time: now, conversationId: conversation.id, messageId, sender, kind, text }
        : { type: 'conversation.message', time: now, conversationId: conversation.id, messageId, sender, senderId, kind, text };
    emit(event, conversation);
    return messageId;
  };

  const isRoutable = (agent: AgentState): boolean => agent.loggedIn && agent.kind === 'available' && agent.active.size < agent.slots;

  /** Keeps the agent in the right "free" bucket of each of its queues. */
  const refreshAgent = (agent: AgentState): void => {
    const bucket = isRoutable(agent) ? agent.active.size : -1;
    if (bucket === agent.bucket) return;
    for (const queue of agent.queues) {
      if (agent.bucket >= 0) queue.free[agent.bucket]?.delete(agent);
      if (bucket >= 0) queue.free[bucket]?.add(agent);
    }
    agent.bucket = bucket;
  };

  const firstFreeAgent = (queue: QueueState): AgentState | undefined => {
    for (const bucket of queue.free) {
      if (bucket.size > 0) return bucket.values().next().value;
    }
    return undefined;
  };

  const isOpen = (queue: QueueState, time: number): boolean => {
    const local = queue.clock.localAt(time);
    if (queue.holidays.size > 0 && queue.holidays.has(queue.clock.localDateAt(time))) return false;
    const minute = local.msOfDay / 60_000;
    for (const window of queue.businessHours.windows) {
      if (window.day === local.weekday && minute >= window.openMinute && minute < window.closeMinute) return true;
    }
    return false;
  };

  const arrivalRate = (queue: QueueState, time: number): number => {
    const local = queue.clock.localAt(time);
    const hours = local.msOfDay / HOUR_MS;
    const hour = Math.floor(hours);
    const from = HOURLY_CURVE[hour] ?? 0.3;
    const to = HOURLY_CURVE[(hour + 1) % 24] ?? 0.3;
    const curve = from + (to - from) * (hours - hour);
    const surge = 1 + queue.surgeAmplitude * Math.sin((2 * Math.PI * time) / queue.surgePeriodMs + queue.surgePhase);
    const open = queue.alwaysOpen || isOpen(queue, time) ? 1 : CLOSED_DEMAND;
    return queue.baseRate * arrivalScale * curve * (WEEKDAY_FACTOR[local.weekday] ?? 1) * surge * open;
  };

  const scheduleNextArrival = (queue: QueueState, from: number): void => {
    if (queue.maxRate <= 0) return;
    schedule(from + random.exponential(1000 / queue.maxRate), { kind: 'arrival', queue });
  };

  const scheduleStep = (conversation: ConversationState, delayMs: number): void => {
    schedule(now + delayMs, { kind: 'step', conversation, version: conversation.version });
  };

  const seconds = (median: number, sigma: number): number => random.logNormal(median, sigma) * 1000;

  const setStatus = (agent: AgentState, kind: StatusKind, reason: string): void => {
    agent.kind = kind;
    agent.reason = reason;
    agent.statusSince = now;
    agent.version += 1;
    emit({ type: 'agent.status', time: now, agentId: agent.id, kind, reason });
    refreshAgent(agent);
  };

  const scheduleAway = (agent: AgentState): void => {
    schedule(now + random.exponential(AWAY_EVERY_MEAN_MINUTES * 60_000), { kind: 'status', agent, version: agent.version });
  };

  const scheduleReturn = (agent: AgentState, reason: string, fraction: number): void => {
    const plan = AWAY_REASONS.find((candidate) => candidate.reason === reason);
    const minutes = random.logNormal(plan?.medianMinutes ?? 15, 0.3) * fraction;
    schedule(now + minutes * 60_000, { kind: 'status', agent, version: agent.version });
  };

  // ---- routing ----

  const assign = (conversation: ConversationState, agent: AgentState): void => {
    conversation.queue.waiting.delete(conversation);
    conversation.version += 1;
    conversation.agent = agent;
    conversation.lastAgent = agent;
    conversation.phase = 'greeting';
    agent.active.add(conversation);
    refreshAgent(agent);
    emit({ type: 'conversation.assigned', time: now, conversationId: conversation.id, queueId: conversation.queue.id, agentId: agent.id }, conversation);
    if (conversation.channel === 'chat') {
      message(conversation, 'bot', 'system', `${agent.name} joined the conversation`);
      const firstVisit = conversation.transfers === 0;
      conversation.exchangesLeft = firstVisit ? random.integer(3, 8) : random.integer(2, 4);
      if (firstVisit && random.chance(TRANSFER_CHANCE)) conversation.transferAtExchange = random.integer(1, conversation.exchangesLeft - 1);
      if (firstVisit && random.chance(HIGH_EFFORT_CHANCE)) {
        conversation.exchangesLeft += 5;
        conversation.flagAtExchange = Math.max(1, conversation.exchangesLeft - 4);
      }
      scheduleStep(conversation, seconds(CHAT_FIRST_RESPONSE_MEDIAN, 0.6));
    } else {
      message(conversation, 'bot', 'system', `Call connected to ${agent.name}`);
      const talkMs = seconds(VOICE_TALK_MEDIAN, 0.45) * (conversation.transfers === 0 ? 1 : 0.5);
      const firstVisit = conversation.transfers === 0;
      if (voiceTranscripts) {
        conversation.exchangesLeft = Math.max(4, Math.round(talkMs / (VOICE_UTTERANCE_MEDIAN * 2200)));
        if (firstVisit && random.chance(TRANSFER_CHANCE)) conversation.transferAtExchange = random.integer(2, conversation.exchangesLeft - 1);
        if (firstVisit && random.chance(HIGH_EFFORT_CHANCE)) conversation.flagAtExchange = Math.max(1, Math.floor(conversation.exchangesLeft / 2));
        scheduleStep(conversation, 1500);
      } else {
        conversation.phase = 'talk';
        conversation.exchangesLeft = 0;
        if (firstVisit && random.chance(TRANSFER_CHANCE)) conversation.transferAtExchange = 1;
        if (firstVisit && random.chance(HIGH_EFFORT_CHANCE)) conversation.flagAtExchange = 1;
        scheduleStep(conversation, talkMs);
      }
    }
  };

  const dispatchQueue = (queue: QueueState): void => {
    while (queue.mitigation !== 'paused' && queue.waiting.size > 0) {
      const agent = firstFreeAgent(queue);
      if (!agent) return;
      const head = queue.waiting.values().next().value as ConversationState;
      assign(head, agent);
    }
  };

  const dispatchAgent = (agent: AgentState): void => {
    while (isRoutable(agent)) {
      let best: ConversationState | undefined;
      for (const queue of agent.queues) {
        if (queue.mitigation === 'paused' || queue.waiting.size === 0) continue;
        const head = queue.waiting.values().next().value as ConversationState;
        if (!best || head.queuedAt < best.queuedAt) best = head;
      }
      if (!best) return;
      assign(best, agent);
    }
  };

  const release = (conversation: ConversationState): void => {
    const agent = conversation.agent;
    if (!agent) return;
    conversation.agent = undefined;
    agent.active.delete(conversation);
    refreshAgent(agent);
    dispatchAgent(agent);
  };

  const enqueue = (conversation: ConversationState, queue: QueueState): void => {
    conversation.queue = queue;
    conversation.phase = 'waiting';
    conversation.queuedAt = now;
    conversation.version += 1;
    emit({ type: 'conversation.queued', time: now, conversationId: conversation.id, queueId: queue.id }, conversation);
    queue.waiting.add(conversation);
    const patience = conversation.channel === 'chat' ? CHAT_PATIENCE_MEAN : VOICE_PATIENCE_MEAN;
    schedule(now + random.exponential(patience * 1000), { kind: 'abandon', conversation, version: conversation.version });
    dispatchQueue(queue);
  };

  const transfer = (conversation: ConversationState, target: QueueState, announce: boolean): void => {
    const from = conversation.queue;
    const fromAgent = conversation.agent;
    if (announce) message(conversation, 'bot', 'system', `Conversation transferred to ${target.name}`);
    emit(
      fromAgent
        ? { type: 'conversation.transferred', time: now, conversationId: conversation.id, fromQueueId: from.id, toQueueId: target.id, fromAgentId: fromAgent.id }
        : { type: 'conversation.transferred', time: now, conversationId: conversation.id, fromQueueId: from.id, toQueueId: target.id },
      conversation,
    );
    from.waiting.delete(conversation);
    conversation.transfers += 1;
    conversation.transferAtExchange = -1;
    release(conversation);
    enqueue(conversation, target);
  };

  const complete = (conversation: ConversationState, at: number): void => {
    if (collectCompleted) completed.push({ createdAt: conversation.createdAt, completedAt: at, events: conversation.log });
    else conversation.log.length = 0;
  };

  const forget = (conversation: ConversationState): void => {
    conversations.delete(conversation.id);
    recentlyEnded.set(conversation.id, { id: conversation.id, messageCount: conversation.messageCount });
    if (recentlyEnded.size > RECENT_ENDED_LIMIT) {
      const oldest = recentlyEnded.keys().next().value;
      if (oldest !== undefined) recentlyEnded.delete(oldest);
    }
  };

  const end = (conversation: ConversationState, disposition: Disposition): void => {
    conversation.queue.waiting.delete(conversation);
    conversation.phase = 'ended';
    conversation.version += 1;
    conversation.disposition = disposition;
    emit({ type: 'conversation.ended', time: now, conversationId: conversation.id, disposition }, conversation);
    forget(conversation);
    release(conversation);
    if (disposition !== 'closed_by_supervisor' && random.chance(SURVEY_CHANCE)) {
      schedule(now + seconds(60, 0.8), { kind: 'survey', conversation });
    } else {
      complete(conversation, now);
    }
  };

  const pickDisposition = (): Disposition => {
    const roll = random.next();
    if (roll < 0.8) return 'resolved';
    if (roll < 0.9) return 'unresolved';
    if (roll < 0.97) return 'escalated';
    return 'transferred';
  };

  const transferTarget = (queue: QueueState): QueueState | undefined => {
    const sameChannel = queue.channel === 'chat' ? chatQueues : voiceQueues;
    if (sameChannel.length < 2) return undefined;
    let target = random.pick(sameChannel);
    while (target === queue) target = random.pick(sameChannel);
    return target;
  };

  // ---- conversation steps ----

  const arrive = (queue: QueueState): void => {
    conversationCounter += 1;
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const intent = random.pick(queue.intents);
    const id = `${conversationPrefix}${conversationCounter}`;
    const customerNumber = random.integer(100_000, 999_999);
    const customer: Customer =
      queue.channel === 'chat'
        ? { customerId: `cu-${customerNumber}`, name: `${first} ${last}`, email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com` }
        : { customerId: `cu-${customerNumber}`, name: `${first} ${last}`, phone: `+1 555 01${pad(customerNumber % 100, 2)}` };
    const conversation: ConversationState = {
      id,
      channel: queue.channel,
      createdAt: now,
      intent,
      customerFirstName: first,
      order: String(customerNumber),
      queue,
      phase: queue.channel === 'chat' ? 'opener' : 'route',
      version: 0,
      agent: undefined,
      lastAgent: undefined,
      supervisorId: undefined,
      queuedAt: now,
      messageCount: 0,
      exchangesLeft: 0,
      transferAtExchange: -1,
      flagAtExchange: -1,
      transfers: 0,
      supervisorReplies: 0,
      customerMessagesLeft: 0,
      disposition: 'resolved',
      log: [],
    };
    conversations.set(id, conversation);
    emit({ type: 'conversation.created', time: now, conversationId: id, channel: queue.channel, queueId: queue.id, intent: intent.name, customer }, conversation);
    if (queue.channel === 'chat') {
      message(conversation, 'bot', 'text', random.pick(BOT_GREETINGS));
      scheduleStep(conversation, seconds(CHAT_BOT_OPENER_MEDIAN, 0.5));
    } else {
      scheduleStep(conversation, seconds(VOICE_IVR_MEDIAN, 0.4));
    }
  };

  /** Where new traffic for `queue` goes now: the target of its first overflow rule that applies, else the queue. */
  const overflowTarget = (queue: QueueState): QueueState => {
    for (const rule of queue.overflowRules) {
      const overflow = rule.when === 'outside_business_hours' ? !isOpen(queue, now) : queue.mitigation === 'paused' || firstFreeAgent(queue) === undefined;
      const candidate = queuesById.get(rule.targetQueueId);
      if (overflow && candidate && candidate !== queue) return candidate;
    }
    return queue;
  };

  const route = (conversation: ConversationState): void => {
    const queue = conversation.queue;
    const target = overflowTarget(queue);
    if (conversation.channel === 'chat') {
      const custom = target.mitigation === 'custom_message' ? target.mitigationMessage : undefined;
      const text = custom ?? random.pick(BOT_ROUTING).replace('{queue}', target.name).replace('{wait}', waitText(target));
      message(conversation, 'bot', 'text', text);
    }
    if (target !== queue) {
      emit({ type: 'conversation.transferred', time: now, conversationId: conversation.id, fromQueueId: queue.id, toQueueId: target.id }, conversation);
      conversation.transfers += 1;
    }
    enqueue(conversation, target);
  };

  const agentSays = (conversation: ConversationState, text: string): void => {
    const agent = conversation.agent;
    const messageId = message(conversation, 'agent', 'text', text, agent?.id);
    if (conversation.channel === 'chat' && random.chance(DELIVERY_FAILURE_CHANCE)) {
      emit({ type: 'conversation.delivery_failed', time: now, conversationId: conversation.id, messageId, reason: random.pick(DELIVERY_FAILURES) }, conversation);
    }
  };

  const customerLine = (conversation: ConversationState): string =>
    fill(random.chance(0.6) ? random.pick(conversation.intent.details) : random.pick(CUSTOMER_GENERIC), conversation);

  const agentLine = (conversation: ConversationState): string =>
    fill(random.chance(0.55) ? random.pick(conversation.intent.answers) : random.pick(AGENT_GENERIC), conversation);

  /** Mid-conversation events that any channel may hit at an exchange: a flag or a transfer. */
  const exchangeMilestones = (conversation: ConversationState): boolean => {
    const exchange = conversation.exchangesLeft;
    if (exchange === conversation.flagAtExchange) {
      conversation.flagAtExchange = -1;
      emit({ type: 'conversation.flagged', time: now, conversationId: conversation.id, flag: 'high_effort' }, conversation);
    }
    if (exchange === conversation.transferAtExchange) {
      const target = transferTarget(conversation.queue);
      if (target) {
        // An agent's transfer is new traffic for the target queue: its overflow rules apply to it too.
        const routed = overflowTarget(target);
        transfer(conversation, routed === conversation.queue ? target : routed, true);
        return true;
      }
    }
    return false;
  };

  const chatStep = (conversation: ConversationState): void => {
    switch (conversation.phase) {
      case 'opener':
        message(conversation, 'customer', 'text', fill(random.pick(conversation.intent.openers), conversation));
        conversation.phase = 'route';
        scheduleStep(conversation, 1200);
        return;
      case 'route':
        route(conversation);
        return;
      case 'greeting':
        agentSays(conversation, fill(random.pick(AGENT_GREETINGS), conversation));
        conversation.phase = 'customer';
        scheduleStep(conversation, seconds(CHAT_CUSTOMER_THINK_MEDIAN, 0.6));
        return;
      case 'customer':
        message(conversation, 'customer', 'text', customerLine(conversation));
        if (random.chance(CHAT_BURST_CHANCE)) {
          scheduleStep(conversation, seconds(CHAT_BURST_GAP_MEDIAN, 0.4));
        } else {
          conversation.phase = 'agent';
          scheduleStep(conversation, seconds(CHAT_AGENT_RESPONSE_MEDIAN, 0.6));
        }
        return;
      case 'agent':
        agentSays(conversation, agentLine(conversation));
        conversation.exchangesLeft -= 1;
        if (exchangeMilestones(conversation)) return;
        if (conversation.exchangesLeft <= 0) {
          conversation.phase = 'closing';
          scheduleStep(conversation, seconds(CHAT_AGENT_RESPONSE_MEDIAN, 0.5));
        } else {
          conversation.phase = 'customer';
          scheduleStep(conversation, seconds(CHAT_CUSTOMER_THINK_MEDIAN, 0.6));
        }
        return;
      case 'closing':
        agentSays(conversation, random.pick(AGENT_CLOSING));
        conversation.phase = 'customer-closing';
        scheduleStep(conversation, seconds(CHAT_CUSTOMER_THINK_MEDIAN, 0.5));
        return;
      case 'customer-closing':
        message(conversation, 'customer', 'text', random.pick(CUSTOMER_CLOSING));
        conversation.phase = 'goodbye';
        scheduleStep(conversation, seconds(CHAT_AGENT_RESPONSE_MEDIAN * 0.6, 0.4));
        return;
      case 'goodbye':
        agentSays(conversation, fill(random.pick(AGENT_GOODBYE), conversation));
        conversation.phase = 'finish';
        scheduleStep(conversation, seconds(4, 0.4));
        return;
      case 'finish':
        end(conversation, pickDisposition());
        return;
      case 'supervised':
      case 'supervised-end':
        supervisedStep(conversation);
        return;
      case 'talk':
      case 'waiting':
      case 'ended':
        return;
      default:
        assertNever(conversation.phase, 'conversation phase');
    }
  };

  const voiceStep = (conversation: ConversationState): void => {
    switch (conversation.phase) {
      case 'route':
        route(conversation);
        return;
      case 'greeting':
        if (voiceTranscripts) agentSays(conversation, fill(random.pick(AGENT_GREETINGS), conversation));
        conversation.phase = voiceTranscripts ? 'customer' : 'talk';
        scheduleStep(conversation, seconds(VOICE_UTTERANCE_MEDIAN, 0.4));
        return;
      case 'customer': {
        const opening = conversation.messageCount <= 3;
        const line = opening ? fill(random.pick(conversation.intent.openers), conversation) : random.chance(0.35) ? random.pick(VOICE_FILLERS_CUSTOMER) : customerLine(conversation);
        message(conversation, 'customer', 'text', line);
        conversation.phase = 'agent';
        scheduleStep(conversation, seconds(VOICE_UTTERANCE_MEDIAN, 0.4));
        return;
      }
      case 'agent':
        agentSays(conversation, random.chance(0.35) ? random.pick(VOICE_FILLERS_AGENT) : agentLine(conversation));
        conversation.exchangesLeft -= 1;
        if (exchangeMilestones(conversation)) return;
        conversation.phase = conversation.exchangesLeft <= 0 ? 'closing' : 'customer';
        scheduleStep(conversation, seconds(VOICE_UTTERANCE_MEDIAN, 0.4));
        return;
      case 'closing':
        agentSays(conversation, random.pick(AGENT_CLOSING));
        conversation.phase = 'customer-closing';
        scheduleStep(conversation, seconds(VOICE_UTTERANCE_MEDIAN, 0.4));
        return;
      case 'customer-closing':
        message(conversation, 'customer', 'text', random.pick(CUSTOMER_CLOSING));
        conversation.phase = 'goodbye';
        scheduleStep(conversation, seconds(VOICE_UTTERANCE_MEDIAN, 0.4));
        return;
      case 'goodbye':
        agentSays(conversation, fill(random.pick(AGENT_GOODBYE), conversation));
        conversation.phase = 'finish';
        scheduleStep(conversation, 1500);
        return;
      case 'talk':
        // A call without transcription: hold, a possible flag or transfer, then hang-up.
        conversation.exchangesLeft = 1;
        if (exchangeMilestones(conversation)) return;
        if (random.chance(0.2)) message(conversation, 'bot', 'system', 'Call was on hold');
        conversation.phase = 'finish';
        scheduleStep(conversation, seconds(20, 0.5));
        return;
      case 'finish':
        message(conversation, 'bot', 'system', 'Call ended');
        end(conversation, pickDisposition());
        return;
      case 'supervised':
      case 'supervised-end':
        supervisedStep(conversation);
        return;
      case 'opener':
      case 'waiting':
      case 'ended':
        return;
      default:
        assertNever(conversation.phase, 'conversation phase');
    }
  };

  /** After a takeover the customer keeps writing; without replies they give up after a while. */
  const supervisedStep = (conversation: ConversationState): void => {
    if (conversation.phase === 'supervised-end') {
      end(conversation, conversation.supervisorReplies > 0 ? 'resolved' : 'unresolved');
      return;
    }
    if (conversation.supervisorReplies >= 2 && conversation.customerMessagesLeft > 0) {
      message(conversation, 'customer', 'text', random.pick(CUSTOMER_CLOSING));
      conversation.customerMessagesLeft = 0;
      conversation.phase = 'supervised-end';
      scheduleStep(conversation, seconds(20, 0.3));
      return;
    }
    if (conversation.customerMessagesLeft <= 0) {
      conversation.phase = 'supervised-end';
      scheduleStep(conversation, SUPERVISED_IDLE_END_MS);
      return;
    }
    message(conversation, 'customer', 'text', customerLine(conversation));
    conversation.customerMessagesLeft -= 1;
    scheduleStep(conversation, conversation.customerMessagesLeft > 0 ? seconds(30, 0.5) : SUPERVISED_IDLE_END_MS);
    if (conversation.customerMessagesLeft <= 0) conversation.phase = 'supervised-end';
  };

  const survey = (conversation: ConversationState): void => {
    const resolved = conversation.disposition === 'resolved';
    const rating = 1 + random.weightedIndex(resolved ? [3, 4, 10, 30, 53] : [22, 20, 25, 20, 13]);
    const agent = conversation.lastAgent;
    const band = rating <= 2 ? 'low' : rating === 3 ? 'mid' : 'high';
    const comment = random.chance(0.45) ? fill(random.pick(SURVEY_COMMENTS[band]), conversation) : undefined;
    const event: FloorEventInput = {
      type: 'survey.answered',
      time: now,
      conversationId: conversation.id,
      queueId: conversation.queue.id,
      ...(agent ? { agentId: agent.id } : {}),
      rating,
      ...(comment !== undefined ? { comment } : {}),
    };
    emit(event, conversation);
    complete(conversation, now);
  };

  const estimate = (queue: QueueState): void => {
    let slots = 0;
    for (const agent of queue.members) if (agent.loggedIn && agent.kind === 'available') slots += agent.slots / agent.queues.length;
    const meanHandle = queue.channel === 'chat' ? CHAT_MEAN_HANDLE : VOICE_MEAN_HANDLE;
    const seconds = queue.waiting.size === 0 ? 0 : Math.round(((queue.waiting.size + 1) * meanHandle) / Math.max(1, slots) / 5) * 5;
    if (seconds !== queue.estimatedWait) {
      queue.estimatedWait = seconds;
      queue.estimatedWaitAt = now;
      emit({ type: 'queue.estimated_wait', time: now, queueId: queue.id, seconds });
    }
    schedule(now + ESTIMATE_INTERVAL_MS, { kind: 'estimate', queue });
  };

  const run = (action: Action): void => {
    switch (action.kind) {
      case 'arrival': {
        const queue = action.queue;
        if (random.next() * queue.maxRate < arrivalRate(queue, now)) arrive(queue);
        scheduleNextArrival(queue, now);
        return;
      }
      case 'step': {
        const conversation = action.conversation;
        if (conversation.version !== action.version || conversation.phase === 'ended') return;
        if (conversation.channel === 'chat') chatStep(conversation);
        else voiceStep(conversation);
        return;
      }
      case 'abandon': {
        const conversation = action.conversation;
        if (conversation.version !== action.version || conversation.phase !== 'waiting') return;
        conversation.queue.waiting.delete(conversation);
        conversation.phase = 'ended';
        conversation.version += 1;
        emit({ type: 'conversation.abandoned', time: now, conversationId: conversation.id, queueId: conversation.queue.id }, conversation);
        forget(conversation);
        complete(conversation, now);
        return;
      }
      case 'survey':
        survey(action.conversation);
        return;
      case 'status': {
        const agent = action.agent;
        if (agent.version !== action.version || !agent.loggedIn) return;
        if (agent.kind === 'available') {
          const plan = AWAY_REASONS[random.weightedIndex(AWAY_REASONS.map((reason) => reason.weight))];
          const reason = plan?.reason ?? 'Break';
          setStatus(agent, 'away', reason);
          scheduleReturn(agent, reason, 1);
        } else if (agent.kind === 'away') {
          setStatus(agent, 'available', AVAILABLE_REASON);
          scheduleAway(agent);
          dispatchAgent(agent);
        }
        return;
      }
      case 'estimate':
        estimate(action.queue);
        return;
      default:
        assertNever(action, 'floor action');
    }
  };

  // ---- initial state: queues configured, agents logged in mid-shift ----

  const configuredEvent = (queue: QueueState, time: number): FloorEventInput => ({
    type: 'queue.configured',
    time,
    queueId: queue.id,
    name: queue.name,
    channel: queue.channel,
    timeZone: queue.timeZone,
    serviceLevelTargetSec: queue.serviceLevelTargetSec,
    thresholds: queue.thresholds,
    businessHours: queue.businessHours,
    presetGroups: [...queue.presetGroups],
  });

  const loginEvent = (agent: AgentState): FloorEventInput => ({
    type: 'agent.login',
    time: agent.loginAt,
    agentId: agent.id,
    name: agent.name,
    teamId: agent.teamId,
    teamName: agent.teamName,
    location: agent.location,
    slots: agent.slots,
    queueIds: agent.queues.map((queue) => queue.id),
  });

  const setupOutput: FloorEventInput[] = [];
  for (const queue of queues) setupOutput.push(configuredEvent(queue, now));
  for (const agent of agents) {
    setupOutput.push(loginEvent(agent));
    if (random.chance(INITIAL_AWAY_SHARE)) {
      const plan = AWAY_REASONS[random.weightedIndex(AWAY_REASONS.map((reason) => reason.weight))];
      agent.kind = 'away';
      agent.reason = plan?.reason ?? 'Break';
      scheduleReturn(agent, agent.reason, 0.2 + random.next() * 0.8);
    } else {
      scheduleAway(agent);
    }
    setupOutput.push({ type: 'agent.status', time: now, agentId: agent.id, kind: agent.kind, reason: agent.reason });
    refreshAgent(agent);
  }
  if (!internals.silentSetup) out = setupOutput;
  for (const queue of queues) {
    scheduleNextArrival(queue, now);
    schedule(now + random.integer(1_000, ESTIMATE_INTERVAL_MS), { kind: 'estimate', queue });
  }

  // ---- public surface ----

  const advanceTo = (floorTimeMs: number): FloorEventInput[] => {
    const target = Math.floor(floorTimeMs);
    while (agenda.peekTime() <= target) {
      const next = agenda.peekTime();
      if (next > now) now = next;
      const action = agenda.pop() as Action;
      run(action);
    }
    if (target > now) now = target;
    const result = out;
    out = [];
    return result;
  };

  const conversationOf = (conversationId: string): ConversationState | string => {
    const conversation = conversations.get(conversationId);
    if (conversation) return conversation;
    if (recentlyEnded.has(conversationId)) return `conversation ${conversationId} has ended`;
    return `unknown conversation ${conversationId}`;
  };

  const queueOf = (queueId: string, role = 'queue'): QueueState | string => queuesById.get(queueId) ?? `unknown ${role} ${queueId}`;

  const applyCommand = (command: FeedCommand, floorTimeMs: number): CommandOutcome => {
    const before = advanceTo(floorTimeMs);
    const failed = (reason: string): CommandOutcome => {
      out = before;
      return { ok: false, reason };
    };
    out = before;
    switch (command.type) {
      case 'conversation.whisper': {
        const conversation = conversationOf(command.conversationId);
        if (typeof conversation === 'string') return failed(conversation);
        if (!conversation.agent) return failed(`conversation ${conversation.id} has no agent to whisper to`);
        message(conversation, 'supervisor', 'whisper', command.text, command.supervisorId);
        break;
      }
      case 'conversation.take_over': {
        const conversation = conversationOf(command.conversationId);
        if (typeof conversation === 'string') return failed(conversation);
        if (conversation.supervisorId !== undefined) return failed(`conversation ${conversation.id} is already taken over by ${conversation.supervisorId}`);
        const fromAgent = conversation.agent;
        conversation.queue.waiting.delete(conversation);
        conversation.version += 1;
        conversation.supervisorId = command.supervisorId;
        emit(
          fromAgent
            ? { type: 'conversation.taken_over', time: now, conversationId: conversation.id, supervisorId: command.supervisorId, fromAgentId: fromAgent.id }
            : { type: 'conversation.taken_over', time: now, conversationId: conversation.id, supervisorId: command.supervisorId },
          conversation,
        );
        message(conversation, 'bot', 'system', 'A supervisor has taken over the conversation');
        release(conversation);
        conversation.phase = 'supervised';
        conversation.customerMessagesLeft = random.integer(2, 4);
        scheduleStep(conversation, seconds(CHAT_CUSTOMER_THINK_MEDIAN * 2, 0.5));
        break;
      }
      case 'conversation.reply': {
        const conversation = conversationOf(command.conversationId);
        if (typeof conversation === 'string') return failed(conversation);
        if (conversation.supervisorId === undefined) return failed(`conversation ${conversation.id} has not been taken over; take it over before replying`);
        message(conversation, 'supervisor', 'text', command.text, command.supervisorId);
        conversation.supervisorReplies += 1;
        conversation.phase = 'supervised';
        conversation.customerMessagesLeft = Math.max(conversation.customerMessagesLeft, 1);
        conversation.version += 1;
        scheduleStep(conversation, seconds(CHAT_CUSTOMER_THINK_MEDIAN, 0.5));
        break;
      }
      case 'conversation.add_note': {
        const active = conversations.get(command.conversationId);
        if (active) {
          message(active, 'supervisor', 'note', command.text, command.supervisorId);
          break;
        }
        const ended = recentlyEnded.get(command.conversationId);
        if (!ended) return failed(`unknown conversation ${command.conversationId}`);
        // Its log is gone; a distinct id prefix keeps notes clear of the numbering of its messages.
        ended.messageCount += 1;
        emit({
          type: 'conversation.message',
          time: now,
          conversationId: ended.id,
          messageId: `${ended.id}-n${ended.messageCount}`,
          sender: 'supervisor',
          senderId: command.supervisorId,
          kind: 'note',
          text: command.text,
        });
        break;
      }
      case 'queue.set_mitigation': {
        const queue = queueOf(command.queueId);
        if (typeof queue === 'string') return failed(queue);
        queue.mitigation = command.state;
        queue.mitigationMessage = command.message;
        queue.mitigationAt = now;
        emit(
          command.message !== undefined
            ? { type: 'queue.mitigation', time: now, queueId: queue.id, state: command.state, message: command.message }
            : { type: 'queue.mitigation', time: now, queueId: queue.id, state: command.state },
        );
        dispatchQueue(queue);
        break;
      }
      case 'queue.set_overflow_rules': {
        const queue = queueOf(command.queueId);
        if (typeof queue === 'string') return failed(queue);
        for (const rule of command.rules) {
          const target = queueOf(rule.targetQueueId, 'target queue');
          if (typeof target === 'string') return failed(`rule ${rule.ruleId}: ${target}`);
          if (target === queue) return failed(`rule ${rule.ruleId}: a queue cannot overflow to itself`);
          if (target.channel !== queue.channel) return failed(`rule ${rule.ruleId}: ${target.id} is a ${target.channel} queue, ${queue.id} is ${queue.channel}`);
        }
        queue.overflowRules = command.rules.map((rule) => ({ ruleId: rule.ruleId, when: rule.when, targetQueueId: rule.targetQueueId }));
        queue.overflowAt = now;
        emit({ type: 'queue.overflow_rules', time: now, queueId: queue.id, rules: queue.overflowRules.map((rule) => ({ ...rule })) });
        break;
      }
      case 'queue.transfer_waiting': {
        const queue = queueOf(command.queueId);
        if (typeof queue === 'string') return failed(queue);
        const target = queueOf(command.targetQueueId, 'target queue');
        if (typeof target === 'string') return failed(target);
        if (target === queue) return failed('the target queue is the source queue');
        if (target.channel !== queue.channel) return failed(`${target.id} is a ${target.channel} queue, ${queue.id} is ${queue.channel}`);
        for (const conversation of [...queue.waiting]) transfer(conversation, target, conversation.channel === 'chat');
        break;
      }
      case 'queue.end_all': {
        const queue = queueOf(command.queueId);
        if (typeof queue === 'string') return failed(queue);
        const inQueue = [...conversations.values()].filter((conversation) => conversation.queue === queue);
        for (const conversation of inQueue) end(conversation, 'closed_by_supervisor');
        break;
      }
      case 'agent.set_status': {
        const agent = agentsById.get(command.agentId);
        if (!agent) return failed(`unknown agent ${command.agentId}`);
        if (!agent.loggedIn) return failed(`agent ${agent.id} is not logged in`);
        setStatus(agent, command.kind, command.reason || (command.kind === 'available' ? AVAILABLE_REASON : command.kind === 'away' ? 'Away' : 'Offline'));
        if (command.kind === 'available') {
          scheduleAway(agent);
          dispatchAgent(agent);
        } else if (command.kind === 'away') {
          scheduleReturn(agent, command.reason, 1);
        }
        break;
      }
      default:
        assertNever(command, 'command');
    }
    const events = out;
    out = [];
    return { ok: true, events };
  };

  const snapshotEvents = (snapshotOptions?: SnapshotOptions): FloorEventInput[] => {
    const includeMessages = snapshotOptions?.includeMessages ?? true;
    const events: FloorEventInput[] = [];
    for (const queue of queues) {
      events.push(configuredEvent(queue, queue.configuredAt));
      events.push(
        queue.mitigationMessage !== undefined
          ? { type: 'queue.mitigation', time: queue.mitigationAt, queueId: queue.id, state: queue.mitigation, message: queue.mitigationMessage }
          : { type: 'queue.mitigation', time: queue.mitigationAt, queueId: queue.id, state: queue.mitigation },
      );
      events.push({ type: 'queue.overflow_rules', time: queue.overflowAt, queueId: queue.id, rules: queue.overflowRules.map((rule) => ({ ...rule })) });
      events.push({ type: 'queue.estimated_wait', time: queue.estimatedWaitAt, queueId: queue.id, seconds: queue.estimatedWait });
    }
    for (const agent of agents) {
      if (!agent.loggedIn) continue;
      events.push(loginEvent(agent));
      events.push({ type: 'agent.status', time: agent.statusSince, agentId: agent.id, kind: agent.kind, reason: agent.reason });
    }
    for (const conversation of conversations.values()) {
      for (const event of conversation.log) {
        if (!includeMessages && (event.type === 'conversation.message' || event.type === 'conversation.delivery_failed')) continue;
        events.push(event);
      }
    }
    return events;
  };

  return {
    queues: queues.map((queue) => ({ queueId: queue.id, name: queue.name, channel: queue.channel, timeZone: queue.timeZone })),
    agents: agents.map((agent) => ({ agentId: agent.id, name: agent.name, channel: agent.channel, slots: agent.slots, queueIds: agent.queues.map((queue) => queue.id) })),
    now: () => now,
    advanceTo,
    snapshotEvents,
    applyCommand,
    takeCompleted: () => {
      const taken = completed;
      completed = [];
      return taken;
    },
    activeConversationCount: () => conversations.size,
  };
}
