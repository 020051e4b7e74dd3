/**
 * The Twilio Flex / TaskRouter adapter (docs/adapters.md, "Twilio Flex / TaskRouter"): TaskRouter
 * events as the Workspace's event callback posts them (form fields such as `EventType`,
 * `TaskSid`, `Timestamp`, given here as a JSON object) or as Event Streams delivers them (a
 * CloudEvent whose `data.payload` carries snake_case fields such as `eventtype`, `task_sid`).
 * Both are read into one snake_case shape first.
 *
 * A task is a conversation: it waits in its task queue, is assigned when a worker accepts its
 * reservation, and ends when it is completed (resolved) or canceled (abandoned while waiting,
 * otherwise unresolved). A worker's activity is its status. TaskRouter routes by expressions, so
 * a worker's queues are not in its events: the adapter learns them from the reservations the
 * worker accepts and announces each newly learnt queue with `agent.queues`.
 */
import type { Channel, Customer, FloorEventInput, StatusKind } from '../../src-shared/protocol/events.js';
import type { MapOutcome, PlatformAdapter } from './adapter.js';
import { ignored, mapped, NO_TEAM_ID, skip } from './adapter.js';
import { ConversationTracker } from './conversation-tracker.js';
import type { JsonObject } from './fields.js';
import { asId, clip, field, isObject, kindOf, objectField, requiredText, requiredTime, textField } from './fields.js';

const CLOUD_EVENT_PREFIX = 'com.twilio.taskrouter.';

/** `TaskQueueSid` → `task_queue_sid`, `EventType` → `eventtype` (Event Streams' spelling). */
function snakeCase(name: string): string {
  if (name === 'EventType') return 'eventtype';
  return name.replace(/(?<=[a-z0-9])([A-Z])/gu, '_$1').toLowerCase();
}

/** The record's TaskRouter fields in Event Streams' snake_case, whichever way it came. */
function payloadOf(record: JsonObject): { payload: JsonObject; envelopeTime: unknown } | undefined {
  const type = textField(record, 'type');
  const data = objectField(record, 'data');
  if (type !== undefined && data !== undefined) {
    const inner = objectField(data, 'payload') ?? data;
    const eventtype = textField(inner, 'eventtype') ?? (type.startsWith(CLOUD_EVENT_PREFIX) ? type.slice(CLOUD_EVENT_PREFIX.length) : undefined);
    return { payload: { ...inner, ...(eventtype === undefined ? {} : { eventtype }) }, envelopeTime: field(record, 'time') ?? field(data, 'timestamp') };
  }
  if (textField(record, 'EventType') !== undefined) {
    return { payload: Object.fromEntries(Object.entries(record).map(([name, value]) => [snakeCase(name), value])), envelopeTime: undefined };
  }
  if (textField(record, 'eventtype') !== undefined) return { payload: record, envelopeTime: undefined };
  return undefined;
}

