/**
 * Routing and assignment: which agents can take work (kept in per-queue buckets by how busy they
 * are), putting a conversation in a queue, handing the head of a queue to the least-busy available
 * agent (a paused queue hands out nothing), releasing an agent, and moving a conversation to
 * another queue. Assignment also sets up the conversation's script with its agent: how many
 * exchanges, and whether it will be transferred or flagged on the way.
 */
import {
  CHAT_FIRST_RESPONSE_MEDIAN,
  CHAT_OFFER_TIMEOUT,
  CHAT_PATIENCE_MEAN,
  HIGH_EFFORT_CHANCE,
  OFFER_TIMEOUT_CHANCE,
  TRANSFER_CHANCE,
  VOICE_OFFER_TIMEOUT,
  VOICE_PATIENCE_MEAN,
  VOICE_TALK_MEDIAN,
  VOICE_UTTERANCE_MEDIAN,
} from './pacing.js';
import { emit, message, schedule, scheduleStep, seconds } from './state.js';
import type { AgentState, ConversationState, QueueState, SimState } from './state.js';

/** Logged in, available and with a free slot. */
export function isRoutable(agent: AgentState): boolean {
  return agent.loggedIn && agent.kind === 'available' && agent.active.size < agent.slots;
}

/** Keeps the agent in the right "free" bucket of each of its queues. */
export function refreshAgent(agent: AgentState): void {
  const bucket = isRoutable(agent) ? agent.active.size : -1;
  if (bucket === agent.bucket) return;
  for (const queue of agent.queues) {
    if (agent.bucket >= 0) queue.free[agent.bucket]?.delete(agent);
    if (bucket >= 0) {
      // Slots can be raised above the buckets a queue started with.
      while (queue.free.length <= bucket) queue.free.push(new Set());
      queue.free[bucket]?.add(agent);
    }
  }
  agent.bucket = bucket;
}

/** The least-busy routable agent of the queue, if any. */
export function firstFreeAgent(queue: QueueState): AgentState | undefined {
  for (const bucket of queue.free) {
    if (bucket.size > 0) return bucket.values().next().value;
  }
  return undefined;
}

function assign(state: SimState, conversation: ConversationState, agent: AgentState): void {
  const { random } = state;
  conversation.queue.waiting.delete(conversation);
  conversation.version += 1;
  conversation.agent = agent;
  conversation.lastAgent = agent;
  conversation.phase = 'greeting';
  agent.active.add(conversation);
  refreshAgent(agent);
  emit(state, { type: 'conversation.assigned', time: state.now, conversationId: conversation.id, queueId: conversation.queue.id, agentId: agent.id }, conversation);
  if (random.chance(OFFER_TIMEOUT_CHANCE)) {
    // The agent will not answer: nothing more until the offer times out (offers.ts).
    conversation.phase = 'offered';
    const timeoutSec = conversation.channel === 'chat' ? CHAT_OFFER_TIMEOUT : VOICE_OFFER_TIMEOUT;
    schedule(state, state.now + timeoutSec * 1000, { kind: 'timeout', conversation, version: conversation.version });
    return;
  }
  if (conversation.channel === 'chat') {
    message(state, conversation, 'bot', 'system', `${agent.name} joined the conversation`);
    const firstVisit = conversation.transfers === 0;
    conversation.exchangesLeft = firstVisit ? random.integer(3, 8) : random.integer(2, 4);
    if (firstVisit && random.chance(TRANSFER_CHANCE)) conversation.transferAtExchange = random.integer(1, conversation.exchangesLeft - 1);
    if (firstVisit && random.chance(HIGH_EFFORT_CHANCE)) {
      conversation.exchangesLeft += 5;
      conversation.flagAtExchange = Math.max(1, conversation.exchangesLeft - 4);
    }
    scheduleStep(state, conversation, seconds(state, CHAT_FIRST_RESPONSE_MEDIAN, 0.6));
  } else {
    message(state, conversation, 'bot', 'system', `Call connected to ${agent.name}`);
    const talkMs = seconds(state, VOICE_TALK_MEDIAN, 0.45) * (conversation.transfers === 0 ? 1 : 0.5);
    const firstVisit = conversation.transfers === 0;
    if (state.settings.voiceTranscripts) {
      conversation.exchangesLeft = Math.max(4, Math.round(talkMs / (VOICE_UTTERANCE_MEDIAN * 2200)));
      if (firstVisit && random.chance(TRANSFER_CHANCE)) conversation.transferAtExchange = random.integer(2, conversation.exchangesLeft - 1);
      if (firstVisit && random.chance(HIGH_EFFORT_CHANCE)) conversation.flagAtExchange = Math.max(1, Math.floor(conversation.exchangesLeft / 2));
      scheduleStep(state, conversation, 1500);
    } else {
      conversation.phase = 'talk';
      conversation.exchangesLeft = 0;
      if (firstVisit && random.chance(TRANSFER_CHANCE)) conversation.transferAtExchange = 1;
      if (firstVisit && random.chance(HIGH_EFFORT_CHANCE)) conversation.flagAtExchange = 1;
      scheduleStep(state, conversation, talkMs);
    }
  }
}

