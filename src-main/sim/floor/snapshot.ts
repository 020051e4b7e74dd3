/**
 * The floor as events: the configuration and login events a floor starts with, and a snapshot
 * (every queue's settings, the away reasons, every logged-in agent's status, the directory, the
 * last change of each alert people acted on, the log of every conversation in progress) that rebuilds the current state when applied to an empty one.
 */
import type { FloorEventInput } from '../../../src-shared/protocol/events.js';
import type { AgentState, QueueState, SimState } from './state.js';
import { awayReasonsEvent, profileEvent } from './directory.js';
import type { SnapshotOptions } from './types.js';

/** The queue's configuration as of `time`. */
export function configuredEvent(queue: QueueState, time: number): FloorEventInput {
  return {
    type: 'queue.configured',
    time,
    queueId: queue.id,
    name: queue.name,
    channel: queue.channel,
    timeZone: queue.timeZone,
    serviceLevelTargetSec: queue.serviceLevelTargetSec,
    thresholds: queue.thresholds,
    businessHours: queue.businessHours,
    presetGroups: [...queue.presetGroups],
  };
}

/** The agent's login, at the time they logged in. */
export function loginEvent(agent: AgentState): FloorEventInput {
  return {
    type: 'agent.login',
    time: agent.loginAt,
    agentId: agent.id,
    name: agent.name,
    teamId: agent.teamId,
    teamName: agent.teamName,
    location: agent.location,
    slots: agent.slots,
    queueIds: agent.queues.map((queue) => queue.id),
  };
}

/** Events that, applied to an empty state, rebuild the current floor state. */
export function snapshotEvents(state: SimState, options?: SnapshotOptions): FloorEventInput[] {
  const includeMessages = options?.includeMessages ?? true;
  const events: FloorEventInput[] = [];
  for (const queue of state.queues) {
    events.push(configuredEvent(queue, queue.configuredAt));
    events.push(
      queue.mitigationMessage !== undefined
        ? { type: 'queue.mitigation', time: queue.mitigationAt, queueId: queue.id, state: queue.mitigation, message: queue.mitigationMessage }
        : { type: 'queue.mitigation', time: queue.mitigationAt, queueId: queue.id, state: queue.mitigation },
    );
    events.push({ type: 'queue.overflow_rules', time: queue.overflowAt, queueId: queue.id, rules: queue.overflowRules.map((rule) => ({ ...rule })) });
    events.push({ type: 'queue.estimated_wait', time: queue.estimatedWaitAt, queueId: queue.id, seconds: queue.estimatedWait });
  }
  events.push(awayReasonsEvent(state.startOfFloor));
  for (const agent of state.agents) {
    if (!agent.loggedIn) continue;
    events.push(loginEvent(agent));
    events.push({ type: 'agent.status', time: agent.statusSince, agentId: agent.id, kind: agent.kind, reason: agent.reason });
  }
  for (const person of state.people) events.push(profileEvent(person));
  events.push(...state.alerts.values());
  for (const conversation of state.conversations.values()) {
    for (const event of conversation.log) {
      if (!includeMessages && (event.type === 'conversation.message' || event.type === 'conversation.delivery_failed')) continue;
      events.push(event);
    }
  }
  return events;
}
