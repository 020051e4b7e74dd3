/**
 * The what-if of changing a concurrency limit (docs/staffing.md#live-advice): set the chat slots of
 * a queue's logged-in agents (all of them, or those named) and see every queue they serve before and
 * after, with the same arrival counts. Pure, like live-advice.ts: the console applies the answer by
 * sending Management's `agent.capacity` for each agent it names, audited there.
 *
 * After the change each agent counts with their own limit: the figures of the agents staffed are
 * those of the slots they hold between them (ADR 0038).
 */
import { SLOTS_RANGE } from '../../../src-shared/api/staffing.js';
import type { StaffingCapacityChange, StaffingCapacityWhatIf, StaffingQueueBeforeAfter } from '../../../src-shared/api/staffing.js';
import type { Access } from '../api/session.js';
import type { AgentState, LiveState, QueueState } from '../floor-state/state.js';
import { adviseWithAgents, loggedInMembers } from './live-advice.js';
import type { FloorArrivals } from './live-advice.js';

/** What a capacity what-if asks: the queue, the new limit, and optionally the agents it is for. */
export interface CapacityWhatIfRequest {
  readonly queueId: string;
  readonly slots: number;
  readonly agentIds?: readonly string[];
}

/** The agents a capacity what-if would change, or why it cannot be answered. */
export type CapacitySelection = { readonly ok: true; readonly queue: QueueState; readonly agents: readonly AgentState[] } | { readonly ok: false; readonly error: string };

function refuse(error: string): CapacitySelection {
  return { ok: false, error };
}

/**
 * Checks a capacity what-if against the floor and the session's queues: a chat queue the session
 * sees, a limit Management accepts, and named agents logged in to the queue. The agents are the
 * queue's logged-in members (or those named), in name order.
 */
export function selectCapacityChange(state: LiveState, access: Pick<Access, 'sees'>, request: CapacityWhatIfRequest): CapacitySelection {
  const queue = access.sees(request.queueId) ? state.queues.get(request.queueId) : undefined;
  if (queue === undefined) return refuse(`Queue ${request.queueId} is unknown or outside the queues you may see.`);
  if (!Number.isInteger(request.slots) || request.slots < SLOTS_RANGE.min || request.slots > SLOTS_RANGE.max) {
    return refuse(`Slots must be a whole number from ${SLOTS_RANGE.min} to ${SLOTS_RANGE.max} (got ${request.slots}).`);
  }
  if (queue.channel !== 'chat') return refuse(`${queue.name} is a ${queue.channel} queue: its agents take one conversation at a time, so there is no limit to change.`);
  const members = loggedInMembers(state, queue.queueId).sort(byName);
  if (request.agentIds === undefined) return { ok: true, queue, agents: members };
  const named: AgentState[] = [];
  for (const agentId of new Set(request.agentIds)) {
    const agent = members.find((member) => member.agentId === agentId);
    if (agent === undefined) return refuse(`Agent ${agentId} is not logged in to ${queue.name}.`);
    named.push(agent);
  }
  return { ok: true, queue, agents: named.sort(byName) };
}

function byName(a: AgentState, b: AgentState): number {
  return a.name.localeCompare(b.name) || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0);
}

/**
 * Every queue the session sees that a changed agent serves, before and after their limit is set to
 * `slots` (the queue asked about first, then by name), and how many unseen queues they also serve.
 */
export function capacityWhatIf(
  state: LiveState,
  access: Pick<Access, 'sees'>,
  queue: QueueState,
  agents: readonly AgentState[],
  slots: number,
  arrivals: FloorArrivals,
  now: number,
): StaffingCapacityWhatIf {
  const changing = agents.filter((agent) => agent.slots !== slots);
  const changes: StaffingCapacityChange[] = changing.map((agent) => ({ agentId: agent.agentId, name: agent.name, slotsBefore: agent.slots, slotsAfter: slots }));
  const changed = new Map(changing.map((agent) => [agent.agentId, { ...agent, slots }]));
  const served = new Set([queue.queueId, ...changing.flatMap((agent) => agent.queueIds)]);
  const seen: QueueState[] = [];
  let unseenQueues = 0;
  for (const queueId of served) {
    const other = state.queues.get(queueId);
    if (other !== undefined && access.sees(queueId)) seen.push(other);
    else if (other !== undefined) unseenQueues += 1;
  }
  seen.sort((a, b) => Number(b.queueId === queue.queueId) - Number(a.queueId === queue.queueId) || a.name.localeCompare(b.name) || (a.queueId < b.queueId ? -1 : 1));
  const queues: StaffingQueueBeforeAfter[] = seen.map((each) => {
    const members = loggedInMembers(state, each.queueId);
    return {
      before: adviseWithAgents(state, each, arrivals, now, members),
      after: adviseWithAgents(state, each, arrivals, now, members.map((member) => changed.get(member.agentId) ?? member)),
    };
  });
  return { queueId: queue.queueId, slots, changes, queues, unseenQueues };
}
