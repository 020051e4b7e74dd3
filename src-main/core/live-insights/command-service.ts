/**
 * Supervisor actions: checked against the session's queue scope and the live floor, audited
 * durably, sent to the feed once per command id, and answered with the feed's ack or reason.
 *
 * The role check happens before this, in the API service, for every transport.
 */
import { canonicalJson } from '../../../src-shared/api/commands.js';
import type { Command } from '../../../src-shared/api/contract.js';
import type { ActionReceipt, AuditHead, AuditRecord } from '../../../src-shared/api/live-insights.js';
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { assertNever, fail, ok, type Result } from '../../../src-shared/result.js';
import { inScope, type Session } from '../api/session.js';
import type { CommandOutcome } from '../feed/feed-client.js';
import type { LiveState } from '../floor-state/state.js';
import type { AuditActionInput, AuditLog } from './audit-log.js';
import { errorMessage } from '../../../src-shared/errors.js';

export type ActionCommandType =
  | 'conversation.whisper'
  | 'conversation.takeover'
  | 'conversation.reply'
  | 'queue.mitigation'
  | 'queue.overflow'
  | 'queue.transfer_waiting'
  | 'queue.end_all'
  | 'agent.status';

export type ActionCommand = Extract<Command, { type: ActionCommandType }>;

/** What the core decided about one action, before anything is written or sent. */
export interface ActionPlan {
  /** What the action is aimed at, e.g. "queue:q-billing" or "conversation:c-17". */
  readonly target: string;
  /** Canonical JSON of the command's fields, as audited. */
  readonly detail: string;
  /** Queues the action concerns (scopes who sees its audit record); empty when the target is unknown. */
  readonly queueIds: readonly string[];
  /** The feed command to send, or why the core refuses the action. */
  readonly send: Result<FeedCommand>;
}

function describe(command: ActionCommand): { target: string; detail: string } {
  const { type: _type, ...fields } = command;
  const detail = canonicalJson(fields);
  switch (command.type) {
    case 'conversation.whisper':
    case 'conversation.takeover':
    case 'conversation.reply':
      return { target: `conversation:${command.conversationId}`, detail };
    case 'queue.mitigation':
    case 'queue.overflow':
    case 'queue.transfer_waiting':
    case 'queue.end_all':
      return { target: `queue:${command.queueId}`, detail };
    case 'agent.status':
      return { target: `agent:${command.agentId}`, detail };
    default:
      return assertNever(command, 'action command');
  }
}

/**
 * The feed command for a contract command: the supervisor is the session's user.
 *
 * A custom wait message travels only with the custom_message state, so a stale text left in a form
 * never reaches the feed with another state.
 */
export function toFeedCommand(session: Session, command: ActionCommand): FeedCommand {
  const supervisorId = session.userId;
  switch (command.type) {
    case 'conversation.whisper':
      return { type: 'conversation.whisper', conversationId: command.conversationId, supervisorId, text: command.text };
    case 'conversation.takeover':
      return { type: 'conversation.take_over', conversationId: command.conversationId, supervisorId };
    case 'conversation.reply':
      return { type: 'conversation.reply', conversationId: command.conversationId, supervisorId, text: command.text };
    case 'queue.mitigation':
      return command.state === 'custom_message' && command.message !== undefined
        ? { type: 'queue.set_mitigation', queueId: command.queueId, state: command.state, message: command.message }
        : { type: 'queue.set_mitigation', queueId: command.queueId, state: command.state };
    case 'queue.overflow':
      return { type: 'queue.set_overflow_rules', queueId: command.queueId, rules: command.rules.map((rule) => ({ ...rule })) };
    case 'queue.transfer_waiting':
      return { type: 'queue.transfer_waiting', queueId: command.queueId, targetQueueId: command.targetQueueId };
    case 'queue.end_all':
      return { type: 'queue.end_all', queueId: command.queueId };
    case 'agent.status':
      return { type: 'agent.set_status', agentId: command.agentId, kind: command.kind, reason: command.reason };
    default:
      return assertNever(command, 'action command');
  }
}

/**
 * Decides whether the core lets an action through: its target must exist on the live floor and be
 * within the user's queue scope. Rules that depend on the moment (is the conversation still with an
 * agent?) are left to the feed, which owns the floor and answers with a reason.
 */
