/**
 * The one interface views use to talk to the core. Two transports implement it (Electron IPC and
 * the host's WebSocket); components never know which one they got.
 */
import type { CommandInput, CommandResult, CommandType, QueryInput, QueryResult, QueryType, SubscriptionInput, Topic, TopicMessage } from '../../src-shared/api/contract.js';
import type { Result } from '../../src-shared/result.js';

/**
 * What became of one command sent to the core: its answer, or `unknown` when it was sent but no
 * answer came (the wait ran out, the link dropped). Unknown is not "not sent": the core may have
 * applied it, and its command ledger says so (client/commands.ts asks).
 */
export type CommandDelivery<T> = { readonly kind: 'answered'; readonly result: Result<T> } | { readonly kind: 'unknown'; readonly reason: string };

/** State of the UI↔core link. Over IPC it is always 'open'. */
export type LinkState = 'connecting' | 'open' | 'closed';

export interface ConsoleClient {
  /** Runs one query. Never rejects: failures (link lost, timeout, refusal) come back as `{ ok: false }`. */
  query<T extends QueryType>(query: Extract<QueryInput, { type: T }>): Promise<Result<QueryResult<T>>>;
  /**
   * Listens to a topic until the returned function is called. Survives reconnects: the client
   * re-subscribes by itself and a fresh 'snapshot' message follows each re-subscribe.
   * `onError` hears a refused subscription (e.g. not permitted); it is retried on the next link.
   */
  subscribe<T extends Topic>(
    subscription: Extract<SubscriptionInput, { topic: T }>,
    listener: (message: TopicMessage<T>) => void,
    onError?: (error: string) => void,
  ): () => void;
  /**
   * Sends one change under `commandId`, the core's idempotency key: retrying with the same id
   * applies the change once. Views do not call this: they go through client/commands.ts, which
   * makes one id per user intent and settles an unknown delivery. Never rejects.
   */
  command<T extends CommandType>(command: Extract<CommandInput, { type: T }>, commandId: string): Promise<CommandDelivery<CommandResult<T>>>;
  /** Hears every link state change; called at once with the current state. */
  onLink(listener: (link: LinkState) => void): () => void;
  /** Closes the link for good; pending requests fail. */
  close(): void;
}
