/**
 * The API service: answers queries, feeds subscriptions and applies commands for any transport
 * (Electron IPC, the host's WebSocket). The one enforcement point: every request's session becomes
 * an Access here (role, capabilities less the whole-floor ones when scoped, and the queue scope the
 * data layer's reads require), the capability is checked here, and handlers only ever see the Access
 * (docs/decisions/0018-one-enforcement-point.md).
 */
import type { Command, CommandResult, CommandType, Query, QueryType, Subscription, SubscriptionOf, SessionInfo, Topic, TopicMessage } from '../../../src-shared/api/contract.js';
import { COMMAND_CAPABILITY, QUERY_CAPABILITY, TOPIC_CAPABILITY } from '../../../src-shared/api/contract.js';
import type { HistoryCommandResults, HistoryQueryResults, HistoryTopicMessages } from '../../../src-shared/api/history.js';
import type { LiveCommandResults, LiveQueryResults, LiveTopicMessages } from '../../../src-shared/api/live-insights.js';
import type { ManagementCommandResults, ManagementQueryResults } from '../../../src-shared/api/management.js';
import type { AlertsCommandResults, AlertsQueryResults, AlertsTopicMessages } from '../../../src-shared/api/alerts.js';
import type { StaffingQueryResults } from '../../../src-shared/api/staffing.js';
import type { ReplayQueryResults } from '../../../src-shared/api/replay.js';
import type { InsightsCommandResults, InsightsQueryResults, InsightsTopicMessages } from '../../../src-shared/api/insights.js';
import type { ReportsCommandResults, ReportsQueryResults } from '../../../src-shared/api/reports.js';
import type { WallboardCommandResults, WallboardQueryResults, WallboardTopicMessages } from '../../../src-shared/api/wallboard.js';
import { PROTOCOL_VERSION } from '../../../src-shared/protocol/events.js';
import { can, capabilitiesOf, type Capability } from '../../../src-shared/permissions.js';
import { fail, forbidden, ok, type Result } from '../../../src-shared/result.js';
import type { Store } from '../store/store.js';
import { createCommandLedger } from './command-ledger.js';
import { CONSOLE_AREA_COMMANDS, CONSOLE_AREA_QUERIES } from './console-area.js';
import { OFF_THREAD_QUERIES, type ApiArea, type CommandHandlers, type QueryAnswer, type QueryHandlers, type RequestOrigin, type TopicHandlers } from './handlers.js';
import type { OverviewPublisher } from '../live-views/overview-publisher.js';
import type { StatusPublisher } from '../live-views/status-publisher.js';
import { accessFor, type Access, type Session } from './session.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { CONNECTIONS_OUTSIDE_RUNTIME } from '../connections/outside-runtime.js';
import { timedStep } from '../logging/timed-step.js';

export interface ApiService {
  /** Answers a query; the off-thread ones (OFF_THREAD_QUERIES) with a Promise. `origin` lets a newer search replace an older one. */
  query<T extends QueryType>(session: Session, query: Extract<Query, { type: T }>, origin?: RequestOrigin): QueryAnswer<T>;
  subscribe<T extends Topic>(session: Session, subscription: SubscriptionOf<T>, listener: (message: TopicMessage<T>) => void): Result<() => void>;
  command<T extends CommandType>(session: Session, command: Extract<Command, { type: T }>, commandId: string): Promise<Result<CommandResult<T>>>;
  close(): Promise<void>;
}

export type BaseQueryType = 'session.info' | 'queues.list' | 'feed.rejects' | 'conversations.recent' | 'commands.outcome';
export type BaseTopic = 'overview' | 'status';