export function planAction(session: Session, command: ActionCommand, live: LiveState): ActionPlan {
  const { target, detail } = describe(command);
  const refuse = (reason: string, queueIds: readonly string[] = []): ActionPlan => ({ target, detail, queueIds, send: fail(reason) });
  const accept = (queueIds: readonly string[]): ActionPlan => ({ target, detail, queueIds, send: ok(toFeedCommand(session, command)) });
  const outOfScope = (queueId: string): string => `Queue ${queueId} is outside the queues you may act on.`;

  const checkQueue = (queueId: string): string | null => {
    if (!live.queues.has(queueId)) return `Unknown queue ${queueId}.`;
    if (!inScope(session, queueId)) return outOfScope(queueId);
    return null;
  };

  switch (command.type) {
    case 'conversation.whisper':
    case 'conversation.takeover':
    case 'conversation.reply': {
      const conversation = live.conversations.get(command.conversationId);
      if (!conversation) return refuse(`Conversation ${command.conversationId} is not in progress on the floor.`);
      if (!inScope(session, conversation.queueId)) {
        return refuse(`Conversation ${command.conversationId} is in queue ${conversation.queueId}, outside the queues you may act on.`, [conversation.queueId]);
      }
      return accept([conversation.queueId]);
    }
    case 'queue.mitigation': {
      const problem = checkQueue(command.queueId);
      if (problem) return refuse(problem, live.queues.has(command.queueId) ? [command.queueId] : []);
      if (command.state === 'custom_message' && (command.message === undefined || command.message.length === 0)) {
        return refuse('A custom wait message needs its text.', [command.queueId]);
      }
      return accept([command.queueId]);
    }
    case 'queue.overflow': {
      const problem = checkQueue(command.queueId);
      if (problem) return refuse(problem, live.queues.has(command.queueId) ? [command.queueId] : []);
      const targets = [...new Set(command.rules.map((rule) => rule.targetQueueId))];
      for (const rule of command.rules) {
        if (rule.targetQueueId === command.queueId) return refuse(`Rule ${rule.ruleId}: a queue cannot overflow to itself.`, [command.queueId]);
        const targetProblem = checkQueue(rule.targetQueueId);
        if (targetProblem) return refuse(`Rule ${rule.ruleId}: ${targetProblem}`, [command.queueId]);
      }
      return accept([command.queueId, ...targets]);
    }
    case 'queue.transfer_waiting': {
      const problem = checkQueue(command.queueId);
      if (problem) return refuse(problem, live.queues.has(command.queueId) ? [command.queueId] : []);
      if (command.targetQueueId === command.queueId) return refuse('The target queue is the source queue.', [command.queueId]);
      const targetProblem = checkQueue(command.targetQueueId);
      if (targetProblem) return refuse(`Target: ${targetProblem}`, [command.queueId]);
      return accept([command.queueId, command.targetQueueId]);
    }
    case 'queue.end_all': {
      const problem = checkQueue(command.queueId);
      if (problem) return refuse(problem, live.queues.has(command.queueId) ? [command.queueId] : []);
      return accept([command.queueId]);
    }
    case 'agent.status': {
      const agent = live.agents.get(command.agentId);
      if (!agent) return refuse(`Unknown agent ${command.agentId}.`);
      // A scoped user manages the agents of their queues: one shared queue is enough.
      if (session.queueScope !== null && !agent.queueIds.some((queueId) => inScope(session, queueId))) {
        return refuse(`Agent ${command.agentId} works in none of the queues you may act on.`, agent.queueIds);
      }
      return accept(agent.queueIds);
    }
    default:
      return assertNever(command, 'action command');
  }
}

export interface CommandServiceDeps {
  readonly audit: AuditLog;
  readonly live: () => LiveState;
  /**
   * Resolves with the feed's ack or reason; never rejects (CoreFeed.sendCommand). The command
   * carries the audit head with its own action record, which the feed keeps as this user's anchor.
   */
  readonly sendCommand: (commandId: string, command: FeedCommand, auditHead: AuditHead) => Promise<CommandOutcome>;
  /** Wall clock for audit times: the audit log records when people acted, not floor time. */
  readonly now: () => number;
  /** Told when an outcome could not be written after the feed answered (the answer is still given). */
  readonly onAuditError?: (error: unknown) => void;
}

export interface CommandService<C extends { readonly type: string } = ActionCommand, S extends Session = Session> {
  execute(session: S, command: C, commandId: string): Promise<Result<ActionReceipt>>;
}

