/** Supervisor actions and their audit log: the commands Live Insights forwards to the feed. */
import { fail } from '../../../src-shared/result.js';
import type { CommandHandlers, QueryHandlers, TopicHandlers } from '../api/handlers.js';
import type { CoreContext } from '../core-context.js';

const unavailable = () => fail('Not available in this version.');

export type ActionQuery = 'audit.list' | 'audit.verify';
export type ActionCommand =
  | 'conversation.whisper'
  | 'conversation.takeover'
  | 'conversation.reply'
  | 'queue.mitigation'
  | 'queue.overflow'
  | 'queue.transfer_waiting'
  | 'queue.end_all'
  | 'agent.status';

export interface ActionsApi {
  readonly queries: QueryHandlers<ActionQuery>;
  readonly topics: TopicHandlers<never>;
  readonly commands: CommandHandlers<ActionCommand>;
  close?(): void | Promise<void>;
}

export function createActionsApi(_context: CoreContext): ActionsApi {
  return {
    queries: { 'audit.list': unavailable, 'audit.verify': unavailable },
    topics: {},
    commands: {
      'conversation.whisper': unavailable,
      'conversation.takeover': unavailable,
      'conversation.reply': unavailable,
      'queue.mitigation': unavailable,
      'queue.overflow': unavailable,
      'queue.transfer_waiting': unavailable,
      'queue.end_all': unavailable,
      'agent.status': unavailable,
    },
  };
}
