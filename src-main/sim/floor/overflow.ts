/**
 * What a queue does with new traffic: its mitigation (normal, a custom message read to chat
 * customers, or paused so nothing is handed to agents) and its overflow rules (send new traffic
 * to another queue of the same channel outside business hours or when no agent is free). Also
 * the supervisor commands that change them, and moving everyone waiting to another queue.
 */
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { BOT_ROUTING } from '../catalog.js';
import { isOpen } from './demand.js';
import { dispatchQueue, enqueue, firstFreeAgent, transfer } from './routing.js';
import { emit, message } from './state.js';
import type { ConversationState, QueueState, SimState } from './state.js';
import { waitText } from './text.js';

type Command<T extends FeedCommand['type']> = Extract<FeedCommand, { type: T }>;

/** Where new traffic for `queue` goes now: the target of its first overflow rule that applies, else the queue. */
export function overflowTarget(state: SimState, queue: QueueState): QueueState {
  for (const rule of queue.overflowRules) {
    const overflow = rule.when === 'outside_business_hours' ? !isOpen(queue, state.now) : queue.mitigation === 'paused' || firstFreeAgent(queue) === undefined;
    const candidate = state.queuesById.get(rule.targetQueueId);
    if (overflow && candidate && candidate !== queue) return candidate;
  }
  return queue;
}

/** Queues a conversation that has finished with the bot or IVR, where the overflow rules send it; chat customers hear where and how long. */
export function route(state: SimState, conversation: ConversationState): void {
  const queue = conversation.queue;
  const target = overflowTarget(state, queue);
  if (conversation.channel === 'chat') {
    const custom = target.mitigation === 'custom_message' ? target.mitigationMessage : undefined;
    const text = custom ?? state.random.pick(BOT_ROUTING).replace('{queue}', target.name).replace('{wait}', waitText(target));
    message(state, conversation, 'bot', 'text', text);
  }
  if (target !== queue) {
    emit(state, { type: 'conversation.transferred', time: state.now, conversationId: conversation.id, fromQueueId: queue.id, toQueueId: target.id }, conversation);
    conversation.transfers += 1;
  }
  enqueue(state, conversation, target);
}

/** Sets the queue's mitigation; lifting a pause hands its waiting conversations out at once. */
export function setMitigation(state: SimState, queue: QueueState, command: Command<'queue.set_mitigation'>): void {
  const now = state.now;
  queue.mitigation = command.state;
  queue.mitigationMessage = command.message;
  queue.mitigationAt = now;
  emit(
    state,
    command.message !== undefined
      ? { type: 'queue.mitigation', time: now, queueId: queue.id, state: command.state, message: command.message }
      : { type: 'queue.mitigation', time: now, queueId: queue.id, state: command.state },
  );
  dispatchQueue(state, queue);
}

/** Replaces the queue's overflow rules, or refuses them all (with the first rule's reason) if one targets itself, another channel or no queue. */
export function setOverflowRules(state: SimState, queue: QueueState, command: Command<'queue.set_overflow_rules'>): string | undefined {
  for (const rule of command.rules) {
    const target = state.queuesById.get(rule.targetQueueId);
    if (!target) return `rule ${rule.ruleId}: unknown target queue ${rule.targetQueueId}`;
    if (target === queue) return `rule ${rule.ruleId}: a queue cannot overflow to itself`;
    if (target.channel !== queue.channel) return `rule ${rule.ruleId}: ${target.id} is a ${target.channel} queue, ${queue.id} is ${queue.channel}`;
  }
  queue.overflowRules = command.rules.map((rule) => ({ ruleId: rule.ruleId, when: rule.when, targetQueueId: rule.targetQueueId }));
  queue.overflowAt = state.now;
  emit(state, { type: 'queue.overflow_rules', time: state.now, queueId: queue.id, rules: queue.overflowRules.map((rule) => ({ ...rule })) });
  return undefined;
}

/** Moves every conversation waiting in `queue` to `target` (same channel, not itself), or says why not. */
export function transferWaiting(state: SimState, queue: QueueState, target: QueueState): string | undefined {
  if (target === queue) return 'the target queue is the source queue';
  if (target.channel !== queue.channel) return `${target.id} is a ${target.channel} queue, ${queue.id} is ${queue.channel}`;
  for (const conversation of [...queue.waiting]) transfer(state, conversation, target, conversation.channel === 'chat');
  return undefined;
}
