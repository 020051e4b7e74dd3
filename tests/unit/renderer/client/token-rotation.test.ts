/**
 * The page's side of a console token rotation, against the real host: the WebSocket client
 * offers the holder's token at each connect, so after the rotation's answer replaces it, the
 * reconnect that follows the host's close (4011) gets in with the new token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RotatedConsoleToken } from '../../../../src-shared/api/console.js';
import { createAccessTokenHolder, TOKEN_STORAGE_KEY } from '../../../../src-renderer/client/access-token.js';
import type { LinkState } from '../../../../src-renderer/client/console-client.js';
import { apiWebSocketUrl, createWebSocketClient, type WebSocketLike } from '../../../../src-renderer/client/ws-client.js';
import { CONSOLE_TOKEN, startLanHost } from '../../host/lan-test-kit.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function memoryStorage() {
  const values = new Map<string, string>();
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) };
}

describe('console token rotation in the page', () => {
  it('replaces the token and reconnects with it after the host closes the old link', async () => {
    const lanHost = await startLanHost();
    cleanups.push(() => lanHost.close());
    const origin = new URL(lanHost.running.host.origin);
    const storage = memoryStorage();
    const holder = createAccessTokenHolder({ sessionStorage: storage }, CONSOLE_TOKEN);
    const offered: (string | undefined)[] = [];
    const client = createWebSocketClient({
      url: apiWebSocketUrl({ protocol: origin.protocol, host: origin.host }),
      token: () => holder.current(),
      random: () => 0,
      createSocket: (url, protocols) => {
        offered.push(protocols[1]);
        return new WebSocket(url, protocols, { origin: origin.origin }) as unknown as WebSocketLike;
      },
    });
    cleanups.push(() => client.close());
    const links: LinkState[] = [];
    client.onLink((state) => links.push(state));

    const delivery = await client.command({ type: 'console.rotate_token' }, 'rotate-in-page');
    if (delivery.kind !== 'answered' || !delivery.result.ok) throw new Error(`rotation failed: ${JSON.stringify(delivery)}`);
    const rotated: RotatedConsoleToken = delivery.result.value;
    holder.replace(rotated.token);

    // The host closes this link; the client reconnects on its own and the new link answers.
    const linksBefore = links.length;
    await new Promise<void>((resolve) => {
      const stop = client.onLink((state) => {
        if (state === 'open' && links.length > linksBefore && links.slice(linksBefore).includes('closed')) {
          queueMicrotask(() => stop());
          resolve();
        }
      });
    });
    expect(await client.query({ type: 'session.info' })).toMatchObject({ ok: true });
    expect(offered.at(-1)).toBe(`auth.${rotated.token}`);
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe(rotated.token);
  });
});
