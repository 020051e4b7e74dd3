/**
 * The directory in the live state (v1.1 `user.profile`): one entry per person the feed knows, kept
 * in step with the agent events, so the users view and the management rules read one truth.
 *
 * Both ways: a profile re-describes an agent the floor already knows (name, team, queues, slots),
 * and the agent events (`agent.login`, `agent.queues`, `agent.capacity`) move the profile's queues
 * and slots, whichever the feed sends last wins.
 */
import type { FloorEventOf } from '../../../src-shared/protocol/events.js';
import type { Draft, Mutable } from './draft.js';
import type { AgentState, DirectoryEntry } from './state.js';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Files one person's profile; an agent the floor knows takes its name, team, queues and slots. */
export function applyUserProfile(draft: Draft, event: FloorEventOf<'user.profile'>, agentOf: (agentId: string) => Mutable<AgentState>): void {
  const entry: DirectoryEntry = {
    userId: event.userId,
    name: event.name,
    kind: event.kind,
    role: event.role,
    queueScope: event.queueScope,
    teamId: event.teamId,
    teamName: event.teamName,
    location: event.location,
    queueIds: [...new Set(event.queueIds)],
    slots: event.slots,
  };
  draft.directory.insert(event.userId, entry);
  if (event.kind !== 'agent' || draft.agents.get(event.userId) === undefined) return;
  const agent = agentOf(event.userId);
  agent.name = event.name;
  agent.teamId = event.teamId;
  agent.teamName = event.teamName;
  agent.location = event.location;
  if (event.slots >= 1) agent.slots = event.slots;
  if (!sameList(agent.queueIds, entry.queueIds)) draft.setAgentQueues(agent, entry.queueIds);
  draft.markAgentQueues(agent);
}

/**
 * After an agent event: the agent's profile (when the feed sent one) says the same queues and
 * slots; a login (`names`) also carries the name, team and location the platform gave.
 */
export function followAgent(draft: Draft, agent: AgentState, names = false): void {
  const entry = draft.directory.get(agent.agentId);
  if (entry === undefined) return;
  const sameNames = entry.name === agent.name && entry.teamId === agent.teamId && entry.teamName === agent.teamName && entry.location === agent.location;
  if (sameList(entry.queueIds, agent.queueIds) && entry.slots === agent.slots && (!names || sameNames)) return;
  const editable = draft.directory.edit(agent.agentId);
  if (editable === undefined) return;
  editable.queueIds = agent.queueIds;
  editable.slots = agent.slots;
  if (!names) return;
  editable.name = agent.name;
  editable.teamId = agent.teamId;
  editable.teamName = agent.teamName;
  editable.location = agent.location;
}

/** What a new agent state starts from: its profile when the feed sent one (queues are set by the caller). */
export function profileSeed(draft: Draft, agentId: string): Pick<AgentState, 'name' | 'teamId' | 'teamName' | 'location' | 'slots'> {
  const entry = draft.directory.get(agentId);
  if (entry === undefined) return { name: agentId, teamId: '', teamName: '', location: '', slots: 1 };
  return { name: entry.name, teamId: entry.teamId, teamName: entry.teamName, location: entry.location, slots: Math.max(1, entry.slots) };
}
