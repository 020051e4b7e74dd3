/**
 * Every trust decision the Electron shell makes, as pure functions: which sender may call the
 * API, which payload is acceptable, which URL a window may load or hand to the OS, which file the
 * app scheme may serve. The glue in this folder only asks these questions; the answers are
 * table-tested (tests/unit/electron/security-policy*.test.ts), each past attack a named case.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { apiRequestSchema, MAX_CLIENT_MESSAGE_BYTES, type ApiRequest } from '../../../src-shared/api/contract.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import { APP_ORIGIN } from './app-location.js';
import { consoleContentSecurityPolicy, contentTypeFor } from '../../../src-shared/console-policy.js';
import type { DesktopAttention, DesktopNotice } from '../../../src-shared/api/desktop.js';
import { isConsoleRoute } from './protocol-url.js';

export { contentTypeFor };

/** The console loads only its own scripts, styles and images, and talks to nothing over the network. */
export const CONTENT_SECURITY_POLICY = consoleContentSecurityPolicy("'none'");

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * Whether a URL belongs to the app's own origin.
 *
 * Compares scheme and host (which includes any port) of parsed URLs, never string prefixes, so
 * `app://floorwatch.evil`, `app://floorwatch@evil` and `app://evil@floorwatch` are all refused.
 * `URL.origin` cannot be used: Node reports "null" for every non-http scheme.
 */
export function isAppUrl(url: string, appOrigin: string = APP_ORIGIN): boolean {
  const parsed = parseUrl(url);
  const origin = parseUrl(appOrigin);
  if (parsed === null || origin === null || origin.host === '') return false;
  return parsed.protocol === origin.protocol && parsed.host === origin.host && parsed.username === '' && parsed.password === '';
}

/** Headers sent with every file the app scheme serves. */
export function appResponseHeaders(contentType: string): Readonly<Record<string, string>> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * Puts our CSP on a response, replacing whatever CSP it carried.
 *
 * Header names are case-insensitive, so every spelling of the old header is dropped rather than
 * left beside ours.
 */
export function withContentSecurityPolicy(headers: Readonly<Record<string, readonly string[]>> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = [...values];
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

/**
 * The headers a response reaches the page with: our CSP on everything except DevTools' own pages
 * (development only), which need their own policy to work.
 */
export function responseHeadersFor(url: string, headers: Readonly<Record<string, readonly string[]>> | undefined): Record<string, string[]> {
  if (parseUrl(url)?.protocol === 'devtools:') return Object.fromEntries(Object.entries(headers ?? {}).map(([name, values]) => [name, [...values]]));
  return withContentSecurityPolicy(headers);
}

/**
 * Whether an IPC sender's frame URL is one of our pages.
 *
 * Everything else (file://, about:blank, data:, javascript:, lookalike hosts) is refused: the
 * renderer is only ever loaded from the app scheme.
 */
export function isTrustedSenderUrl(url: string, appOrigin: string = APP_ORIGIN): boolean {
  return isAppUrl(url, appOrigin);
}

/**
 * Whether a link may be handed to the operating system.
 *
 * https (without user info, a classic way to disguise the real host) and mailto only: other
 * schemes can launch local programs or files.
 */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) return false;
  switch (parsed.protocol) {
    case 'https:':
      return parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
    case 'mailto:':
      return parsed.pathname !== '';
    default:
      return false;
  }
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** What to do when a window tries to navigate: stay on the app, hand a safe link to the OS, or refuse. */
export function decideNavigation(url: string, appOrigin: string = APP_ORIGIN): NavigationDecision {
  if (isAppUrl(url, appOrigin)) return 'allow';
  if (isAllowedExternalUrl(url)) return 'open-external';
  return 'deny';
}

/** What to do when a page asks for a new window: never one of ours; a safe link goes to the OS. */
export function decideWindowOpen(url: string): Exclude<NavigationDecision, 'allow'> {
  return isAllowedExternalUrl(url) ? 'open-external' : 'deny';
}

/**
 * Whether a window's session may fetch a URL at all.
 *
 * The CSP already forbids network access; this is the second wall in case a page finds a way
 * around it. DevTools loads its own resources, so its scheme is allowed.
 */
/**
 * Whether a download may go ahead: only files the console itself assembled (exports fetched
 * through the API and saved from a blob: URL of the app origin). Anything else is refused.
 */
export function isAllowedDownload(url: string, appOrigin: string = APP_ORIGIN): boolean {
  if (!url.startsWith('blob:')) return false;
  return isAppUrl(url.slice('blob:'.length), appOrigin);
}

export function isAllowedSessionRequest(url: string, appOrigin: string = APP_ORIGIN): boolean {
  if (isAppUrl(url, appOrigin)) return true;
  return parseUrl(url)?.protocol === 'devtools:';
}

