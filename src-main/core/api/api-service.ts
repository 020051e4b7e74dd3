/**
 * The API service: answers queries and feeds subscriptions for any transport (Electron IPC, the
 * host's WebSocket). Permission and scope checks live here so every transport gets them.
 */
import type { Query, QueryResult, QueryType, SessionInfo, Topic, TopicMessage } from '../../../src-shared/api/contract.js';
import { QUERY_CAPABILITY, TOPIC_CAPABILITY } from '../../../src-shared/api/contract.js';
import type { FeedStatus } from '../../../src-shared/api/live.js';
import { PROTOCOL_VERSION } from '../../../src-shared/protocol/events.js';
import { PERMISSIONS, can } from '../../../src-shared/permissions.js';
import { assertNever, fail, ok, type Result } from '../../../src-shared/result.js';
import type { Store } from '../store/store.js';
import type { OverviewPublisher } from './overview-publisher.js';
import { inScope, type Session } from './session.js';

export interface ApiService {
  query<T extends QueryType>(session: Session, query: Extract<Query, { type: T }>): Result<QueryResult<T>>;
  subscribe<T extends Topic>(session: Session, topic: T, listener: (message: TopicMessage<T>) => void): Result<() => void>;
}

export interface ApiServiceDeps {
  readonly store: Store;
  readonly overview: OverviewPublisher;
  readonly feedStatus: () => FeedStatus;
  readonly onFeedStatus: (listener: () => void) => () => void;
  readonly appVersion: string;
}

/** Status pushes at most this often, plus once a second so ages keep moving on idle floors. */
const STATUS_MIN_INTERVAL_MS = 250;
const STATUS_HEARTBEAT_MS = 1_000;

export function createApiService(deps: ApiServiceDeps): ApiService {
  const sessionInfo = (session: Session): SessionInfo => ({
    userId: session.userId,
    displayName: session.displayName,
    role: session.role,
    capabilities: PERMISSIONS[session.role],
    queueScope: session.queueScope,
    appVersion: deps.appVersion,
    protocolVersion: PROTOCOL_VERSION,
  });

  function answer(session: Session, query: Query): unknown {
    switch (query.type) {
      case 'session.info':
        return sessionInfo(session);
      case 'queues.list':
        return deps.store.listQueues().filter((queue) => inScope(session, queue.queueId));
      case 'feed.rejects':
        return deps.store.recentRejects(query.limit);
      case 'conversations.recent':
        return deps.store.recentConversations({ queueId: query.queueId, limit: query.limit, queueScope: session.queueScope });
      default:
        return assertNever(query, 'query');
    }
  }

  function subscribeStatus(listener: (message: FeedStatus) => void): () => void {
    let lastSentAt = 0;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const send = (): void => {
      pending = null;
      lastSentAt = Date.now();
      listener(deps.feedStatus());
    };
    const schedule = (): void => {
      if (pending) return;
      const wait = Math.max(0, lastSentAt + STATUS_MIN_INTERVAL_MS - Date.now());
      pending = setTimeout(send, wait);
    };
    send();
    const heartbeat = setInterval(schedule, STATUS_HEARTBEAT_MS);
    const unsubscribe = deps.onFeedStatus(schedule);
    return () => {
      unsubscribe();
      clearInterval(heartbeat);
      if (pending) clearTimeout(pending);
    };
  }

  return {
    query(session, query) {
      const needed = QUERY_CAPABILITY[query.type];
      if (needed && !can(session.role, needed)) return fail(`Your role (${session.role}) may not run ${query.type}.`);
      try {
        return ok(answer(session, query) as never);
      } catch (error) {
        return fail(`${query.type} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    subscribe(session, topic, listener) {
      const needed = TOPIC_CAPABILITY[topic];
      if (!can(session.role, needed)) return fail(`Your role (${session.role}) may not watch ${topic}.`);
      switch (topic) {
        case 'overview':
          return ok(deps.overview.subscribe(session, listener as (message: TopicMessage<'overview'>) => void));
        case 'status':
          return ok(subscribeStatus(listener as (message: TopicMessage<'status'>) => void));
        default:
          return assertNever(topic, 'topic');
      }
    },
  };
}
