/**
 * One UI connection (a browser socket or an Electron window): validates every incoming message,
 * answers requests and forwards subscription pushes. Never throws, and never drops a message
 * silently: a bad message with a readable id gets a refusal by id, one without gets an id-less
 * `error` frame, and every message is counted by what became of it.
 */
import type { UnreadableReason } from '../../../src-shared/api/console.js';
import { clientMessageSchema, MAX_CLIENT_MESSAGE_BYTES, type ApiRequest, type ServerMessage, type Topic, type TopicMessage } from '../../../src-shared/api/contract.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { ApiService } from './api-service.js';
import type { RequestOrigin } from './handlers.js';
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
  /** Where this connection counts its messages; one counter is usually shared by every connection of a transport. */
  readonly counts?: ApiMessageCounter;
}

export { createApiMessageCounter, type ApiMessageCounter, type MessageOutcome } from './message-counter.js';
import type { ApiMessageCounter, MessageOutcome } from './message-counter.js';

const UNREADABLE_ERRORS: Readonly<Record<UnreadableReason, string>> = {
  oversized: `Refused: the message is larger than ${MAX_CLIENT_MESSAGE_BYTES} bytes.`,
  not_json: 'Refused: the message is not JSON.',
  binary: 'Refused: binary frames are not part of the API; send JSON text.',
  no_id: 'Refused: the message has no request id (a non-negative integer), so it cannot be answered by id.',
};

const MAX_SUBSCRIPTIONS = 64;
/** Numbers this process's connections, so each is its own origin of requests. */
let nextConnection = 1;

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
  const record = (outcome: MessageOutcome): void => options.counts?.record(outcome);
  function refuseUnreadable(reason: UnreadableReason, detail = ''): void {
    record({ unreadable: reason });
    send({ kind: 'error', reason, error: `${UNREADABLE_ERRORS[reason]}${detail}` });
  }
  const subscriptions = new Map<string, () => void>();
  const origin: RequestOrigin = { connectionId: `connection-${nextConnection++}` };
  let nextSubscription = 1;
  let closed = false;
  /** Pushes made while a subscribe request is being answered wait until its response is sent. */
  let held: ServerMessage[] | null = null;

  function handle(request: ApiRequest): Result<unknown> | Promise<Result<unknown>> {
    switch (request.op) {
      case 'query':
        return api.query(session, request.query, origin);
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
      if (closed) {
        record('afterClose');
        return;
      }
      let parsed: unknown = message;
      if (message instanceof Uint8Array || message instanceof ArrayBuffer) {
        refuseUnreadable('binary');
        return;
      }
      if (typeof message === 'string') {
        if (message.length > MAX_CLIENT_MESSAGE_BYTES) {
          refuseUnreadable('oversized');
          return;
        }
        try {
          parsed = JSON.parse(message);
        } catch {
          refuseUnreadable('not_json');
          return;
        }
      }
      const checked = clientMessageSchema.safeParse(parsed);
      if (!checked.success) {
        const id = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : undefined;
        if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
          record('refused');
          send({ kind: 'response', id, result: fail(`Refused: ${describeIssues(checked.error)}`) });
        } else {
          refuseUnreadable('no_id', ` (${describeIssues(checked.error)})`);
        }
        return;
      }
      record('answered');
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
