/**
 * The floor's state and the few primitives every part of the model uses on it.
 *
 * One `SimState` object holds everything that changes as the floor runs: the clock, the agenda of
 * pending actions, the queues, agents and conversations, and the events produced since the caller
 * last collected them. The other files of this folder are functions over it; none keeps state of
 * its own, so the order in which they draw from the one seeded generator (and so the event stream)
 * depends only on the calls made.
 */
import type {
  BusinessHours,
  Channel,
  Disposition,
  FloorEventInput,
  MitigationState,
  OverflowRule,
  Sender,
  StatusKind,
  Thresholds,
} from '../../../src-shared/protocol/events.js';
import type { HoursClock } from '../../../src-shared/business-hours.js';
import type { Role } from '../../../src-shared/permissions.js';
import type { IntentScript } from '../catalog.js';
import type { Random } from '../random.js';
import type { Agenda } from '../scheduler.js';
import type { ZoneClock } from '../zone-clock.js';
import type { CompletedConversation } from './types.js';

/** What the chat bot does with a conversation: settle it alone, or hand it to an agent for a reason. */
export type BotPlan = 'contained' | 'customer-asked' | 'cannot-answer' | 'intent';

/** Where a conversation is in its script; the agenda's next 'step' action moves it on. */
export type Phase =
  | 'opener'
  | 'bot'
  | 'bot-customer'
  | 'bot-end'
  | 'route'
  | 'waiting'
  /** Assigned, but the agent will let the offer time out (no first message): back to the queue at the time-out. */
  | 'offered'
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

export interface QueueState {
  readonly id: string;
  readonly name: string;
  readonly channel: Channel;
  readonly timeZone: string;
  readonly serviceLevelTargetSec: number;
  thresholds: Thresholds;
  /** Set by a supervisor (queue.set_thresholds): no longer recomputed from the queue's staffing. */
  thresholdsFixed: boolean;
  businessHours: BusinessHours;
  /** Open or closed at an instant, cached: asked on every candidate arrival. Replaced with the hours. */
  hoursClock: HoursClock;
  readonly presetGroups: readonly string[];
  readonly intents: readonly IntentScript[];
  readonly demand: number;
  readonly clock: ZoneClock;
  configuredAt: number;
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
  /** Routable agents by number of active conversations: pick from the lowest bucket (grown as slots grow). */
  readonly free: Set<AgentState>[];
  /** The agents who work the queue, on shift or not. */
  readonly members: AgentState[];
  estimatedWait: number;
  estimatedWaitAt: number;
}

export interface AgentState {
  readonly id: string;
  readonly name: string;
  readonly firstName: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly location: string;
  readonly channel: Channel;
  /** Conversations at once; a management command may change it (membership.ts). */
  slots: number;
  /** The queues the agent works, in order; replaced only through membership.ts, which keeps the queues' sides in step. */
  queues: readonly QueueState[];
  loggedIn: boolean;
  loginAt: number;
  kind: StatusKind;
  reason: string;
  statusSince: number;
  readonly active: Set<ConversationState>;
  bucket: number;
  version: number;
}

export interface ConversationState {
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
  /** The bot's plan (chat only; voice has no bot) and how many answers it still gives. */
  botPlan: BotPlan;
  botTurnsLeft: number;
  disposition: Disposition;
  readonly log: FloorEventInput[];
}

/**
 * One person of the directory: every agent the floor knows (on today's rota or not) and the
 * supervisors. An agent's queues and slots are its AgentState's; a supervisor takes no work.
 */
export interface PersonState {
  readonly userId: string;
  readonly name: string;
  readonly kind: 'agent' | 'supervisor';
  /** Console role; null: no console. Changed by `user.set_role`, which reaches the person's next session. */
  role: Role | null;
  queueScope: readonly string[] | null;
  readonly teamId: string;
  readonly teamName: string;
  readonly location: string;
  readonly agent: AgentState | undefined;
  /** When the profile last changed (the time its `user.profile` event carries). */
  changedAt: number;
}

/** Ended conversations still accept notes; only what a note needs is kept. */
export interface EndedConversation {
  readonly id: string;
  /** The queue it ended in (the feed checks a note against the user's scope). */
  readonly queueId: string;
  messageCount: number;
}