/** Every area the contract composes; each answers exactly its own part. */
export interface ApiAreas {
  readonly live: ApiArea<keyof LiveQueryResults, keyof LiveTopicMessages, keyof LiveCommandResults>;
  readonly history: ApiArea<keyof HistoryQueryResults, keyof HistoryTopicMessages, keyof HistoryCommandResults>;
  readonly wallboard: ApiArea<keyof WallboardQueryResults, keyof WallboardTopicMessages, keyof WallboardCommandResults>;
  readonly management: ApiArea<keyof ManagementQueryResults, never, keyof ManagementCommandResults>;
  readonly staffing: ApiArea<keyof StaffingQueryResults, never, never>;
  readonly alerts: ApiArea<keyof AlertsQueryResults, keyof AlertsTopicMessages, keyof AlertsCommandResults>;
  /** Floor replay; a service built without it refuses the replay queries. */
  readonly replay?: ApiArea<keyof ReplayQueryResults, never, never>;
  /** Historical Insights; a service built without it refuses its requests. */
  readonly insights?: ApiArea<keyof InsightsQueryResults, keyof InsightsTopicMessages, keyof InsightsCommandResults>;
  /** Scheduled e-mail reports; a service built without it refuses its requests. */
  readonly reports?: ApiArea<keyof ReportsQueryResults, never, keyof ReportsCommandResults>;
}

const NO_REPLAY: QueryHandlers<keyof ReplayQueryResults> = {
  'replay.range': () => fail('Replay is not available here.'),
  'replay.frame': () => fail('Replay is not available here.'),
  'replay.step': () => fail('Replay is not available here.'),
  'replay.queue': () => fail('Replay is not available here.'),
  'replay.transcript': () => fail('Replay is not available here.'),
};

const insightsAbsent = () => fail('Historical Insights is not available here.');
const NO_INSIGHTS: ApiArea<keyof InsightsQueryResults, keyof InsightsTopicMessages, keyof InsightsCommandResults> = {
  queries: { 'insights.query': insightsAbsent, 'insights.dashboards': insightsAbsent, 'insights.dashboard': insightsAbsent, 'insights.export.chunk': insightsAbsent },
  topics: { 'insights.export': insightsAbsent },
  commands: {
    'insights.dashboard.save': insightsAbsent,
    'insights.dashboard.delete': insightsAbsent,
    'insights.dashboard.import': insightsAbsent,
    'insights.export.start': insightsAbsent,
    'insights.export.cancel': insightsAbsent,
  },
};

const reportsAbsent = () => fail('Scheduled reports are not available here.');
const NO_REPORTS: ApiArea<keyof ReportsQueryResults, never, keyof ReportsCommandResults> = {
  queries: { 'reports.schedules': reportsAbsent, 'reports.runs': reportsAbsent, 'reports.smtp': reportsAbsent },
  topics: {},
  commands: { 'reports.schedule.save': reportsAbsent, 'reports.schedule.delete': reportsAbsent, 'reports.schedule.runNow': reportsAbsent, 'reports.smtp.save': reportsAbsent },
};

export interface ApiServiceDeps {
  readonly store: Store;
  readonly overview: OverviewPublisher;
  readonly status: StatusPublisher;
  readonly appVersion: string;
  readonly areas: ApiAreas;
  /** Wall clock of the command ledger's entries (default Date.now). */
  readonly now?: () => number;
}

function message(error: unknown): string {
  return errorMessage(error);
}

/** Why a request is refused: the role, or (for a whole-floor capability) the queue scope. */
function refusal(access: Access, needed: Capability, what: string): string {
  return can(access.role, needed) ? `Limited to some queues, you may not ${what}: it acts on the whole floor.` : `Your role (${access.role}) may not ${what}.`;
}

