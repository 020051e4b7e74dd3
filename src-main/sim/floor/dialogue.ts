/**
 * The conversation's script, one agenda step at a time: the chat opener, bot and customer turns,
 * agent replies (a few fail to deliver), voice calls transcribed live or held silently, the flag
 * or transfer an exchange may bring, the closing lines, and what the customer does after a
 * supervisor takes over. Each step says what happens now and schedules the next.
 */
import { assertNever } from '../../../src-shared/result.js';
import {
  AGENT_CLOSING,
  AGENT_GENERIC,
  AGENT_GOODBYE,
  AGENT_GREETINGS,
  CUSTOMER_CLOSING,
  CUSTOMER_GENERIC,
  DELIVERY_FAILURES,
  VOICE_FILLERS_AGENT,
  VOICE_FILLERS_CUSTOMER,
} from '../catalog.js';
import { isOpen } from './demand.js';
import { botStep, startBot } from './bot.js';
import { end, pickDisposition } from './lifecycle.js';
import { overflowTarget, route } from './overflow.js';
import {
  CHAT_AGENT_RESPONSE_MEDIAN,
  CHAT_BURST_CHANCE,
  CHAT_BURST_GAP_MEDIAN,
  CHAT_CUSTOMER_THINK_MEDIAN,
  DELIVERY_FAILURE_CHANCE,
  SUPERVISED_IDLE_END_MS,
  VOICE_UTTERANCE_MEDIAN,
} from './pacing.js';
import { transfer } from './routing.js';
import { emit, message, scheduleStep, seconds } from './state.js';
import type { ConversationState, QueueState, SimState } from './state.js';
import { fill } from './text.js';

/** Runs the conversation's current phase. */
export function step(state: SimState, conversation: ConversationState): void {
  if (conversation.channel === 'chat') chatStep(state, conversation);
  else voiceStep(state, conversation);
}

/** After a takeover the customer keeps writing; without replies they give up after a while. */
function supervisedStep(state: SimState, conversation: ConversationState): void {
  const { random } = state;
  if (conversation.phase === 'supervised-end') {
    end(state, conversation, conversation.supervisorReplies > 0 ? 'resolved' : 'unresolved');
    return;
  }
  if (conversation.supervisorReplies >= 2 && conversation.customerMessagesLeft > 0) {
    message(state, conversation, 'customer', 'text', random.pick(CUSTOMER_CLOSING));
    conversation.customerMessagesLeft = 0;
    conversation.phase = 'supervised-end';
    scheduleStep(state, conversation, seconds(state, 20, 0.3));
    return;
  }
  if (conversation.customerMessagesLeft <= 0) {
    conversation.phase = 'supervised-end';
    scheduleStep(state, conversation, SUPERVISED_IDLE_END_MS);
    return;
  }
  message(state, conversation, 'customer', 'text', customerLine(state, conversation));
  conversation.customerMessagesLeft -= 1;
  scheduleStep(state, conversation, conversation.customerMessagesLeft > 0 ? seconds(state, 30, 0.5) : SUPERVISED_IDLE_END_MS);
  if (conversation.customerMessagesLeft <= 0) conversation.phase = 'supervised-end';
}

function agentSays(state: SimState, conversation: ConversationState, text: string): void {
  const agent = conversation.agent;
  const messageId = message(state, conversation, 'agent', 'text', text, agent?.id);
  if (conversation.channel === 'chat' && state.random.chance(DELIVERY_FAILURE_CHANCE)) {
    emit(state, { type: 'conversation.delivery_failed', time: state.now, conversationId: conversation.id, messageId, reason: state.random.pick(DELIVERY_FAILURES) }, conversation);
  }
}

function customerLine(state: SimState, conversation: ConversationState): string {
  const { random } = state;
  return fill(random.chance(0.6) ? random.pick(conversation.intent.details) : random.pick(CUSTOMER_GENERIC), conversation);
}

