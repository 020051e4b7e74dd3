/** Puts a user in a cache as the last one its feed named, so a console started offline runs as that user. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AREA_MIGRATIONS } from '../../src-main/core/area-migrations.js';
import { cacheDirFor } from '../../src-main/core/connections/cache-key.js';
import { LAST_FEED_USER_SETTING } from '../../src-main/core/feed-session.js';
import { openStore } from '../../src-main/core/store/store.js';
import type { FeedUser } from '../../src-shared/protocol/frames.js';

/** Into the cache at `cacheDir` (a core started on that directory). */
export function rememberFeedUser(cacheDir: string, user: FeedUser): void {
  mkdirSync(cacheDir, { recursive: true });
  const store = openStore({ path: join(cacheDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  try {
    store.setSetting(LAST_FEED_USER_SETTING, user);
  } finally {
    store.close();
  }
}

/** Into the cache a console host on `dataDir` keeps for this remote feed (one cache per feed and token). */
export function rememberHostFeedUser(dataDir: string, feed: { readonly url: string; readonly token: string }, user: FeedUser): string {
  const cacheDir = cacheDirFor(dataDir, { kind: 'remote', url: feed.url, token: feed.token });
  rememberFeedUser(cacheDir, user);
  return cacheDir;
}
