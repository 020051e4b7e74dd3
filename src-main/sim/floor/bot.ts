/**
 * The chat bot's part of a conversation, between the customer's opener and the queue.
 *
 * Right after the opener the bot's plan is drawn: contained (it answers once or twice, the
 * customer is satisfied, the bot closes the chat as resolved: never queued, never assigned) or
 * escalated for a reason (the customer asks for a person, the bot cannot answer, or the intent
 * always needs an agent). An escalation ends with a system message whose text is exactly the
 * reason, then the usual routing. The share contained depends on the intent
 * (src-main/sim/bot-catalog.ts).
 */
import { assertNever } from '../../../src-shared/result.js';
import {
  BOT_ANSWERS,
  BOT_CANNOT_ANSWER,
  BOT_CLOSINGS,
  BOT_CONTAINMENT,
  BOT_GENERIC_ANSWERS,
  CUSTOMER_SATISFIED,
  CUSTOMER_WANTS_AGENT,
  DEFAULT_CONTAINMENT,
  ESCALATION_REASONS,
  INTENT_ESCALATION_REASONS,
} from '../bot-catalog.js';
import { CUSTOMER_GENERIC } from '../catalog.js';
import type { IntentScript } from '../catalog.js';
import { end } from './lifecycle.js';
import { CHAT_CUSTOMER_THINK_MEDIAN } from './pacing.js';
import { message, scheduleStep, seconds } from './state.js';
import type { BotPlan, ConversationState, SimState } from './state.js';
import { fill } from './text.js';

const BOT_RESPONSE_MEDIAN = 2;
const ROUTE_DELAY_MS = 1200;

/** Share of the intent's chats the bot settles alone. */
export function containmentOf(intent: IntentScript): number {
  return BOT_CONTAINMENT[intent.name] ?? DEFAULT_CONTAINMENT;
}

/**
 * Share of a queue's chats that reach an agent: arrival rates are sized on it, so that the
 * agents are as busy as before the bot settled some of the demand.
 */
export function escalatedShareOf(intents: readonly IntentScript[]): number {
  if (intents.length === 0) return 1;
  let sum = 0;
  for (const intent of intents) sum += 1 - containmentOf(intent);
  return Math.max(0.1, sum / intents.length);
}

/** Draws what the bot will do with the conversation and schedules its first answer. */
export function startBot(state: SimState, conversation: ConversationState): void {
  const { random } = state;
  const plan = drawPlan(state, conversation.intent);
  conversation.botPlan = plan;
  conversation.botTurnsLeft = plan === 'contained' ? random.integer(1, 2) : plan === 'cannot-answer' ? random.integer(0, 1) : 1;
  conversation.phase = 'bot';
  scheduleStep(state, conversation, seconds(state, BOT_RESPONSE_MEDIAN, 0.4));
}

function drawPlan(state: SimState, intent: IntentScript): BotPlan {
  const { random } = state;
  if (random.chance(containmentOf(intent))) return 'contained';
  if (INTENT_ESCALATION_REASONS[intent.name] !== undefined) {
    const roll = random.next();
    return roll < 0.5 ? 'intent' : roll < 0.8 ? 'customer-asked' : 'cannot-answer';
  }
  return random.chance(0.55) ? 'customer-asked' : 'cannot-answer';
}

/** The reason an escalated plan names, word for word. */
export function escalationReason(plan: Exclude<BotPlan, 'contained'>, intent: IntentScript): string {
  switch (plan) {
    case 'customer-asked':
      return ESCALATION_REASONS.customerAsked;
    case 'cannot-answer':
      return ESCALATION_REASONS.botCouldNotAnswer;
    case 'intent':
      return INTENT_ESCALATION_REASONS[intent.name] ?? ESCALATION_REASONS.botCouldNotAnswer;
    default:
      return assertNever(plan, 'bot plan');
  }
}

/** Runs one of the bot phases: the bot's turn, the customer's answer to it, or the bot's goodbye. */
export function botStep(state: SimState, conversation: ConversationState): void {
  const { random } = state;
  const plan = conversation.botPlan;
  switch (conversation.phase) {
    case 'bot':
      if (conversation.botTurnsLeft > 0) {
        conversation.botTurnsLeft -= 1;
        const answers = BOT_ANSWERS[conversation.intent.name] ?? BOT_GENERIC_ANSWERS;
        message(state, conversation, 'bot', 'text', fill(random.pick(answers), conversation));
        conversation.phase = 'bot-customer';
        scheduleStep(state, conversation, seconds(state, CHAT_CUSTOMER_THINK_MEDIAN, 0.6));
        return;
      }
      if (plan === 'contained') {
        message(state, conversation, 'bot', 'text', fill(random.pick(BOT_CLOSINGS), conversation));
        conversation.phase = 'bot-end';
        scheduleStep(state, conversation, seconds(state, 3, 0.3));
        return;
      }
      if (plan === 'cannot-answer') message(state, conversation, 'bot', 'text', random.pick(BOT_CANNOT_ANSWER));
      message(state, conversation, 'bot', 'system', escalationReason(plan, conversation.intent));
      conversation.phase = 'route';
      scheduleStep(state, conversation, ROUTE_DELAY_MS);
      return;
    case 'bot-customer':
      message(state, conversation, 'customer', 'text', customerReply(state, conversation));
      conversation.phase = 'bot';
      scheduleStep(state, conversation, seconds(state, BOT_RESPONSE_MEDIAN, 0.4));
      return;
    case 'bot-end':
      end(state, conversation, 'resolved');
      return;
    default:
      return;
  }
}

function customerReply(state: SimState, conversation: ConversationState): string {
  const { random } = state;
  const last = conversation.botTurnsLeft === 0;
  if (last && conversation.botPlan === 'contained') return random.pick(CUSTOMER_SATISFIED);
  if (last && conversation.botPlan === 'customer-asked') return random.pick(CUSTOMER_WANTS_AGENT);
  return fill(random.chance(0.6) ? random.pick(conversation.intent.details) : random.pick(CUSTOMER_GENERIC), conversation);
}
