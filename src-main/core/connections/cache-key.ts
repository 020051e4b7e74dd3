/**
 * A cache per connection (ADR 0017): each feed and each token (each user) gets its own directory
 * under the data dir, so two feeds' or two users' data never meet in one database. The key is a
 * hash: the directory name says which cache it is without saying the token.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const CACHES_DIR = 'caches';

/** What decides a cache: the simulated floor by its demo user and seed, a remote feed by its address and token. */
export type CacheIdentity =
  | { readonly kind: 'embedded'; readonly demoUserId: string | null; readonly seed: number }
  | { readonly kind: 'remote'; readonly url: string; readonly token: string };

function digest(parts: readonly string[], length: number): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, length);
}

/** The directory name of a connection's cache: stable for the same feed and token, different otherwise. */
export function cacheKeyFor(identity: CacheIdentity): string {
  if (identity.kind === 'embedded') return `simulated-${digest(['embedded', identity.demoUserId ?? '', String(identity.seed)], 16)}`;
  return `feed-${digest(['remote', new URL(identity.url).toString(), identity.token], 24)}`;
}

/** Where a connection's cache lives: `<dataDir>/caches/<key>` (the core's data dir for that connection). */
export function cacheDirFor(dataDir: string, identity: CacheIdentity): string {
  return join(dataDir, CACHES_DIR, cacheKeyFor(identity));
}
