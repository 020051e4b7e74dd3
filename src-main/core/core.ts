/**
 * The core, composed: feed client → ingest (SQLite) → live state → API service.
 * Plain Node; the host and the Electron utility process both run exactly this.
 */
import { randomBytes } from 'node:crypto';
import packageJson from '../../package.json' with { type: 'json' };
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedStatus } from '../../src-shared/api/live.js';
import { HISTORY_STREAM, LIVE_STREAM } from '../../src-shared/protocol/frames.js';
import type { FloorEvent } from '../../src-shared/protocol/events.js';
import { startSimServer, type SimServer } from '../sim/index.js';
import { COMMAND_WAIT_MS } from '../../src-shared/api/commands.js';
import { createApiService, type ApiService } from './api/api-service.js';
import { createOverviewPublisher } from './api/overview-publisher.js';
import type { Session } from './api/session.js';
import type { CoreConfig } from './config.js';
import type { CoreContext, LiveChange } from './core-context.js';
import { createHistoryApi } from './history/history-api.js';
import { createLiveInsightsApi } from './live-insights/live-insights-api.js';
import { createWallboardApi } from './wallboard/wallboard-api.js';
import { FeedClient, type FeedSink } from './feed/feed-client.js';
import { wsFeedSocket } from './feed/ws-socket.js';
import { createStoreSink } from './store-sink.js';
import { applyEventsTracked, applySnapshot, createLiveState } from './floor-state/reducer.js';
import { deserializeLiveState, serializeLiveState, type LiveState } from './floor-state/state.js';
import { openStore, type Store } from './store/store.js';
import { AREA_MIGRATIONS } from './area-migrations.js';

/** The version users see and the feed is told, from package.json so the two never disagree. */
export const APP_VERSION: string = packageJson.version;

export interface Core {
  readonly api: ApiService;
  readonly defaultSession: Session;
  readonly store: Store;
  /** Present when the embedded simulator is the feed. */
  readonly simulator: SimServer | null;
  feedStatus(): FeedStatus;
  close(): Promise<void>;
}

/** A checkpoint of the live state is written this often so a restart replays only the tail of the log. */
const CHECKPOINT_EVERY_MS = 30_000;
const REPLAY_PAGE = 5_000;

/** The live state as of the stored log: the last checkpoint plus the events after it. */
function rebuildLiveState(store: Store): LiveState {
  const checkpoint = store.loadCheckpoint(LIVE_STREAM);
  let state = createLiveState();
  if (checkpoint) {
    try {
      state = deserializeLiveState(checkpoint.stateJson);
    } catch {
      state = createLiveState();
    }
  }
  for (;;) {
    const events = store.readEvents(LIVE_STREAM, state.lastSeq, REPLAY_PAGE);
    if (events.length === 0) return state;
    state = applyEventsTracked(state, events).state;
  }
}

