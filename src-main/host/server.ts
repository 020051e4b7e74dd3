/**
 * The host: serves the built renderer and a WebSocket bridge speaking the same API contract as
 * Electron IPC. Binds 127.0.0.1 unless told otherwise; every socket must come from this origin and
 * present the console token (the console's session) or a wallboard device token (the device's
 * read-only session). The console's session is whoever the feed last named: when that changes,
 * every console socket is closed (4010) and the renderer reconnects under the new session.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CONSOLE_TOKEN_ROTATED } from '../../src-shared/api/socket-contract.js';
import { API_PATH, API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX, MAX_CLIENT_MESSAGE_BYTES } from '../../src-shared/api/socket-contract.js';
import type { ApiService } from '../core/api/api-service.js';
import { createApiMessageCounter, type ApiMessageCounter } from '../core/api/message-counter.js';
import type { SessionSource } from '../core/api/session.js';
import { contentTypeFor } from '../../src-shared/console-policy.js';
import type { DeviceGate } from './lan-gate.js';
import { CONTENT_SECURITY_POLICY, resolveStaticFile } from './static-files.js';
import { holdUntilBound, pending } from './pending-core.js';
import { filesNamedBy, watchFirstPage, type PageFirst } from './page-first.js';
import { snapshotRenderer, type SnapshotFile } from './renderer-snapshot.js';
import type * as ApiSocketsModule from './api-sockets.js';

type ApiSockets = typeof ApiSocketsModule;

/** What the host's sockets talk to; known once the core has started (the page is served before). */
export interface HostBinding {
  readonly api: ApiService;
  /** The console's session: taken when a console socket is bound; a change closes every console socket. */
  readonly sessions: SessionSource;
  /** Wallboard devices: their tokens open a read-only session here too. */
  readonly devices?: DeviceGate;
  /** The API console sockets use, when it answers more than devices may ask (host/console-commands.ts); default `api`. */
  readonly consoleApi?: ApiService;
}

export interface ListenOptions {
  readonly rendererDir: string;
  readonly host?: string;
  readonly port?: number;
  /** Random per start unless given. */
  readonly consoleToken?: string;
  /** A socket whose send buffer grows past this is closed; the UI reconnects and gets a fresh snapshot. */
  readonly maxBufferedBytes?: number;
  /** Serve the renderer's `*.map` files (a development build's); off by default. */
  readonly sourceMaps?: boolean;
  /** Counts every API message of this listener's sockets (default: a counter of its own). */
  readonly messageCounts?: ApiMessageCounter;
}

export interface HostOptions extends ListenOptions, HostBinding {}

export interface Host {
  readonly origin: string;
  /** The address to open: origin plus the token in the fragment (never sent to a server). */
  readonly consoleUrl: string;
  readonly port: number;
  connectionCount(): number;
  /**
   * Makes `token` the console token: new sockets must present it; every open console socket is
   * closed with CLOSE_CONSOLE_TOKEN_ROTATED once the current turn's answers are sent (so the
   * caller hears its result first). Returns the new console URL.
   */
  replaceConsoleToken(token: string): string;
  close(): Promise<void>;
}

/** A host listening before its core has started: it serves the page, and holds the page's socket until `bind`. */
export interface ListeningHost extends Host {
  /** Resolves once the first page's files have been served (or no page asked in time): the core may take the thread then. */
  readonly firstPage: Promise<void>;
  /** Connects the sockets to the core; a console socket opened before is bound now, its messages answered in order. */
  bind(binding: HostBinding): Promise<void>;
  /** The core did not start: every socket held is closed with the reason. */
  fail(reason: string): void;
}

export const DEFAULT_MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/** Close code and reason of a console socket whose user changed (the renderer reconnects and reads session.info again). */
export const SESSION_CHANGED_CLOSE = { code: 4010, reason: 'Signed in as another user; reconnecting' } as const;

