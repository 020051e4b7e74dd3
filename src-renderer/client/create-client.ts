/** Picks the transport for this page: the preload bridge inside the desktop app, the host's WebSocket elsewhere. */
import type { ConsoleClient } from './console-client.js';
import { takeAccessToken } from './access-token.js';
import { createIpcClient, findBridge } from './ipc-client.js';
import { apiWebSocketUrl, createWebSocketClient } from './ws-client.js';

export type ClientChoice =
  | { readonly kind: 'ready'; readonly transport: 'ipc' | 'websocket'; readonly client: ConsoleClient }
  | { readonly kind: 'no-token' };

/**
 * Creates the one ConsoleClient of this page.
 * In a browser without an access token there is nothing to connect with, so the caller can say
 * so instead of retrying a refused handshake forever.
 */
export function createClient(): ClientChoice {
  const bridge = findBridge(window);
  if (bridge) return { kind: 'ready', transport: 'ipc', client: createIpcClient(bridge) };
  const token = takeAccessToken(window);
  if (token === null) return { kind: 'no-token' };
  return { kind: 'ready', transport: 'websocket', client: createWebSocketClient({ url: apiWebSocketUrl(window.location), token }) };
}
