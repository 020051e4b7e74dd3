/**
 * What `npm start` shows where Electron is not installed: the host with the embedded simulated
 * floor, at least 8 queue tiles, numbers moving within 10 seconds without any interaction.
 */
import { expect, test } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { busyAfternoon } from '../support/busy-floor.js';

let host: HostProcess;

test.beforeAll(async () => {
  host = await startHostProcess(['--sim-start', String(busyAfternoon())]);
});

test.afterAll(async () => {
  await host?.stop();
});

test('the embedded floor fills the overview and moves by itself', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(host.consoleUrl);
  const tiles = page.locator('[data-testid="queue-tile"]');
  await expect(tiles.first()).toBeVisible();
  expect(await tiles.count()).toBeGreaterThanOrEqual(8);
  const before = (await page.locator('[data-metric]').allTextContents()).join('|');
  await expect.poll(async () => (await page.locator('[data-metric]').allTextContents()).join('|'), { timeout: 10_000 }).not.toBe(before);
  // The token left the address bar, and the strict CSP let everything load.
  expect(page.url()).not.toContain('token=');
  expect(errors).toEqual([]);
});
