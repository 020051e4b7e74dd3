/**
 * The API contract between the UI and the core: queries, subscriptions, commands and their
 * results, typed once; each product area (live-insights, history, wallboard, connection) declares its part
 * in its own module and this one composes them. Both transports (Electron IPC and the host's WebSocket) carry exactly these messages and
 * validate them with these schemas.
 */
import type { DesktopBridge } from './desktop.js';
import { z } from 'zod';
import type { Result } from '../result.js';
import type { Capability, Role } from '../permissions.js';
import type { Channel, Disposition } from '../protocol/events.js';
import type { LedgerOutcome } from './commands.js';
import type { FeedStatus, OverviewMessage } from './live.js';
import {
  CONSOLE_COMMAND_CAPABILITY,
  CONSOLE_QUERY_CAPABILITY,
  consoleCommandSchemas,
  consoleQuerySchemas,
  type ConsoleCommandResults,
  type ConsoleQueryResults,
  type UnreadableReason,
} from './console.js';
import {
  CONNECTION_COMMAND_CAPABILITY,
  CONNECTION_QUERY_CAPABILITY,
  connectionCommandSchemas,
  connectionQuerySchemas,
  type ConnectionCommandResults,
  type ConnectionQueryResults,
} from './connection.js';
import {
  HISTORY_COMMAND_CAPABILITY,
  HISTORY_QUERY_CAPABILITY,
  HISTORY_TOPIC_CAPABILITY,
  historyCommandSchemas,
  historyQuerySchemas,
  historyTopicSchemas,
  type HistoryCommandResults,
  type HistoryQueryResults,
  type HistoryTopicMessages,
} from './history.js';
import {
  LIVE_COMMAND_CAPABILITY,
  LIVE_QUERY_CAPABILITY,
  LIVE_TOPIC_CAPABILITY,
  liveCommandSchemas,
  liveQuerySchemas,
  liveTopicSchemas,
  type LiveCommandResults,
  type LiveQueryResults,
  type LiveTopicMessages,
} from './live-insights.js';
import {
  MANAGEMENT_COMMAND_CAPABILITY,
  MANAGEMENT_QUERY_CAPABILITY,
  managementCommandSchemas,
  managementQuerySchemas,
  type ManagementCommandResults,
  type ManagementQueryResults,
} from './management.js';
import {
  ALERTS_COMMAND_CAPABILITY,
  ALERTS_QUERY_CAPABILITY,
  ALERTS_TOPIC_CAPABILITY,
  alertsCommandSchemas,
  alertsQuerySchemas,
  alertsTopicSchemas,
  type AlertsCommandResults,
  type AlertsQueryResults,
  type AlertsTopicMessages,
} from './alerts.js';
import {
  INSIGHTS_COMMAND_CAPABILITY,
  INSIGHTS_QUERY_CAPABILITY,
  INSIGHTS_TOPIC_CAPABILITY,
  insightsCommandSchemas,
  insightsQuerySchemas,
  insightsTopicSchemas,
  type InsightsCommandResults,
  type InsightsQueryResults,
  type InsightsTopicMessages,
} from './insights.js';
import {
  REPORTS_COMMAND_CAPABILITY,
  REPORTS_QUERY_CAPABILITY,
  reportsCommandSchemas,
  reportsQuerySchemas,
  type ReportsCommandResults,
  type ReportsQueryResults,
} from './reports.js';
import { STAFFING_QUERY_CAPABILITY, staffingQuerySchemas, type StaffingQueryResults } from './staffing.js';
import { REPLAY_QUERY_CAPABILITY, replayQuerySchemas, type ReplayQueryResults } from './replay.js';
import {
  WALLBOARD_COMMAND_CAPABILITY,
  WALLBOARD_QUERY_CAPABILITY,
  WALLBOARD_TOPIC_CAPABILITY,
  wallboardCommandSchemas,
  wallboardQuerySchemas,
  wallboardTopicSchemas,
  type WallboardCommandResults,
  type WallboardQueryResults,
  type WallboardTopicMessages,
} from './wallboard.js';

const id = z.string().min(1).max(128);

// ---- queries ----

const baseQuerySchemas = [
  z.object({ type: z.literal('session.info') }),
  z.object({ type: z.literal('queues.list') }),
  z.object({ type: z.literal('feed.rejects'), limit: z.number().int().min(1).max(500).default(100) }),
  z.object({
    type: z.literal('conversations.recent'),
    queueId: id.optional(),
    limit: z.number().int().min(1).max(500).default(50),
  }),
  // What became of a command whose answer never arrived (a timeout, a lost link): the ledger's outcome.
  z.object({ type: z.literal('commands.outcome'), commandId: id }),
] as const;

export const querySchema = z.discriminatedUnion('type', [...baseQuerySchemas, ...liveQuerySchemas, ...historyQuerySchemas, ...wallboardQuerySchemas, ...managementQuerySchemas, ...staffingQuerySchemas, ...alertsQuerySchemas, ...consoleQuerySchemas, ...connectionQuerySchemas, ...replayQuerySchemas, ...insightsQuerySchemas, ...reportsQuerySchemas]);
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

interface BaseQueryResults {
  'session.info': SessionInfo;
  'queues.list': readonly QueueSummary[];
  'feed.rejects': readonly RejectRecord[];
  'conversations.recent': readonly ConversationRow[];
  'commands.outcome': LedgerOutcome;
}

export interface QueryResultMap extends BaseQueryResults, LiveQueryResults, HistoryQueryResults, WallboardQueryResults, ManagementQueryResults, StaffingQueryResults, AlertsQueryResults, ConsoleQueryResults, ConnectionQueryResults, ReplayQueryResults, InsightsQueryResults, ReportsQueryResults {}
export type QueryResult<T extends QueryType> = QueryResultMap[T];

