/**
 * React bindings of the ConsoleClient for views that own their data (detail pages, history,
 * wallboards): a query with loading and error states, a subscription that follows its
 * parameters, and the session's capabilities for hiding what a role may not do.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueryInput, QueryResult, QueryType, SubscriptionInput, Topic, TopicMessage } from '../../src-shared/api/contract.js';
import type { Capability } from '../../src-shared/permissions.js';
import { useClient } from './client-context.js';
import { useConsole } from './store-context.js';

export type QueryState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error'; readonly error: string };

/**
 * Runs a query when its JSON changes and on `reload()`. A stale answer (the query changed while it
 * was in flight) is dropped. Pass null to run nothing.
 */
export function useQuery<T extends QueryType>(query: Extract<QueryInput, { type: T }> | null): QueryState<QueryResult<T>> & { reload(): void } {
  const client = useClient();
  const [state, setState] = useState<QueryState<QueryResult<T>>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const key = query === null ? null : JSON.stringify(query);
  useEffect(() => {
    if (key === null) return undefined;
    let current = true;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    void client.query(JSON.parse(key) as Extract<QueryInput, { type: T }>).then((result) => {
      if (!current) return;
      setState(result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [client, key, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}

/**
 * Subscribes while mounted and re-subscribes when the subscription's JSON changes. The listener
 * may change between renders without re-subscribing. Returns the last refusal, if any.
 */
export function useSubscription<T extends Topic>(
  subscription: Extract<SubscriptionInput, { topic: T }> | null,
  listener: (message: TopicMessage<T>) => void,
): string | null {
  const client = useClient();
  const latest = useRef(listener);
  latest.current = listener;
  const [error, setError] = useState<string | null>(null);
  const key = subscription === null ? null : JSON.stringify(subscription);
  useEffect(() => {
    if (key === null) return undefined;
    setError(null);
    return client.subscribe(
      JSON.parse(key) as Extract<SubscriptionInput, { topic: T }>,
      (message: TopicMessage<T>) => {
        setError(null);
        latest.current(message);
      },
      setError,
    );
  }, [client, key]);
  return error;
}

/** Whether the signed-in role has a capability; false until the session is known. */
export function useCan(capability: Capability): boolean {
  return useConsole((state) => state.session.status === 'ready' && state.session.info.capabilities.includes(capability));
}