/** Task or worker attributes: a JSON text in both deliveries (an object is taken as it is). */
function attributesOf(payload: JsonObject, name: string): JsonObject {
  const value = field(payload, name);
  if (isObject(value)) return value;
  if (typeof value !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** The task's channel: voice for the voice channel or a task carrying a call; e-mail and video are not modelled; anything else is chat. */
function channelOfTask(payload: JsonObject, attributes: JsonObject): Channel | undefined {
  const name = textField(payload, 'task_channel_unique_name')?.toLowerCase();
  if (name === 'voice' || textField(attributes, 'call_sid') !== undefined) return 'voice';
  if (name === 'email' || name === 'video') return undefined;
  return 'chat';
}

function customerOf(taskSid: string, attributes: JsonObject): Customer {
  const customers = objectField(attributes, 'customers');
  const name = textField(customers, 'name') ?? textField(attributes, 'name');
  const email = textField(customers, 'email');
  const phone = textField(customers, 'phone');
  const customerId = textField(customers, 'external_id', 'customer_label') ?? textField(attributes, 'from') ?? taskSid;
  return {
    customerId: clip(customerId, 128),
    ...(name === undefined ? {} : { name: clip(name, 256) }),
    ...(email === undefined ? {} : { email: clip(email, 256) }),
    ...(phone === undefined ? {} : { phone: clip(phone, 64) }),
  };
}

/** A worker's activity as a status: Offline is offline, Available (or an activity marked available) is available, the rest away. */
function statusOf(payload: JsonObject): { kind: StatusKind; reason: string } {
  const name = requiredText(payload, 'worker_activity_name', 'worker_activity_name');
  const available = field(payload, 'worker_activity_available', 'worker_available');
  if (name.toLowerCase() === 'offline') return { kind: 'offline', reason: clip(name, 128) };
  if (available === true || available === 'true' || name.toLowerCase() === 'available') return { kind: 'available', reason: clip(name, 128) };
  return { kind: 'away', reason: clip(name, 128) };
}

interface TaskFacts {
  readonly channel: Channel;
  readonly customer: Customer;
}

class TwilioAdapter implements PlatformAdapter {
  private readonly conversations = new ConversationTracker();
  private readonly tasks = new Map<string, TaskFacts>();
  /** Workers this stream has announced, with the queues learnt from their reservations. */
  private readonly workers = new Map<string, { queueIds: string[] }>();

  map(record: unknown): MapOutcome {
    if (!isObject(record)) return skip('not_an_object', kindOf(record));
    const read = payloadOf(record);
    if (read === undefined) return skip('unrecognised_record', 'neither a TaskRouter event callback (EventType) nor an Event Streams CloudEvent (type, data)');
    const { payload, envelopeTime } = read;
    const eventtype = requiredText(payload, 'eventtype', 'eventtype').toLowerCase();
    const time = (): number => requiredTime('timestamp', field(payload, 'timestamp'), envelopeTime);
    switch (eventtype) {
      case 'task.created':
      case 'task-queue.entered':
      case 'task-queue.moved':
        return this.mapQueued(eventtype, payload, time());
      case 'reservation.accepted':
        return this.mapAccepted(payload, time());
      case 'task.completed':
      case 'task.canceled':
      case 'task.deleted': {
        const taskSid = asId(requiredText(payload, 'task_sid', 'task_sid'));
        const events = this.conversations.finish(taskSid, time(), eventtype === 'task.completed' ? 'resolved' : 'unresolved');
        if (!this.conversations.isLive(taskSid)) this.tasks.delete(taskSid);
        return mapped(...events);
      }
      case 'worker.activity.update':
        return this.mapActivity(payload, time());
      default:
        return ignored(eventtype);
    }
  }

  private mapQueued(eventtype: string, payload: JsonObject, time: number): MapOutcome {
    const taskSid = asId(requiredText(payload, 'task_sid', 'task_sid'));
    const facts = this.factsOf(taskSid, payload);
    if (facts === undefined) return skip('unsupported_channel', textField(payload, 'task_channel_unique_name') ?? 'unknown');
    const queueId = textField(payload, 'task_queue_sid');
    // A task is created before its workflow puts it in a queue; task-queue.entered then says which.
    if (queueId === undefined) return eventtype === 'task.created' ? mapped() : skip('missing_field', 'task_queue_sid');
    const intent = textField(attributesOf(payload, 'task_attributes'), 'intent');
    return mapped(...this.conversations.enterQueue(taskSid, asId(queueId), { time, ...facts, intent: intent === undefined ? undefined : clip(intent, 128) }));
  }

  private mapAccepted(payload: JsonObject, time: number): MapOutcome {
    const taskSid = asId(requiredText(payload, 'task_sid', 'task_sid'));
    const workerSid = asId(requiredText(payload, 'worker_sid', 'worker_sid'));
    const facts = this.factsOf(taskSid, payload);
    if (facts === undefined) return skip('unsupported_channel', textField(payload, 'task_channel_unique_name') ?? 'unknown');
    const queueSid = textField(payload, 'task_queue_sid');
    const queueId = queueSid === undefined ? undefined : asId(queueSid);
    const events: FloorEventInput[] = this.conversations.assign(taskSid, workerSid, queueId, { time, ...facts });
    const worker = this.workers.get(workerSid);
    const servedQueue = this.conversations.queueOf(taskSid);
    if (worker !== undefined && servedQueue !== null && !worker.queueIds.includes(servedQueue)) {
      worker.queueIds.push(servedQueue);
      events.unshift({ type: 'agent.queues', time, agentId: workerSid, queueIds: [...worker.queueIds] });
    }
    return mapped(...events);
  }

  private mapActivity(payload: JsonObject, time: number): MapOutcome {
    const workerSid = asId(requiredText(payload, 'worker_sid', 'worker_sid'));
    const status = statusOf(payload);
    const known = this.workers.get(workerSid);
    const statusEvent: FloorEventInput = { type: 'agent.status', time, agentId: workerSid, kind: status.kind, reason: status.reason };
    if (known !== undefined || status.kind === 'offline') return mapped(statusEvent);
    // First sight of a worker on shift: announce them, with what their attributes say of them.
    const attributes = attributesOf(payload, 'worker_attributes');
    const name = textField(attributes, 'full_name') ?? textField(payload, 'worker_name') ?? workerSid;
    const teamId = textField(attributes, 'team_id');
    this.workers.set(workerSid, { queueIds: [] });
    return mapped(
      {
        type: 'agent.login',
        time,
        agentId: workerSid,
        name: clip(name, 256),
        teamId: teamId === undefined ? NO_TEAM_ID : asId(teamId),
        teamName: clip(textField(attributes, 'team_name') ?? '', 256),
        location: clip(textField(attributes, 'location') ?? '', 256),
        slots: 1,
        queueIds: [],
      },
      statusEvent,
    );
  }

  /** What the task itself says (channel, customer), remembered from its first event; undefined for a channel not modelled. */
  private factsOf(taskSid: string, payload: JsonObject): TaskFacts | undefined {
    const known = this.tasks.get(taskSid);
    if (known !== undefined) return known;
    const attributes = attributesOf(payload, 'task_attributes');
    const channel = channelOfTask(payload, attributes);
    if (channel === undefined) return undefined;
    const facts = { channel, customer: customerOf(taskSid, attributes) };
    this.tasks.set(taskSid, facts);
    return facts;
  }
}

/** A fresh Twilio TaskRouter adapter for one stream of events. */
export function createTwilioAdapter(): PlatformAdapter {
  return new TwilioAdapter();
}
