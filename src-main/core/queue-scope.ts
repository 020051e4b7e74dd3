/**
 * The queues one read may return, as the data layer takes it. Every store and area read of
 * queue-bound data (conversations, messages, transcripts, counts, agents of queues) requires one,
 * so a caller must say whose scope it runs under. Only the API service makes one from a session
 * (api/session.ts `accessFor`); the console's own background work names `WHOLE_CACHE`. A structure
 * test (tests/unit/structure/scope-enforcement.test.ts) holds both rules.
 */
declare const queueScopeBrand: unique symbol;

export interface QueueScope {
  /** Null means every queue. */
  readonly queues: readonly string[] | null;
  /**
   * Whether messages of conversations that have not ended may be read (the live-transcript
   * permission): transcripts, search snippets, exports, whatever the route (docs/product.md §1).
   */
  readonly liveMessages: boolean;
  readonly [queueScopeBrand]: true;
}

/**
 * Makes a scope from a list of queues (null: every queue) and whether in-progress conversations'
 * messages may be read.
 *
 * Why it is not called by handlers: a scope must come from the session the API service checked,
 * never from a request; the structure test lists the few files that may call this.
 */
export function scopeOf(queues: readonly string[] | null, liveMessages: boolean): QueueScope {
  return { queues: queues === null ? null : [...new Set(queues)], liveMessages } as unknown as QueueScope;
}

/** The scope of the console's own background work (retention, figures, recovery): every queue, no user. */
export const WHOLE_CACHE: QueueScope = scopeOf(null, true);

/** Whether a queue is inside a scope. */
export function scopeIncludes(scope: QueueScope, queueId: string): boolean {
  return scope.queues === null || scope.queues.includes(queueId);
}

/** Whether a conversation's messages may be read under this scope, given its state. */
export function messagesReadable(scope: QueueScope, state: string): boolean {
  return scope.liveMessages || state === 'ended' || state === 'abandoned';
}

/** The scope as SQL reads it: null for every queue, else a JSON array for `json_each`. */
export function scopeJson(scope: QueueScope): string | null {
  return scope.queues === null ? null : JSON.stringify(scope.queues);
}
