/** Supervisor actions and their audit log: the commands Live Insights forwards to the feed. */
import { ok } from '../../../src-shared/result.js';
import type { CommandHandlers, QueryHandlers, TopicHandlers } from '../api/handlers.js';
import type { CoreContext } from '../core-context.js';
import { createCommandService, type ActionCommandType, type CommandServiceDeps } from './command-service.js';

export type ActionQuery = 'audit.list' | 'audit.verify';
export type ActionCommand = ActionCommandType;

export interface ActionsApi {
  readonly queries: QueryHandlers<ActionQuery>;
  readonly topics: TopicHandlers<never>;
  readonly commands: CommandHandlers<ActionCommand>;
  close?(): void | Promise<void>;
}

export interface ActionsApiOptions {
  /** Wall clock of audit records (default Date.now). */
  readonly now?: () => number;
}

/**
 * What every action service of the core runs on: the one audit chain, the live floor and the feed.
 * Live Insights' actions and Management's commands share it, so both are audited and sent alike.
 */
export function actionServiceDeps(context: CoreContext, now: () => number = Date.now): CommandServiceDeps {
  return {
    audit: context.audit.log,
    live: () => context.live(),
    sendCommand: (commandId, command, auditHead) => context.feed.sendCommand(commandId, command, { auditHead }),
    now,
    onAuditError: (error) => console.error('[actions] an audit outcome could not be written:', error),
  };
}

/**
 * The actions area: every command goes through one command service (scope, audit, idempotency,
 * feed), and the audit log answers list and verify (the local chain against the feed's anchor).
 */
export function createActionsApi(context: CoreContext, options: ActionsApiOptions = {}): ActionsApi {
  const audit = context.audit.log;
  const service = createCommandService(actionServiceDeps(context, options.now));
  return {
    queries: {
      'audit.list': (access, query) => ok(audit.list({ limit: query.limit, userId: access.userId, queueScope: access.scope })),
      'audit.verify': () => ok(audit.verify(context.feed.auditAnchor())),
    },
    topics: {},
    commands: {
      'conversation.whisper': (session, command, commandId) => service.execute(session, command, commandId),
      'conversation.takeover': (session, command, commandId) => service.execute(session, command, commandId),
      'conversation.reply': (session, command, commandId) => service.execute(session, command, commandId),
      'queue.mitigation': (session, command, commandId) => service.execute(session, command, commandId),
      'queue.overflow': (session, command, commandId) => service.execute(session, command, commandId),
      'queue.transfer_waiting': (session, command, commandId) => service.execute(session, command, commandId),
      'queue.end_all': (session, command, commandId) => service.execute(session, command, commandId),
      'agent.status': (session, command, commandId) => service.execute(session, command, commandId),
    },
  };
}
