/**
 * The life of each conversation as an adapter has seen it, shared by every platform: platforms
 * say "this contact is in queue B now" or "this task was accepted by W", and the canonical stream
 * needs `conversation.created` once, `queued`, `transferred` when the queue changes, `assigned`,
 * then `ended` or `abandoned` (docs/adapters.md, "Conversations"). The tracker turns the first
 * kind of statement into the second, so repeated or redundant platform events add nothing.
 *
 * Finished conversations are remembered (a late duplicate must not start them again) up to a
 * bound; the oldest finished ones are forgotten first, in arrival order, so the output depends on
 * the input alone.
 */
import type { Channel, Customer, Disposition, FloorEventInput } from '../../src-shared/protocol/events.js';
import { SkipRecord } from './adapter.js';

/** Finished conversations remembered at most; past it the oldest are forgotten. */
const FINISHED_KEPT = 100_000;

interface Tracked {
  channel: Channel | null;
  queueId: string | null;
  agentId: string | null;
  finished: boolean;
}

/** What a platform knows when a conversation enters a queue or reaches an agent. */
export interface ConversationFacts {
  readonly time: number;
  readonly channel?: Channel | undefined;
  readonly customer?: Customer | undefined;
  readonly intent?: string | undefined;
}

export class ConversationTracker {
  private readonly conversations = new Map<string, Tracked>();
  private finishedCount = 0;

  /** The queue the conversation is in, or was last in, as far as this stream knows. */
  queueOf(conversationId: string): string | null {
    return this.conversations.get(conversationId)?.queueId ?? null;
  }

  agentOf(conversationId: string): string | null {
    return this.conversations.get(conversationId)?.agentId ?? null;
  }

  isLive(conversationId: string): boolean {
    const tracked = this.conversations.get(conversationId);
    return tracked !== undefined && !tracked.finished;
  }

  /** The conversation waits in `queueId` now: created and queued, moved there (a transfer), or back in it. */
  enterQueue(conversationId: string, queueId: string, facts: ConversationFacts): FloorEventInput[] {
    const { time } = facts;
    const tracked = this.conversations.get(conversationId);
    if (tracked === undefined || tracked.finished || tracked.queueId === null) {
      const events = this.create(conversationId, queueId, facts, tracked);
      events.push({ type: 'conversation.queued', time, conversationId, queueId });
      return events;
    }
    if (tracked.queueId !== queueId) {
      const fromQueueId = tracked.queueId;
      const fromAgentId = tracked.agentId;
      tracked.queueId = queueId;
      tracked.agentId = null;
      return [{ type: 'conversation.transferred', time, conversationId, fromQueueId, toQueueId: queueId, ...(fromAgentId === null ? {} : { fromAgentId }) }];
    }
    if (tracked.agentId === null) return [];
    tracked.agentId = null;
    return [{ type: 'conversation.queued', time, conversationId, queueId }];
  }

  /**
   * An agent has the conversation now. The queue is the one given, else the one it waited in;
   * with neither the record is skipped (`unknown_queue`): an assignment must name its queue.
   */
  assign(conversationId: string, agentId: string, queueId: string | undefined, facts: ConversationFacts): FloorEventInput[] {
    const { time } = facts;
    const tracked = this.conversations.get(conversationId);
    const live = tracked !== undefined && !tracked.finished ? tracked : undefined;
    const queue = queueId ?? live?.queueId ?? undefined;
    if (queue === undefined) throw new SkipRecord('unknown_queue', `no queue known for conversation ${conversationId}`);
    const events: FloorEventInput[] = [];
    if (live === undefined || live.queueId === null) {
      if (facts.channel !== undefined || live?.channel) events.push(...this.create(conversationId, queue, facts, tracked));
      else this.remember(conversationId, { channel: null, queueId: queue, agentId: null, finished: false }, tracked);
    } else if (live.queueId !== queue) {
      events.push(...this.enterQueue(conversationId, queue, facts));
    }
    const current = this.conversations.get(conversationId) as Tracked;
    if (current.agentId === agentId && current.queueId === queue) return events;
    current.agentId = agentId;
    events.push({ type: 'conversation.assigned', time, conversationId, queueId: queue, agentId });
    return events;
  }

  /** The conversation is over: `ended` when an agent had it, `abandoned` when it was still waiting, nothing when it never reached a queue or is already over. */
  finish(conversationId: string, time: number, disposition: Disposition): FloorEventInput[] {
    const tracked = this.conversations.get(conversationId);
    if (tracked === undefined || tracked.finished || tracked.queueId === null) return [];
    this.markFinished(tracked);
    if (tracked.agentId !== null) return [{ type: 'conversation.ended', time, conversationId, disposition }];
    return [{ type: 'conversation.abandoned', time, conversationId, queueId: tracked.queueId }];
  }

  /** The customer left the queue before an agent took the conversation; nothing when an agent has it or it is over. */
  abandon(conversationId: string, time: number): FloorEventInput[] {
    const tracked = this.conversations.get(conversationId);
    if (tracked === undefined || tracked.finished || tracked.queueId === null || tracked.agentId !== null) return [];
    this.markFinished(tracked);
    return [{ type: 'conversation.abandoned', time, conversationId, queueId: tracked.queueId }];
  }

  private create(conversationId: string, queueId: string, facts: ConversationFacts, previous: Tracked | undefined): FloorEventInput[] {
    const channel = facts.channel ?? (previous?.finished === false ? previous.channel : null) ?? null;
    this.remember(conversationId, { channel, queueId, agentId: null, finished: false }, previous);
    if (channel === null) return [];
    return [
      {
        type: 'conversation.created',
        time: facts.time,
        conversationId,
        channel,
        queueId,
        intent: facts.intent ?? '',
        customer: facts.customer ?? { customerId: conversationId },
      },
    ];
  }

  private remember(conversationId: string, tracked: Tracked, previous: Tracked | undefined): void {
    if (previous?.finished) this.finishedCount -= 1;
    // Deleting first moves a restarted conversation to the end of the arrival order.
    this.conversations.delete(conversationId);
    this.conversations.set(conversationId, tracked);
  }

  private markFinished(tracked: Tracked): void {
    tracked.finished = true;
    this.finishedCount += 1;
    if (this.finishedCount <= FINISHED_KEPT) return;
    for (const [id, candidate] of this.conversations) {
      if (!candidate.finished) continue;
      this.conversations.delete(id);
      this.finishedCount -= 1;
      if (this.finishedCount <= FINISHED_KEPT) return;
    }
  }
}