export function tokenMatches(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export interface StaticOptions {
  /** Serve `*.map` files: for a development build only; a production host refuses them (they give away the source). */
  readonly sourceMaps?: boolean;
  /** Told of each request's path as it begins and once it is answered (host/page-first.ts). */
  readonly watch?: Pick<PageFirst, 'requested' | 'answered'>;
  /** Files answered from memory (host/renderer-snapshot.ts); any other is streamed from disk. */
  readonly snapshot?: ReadonlyMap<string, SnapshotFile>;
}

/** A content-named chunk may be kept by the browser; everything else is checked again each time. */
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found');
}

/**
 * Answers GET/HEAD for the renderer's files and nothing else. Each file is streamed from an open
 * handle, so many parallel requests for a large bundle cost a buffer each, not the file each.
 */
export function createStaticHandler(rendererDir: string, options: StaticOptions = {}): (request: IncomingMessage, response: ServerResponse) => void {
  async function serveFile(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
      return;
    }
    const file = resolveStaticFile(request.url ?? '/', rendererDir);
    if (!file || (!options.sourceMaps && file.endsWith('.map'))) return notFound(response);
    const held = options.snapshot?.get(file);
    if (held !== undefined) {
      response.writeHead(200, {
        'Content-Type': contentTypeFor(file),
        'Content-Length': String(held.body.length),
        'Cache-Control': held.immutable ? IMMUTABLE_CACHE : 'no-cache',
        ...SECURITY_HEADERS,
      });
      response.end(request.method === 'HEAD' ? undefined : held.body);
      return;
    }
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch {
      return notFound(response);
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return notFound(response);
      response.writeHead(200, {
        'Content-Type': contentTypeFor(file),
        'Content-Length': String(stats.size),
        'Cache-Control': 'no-cache',
        ...SECURITY_HEADERS,
      });
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      // pipeline destroys the response if the file fails mid-way (the client sees a cut-off body, not a wrong one).
      // 256 KiB reads: few thread-pool round trips per file, and still a small, bounded buffer per request.
      await pipeline(handle.createReadStream({ autoClose: true, highWaterMark: 256 * 1024 }), response);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }
  return (request, response) => {
    const path = (request.url ?? '/').split(/[?#]/)[0] ?? '/';
    options.watch?.requested(path);
    // Answered once the body has left (or the request was cut off), not when it is queued.
    response.once('close', () => options.watch?.answered(path));
    serveFile(request, response).catch(() => response.destroy());
  };
}

/** Ends an upgrade request with a plain HTTP status: the browser sees a failed handshake. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The token a client offered as the `auth.<token>` subprotocol (browsers cannot set headers on a WebSocket). */
export function offeredToken(request: IncomingMessage): string | null {
  const offered = (request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((value) => value.trim())
    .find((value) => value.startsWith(API_TOKEN_SUBPROTOCOL_PREFIX));
  return offered === undefined ? null : offered.slice(API_TOKEN_SUBPROTOCOL_PREFIX.length);
}

/** The path of an upgrade request, or null when it cannot be read. */
export function upgradePath(request: IncomingMessage): string | null {
  try {
    return new URL(request.url ?? '/', 'http://host.invalid').pathname;
  } catch {
    return null;
  }
}

export function createApiSocketServer(): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(API_SUBPROTOCOL) ? API_SUBPROTOCOL : false),
  });
}

export function remoteAddressOf(socket: Duplex): string | null {
  return (socket as Socket).remoteAddress ?? null;
}

/** The host with its core already started: listening and bound at once. */
export async function startHost(options: HostOptions): Promise<Host> {
  const host = await listenHost(options);
  await host.bind(options);
  return host;
}

/**
 * Listens and serves the renderer at once; API sockets are bound when the core is (`bind`). A
 * console socket is accepted before (the page shows its loading state meanwhile) and what it
 * sends is kept until then; a device's upgrade waits for the core, which knows its devices.
 */
