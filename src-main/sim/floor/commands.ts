/**
 * The supervisor commands the simulated floor honours, each applied for real: whisper, take over
 * and reply, notes (also on a recently ended conversation), mitigation, overflow rules, transfer
 * of everyone waiting, end all, agent status, a queue's business hours and thresholds; and the
 * management of people (membership.ts), and alerts' lifecycle (alerts.ts). A command naming something unknown, or that makes no sense
 * in the conversation's state, is refused with a reason and changes nothing.
 */
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { assertNever } from '../../../src-shared/result.js';
import { applyAlertCommand } from './alerts.js';
import { setStatusByCommand } from './agent-status.js';
import { end } from './lifecycle.js';
import { setAgentCapacity, setAgentQueues, setUserRole } from './membership.js';
import { setMitigation, setOverflowRules, transferWaiting } from './overflow.js';
import { CHAT_CUSTOMER_THINK_MEDIAN } from './pacing.js';
import { setBusinessHours, setThresholds } from './queue-settings.js';
import { release } from './routing.js';
import { emit, message, scheduleStep, seconds } from './state.js';
import type { ConversationState, QueueState, SimState } from './state.js';

type Command<T extends FeedCommand['type']> = Extract<FeedCommand, { type: T }>;

/** Applies the command at the floor's current time; returns the reason it was refused, or undefined once applied. */
export function applySupervisorCommand(state: SimState, command: FeedCommand): string | undefined {
  switch (command.type) {
    case 'conversation.whisper':
      return whisper(state, command);
    case 'conversation.take_over':
      return takeOver(state, command);
    case 'conversation.reply':
      return reply(state, command);
    case 'conversation.add_note':
      return addNote(state, command);
    case 'queue.set_mitigation': {
      const queue = queueOf(state, command.queueId);
      if (typeof queue === 'string') return queue;
      setMitigation(state, queue, command);
      return undefined;
    }
    case 'queue.set_overflow_rules': {
      const queue = queueOf(state, command.queueId);
      if (typeof queue === 'string') return queue;
      return setOverflowRules(state, queue, command);
    }
    case 'queue.transfer_waiting': {
      const queue = queueOf(state, command.queueId);
      if (typeof queue === 'string') return queue;
      const target = queueOf(state, command.targetQueueId, 'target queue');
      if (typeof target === 'string') return target;
      return transferWaiting(state, queue, target);
    }
    case 'queue.end_all': {
      const queue = queueOf(state, command.queueId);
      if (typeof queue === 'string') return queue;
      const inQueue = [...state.conversations.values()].filter((conversation) => conversation.queue === queue);
      for (const conversation of inQueue) end(state, conversation, 'closed_by_supervisor');
      return undefined;
    }
    case 'agent.set_status':
      return setStatusByCommand(state, command);
    case 'agent.set_queues':
      return setAgentQueues(state, command);
    case 'agent.set_capacity':
      return setAgentCapacity(state, command);
    case 'user.set_role':
      return setUserRole(state, command);
    case 'queue.set_business_hours': {
      const queue = queueOf(state, command.queueId);
      if (typeof queue === 'string') return queue;
      return setBusinessHours(state, queue, command);
    }
    case 'queue.set_thresholds': {
      const queue = queueOf(state, command.queueId);
      if (typeof queue === 'string') return queue;
      return setThresholds(state, queue, command);
    }
    case 'alert.acknowledge':
    case 'alert.snooze':
    case 'alert.escalate':
      return applyAlertCommand(state, command);
    default:
      return assertNever(command, 'command');
  }
}

/** The conversation in progress, or why a command cannot reach it. */
function conversationOf(state: SimState, conversationId: string): ConversationState | string {
  const conversation = state.conversations.get(conversationId);
  if (conversation) return conversation;
  if (state.recentlyEnded.has(conversationId)) return `conversation ${conversationId} has ended`;
  return `unknown conversation ${conversationId}`;
}

function queueOf(state: SimState, queueId: string, role = 'queue'): QueueState | string {
  return state.queuesById.get(queueId) ?? `unknown ${role} ${queueId}`;
}

function whisper(state: SimState, command: Command<'conversation.whisper'>): string | undefined {
  const conversation = conversationOf(state, command.conversationId);
  if (typeof conversation === 'string') return conversation;
  if (!conversation.agent) return `conversation ${conversation.id} has no agent to whisper to`;
  message(state, conversation, 'supervisor', 'whisper', command.text, command.supervisorId);
  return undefined;
}

/** The supervisor replaces the agent (or the queue): the agent is freed and the customer keeps writing to the supervisor. */
function takeOver(state: SimState, command: Command<'conversation.take_over'>): string | undefined {
  const conversation = conversationOf(state, command.conversationId);
  if (typeof conversation === 'string') return conversation;
  if (conversation.supervisorId !== undefined) return `conversation ${conversation.id} is already taken over by ${conversation.supervisorId}`;
  const fromAgent = conversation.agent;
  const now = state.now;
  conversation.queue.waiting.delete(conversation);
  conversation.version += 1;
  conversation.supervisorId = command.supervisorId;
  emit(
    state,
    fromAgent
      ? { type: 'conversation.taken_over', time: now, conversationId: conversation.id, supervisorId: command.supervisorId, fromAgentId: fromAgent.id }
      : { type: 'conversation.taken_over', time: now, conversationId: conversation.id, supervisorId: command.supervisorId },
    conversation,
  );
  message(state, conversation, 'bot', 'system', 'A supervisor has taken over the conversation');
  release(state, conversation);
  conversation.phase = 'supervised';
  conversation.customerMessagesLeft = state.random.integer(2, 4);
  scheduleStep(state, conversation, seconds(state, CHAT_CUSTOMER_THINK_MEDIAN * 2, 0.5));
  return undefined;
}

function reply(state: SimState, command: Command<'conversation.reply'>): string | undefined {
  const conversation = conversationOf(state, command.conversationId);
  if (typeof conversation === 'string') return conversation;
  if (conversation.supervisorId === undefined) return `conversation ${conversation.id} has not been taken over; take it over before replying`;
  message(state, conversation, 'supervisor', 'text', command.text, command.supervisorId);
  conversation.supervisorReplies += 1;
  conversation.phase = 'supervised';
  conversation.customerMessagesLeft = Math.max(conversation.customerMessagesLeft, 1);
  conversation.version += 1;
  scheduleStep(state, conversation, seconds(state, CHAT_CUSTOMER_THINK_MEDIAN, 0.5));
  return undefined;
}

function addNote(state: SimState, command: Command<'conversation.add_note'>): string | undefined {
  const active = state.conversations.get(command.conversationId);
  if (active) {
    message(state, active, 'supervisor', 'note', command.text, command.supervisorId);
    return undefined;
  }
  const ended = state.recentlyEnded.get(command.conversationId);
  if (!ended) return `unknown conversation ${command.conversationId}`;
  // Its log is gone; a distinct id prefix keeps notes clear of the numbering of its messages.
  ended.messageCount += 1;
  emit(state, {
    type: 'conversation.message',
    time: state.now,
    conversationId: ended.id,
    messageId: `${ended.id}-n${ended.messageCount}`,
    sender: 'supervisor',
    senderId: command.supervisorId,
    kind: 'note',
    text: command.text,
  });
  return undefined;
}