export async function createCore(config: CoreConfig): Promise<Core> {
  mkdirSync(config.dataDir, { recursive: true });
  const store = openStore({ path: join(config.dataDir, 'floorwatch.db'), nativeBinding: config.nativeBinding, migrations: AREA_MIGRATIONS });

  if (store.recovery) console.error(`[core] the cache was damaged (${store.recovery.reason}); moved to ${store.recovery.movedTo} and rebuilding from the feed.`);
  void store.backgroundCheck?.then((result) => {
    if (result !== 'ok') console.error(`[core] the background integrity check found damage; the cache is rebuilt at the next start: ${result.slice(0, 500)}`);
  });

  let live = rebuildLiveState(store);
  let lastCheckpointAt = Date.now();
  /** Floor time minus wall time at the last event, so time-driven metrics follow the floor's clock. */
  let floorOffsetMs = 0;

  const checkpoint = (): void => {
    if (!store.streamPosition(LIVE_STREAM)) return;
    store.saveCheckpoint(LIVE_STREAM, live.lastSeq, live.lastEventTime, serializeLiveState(live));
    lastCheckpointAt = Date.now();
  };

  let simulator: SimServer | null = null;
  let feedUrl: string;
  let feedToken: string;
  let feedLabel: string;
  if (config.feed.kind === 'embedded-simulator') {
    feedToken = randomBytes(18).toString('base64url');
    simulator = await startSimServer({
      port: 0,
      token: feedToken,
      seed: config.feed.seed ?? 1,
      speed: config.feed.speed ?? 1,
      floor: { agents: config.feed.agents, queues: config.feed.queues },
    });
    feedUrl = simulator.url;
    feedLabel = 'embedded simulator';
  } else {
    feedUrl = config.feed.url;
    feedToken = config.feed.token;
    const shown = new URL(feedUrl);
    shown.username = '';
    shown.password = '';
    shown.search = '';
    feedLabel = shown.toString();
  }

  const liveListeners = new Set<(change: LiveChange) => void>();
  const announce = (change: LiveChange): void => {
    for (const listener of liveListeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('[core] a live-state listener failed:', error);
      }
    }
  };

  const stored = createStoreSink(store);
  const sink: FeedSink = {
    ...stored,
    snapshot(snapshot) {
      stored.snapshot(snapshot);
      if (snapshot.stream === LIVE_STREAM) {
        live = applySnapshot(snapshot.events, snapshot.seq);
        floorOffsetMs = live.lastEventTime - Date.now();
        checkpoint();
        overview.markAllChanged();
        announce({ events: [], changedQueues: new Set(live.queues.keys()), replaced: true });
      }
    },
  };

  const feed = new FeedClient({
    url: feedUrl,
    token: feedToken,
    clientName: 'floorwatch',
    clientVersion: APP_VERSION,
    connect: wsFeedSocket,
    now: Date.now,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    random: Math.random,
    sink,
    commandTimeoutMs: COMMAND_WAIT_MS.feed,
  });

  const floorNow = (): number => {
    const status = feed.status();
    const heardAt = status.connection === 'live' ? Date.now() : (status.lastFrameAt ?? Date.now());
    return heardAt + floorOffsetMs;
  };
  const overview = createOverviewPublisher({ state: () => live, floorNow });

  feed.onEvents((events: readonly FloorEvent[]) => {
    if (events.length === 0) return;
    const { state, changedQueues } = applyEventsTracked(live, events);
    live = state;
    floorOffsetMs = live.lastEventTime - Date.now();
    overview.markChanged(changedQueues);
    announce({ events, changedQueues, replaced: false });
    if (Date.now() - lastCheckpointAt > CHECKPOINT_EVERY_MS) checkpoint();
  });

  const statusListeners = new Set<() => void>();
  feed.onStatus(() => {
    for (const listener of statusListeners) listener();
  });

  const feedStatus = (): FeedStatus => ({ ...feed.status(), now: Date.now(), feed: feedLabel });
  const onFeedStatus = (listener: () => void): (() => void) => {
    statusListeners.add(listener);
    return () => statusListeners.delete(listener);
  };

  const context: CoreContext = {
    store,
    dataDir: config.dataDir,
    overview,
    feed: {
      sendCommand: (commandId, command) => feed.sendCommand(commandId, command),
      requestBackfill: (request) => feed.requestBackfill(request),
      status: feedStatus,
      onStatus: onFeedStatus,
    },
    live: () => live,
    floorNow,
    onLiveChange(listener) {
      liveListeners.add(listener);
      return () => liveListeners.delete(listener);
    },
  };

  const api = createApiService({
    store,
    overview,
    feedStatus,
    onFeedStatus,
    appVersion: APP_VERSION,
    areas: {
      live: createLiveInsightsApi(context),
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
    store,
    simulator,
    feedStatus,
    async close() {
      overview.close();
      await api.close();
      await feed.stop();
      checkpoint();
      store.close();
      await simulator?.close();
    },
  };
}