export async function listenHost(options: ListenOptions): Promise<ListeningHost> {
  let consoleToken = options.consoleToken ?? randomBytes(24).toString('base64url');
  const counts = options.messageCounts ?? createApiMessageCounter();
  const consoleSockets = new Set<WebSocket>();
  const maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const bindHost = options.host ?? '127.0.0.1';
  // The core's binding, with the module that joins a socket to it (loaded with the core, not before).
  const core = pending<{ readonly binding: HostBinding; readonly join: ApiSockets }>();
  let stopWatchingSession = (): void => undefined;

  const snapshot = await snapshotRenderer(options.rendererDir, { sourceMaps: options.sourceMaps === true });
  const indexHtml = snapshot.get(join(options.rendererDir, 'index.html'))?.body.toString('utf8') ?? '';
  const firstPage = watchFirstPage(filesNamedBy(indexHtml));
  const server = createServer(createStaticHandler(options.rendererDir, { sourceMaps: options.sourceMaps === true, watch: firstPage, snapshot }));
  const sockets = createApiSocketServer();

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolvePromise());
  }).catch((error: unknown) => {
    firstPage.cancel();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`;

  const attachConsoleSocket = (ws: WebSocket, { binding, join }: { readonly binding: HostBinding; readonly join: ApiSockets }): void =>
    join.attachApiSocket(ws, binding.consoleApi ?? binding.api, binding.sessions.current(), maxBufferedBytes, counts);

  const upgradeDevice = (request: IncomingMessage, socket: Duplex, head: Buffer, token: string, { binding, join }: { readonly binding: HostBinding; readonly join: ApiSockets }): void => {
    const gate = binding.devices;
    if (gate === undefined || gate.authenticate(token) === null) return refuseUpgrade(socket, 401, 'Unauthorized');
    const remoteAddress = remoteAddressOf(socket);
    sockets.handleUpgrade(request, socket, head, (ws) => join.attachDeviceSocket(ws, { api: binding.api, gate, token, remoteAddress, maxBufferedBytes, counts }));
  };

  server.on('upgrade', (request, socket, head) => {
    const path = upgradePath(request);
    if (path === null) return refuseUpgrade(socket, 400, 'Bad Request');
    if (path !== API_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    // Browsers always send Origin: a page on another site must not drive the console.
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin && !isLoopbackAlias(requestOrigin, port)) return refuseUpgrade(socket, 403, 'Forbidden');
    const token = offeredToken(request);
    if (token === null) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (tokenMatches(token, consoleToken)) {
      sockets.handleUpgrade(request, socket, head, (ws) => {
        consoleSockets.add(ws);
        ws.on('close', () => consoleSockets.delete(ws));
        const bound = core.current();
        if (bound !== null) attachConsoleSocket(ws, bound);
        else holdUntilBound(ws, core, (bound) => attachConsoleSocket(ws, bound));
      });
      return;
    }
    const bound = core.current();
    if (bound !== null) return upgradeDevice(request, socket, head, token, bound);
    core.then(
      (bound) => upgradeDevice(request, socket, head, token, bound),
      () => refuseUpgrade(socket, 503, 'Service Unavailable'),
    );
  });

  return {
    origin,
    get consoleUrl() {
      return `${origin}/#token=${consoleToken}`;
    },
    port,
    connectionCount: () => sockets.clients.size,
    replaceConsoleToken(token) {
      consoleToken = token;
      const open = [...consoleSockets];
      setImmediate(() => {
        for (const ws of open) ws.close(CLOSE_CONSOLE_TOKEN_ROTATED, 'The console token was rotated; reconnect with the new link');
      });
      return `${origin}/#token=${consoleToken}`;
    },
    firstPage: firstPage.settled,
    async bind(binding) {
      const join = await import('./api-sockets.js');
      stopWatchingSession = binding.sessions.onChange(() => {
        for (const ws of [...consoleSockets]) ws.close(SESSION_CHANGED_CLOSE.code, SESSION_CHANGED_CLOSE.reason);
      });
      core.resolve({ binding, join });
    },
    fail(reason) {
      core.reject(reason);
    },
    async close() {
      stopWatchingSession();
      firstPage.cancel();
      core.reject('The console is closing');
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}

/** http://localhost:PORT and http://127.0.0.1:PORT are the same console when bound to loopback. */
function isLoopbackAlias(requestOrigin: string, port: number): boolean {
  try {
    const parsed = new URL(requestOrigin);
    return parsed.protocol === 'http:' && Number(parsed.port) === port && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  } catch {
    return false;
  }
}
