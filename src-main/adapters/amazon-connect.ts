/**
 * The Amazon Connect adapter (docs/adapters.md, "Amazon Connect"): agent event stream records go
 * to amazon-connect-agents.ts; contact events (EventBridge's "Amazon Connect Contact Event", with
 * its envelope or as the bare `detail`) become conversation events here.
 *
 * A conversation is named by the contact's `initialContactId` (its own id when it has none), so
 * the contacts an agent transfer creates stay one conversation that moves from queue to queue. A
 * contact that is a transfer's earlier leg ends nothing when it disconnects after the next leg
 * was seen. The samples spell fields both ways (`agentInfo`/`AgentInfo`, `agentArn`/`AgentArn`,
 * `channel` "VOICE"/"Voice"); both are read.
 */
import type { MapOutcome, PlatformAdapter } from './adapter.js';
import { ignored, mapped, skip } from './adapter.js';
import { AmazonConnectAgents, isAgentEvent } from './amazon-connect-agents.js';
import { ConversationTracker } from './conversation-tracker.js';
import type { JsonObject } from './fields.js';
import { asId, channelOf, field, idFromArn, isObject, kindOf, objectField, requiredText, requiredTime, textField } from './fields.js';

export const CONTACT_EVENT_DETAIL_TYPE = 'Amazon Connect Contact Event';

/** The contact event inside an EventBridge envelope, or the record itself when it is a bare detail. */
function contactDetail(record: JsonObject): JsonObject | undefined {
  const detailType = textField(record, 'detail-type');
  if (detailType !== undefined) return detailType === CONTACT_EVENT_DETAIL_TYPE ? objectField(record, 'detail') : undefined;
  return textField(record, 'eventType', 'EventType') !== undefined && textField(record, 'contactId', 'ContactId') !== undefined ? record : undefined;
}

class AmazonConnectAdapter implements PlatformAdapter {
  private readonly agents = new AmazonConnectAgents();
  private readonly conversations = new ConversationTracker();
  /** The latest leg (contact id) of each conversation. */
  private readonly legs = new Map<string, string>();

  map(record: unknown): MapOutcome {
    if (!isObject(record)) return skip('not_an_object', kindOf(record));
    if (isAgentEvent(record)) return this.agents.map(record);
    const detailType = textField(record, 'detail-type');
    if (detailType !== undefined && detailType !== CONTACT_EVENT_DETAIL_TYPE) return ignored(detailType);
    const detail = contactDetail(record);
    if (detail === undefined) {
      if (detailType !== undefined) return skip('missing_field', 'detail');
      return skip('unrecognised_record', 'neither an agent event (AgentARN, EventType) nor a contact event (detail-type, or eventType and contactId)');
    }
    return this.mapContact(detail, field(record, 'time'));
  }

  private mapContact(detail: JsonObject, envelopeTime: unknown): MapOutcome {
    const eventType = requiredText(detail, 'detail.eventType', 'eventType', 'EventType').toUpperCase();
    if (!['INITIATED', 'QUEUED', 'CONNECTED_TO_AGENT', 'DISCONNECTED'].includes(eventType)) return ignored(eventType);
    const contactId = asId(requiredText(detail, 'detail.contactId', 'contactId', 'ContactId'));
    const conversationId = asId(textField(detail, 'initialContactId', 'InitialContactId') ?? contactId);
    const channelName = requiredText(detail, 'detail.channel', 'channel', 'Channel');
    const channel = channelOf(channelName, ['chat'], ['voice']);
    if (channel === undefined) return skip('unsupported_channel', channelName);
    const queueInfo = objectField(detail, 'queueInfo', 'QueueInfo');
    const agentInfo = objectField(detail, 'agentInfo', 'AgentInfo');
    const queueArn = textField(queueInfo, 'queueArn', 'QueueArn', 'ARN');
    const queueId = queueArn === undefined ? undefined : asId(idFromArn(queueArn, 'queue'));
    const facts = (time: number) => ({ time, channel, customer: { customerId: conversationId } });
    switch (eventType) {
      case 'INITIATED': {
        // A transfer's new leg takes over the conversation; the contact has no queue yet.
        if (!this.legs.has(conversationId) || textField(detail, 'previousContactId', 'PreviousContactId') !== undefined) this.legs.set(conversationId, contactId);
        return mapped();
      }
      case 'QUEUED': {
        if (queueId === undefined) return skip('missing_field', 'detail.queueInfo.queueArn');
        const time = requiredTime('detail.queueInfo.enqueueTimestamp', field(queueInfo, 'enqueueTimestamp', 'EnqueueTimestamp'), envelopeTime);
        this.legs.set(conversationId, contactId);
        return mapped(...this.conversations.enterQueue(conversationId, queueId, facts(time)));
      }
      case 'CONNECTED_TO_AGENT': {
        const agentArn = textField(agentInfo, 'agentArn', 'AgentArn');
        if (agentArn === undefined) return skip('missing_field', 'detail.agentInfo.agentArn');
        const time = requiredTime('detail.agentInfo.connectedToAgentTimestamp', field(agentInfo, 'connectedToAgentTimestamp', 'ConnectedToAgentTimestamp'), envelopeTime);
        this.legs.set(conversationId, contactId);
        return mapped(...this.conversations.assign(conversationId, asId(idFromArn(agentArn, 'agent')), queueId, facts(time)));
      }
      default: {
        const time = requiredTime('detail.disconnectTimestamp', field(detail, 'disconnectTimestamp', 'DisconnectTimestamp'), envelopeTime);
        const leg = this.legs.get(conversationId);
        if (leg !== undefined && leg !== contactId) return mapped();
        this.legs.delete(conversationId);
        return mapped(...this.conversations.finish(conversationId, time, 'resolved'));
      }
    }
  }
}

/** A fresh Amazon Connect adapter for one stream (agent events and contact events may be mixed). */
export function createAmazonConnectAdapter(): PlatformAdapter {
  return new AmazonConnectAdapter();
}
