/**
 * One UI connection (a browser socket or an Electron window): validates every incoming message,
 * answers requests and forwards subscription pushes. Never throws: a bad message gets an error
 * result when it can be answered, and is dropped otherwise.
 */
import { clientMessageSchema, MAX_CLIENT_MESSAGE_BYTES, type ApiRequest, type ServerMessage, type Topic, type TopicMessage } from '../../../src-shared/api/contract.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { ApiService } from './api-service.js';
import type { Session } from './session.js';
import { errorMessage } from '../../../src-shared/errors.js';

export interface ApiConnection {
  /** A message from the UI: a JSON string (WebSocket) or an object (IPC). */
  receive(message: unknown): void;
  close(): void;
}

export interface ApiConnectionOptions {
  readonly api: ApiService;
  readonly session: Session;
  readonly send: (message: ServerMessage) => void;
  /** Called for messages that cannot be answered (no readable id), e.g. to count them. */
  readonly onInvalid?: (reason: string) => void;
}

const MAX_SUBSCRIPTIONS = 64;

function describeIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'message'}: ${issue.message}`)
    .join('; ');
}

function internalError(error: unknown): Result<never> {
  return fail(`Internal error: ${errorMessage(error)}`);
}

export function createApiConnection(options: ApiConnectionOptions): ApiConnection {
  const { api, session, send } = options;
  const subscriptions = new Map<string, () => void>();
  let nextSubscription = 1;
  let closed = false;
  /** Pushes made while a subscribe request is being answered wait until its response is sent. */
  let held: ServerMessage[] | null = null;

  function handle(request: ApiRequest): Result<unknown> | Promise<Result<unknown>> {
    switch (request.op) {
      case 'query':
        return api.query(session, request.query);
      case 'command':
        return api.command(session, request.command, request.commandId);
      case 'subscribe': {
        if (subscriptions.size >= MAX_SUBSCRIPTIONS) return fail(`Too many subscriptions (limit ${MAX_SUBSCRIPTIONS}).`);
        const subscriptionId = `s${nextSubscription++}`;
        const topic: Topic = request.subscription.topic;
        const push = (message: TopicMessage<Topic>): void => {
          if (closed) return;
          const envelope: ServerMessage = { kind: 'push', subscriptionId, topic, message };
          if (held) held.push(envelope);
          else send(envelope);
        };
        subscriptions.set(subscriptionId, () => undefined);
        const result = api.subscribe(session, request.subscription, push);
        if (!result.ok) {
          subscriptions.delete(subscriptionId);
          return result;
        }
        subscriptions.set(subscriptionId, result.value);
        return ok({ subscriptionId });
      }
      case 'unsubscribe': {
        const unsubscribe = subscriptions.get(request.subscriptionId);
        if (!unsubscribe) return fail(`No subscription ${request.subscriptionId}.`);
        unsubscribe();
        subscriptions.delete(request.subscriptionId);
        return ok(null);
      }
    }
  }

  return {
    receive(message) {
      if (closed) return;
      let parsed: unknown = message;
      if (typeof message === 'string') {
        if (message.length > MAX_CLIENT_MESSAGE_BYTES) {
          options.onInvalid?.('oversized');
          return;
        }
        try {
          parsed = JSON.parse(message);
        } catch {
          options.onInvalid?.('not_json');
          return;
        }
      }
      const checked = clientMessageSchema.safeParse(parsed);
      if (!checked.success) {
        const id = (parsed as { id?: unknown } | null)?.id;
        if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
          send({ kind: 'response', id, result: fail(`Refused: ${describeIssues(checked.error)}`) });
        } else {
          options.onInvalid?.('bad_message');
        }
        return;
      }
      const requestId = checked.data.id;
      let result: Result<unknown> | Promise<Result<unknown>>;
      held = [];
      try {
        result = handle(checked.data.request);
      } catch (error) {
        result = internalError(error);
      }
      const pushes = held;
      held = null;
      if (result instanceof Promise) {
        result.then(
          (settled) => {
            if (!closed) send({ kind: 'response', id: requestId, result: settled });
          },
          (error: unknown) => {
            if (!closed) send({ kind: 'response', id: requestId, result: internalError(error) });
          },
        );
        return;
      }
      // The client learns the subscription id before the first push (the snapshot) for it.
      send({ kind: 'response', id: requestId, result });
      for (const push of pushes) send(push);
    },
    close() {
      closed = true;
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    },
  };
}
