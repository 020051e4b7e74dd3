/** A minimal, independent reading of floor events, used to check the simulator's invariants. */
import type { FloorEventInput, MitigationState, StatusKind } from '../../../src-shared/protocol/events.js';

export interface ConversationView {
  queueId: string;
  state: 'created' | 'queued' | 'assigned' | 'supervised' | 'ended' | 'abandoned';
  agentId: string | undefined;
  supervisorId: string | undefined;
}

export interface AgentView {
  slots: number;
  queueIds: readonly string[];
  kind: StatusKind;
  active: Set<string>;
}

export interface FloorView {
  readonly conversations: Map<string, ConversationView>;
  readonly agents: Map<string, AgentView>;
  readonly queues: Map<string, { channel: string; mitigation: MitigationState }>;
  readonly violations: string[];
}

export function emptyView(): FloorView {
  return { conversations: new Map(), agents: new Map(), queues: new Map(), violations: [] };
}

function release(view: FloorView, conversation: ConversationView, conversationId: string): void {
  if (conversation.agentId) view.agents.get(conversation.agentId)?.active.delete(conversationId);
  conversation.agentId = undefined;
}

/** Applies events in order, recording every broken invariant instead of throwing. */
export function applyAll(view: FloorView, events: readonly FloorEventInput[]): FloorView {
  for (const event of events) {
    const conversation = 'conversationId' in event ? view.conversations.get(event.conversationId) : undefined;
    if ('conversationId' in event && event.type !== 'conversation.created' && !conversation) {
      view.violations.push(`${event.type} for unknown conversation ${event.conversationId}`);
      continue;
    }
    switch (event.type) {
      case 'queue.configured':
        view.queues.set(event.queueId, { channel: event.channel, mitigation: 'normal' });
        break;
      case 'queue.mitigation': {
        const queue = view.queues.get(event.queueId);
        if (queue) queue.mitigation = event.state;
        break;
      }
      case 'agent.login':
        view.agents.set(event.agentId, { slots: event.slots, queueIds: event.queueIds, kind: 'available', active: new Set() });
        break;
      case 'agent.status': {
        const agent = view.agents.get(event.agentId);
        if (!agent) view.violations.push(`status for unknown agent ${event.agentId}`);
        else agent.kind = event.kind;
        break;
      }
      case 'conversation.created':
        view.conversations.set(event.conversationId, { queueId: event.queueId, state: 'created', agentId: undefined, supervisorId: undefined });
        break;
      case 'conversation.queued':
        if (conversation) {
          // Back in the queue from an agent (an offer that timed out): the agent no longer holds it.
          release(view, conversation, event.conversationId);
          conversation.state = 'queued';
          conversation.queueId = event.queueId;
        }
        break;
      case 'conversation.assigned': {
        const agent = view.agents.get(event.agentId);
        if (!conversation || !agent) {
          view.violations.push(`assignment of ${event.conversationId} to unknown agent ${event.agentId}`);
          break;
        }
        if (conversation.state !== 'queued') view.violations.push(`${event.conversationId} assigned while ${conversation.state}`);
        if (view.queues.get(event.queueId)?.mitigation === 'paused') view.violations.push(`${event.conversationId} assigned from paused ${event.queueId}`);
        if (agent.kind !== 'available') view.violations.push(`${event.conversationId} assigned to ${event.agentId} who is ${agent.kind}`);
        if (!agent.queueIds.includes(event.queueId)) view.violations.push(`${event.agentId} is not a member of ${event.queueId}`);
        agent.active.add(event.conversationId);
        if (agent.active.size > agent.slots) view.violations.push(`${event.agentId} has ${agent.active.size} conversations for ${agent.slots} slots`);
        conversation.state = 'assigned';
        conversation.agentId = event.agentId;
        break;
      }
      case 'conversation.transferred':
        if (conversation) {
          release(view, conversation, event.conversationId);
          conversation.queueId = event.toQueueId;
        }
        break;
      case 'conversation.taken_over':
        if (conversation) {
          release(view, conversation, event.conversationId);
          conversation.state = 'supervised';
          conversation.supervisorId = event.supervisorId;
        }
        break;
      case 'conversation.ended':
      case 'conversation.abandoned':
        if (conversation) {
          if (conversation.state === 'ended' || conversation.state === 'abandoned') view.violations.push(`${event.conversationId} finished twice`);
          release(view, conversation, event.conversationId);
          conversation.state = event.type === 'conversation.ended' ? 'ended' : 'abandoned';
        }
        break;
      case 'conversation.message':
        if (conversation && (conversation.state === 'ended' || conversation.state === 'abandoned') && event.kind !== 'note') {
          view.violations.push(`message after the end of ${event.conversationId}`);
        }
        break;
      default:
        break;
    }
  }
  return view;
}

/** Conversations still in progress, with where they are. */
export function activeConversations(view: FloorView): Map<string, ConversationView> {
  return new Map([...view.conversations].filter(([, conversation]) => conversation.state !== 'ended' && conversation.state !== 'abandoned'));
}
