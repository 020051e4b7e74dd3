/**
 * Genesys Cloud conversations as conversation events (docs/adapters.md, "Genesys Cloud"), from
 * either of two sources: the analytics detail event topics
 * (`v2.detail.events.conversation.{id}.acd.start`, `.acd.end`, `.user.start`, `.customer.end`),
 * one fact per notification, or a queue's conversations topic (`v2.routing.queues.{id}.conversations`),
 * which sends the whole conversation with its participants each time anything changes and is read
 * here as "where is it now": waiting in a queue, with an agent, or over. A stream should carry one
 * of the two for a conversation, not both; the tracker drops what repeats but cannot tell a
 * repeated transfer from a new one.
 */
import type { Channel, Customer } from '../../src-shared/protocol/events.js';
import type { MapOutcome } from './adapter.js';
import { ignored, mapped, skip } from './adapter.js';
import type { ConversationTracker } from './conversation-tracker.js';
import type { JsonObject } from './fields.js';
import { arrayField, asId, channelOf, clip, field, parseTime, requiredText, requiredTime, textField } from './fields.js';

const CHAT_MEDIA = ['chat', 'message', 'webmessaging'];
const VOICE_MEDIA = ['voice', 'call', 'callback'];

function customerOf(conversationId: string, body: JsonObject, channel: Channel): Customer {
  const [externalContactId] = arrayField(body, 'conversationExternalContactIds');
  const ani = textField(body, 'ani');
  const phone = channel === 'voice' && ani !== undefined && ani.startsWith('tel:') ? ani.slice('tel:'.length) : undefined;
  const customerId = typeof externalContactId === 'string' && externalContactId !== '' ? externalContactId : conversationId;
  return { customerId: clip(customerId, 128), ...(phone === undefined ? {} : { phone: clip(phone, 64) }) };
}

/** One analytics detail event (`kind` is what follows the conversation id in the topic: `acd.start`, `user.end`…). */
export function mapDetailEvent(tracker: ConversationTracker, kind: string, body: JsonObject, fallbackTime: unknown): MapOutcome {
  if (!['acd.start', 'acd.end', 'user.start', 'customer.end'].includes(kind)) return ignored(`detail.${kind}`);
  const conversationId = asId(requiredText(body, 'eventBody.conversationId', 'conversationId'));
  const time = requiredTime('eventBody.eventTime', field(body, 'eventTime'), fallbackTime);
  if (kind === 'acd.end') return textField(body, 'acdOutcome')?.toUpperCase() === 'ABANDON' ? mapped(...tracker.abandon(conversationId, time)) : mapped();
  if (kind === 'customer.end') return mapped(...tracker.finish(conversationId, time, 'resolved'));
  const mediaType = requiredText(body, 'eventBody.mediaType', 'mediaType');
  const channel = channelOf(mediaType, CHAT_MEDIA, VOICE_MEDIA);
  if (channel === undefined) return skip('unsupported_channel', mediaType);
  const queueId = textField(body, 'queueId');
  const facts = { time, channel, customer: customerOf(conversationId, body, channel) };
  if (kind === 'acd.start') {
    if (queueId === undefined) return skip('missing_field', 'eventBody.queueId');
    return mapped(...tracker.enterQueue(conversationId, asId(queueId), facts));
  }
  const userId = asId(requiredText(body, 'eventBody.userId', 'userId'));
  return mapped(...tracker.assign(conversationId, userId, queueId === undefined ? undefined : asId(queueId), facts));
}

const ENDED_STATES = ['disconnected', 'terminated'];
const MEDIA_LISTS = ['calls', 'callbacks', 'chats', 'messages', 'emails', 'videos', 'cobrowsesessions', 'screenshares', 'socialExpressions'];

function mediaOf(participant: unknown): JsonObject[] {
  return MEDIA_LISTS.flatMap((list) => arrayField(participant, list)).filter((media): media is JsonObject => typeof media === 'object' && media !== null);
}

function hasEnded(participant: unknown): boolean {
  if (parseTime(field(participant, 'endTime')) !== undefined) return true;
  const media = mediaOf(participant);
  return media.length > 0 && media.every((item) => ENDED_STATES.includes(textField(item, 'state')?.toLowerCase() ?? ''));
}

