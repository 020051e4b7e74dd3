/**
 * The Genesys Cloud adapter (docs/adapters.md, "Genesys Cloud"): notifications as the WebSocket
 * channel sends them (`{topicName, eventBody}`) or as the Amazon EventBridge integration wraps
 * them (`{"detail-type": <topic pattern>, "time", "detail": {topicName, eventBody}}`).
 *
 * A user's presence (`v2.users.{id}.presence`) and routing status (`v2.users.{id}.routingStatus`)
 * together make the agent's status: "On Queue" with any routing status but NOT_RESPONDING is
 * available, Offline is offline, every other presence is away with the presence as reason.
 * Conversations are genesys-conversations.ts. Queue observations are the platform's own totals
 * (waiting, interacting): Floorwatch counts those from the conversations, so they are ignored.
 */
import type { FloorEventInput, StatusKind } from '../../src-shared/protocol/events.js';
import type { MapOutcome, PlatformAdapter } from './adapter.js';
import { ignored, mapped, skip } from './adapter.js';
import { ConversationTracker } from './conversation-tracker.js';
import type { JsonObject } from './fields.js';
import { asId, clip, field, isObject, kindOf, objectField, requiredObject, requiredText, requiredTime, textField } from './fields.js';
import { mapDetailEvent, mapQueueConversation } from './genesys-conversations.js';

const USER_TOPIC = /^v2\.users\.([^.]+)\.(presence|routingStatus)$/u;
const DETAIL_TOPIC = /^v2\.detail\.events\.conversation\.([^.]+)\.(.+)$/u;
const QUEUE_CONVERSATIONS_TOPIC = /^v2\.routing\.queues\.([^.]+)\.conversations$/u;
const OBSERVATIONS_TOPIC = /^v2\.(?:analytics|routing)\.queues\.([^.]+)\.observations$/u;

/** The reason shown for an agent on queue who did not answer an offered interaction. */
export const NOT_RESPONDING = 'Not responding';

interface UserState {
  presence?: string;
  routingStatus?: string;
  emitted?: { kind: StatusKind; reason: string };
}

/** The agent's status from what is known of presence and routing status; undefined while that is not enough to say. */
function effectiveStatus(user: UserState): { kind: StatusKind; reason: string } | undefined {
  const presence = user.presence?.toLowerCase().replace(/[_\s]+/gu, ' ');
  const routing = user.routingStatus?.toUpperCase();
  if (presence === 'offline') return { kind: 'offline', reason: 'Offline' };
  const onQueue = presence === 'on queue' || (presence === undefined && routing !== undefined && ['IDLE', 'INTERACTING', 'COMMUNICATING'].includes(routing));
  if (onQueue) return routing === 'NOT_RESPONDING' ? { kind: 'away', reason: NOT_RESPONDING } : { kind: 'available', reason: 'On Queue' };
  if (user.presence === undefined) return undefined;
  return { kind: 'away', reason: clip(user.presence, 128) };
}

class GenesysAdapter implements PlatformAdapter {
  private readonly users = new Map<string, UserState>();
  private readonly conversations = new ConversationTracker();

  map(record: unknown): MapOutcome {
    if (!isObject(record)) return skip('not_an_object', kindOf(record));
    // EventBridge: the notification is the envelope's detail, and the envelope's time stands in for a missing one.
    const notification = textField(record, 'detail-type') !== undefined ? requiredObject(record, 'detail', 'detail') : record;
    const fallbackTime = field(notification, 'timestamp') ?? field(record, 'time');
    const topic = textField(notification, 'topicName');
    if (topic === undefined) return skip('unrecognised_record', 'no topicName (a notification, or an EventBridge event with the notification as detail)');
    if (topic === 'channel.metadata') return ignored('channel.metadata');
    const body = objectField(notification, 'eventBody');
    const user = USER_TOPIC.exec(topic);
    const detail = DETAIL_TOPIC.exec(topic);
    const queue = QUEUE_CONVERSATIONS_TOPIC.exec(topic);
    if (body === undefined && (user ?? detail ?? queue) !== null) return skip('missing_field', 'eventBody');
    if (user !== null) return this.mapUser(asId(user[1] as string), user[2] as string, body as JsonObject, fallbackTime);
    if (detail !== null) return mapDetailEvent(this.conversations, detail[2] as string, body as JsonObject, fallbackTime);
    if (queue !== null) return mapQueueConversation(this.conversations, queue[1] as string, body as JsonObject, fallbackTime);
    if (OBSERVATIONS_TOPIC.test(topic)) return ignored('queue observations');
    return ignored(topic.replace(/\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\./giu, '.{id}.'));
  }

  private mapUser(agentId: string, kind: string, body: JsonObject, fallbackTime: unknown): MapOutcome {
    const user = this.users.get(agentId) ?? {};
    let time: number;
    if (kind === 'presence') {
      user.presence = requiredText(objectField(body, 'presenceDefinition'), 'eventBody.presenceDefinition.systemPresence', 'systemPresence');
      time = requiredTime('eventBody.modifiedDate', field(body, 'modifiedDate'), fallbackTime);
    } else {
      const routingStatus = objectField(body, 'routingStatus') ?? body;
      user.routingStatus = requiredText(routingStatus, 'eventBody.routingStatus.status', 'status');
      time = requiredTime('eventBody.routingStatus.startTime', field(routingStatus, 'startTime'), fallbackTime);
    }
    this.users.set(agentId, user);
    const status = effectiveStatus(user);
    if (status === undefined || (user.emitted?.kind === status.kind && user.emitted.reason === status.reason)) return mapped();
    user.emitted = status;
    const event: FloorEventInput = { type: 'agent.status', time, agentId, kind: status.kind, reason: status.reason };
    return mapped(event);
  }
}

/** A fresh Genesys Cloud adapter for one stream of notifications. */
export function createGenesysAdapter(): PlatformAdapter {
  return new GenesysAdapter();
}
