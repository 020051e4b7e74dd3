/**
 * The handler shapes every product area implements (live insights, history, wallboard). The API
 * service composes the areas' handlers into one table per kind, so a query, topic or command the
 * contract names but no area answers is a type error rather than a runtime surprise.
 *
 * Every handler gets an Access, never the raw session: its `scope` is what the data layer's reads
 * require, so a handler cannot read queue-bound data without saying whose scope it runs under
 * (docs/decisions/0018-one-enforcement-point.md).
 */
import type {
  Command,
  CommandResult,
  CommandType,
  Query,
  QueryResult,
  QueryType,
  SubscriptionOf,
  Topic,
  TopicMessage,
} from '../../../src-shared/api/contract.js';
import type { Result } from '../../../src-shared/result.js';
import type { Access } from './session.js';

/**
 * Queries answered off the core's thread (on the history read pool): their handlers answer with a
 * Promise, which every transport awaits. Every other query is answered synchronously, as before.
 */
export type OffThreadQueryType = 'history.search';
export const OFF_THREAD_QUERIES: ReadonlySet<QueryType> = new Set<OffThreadQueryType>(['history.search']);

/** A query's answer: a Promise for the off-thread queries, the result itself for the others. */
export type QueryAnswer<T extends QueryType> = T extends OffThreadQueryType ? Promise<Result<QueryResult<T>>> : Result<QueryResult<T>>;

/**
 * Where a request came from: one UI connection (a socket or a window). A newer search from the
 * same origin replaces an older one still running ("the user typed again").
 */
export interface RequestOrigin {
  readonly connectionId: string;
}

/** Answers one query; refuse bad input with `fail(message)`. A thrown error (or a rejected Promise) becomes a refusal too. */
export type QueryHandlers<K extends QueryType> = {
  readonly [T in K]: (access: Access, query: Extract<Query, { type: T }>, origin?: RequestOrigin) => QueryAnswer<T>;
};

/** Starts a subscription: pushes its first message (a snapshot) and returns the way to stop it. */
export type TopicHandlers<K extends Topic> = {
  readonly [T in K]: (access: Access, subscription: SubscriptionOf<T>, listener: (message: TopicMessage<T>) => void) => Result<() => void>;
};

/**
 * Applies one command. `commandId` is the client's idempotency key: a retry with the same id must
 * not apply the change twice (answer with the first outcome instead).
 */
export type CommandHandlers<K extends CommandType> = {
  readonly [T in K]: (
    access: Access,
    command: Extract<Command, { type: T }>,
    commandId: string,
  ) => Result<CommandResult<T>> | Promise<Result<CommandResult<T>>>;
};

/** One product area's part of the API. */
export interface ApiArea<Q extends QueryType, T extends Topic, C extends CommandType> {
  readonly queries: QueryHandlers<Q>;
  readonly topics: TopicHandlers<T>;
  readonly commands: CommandHandlers<C>;
  /** Stops timers and background work. */
  close?(): void | Promise<void>;
}
