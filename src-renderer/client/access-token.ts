/**
 * The host hands the browser its access token in the URL fragment (`#token=...`): fragments are
 * never sent to servers or written to access logs. The page keeps it in sessionStorage so a
 * reload works, and takes it out of the address bar so it is not shared with a screenshot.
 */

export const TOKEN_STORAGE_KEY = 'floorwatch.apiToken';

export interface FragmentToken {
  /** The token, or null when the fragment carries none. */
  readonly token: string | null;
  /** The fragment without the token ("" when nothing else was in it), including its leading '#'. */
  readonly remainingHash: string;
}

/**
 * Splits the token out of a location hash, keeping everything else: either a bare parameter list
 * (`#token=…&view=…`) or a route with parameters (`#/wallboard?token=…`, a TV's device link).
 */
export function extractTokenFromFragment(hash: string): FragmentToken {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.length === 0) return { token: null, remainingHash: '' };
  const routed = body.startsWith('/');
  const queryAt = routed ? body.indexOf('?') : -1;
  if (routed && queryAt < 0) return { token: null, remainingHash: `#${body}` };
  const path = routed ? body.slice(0, queryAt) : '';
  const params = new URLSearchParams(routed ? body.slice(queryAt + 1) : body);
  const raw = params.get('token');
  if (raw === null) return { token: null, remainingHash: `#${body}` };
  params.delete('token');
  const rest = params.toString();
  const token = raw.trim();
  const remainingHash = routed ? `#${path}${rest.length > 0 ? `?${rest}` : ''}` : rest.length > 0 ? `#${rest}` : '';
  return { token: token.length > 0 ? token : null, remainingHash };
}

/** The parts of `window` the token hand-off touches; injected so the shell stays testable. */
export interface TokenEnvironment {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
  readonly sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * Takes the token from the fragment (storing it and cleaning the address bar) or, after a
 * reload, from sessionStorage. Returns null when neither has one.
 */
export function takeAccessToken(environment: TokenEnvironment): string | null {
  const { token, remainingHash } = extractTokenFromFragment(environment.location.hash);
  if (token !== null) {
    storeToken(environment, token);
    const { pathname, search } = environment.location;
    environment.history.replaceState(null, '', `${pathname}${search}${remainingHash}`);
    return token;
  }
  try {
    return environment.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

function storeToken(environment: Pick<TokenEnvironment, 'sessionStorage'>, token: string): void {
  try {
    environment.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Storage can be disabled; the token still works for this page load.
  }
}

/** The page's current token: what it was opened with, until a rotation replaces it. */
export interface AccessTokenHolder {
  current(): string | null;
  /** After the console token was rotated: the next connection uses `token`, and so does a reload. */
  replace(token: string): void;
}

/**
 * Holds the page's token for the WebSocket client, which reads it at every (re)connect.
 * Kept in memory as well as in sessionStorage, which may be disabled.
 */
export function createAccessTokenHolder(environment: Pick<TokenEnvironment, 'sessionStorage'>, initial: string | null): AccessTokenHolder {
  let token = initial;
  return {
    current: () => token,
    replace(next) {
      token = next;
      storeToken(environment, next);
    },
  };
}
