/**
 * Supervisor actions and overview customisation end to end: the real host with the embedded
 * simulator, in Chromium. Each action goes through the UI, the core and the simulated floor, and
 * the overview shows the result.
 */
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { startSimAndHost } from '../support/sim-and-host.js';
import type { SimServer } from '../../src-main/sim/index.js';
import { busyAfternoon } from '../support/busy-floor.js';
import { connectApi, goTo, openConsole } from '../support/console-page.js';


const queueTile = (page: Page, queueId: string) => page.locator(`[data-testid="queue-tile"][data-queue-id="${queueId}"]`);

/** Queue tiles on screen with their channel and queued count. */
async function queueTiles(page: Page): Promise<readonly { queueId: string; name: string; channel: 'chat' | 'voice'; queued: number }[]> {
  return page.getByTestId('queue-tile').evaluateAll((tiles) =>
    tiles.map((tile) => ({
      queueId: tile.getAttribute('data-queue-id') ?? '',
      name: tile.querySelector('.queue-tile__name')?.textContent?.trim() ?? '',
      channel: tile.querySelector('.channel-badge--voice') === null ? ('chat' as const) : ('voice' as const),
      queued: Number(tile.querySelector('[data-metric="queued"]')?.textContent?.replace(/\D/g, '') || '0'),
    })),
  );
}

test.describe('as a business stakeholder', () => {
  let host: HostProcess;

  test.beforeAll(async () => {
    host = await startHostProcess(['--user', 'stakeholder', '--seed', '11', '--sim-start', String(busyAfternoon())]);
  });

  test.afterAll(async () => {
    await host?.stop();
  });

  test('pausing a queue from its page shows "Paused" on its overview tile', async ({ page }) => {
    await openConsole(page, host);
    // The demo stakeholder's scope is q-orders and q-returns: act on a queue of it.
    const tiles = await queueTiles(page);
    const target = tiles.find((tile) => tile.queueId === 'q-orders') ?? tiles[0];
    expect(target).toBeDefined();
    if (target === undefined) return;

    await goTo(page, `#/queue/${encodeURIComponent(target.queueId)}/conversations`);
    const actions = page.getByTestId('queue-actions');
    await expect(actions).toBeVisible();
    // A business stakeholder has mitigation, not the WFM leader's actions.
    await expect(page.getByTestId('action-overflow')).toHaveCount(0);
    await expect(page.getByTestId('action-transfer')).toHaveCount(0);

    await page.getByTestId('action-mitigation').click();
    const dialog = page.getByTestId('mitigation-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('mitigation-severity')).toContainText(/queued/);
    await dialog.getByTestId('mitigation-option-paused').check();
    // Below high severity the pause is locked and needs an explicit "apply anyway".
    if ((await dialog.getByTestId('mitigation-anyway').count()) > 0) await dialog.getByTestId('mitigation-anyway').check();
    await dialog.getByTestId('mitigation-dialog-submit').click();

    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('action-feedback')).toContainText('Paused');
    await expect(page.getByTestId('queue-mitigation-state')).toHaveAttribute('data-state', 'paused');

    await goTo(page, '#/');
    await expect(queueTile(page, target.queueId).getByTestId('mitigation')).toHaveText('Paused');
  });
});