function agentLine(state: SimState, conversation: ConversationState): string {
  const { random } = state;
  return fill(random.chance(0.55) ? random.pick(conversation.intent.answers) : random.pick(AGENT_GENERIC), conversation);
}

/**
 * Another open queue of the same channel, for an agent's transfer (none if there is no other):
 * a closed queue takes no new conversations, a transfer included.
 */
function transferTarget(state: SimState, queue: QueueState): QueueState | undefined {
  const sameChannel = queue.channel === 'chat' ? state.chatQueues : state.voiceQueues;
  const eligible = (candidate: QueueState): boolean => candidate !== queue && isOpen(candidate, state.now);
  if (!sameChannel.some(eligible)) return undefined;
  let target = state.random.pick(sameChannel);
  while (!eligible(target)) target = state.random.pick(sameChannel);
  return target;
}

/** Mid-conversation events that any channel may hit at an exchange: a flag or a transfer. */
function exchangeMilestones(state: SimState, conversation: ConversationState): boolean {
  const exchange = conversation.exchangesLeft;
  if (exchange === conversation.flagAtExchange) {
    conversation.flagAtExchange = -1;
    emit(state, { type: 'conversation.flagged', time: state.now, conversationId: conversation.id, flag: 'high_effort' }, conversation);
  }
  if (exchange === conversation.transferAtExchange) {
    const target = transferTarget(state, conversation.queue);
    if (target) {
      // An agent's transfer is new traffic for the target queue: its overflow rules apply to it too.
      const routed = overflowTarget(state, target);
      transfer(state, conversation, routed === conversation.queue ? target : routed, true);
      return true;
    }
  }
  return false;
}

function chatStep(state: SimState, conversation: ConversationState): void {
  const { random } = state;
  switch (conversation.phase) {
    case 'opener':
      message(state, conversation, 'customer', 'text', fill(random.pick(conversation.intent.openers), conversation));
      startBot(state, conversation);
      return;
    case 'bot':
    case 'bot-customer':
    case 'bot-end':
      botStep(state, conversation);
      return;
    case 'route':
      route(state, conversation);
      return;
    case 'greeting':
      agentSays(state, conversation, fill(random.pick(AGENT_GREETINGS), conversation));
      conversation.phase = 'customer';
      scheduleStep(state, conversation, seconds(state, CHAT_CUSTOMER_THINK_MEDIAN, 0.6));
      return;
    case 'customer':
      message(state, conversation, 'customer', 'text', customerLine(state, conversation));
      if (random.chance(CHAT_BURST_CHANCE)) {
        scheduleStep(state, conversation, seconds(state, CHAT_BURST_GAP_MEDIAN, 0.4));
      } else {
        conversation.phase = 'agent';
        scheduleStep(state, conversation, seconds(state, CHAT_AGENT_RESPONSE_MEDIAN, 0.6));
      }
      return;
    case 'agent':
      agentSays(state, conversation, agentLine(state, conversation));
      conversation.exchangesLeft -= 1;
      if (exchangeMilestones(state, conversation)) return;
      if (conversation.exchangesLeft <= 0) {
        conversation.phase = 'closing';
        scheduleStep(state, conversation, seconds(state, CHAT_AGENT_RESPONSE_MEDIAN, 0.5));
      } else {
        conversation.phase = 'customer';
        scheduleStep(state, conversation, seconds(state, CHAT_CUSTOMER_THINK_MEDIAN, 0.6));
      }
      return;
    case 'closing':
      agentSays(state, conversation, random.pick(AGENT_CLOSING));
      conversation.phase = 'customer-closing';
      scheduleStep(state, conversation, seconds(state, CHAT_CUSTOMER_THINK_MEDIAN, 0.5));
      return;
    case 'customer-closing':
      message(state, conversation, 'customer', 'text', random.pick(CUSTOMER_CLOSING));
      conversation.phase = 'goodbye';
      scheduleStep(state, conversation, seconds(state, CHAT_AGENT_RESPONSE_MEDIAN * 0.6, 0.4));
      return;
    case 'goodbye':
      agentSays(state, conversation, fill(random.pick(AGENT_GOODBYE), conversation));
      conversation.phase = 'finish';
      scheduleStep(state, conversation, seconds(state, 4, 0.4));
      return;
    case 'finish':
      end(state, conversation, pickDisposition(state));
      return;
    case 'supervised':
    case 'supervised-end':
      supervisedStep(state, conversation);
      return;
    case 'talk':
    case 'waiting':
    case 'offered':
    case 'ended':
      return;
    default:
      assertNever(conversation.phase, 'conversation phase');
  }
}

