import { expect, test, type Page } from '@playwright/test';
import { busyAfternoon } from '../support/busy-floor.js';
import { type HostProcess } from '../support/host-process.js';
import { startSimAndHost } from '../support/sim-and-host.js';
import type { SimServer } from '../../src-main/sim/index.js';

let sim: SimServer;
let host: HostProcess;

test.beforeEach(async () => {
  ({ sim, host } = await startSimAndHost({ sim: { port: 0, seed: 7, token: 'e2e-feed-token', heartbeatIntervalMs: 250, floor: { startTime: busyAfternoon() } } }));
});

test.afterEach(async () => {
  await host?.stop();
  await sim?.close();
});

/** The numbers of every tile, as one string, to see that something moved. */
async function tileNumbers(page: Page): Promise<string> {
  return (await page.locator('[data-testid="queue-tile"] [data-metric]').allTextContents()).join('|');
}

test('the live overview shows every queue and updates by itself', async ({ page }) => {
  await page.goto(host.consoleUrl);
  const tiles = page.locator('[data-testid="queue-tile"]');
  await expect(tiles.first()).toBeVisible();
  expect(await tiles.count()).toBeGreaterThanOrEqual(8);
  await expect(page.getByTestId('connection-state')).toHaveText(/live/i);

  const before = await tileNumbers(page);
  const seqBefore = Number(await page.getByTestId('overview').getAttribute('data-as-of-seq'));
  // Both together: a time-driven refresh can change a wait on screen a moment before the next event.
  const moved = async (): Promise<{ readonly numbersChanged: boolean; readonly seqAdvanced: boolean }> => ({
    numbersChanged: (await tileNumbers(page)) !== before,
    seqAdvanced: Number(await page.getByTestId('overview').getAttribute('data-as-of-seq')) > seqBefore,
  });
  await expect.poll(moved, { timeout: 10_000, message: 'tile numbers change and the overview shows a later event within 10 s' }).toEqual({ numbersChanged: true, seqAdvanced: true });
});

test('losing the feed is shown with the age of the data, and the console recovers by itself', async ({ page }) => {
  await page.goto(host.consoleUrl);
  await expect(page.getByTestId('connection-state')).toHaveText(/live/i);
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);

  await sim.pause();
  const banner = page.getByTestId('stale-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/\d{1,2}:\d{2}:\d{2}/); // the time of the last update
  await expect(page.getByTestId('connection-state')).not.toHaveText(/live/i);
  // The age keeps counting while the feed is away.
  await expect.poll(async () => (await page.getByTestId('data-age').textContent()) ?? '', { timeout: 10_000 }).toMatch(/[3-9] s|\d{2} s|min/);

  const seqWhileAway = Number(await page.getByTestId('overview').getAttribute('data-as-of-seq'));
  await sim.resume();
  await expect(page.getByTestId('connection-state')).toHaveText(/live/i, { timeout: 20_000 });
  await expect(banner).toHaveCount(0);
  // Events emitted during the outage are replayed: the console moves past where it stopped.
  await expect
    .poll(async () => Number(await page.getByTestId('overview').getAttribute('data-as-of-seq')), { timeout: 10_000 })
    .toBeGreaterThan(seqWhileAway);
});