function isConnected(participant: unknown): boolean {
  if (hasEnded(participant)) return false;
  return parseTime(field(participant, 'connectedTime')) !== undefined || mediaOf(participant).some((item) => textField(item, 'state')?.toLowerCase() === 'connected');
}

function channelOfParticipants(participants: readonly unknown[]): Channel | undefined {
  for (const participant of participants) {
    if (arrayField(participant, 'calls').length > 0 || arrayField(participant, 'callbacks').length > 0) return 'voice';
    if (arrayField(participant, 'chats').length > 0 || arrayField(participant, 'messages').length > 0) return 'chat';
  }
  return undefined;
}

/** Every time a participant or its media names, the latest being the notification's own moment. */
function latestTime(participants: readonly unknown[]): number | undefined {
  let latest: number | undefined;
  for (const participant of participants) {
    for (const item of [participant, ...mediaOf(participant)]) {
      for (const name of ['connectedTime', 'endTime', 'startHoldTime', 'startAcwTime', 'endAcwTime', 'disconnectedTime']) {
        const time = parseTime(field(item, name));
        if (time !== undefined && (latest === undefined || time > latest)) latest = time;
      }
    }
  }
  return latest;
}

/** A queue's conversations topic: the conversation's participants say where it is now. */
export function mapQueueConversation(tracker: ConversationTracker, topicQueueId: string, body: JsonObject, fallbackTime: unknown): MapOutcome {
  const conversationId = asId(requiredText(body, 'eventBody.id', 'id'));
  const participants = arrayField(body, 'participants');
  if (participants.length === 0) return skip('missing_field', 'eventBody.participants');
  const recordTime = requiredTime('eventBody.participants[].connectedTime', latestTime(participants), fallbackTime);
  const purpose = (participant: unknown): string => textField(participant, 'purpose')?.toLowerCase() ?? '';
  const customer = participants.find((participant) => ['customer', 'external'].includes(purpose(participant)));
  const acd = participants.filter((participant) => purpose(participant) === 'acd');
  const waiting = acd.filter((participant) => !hasEnded(participant)).at(-1);
  const agent = participants.filter((participant) => ['agent', 'user'].includes(purpose(participant)) && textField(participant, 'userId') !== undefined && isConnected(participant)).at(-1);
  const timeOf = (participant: unknown, name: string): number => parseTime(field(participant, name)) ?? recordTime;
  if (customer !== undefined && hasEnded(customer)) return mapped(...tracker.finish(conversationId, timeOf(customer, 'endTime'), 'resolved'));
  const channel = channelOfParticipants(participants);
  if (channel === undefined && !tracker.isLive(conversationId)) return skip('unsupported_channel', 'no call, callback, chat or message among the participants');
  const customerFacts: Customer = { customerId: conversationId, ...(textField(customer, 'name') === undefined ? {} : { name: clip(textField(customer, 'name') as string, 256) }) };
  const queueOf = (participant: unknown): string => asId(textField(participant, 'queueId') ?? topicQueueId);
  const events = [];
  if (agent !== undefined) {
    const lastQueue = acd.at(-1);
    if (!tracker.isLive(conversationId) && lastQueue !== undefined) {
      events.push(...tracker.enterQueue(conversationId, queueOf(lastQueue), { time: timeOf(lastQueue, 'connectedTime'), channel, customer: customerFacts }));
    }
    const agentQueue = textField(agent, 'queueId') ?? (lastQueue === undefined ? topicQueueId : queueOf(lastQueue));
    events.push(...tracker.assign(conversationId, asId(textField(agent, 'userId') as string), asId(agentQueue), { time: timeOf(agent, 'connectedTime'), channel, customer: customerFacts }));
    return mapped(...events);
  }
  if (waiting !== undefined) {
    return mapped(...tracker.enterQueue(conversationId, queueOf(waiting), { time: timeOf(waiting, 'connectedTime'), channel, customer: customerFacts }));
  }
  // Neither waiting nor with an agent (in a flow, between a transfer's two legs): nothing to say yet.
  return mapped();
}

