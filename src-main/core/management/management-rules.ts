/**
 * Management's rules (docs/product.md §6): what a session may change through the feed, decided at
 * the one enforcement point after the API service checked the capability. Pure: the live floor and
 * the session's Access in, an ActionPlan (target, audited detail, queues, feed command or refusal)
 * out; the shared action path audits and sends it (live-insights/command-service.ts).
 *
 * The same rules hold in the simulator; a real platform applies its own and may refuse as well.
 */
import { canonicalJson } from '../../../src-shared/api/commands.js';
import type { Command } from '../../../src-shared/api/contract.js';
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { assertNever, fail, ok } from '../../../src-shared/result.js';
import type { Access } from '../api/session.js';
import { businessHoursProblem } from '../floor-state/hours.js';
import type { LiveState } from '../floor-state/state.js';
import type { ActionPlan, ActionPolicy } from '../live-insights/command-service.js';

export type ManagementCommandType = 'queue.business_hours' | 'queue.thresholds' | 'agent.queues' | 'agent.capacity' | 'user.role';
export type ManagementCommand = Extract<Command, { type: ManagementCommandType }>;

/** A person as the rules see them: the directory's entry, or the agent the floor knows (v1 feed). */
interface Person {
  readonly kind: 'agent' | 'supervisor';
  readonly role: string | null;
  readonly queueIds: readonly string[];
  readonly queueScope: readonly string[] | null;
}

function personOf(live: LiveState, userId: string): Person | null {
  const entry = live.directory.get(userId);
  if (entry) return entry;
  const agent = live.agents.get(userId);
  return agent ? { kind: 'agent', role: null, queueIds: agent.queueIds, queueScope: null } : null;
}

function describe(command: ManagementCommand): { target: string; detail: string } {
  const { type: _type, ...fields } = command;
  const detail = canonicalJson(fields);
  switch (command.type) {
    case 'queue.business_hours':
    case 'queue.thresholds':
      return { target: `queue:${command.queueId}`, detail };
    case 'agent.queues':
    case 'agent.capacity':
      return { target: `agent:${command.agentId}`, detail };
    case 'user.role':
      return { target: `user:${command.userId}`, detail };
    default:
      return assertNever(command, 'management command');
  }
}

/**
 * The feed command that carries a management command. For `agent.queues` from a scoped session the
 * agent's queues outside that scope are kept: the session neither sees nor changes them.
 */
export function toManagementFeedCommand(access: Access, command: ManagementCommand, live?: LiveState): FeedCommand {
  switch (command.type) {
    case 'queue.business_hours':
      return { type: 'queue.set_business_hours', queueId: command.queueId, businessHours: command.businessHours };
    case 'queue.thresholds':
      return { type: 'queue.set_thresholds', queueId: command.queueId, thresholds: command.thresholds };
    case 'agent.queues': {
      const current = live === undefined ? [] : (personOf(live, command.agentId)?.queueIds ?? []);
      return { type: 'agent.set_queues', agentId: command.agentId, queueIds: nextQueues(access, current, command.queueIds) };
    }
    case 'agent.capacity':
      return { type: 'agent.set_capacity', agentId: command.agentId, slots: command.slots };
    case 'user.role':
      return command.queueScope === undefined
        ? { type: 'user.set_role', userId: command.userId, role: command.role }
        : { type: 'user.set_role', userId: command.userId, role: command.role, queueScope: command.queueScope };
    default:
      return assertNever(command, 'management command');
  }
}

/** The agent's queues after the change: those asked for, plus the ones outside the session's scope it already has. */
function nextQueues(access: Access, current: readonly string[], requested: readonly string[]): string[] {
  const kept = current.filter((queueId) => !access.sees(queueId));
  return [...new Set([...requested, ...kept])];
}

function sharesScope(access: Access, queueIds: readonly string[]): boolean {
  return access.queueScope === null || queueIds.some((queueId) => access.sees(queueId));
}

function insideScope(access: Access, queueIds: readonly string[] | null): boolean {
  if (access.queueScope === null) return true;
  return queueIds !== null && queueIds.every((queueId) => access.sees(queueId));
}