// ---- subscriptions ----

const baseTopicSchemas = [z.object({ topic: z.literal('overview') }), z.object({ topic: z.literal('status') })] as const;

/** What to watch: a topic and its parameters (e.g. which conversation's transcript). */
export const subscriptionSchema = z.discriminatedUnion('topic', [...baseTopicSchemas, ...liveTopicSchemas, ...historyTopicSchemas, ...wallboardTopicSchemas, ...alertsTopicSchemas, ...insightsTopicSchemas]);
export type Subscription = z.infer<typeof subscriptionSchema>;
export type SubscriptionInput = z.input<typeof subscriptionSchema>;
export type Topic = Subscription['topic'];
export type SubscriptionOf<T extends Topic> = Extract<Subscription, { topic: T }>;

interface BaseTopicMessages {
  overview: OverviewMessage;
  status: FeedStatus;
}

export interface TopicMessageMap extends BaseTopicMessages, LiveTopicMessages, HistoryTopicMessages, WallboardTopicMessages, AlertsTopicMessages, InsightsTopicMessages {}
export type TopicMessage<T extends Topic> = TopicMessageMap[T];

// ---- commands (changes; each carries a client id so a retry applies once) ----

export const commandSchema = z.discriminatedUnion('type', [...liveCommandSchemas, ...historyCommandSchemas, ...wallboardCommandSchemas, ...managementCommandSchemas, ...alertsCommandSchemas, ...consoleCommandSchemas, ...connectionCommandSchemas, ...insightsCommandSchemas, ...reportsCommandSchemas]);
export type Command = z.infer<typeof commandSchema>;
export type CommandInput = z.input<typeof commandSchema>;
export type CommandType = Command['type'];

export interface CommandResultMap extends LiveCommandResults, HistoryCommandResults, WallboardCommandResults, ManagementCommandResults, AlertsCommandResults, ConsoleCommandResults, ConnectionCommandResults, InsightsCommandResults, ReportsCommandResults {}
export type CommandResult<T extends CommandType> = CommandResultMap[T];

// ---- the wire between UI and core (same for IPC and WebSocket) ----

export const apiRequestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('query'), query: querySchema }),
  z.object({ op: z.literal('subscribe'), subscription: subscriptionSchema }),
  z.object({ op: z.literal('unsubscribe'), subscriptionId: id }),
  z.object({ op: z.literal('command'), commandId: id, command: commandSchema }),
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
  | { readonly kind: 'push'; readonly subscriptionId: string; readonly topic: Topic; readonly message: TopicMessage<Topic> }
  /** The answer to a message without a readable id (not JSON, too large, binary, no id): nothing to correlate it with, so clients log it. */
  | { readonly kind: 'error'; readonly reason: UnreadableReason; readonly error: string };

export { MAX_CLIENT_MESSAGE_BYTES } from './socket-contract.js';

/** The capability each query needs; checked in the core for every call. */
export const QUERY_CAPABILITY: Readonly<Record<QueryType, Capability | null>> = {
  'session.info': null,
  'queues.list': 'live.view',
  'feed.rejects': 'diagnostics.view',
  'conversations.recent': 'history.view',
  // Anyone may ask about their own commands; the ledger answers only the asking user's.
  'commands.outcome': null,
  ...LIVE_QUERY_CAPABILITY,
  ...HISTORY_QUERY_CAPABILITY,
  ...WALLBOARD_QUERY_CAPABILITY,
  ...MANAGEMENT_QUERY_CAPABILITY,
  ...STAFFING_QUERY_CAPABILITY,
  ...ALERTS_QUERY_CAPABILITY,
  ...CONSOLE_QUERY_CAPABILITY,
  ...CONNECTION_QUERY_CAPABILITY,
  ...REPLAY_QUERY_CAPABILITY,
  ...INSIGHTS_QUERY_CAPABILITY,
  ...REPORTS_QUERY_CAPABILITY,
};

export const TOPIC_CAPABILITY: Readonly<Record<Topic, Capability>> = {
  overview: 'live.tiles',
  status: 'live.tiles',
  ...LIVE_TOPIC_CAPABILITY,
  ...HISTORY_TOPIC_CAPABILITY,
  ...WALLBOARD_TOPIC_CAPABILITY,
  ...ALERTS_TOPIC_CAPABILITY,
  ...INSIGHTS_TOPIC_CAPABILITY,
};

export const COMMAND_CAPABILITY: Readonly<Record<CommandType, Capability>> = {
  ...LIVE_COMMAND_CAPABILITY,
  ...HISTORY_COMMAND_CAPABILITY,
  ...WALLBOARD_COMMAND_CAPABILITY,
  ...MANAGEMENT_COMMAND_CAPABILITY,
  ...ALERTS_COMMAND_CAPABILITY,
  ...CONSOLE_COMMAND_CAPABILITY,
  ...CONNECTION_COMMAND_CAPABILITY,
  ...INSIGHTS_COMMAND_CAPABILITY,
  ...REPORTS_COMMAND_CAPABILITY,
};

/**
 * The one object the Electron preload exposes to the renderer (window.floorwatch). The preload
 * checks itself against this type with `satisfies`; the main process validates every payload.
 */
export interface FloorwatchBridge {
  request(request: ApiRequestInput): Promise<Result<unknown>>;
  onPush(listener: (message: Extract<ServerMessage, { kind: 'push' }>) => void): () => void;
  /** The desktop shell's notifications, attention and outside routes (src-shared/api/desktop.ts). */
  readonly desktop?: DesktopBridge;
}

export { API_PATH, API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX } from './socket-contract.js';
