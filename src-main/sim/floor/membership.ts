/**
 * Management of people, applied to the floor at once: an agent's queues (routing follows in the
 * same instant: a conversation waiting in a newly added queue can go to the agent straight away),
 * an agent's slots (someone over a lowered limit keeps their conversations and takes no more until
 * under it), and a person's console role and scope (which the feed server reads at each hello, so
 * it reaches that person's next session). Each emits what changed as ordinary events; `agent.queues`
 * and `agent.capacity` only for an agent on shift, `user.profile` for everyone.
 */
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { profileEvent } from './directory.js';
import { dispatchAgent, refreshAgent } from './routing.js';
import { emit } from './state.js';
import type { AgentState, PersonState, QueueState, SimState } from './state.js';

type Command<T extends FeedCommand['type']> = Extract<FeedCommand, { type: T }>;

/** Voice agents take one call at a time, whatever a command asks. */
const VOICE_SLOTS = 1;

function profileChanged(state: SimState, person: PersonState | undefined): void {
  if (!person) return;
  person.changedAt = state.now;
  emit(state, profileEvent(person));
}

/** Replaces the agent's queues, or says why not (unknown agent or queue, a queue of the other channel). */
export function setAgentQueues(state: SimState, command: Command<'agent.set_queues'>): string | undefined {
  const agent = state.agentsById.get(command.agentId);
  if (!agent) return `unknown agent ${command.agentId}`;
  const queues: QueueState[] = [];
  for (const queueId of command.queueIds) {
    const queue = state.queuesById.get(queueId);
    if (!queue) return `unknown queue ${queueId}`;
    if (queue.channel !== agent.channel) return `queue ${queueId} is a ${queue.channel} queue and agent ${agent.id} works ${agent.channel}`;
    if (!queues.includes(queue)) queues.push(queue);
  }
  moveAgent(agent, queues);
  if (agent.loggedIn) emit(state, { type: 'agent.queues', time: state.now, agentId: agent.id, queueIds: queues.map((queue) => queue.id) });
  profileChanged(state, state.peopleById.get(agent.id));
  dispatchAgent(state, agent);
  return undefined;
}

/** Moves the agent between queues: membership, and the free buckets of every queue old and new. */
function moveAgent(agent: AgentState, queues: readonly QueueState[]): void {
  if (agent.bucket >= 0) for (const queue of agent.queues) queue.free[agent.bucket]?.delete(agent);
  agent.bucket = -1;
  for (const queue of agent.queues) {
    if (queues.includes(queue)) continue;
    const index = queue.members.indexOf(agent);
    if (index >= 0) queue.members.splice(index, 1);
  }
  for (const queue of queues) if (!agent.queues.includes(queue)) queue.members.push(agent);
  agent.queues = queues;
  // Back into the bucket it belongs in, under its new queues.
  refreshAgent(agent);
}

/** Sets the agent's slots, or says why not; a raised limit lets the agent take waiting work at once. */
export function setAgentCapacity(state: SimState, command: Command<'agent.set_capacity'>): string | undefined {
  const agent = state.agentsById.get(command.agentId);
  if (!agent) return `unknown agent ${command.agentId}`;
  if (agent.channel === 'voice' && command.slots > VOICE_SLOTS) return `agent ${agent.id} works voice and takes one call at a time`;
  agent.slots = command.slots;
  refreshAgent(agent);
  if (agent.loggedIn) emit(state, { type: 'agent.capacity', time: state.now, agentId: agent.id, slots: agent.slots });
  profileChanged(state, state.peopleById.get(agent.id));
  dispatchAgent(state, agent);
  return undefined;
}

/** Sets a person's console role (and scope, when given), or says why not (unknown person or queue). */
export function setUserRole(state: SimState, command: Command<'user.set_role'>): string | undefined {
  const person = state.peopleById.get(command.userId);
  if (!person) return `unknown user ${command.userId}`;
  const scope = command.queueScope;
  if (scope) {
    const unknown = scope.find((queueId) => !state.queuesById.has(queueId));
    if (unknown !== undefined) return `unknown queue ${unknown}`;
  }
  person.role = command.role;
  if (scope !== undefined) person.queueScope = scope === null ? null : [...new Set(scope)];
  profileChanged(state, person);
  return undefined;
}
