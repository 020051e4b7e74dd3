/**
 * The core, composed: feed client → store (ingest) → live floor → live views → API service.
 * Plain Node; the host and the Electron utility process both run exactly this.
 */
import { displayUrl } from './connections/connection-settings.js';
import packageJson from '../../package.json' with { type: 'json' };
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedStatus } from '../../src-shared/api/live.js';
import type { FloorEvent } from '../../src-shared/protocol/events.js';
import { HISTORY_STREAM } from '../../src-shared/protocol/frames.js';
import { DEFAULT_DEMO_USER_ID, demoUser, demoUserToken, randomTokenSeed, startSimServer, type SimServer, type SimServerOptions } from '../sim/index.js';
import { COMMAND_WAIT_MS } from '../../src-shared/api/commands.js';
import { createApiService, type ApiService } from './api/api-service.js';
import type { Session } from './api/session.js';
import { createFeedSessions } from './feed-session.js';
import type { CoreConfig } from './config.js';
import { createCoreContext, type CoreFeed } from './core-context.js';
import { FeedClient, type FeedClientStatus, type FeedSink } from './feed/feed-client.js';
import { wsFeedSocket, SYSTEM_FEED_TIMING } from './feed/ws-socket.js';
import { createLiveFloor } from './floor-state/live-floor.js';
import { CHECKPOINT_DIR_NAME } from './floor-state/checkpoint-file.js';
import { createHistoryApi } from './history/history-api.js';
import { createCachedDataReader } from './live-views/cached-data.js';
import { createInsightsArea } from './insights/insights-area.js';
import { createLiveInsightsApi } from './live-insights/live-insights-api.js';
import { createStatusPublisher } from './live-views/status-publisher.js';
import { createStoreSink, describeRecovery, withCacheHealth } from './store-sink.js';
import { openStore, type Store } from './store/store.js';
import { startWalCheckpointer } from './store/wal-checkpointer.js';
import { createWalReaderGate } from './store/wal-reader-gate.js';
import { timedStep } from './logging/timed-step.js';
import { createStartGate } from './runtime/start-gate.js';
import { AREA_LOCAL_TABLES, AREA_MIGRATIONS } from './area-migrations.js';
import { createWallboardApi } from './wallboard/wallboard-api.js';
import { createManagementApi } from './management/management-api.js';
import { createStaffingApi } from './staffing/staffing-api.js';
import { createReplayApi } from './replay/replay-api.js';
import { createAlertsApi } from './alerts/alerts-api.js';
import { createReportsApi } from './reports/reports-api.js';
import { createReportRenderer, type InsightsReader } from './reports/report-render.js';
import { unavailablePdfRenderer } from './reports/pdf-renderer.js';
import { createDashboardHandlers } from './insights/dashboards-handlers.js';
import { createExportHandlers } from './insights/export-handlers.js';
import { insightQuerySchema, type DashboardRecord, type InsightResult } from '../../src-shared/api/insights.js';
import type { Result } from '../../src-shared/result.js';
import { createFileSecretVault } from './secrets/secret-vault.js';

/** A core started without a PDF renderer says so in the reports that ask for a PDF. */
const NO_PDF_RENDERER = unavailablePdfRenderer('this console has no way to draw a PDF');

/** The version users see and the feed is told, from package.json so the two never disagree. */
export const APP_VERSION: string = packageJson.version;

export interface Core {
  readonly api: ApiService;
  /**
   * The console's session: the user the feed's last welcome named; before any welcome the user this
   * cache last saw; else LEAST_PRIVILEGE_SESSION. Role and scope come from the feed only.
   */
  session(): Session;
  /** Called when the feed names another user (the host then closes its console sockets). */
  onSessionChange(listener: (session: Session) => void): () => void;
  readonly store: Store;
  /** Present when the embedded simulator is the feed. */
  readonly simulator: SimServer | null;
  feedStatus(): FeedStatus;
  close(): Promise<void>;
}

interface FeedEndpoint {
  readonly url: string;
  readonly token: string;
  /** How the feed is named in the status (no credentials). */
  readonly label: string;
  readonly simulator: SimServer | null;
}

/**
 * Live events the embedded simulator keeps for replay. It runs inside this process, so its buffer
 * is this process's memory: a reconnect later than this many events gets a snapshot instead.
 */
export const EMBEDDED_REPLAY_BUFFER_EVENTS = 100_000;
/** How long the start waits for the embedded simulator's welcome (it comes in milliseconds). */
const EMBEDDED_WELCOME_WAIT_MS = 10_000;

