/**
 * The simulator's demo users: who a hello's token stands for, and what each may do.
 *
 * Each user has its own token. Given a token seed the tokens are derived from it and the user's id
 * (HMAC-SHA256), so a test or the embedded console can compute the token of the user it wants;
 * without a seed each start draws fresh ones. The feed, not the console, says who the user is.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { FeedCommand, FeedUser } from '../../src-shared/protocol/frames.js';
import { can, type Capability } from '../../src-shared/permissions.js';
import { assertNever } from '../../src-shared/result.js';

/** The users every simulator knows; the first is the default (the embedded console's, unless told). */
export const DEMO_USERS: readonly FeedUser[] = [
  { userId: 'wfm-leader', name: 'Morgan Reyes (WFM leader)', role: 'wfm_leader', queueScope: null },
  { userId: 'orders-leader', name: 'Sam Okafor (WFM leader, Orders)', role: 'wfm_leader', queueScope: ['q-orders'] },
  { userId: 'stakeholder', name: 'Beth Lindqvist (business, Orders and Returns)', role: 'business_stakeholder', queueScope: ['q-orders', 'q-returns'] },
  { userId: 'admin', name: 'Ada Park (admin)', role: 'admin', queueScope: null },
  { userId: 'wallboard', name: 'Floor TV', role: 'wallboard', queueScope: null },
];

export const DEFAULT_DEMO_USER_ID = 'wfm-leader';

/** The demo user with this id, or null. */
export function demoUser(userId: string): FeedUser | null {
  return DEMO_USERS.find((user) => user.userId === userId) ?? null;
}

/** The token of a demo user under a token seed: the same seed always gives the same token. */
export function demoUserToken(tokenSeed: string, userId: string): string {
  return createHmac('sha256', tokenSeed).update(`floorwatch-demo-user:${userId}`).digest('base64url').slice(0, 32);
}

/** A token seed nobody can guess, for a simulator that keeps its tokens to itself. */
export function randomTokenSeed(): string {
  return randomBytes(24).toString('base64url');
}

/** The capability a feed command needs (the same table the console checks, docs/product.md). */
export function commandCapability(command: FeedCommand): Capability {
  switch (command.type) {
    case 'conversation.whisper':
      return 'live.whisper';
    case 'conversation.take_over':
    case 'conversation.reply':
      return 'live.takeover';
    case 'conversation.add_note':
      return 'history.notes';
    case 'queue.set_mitigation':
      return 'queue.mitigation';
    case 'queue.set_overflow_rules':
      return 'queue.overflow';
    case 'queue.transfer_waiting':
    case 'queue.end_all':
      return 'queue.bulk_actions';
    case 'agent.set_status':
      return 'agent.set_status';
    default:
      return assertNever(command, 'feed command');
  }
}

/** What the floor can say about where a command lands. */
export interface CommandPlaces {
  /** The queue a conversation is (or last was) in, or null when the floor does not know it. */
  conversationQueue(conversationId: string): string | null;
  /** The queues an agent works, or null when unknown. */
  agentQueues(agentId: string): readonly string[] | null;
}

/**
 * Why the user may not send this command, or null when allowed.
 *
 * Role first, then scope: a conversation's queue must be in scope; both queues of a transfer; an
 * agent must share at least one queue with the scope (as in the console). What the floor does not
 * know is left to the floor, which refuses it as unknown.
 */
export function forbiddenReason(user: FeedUser, command: FeedCommand, places: CommandPlaces): string | null {
  const capability = commandCapability(command);
  if (!can(user.role, capability)) return `${user.userId} (${user.role}) may not ${command.type}: it needs ${capability}`;
  const scope = user.queueScope;
  if (scope === null) return null;
  const outside = (queueId: string): string => `${user.userId} may not act on queue ${queueId}: it is outside the user's queue scope`;
  switch (command.type) {
    case 'conversation.whisper':
    case 'conversation.take_over':
    case 'conversation.reply':
    case 'conversation.add_note': {
      const queueId = places.conversationQueue(command.conversationId);
      return queueId !== null && !scope.includes(queueId) ? outside(queueId) : null;
    }
    case 'queue.set_overflow_rules': {
      const queueId = [command.queueId, ...command.rules.map((rule) => rule.targetQueueId)].find((queue) => !scope.includes(queue));
      return queueId === undefined ? null : outside(queueId);
    }
    case 'queue.set_mitigation':
    case 'queue.end_all':
      return scope.includes(command.queueId) ? null : outside(command.queueId);
    case 'queue.transfer_waiting':
      if (!scope.includes(command.queueId)) return outside(command.queueId);
      return scope.includes(command.targetQueueId) ? null : outside(command.targetQueueId);
    case 'agent.set_status': {
      const queueIds = places.agentQueues(command.agentId);
      if (queueIds === null || queueIds.some((queueId) => scope.includes(queueId))) return null;
      return `${user.userId} may not set the status of agent ${command.agentId}: the agent works in none of the user's queues`;
    }
    default:
      return assertNever(command, 'feed command');
  }
}
