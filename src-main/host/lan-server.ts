/**
 * The LAN listener for wallboards: the renderer's files and the API socket, on the network
 * (0.0.0.0 by default), for wallboard devices only. The console token means nothing here, so a
 * leaked console link cannot be used from the floor's network; each socket runs under its device's
 * read-only session and counts against the connection limits.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { API_PATH } from '../../src-shared/api/contract.js';
import type { ApiMessageCounter } from '../core/api/api-connection.js';
import type { ApiService } from '../core/api/api-service.js';
import type { DeviceGate } from './lan-gate.js';
import { attachDeviceSocket } from './api-sockets.js';
import {
  DEFAULT_MAX_BUFFERED_BYTES,
  SECURITY_HEADERS,
  createApiSocketServer,
  createStaticHandler,
  offeredToken,
  refuseUpgrade,
  remoteAddressOf,
  upgradePath,
} from './server.js';

export interface LanServerOptions {
  readonly api: ApiService;
  readonly gate: DeviceGate;
  readonly rendererDir: string;
  readonly host: string;
  readonly port: number;
  /** Names besides IP literals a TV may use to reach this machine (its host name, name.local). */
  readonly hostNames: readonly string[];
  readonly maxBufferedBytes?: number;
  readonly messageCounts?: ApiMessageCounter;
}

/** Close code and reason of every device socket when LAN serving is turned off: the TV shows why, and retries. */
export const CLOSE_LAN_TURNED_OFF = 1001;
export const LAN_TURNED_OFF_REASON = 'Wallboard LAN serving was turned off';
/** How long closing sockets get to finish the close handshake before they are cut. */
const CLOSE_GRACE_MS = 2_000;

export interface LanServer {
  readonly port: number;
  connectionCount(): number;
  close(): Promise<void>;
}

/**
 * Whether a Host header names this machine: an IP literal or one of its names.
 *
 * Anything else is a DNS name that someone pointed here (DNS rebinding): a page on that name
 * would count as same-origin with its own socket, so it is refused before the token is looked at.
 */
export function isAllowedHost(hostHeader: string | undefined, hostNames: readonly string[]): boolean {
  if (hostHeader === undefined || hostHeader.length === 0) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (isIP(bare) !== 0) return true;
  return bare === 'localhost' || hostNames.some((name) => name.toLowerCase() === bare);
}

/**
 * Same origin only: the page that opens the socket must have been served by this listener under
 * the same host and port. A client without an Origin header is not a browser page.
 */
export function isSameOrigin(request: IncomingMessage): boolean {
  const requestOrigin = request.headers.origin;
  if (requestOrigin === undefined) return true;
  try {
    const parsed = new URL(requestOrigin);
    return parsed.protocol === 'http:' && parsed.host === new URL(`http://${request.headers.host ?? ''}`).host;
  } catch {
    return false;
  }
}

export async function startLanServer(options: LanServerOptions): Promise<LanServer> {
  const maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const serveStatic = createStaticHandler(options.rendererDir);
  const server = createServer((request, response) => {
    if (!isAllowedHost(request.headers.host, options.hostNames)) {
      response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Unknown host name');
      return;
    }
    serveStatic(request, response);
  });
  const sockets = createApiSocketServer();

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const port = (server.address() as AddressInfo).port;

  server.on('upgrade', (request, socket, head) => {
    const path = upgradePath(request);
    if (path === null) return refuseUpgrade(socket, 400, 'Bad Request');
    if (path !== API_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!isAllowedHost(request.headers.host, options.hostNames) || !isSameOrigin(request)) return refuseUpgrade(socket, 403, 'Forbidden');
    const token = offeredToken(request);
    if (token === null || options.gate.authenticate(token) === null) return refuseUpgrade(socket, 401, 'Unauthorized');
    const remoteAddress = remoteAddressOf(socket);
    sockets.handleUpgrade(request, socket, head, (ws) => attachDeviceSocket(ws, { api: options.api, gate: options.gate, token, remoteAddress, maxBufferedBytes, counts: options.messageCounts }));
  });

  return {
    port,
    connectionCount: () => sockets.clients.size,
    async close() {
      // A close frame with a reason (not a dropped TCP connection, 1006), then the listener.
      const closing = [...sockets.clients].map(
        (client) =>
          new Promise<void>((resolvePromise) => {
            const cut = setTimeout(() => client.terminate(), CLOSE_GRACE_MS);
            client.once('close', () => {
              clearTimeout(cut);
              resolvePromise();
            });
            client.close(CLOSE_LAN_TURNED_OFF, LAN_TURNED_OFF_REASON);
          }),
      );
      await Promise.all(closing);
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}
