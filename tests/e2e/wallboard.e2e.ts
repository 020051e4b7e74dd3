/**
 * Wallboards end to end in Chromium: a LAN screen with a device link follows the playlist;
 * revoked and missing links are refused; losing the feed shows the stale banner with the time of
 * the last update and recovers; every built-in board is photographed at 1920×1080 for a person to
 * look at (tests/artifacts/wallboard/<boardId>.png).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { API_PATH, API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX, type CommandInput, type QueryInput } from '../../src-shared/api/contract.js';
import type { WallboardSetup } from '../../src-shared/api/wallboard.js';
import type { Result } from '../../src-shared/result.js';
import { ROOT, type HostProcess } from '../support/host-process.js';
import { startSimAndHost } from '../support/sim-and-host.js';
import type { SimServer } from '../../src-main/sim/index.js';
import { busyAfternoon } from '../support/busy-floor.js';
import { deviceTokenOf } from '../support/device-link.js';


const ARTIFACTS = join(ROOT, 'tests', 'artifacts', 'wallboard');

let sim: SimServer;
let host: HostProcess;
let api: ApiClient;

/** The console's API over its WebSocket, as the page speaks it: for arranging state without clicking. */
interface ApiClient {
  query(query: QueryInput): Promise<unknown>;
  command(command: CommandInput): Promise<unknown>;
  close(): void;
}

async function connectApi(origin: string, token: string): Promise<ApiClient> {
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}${API_PATH}`, [API_SUBPROTOCOL, `${API_TOKEN_SUBPROTOCOL_PREFIX}${token}`], { headers: { Origin: origin } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { kind: string; id?: number; result?: Result<unknown> };
    if (message.kind !== 'response' || message.id === undefined || message.result === undefined) return;
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  // A closed socket answers nothing more: its open requests fail instead of waiting for ever.
  socket.on('close', (code, reason) => {
    for (const settle of pending.values()) settle({ ok: false, error: `socket closed (${code} ${String(reason)})` });
    pending.clear();
  });
  const request = async (body: unknown): Promise<unknown> => {
    const id = nextId++;
    const result = await new Promise<Result<unknown>>((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ kind: 'request', id, request: body }));
    });
    if (!result.ok) throw new Error(`API refused ${JSON.stringify(body)}: ${result.error}`);
    return result.value;
  };
  return {
    query: (query) => request({ op: 'query', query }),
    command: (command) => request({ op: 'command', commandId: `e2e-${Date.now()}-${nextId}`, command }),
    close: () => socket.close(),
  };
}

/**
 * The API once the feed has named the console's user: until its welcome the console runs with the
 * least privilege, and the welcome then closes console sockets (4010) so they reconnect as the user.
 */
async function connectAsNamedUser(origin: string, token: string): Promise<ApiClient> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = await connectApi(origin, token);
    const session = (await client.query({ type: 'session.info' }).catch(() => null)) as { role: string } | null;
    if (session !== null && session.role !== 'wallboard') return client;
    client.close();
    if (Date.now() > deadline) throw new Error('the feed never named the console user');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function tokenOf(consoleUrl: string): string {
  return new URLSearchParams(new URL(consoleUrl).hash.slice(1)).get('token') ?? '';
}


test.beforeEach(async () => {
  ({ sim, host } = await startSimAndHost({ sim: { port: 0, seed: 7, token: 'e2e-feed-token', heartbeatIntervalMs: 250, floor: { startTime: busyAfternoon() } }, hostArgs: ['--lan-port', '0', '--lan-host', '127.0.0.1'] }));
  api = await connectAsNamedUser(host.origin, tokenOf(host.consoleUrl));
});

test.afterEach(async () => {
  api?.close();
  await host?.stop();
  await sim?.close();
});

/** The boards once the console knows the floor's queues (the floor overview board lays out a tile per queue). */
async function builtInSetup(): Promise<WallboardSetup> {
  await expect.poll(async () => ((await api.query({ type: 'queues.list' })) as readonly unknown[]).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const setup = (await api.query({ type: 'wallboard.setup' })) as WallboardSetup;
  expect(setup.boards.length).toBeGreaterThanOrEqual(2);
  return setup;
}

/** A fresh browser context: a TV shares nothing with the console's tab. */
async function openScreen(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  return context.newPage();
}

async function deviceUrl(name: string): Promise<{ deviceId: string; url: string }> {
  await api.command({ type: 'wallboard.lan.set', enabled: true });
  const created = (await api.command({ type: 'wallboard.device.create', name })) as { device: { deviceId: string }; url: string | null };
  expect(created.url).not.toBeNull();
  return { deviceId: created.device.deviceId, url: created.url ?? '' };
}

test('a screen opened with a device link from the console shows the playlist, rotating', async ({ page, browser }) => {
  const setup = await builtInSetup();
  const [first, second] = setup.boards;
  await api.command({
    type: 'wallboard.playlist.save',
    playlist: {
      entries: [
        { boardId: first?.boardId ?? '', seconds: 5 },
        { boardId: second?.boardId ?? '', seconds: 5 },
      ],
    },
  });

  // The supervisor turns LAN serving on and makes a device link in the console.
  await page.goto(host.consoleUrl);
  await page.goto(`${host.origin}/#/wallboards`);
  await expect(page.getByTestId('wallboards-view')).toBeVisible();
  await expect(page.getByTestId('lan-state')).toHaveText(/off/i);
  await page.getByTestId('lan-toggle').click();
  await expect(page.getByTestId('lan-state')).toHaveText('On');
  await expect(page.getByTestId('lan-url').first()).toContainText('http://127.0.0.1:');
  await page.getByTestId('device-name').fill('Floor TV');
  await page.getByTestId('device-name').press('Enter');
  const url = await page.getByTestId('device-url').inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/wallboard\?token=/);

  const screen = await openScreen(browser);
  await screen.goto(url);
  const name = screen.getByTestId('wallboard-board-name');
  await expect(name).toHaveText(first?.name ?? '');
  await expect(screen.getByTestId('wallboard-player')).toHaveAttribute('data-board-id', first?.boardId ?? '');
  // The token left the address bar; the screen is a wallboard session.
  expect(new URL(screen.url()).hash).not.toContain('token');
  await expect(name).toHaveText(second?.name ?? '', { timeout: 10_000 });
  await expect(name).toHaveText(first?.name ?? '', { timeout: 10_000 });
  await expect(screen.getByTestId('wallboard-position')).toBeVisible();

  // The console lists the screen as connected.
  await expect(page.getByTestId('device-row').filter({ hasText: 'Floor TV' }).getByTestId('device-connected')).toBeVisible({ timeout: 15_000 });
  await screen.context().close();
});

