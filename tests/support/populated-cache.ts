/**
 * A data directory holding cached history, for offline tests: runs the real host with the
 * embedded simulator, asks it for days of history (backfill), waits until the backfill is
 * reported done, and stops the host. The directory then opens like a laptop's cache on a train.
 */
import WebSocket from 'ws';
import type { FeedStatus } from '../../src-shared/api/live.js';
import type { CacheInfo } from '../../src-shared/api/history.js';
import { createWebSocketClient, type WebSocketLike } from '../../src-renderer/client/ws-client.js';
import type { ConsoleClient } from '../../src-renderer/client/console-client.js';
import { loadSimulator, startHostProcess, tempDir, type HostProcess } from './host-process.js';

export interface PopulatedCache {
  readonly dataDir: string;
  /** What the host reported about the cache before it stopped (null when the core cannot say). */
  readonly cacheInfo: CacheInfo | null;
  readonly backfill: FeedStatus['backfill'];
  /**
   * Host flags naming the feed that filled the cache, now gone: each feed has its own cache (ADR
   * 0017), so an offline start names the same feed and token and finds this data.
   */
  readonly offlineArgs: readonly string[];
}

export interface PopulateOptions {
  readonly days?: number;
  readonly seed?: number;
  /** Fewer agents make fewer conversations per simulated day: a smaller, faster cache. */
  readonly agents?: number;
  readonly timeoutMs?: number;
}

/** The console's API client, from Node, with the token the host put in its console URL. */
export function connectToHost(host: HostProcess): ConsoleClient {
  const url = new URL(host.consoleUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  if (token === null) throw new Error(`no token in the console URL ${host.consoleUrl}`);
  const apiUrl = `ws://${url.host}/api`;
  return createWebSocketClient({
    url: apiUrl,
    token,
    createSocket: (address, protocols) => new WebSocket(address, protocols, { origin: host.origin }) as unknown as WebSocketLike,
  });
}

/** Resolves with the first status the predicate accepts; rejects at the deadline with the last status seen. */
export function waitForStatus(client: ConsoleClient, accept: (status: FeedStatus) => boolean, timeoutMs: number, what: string): Promise<FeedStatus> {
  return new Promise((resolve, reject) => {
    let last: FeedStatus | null = null;
    let stop: () => void = () => undefined;
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`Timed out waiting for ${what}; last status: ${JSON.stringify(last)}`));
    }, timeoutMs);
    stop = client.subscribe(
      { topic: 'status' },
      (status) => {
        last = status;
        if (accept(status)) {
          clearTimeout(timer);
          stop();
          resolve(status);
        }
      },
      (error) => {
        clearTimeout(timer);
        stop();
        reject(new Error(`status subscription refused: ${error}`));
      },
    );
  });
}

export interface CachedPast {
  readonly backfill: FeedStatus['backfill'];
  readonly cacheInfo: CacheInfo | null;
}

/**
 * Waits until a running host has the past its feed was asked for (--backfill-days): the backfill
 * reported done and every figure of the cache computed by the background pass, so Historical
 * Insights shows figures, not "not known". Rejects when the backfill fails or at the deadline.
 */
export async function awaitCachedPast(host: HostProcess, timeoutMs: number): Promise<CachedPast> {
  const deadline = Date.now() + timeoutMs;
  const client = connectToHost(host);
  try {
    const status = await waitForStatus(client, (candidate) => candidate.backfill.state === 'done' || candidate.backfill.state === 'failed', timeoutMs, 'the backfill to finish');
    if (status.backfill.state === 'failed') throw new Error(`backfill failed: ${status.backfill.error ?? 'no reason given'}\n${host.output()}`);
    for (;;) {
      const info = await client.query({ type: 'history.cacheInfo' });
      if (!info.ok || !info.value.figuresPending) return { backfill: status.backfill, cacheInfo: info.ok ? info.value : null };
      if (Date.now() > deadline) throw new Error('Timed out waiting for the cache to compute its figures');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    client.close();
  }
}

/** A host on a live simulated floor, with days of that floor's history cached and computed. */
export interface PopulatedFloor extends CachedPast {
  readonly host: HostProcess;
  readonly dataDir: string;
  /** The host flags naming the floor's feed (its cache is that feed's, ADR 0017). */
  readonly feedArgs: readonly string[];
  /** Stops the host, then the floor. */
  stop(): Promise<void>;
}

/** Starts a simulated floor and a host on it that has cached `days` of its history (figures computed). */
export async function startPopulatedFloor(options: PopulateOptions = {}): Promise<PopulatedFloor> {
  const days = options.days ?? 2;
  const timeoutMs = options.timeoutMs ?? 150_000;
  const dataDir = tempDir('cache');
  const { startSimServer } = await loadSimulator();
  const token = 'populated-cache-feed';
  const simulator = await startSimServer({ port: 0, token, seed: options.seed ?? 11, floor: options.agents === undefined ? {} : { agents: options.agents } });
  const feedArgs = ['--feed-url', simulator.url, '--feed-token', token];
  let host: HostProcess | null = null;
  try {
    host = await startHostProcess(['--backfill-days', String(days), ...feedArgs], { dataDir });
    const past = await awaitCachedPast(host, timeoutMs);
    const running = host;
    return {
      ...past,
      host: running,
      dataDir,
      feedArgs,
      async stop() {
        await running.stop();
        await simulator.close();
      },
    };
  } catch (error) {
    await host?.stop();
    await simulator.close();
    throw error;
  }
}

/** Fills a fresh data directory with `days` of simulated history and stops the host and floor that did it. */
export async function populateCache(options: PopulateOptions = {}): Promise<PopulatedCache> {
  const floor = await startPopulatedFloor(options);
  await floor.stop();
  return { dataDir: floor.dataDir, cacheInfo: floor.cacheInfo, backfill: floor.backfill, offlineArgs: floor.feedArgs };
}
