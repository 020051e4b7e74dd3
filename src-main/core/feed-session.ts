/**
 * The console's session, from the feed and nothing else: the user the feed's last welcome named
 * (protocol v1.1); before any welcome, the user this cache last saw; a feed that names nobody (v1)
 * gets the least privilege. Remembered in the cache so an offline start shows the last user.
 */
import { feedUserSchema, type FeedUser } from '../../src-shared/protocol/frames.js';
import { errorMessage } from '../../src-shared/errors.js';
import { LEAST_PRIVILEGE_SESSION, type Session, type SessionSource } from './api/session.js';
import type { Store } from './store/store.js';

/** The settings row that remembers the last user the feed named. */
export const LAST_FEED_USER_SETTING = 'feed.lastUser';

/** The session a feed user stands for. */
export function sessionOf(user: FeedUser | null): Session {
  if (user === null) return LEAST_PRIVILEGE_SESSION;
  return { userId: user.userId, displayName: user.name, role: user.role, queueScope: user.queueScope === null ? null : [...user.queueScope] };
}

function sameSession(a: Session, b: Session): boolean {
  const scope = (session: Session): string | null => (session.queueScope === null ? null : session.queueScope.join('\u0000'));
  return a.userId === b.userId && a.displayName === b.displayName && a.role === b.role && scope(a) === scope(b);
}

export interface FeedSessions extends SessionSource {
  /** Takes the user a welcome named (null: the feed named nobody). */
  adopt(user: FeedUser | null): void;
}

/** The session kept from the feed's welcomes, starting from what the cache remembers. */
export function createFeedSessions(store: Pick<Store, 'getSetting' | 'setSetting'>): FeedSessions {
  const listeners = new Set<(session: Session) => void>();
  let remembered: FeedUser | null = null;
  try {
    // A row that does not read as a user (edited, or from another version) counts as none.
    const parsed = feedUserSchema.safeParse(store.getSetting<unknown>(LAST_FEED_USER_SETTING));
    remembered = parsed.success ? parsed.data : null;
  } catch (error) {
    console.error(`[core] the last feed user could not be read: ${errorMessage(error)}`);
  }
  let current = sessionOf(remembered);
  return {
    current: () => current,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    adopt(user) {
      try {
        store.setSetting(LAST_FEED_USER_SETTING, user);
      } catch (error) {
        // The session still changes; only the next offline start will not know this user.
        console.error(`[core] the feed user could not be remembered: ${errorMessage(error)}`);
      }
      const next = sessionOf(user);
      if (sameSession(current, next)) return;
      current = next;
      for (const listener of [...listeners]) {
        try {
          listener(next);
        } catch (error) {
          console.error(`[core] a session listener failed: ${errorMessage(error)}`);
        }
      }
    },
  };
}