test('revoked and missing device links are refused', async ({ page, browser }) => {
  await builtInSetup();
  const { url } = await deviceUrl('Lobby TV');
  const screen = await openScreen(browser);
  await screen.goto(url);
  await expect(screen.getByTestId('wallboard-board')).toBeVisible();

  // Revoked from the console, with its confirmation: the open screen is cut off at once.
  await page.goto(host.consoleUrl);
  await page.goto(`${host.origin}/#/wallboards`);
  const row = page.getByTestId('device-row').filter({ hasText: 'Lobby TV' });
  await row.getByTestId('device-revoke').click();
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  await page.getByTestId('confirm-ok').click();
  await expect(row).toHaveAttribute('data-revoked', 'true');
  await expect(screen.getByTestId('wallboard-stale-banner')).toBeVisible();
  await screen.context().close();

  // The revoked link opens nothing: every socket it tries is refused, and no board is shown.
  const revoked = await openScreen(browser);
  const refusals: string[] = [];
  revoked.on('websocket', (socket) => socket.on('close', () => refusals.push(socket.url())));
  await revoked.goto(url);
  await expect.poll(() => refusals.length, { timeout: 15_000, message: 'the page retried and was refused again' }).toBeGreaterThanOrEqual(2);
  // The link opens on the board route: the screen explains itself instead of showing the console.
  await expect(revoked.getByTestId('wallboard-access')).toBeVisible({ timeout: 15_000 });
  await expect(revoked.getByTestId('connection-state')).toHaveCount(0);
  await expect(revoked.getByTestId('wallboard-board')).toHaveCount(0);
  await expect(revoked.getByTestId('queue-tile')).toHaveCount(0);
  await revoked.context().close();

  const handshake = await new Promise<number>((resolve, reject) => {
    const lanOrigin = new URL(url).origin;
    const socket = new WebSocket(`${lanOrigin.replace(/^http/, 'ws')}${API_PATH}`, [API_SUBPROTOCOL, `${API_TOKEN_SUBPROTOCOL_PREFIX}${deviceTokenOf(url)}`]);
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('open', () => reject(new Error('a revoked token opened a socket')));
    socket.once('error', () => undefined);
  });
  expect(handshake).toBeGreaterThanOrEqual(400);

  // No token at all: the page asks for an access link and opens no socket.
  const bare = await openScreen(browser);
  await bare.goto(new URL(url).origin);
  await expect(bare.getByRole('alert')).toContainText('needs an access link');
  await bare.context().close();
});

