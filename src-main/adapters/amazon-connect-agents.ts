/**
 * Amazon Connect agent event stream records (LOGIN, LOGOUT, STATE_CHANGE, HEART_BEAT) as agent
 * events (docs/adapters.md, "Amazon Connect"). Each record carries the agent's whole snapshot, so
 * a change is found by comparing the new snapshot with the last one this stream saw of the agent
 * (or, for an agent not seen yet, with the record's PreviousAgentSnapshot): its status, the
 * inbound queues of its routing profile and its chat slots. Conversations come from contact
 * events (amazon-connect-contacts.ts), never from the snapshots' contact lists, so a contact is
 * never counted twice; the lists only tell when an agent is in after-contact work.
 */
import type { FloorEventInput, StatusKind } from '../../src-shared/protocol/events.js';
import type { MapOutcome } from './adapter.js';
import { ignored, mapped, NO_TEAM_ID } from './adapter.js';
import type { JsonObject } from './fields.js';
import { arrayField, asId, clip, field, idFromArn, objectField, requiredObject, requiredText, requiredTime, textField } from './fields.js';

/** The reason shown while every contact an agent holds is in after-contact work. */
export const AFTER_CONTACT_WORK = 'After contact work';

interface AgentView {
  readonly agentId: string;
  readonly name: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly slots: number;
  readonly queueIds: readonly string[];
  readonly status: { readonly kind: StatusKind; readonly reason: string };
}

/** The agent's status kind from the status's Type (ROUTABLE, CUSTOM, OFFLINE), else from its name. */
function statusKind(status: JsonObject | undefined): StatusKind {
  const type = textField(status, 'Type')?.toUpperCase();
  if (type === 'ROUTABLE') return 'available';
  if (type === 'OFFLINE') return 'offline';
  if (type === 'CUSTOM') return 'away';
  const name = textField(status, 'Name')?.toLowerCase();
  if (name === 'available') return 'available';
  if (name === 'offline' || name === undefined) return 'offline';
  return 'away';
}

/** The deepest hierarchy group the agent is in (Level5 … Level1), as the team. */
function teamOf(configuration: JsonObject | undefined): { teamId: string; teamName: string } {
  const groups = objectField(configuration, 'AgentHierarchyGroups', 'HierarchyGroups');
  for (const level of ['Level5', 'Level4', 'Level3', 'Level2', 'Level1']) {
    const group = objectField(groups, level);
    const arn = textField(group, 'ARN', 'Arn');
    if (arn !== undefined) return { teamId: asId(idFromArn(arn, 'agent-group')), teamName: clip(textField(group, 'Name') ?? '', 256) };
  }
  return { teamId: NO_TEAM_ID, teamName: '' };
}

/** Chat slots of the routing profile (voice takes one call at a time); 1 when the profile says nothing. */
function slotsOf(profile: JsonObject | undefined): number {
  const maximum = (channel: string): number | undefined => {
    const entry = arrayField(profile, 'Concurrency').find((item) => textField(item, 'Channel')?.toUpperCase() === channel);
    const slots = field(entry, 'MaximumSlots');
    return typeof slots === 'number' && Number.isInteger(slots) ? slots : undefined;
  };
  const slots = maximum('CHAT') ?? maximum('VOICE') ?? 1;
  return Math.min(32, Math.max(1, slots));
}

