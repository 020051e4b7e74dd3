/**
 * The API contract between the UI and the core: queries, subscriptions and their results, typed
 * once. Both transports (Electron IPC and the host's WebSocket) carry exactly these messages and
 * validate them with these schemas.
 */
import { z } from 'zod';
import type { Result } from '../result.js';
import type { Capability, Role } from '../permissions.js';
import type { Channel, Disposition } from '../protocol/events.js';
import type { FeedStatus, OverviewMessage } from './live.js';

const id = z.string().min(1).max(128);

// ---- queries ----

export const querySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session.info') }),
  z.object({ type: z.literal('queues.list') }),
  z.object({ type: z.literal('feed.rejects'), limit: z.number().int().min(1).max(500).default(100) }),
  z.object({
    type: z.literal('conversations.recent'),
    queueId: id.optional(),
    limit: z.number().int().min(1).max(500).default(50),
  }),
]);
export type Query = z.infer<typeof querySchema>;
export type QueryInput = z.input<typeof querySchema>;
export type QueryType = Query['type'];

export interface SessionInfo {
  readonly userId: string;
  readonly displayName: string;
  readonly role: Role;
  readonly capabilities: readonly Capability[];
  /** Queues this user may see; null means all. */
  readonly queueScope: readonly string[] | null;
  readonly appVersion: string;
  readonly protocolVersion: number;
}

export interface QueueSummary {
  readonly queueId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly timeZone: string;
}

export interface RejectRecord {
  readonly at: number;
  readonly reason: string;
  readonly detail: string;
}

export interface ConversationRow {
  readonly conversationId: string;
  readonly queueId: string;
  readonly channel: Channel;
  readonly intent: string;
  readonly agentId: string | null;
  readonly state: 'created' | 'queued' | 'assigned' | 'ended' | 'abandoned';
  readonly createdAt: number;
  readonly assignedAt: number | null;
  readonly endedAt: number | null;
  readonly disposition: Disposition | null;
  readonly csat: number | null;
  readonly messageCount: number;
}

export interface QueryResultMap {
  'session.info': SessionInfo;
  'queues.list': readonly QueueSummary[];
  'feed.rejects': readonly RejectRecord[];
  'conversations.recent': readonly ConversationRow[];
}
export type QueryResult<T extends QueryType> = QueryResultMap[T];

// ---- subscriptions ----

export const topicSchema = z.enum(['overview', 'status']);
export type Topic = z.infer<typeof topicSchema>;

export interface TopicMessageMap {
  overview: OverviewMessage;
  status: FeedStatus;
}
export type TopicMessage<T extends Topic> = TopicMessageMap[T];

// ---- the wire between UI and core (same for IPC and WebSocket) ----

export const apiRequestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('query'), query: querySchema }),
  z.object({ op: z.literal('subscribe'), topic: topicSchema }),
  z.object({ op: z.literal('unsubscribe'), subscriptionId: id }),
]);
export type ApiRequest = z.infer<typeof apiRequestSchema>;
export type ApiRequestInput = z.input<typeof apiRequestSchema>;

export const clientMessageSchema = z.object({
  kind: z.literal('request'),
  id: z.number().int().nonnegative(),
  request: apiRequestSchema,
});
export type ClientMessage = z.input<typeof clientMessageSchema>;

export type ServerMessage =
  | { readonly kind: 'response'; readonly id: number; readonly result: Result<unknown> }
  | { readonly kind: 'push'; readonly subscriptionId: string; readonly topic: Topic; readonly message: TopicMessage<Topic> };

/** Largest UI→core message accepted by either transport. */
export const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

/** The capability each query needs; checked in the core for every call. */
export const QUERY_CAPABILITY: Readonly<Record<QueryType, Capability | null>> = {
  'session.info': null,
  'queues.list': 'live.view',
  'feed.rejects': 'diagnostics.view',
  'conversations.recent': 'history.view',
};

export const TOPIC_CAPABILITY: Readonly<Record<Topic, Capability>> = {
  overview: 'live.view',
  status: 'live.view',
};

/**
 * The one object the Electron preload exposes to the renderer (window.floorwatch). The preload
 * checks itself against this type with `satisfies`; the main process validates every payload.
 */
export interface FloorwatchBridge {
  request(request: ApiRequestInput): Promise<Result<unknown>>;
  onPush(listener: (message: Extract<ServerMessage, { kind: 'push' }>) => void): () => void;
}

/** WebSocket subprotocols of the host's API bridge: the first names the API, the second carries the token. */
export const API_SUBPROTOCOL = 'floorwatch-api-v1';
export const API_TOKEN_SUBPROTOCOL_PREFIX = 'auth.';
export const API_PATH = '/api';