/**
 * What one family of actions decides before the shared path (audit, feed, outcome) runs: its
 * plan (target, audited detail, queues, feed command or refusal) and the feed command alone, for
 * an action resumed after a stop, whose plan may have changed meanwhile.
 */
export interface ActionPolicy<C extends { readonly type: string }, S extends Session = Session> {
  plan(session: S, command: C, live: LiveState): ActionPlan;
  toFeed(session: S, command: C): FeedCommand;
}

/** The supervisor actions of Live Insights (whisper, takeover, mitigation, overflow, bulk, agent status). */
export const SUPERVISOR_ACTIONS: ActionPolicy<ActionCommand> = { plan: planAction, toFeed: toFeedCommand };

function message(error: unknown): string {
  return errorMessage(error);
}

/** The answer a recorded outcome stands for, when an action is resumed after its outcome was audited. */
function answerOf(record: AuditRecord): Result<ActionReceipt> | null {
  switch (record.outcome) {
    case 'acked':
    case 'local':
      return ok({ auditId: record.auditId, outcome: record.outcome, detail: record.outcomeDetail });
    case 'rejected':
      return fail(record.outcomeDetail ?? 'The feed rejected the action.');
    case 'pending':
      return null;
    default:
      return assertNever(record.outcome, 'audit outcome');
  }
}

/**
 * The imperative shell of supervisor actions.
 *
 * A command id reaches this service once: the API service's command ledger answers retries with
 * the first outcome. The one exception is an action the core stopped applying (the ledger holds it
 * as pending): its audit record is found by command id and the action is finished from there,
 * sent again under the same id (the feed applies it at most once) or answered with the outcome
 * audited just before the stop. Nothing is audited twice.
 */
export function createCommandService(deps: CommandServiceDeps): CommandService {
  return createActionService(deps, SUPERVISOR_ACTIONS);
}

/**
 * The same path for any family of actions (the supervisor actions, Management's commands): one
 * way to audit, send and answer, whatever decided the plan.
 */
export function createActionService<C extends { readonly type: string }, S extends Session>(deps: CommandServiceDeps, policy: ActionPolicy<C, S>): CommandService<C, S> {
  const send = async (record: AuditRecord, commandId: string, feedCommand: FeedCommand): Promise<Result<ActionReceipt>> => {
    const outcome = await deps.sendCommand(commandId, feedCommand, { auditId: record.auditId, hash: record.hash });
    const reason = outcome.reason ?? null;
    try {
      deps.audit.recordOutcome(record.auditId, outcome.ok ? 'acked' : 'rejected', outcome.ok ? reason : (reason ?? 'The feed rejected the action.'), deps.now());
    } catch (error) {
      deps.onAuditError?.(error);
    }
    if (!outcome.ok) return fail(reason ?? 'The feed rejected the action.');
    return ok({ auditId: record.auditId, outcome: 'acked', detail: reason });
  };

  return {
    execute(session, command, commandId) {
      const plan = policy.plan(session, command, deps.live());
      const input: AuditActionInput = {
        at: deps.now(),
        userId: session.userId,
        role: session.role,
        action: command.type,
        target: plan.target,
        queueIds: plan.queueIds,
        detail: plan.detail,
        commandId,
      };

      let interrupted: AuditRecord | null;
      try {
        interrupted = deps.audit.findByCommandId(commandId);
      } catch (error) {
        return Promise.resolve(fail(`The audit log could not be read, so nothing was sent: ${message(error)}`));
      }
      if (interrupted) {
        if (interrupted.userId !== session.userId || interrupted.action !== command.type || interrupted.detail !== plan.detail) {
          return Promise.resolve(fail(`Command id ${commandId} was already used for another action; send a new id.`));
        }
        return Promise.resolve(answerOf(interrupted) ?? send(interrupted, commandId, policy.toFeed(session, command)));
      }

      if (!plan.send.ok) {
        const reason = plan.send.error;
        try {
          deps.audit.recordRefusal(input, reason);
        } catch (error) {
          deps.onAuditError?.(error);
        }
        return Promise.resolve(fail(reason));
      }

      let record: AuditRecord;
      try {
        record = deps.audit.recordAction(input);
      } catch (error) {
        return Promise.resolve(fail(`The action was not sent: its audit record could not be written (${message(error)}).`));
      }
      return send(record, commandId, plan.send.value);
    },
  };
}