test('losing the feed shows STALE with the last update time, and the board recovers by itself', async ({ browser }) => {
  await builtInSetup();
  const { url } = await deviceUrl('Stale TV');
  const screen = await openScreen(browser);
  await screen.goto(url);
  await expect(screen.getByTestId('wallboard-board')).toBeVisible();
  await expect(screen.getByTestId('wallboard-connection')).toHaveText(/live/i);
  await expect(screen.getByTestId('wallboard-stale-banner')).toHaveCount(0);

  await sim.pause();
  const banner = screen.getByTestId('wallboard-stale-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/STALE — last update \d{2}:\d{2}:\d{2}/);
  await expect(banner).toContainText(/Feed connection lost/);
  await expect(screen.getByTestId('wallboard-player')).toHaveAttribute('data-stale', 'true');
  await expect(screen.getByTestId('tile-age').first()).toContainText(/As of \d{2}:\d{2}:\d{2}/);
  // The age keeps counting while the feed is away.
  await expect.poll(async () => (await banner.textContent()) ?? '', { timeout: 10_000 }).toMatch(/[3-9] s old|\d{2} s old|min/);

  await sim.resume();
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  await expect(screen.getByTestId('wallboard-player')).toHaveAttribute('data-stale', 'false');
  await expect(screen.getByTestId('tile-age')).toHaveCount(0);
  await screen.context().close();
});

test('every built-in board, photographed at 1920×1080', async ({ browser }) => {
  const setup = await builtInSetup();
  mkdirSync(ARTIFACTS, { recursive: true });
  const screen = await openScreen(browser);
  // The console's own tab takes the token first; then each board is a route of that tab.
  await screen.goto(host.consoleUrl);
  for (const board of setup.boards.filter((candidate) => (setup.builtInBoardIds ?? []).includes(candidate.boardId))) {
    await screen.goto(`${host.origin}/#/wallboard/${encodeURIComponent(board.boardId)}`);
    await expect(screen.getByTestId('wallboard-board-name')).toHaveText(board.name);
    await expect(screen.getByTestId('wallboard-tile')).toHaveCount(board.tiles.length);
    // Every tile has its data: no tile is still waiting.
    await expect(screen.locator('.wb-tile__message', { hasText: /Waiting/ })).toHaveCount(0);
    for (const chart of await screen.getByTestId('chart-latest').all()) await expect(chart).not.toBeEmpty();
    await screen.screenshot({ path: join(ARTIFACTS, `${board.boardId}.png`) });
  }
  await screen.context().close();
});

test('a board is built in the editor with the keyboard, and a bad import is refused with its reason', async ({ page }) => {
  await builtInSetup();
  await page.goto(host.consoleUrl);
  await page.goto(`${host.origin}/#/wallboards`);
  await page.getByTestId('board-new').click();
  await page.getByTestId('board-name').fill('Night shift');
  await page.getByTestId('tile-kind').selectOption('kpi');
  await page.getByTestId('tile-add').click();
  const tile = page.getByTestId('editor-tile');
  await expect(tile).toHaveAttribute('data-placement', '0,0,3,2');
  await tile.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(tile).toHaveAttribute('data-placement', '1,1,4,2');
  await page.getByTestId('tile-metric').selectOption('queued');
  await page.getByTestId('board-name').press('Enter');

  await expect(page.getByTestId('wallboards-notice')).toContainText('Saved “Night shift”');
  await expect(page.getByTestId('board-row').filter({ hasText: 'Night shift' })).toBeVisible();
  const saved = ((await api.query({ type: 'wallboard.setup' })) as WallboardSetup).boards.find((board) => board.name === 'Night shift');
  expect(saved?.tiles).toEqual([expect.objectContaining({ kind: 'kpi', metricId: 'queued', x: 1, y: 1, w: 4, h: 2 })]);

  await page.getByTestId('board-import-file').setInputFiles({ name: 'broken.board.json', mimeType: 'application/json', buffer: Buffer.from('{"schema":"floorwatch.board","version":1}') });
  await expect(page.getByTestId('wallboards-notice')).toContainText('“broken.board.json” was not imported. The board document is invalid');
});