/** How the core starts its embedded simulator: on a free port, with a bounded replay buffer, its tokens derived from `tokenSeed`. */
export function embeddedSimulatorOptions(feed: Extract<CoreConfig['feed'], { kind: 'embedded-simulator' }>, tokenSeed: string): SimServerOptions {
  return {
    port: 0,
    tokenSeed,
    seed: feed.seed ?? 1,
    speed: feed.speed ?? 1,
    replayBufferSize: EMBEDDED_REPLAY_BUFFER_EVENTS,
    floor: { agents: feed.agents, queues: feed.queues, startTime: feed.startTime },
  };
}

/** The feed to connect to: the configured one, or an embedded simulator started now, signed in as the chosen demo user. */
async function feedEndpoint(feed: CoreConfig['feed']): Promise<FeedEndpoint> {
  if (feed.kind === 'embedded-simulator') {
    const userId = feed.user ?? DEFAULT_DEMO_USER_ID;
    if (demoUser(userId) === null) throw new Error(`Unknown demo user "${userId}"`);
    // Only this process knows the seed: the console's token is the chosen user's, nobody else's.
    const tokenSeed = randomTokenSeed();
    const simulator = await startSimServer(embeddedSimulatorOptions(feed, tokenSeed));
    return { url: simulator.url, token: demoUserToken(tokenSeed, userId), label: 'embedded simulator', simulator };
  }
  return { url: feed.url, token: feed.token, label: displayUrl(feed.url), simulator: null };
}

/** When the feed was last heard: now while live, else its last frame; floor time runs on from it. */
function lastHeardAt(status: FeedClientStatus): number {
  return status.connection === 'live' ? Date.now() : (status.lastFrameAt ?? Date.now());
}

/**
 * The store sink, telling listeners which events each backfill frame stored once it has (they never
 * reach the live floor; the history area gives their conversations search facts, ADR 0051). A
 * listener's failure is logged, never the frame's: the backfill goes on.
 */
