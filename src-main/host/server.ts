/**
 * The host: serves the built renderer and a WebSocket bridge speaking the same API contract as
 * Electron IPC. Binds 127.0.0.1 unless told otherwise; every socket must present the console token
 * and come from this origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { API_PATH, API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX, MAX_CLIENT_MESSAGE_BYTES, type ServerMessage } from '../../src-shared/api/contract.js';
import type { ApiService } from '../core/api/api-service.js';
import { createApiConnection } from '../core/api/api-connection.js';
import type { Session } from '../core/api/session.js';
import { contentTypeFor } from '../../src-shared/console-policy.js';
import { CONTENT_SECURITY_POLICY, resolveStaticFile } from './static-files.js';

export interface HostOptions {
  readonly api: ApiService;
  readonly session: Session;
  readonly rendererDir: string;
  readonly host?: string;
  readonly port?: number;
  /** Random per start unless given. */
  readonly consoleToken?: string;
  /** A socket whose send buffer grows past this is closed; the UI reconnects and gets a fresh snapshot. */
  readonly maxBufferedBytes?: number;
}

export interface Host {
  readonly origin: string;
  /** The address to open: origin plus the token in the fragment (never sent to a server). */
  readonly consoleUrl: string;
  readonly port: number;
  connectionCount(): number;
  close(): Promise<void>;
}

function tokenMatches(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export async function startHost(options: HostOptions): Promise<Host> {
  const consoleToken = options.consoleToken ?? randomBytes(24).toString('base64url');
  const maxBufferedBytes = options.maxBufferedBytes ?? 32 * 1024 * 1024;
  const bindHost = options.host ?? '127.0.0.1';

  async function serveFile(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
      return;
    }
    const file = resolveStaticFile(request.url ?? '/', options.rendererDir);
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

  const server = createServer((request, response) => {
    serveFile(request, response).catch(() => response.destroy());
  });
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(API_SUBPROTOCOL) ? API_SUBPROTOCOL : false),
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`;

  server.on('upgrade', (request, socket, head) => {
    const refuse = (status: number, reason: string): void => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    let path: string;
    try {
      path = new URL(request.url ?? '/', origin).pathname;
    } catch {
      refuse(400, 'Bad Request');
      return;
    }
    if (path !== API_PATH) return refuse(404, 'Not Found');
    // Browsers always send Origin: a page on another site must not drive the console.
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin && !isLoopbackAlias(requestOrigin, port)) return refuse(403, 'Forbidden');
    const offered = (request.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((value) => value.trim())
      .find((value) => value.startsWith(API_TOKEN_SUBPROTOCOL_PREFIX));
    if (!offered || !tokenMatches(offered.slice(API_TOKEN_SUBPROTOCOL_PREFIX.length), consoleToken)) return refuse(401, 'Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const connection = createApiConnection({
      api: options.api,
      session: options.session,
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

  return {
    origin,
    consoleUrl: `${origin}/#token=${consoleToken}`,
    port,
    connectionCount: () => sockets.clients.size,
    async close() {
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