// A "." or ".." path segment, plain or percent-encoded, separated by / or \.
const DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){1,2}(?:[/\\?#]|$)/i;
// Encoded separators and NUL change meaning once decoded.
const ENCODED_SEPARATOR_OR_NUL = /%(?:2f|5c|00)/i;

/**
 * Maps an app-scheme request to a file inside rootDir, or null when it must be refused.
 *
 * Refuses, rather than normalises, anything that looks like an escape attempt: dot segments
 * (plain or encoded), backslashes, encoded separators, NUL, drive letters, hidden files and
 * double encoding. What remains is resolved and must still lie inside rootDir.
 */
export function resolveAppFile(requestUrl: string, rootDir: string, appOrigin: string = APP_ORIGIN): string | null {
  if (!isAppUrl(requestUrl, appOrigin)) return null;
  if (requestUrl.includes('\\') || requestUrl.includes('\0')) return null;
  if (DOT_SEGMENT.test(requestUrl) || ENCODED_SEPARATOR_OR_NUL.test(requestUrl)) return null;
  const parsed = parseUrl(requestUrl);
  if (parsed === null) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (/[\0\\:%]/.test(decoded)) return null;

  const trimmed = decoded.replace(/^\/+/, '');
  const segments = trimmed === '' ? ['index.html'] : trimmed.split('/');
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return null;

  const file = resolve(rootDir, ...segments);
  return isInsideDirectory(rootDir, file) ? file : null;
}

/**
 * Whether file lies strictly inside directory.
 *
 * Also applied to the real path of a file before it is served, so a symbolic link inside the
 * served folder cannot point outside it.
 */
export function isInsideDirectory(directory: string, file: string): boolean {
  const inside = relative(resolve(directory), resolve(file));
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

/** What the glue knows about the sender of an IPC call. */
export interface SenderFacts {
  /** Id of the BrowserWindow owning the sending WebContents, null if none does. */
  readonly windowId: number | null;
  /** False for sub-frames (iframes), which never get to talk to the core. */
  readonly isMainFrame: boolean;
  /** URL of the sending frame; null when the frame is already gone. */
  readonly frameUrl: string | null;
}

/**
 * Accepts an IPC call only from the main frame of one of our windows, on our origin.
 *
 * Returns the window id the call is answered for, so replies and pushes go to that window only.
 */
export function checkSender(sender: SenderFacts, ourWindowIds: ReadonlySet<number>, appOrigin: string = APP_ORIGIN): Result<number> {
  if (sender.windowId === null || !ourWindowIds.has(sender.windowId)) return fail('Refused: the sender is not a Floorwatch window.');
  if (!sender.isMainFrame) return fail('Refused: only the main frame may call the API.');
  if (sender.frameUrl === null || !isTrustedSenderUrl(sender.frameUrl, appOrigin)) return fail('Refused: the sender is not a Floorwatch page.');
  return ok(sender.windowId);
}

const rendererEnvelopeSchema = z.strictObject({ request: apiRequestSchema });

function payloadBytes(payload: unknown): number | null {
  try {
    const json = JSON.stringify(payload);
    return json === undefined ? null : Buffer.byteLength(json, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Validates what a window sent on the request channel: `{ request }`, at most
 * MAX_CLIENT_MESSAGE_BYTES as JSON, and a request the shared contract accepts.
 *
 * Structured clone can carry things JSON cannot (cycles, BigInt); those are refused up front.
 */
export function validateRendererRequest(payload: unknown): Result<ApiRequest> {
  const bytes = payloadBytes(payload);
  if (bytes === null) return fail('Refused: the request is not plain JSON data.');
  if (bytes > MAX_CLIENT_MESSAGE_BYTES) return fail(`Refused: the request is ${bytes} bytes; the limit is ${MAX_CLIENT_MESSAGE_BYTES}.`);
  const checked = rendererEnvelopeSchema.safeParse(payload);
  if (!checked.success) {
    return fail(`Refused: ${describeIssues(checked.error)}`);
  }
  return ok(checked.data.request);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'payload'}: ${issue.message}`)
    .join('; ');
}

/** Longest notice text the shell shows; the OS cuts far shorter, so more is a mistake or an attack. */
const MAX_NOTICE_TITLE = 200;
const MAX_NOTICE_BODY = 1000;

const desktopNoticeSchema = z.strictObject({
  tag: z.string().min(1).max(200),
  title: z.string().min(1).max(MAX_NOTICE_TITLE),
  body: z.string().max(MAX_NOTICE_BODY),
  route: z.string().refine(isConsoleRoute, 'not a console route'),
  sound: z.boolean(),
});

const desktopAttentionSchema = z.strictObject({
  level: z.enum(['none', 'info', 'warning', 'critical']),
  openCount: z.number().int().min(0).max(1_000_000),
});

/**
 * Validates a notification a window asks the shell to show: short plain strings and a route the
 * console's router knows, so a click can only ever open one of the console's own views.
 */
export function validateDesktopNotice(payload: unknown): Result<DesktopNotice> {
  const checked = desktopNoticeSchema.safeParse(payload);
  return checked.success ? ok(checked.data) : fail(`Refused: ${describeIssues(checked.error)}`);
}

/** Validates the attention a window reports for the tray icon, badge and flash. */
export function validateDesktopAttention(payload: unknown): Result<DesktopAttention> {
  const checked = desktopAttentionSchema.safeParse(payload);
  return checked.success ? ok(checked.data) : fail(`Refused: ${describeIssues(checked.error)}`);
}

/**
 * Whether a URL is a page the wallboard window may show: the app's entry page on a `#/wallboard`
 * route. Everything else (the console's views, another page of the app) is sent back to the board,
 * so a TV never shows the console even if someone reaches its keyboard.
 */
export function isWallboardPageUrl(url: string, appOrigin: string = APP_ORIGIN): boolean {
  if (!isAppUrl(url, appOrigin)) return false;
  const parsed = parseUrl(url);
  if (parsed === null || (parsed.pathname !== '/index.html' && parsed.pathname !== '/')) return false;
  const hash = parsed.hash;
  return hash === '#/wallboard' || hash.startsWith('#/wallboard/') || hash.startsWith('#/wallboard?');
}
