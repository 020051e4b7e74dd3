/**
 * Session- and WebContents-level defences applied to everything the app creates: no permissions,
 * no network outside the app origin, our CSP on every response, no navigation away, no new
 * windows, no <webview>.
 */
import type { Session, WebContents } from 'electron';
import { safeOpenExternal } from './safe-open-external.js';
import { decideNavigation, decideWindowOpen, isAllowedDownload, isAllowedSessionRequest, isAppUrl, responseHeadersFor } from './security-policy.js';

/** Locks down a session: every permission denied, only app-origin requests, CSP on every response. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedSessionRequest(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: responseHeadersFor(details.url, details.responseHeaders) }));
  // Exports are saved from blob: URLs with a save dialog (Electron's default); nothing else downloads.
  session.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getURL())) event.preventDefault();
  });
}

/**
 * Locks down any WebContents (windows, and anything else Chromium creates).
 *
 * A link to a safe external URL is handed to the OS instead of being followed, so the console
 * window itself never leaves the app origin.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-external') void safeOpenExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') void safeOpenExternal(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
}
