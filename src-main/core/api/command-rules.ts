/**
 * What the command ledger needs to know about each command type, written once for every area so
 * a new command cannot be added without deciding it (the table is exhaustive over the contract).
 */
import type { Command, CommandResult, CommandType } from '../../../src-shared/api/contract.js';

export interface CommandRule<T extends CommandType> {
  /**
   * What the command acts on ('' when it acts on the user's own settings or on a new thing). A
   * command id reused with the same type and subject is a retry and gets the first outcome even if
   * a field changed meanwhile; reused for another subject it is refused.
   */
  readonly subject: (command: Extract<Command, { type: T }>) => string;
  /**
   * Whether a refusal is kept and answered to retries. True where the refusal is itself a record
   * (a supervisor action's refusal is audited and the feed applies a command id once); elsewhere a
   * refusal changed nothing, so a retry after fixing the cause is judged afresh.
   */
  readonly keepsRefusals: boolean;
  /** What is kept of a success for retries, when not all of it may be shown twice (a device link's token). */
  readonly replay?: (value: CommandResult<T>) => CommandResult<T>;
}

export type CommandRules = { readonly [T in CommandType]: CommandRule<T> };

const action = { keepsRefusals: true } as const;
const local = { keepsRefusals: false } as const;
const own = (): string => '';

export const COMMAND_RULES: CommandRules = {
  'layout.save': { ...local, subject: own },
  'group.save': { ...local, subject: (command) => command.groupId ?? '' },
  'group.delete': { ...local, subject: (command) => command.groupId },
  'thresholds.override': { ...local, subject: (command) => command.queueId },
  'conversation.whisper': { ...action, subject: (command) => `conversation:${command.conversationId}` },
  'conversation.takeover': { ...action, subject: (command) => `conversation:${command.conversationId}` },
  'conversation.reply': { ...action, subject: (command) => `conversation:${command.conversationId}` },
  'queue.mitigation': { ...action, subject: (command) => `queue:${command.queueId}` },
  'queue.overflow': { ...action, subject: (command) => `queue:${command.queueId}` },
  'queue.transfer_waiting': { ...action, subject: (command) => `queue:${command.queueId}` },
  'queue.end_all': { ...action, subject: (command) => `queue:${command.queueId}` },
  'agent.status': { ...action, subject: (command) => `agent:${command.agentId}` },
  'queue.business_hours': { ...action, subject: (command) => `queue:${command.queueId}` },
  'queue.thresholds': { ...action, subject: (command) => `queue:${command.queueId}` },
  'agent.queues': { ...action, subject: (command) => `agent:${command.agentId}` },
  'agent.capacity': { ...action, subject: (command) => `agent:${command.agentId}` },
  'user.role': { ...action, subject: (command) => `user:${command.userId}` },
  'alerts.acknowledge': { ...action, subject: (command) => `alert:${command.alertId}` },
  'alerts.snooze': { ...action, subject: (command) => `alert:${command.alertId}` },
  'alerts.escalate': { ...action, subject: (command) => `alert:${command.alertId}` },
  'alerts.set_preferences': { ...local, subject: own },
  'history.note.add': { ...local, subject: (command) => command.conversationId },
  'history.savedSearch.save': { ...local, subject: own },
  'history.savedSearch.delete': { ...local, subject: (command) => command.savedSearchId },
  'history.retention.set': { ...local, subject: own },
  'history.backfill.start': { ...local, subject: own },
  'history.export.start': { ...local, subject: own },
  'history.export.cancel': { ...local, subject: (command) => command.exportId },
  'wallboard.board.save': { ...local, subject: (command) => command.board.boardId },
  'wallboard.board.delete': { ...local, subject: (command) => command.boardId },
  'wallboard.board.import': { ...local, subject: own },
  'wallboard.playlist.save': { ...local, subject: own },
  'wallboard.lan.set': { ...local, subject: own },
  'wallboard.device.create': { ...local, subject: own, replay: (value) => ({ ...value, url: null }) },
  'wallboard.device.revoke': { ...local, subject: (command) => command.deviceId },
  'insights.dashboard.save': { ...local, subject: (command) => command.dashboardId ?? '' },
  'insights.dashboard.delete': { ...local, subject: (command) => command.dashboardId },
  'insights.dashboard.import': { ...local, subject: own },
  'insights.export.start': { ...local, subject: own },
  'insights.export.cancel': { ...local, subject: (command) => command.exportId },
  'reports.schedule.save': { ...local, subject: (command) => command.scheduleId ?? '' },
  'reports.schedule.delete': { ...local, subject: (command) => command.scheduleId },
  // A retry of "send now" gets the first run's outcome: one click sends one mail.
  'reports.schedule.runNow': { ...local, subject: (command) => command.scheduleId },
  'reports.smtp.save': { ...local, subject: own },
  // Answered by the host before the ledger (host/console-commands.ts); a retry rotates again, which is harmless.
  'console.rotate_token': { ...local, subject: own, replay: (value) => ({ ...value, token: '', consoleUrl: '' }) },
  // Answered by the console runtime, outside any one cache's ledger (ADR 0017); listed so the table stays whole.
  'connection.test': { ...local, subject: own },
  'connection.save': { ...local, subject: (command) => (command.connection.kind === 'remote' ? (command.connection.connectionId ?? '') : 'embedded') },
  'connection.use': { ...local, subject: (command) => command.connectionId },
  'connection.forget': { ...local, subject: (command) => command.connectionId },
};
