/**
 * Filling the catalog's line templates for one conversation: the customer's and agent's names,
 * the queue, an order number and the current estimated wait.
 */
import type { ConversationState, QueueState } from './state.js';

/** The queue's estimated wait as a customer reads it ("1 minute", "4 minutes"). */
export function waitText(queue: QueueState): string {
  const minutes = Math.max(1, Math.round(queue.estimatedWait / 60));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** Replaces {customer}, {agent}, {queue}, {order} and {wait} in a catalog line; unknown keys stay as written. */
export function fill(template: string, conversation: ConversationState): string {
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
}
