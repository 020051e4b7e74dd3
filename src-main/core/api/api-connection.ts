/**
 * One UI connection (a browser socket or an Electron window): validates every incoming message,
 * answers requests and forwards subscription pushes. Never throws: a bad message gets an error
 * result when it can be answered, and is dropped otherwise.
 */
import { clientMessageSchema, MAX_CLIENT_MESSAGE_BYTES, type ApiRequest, type ServerMessage, type Topic, type TopicMessage } from '../../../src-shared/api/contract.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { ApiService } from './api-service.js';
import type { Session } from './session.js';

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

export function createApiConnection(options: ApiConnectionOptions): ApiConnection {
  const { api, session, send } = options;
  const subscriptions = new Map<string, () => void>();
  let nextSubscription = 1;
  let closed = false;
  /** Pushes made while a subscribe request is being answered wait until its response is sent. */
  let held: ServerMessage[] | null = null;

  function handle(request: ApiRequest): Result<unknown> {
    switch (request.op) {
      case 'query':
        return api.query(session, request.query);
      case 'subscribe': {
        if (subscriptions.size >= MAX_SUBSCRIPTIONS) return fail(`Too many subscriptions (limit ${MAX_SUBSCRIPTIONS}).`);
        const subscriptionId = `s${nextSubscription++}`;
        const topic: Topic = request.topic;
        const push = (message: TopicMessage<Topic>): void => {
          if (closed) return;
          const envelope: ServerMessage = { kind: 'push', subscriptionId, topic, message };
          if (held) held.push(envelope);
          else send(envelope);
        };
        subscriptions.set(subscriptionId, () => undefined);
        const result = api.subscribe(session, topic, push);
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
      let result: Result<unknown>;
      held = [];
      try {
        result = handle(checked.data.request);
      } catch (error) {
        result = fail(`Internal error: ${error instanceof Error ? error.message : String(error)}`);
      }
      const pushes = held;
      held = null;
      // The client learns the subscription id before the first push (the snapshot) for it.
      send({ kind: 'response', id: checked.data.id, result });
      for (const push of pushes) send(push);
    },
    close() {
      closed = true;
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    },
  };
}