export function createBackfillNotice(sink: Required<FeedSink>): { readonly sink: Required<FeedSink>; onEvents(listener: (events: readonly FloorEvent[]) => void): () => void } {
  const listeners = new Set<(events: readonly FloorEvent[]) => void>();
  const backfill: Required<FeedSink>['backfill'] = (batch) => {
    sink.backfill(batch);
    for (const listener of listeners) {
      try {
        listener(batch.events);
      } catch (error) {
        console.error('[core] a backfill listener failed:', error);
      }
    }
  };
  return {
    sink: { ...sink, backfill },
    onEvents(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Builds the whole core from its configuration; the only place where the parts meet. */
export async function createCore(config: CoreConfig): Promise<Core> {
  mkdirSync(config.dataDir, { recursive: true });
  const store = openStore({ path: join(config.dataDir, 'floorwatch.db'), nativeBinding: config.nativeBinding, migrations: AREA_MIGRATIONS, localTables: AREA_LOCAL_TABLES });
  if (store.recovery) console.error(`[core] ${describeRecovery(store.recovery)}`);
  // Copies the WAL into the database from its own thread, so ingest's commits and the close do not.
  // The searches' reads wait at this gate while the WAL is past its bound (store/wal-reader-gate.ts).
  const walReaderGate = createWalReaderGate();
  const walCheckpointer = startWalCheckpointer({
    path: store.path,
    readerGate: walReaderGate,
    emptyWal: () => store.emptyWal(),
    nativeBinding: config.nativeBinding,
    onError: (message) => console.error(`[core] ${message}; the WAL is checkpointed by the writer alone`),
  });
  void store.backgroundCheck?.then((result) => {
    if (result !== 'ok') console.error(`[core] the background integrity check found damage; the cache is rebuilt at the next start: ${result.slice(0, 500)}`);
  });

  const endpoint = await feedEndpoint(config.feed);
  const backfillStored = createBackfillNotice(createStoreSink(store));
  // The feed stores each frame through the sink before it tells anyone; then the floor moves on.
  const feed = new FeedClient({
    url: endpoint.url,
    token: endpoint.token,
    clientName: 'floorwatch',
    clientVersion: APP_VERSION,
    connect: wsFeedSocket,
    ...SYSTEM_FEED_TIMING,
    sink: backfillStored.sink,
    commandTimeoutMs: COMMAND_WAIT_MS.feed,
  });
  const sessions = createFeedSessions(store);
  feed.onUserChange((user) => sessions.adopt(user));
  const floor = createLiveFloor({ store, heardAt: () => lastHeardAt(feed.status()), checkpointDir: join(config.dataDir, CHECKPOINT_DIR_NAME) });
  feed.onEvents(floor.applyEvents);
  feed.onSnapshot(floor.applySnapshot);

  const cachedData = createCachedDataReader(store);
  const feedStatus = (): FeedStatus => withCacheHealth(store, { ...feed.status(), now: Date.now(), feed: endpoint.label }, cachedData.read());
  const coreFeed: CoreFeed = {
    sendCommand: (commandId, command, options) => feed.sendCommand(commandId, command, options),
    auditAnchor: () => feed.auditAnchor(),
    requestBackfill: (request) => feed.requestBackfill(request),
    status: feedStatus,
    onStatus: (listener) => feed.onStatus(() => listener()),
    onBackfillEvents: backfillStored.onEvents,
  };
  const startGate = createStartGate();
  const context = createCoreContext({ store, dataDir: config.dataDir, feed: coreFeed, floor, afterStart: startGate.afterStart, ...(config.secrets ? { secrets: config.secrets } : {}) });

  const liveInsights = createLiveInsightsApi(context);
  const alerts = createAlertsApi(context);
  feed.onSnapshot((snapshot) => alerts.applySnapshot(snapshot.events));
  // Historical Insights: the engine's figures, saved dashboards, and exports that ask the engine.
  const insights = createInsightsArea(context, (engine) => [
    createDashboardHandlers({ store, audit: context.audit }),
    createExportHandlers({ dataDir: config.dataDir, audit: context.audit, run: (access, query) => engine.query(access, query) }),
  ]);
  // Reports read the dashboards' figures through the insights area's own handlers, with each
  // schedule owner's access, exactly as the dashboard view asks them.
  const insightsReader: InsightsReader = {
    dashboard: (access, dashboardId) => insights.queries['insights.dashboard'](access, { type: 'insights.dashboard', dashboardId }) as Result<DashboardRecord>,
    query: (access, query) => insights.queries['insights.query'](access, { type: 'insights.query', query: insightQuerySchema.parse(query) }) as Result<InsightResult>,
  };
  const reports = createReportsApi({
    store,
    vault: config.secrets ?? createFileSecretVault(join(config.dataDir, 'secrets')),
    audit: context.audit,
    render: createReportRenderer(() => insightsReader, { pdf: config.pdf ?? NO_PDF_RENDERER }),
    dashboardName: (access, dashboardId) => {
      const record = insightsReader.dashboard(access, dashboardId);
      return record.ok ? record.value.name : null;
    },
  });
  const service = createApiService({
    store,
    overview: liveInsights.overview,
    status: createStatusPublisher(coreFeed),
    appVersion: APP_VERSION,
    areas: {
      live: liveInsights,
      history: createHistoryApi(context, { walReaderGate, ...(config.nativeBinding === undefined ? {} : { nativeBinding: config.nativeBinding }) }),
      wallboard: createWallboardApi(context),
      management: createManagementApi(context),
      staffing: createStaffingApi(context),
      replay: createReplayApi(context),
      alerts,
      insights,
      reports,
    },
  });

  // The first answered query opens the start gate: background passes begin after the first screen's data.
  const api: ApiService = {
    ...service,
    query: (session, query, origin) => {
      const answer = service.query(session, query, origin);
      void Promise.resolve(answer).then(startGate.open, startGate.open);
      return answer;
    },
  };

  const welcomed = new Promise<void>((resolve) => {
    const stop = feed.onUserChange(() => {
      stop();
      resolve();
    });
  });
  feed.start();
  // The embedded feed is in this process and answers at once: wait for it to say who the user is,
  // so the first console socket already has that user's session. A remote feed may be unreachable:
  // the console starts with the user this cache last saw and follows the welcome when it comes.
  if (endpoint.simulator !== null) await Promise.race([welcomed, new Promise((resolve) => setTimeout(resolve, EMBEDDED_WELCOME_WAIT_MS).unref())]);

  const backfillDays = config.backfillDays ?? 0;
  if (backfillDays > 0 && !store.streamPosition(HISTORY_STREAM)) {
    const until = Date.now();
    feed.requestBackfill({ since: until - backfillDays * 86_400_000, until, maxEvents: 5_000_000 });
  }

  return {
    api,
    session: () => sessions.current(),
    onSessionChange: (listener) => sessions.onChange(listener),
    store,
    simulator: endpoint.simulator,
    feedStatus,
    async close() {
      startGate.close();
      // The feed first: nothing new arrives while the areas stop, so none of them chases a moving
      // floor. Its events are stored when stop() returns; the closing handshake with the server is
      // a courtesy the close does not wait for (the next connection resumes from what is stored).
      timedStep('close', 'feed stopped', () => void feed.stop());
      timedStep('close', 'reports stopped', () => reports.close());
      await api.close();
      timedStep('close', 'live floor checkpointed', () => floor.checkpoint());
      timedStep('close', 'WAL checkpoint worker stopped', () => walCheckpointer.stop());
      timedStep('close', 'store closed', () => store.close());
      await timedStep('close', 'embedded simulator stopped', async () => endpoint.simulator?.close());
    },
  };
}