export function createApiService(deps: ApiServiceDeps): ApiService {
  // Every command of every area goes through the one ledger: a command id applies once.
  const ledger = deps.store.repository((connection) => createCommandLedger(connection, { now: deps.now }));
  const sessionInfo = (session: Session): SessionInfo => ({
    userId: session.userId,
    displayName: session.displayName,
    role: session.role,
    capabilities: capabilitiesOf(session.role, session.queueScope),
    queueScope: session.queueScope,
    appVersion: deps.appVersion,
    protocolVersion: PROTOCOL_VERSION,
  });

  const baseQueries: QueryHandlers<BaseQueryType> = {
    'session.info': (session) => ok(sessionInfo(session)),
    'queues.list': (access) => ok(deps.store.listQueues().filter((queue) => access.sees(queue.queueId))),
    'feed.rejects': (_session, query) => ok(deps.store.recentRejects(query.limit)),
    'conversations.recent': (access, query) => ok(deps.store.recentConversations({ queueId: query.queueId, limit: query.limit, queueScope: access.scope })),
    'commands.outcome': (access, query) => ok(ledger.outcome(access, query.commandId)),
  };
  const baseTopics: TopicHandlers<BaseTopic> = {
    overview: (access, _subscription, listener) => ok(deps.overview.subscribe(access, listener)),
    status: (_session, _subscription, listener) => ok(deps.status.subscribe(listener)),
  };

  const { live, history, wallboard, management, staffing, alerts, replay } = deps.areas;
  const insights = deps.areas.insights ?? NO_INSIGHTS;
  const reports = deps.areas.reports ?? NO_REPORTS;
  const queries: QueryHandlers<QueryType> = {
    ...baseQueries,
    ...live.queries,
    ...history.queries,
    ...wallboard.queries,
    ...management.queries,
    ...staffing.queries,
    ...alerts.queries,
    ...(replay?.queries ?? NO_REPLAY),
    ...insights.queries,
    ...reports.queries,
    ...CONSOLE_AREA_QUERIES,
    ...CONNECTIONS_OUTSIDE_RUNTIME.queries,
  };
  const topics: TopicHandlers<Topic> = { ...baseTopics, ...live.topics, ...history.topics, ...wallboard.topics, ...alerts.topics, ...insights.topics };
  const commands: CommandHandlers<CommandType> = ledger.guard({
    ...live.commands,
    ...history.commands,
    ...wallboard.commands,
    ...management.commands,
    ...alerts.commands,
    ...insights.commands,
    ...reports.commands,
    ...CONSOLE_AREA_COMMANDS,
    ...CONNECTIONS_OUTSIDE_RUNTIME.commands,
  });

  return {
    query(session, query, origin) {
      const access = accessFor(session);
      // An off-thread query answers with a Promise whatever happens, refusals included.
      const answer = (result: Result<unknown>): never => (OFF_THREAD_QUERIES.has(query.type) ? Promise.resolve(result) : result) as never;
      const needed = QUERY_CAPABILITY[query.type];
      if (needed && !access.can(needed)) return answer(forbidden(refusal(access, needed, `run ${query.type}`)));
      const handler = queries[query.type] as (access: Access, query: Query, origin?: RequestOrigin) => Result<unknown> | Promise<Result<unknown>>;
      const failed = (error: unknown): Result<never> => fail(`${query.type} failed: ${message(error)}`);
      try {
        const result = handler(access, query, origin);
        return (result instanceof Promise ? result.catch(failed) : result) as never;
      } catch (error) {
        return answer(failed(error));
      }
    },
    subscribe(session, subscription, listener) {
      const access = accessFor(session);
      const needed = TOPIC_CAPABILITY[subscription.topic];
      if (!access.can(needed)) return forbidden(refusal(access, needed, `watch ${subscription.topic}`));
      const handler = topics[subscription.topic] as (access: Access, subscription: Subscription, listener: (message: unknown) => void) => Result<() => void>;
      try {
        return handler(access, subscription, listener as (message: unknown) => void);
      } catch (error) {
        return fail(`${subscription.topic} failed: ${message(error)}`);
      }
    },
    async command(session, command, commandId) {
      const access = accessFor(session);
      const needed = COMMAND_CAPABILITY[command.type];
      if (!access.can(needed)) return forbidden(refusal(access, needed, command.type));
      const handler = commands[command.type] as (access: Access, command: Command, commandId: string) => Result<unknown> | Promise<Result<unknown>>;
      try {
        return (await handler(access, command, commandId)) as Result<CommandResult<typeof command.type>>;
      } catch (error) {
        return fail(`${command.type} failed: ${message(error)}`);
      }
    },
    async close() {
      const areas = { live, history, wallboard, management, staffing, alerts, replay, insights: deps.areas.insights };
      for (const [name, area] of Object.entries(areas)) await timedStep('close', `area ${name} stopped`, async () => area?.close?.());
    },
  };
}
