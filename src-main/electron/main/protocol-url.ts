/**
 * `floorwatch://` links, mapped onto the console's routes. A link comes from outside the app (a
 * browser, a chat message, a second launch's arguments), so it is parsed with `new URL` and
 * refused unless it names one of the console's views with plain path segments: no user info,
 * port, fragment, dot segments, encoded separators or control characters. The result is the URL
 * fragment without '#' (`/queue/q-1/performance`) that the renderer's router reads.
 */

/** The scheme the operating system hands to the app. */
export const PROTOCOL_SCHEME = 'floorwatch';

/** The first segment of every console route (src-renderer/shell/router.ts); anything else is refused. */
export const CONSOLE_ROUTE_ROOTS: readonly string[] = [
  'queue',
  'group',
  'dictionary',
  'history',
  'audit',
  'wallboards',
  'wallboard',
  'manage',
  'connection',
  'alerts',
  'replay',
];

/** Longer than any route the console makes; a longer link is not one of ours. */
export const MAX_ROUTE_LENGTH = 512;

// Unreserved characters and percent escapes only: no separators hidden in a segment.
const SAFE_SEGMENT = /^(?:[A-Za-z0-9._~!$'()*+,;:@-]|%[0-9A-Fa-f]{2})+$/;
const SAFE_QUERY = /^(?:[A-Za-z0-9._~!$'()*+,;:@/?=&-]|%[0-9A-Fa-f]{2})*$/;

function segmentIsSafe(segment: string): boolean {
  if (!SAFE_SEGMENT.test(segment)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return false;
  }
  if (decoded === '.' || decoded === '..' || /[/\\\u0000-\u001f\u007f]/.test(decoded)) return false;
  return true;
}

/**
 * Whether a string is a console route the shell may hand to a window: `/`, or `/<view>[/segment…]`
 * with an optional query, made of safe characters only.
 *
 * Used for every route that reaches a window from outside the page: links, notification clicks
 * and the second launch's arguments.
 */
export function isConsoleRoute(route: string): boolean {
  if (route.length === 0 || route.length > MAX_ROUTE_LENGTH || !route.startsWith('/')) return false;
  if (route === '/') return true;
  const queryAt = route.indexOf('?');
  const path = queryAt === -1 ? route : route.slice(0, queryAt);
  const query = queryAt === -1 ? '' : route.slice(queryAt + 1);
  if (!SAFE_QUERY.test(query)) return false;
  const segments = path.slice(1).split('/');
  // A trailing slash is tolerated (`/history/`); an empty segment elsewhere is not.
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  const [root, ...rest] = segments;
  if (root === undefined || !CONSOLE_ROUTE_ROOTS.includes(root)) return false;
  return rest.every(segmentIsSafe);
}

/**
 * Maps a `floorwatch://` URL onto a console route, or null when it must be refused.
 *
 * `floorwatch://queue/q-1/performance` and `floorwatch:///queue/q-1/performance` both give
 * `/queue/q-1/performance`; `floorwatch://` alone opens the overview. The view name is matched
 * case-insensitively (some systems lower-case a link's host), ids are kept as written.
 */
export function routeFromProtocolUrl(text: string): string | null {
  if (text.length > MAX_ROUTE_LENGTH + PROTOCOL_SCHEME.length + 3) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== `${PROTOCOL_SCHEME}:`) return null;
  if (url.username !== '' || url.password !== '' || url.port !== '' || url.hash !== '') return null;
  const host = url.host.toLowerCase();
  const pathname = url.pathname;
  let path: string;
  if (host === '') path = pathname === '' ? '/' : pathname;
  else path = `/${host}${pathname === '/' ? '' : pathname}`;
  if (!path.startsWith('/')) path = `/${path}`;
  const route = `${path}${url.search}`;
  return isConsoleRoute(route) ? route : null;
}

/**
 * The route a launch asks for: the first `floorwatch:` argument (Windows and Linux pass the link
 * on the command line, to the first launch and through `second-instance` to the running one).
 * Null when there is none or it is refused.
 */
export function routeFromArguments(argv: readonly string[]): string | null {
  const link = argv.find((argument) => argument.toLowerCase().startsWith(`${PROTOCOL_SCHEME}:`));
  return link === undefined ? null : routeFromProtocolUrl(link);
}

/**
 * A launch's arguments without its `floorwatch:` links: the link is the shell's business, and the
 * core's option parser would take it for an unknown argument.
 */
export function withoutProtocolLinks(argv: readonly string[]): readonly string[] {
  return argv.filter((argument) => !argument.toLowerCase().startsWith(`${PROTOCOL_SCHEME}:`));
}