function voiceStep(state: SimState, conversation: ConversationState): void {
  const { random } = state;
  const voiceTranscripts = state.settings.voiceTranscripts;
  switch (conversation.phase) {
    case 'route':
      route(state, conversation);
      return;
    case 'greeting':
      if (voiceTranscripts) agentSays(state, conversation, fill(random.pick(AGENT_GREETINGS), conversation));
      conversation.phase = voiceTranscripts ? 'customer' : 'talk';
      scheduleStep(state, conversation, seconds(state, VOICE_UTTERANCE_MEDIAN, 0.4));
      return;
    case 'customer': {
      const opening = conversation.messageCount <= 3;
      const line = opening ? fill(random.pick(conversation.intent.openers), conversation) : random.chance(0.35) ? random.pick(VOICE_FILLERS_CUSTOMER) : customerLine(state, conversation);
      message(state, conversation, 'customer', 'text', line);
      conversation.phase = 'agent';
      scheduleStep(state, conversation, seconds(state, VOICE_UTTERANCE_MEDIAN, 0.4));
      return;
    }
    case 'agent':
      agentSays(state, conversation, random.chance(0.35) ? random.pick(VOICE_FILLERS_AGENT) : agentLine(state, conversation));
      conversation.exchangesLeft -= 1;
      if (exchangeMilestones(state, conversation)) return;
      conversation.phase = conversation.exchangesLeft <= 0 ? 'closing' : 'customer';
      scheduleStep(state, conversation, seconds(state, VOICE_UTTERANCE_MEDIAN, 0.4));
      return;
    case 'closing':
      agentSays(state, conversation, random.pick(AGENT_CLOSING));
      conversation.phase = 'customer-closing';
      scheduleStep(state, conversation, seconds(state, VOICE_UTTERANCE_MEDIAN, 0.4));
      return;
    case 'customer-closing':
      message(state, conversation, 'customer', 'text', random.pick(CUSTOMER_CLOSING));
      conversation.phase = 'goodbye';
      scheduleStep(state, conversation, seconds(state, VOICE_UTTERANCE_MEDIAN, 0.4));
      return;
    case 'goodbye':
      agentSays(state, conversation, fill(random.pick(AGENT_GOODBYE), conversation));
      conversation.phase = 'finish';
      scheduleStep(state, conversation, 1500);
      return;
    case 'talk':
      // A call without transcription: hold, a possible flag or transfer, then hang-up.
      conversation.exchangesLeft = 1;
      if (exchangeMilestones(state, conversation)) return;
      if (random.chance(0.2)) message(state, conversation, 'bot', 'system', 'Call was on hold');
      conversation.phase = 'finish';
      scheduleStep(state, conversation, seconds(state, 20, 0.5));
      return;
    case 'finish':
      message(state, conversation, 'bot', 'system', 'Call ended');
      end(state, conversation, pickDisposition(state));
      return;
    case 'supervised':
    case 'supervised-end':
      supervisedStep(state, conversation);
      return;
    case 'opener':
    case 'bot':
    case 'bot-customer':
    case 'bot-end':
    case 'waiting':
    case 'offered':
    case 'ended':
      return;
    default:
      assertNever(conversation.phase, 'conversation phase');
  }
}
