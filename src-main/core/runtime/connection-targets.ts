/**
 * From a saved connection to what a core is started with: the feed, the user and the data dir of
 * that connection's own cache (ADR 0017). Pure apart from reading the token from the settings.
 */
import type { ConnectionSummary } from '../../../src-shared/api/connection.js';
import { cacheDirFor } from '../connections/cache-key.js';
import { displayUrl, EMBEDDED_CONNECTION_ID, summarize, type ConnectionSettings } from '../connections/connection-settings.js';
import type { CoreConfig, FeedConfig } from '../config.js';

/** The connection id of a feed given by --feed-url / FLOORWATCH_FEED_URL: for this run only, never saved. */
export const FLAGS_CONNECTION_ID = 'flags';

export interface ConnectionTarget {
  readonly summary: ConnectionSummary;
  readonly config: CoreConfig;
  /** Where the connection's cache lives (the core's data dir). */
  readonly cacheDir: string;
}

/** The simulated floor as the flags describe it (seed, speed…), else its defaults. */
function embeddedFeed(base: CoreConfig): Extract<FeedConfig, { kind: 'embedded-simulator' }> {
  return base.feed.kind === 'embedded-simulator' ? base.feed : { kind: 'embedded-simulator' };
}

/** The summary of the flags' feed: shown as the current connection for this run. */
export function flagsSummary(base: CoreConfig): ConnectionSummary | null {
  if (base.feed.kind !== 'remote') return null;
  return { connectionId: FLAGS_CONNECTION_ID, kind: 'remote', label: 'Set by --feed-url for this run', url: displayUrl(base.feed.url), demoUserId: null, hasToken: base.feed.token.length > 0 };
}

/** What the core of `connectionId` starts with, or null when no such connection is known. */
export function targetFor(options: {
  readonly base: CoreConfig;
  readonly settings: ConnectionSettings;
  readonly connectionId: string;
}): ConnectionTarget | null {
  const { base, settings } = options;
  if (options.connectionId === FLAGS_CONNECTION_ID) {
    const summary = flagsSummary(base);
    if (summary === null || base.feed.kind !== 'remote') return null;
    const cacheDir = cacheDirFor(base.dataDir, { kind: 'remote', url: base.feed.url, token: base.feed.token });
    return { summary, cacheDir, config: { ...base, dataDir: cacheDir } };
  }
  const stored = settings.get(options.connectionId);
  if (stored === null) return null;
  if (stored.kind === 'embedded' || stored.url === null) {
    const flagsFeed = embeddedFeed(base);
    // --user wins for this run; else the demo user chosen for the simulated floor. The feed then names them.
    const user = flagsFeed.user ?? stored.demoUserId ?? undefined;
    const feed = user === undefined ? flagsFeed : { ...flagsFeed, user };
    const cacheDir = cacheDirFor(base.dataDir, { kind: 'embedded', demoUserId: user ?? null, seed: feed.seed ?? 1 });
    return { summary: summarize(stored, false), cacheDir, config: { ...base, dataDir: cacheDir, feed } };
  }
  const token = settings.token(stored.connectionId) ?? '';
  const cacheDir = cacheDirFor(base.dataDir, { kind: 'remote', url: stored.url, token });
  return { summary: summarize(stored, token.length > 0), cacheDir, config: { ...base, dataDir: cacheDir, feed: { kind: 'remote', url: stored.url, token } } };
}

/** The connection a console starts on: the flags' feed, else the one chosen last, else the simulated floor. */
export function startingConnectionId(base: CoreConfig, settings: ConnectionSettings): string {
  if (base.feed.kind === 'remote') return FLAGS_CONNECTION_ID;
  return settings.currentId() ?? EMBEDDED_CONNECTION_ID;
}
