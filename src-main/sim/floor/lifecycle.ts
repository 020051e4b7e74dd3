/**
 * A conversation's life outside its dialogue: its arrival (customer, intent, the bot's or IVR's
 * first turn), abandonment while waiting, its end with a disposition, the survey some customers
 * answer a minute later, and what is kept once it is over (the last few thousand ended ids, for
 * notes; the whole log when the history generator collects completed conversations).
 */
import type { Customer, Disposition, FloorEventInput } from '../../../src-shared/protocol/events.js';
import { BOT_GREETINGS, FIRST_NAMES, LAST_NAMES, SURVEY_COMMENTS } from '../catalog.js';
import { CHAT_BOT_OPENER_MEDIAN, RECENT_ENDED_LIMIT, SURVEY_CHANCE, VOICE_IVR_MEDIAN } from './pacing.js';
import { afterContact } from './agent-status.js';
import { release } from './routing.js';
import { emit, message, schedule, scheduleStep, seconds } from './state.js';
import type { ConversationState, QueueState, SimState } from './state.js';
import { fill } from './text.js';

/** A new customer contacts the queue: chat starts with the bot's greeting, voice with the IVR. */
export function arrive(state: SimState, queue: QueueState): void {
  const { random, now } = state;
  state.conversationCounter += 1;
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const intent = random.pick(queue.intents);
  const id = `${state.settings.conversationPrefix}${state.conversationCounter}`;
  const customerNumber = random.integer(100_000, 999_999);
  const customer: Customer =
    queue.channel === 'chat'
      ? { customerId: `cu-${customerNumber}`, name: `${first} ${last}`, email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com` }
      : { customerId: `cu-${customerNumber}`, name: `${first} ${last}`, phone: `+1 555 01${String(customerNumber % 100).padStart(2, '0')}` };
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
    botPlan: 'contained',
    botTurnsLeft: 0,
    disposition: 'resolved',
    log: [],
  };
  state.conversations.set(id, conversation);
  emit(state, { type: 'conversation.created', time: now, conversationId: id, channel: queue.channel, queueId: queue.id, intent: intent.name, customer }, conversation);
  if (queue.channel === 'chat') {
    message(state, conversation, 'bot', 'text', random.pick(BOT_GREETINGS));
    scheduleStep(state, conversation, seconds(state, CHAT_BOT_OPENER_MEDIAN, 0.5));
  } else {
    scheduleStep(state, conversation, seconds(state, VOICE_IVR_MEDIAN, 0.4));
  }
}

/** The customer's patience ran out while waiting. */
export function abandon(state: SimState, conversation: ConversationState): void {
  conversation.queue.waiting.delete(conversation);
  conversation.phase = 'ended';
  conversation.version += 1;
  emit(state, { type: 'conversation.abandoned', time: state.now, conversationId: conversation.id, queueId: conversation.queue.id }, conversation);
  forget(state, conversation);
  complete(state, conversation, state.now);
}

/** Ends the conversation, frees its agent, and maybe schedules a survey (never after a supervisor closed it). */
export function end(state: SimState, conversation: ConversationState, disposition: Disposition): void {
  conversation.queue.waiting.delete(conversation);
  conversation.phase = 'ended';
  conversation.version += 1;
  conversation.disposition = disposition;
  emit(state, { type: 'conversation.ended', time: state.now, conversationId: conversation.id, disposition }, conversation);
  forget(state, conversation);
  // Set before the release, so the agent takes no new work until the wrap-up is over.
  if (conversation.agent) afterContact(state, conversation.agent);
  release(state, conversation);
  if (disposition !== 'closed_by_supervisor' && state.random.chance(SURVEY_CHANCE)) {
    schedule(state, state.now + seconds(state, 60, 0.8), { kind: 'survey', conversation });
  } else {
    complete(state, conversation, state.now);
  }
}

/** How a finished conversation was closed: mostly resolved. */
export function pickDisposition(state: SimState): Disposition {
  const roll = state.random.next();
  if (roll < 0.8) return 'resolved';
  if (roll < 0.9) return 'unresolved';
  if (roll < 0.97) return 'escalated';
  return 'transferred';
}

/** The customer answers the survey, rating skewed by whether their issue was resolved. */
export function survey(state: SimState, conversation: ConversationState): void {
  const { random } = state;
  const resolved = conversation.disposition === 'resolved';
  const rating = 1 + random.weightedIndex(resolved ? [3, 4, 10, 30, 53] : [22, 20, 25, 20, 13]);
  const agent = conversation.lastAgent;
  const comment = random.chance(0.45) ? fill(random.pick(SURVEY_COMMENTS[rating as 1 | 2 | 3 | 4 | 5]), conversation) : undefined;
  const event: FloorEventInput = {
    type: 'survey.answered',
    time: state.now,
    conversationId: conversation.id,
    queueId: conversation.queue.id,
    ...(agent ? { agentId: agent.id } : {}),
    rating,
    ...(comment !== undefined ? { comment } : {}),
  };
  emit(state, event, conversation);
  complete(state, conversation, state.now);
}

/** Nothing more will happen to the conversation: hand its log to the history generator, or drop it. */
function complete(state: SimState, conversation: ConversationState, at: number): void {
  if (state.settings.collectCompleted) state.completed.push({ createdAt: conversation.createdAt, completedAt: at, events: conversation.log });
  else conversation.log.length = 0;
}

/** Moves the conversation from the active ones to the recently ended, which still accept notes. */
function forget(state: SimState, conversation: ConversationState): void {
  const { recentlyEnded } = state;
  state.conversations.delete(conversation.id);
  recentlyEnded.set(conversation.id, { id: conversation.id, queueId: conversation.queue.id, messageCount: conversation.messageCount });
  if (recentlyEnded.size > RECENT_ENDED_LIMIT) {
    const oldest = recentlyEnded.keys().next().value;
    if (oldest !== undefined) recentlyEnded.delete(oldest);
  }
}
