/**
 * The simulator's demo users: who a hello's token stands for, and what each may do.
 *
 * Each user has its own token. Given a token seed the tokens are derived from it and the user's id
 * (HMAC-SHA256), so a test or the embedded console can compute the token of the user it wants;
 * without a seed each start draws fresh ones. The feed, not the console, says who the user is.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { FeedCommand, FeedUser } from '../../src-shared/protocol/frames.js';
import { can, type Capability, type Role } from '../../src-shared/permissions.js';
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
    case 'queue.set_business_hours':
      return 'admin.business_hours';
    case 'queue.set_thresholds':
      return 'admin.thresholds';
    case 'agent.set_queues':
    case 'agent.set_capacity':
    case 'user.set_role':
      return 'admin.users';
    case 'alert.acknowledge':
    case 'alert.snooze':
      return 'alerts.act';
    case 'alert.escalate':
      return 'alerts.escalate';
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
  /** A person of the directory: an agent's queues, a supervisor's scope; null when unknown. */
  person(userId: string): {
    readonly kind: 'agent' | 'supervisor';
    readonly role: Role | null;
    readonly queueIds: readonly string[];
    readonly queueScope: readonly string[] | null;
  } | null;
}

/**
 * Why the user may not send this command, or null when allowed.
 *
 * Role first, then the rules of roles (nobody changes their own; granting admin, or changing an
 * admin's role, takes an admin),
 * then scope: a conversation's queue must be in scope; both queues of a transfer; a queue whose
 * hours or thresholds change; an agent must share at least one queue with the scope (as in the
 * console), and every queue added to or removed from an agent must be in it; a role changes only
 * for people inside the scope, and with a scope inside it (docs/protocol.md, "Management"). What
 * the floor does not know is left to the floor, which refuses it as unknown.
 */
export function forbiddenReason(user: FeedUser, command: FeedCommand, places: CommandPlaces): string | null {
  const capability = commandCapability(command);
  if (!can(user.role, capability)) return `${user.userId} (${user.role}) may not ${command.type}: it needs ${capability}`;
  if (command.type === 'user.set_role') {
    if (command.userId === user.userId) return `${user.userId} may not change their own role`;
    if (command.role === 'admin' && user.role !== 'admin') return `${user.userId} (${user.role}) may not grant the admin role: only an admin may`;
    if (user.role !== 'admin' && places.person(command.userId)?.role === 'admin') return `${user.userId} (${user.role}) may not change the role of ${command.userId}, an admin: only an admin may`;
  }
  if (command.type === 'alert.acknowledge' || command.type === 'alert.snooze' || command.type === 'alert.escalate') return alertForbidden(user, command, places);
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
    case 'queue.set_business_hours':
    case 'queue.set_thresholds':
      return scope.includes(command.queueId) ? null : outside(command.queueId);
    case 'agent.set_status':
    case 'agent.set_capacity':
      return agentOutside(user, command.agentId, places.agentQueues(command.agentId), scope);
    case 'agent.set_queues': {
      const queueIds = places.agentQueues(command.agentId);
      const away = agentOutside(user, command.agentId, queueIds, scope);
      if (away !== null || queueIds === null) return away;
      const changed = [...command.queueIds.filter((queueId) => !queueIds.includes(queueId)), ...queueIds.filter((queueId) => !command.queueIds.includes(queueId))];
      const queueId = changed.find((candidate) => !scope.includes(candidate));
      return queueId === undefined ? null : outside(queueId);
    }
    case 'user.set_role':
      return roleOutside(user, command, places, scope);
    default:
      return assertNever(command, 'feed command');
  }
}

function agentOutside(user: FeedUser, agentId: string, queueIds: readonly string[] | null, scope: readonly string[]): string | null {
  if (queueIds === null || queueIds.some((queueId) => scope.includes(queueId))) return null;
  return `${user.userId} may not act on agent ${agentId}: the agent works in none of the user's queues`;
}

/** A scoped session changes only people inside its scope, and gives them a scope inside its own. */
function roleOutside(user: FeedUser, command: Extract<FeedCommand, { type: 'user.set_role' }>, places: CommandPlaces, scope: readonly string[]): string | null {
  const person = places.person(command.userId);
  if (person === null) return null;
  const theirs = person.kind === 'agent' ? person.queueIds : person.queueScope;
  if (theirs === null || theirs.some((queueId) => !scope.includes(queueId))) {
    return `${user.userId} may not change the role of ${command.userId}: ${person.kind === 'agent' ? 'their queues' : 'their scope'} reach outside the user's queue scope`;
  }
  const given = command.queueScope;
  if (command.role !== null && (given === undefined || given === null)) return `${user.userId} must give ${command.userId} a queue scope inside the user's own`;
  if (given === null) return `${user.userId} may not give ${command.userId} every queue: the scope must lie inside the user's own`;
  const queueId = given?.find((candidate) => !scope.includes(candidate));
  return queueId === undefined ? null : `${user.userId} may not give ${command.userId} queue ${queueId}: it is outside the user's queue scope`;
}

/**
 * An alert command: the user acts as themselves, on a queue in their scope; an escalation goes to a
 * supervisor or team leader who has the queue in theirs (docs/protocol.md, "Alerts").
 */
function alertForbidden(user: FeedUser, command: Extract<FeedCommand, { type: 'alert.acknowledge' | 'alert.snooze' | 'alert.escalate' }>, places: CommandPlaces): string | null {
  if (command.by !== user.userId) return `${user.userId} may act on alerts only as themselves, not as ${command.by}`;
  if (user.queueScope !== null && !user.queueScope.includes(command.queueId)) return `${user.userId} may not act on queue ${command.queueId}: it is outside the user's queue scope`;
  if (command.type !== 'alert.escalate') return null;
  const target = places.person(command.toUserId);
  if (target === null) return null;
  if (target.role !== 'wfm_leader' && target.role !== 'admin') return `${command.toUserId} is not a supervisor or team leader and cannot take an escalated alert`;
  if (target.queueScope !== null && !target.queueScope.includes(command.queueId)) return `${command.toUserId} does not have queue ${command.queueId} in their scope`;
  return null;
}
