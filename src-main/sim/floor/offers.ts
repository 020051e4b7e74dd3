/**
 * Offers an agent lets time out: the conversation was assigned, the agent sent nothing, and at the
 * offer's time-out it goes back to the front of its queue's order by a new `conversation.queued`
 * (the protocol has no time-out event: docs/decisions/0035-bots-and-shift-metrics.md), while the
 * platform sets the agent away as "Not responding" for a couple of minutes, so the offer is not
 * handed straight back to them. Which assignments time out is drawn in routing.ts.
 */
import { NOT_RESPONDING_REASON } from '../catalog.js';
import { awayFor } from './agent-status.js';
import { NOT_RESPONDING_MEDIAN_MINUTES } from './pacing.js';
import { enqueue, refreshAgent } from './routing.js';
import type { ConversationState, SimState } from './state.js';

/** The offer timed out: the agent is set away and freed, the conversation queued again in its queue. */
export function timeOutOffer(state: SimState, conversation: ConversationState): void {
  const agent = conversation.agent;
  if (agent) {
    awayFor(state, agent, NOT_RESPONDING_REASON, NOT_RESPONDING_MEDIAN_MINUTES * 60_000);
    conversation.agent = undefined;
    agent.active.delete(conversation);
    refreshAgent(agent);
  }
  enqueue(state, conversation, conversation.queue);
}
