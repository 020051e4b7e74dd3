/**
 * The app:// scheme: the renderer's files served from one folder, with our security headers on
 * every response. A real origin (instead of file://) lets senders and navigations be checked
 * against it, and lets module scripts load.
 */
import { protocol, type Session } from 'electron';
import { readFile, realpath } from 'node:fs/promises';
import { APP_SCHEME } from './app-location.js';
import { appResponseHeaders, contentTypeFor, isInsideDirectory, resolveAppFile } from './security-policy.js';

/** Declares the scheme secure and standard; Electron requires this before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
}

function refusal(status: number): Response {
  return new Response(null, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

/** Serves rootDir on the app scheme for a session; everything outside it is a 404. */
export function serveAppScheme(session: Session, rootDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return refusal(405);
    const file = resolveAppFile(request.url, rootDir);
    if (file === null) return refusal(404);
    try {
      const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(file)]);
      if (!isInsideDirectory(realRoot, realFile)) return refusal(404);
      const body = await readFile(realFile);
      return new Response(new Uint8Array(body), { status: 200, headers: appResponseHeaders(contentTypeFor(realFile)) });
    } catch {
      return refusal(404);
    }
  });
}
