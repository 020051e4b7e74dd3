/**
 * Where the console's pages live. The renderer is served from a privileged custom scheme rather
 * than file:// so it has a real origin of its own: senders, navigations and file lookups are all
 * checked against this one origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'floorwatch';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The user's own arguments from the main process's argv.
 *
 * A packaged app is `floorwatch [args]`; in development it is `electron <app dir> [args]`, so the
 * number of leading entries to drop depends on how we were started.
 */
export function userArguments(argv: readonly string[], isPackaged: boolean): readonly string[] {
  return argv.slice(isPackaged ? 1 : 2);
}