/** Decides one management command: the target must exist and lie within the session's scope, and the change must be allowed. */
export function planManagement(access: Access, command: ManagementCommand, live: LiveState): ActionPlan {
  const { target, detail } = describe(command);
  const refuse = (reason: string, queueIds: readonly string[] = []): ActionPlan => ({ target, detail, queueIds, send: fail(reason) });
  const accept = (queueIds: readonly string[]): ActionPlan => ({ target, detail, queueIds: [...new Set(queueIds)], send: ok(toManagementFeedCommand(access, command, live)) });
  const outside = (queueId: string): string => `Queue ${queueId} is outside the queues you may manage.`;

  switch (command.type) {
    case 'queue.business_hours':
    case 'queue.thresholds': {
      if (!live.queues.has(command.queueId)) return refuse(`Unknown queue ${command.queueId}.`);
      if (!access.sees(command.queueId)) return refuse(outside(command.queueId), [command.queueId]);
      const problem = command.type === 'queue.business_hours' ? businessHoursProblem(command.businessHours) : thresholdsProblem(command.thresholds);
      if (problem !== null) return refuse(problem, [command.queueId]);
      return accept([command.queueId]);
    }
    case 'agent.queues': {
      const agent = personOf(live, command.agentId);
      if (!agent || agent.kind !== 'agent') return refuse(`Unknown agent ${command.agentId}.`);
      if (!sharesScope(access, agent.queueIds)) return refuse(`Agent ${command.agentId} works in none of the queues you may manage.`, agent.queueIds);
      const next = nextQueues(access, agent.queueIds, command.queueIds);
      const added = next.filter((queueId) => !agent.queueIds.includes(queueId));
      for (const queueId of added) {
        if (!live.queues.has(queueId)) return refuse(`Unknown queue ${queueId}.`, agent.queueIds);
        if (!access.sees(queueId)) return refuse(`${outside(queueId)} An agent can be added only to queues you manage.`, agent.queueIds);
      }
      return accept([...agent.queueIds, ...added]);
    }
    case 'agent.capacity': {
      const agent = personOf(live, command.agentId);
      if (!agent || agent.kind !== 'agent') return refuse(`Unknown agent ${command.agentId}.`);
      if (!sharesScope(access, agent.queueIds)) return refuse(`Agent ${command.agentId} works in none of the queues you may manage.`, agent.queueIds);
      return accept(agent.queueIds);
    }
    case 'user.role':
      return planRole(access, command, live, refuse, accept);
    default:
      return assertNever(command, 'management command');
  }
}

function planRole(
  access: Access,
  command: Extract<ManagementCommand, { type: 'user.role' }>,
  live: LiveState,
  refuse: (reason: string, queueIds?: readonly string[]) => ActionPlan,
  accept: (queueIds: readonly string[]) => ActionPlan,
): ActionPlan {
  if (command.userId === access.userId) return refuse('Nobody changes their own role; ask another administrator.');
  const person = personOf(live, command.userId);
  if (!person) return refuse(`Unknown user ${command.userId}.`);
  const concerned = [...(person.kind === 'agent' ? person.queueIds : (person.queueScope ?? [])), ...(command.queueScope ?? [])];
  if (command.role === 'admin' && access.role !== 'admin') return refuse('Only an admin may grant the admin role.', concerned);
  if (person.role === 'admin' && access.role !== 'admin') return refuse(`Only an admin may change the role of ${command.userId}, an admin.`, concerned);
  if (access.queueScope !== null) {
    const theirs = person.kind === 'agent' ? person.queueIds : person.queueScope;
    // An agent in no queue shares none with the scope: like agent.queues, only an unscoped session reaches them.
    if (person.kind === 'agent' && person.queueIds.length === 0) return refuse(`${command.userId} works in none of the queues you may manage.`, concerned);
    if (!insideScope(access, theirs)) {
      return refuse(`${command.userId} works beyond the queues you manage; only someone whose scope covers theirs may change their role.`, concerned);
    }
    if (command.role !== null && (command.queueScope === undefined || command.queueScope === null)) {
      return refuse('Limited to some queues, you must give the role a queue scope inside yours.', concerned);
    }
    if (command.queueScope !== undefined && !insideScope(access, command.queueScope)) {
      const beyond = (command.queueScope ?? []).find((queueId) => !access.sees(queueId));
      return refuse(beyond === undefined ? 'The queue scope must stay inside yours.' : `The queue scope goes beyond yours: ${outsideText(beyond)}`, concerned);
    }
  }
  return accept(concerned);
}

function outsideText(queueId: string): string {
  return `queue ${queueId} is outside the queues you may manage.`;
}

function thresholdsProblem(thresholds: { readonly queuedLow: number; readonly queuedHigh: number }): string | null {
  return thresholds.queuedLow > thresholds.queuedHigh ? `Queued low (${thresholds.queuedLow}) must not be above queued high (${thresholds.queuedHigh}).` : null;
}

/** Management's commands on the shared action path. The feed command of a resumed action is rebuilt from the floor at resumption. */
export function managementPolicy(live: () => LiveState): ActionPolicy<ManagementCommand, Access> {
  return { plan: planManagement, toFeed: (access, command) => toManagementFeedCommand(access, command, live()) };
}
