/** Picks the transport for this page: the preload bridge inside the desktop app, the host's WebSocket elsewhere. */
import type { ConsoleClient } from './console-client.js';
import { createAccessTokenHolder, takeAccessToken, type AccessTokenHolder } from './access-token.js';
import { createIpcClient, findBridge } from './ipc-client.js';
import { apiWebSocketUrl, createWebSocketClient } from './ws-client.js';

export type ClientChoice =
  | { readonly kind: 'ready'; readonly transport: 'ipc'; readonly client: ConsoleClient; readonly accessToken: null }
  | { readonly kind: 'ready'; readonly transport: 'websocket'; readonly client: ConsoleClient; readonly accessToken: AccessTokenHolder }
  | { readonly kind: 'no-token' };

/**
 * Creates the one ConsoleClient of this page.
 * In a browser without an access token there is nothing to connect with, so the caller can say
 * so instead of retrying a refused handshake forever.
 */
export function createClient(): ClientChoice {
  const bridge = findBridge(window);
  if (bridge) return { kind: 'ready', transport: 'ipc', client: createIpcClient(bridge), accessToken: null };
  const token = takeAccessToken(window);
  if (token === null) return { kind: 'no-token' };
  const accessToken = createAccessTokenHolder(window, token);
  return { kind: 'ready', transport: 'websocket', client: createWebSocketClient({ url: apiWebSocketUrl(window.location), token: () => accessToken.current() }), accessToken };
}