/** Hands the queue's waiting conversations, oldest first, to its free agents while both last (none while paused). */
export function dispatchQueue(state: SimState, queue: QueueState): void {
  while (queue.mitigation !== 'paused' && queue.waiting.size > 0) {
    const agent = firstFreeAgent(queue);
    if (!agent) return;
    const head = queue.waiting.values().next().value as ConversationState;
    assign(state, head, agent);
  }
}

/** Fills the agent's free slots with the longest-waiting heads of its unpaused queues. */
export function dispatchAgent(state: SimState, agent: AgentState): void {
  while (isRoutable(agent)) {
    let best: ConversationState | undefined;
    for (const queue of agent.queues) {
      if (queue.mitigation === 'paused' || queue.waiting.size === 0) continue;
      const head = queue.waiting.values().next().value as ConversationState;
      if (!best || head.queuedAt < best.queuedAt) best = head;
    }
    if (!best) return;
    assign(state, best, agent);
  }
}

/** Frees the conversation's agent, who picks up waiting work at once (if still routable). */
export function release(state: SimState, conversation: ConversationState): void {
  const agent = conversation.agent;
  if (!agent) return;
  conversation.agent = undefined;
  agent.active.delete(conversation);
  refreshAgent(agent);
  dispatchAgent(state, agent);
}

/** Puts the conversation at the back of the queue, with a customer's patience running. */
export function enqueue(state: SimState, conversation: ConversationState, queue: QueueState): void {
  conversation.queue = queue;
  conversation.phase = 'waiting';
  conversation.queuedAt = state.now;
  conversation.version += 1;
  emit(state, { type: 'conversation.queued', time: state.now, conversationId: conversation.id, queueId: queue.id }, conversation);
  queue.waiting.add(conversation);
  const patience = conversation.channel === 'chat' ? CHAT_PATIENCE_MEAN : VOICE_PATIENCE_MEAN;
  schedule(state, state.now + state.random.exponential(patience * 1000), { kind: 'abandon', conversation, version: conversation.version });
  dispatchQueue(state, queue);
}

/** Moves the conversation to another queue (from its agent, or from waiting), optionally telling the customer. */
export function transfer(state: SimState, conversation: ConversationState, target: QueueState, announce: boolean): void {
  const from = conversation.queue;
  const fromAgent = conversation.agent;
  const now = state.now;
  if (announce) message(state, conversation, 'bot', 'system', `Conversation transferred to ${target.name}`);
  emit(
    state,
    fromAgent
      ? { type: 'conversation.transferred', time: now, conversationId: conversation.id, fromQueueId: from.id, toQueueId: target.id, fromAgentId: fromAgent.id }
      : { type: 'conversation.transferred', time: now, conversationId: conversation.id, fromQueueId: from.id, toQueueId: target.id },
    conversation,
  );
  from.waiting.delete(conversation);
  conversation.transfers += 1;
  conversation.transferAtExchange = -1;
  release(state, conversation);
  enqueue(state, conversation, target);
}