/** Inbound queues of the routing profile; an agent's own queue (`…/queue/agent/…`) is not a floor queue. */
function queuesOf(profile: JsonObject | undefined): string[] {
  const ids: string[] = [];
  for (const queue of arrayField(profile, 'InboundQueues')) {
    const arn = textField(queue, 'ARN', 'Arn');
    if (arn === undefined) continue;
    const id = idFromArn(arn, 'queue');
    if (!id.startsWith('agent/') && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

function viewOf(agentId: string, snapshot: JsonObject, path: string): AgentView {
  const configuration = objectField(snapshot, 'Configuration');
  const profile = objectField(configuration, 'RoutingProfile');
  const agentStatus = requiredObject(snapshot, `${path}.AgentStatus`, 'AgentStatus');
  const first = textField(configuration, 'FirstName') ?? '';
  const last = textField(configuration, 'LastName') ?? '';
  const name = `${first} ${last}`.trim() || textField(configuration, 'Username') || agentId;
  let status = { kind: statusKind(agentStatus), reason: clip(textField(agentStatus, 'Name') ?? '', 128) };
  const contacts = arrayField(snapshot, 'Contacts');
  if (status.kind === 'available' && contacts.length > 0 && contacts.every((contact) => textField(contact, 'State')?.toUpperCase() === 'ENDED')) {
    status = { kind: 'away', reason: AFTER_CONTACT_WORK };
  }
  return { agentId, name: clip(name, 256), ...teamOf(configuration), slots: slotsOf(profile), queueIds: queuesOf(profile), status };
}

function sameQueues(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((id, index) => id === right[index]);
}

/** Is this an agent event stream record rather than a contact event? */
export function isAgentEvent(record: JsonObject): boolean {
  return textField(record, 'AgentARN') !== undefined && textField(record, 'EventType') !== undefined;
}

/** The agent-stream half of the Amazon Connect adapter: what it has seen of each agent. */
export class AmazonConnectAgents {
  private readonly agents = new Map<string, AgentView>();

  map(record: JsonObject): MapOutcome {
    const eventType = requiredText(record, 'EventType', 'EventType').toUpperCase();
    if (!['LOGIN', 'LOGOUT', 'STATE_CHANGE', 'HEART_BEAT'].includes(eventType)) return ignored(eventType);
    const agentId = asId(idFromArn(requiredText(record, 'AgentARN', 'AgentARN'), 'agent'));
    const time = requiredTime('EventTimestamp', field(record, 'EventTimestamp'));
    if (eventType === 'LOGOUT') {
      this.agents.delete(agentId);
      return mapped({ type: 'agent.logout', time, agentId });
    }
    const current = viewOf(agentId, requiredObject(record, 'CurrentAgentSnapshot', 'CurrentAgentSnapshot'), 'CurrentAgentSnapshot');
    const remembered = this.agents.get(agentId);
    this.agents.set(agentId, current);
    if (eventType === 'LOGIN') return mapped(login(current, time), status(current, time));
    if (remembered === undefined) {
      // First sight of an agent mid-shift: announce them whole, unless they are offline anyway.
      if (current.status.kind !== 'offline') return mapped(login(current, time), status(current, time));
      const previousSnapshot = objectField(record, 'PreviousAgentSnapshot');
      const previous = previousSnapshot === undefined ? undefined : viewOf(agentId, previousSnapshot, 'PreviousAgentSnapshot');
      return eventType === 'STATE_CHANGE' && previous !== undefined && previous.status.kind !== 'offline' ? mapped(status(current, time)) : mapped();
    }
    const events: FloorEventInput[] = [];
    if (!sameQueues(remembered.queueIds, current.queueIds)) events.push({ type: 'agent.queues', time, agentId, queueIds: [...current.queueIds] });
    if (remembered.slots !== current.slots) events.push({ type: 'agent.capacity', time, agentId, slots: current.slots });
    if (remembered.status.kind !== current.status.kind || remembered.status.reason !== current.status.reason) events.push(status(current, time));
    return mapped(...events);
  }
}

function login(view: AgentView, time: number): FloorEventInput {
  return {
    type: 'agent.login',
    time,
    agentId: view.agentId,
    name: view.name,
    teamId: view.teamId,
    teamName: view.teamName,
    location: '',
    slots: view.slots,
    queueIds: [...view.queueIds],
  };
}

function status(view: AgentView, time: number): FloorEventInput {
  return { type: 'agent.status', time, agentId: view.agentId, kind: view.status.kind, reason: view.status.reason };
}