/**
 * What the agenda holds. A 'step', 'abandon' or 'status' action carries the version of its
 * conversation or agent when it was scheduled and is dropped if that has changed since.
 */
export type Action =
  | { readonly kind: 'arrival'; readonly queue: QueueState }
  | { readonly kind: 'step'; readonly conversation: ConversationState; readonly version: number }
  | { readonly kind: 'abandon'; readonly conversation: ConversationState; readonly version: number }
  | { readonly kind: 'timeout'; readonly conversation: ConversationState; readonly version: number }
  | { readonly kind: 'survey'; readonly conversation: ConversationState }
  | { readonly kind: 'status'; readonly agent: AgentState; readonly version: number }
  | { readonly kind: 'estimate'; readonly queue: QueueState };

/** Options fixed when the floor is built. */
export interface SimSettings {
  readonly arrivalScale: number;
  readonly voiceTranscripts: boolean;
  readonly conversationPrefix: string;
  /** Keep every conversation's events and hand them over once it is complete (history). */
  readonly collectCompleted: boolean;
}

export interface SimState {
  readonly settings: SimSettings;
  /** The dynamics' generator: arrivals, durations, lines, choices. */
  readonly random: Random;
  readonly agenda: Agenda<Action>;
  /** Floor time reached. */
  now: number;
  /** Events produced since the caller last collected them. */
  out: FloorEventInput[];
  conversationCounter: number;
  readonly conversations: Map<string, ConversationState>;
  readonly recentlyEnded: Map<string, EndedConversation>;
  /** The last `alert.updated` of each alert the consoles acted on, for snapshots (alerts.ts). */
  readonly alerts: Map<string, FloorEventInput>;
  completed: CompletedConversation[];
  readonly queues: readonly QueueState[];
  readonly queuesById: ReadonlyMap<string, QueueState>;
  readonly chatQueues: readonly QueueState[];
  readonly voiceQueues: readonly QueueState[];
  /** Today's rota: the agents who log in. */
  readonly agents: readonly AgentState[];
  /** Every agent the floor knows, on the rota or not (commands reach both). */
  readonly agentsById: ReadonlyMap<string, AgentState>;
  /** The directory, in the order snapshots list it: agents (rota first), then supervisors. */
  readonly people: readonly PersonState[];
  readonly peopleById: ReadonlyMap<string, PersonState>;
  /** When the floor began (the time of the configuration events and the away reasons). */
  readonly startOfFloor: number;
}

/** Records an event in the output and, when it belongs to one, in its conversation's log (for snapshots and history). */
export function emit(state: SimState, event: FloorEventInput, conversation?: ConversationState): void {
  state.out.push(event);
  if (conversation) conversation.log.push(event);
}

/** Puts an action on the agenda, never in the past: the floor's clock only moves forward. */
export function schedule(state: SimState, time: number, action: Action): void {
  state.agenda.schedule(Math.max(state.now, Math.round(time)), action);
}

/** Schedules the conversation's next step; any change of version in between cancels it. */
export function scheduleStep(state: SimState, conversation: ConversationState, delayMs: number): void {
  schedule(state, state.now + delayMs, { kind: 'step', conversation, version: conversation.version });
}

/** A skewed human duration in ms: log-normal around the median (in seconds). */
export function seconds(state: SimState, median: number, sigma: number): number {
  return state.random.logNormal(median, sigma) * 1000;
}

/** Emits a message in a conversation, numbered within it, and returns its id. */
export function message(
  state: SimState,
  conversation: ConversationState,
  sender: Sender,
  kind: 'text' | 'whisper' | 'note' | 'system',
  text: string,
  senderId?: string,
): string {
  conversation.messageCount += 1;
  const messageId = `${conversation.id}-m${conversation.messageCount}`;
  const now = state.now;
  const event: FloorEventInput =
    senderId === undefined
      ? { type: 'conversation.message', time: now, conversationId: conversation.id, messageId, sender, kind, text }
      : { type: 'conversation.message', time: now, conversationId: conversation.id, messageId, sender, senderId, kind, text };
  emit(state, event, conversation);
  return messageId;
}
