/**
 * The directory: everyone the floor knows, as the `user.profile` events of a snapshot list them.
 * Every agent (today's rota and the agents off it), the demo users of demo-users.ts as
 * supervisors, and one team leader per rota team (a WFM leader scoped to the team's queues, so a
 * scoped session has real people to log in as). Names come from the directory's own generator:
 * the rota and the floor's dynamics stay the same whatever the directory holds.
 */
import type { FloorEventInput } from '../../../src-shared/protocol/events.js';
import type { FeedUser } from '../../../src-shared/protocol/frames.js';
import { AWAY_REASONS, FIRST_NAMES, LAST_NAMES } from '../catalog.js';
import { DEMO_USERS } from '../demo-users.js';
import type { Random } from '../random.js';
import type { AgentState, PersonState, QueueState } from './state.js';
import type { PersonInfo } from './types.js';

/** The demo users' own team: they supervise the whole floor, not one team of agents. */
const FLOOR_MANAGEMENT = { teamId: 't-floor', teamName: 'Floor management', location: 'Head office' } as const;

/** How many supervisors a rota of this many agents gets: the demo users and one leader per team of eight. */
export function supervisorCount(rotaAgentCount: number): number {
  return DEMO_USERS.length + Math.ceil(rotaAgentCount / 8);
}

/** The agent's profile in the directory: no console role unless one is given later. */
function agentPerson(agent: AgentState, at: number): PersonState {
  return {
    userId: agent.id,
    name: agent.name,
    kind: 'agent',
    role: null,
    queueScope: null,
    teamId: agent.teamId,
    teamName: agent.teamName,
    location: agent.location,
    agent,
    changedAt: at,
  };
}

/** Builds the directory: agents (rota first, then off it), the demo users, then a leader per rota team. */
export function createDirectory(
  random: Random,
  queues: readonly QueueState[],
  rota: readonly AgentState[],
  offRota: readonly AgentState[],
  at: number,
): PersonState[] {
  const people: PersonState[] = [...rota, ...offRota].map((agent) => agentPerson(agent, at));
  for (const user of DEMO_USERS) {
    people.push({ userId: user.userId, name: user.name, kind: 'supervisor', role: user.role, queueScope: user.queueScope, ...FLOOR_MANAGEMENT, agent: undefined, changedAt: at });
  }
  const teams = new Map<string, AgentState[]>();
  for (const agent of rota) teams.set(agent.teamId, [...(teams.get(agent.teamId) ?? []), agent]);
  const nameOffset = random.integer(0, FIRST_NAMES.length - 1);
  let index = 0;
  for (const [teamId, members] of teams) {
    const first = members[0] as AgentState;
    const worked = new Set(members.flatMap((agent) => agent.queues));
    const firstName = FIRST_NAMES[(index * 5 + nameOffset) % FIRST_NAMES.length] as string;
    const lastName = LAST_NAMES[random.integer(0, LAST_NAMES.length - 1)] as string;
    people.push({
      userId: `tl-${teamId.slice(2)}`,
      name: `${firstName} ${lastName}`,
      kind: 'supervisor',
      role: 'wfm_leader',
      queueScope: queues.filter((queue) => worked.has(queue)).map((queue) => queue.id),
      teamId,
      teamName: first.teamName,
      location: first.location,
      agent: undefined,
      changedAt: at,
    });
    index += 1;
  }
  return people;
}

/** The person as a `user.profile` event, at the time of their last change. */
export function profileEvent(person: PersonState): FloorEventInput {
  return {
    type: 'user.profile',
    time: person.changedAt,
    userId: person.userId,
    name: person.name,
    kind: person.kind,
    role: person.role,
    queueScope: person.queueScope === null ? null : [...person.queueScope],
    teamId: person.teamId,
    teamName: person.teamName,
    location: person.location,
    queueIds: person.agent ? person.agent.queues.map((queue) => queue.id) : [],
    slots: person.agent ? person.agent.slots : 0,
  };
}

/** The away reasons the floor offers, in the catalog's order. */
export function awayReasonsEvent(at: number): FloorEventInput {
  return { type: 'agent.away_reasons', time: at, reasons: AWAY_REASONS.map((reason) => reason.reason) };
}

/** The person as the floor tells the feed server about them (for the scope rules of commands). */
export function personInfo(person: PersonState): PersonInfo {
  return {
    userId: person.userId,
    name: person.name,
    kind: person.kind,
    role: person.role,
    queueScope: person.queueScope,
    queueIds: person.agent ? person.agent.queues.map((queue) => queue.id) : [],
    slots: person.agent ? person.agent.slots : 0,
  };
}

/** The person as a console user (who a hello's token stands for), or null without a console role. */
export function consoleUser(person: PersonState): FeedUser | null {
  if (person.role === null) return null;
  return { userId: person.userId, name: person.name.slice(0, 200), role: person.role, queueScope: person.queueScope === null ? null : [...person.queueScope] };
}
