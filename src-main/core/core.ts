/**
 * The core, composed: feed client → store (ingest) → live floor → live views → API service.
 * Plain Node; the host and the Electron utility process both run exactly this.
 */
import { randomBytes } from 'node:crypto';
import packageJson from '../../package.json' with { type: 'json' };
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedStatus } from '../../src-shared/api/live.js';
import { HISTORY_STREAM } from '../../src-shared/protocol/frames.js';
import { startSimServer, type SimServer } from '../sim/index.js';
import { COMMAND_WAIT_MS } from '../../src-shared/api/commands.js';
import { createApiService, type ApiService } from './api/api-service.js';
import type { Session } from './api/session.js';
import type { CoreConfig } from './config.js';
import { createCoreContext, type CoreFeed } from './core-context.js';
import { FeedClient, type FeedClientStatus } from './feed/feed-client.js';
import { wsFeedSocket } from './feed/ws-socket.js';
import { createLiveFloor } from './floor-state/live-floor.js';
import { createHistoryApi } from './history/history-api.js';
import { createLiveInsightsApi } from './live-insights/live-insights-api.js';
import { createStatusPublisher } from './live-views/status-publisher.js';
import { createStoreSink } from './store-sink.js';
import { openStore, type Store } from './store/store.js';
import { AREA_MIGRATIONS } from './area-migrations.js';
import { createWallboardApi } from './wallboard/wallboard-api.js';

/** The version users see and the feed is told, from package.json so the two never disagree. */
export const APP_VERSION: string = packageJson.version;

export interface Core {
  readonly api: ApiService;
  readonly defaultSession: Session;
  /** Who this core's feed says the user is (until the feed names users: the configured one). */
  session(): Session;
  /** Called when the feed names another user; returns the way to stop listening. */
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

/** The feed to connect to: the configured one, or an embedded simulator started now. */
async function feedEndpoint(feed: CoreConfig['feed']): Promise<FeedEndpoint> {
  if (feed.kind === 'embedded-simulator') {
    const token = randomBytes(18).toString('base64url');
    const simulator = await startSimServer({
      port: 0,
      token,
      seed: feed.seed ?? 1,
      speed: feed.speed ?? 1,
      floor: { agents: feed.agents, queues: feed.queues, startTime: feed.startTime },
    });
    return { url: simulator.url, token, label: 'embedded simulator', simulator };
  }
  const shown = new URL(feed.url);
  shown.username = '';
  shown.password = '';
  shown.search = '';
  return { url: feed.url, token: feed.token, label: shown.toString(), simulator: null };
}

/** When the feed was last heard: now while live, else its last frame; floor time runs on from it. */
function lastHeardAt(status: FeedClientStatus): number {
  return status.connection === 'live' ? Date.now() : (status.lastFrameAt ?? Date.now());
}

/** Builds the whole core from its configuration; the only place where the parts meet. */
export async function createCore(config: CoreConfig): Promise<Core> {
  mkdirSync(config.dataDir, { recursive: true });
  const store = openStore({ path: join(config.dataDir, 'floorwatch.db'), nativeBinding: config.nativeBinding, migrations: AREA_MIGRATIONS });
  if (store.recovery) console.error(`[core] the cache was damaged (${store.recovery.reason}); moved to ${store.recovery.movedTo} and rebuilding from the feed.`);
  void store.backgroundCheck?.then((result) => {
    if (result !== 'ok') console.error(`[core] the background integrity check found damage; the cache is rebuilt at the next start: ${result.slice(0, 500)}`);
  });

  const endpoint = await feedEndpoint(config.feed);
  // The feed stores each frame through the sink before it tells anyone; then the floor moves on.
  const feed = new FeedClient({
    url: endpoint.url,
    token: endpoint.token,
    clientName: 'floorwatch',
    clientVersion: APP_VERSION,
    connect: wsFeedSocket,
    now: Date.now,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    random: Math.random,
    sink: createStoreSink(store),
    commandTimeoutMs: COMMAND_WAIT_MS.feed,
  });
  const floor = createLiveFloor({ store, heardAt: () => lastHeardAt(feed.status()) });
  feed.onEvents(floor.applyEvents);
  feed.onSnapshot(floor.applySnapshot);

  const feedStatus = (): FeedStatus => ({ ...feed.status(), now: Date.now(), feed: endpoint.label });
  const coreFeed: CoreFeed = {
    sendCommand: (commandId, command) => feed.sendCommand(commandId, command),
    requestBackfill: (request) => feed.requestBackfill(request),
    status: feedStatus,
    onStatus: (listener) => feed.onStatus(() => listener()),
  };
  const context = createCoreContext({ store, dataDir: config.dataDir, feed: coreFeed, floor });

  const liveInsights = createLiveInsightsApi(context);
  const api = createApiService({
    store,
    overview: liveInsights.overview,
    status: createStatusPublisher(coreFeed),
    appVersion: APP_VERSION,
    areas: {
      live: liveInsights,
      history: createHistoryApi(context),
      wallboard: createWallboardApi(context),
    },
  });

  const user = config.user ?? { userId: 'supervisor', displayName: 'Supervisor', role: 'wfm_leader' as const, queueScope: null };
  feed.start();

  const backfillDays = config.backfillDays ?? 0;
  if (backfillDays > 0 && !store.streamPosition(HISTORY_STREAM)) {
    const until = Date.now();
    feed.requestBackfill({ since: until - backfillDays * 86_400_000, until, maxEvents: 5_000_000 });
  }

  return {
    api,
    defaultSession: user,
    session: () => user,
    onSessionChange: () => () => undefined,
    store,
    simulator: endpoint.simulator,
    feedStatus,
    async close() {
      await api.close();
      await feed.stop();
      floor.checkpoint();
      store.close();
      await endpoint.simulator?.close();
    },
  };
}
