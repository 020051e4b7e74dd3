/**
 * The transport-independent half of ConsoleClient: request/response correlation, timeouts,
 * subscriptions that outlive a link, and link state. A transport only moves messages: it tells
 * the core when a link opens or closes and hands it every message that arrives.
 */
import type {
  ApiRequestInput,
  ClientMessage,
  CommandInput,
  CommandResult,
  CommandType,
  QueryInput,
  QueryResult,
  QueryType,
  ServerMessage,
  SubscriptionInput,
  Topic,
  TopicMessage,
} from '../../src-shared/api/contract.js';
import { assertNever, fail } from '../../src-shared/result.js';
import type { Result } from '../../src-shared/result.js';
import { COMMAND_WAIT_MS } from '../../src-shared/api/commands.js';
import type { CommandDelivery, ConsoleClient, LinkState } from './console-client.js';
import { parseServerMessage, subscriptionIdOf } from './server-message.js';
import { errorMessage } from '../../src-shared/errors.js';

/** The sending side of an open link. `send` may throw if the link died under it. */
export interface OutboundLink {
  send(message: ClientMessage): void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ClientCoreOptions {
  readonly requestTimeoutMs?: number;
  /** How long a sent command waits for its answer before it is unknown (default COMMAND_WAIT_MS.renderer). */
  readonly commandTimeoutMs?: number;
  readonly timers?: Timers;
  /** Called once by `close()`, so the transport can release its socket or bridge listener. */
  readonly onClose?: () => void;
  /** Hears frames the core could not use (bad envelope, topic mismatch) and listener exceptions. */
  readonly onProblem?: (problem: string) => void;
}

/** What a transport drives. `client` is what the rest of the UI sees. */
export interface ClientCore {
  readonly client: ConsoleClient;
  linkConnecting(): void;
  linkOpened(link: OutboundLink): void;
  /** The link dropped: requests in flight fail with `reason`; subscriptions wait for the next link. */
  linkClosed(reason: string): void;
  /** One message from the core, not yet validated. */
  receive(raw: unknown): void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
/** Pushes for a subscription id whose 'subscribe' answer has not arrived yet (IPC may deliver them first). */
const MAX_EARLY_PUSHES = 64;

interface PendingRequest {
  readonly request: ApiRequestInput;
  readonly settle: (result: Result<unknown>) => void;
  /** Hears a request that was sent but will get no answer here (commands only: the core may have applied it). */
  readonly unknown: ((reason: string) => void) | undefined;
  sent: boolean;
  timer: unknown;
}

interface Subscription {
  readonly topic: Topic;
  readonly request: SubscriptionInput;
  readonly listener: (message: TopicMessage<Topic>) => void;
  readonly onError: ((error: string) => void) | undefined;
  state: 'waiting' | 'requesting' | 'active';
  serverId: string | null;
  closed: boolean;
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Builds the correlation core over an injected clock.
 * Kept free of sockets and bridges so reconnect and resubscribe behaviour is testable as plain logic.
 */
export function createClientCore(options: ClientCoreOptions = {}): ClientCore {
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const commandTimeoutMs = options.commandTimeoutMs ?? COMMAND_WAIT_MS.renderer;
  const timers = options.timers ?? defaultTimers;
  const problem = options.onProblem ?? ((text: string) => console.error(`[console-client] ${text}`));

  let linkState: LinkState = 'connecting';
  let link: OutboundLink | null = null;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, PendingRequest>();
  const subscriptions = new Set<Subscription>();
  const byServerId = new Map<string, Subscription>();
  const earlyPushes = new Map<string, Extract<ServerMessage, { kind: 'push' }>[]>();
  const linkListeners = new Set<(link: LinkState) => void>();

  function setLink(next: LinkState): void {
    if (next === linkState) return;
    linkState = next;
    for (const listener of [...linkListeners]) {
      try {
        listener(next);
      } catch (error) {
        problem(`link listener failed: ${String(error)}`);
      }
    }
  }

  function settle(id: number, result: Result<unknown>): void {
    const request = pending.get(id);
    if (!request) return;
    pending.delete(id);
    timers.clearTimeout(request.timer);
    request.settle(result);
  }

  /** A sent request whose answer will not come here: a command becomes unknown, anything else fails. */
  function lose(id: number, reason: string): void {
    const request = pending.get(id);
    if (!request) return;
    if (!request.unknown) {
      settle(id, fail(reason));
      return;
    }
    pending.delete(id);
    timers.clearTimeout(request.timer);
    request.unknown(reason);
  }

  function transmit(id: number, request: PendingRequest): void {
    if (!link) return;
    try {
      link.send({ kind: 'request', id, request: request.request });
      request.sent = true;
    } catch (error) {
      settle(id, fail(`Could not send to the console core: ${errorMessage(error)}`));
    }
  }

  /**
   * Sends now if a link is open, else when one opens; settles exactly once, through `onUnknown`
   * instead when given and the request was sent but its answer will not come.
   */
  function call(request: ApiRequestInput, onSettle: (result: Result<unknown>) => void, onUnknown?: (reason: string) => void): void {
    if (closed) {
      onSettle(fail('The console client is closed.'));
      return;
    }
    const id = nextId++;
    const waitMs = onUnknown ? commandTimeoutMs : timeoutMs;
    const entry: PendingRequest = { request, settle: onSettle, unknown: onUnknown, sent: false, timer: undefined };
    entry.timer = timers.setTimeout(() => {
      const seconds = Math.round(waitMs / 1000);
      if (entry.sent) lose(id, `The console core did not answer within ${seconds} s.`);
      else settle(id, fail(`The console core is not reachable (no connection for ${seconds} s).`));
    }, waitMs);
    pending.set(id, entry);
    transmit(id, entry);
  }

  function deliver(subscription: Subscription, push: Extract<ServerMessage, { kind: 'push' }>): void {
    if (push.topic !== subscription.topic) {
      problem(`push for ${push.topic} on a ${subscription.topic} subscription`);
      return;
    }
    try {
      subscription.listener(push.message);
    } catch (error) {
      problem(`${subscription.topic} listener failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  function unsubscribeOnServer(serverId: string): void {
    if (linkState === 'open') call({ op: 'unsubscribe', subscriptionId: serverId }, () => undefined);
  }

  function requestSubscription(subscription: Subscription): void {
    subscription.state = 'requesting';
    const linkAtRequest = link;
    call({ op: 'subscribe', subscription: subscription.request }, (result) => {
      // An answer that belongs to a link that has since dropped is moot: the next link re-subscribes.
      if (link !== linkAtRequest || linkAtRequest === null) return;
      const serverId = result.ok ? subscriptionIdOf(result.value) : null;
      if (subscription.closed) {
        if (serverId) unsubscribeOnServer(serverId);
        earlyPushes.delete(serverId ?? '');
        return;
      }
      if (!result.ok || serverId === null) {
        subscription.state = 'waiting';
        const error = result.ok ? 'The console core answered a subscription without an id.' : result.error;
        subscription.onError?.(error);
        return;
      }
      subscription.state = 'active';
      subscription.serverId = serverId;
      byServerId.set(serverId, subscription);
      const early = earlyPushes.get(serverId) ?? [];
      earlyPushes.delete(serverId);
      for (const push of early) deliver(subscription, push);
    });
  }

  function receivePush(push: Extract<ServerMessage, { kind: 'push' }>): void {
    const subscription = byServerId.get(push.subscriptionId);
    if (subscription) {
      deliver(subscription, push);
      return;
    }
    const awaitingAnswer = [...subscriptions].some((candidate) => candidate.state === 'requesting');
    if (!awaitingAnswer) return;
    const queue = earlyPushes.get(push.subscriptionId) ?? [];
    if (queue.length >= MAX_EARLY_PUSHES) {
      problem(`dropped an early push for subscription ${push.subscriptionId}`);
      return;
    }
    queue.push(push);
    earlyPushes.set(push.subscriptionId, queue);
  }

  const client: ConsoleClient = {
    query<T extends QueryType>(query: Extract<QueryInput, { type: T }>): Promise<Result<QueryResult<T>>> {
      return new Promise((resolve) => {
        call({ op: 'query', query }, (result) => resolve(result as Result<QueryResult<T>>));
      });
    },

    command<T extends CommandType>(command: Extract<CommandInput, { type: T }>, commandId: string): Promise<CommandDelivery<CommandResult<T>>> {
      return new Promise((resolve) => {
        call(
          { op: 'command', commandId, command },
          (result) => resolve({ kind: 'answered', result: result as Result<CommandResult<T>> }),
          (reason) => resolve({ kind: 'unknown', reason }),
        );
      });
    },

    subscribe<T extends Topic>(
      request: Extract<SubscriptionInput, { topic: T }>,
      listener: (message: TopicMessage<T>) => void,
      onError?: (error: string) => void,
    ): () => void {
      const subscription: Subscription = {
        topic: request.topic,
        request,
        listener: listener as (message: TopicMessage<Topic>) => void,
        onError,
        state: 'waiting',
        serverId: null,
        closed,
      };
      if (closed) return () => undefined;
      subscriptions.add(subscription);
      if (linkState === 'open') requestSubscription(subscription);
      return () => {
        if (subscription.closed) return;
        subscription.closed = true;
        subscriptions.delete(subscription);
        if (subscription.serverId !== null) {
          byServerId.delete(subscription.serverId);
          unsubscribeOnServer(subscription.serverId);
        }
      };
    },

    onLink(listener: (link: LinkState) => void): () => void {
      linkListeners.add(listener);
      listener(linkState);
      return () => {
        linkListeners.delete(listener);
      };
    },

    close(): void {
      if (closed) return;
      closed = true;
      link = null;
      for (const id of [...pending.keys()]) settle(id, fail('The console client is closed.'));
      for (const subscription of subscriptions) subscription.closed = true;
      subscriptions.clear();
      byServerId.clear();
      earlyPushes.clear();
      setLink('closed');
      linkListeners.clear();
      options.onClose?.();
    },
  };

  return {
    client,

    linkConnecting(): void {
      if (!closed) setLink('connecting');
    },

    linkOpened(outbound: OutboundLink): void {
      if (closed) return;
      link = outbound;
      setLink('open');
      for (const [id, request] of [...pending]) if (!request.sent) transmit(id, request);
      for (const subscription of [...subscriptions]) if (subscription.state === 'waiting') requestSubscription(subscription);
    },

    linkClosed(reason: string): void {
      if (closed) return;
      link = null;
      for (const [id, request] of [...pending]) {
        if (request.sent) lose(id, `Lost the connection to the console core (${reason}); the request may not have completed.`);
      }
      for (const subscription of subscriptions) {
        subscription.state = 'waiting';
        subscription.serverId = null;
      }
      byServerId.clear();
      earlyPushes.clear();
      setLink('closed');
    },

    receive(raw: unknown): void {
      if (closed) return;
      const parsed = parseServerMessage(raw);
      if (!parsed.ok) {
        problem(`ignored a message from the core: ${parsed.error}`);
        return;
      }
      const message = parsed.message;
      switch (message.kind) {
        case 'response':
          settle(message.id, message.result);
          return;
        case 'push':
          receivePush(message);
          return;
        case 'error':
          // The core could not read one of our messages well enough to answer it by id. Nothing
          // waits on it by id (that request times out as usual); it is logged, never thrown.
          problem(`the core refused a message it could not read (${message.reason}): ${message.error}`);
          return;
        default:
          assertNever(message, 'server message');
      }
    },
  };
}
