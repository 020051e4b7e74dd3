/** Puts a user in a cache as the last one its feed named, so a console started offline runs as that user. */
import { join } from 'node:path';
import { AREA_MIGRATIONS } from '../../src-main/core/area-migrations.js';
import { LAST_FEED_USER_SETTING } from '../../src-main/core/feed-session.js';
import { openStore } from '../../src-main/core/store/store.js';
import type { FeedUser } from '../../src-shared/protocol/frames.js';

export function rememberFeedUser(dataDir: string, user: FeedUser): void {
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  try {
    store.setSetting(LAST_FEED_USER_SETTING, user);
  } finally {
    store.close();
  }
}