test.describe('as a WFM leader', () => {
  let sim: SimServer;
  let host: HostProcess;

  test.beforeAll(async () => {
    // More customers than the agents can take, so chats wait and a transfer has something to move.
    ({ sim, host } = await startSimAndHost({ sim: { port: 0, seed: 5, token: 'e2e-feed-token', heartbeatIntervalMs: 250, floor: { arrivalScale: 6, startTime: busyAfternoon() } } }));
  });

  test.afterAll(async () => {
    await host?.stop();
    await sim?.close();
  });

  test('a group of two chat queues created in Customize appears as a group tile', async ({ page }) => {
    await openConsole(page, host);
    await page.getByTestId('customize-open').click();
    const dialog = page.getByTestId('customize-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('customize-tab-groups').click();
    await dialog.getByTestId('group-new').click();

    const editor = dialog.getByTestId('group-editor');
    await editor.getByTestId('group-name').fill('E2E chat pair');
    // Listed chat first: the first choice binds the group to chat, then voice queues are disabled.
    const choices = editor.getByTestId('group-queue');
    await choices.nth(0).check();
    await expect(editor.locator('[data-testid="group-queue"]:disabled').first()).toBeVisible();
    await editor.locator('[data-testid="group-queue"]:not(:disabled):not(:checked)').first().check();
    await expect(editor).toContainText('2 queues selected');
    await editor.getByTestId('group-save').click();

    await expect(dialog.locator('[data-testid="group-row"]', { hasText: 'E2E chat pair' })).toBeVisible();
    await dialog.getByTestId('customize-dialog-cancel').click();
    await expect(dialog).toHaveCount(0);

    const tile = page.locator('[data-testid="group-tile"]', { hasText: 'E2E chat pair' });
    await expect(tile).toBeVisible();
    await expect(tile.getByTestId('group-tile-kind')).toHaveText('Group · 2 queues');
    await expect(tile.locator('.channel-badge--chat')).toBeVisible();
  });

  test('a queue hidden in Customize is gone after Apply and stays hidden after a reload', async ({ page }) => {
    await openConsole(page, host);
    const tiles = await queueTiles(page);
    const hidden = tiles[tiles.length - 1];
    expect(hidden).toBeDefined();
    if (hidden === undefined) return;

    await page.getByTestId('customize-open').click();
    const dialog = page.getByTestId('customize-dialog');
    await dialog.getByTestId('customize-search').fill(hidden.name);
    await dialog.locator(`[data-testid="customize-queue"][data-queue-id="${hidden.queueId}"]`).uncheck();
    // Enter applies.
    await dialog.getByTestId('customize-search').press('Enter');
    await expect(dialog).toHaveCount(0);

    await expect(queueTile(page, hidden.queueId)).toHaveCount(0);
    await expect(page.getByTestId('overview-hidden-count')).toContainText('1 hidden');

    await page.reload();
    await expect(page.getByTestId('queue-tile').first()).toBeVisible();
    await expect(page.getByTestId('overview-hidden-count')).toContainText('1 hidden');
    await expect(queueTile(page, hidden.queueId)).toHaveCount(0);

    // Show it again so the other tests see every queue.
    await page.getByTestId('customize-open').click();
    await page.getByTestId('customize-select-all').check();
    await page.getByTestId('customize-dialog-submit').click();
    await expect(queueTile(page, hidden.queueId)).toBeVisible();
  });

  test('transferring the waiting chats of a closed queue leaves nobody waiting on its overview tile', async ({ page }) => {
    await openConsole(page, host);
    const busiestChatQueue = async () => (await queueTiles(page)).filter((tile) => tile.channel === 'chat').sort((left, right) => right.queued - left.queued)[0];
    await expect.poll(async () => (await busiestChatQueue())?.queued ?? 0, { timeout: 45_000, message: 'some chat queue has waiting chats' }).toBeGreaterThan(0);
    const source = await busiestChatQueue();
    expect(source).toBeDefined();
    if (source === undefined) return;

    // Close the queue first (no window this week, no overflow rule): no new chat reaches it, so once
    // its waiting chats are moved nobody waits there, whatever the floor's hour and backlog.
    const api = await connectApi(host);
    try {
      const closed = await api.request({ op: 'command', commandId: 'e2e-close-before-transfer', command: { type: 'queue.business_hours', queueId: source.queueId, businessHours: { windows: [], holidays: [] } } });
      expect(closed.ok, closed.error).toBe(true);
    } finally {
      api.close();
    }
    await expect(queueTile(page, source.queueId).getByTestId('tile-closed')).toContainText('still serving');

    await goTo(page, `#/queue/${encodeURIComponent(source.queueId)}/conversations`);
    await page.getByTestId('action-transfer').click();
    const dialog = page.getByTestId('transfer-dialog');
    await expect(dialog.getByTestId('transfer-question')).toContainText(/^Move \d+ waiting chats? from /);
    await dialog.getByTestId('transfer-dialog-submit').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('action-feedback')).toContainText(/Moved \d+ waiting chats? to /);

    await goTo(page, '#/');
    // A closed queue with nobody waiting says only "Closed", with no figure of customers still served.
    await expect(queueTile(page, source.queueId).getByTestId('tile-closed')).toHaveText('Closed');
  });
});
