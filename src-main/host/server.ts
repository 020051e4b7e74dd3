/**
 * The host: serves the built renderer and a WebSocket bridge speaking the same API contract as
 * Electron IPC. Binds 127.0.0.1 unless told otherwise; every socket must come from this origin and
 * present the console token (the console's session) or a wallboard device token (the device's
 * read-only session).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { API_PATH, API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX, MAX_CLIENT_MESSAGE_BYTES, type ServerMessage } from '../../src-shared/api/contract.js';
import type { ApiService } from '../core/api/api-service.js';
import { createApiConnection } from '../core/api/api-connection.js';
import type { Session, SessionSource } from '../core/api/session.js';
import { CLOSE_SESSION_CHANGED } from '../../src-shared/api/connection.js';
import { deviceSession } from '../core/wallboard/devices.js';
import { contentTypeFor } from '../../src-shared/console-policy.js';
import type { DeviceGate } from './lan-gate.js';
import { CONTENT_SECURITY_POLICY, resolveStaticFile } from './static-files.js';

export interface HostOptions {
  readonly api: ApiService;
  /** The console's user: a console socket takes `current()` when it opens and is closed when it changes. */
  readonly sessions: SessionSource;
  readonly rendererDir: string;
  readonly host?: string;
  readonly port?: number;
  /** Random per start unless given. */
  readonly consoleToken?: string;
  /** A socket whose send buffer grows past this is closed; the UI reconnects and gets a fresh snapshot. */
  readonly maxBufferedBytes?: number;
  /** Wallboard devices: their tokens open a read-only session here too. */
  readonly devices?: DeviceGate;
}

export interface Host {
  readonly origin: string;
  /** The address to open: origin plus the token in the fragment (never sent to a server). */
  readonly consoleUrl: string;
  readonly port: number;
  connectionCount(): number;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

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

/** Answers GET/HEAD for the renderer's files and nothing else. */
export function createStaticHandler(rendererDir: string): (request: IncomingMessage, response: ServerResponse) => void {
  async function serveFile(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
      return;
    }
    const file = resolveStaticFile(request.url ?? '/', rendererDir);
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found');
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': contentTypeFor(file),
        'Cache-Control': 'no-cache',
        ...SECURITY_HEADERS,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found');
    }
  }
  return (request, response) => {
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

/** Runs the API for one open socket under `session` until it closes. */
export function attachApiSocket(ws: WebSocket, api: ApiService, session: Session, maxBufferedBytes: number): void {
  const connection = createApiConnection({
    api,
    session,
    send: (message: ServerMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxBufferedBytes) {
        ws.close(1013, 'Too slow; reconnect for a fresh snapshot');
        return;
      }
      ws.send(JSON.stringify(message));
    },
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    connection.receive(data.toString());
  });
  ws.on('close', () => connection.close());
  ws.on('error', () => ws.terminate());
}

/**
 * Opens a device's socket: counted against the gate's limits (closed at once with the reason when
 * one is reached), released when it closes.
 */
export function attachDeviceSocket(ws: WebSocket, options: { api: ApiService; gate: DeviceGate; token: string; remoteAddress: string | null; maxBufferedBytes: number }): void {
  // Checked again now the socket is open: a revoke may have landed during the handshake.
  const device = options.gate.authenticate(options.token);
  if (device === null) {
    ws.close(1008, 'This wallboard device was revoked');
    return;
  }
  const admission = options.gate.admit(device, ws, options.remoteAddress);
  if (!admission.ok) {
    ws.close(admission.code, admission.reason);
    return;
  }
  ws.on('close', admission.release);
  attachApiSocket(ws, options.api, deviceSession(device), options.maxBufferedBytes);
}

export function remoteAddressOf(socket: Duplex): string | null {
  return (socket as Socket).remoteAddress ?? null;
}

export async function startHost(options: HostOptions): Promise<Host> {
  const consoleToken = options.consoleToken ?? randomBytes(24).toString('base64url');
  const maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const bindHost = options.host ?? '127.0.0.1';

  const server = createServer(createStaticHandler(options.rendererDir));
  const sockets = createApiSocketServer();
  const consoleSockets = new Set<WebSocket>();
  const stopWatchingSessions = options.sessions.onChange(() => {
    for (const ws of consoleSockets) ws.close(CLOSE_SESSION_CHANGED, 'Signed in as another user; reconnecting');
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`;

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
        attachApiSocket(ws, options.api, options.sessions.current(), maxBufferedBytes);
      });
      return;
    }
    const gate = options.devices;
    if (gate === undefined || gate.authenticate(token) === null) return refuseUpgrade(socket, 401, 'Unauthorized');
    const remoteAddress = remoteAddressOf(socket);
    sockets.handleUpgrade(request, socket, head, (ws) => attachDeviceSocket(ws, { api: options.api, gate, token, remoteAddress, maxBufferedBytes }));
  });

  return {
    origin,
    consoleUrl: `${origin}/#token=${consoleToken}`,
    port,
    connectionCount: () => sockets.clients.size,
    async close() {
      stopWatchingSessions();
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
