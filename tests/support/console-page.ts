/**
 * What the end-to-end tests do to a running console again and again: open it and wait until it is
 * live, move to a route, and speak its API directly over the host's socket with the console's token,
 * as any local program could (to check that the core refuses what the UI hides).
 */
import { expect, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { API_PATH, API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX } from '../../src-shared/api/contract.js';
import type { ApiRequestInput, ServerMessage } from '../../src-shared/api/contract.js';
import type { Result } from '../../src-shared/result.js';
import type { HostProcess } from './host-process.js';

/** Opens the console with its link and waits for the first tile and a live feed. */
export async function openConsole(page: Page, host: HostProcess): Promise<void> {
  await page.goto(host.consoleUrl);
  await expect(page.getByTestId('queue-tile').first()).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveText(/live/i);
}

/** Moves to a route in the page (the fragment), as a link would. */
export async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => {
    window.location.hash = target;
  }, hash);
}

/** A request's answer as the wire carries it, read loosely so a test can look at any field. */
export interface RawAnswer {
  readonly ok: boolean;
  readonly error?: string;
  readonly code?: string;
  readonly value?: unknown;
}

export interface ApiConnection {
  request(request: ApiRequestInput): Promise<RawAnswer>;
  close(): void;
}

/** A raw API connection to the host with the console's token. */
export async function connectApi(host: HostProcess): Promise<ApiConnection> {
  const token = new URL(host.consoleUrl).hash.replace(/^#token=/, '');
  const socket = new WebSocket(`${host.origin.replace(/^http/, 'ws')}${API_PATH}`, [API_SUBPROTOCOL, `${API_TOKEN_SUBPROTOCOL_PREFIX}${token}`]);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const pending = new Map<number, (answer: RawAnswer) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    if (message.kind === 'response') pending.get(message.id)?.(message.result as RawAnswer);
  });
  let nextId = 1;
  return {
    request(request) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ kind: 'request', id, request }));
      });
    },
    close: () => socket.close(),
  };
}

/** One request on its own connection, answered as a typed result. */
export async function rawRequest<T>(host: HostProcess, request: ApiRequestInput): Promise<Result<T>> {
  const api = await connectApi(host);
  try {
    return (await api.request(request)) as Result<T>;
  } finally {
    api.close();
  }
}
