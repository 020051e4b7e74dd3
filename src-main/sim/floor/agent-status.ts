/**
 * Agents' presence: status changes (each one moves the agent in or out of routing), the breaks an
 * agent takes on their own (an away reason drawn by weight, back after its typical length), the
 * state agents start the shift in, and the supervisor's command that sets a status.
 */
import type { StatusKind } from '../../../src-shared/protocol/events.js';
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { AFTER_CONTACT_WORK_REASON, AVAILABLE_REASON, AWAY_REASONS } from '../catalog.js';
import { AWAY_EVERY_MEAN_MINUTES, INITIAL_AWAY_SHARE, VOICE_AFTER_CONTACT_MEDIAN } from './pacing.js';
import { dispatchAgent, refreshAgent } from './routing.js';
import { emit, schedule } from './state.js';
import type { AgentState, SimState } from './state.js';

/** Sets and emits the agent's status; any pending break or return of the old status is cancelled. */
function setStatus(state: SimState, agent: AgentState, kind: StatusKind, reason: string): void {
  agent.kind = kind;
  agent.reason = reason;
  agent.statusSince = state.now;
  agent.version += 1;
  emit(state, { type: 'agent.status', time: state.now, agentId: agent.id, kind, reason });
  refreshAgent(agent);
}

function scheduleAway(state: SimState, agent: AgentState): void {
  schedule(state, state.now + state.random.exponential(AWAY_EVERY_MEAN_MINUTES * 60_000), { kind: 'status', agent, version: agent.version });
}

/** Schedules the end of a break: its reason's typical length, times `fraction` (a break already under way). */
function scheduleReturn(state: SimState, agent: AgentState, reason: string, fraction: number): void {
  const plan = AWAY_REASONS.find((candidate) => candidate.reason === reason);
  const minutes = state.random.logNormal(plan?.medianMinutes ?? 15, 0.3) * fraction;
  schedule(state, state.now + minutes * 60_000, { kind: 'status', agent, version: agent.version });
}

/**
 * The platform sets an available agent away for a short while (after-contact work, a missed
 * offer): out of routing at once, back and taking work when its timer fires (statusTimer). An
 * agent already away or offline keeps their status.
 */
export function awayFor(state: SimState, agent: AgentState, reason: string, medianMs: number): void {
  if (!agent.loggedIn || agent.kind !== 'available') return;
  setStatus(state, agent, 'away', reason);
  schedule(state, state.now + state.random.logNormal(medianMs, 0.5), { kind: 'status', agent, version: agent.version });
}

/** A call ended: its agent wraps up before taking the next one (chat agents wrap up between chats). */
export function afterContact(state: SimState, agent: AgentState): void {
  if (agent.channel === 'voice') awayFor(state, agent, AFTER_CONTACT_WORK_REASON, VOICE_AFTER_CONTACT_MEDIAN * 1000);
}

function drawAwayReason(state: SimState): string {
  const plan = AWAY_REASONS[state.random.weightedIndex(AWAY_REASONS.map((reason) => reason.weight))];
  return plan?.reason ?? 'Break';
}

/** The agent's own timer fired: an available agent goes on a break, an away one comes back and takes work. */
export function statusTimer(state: SimState, agent: AgentState): void {
  if (agent.kind === 'available') {
    const reason = drawAwayReason(state);
    setStatus(state, agent, 'away', reason);
    scheduleReturn(state, agent, reason, 1);
  } else if (agent.kind === 'away') {
    setStatus(state, agent, 'available', AVAILABLE_REASON);
    scheduleAway(state, agent);
    dispatchAgent(state, agent);
  }
}

/** Mid-shift start: some agents are already on a break, partly over; the rest will take one later. */
export function startShift(state: SimState, agent: AgentState): void {
  if (state.random.chance(INITIAL_AWAY_SHARE)) {
    agent.kind = 'away';
    agent.reason = drawAwayReason(state);
    scheduleReturn(state, agent, agent.reason, 0.2 + state.random.next() * 0.8);
  } else {
    scheduleAway(state, agent);
  }
}

/** A supervisor sets the agent's status (an empty reason gets the kind's default), or is told why not. */
export function setStatusByCommand(state: SimState, command: Extract<FeedCommand, { type: 'agent.set_status' }>): string | undefined {
  const agent = state.agentsById.get(command.agentId);
  if (!agent) return `unknown agent ${command.agentId}`;
  if (!agent.loggedIn) return `agent ${agent.id} is not logged in`;
  setStatus(state, agent, command.kind, command.reason || (command.kind === 'available' ? AVAILABLE_REASON : command.kind === 'away' ? 'Away' : 'Offline'));
  if (command.kind === 'available') {
    scheduleAway(state, agent);
    dispatchAgent(state, agent);
  } else if (command.kind === 'away') {
    scheduleReturn(state, agent, command.reason, 1);
  }
  return undefined;
}
