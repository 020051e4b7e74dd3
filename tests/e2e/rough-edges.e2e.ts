/**
 * Rough edges a supervisor met in one session, on the real host with the embedded simulated floor,
 * in Chromium at 1440×900: every live-table column on screen, waiting customers listed, the top
 * bar on one line, wallboard queue names readable.
 */
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { busyAfternoon } from '../support/busy-floor.js';

let host: HostProcess | undefined;

test.use({ viewport: { width: 1440, height: 900 } });

test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

/** How far an element's right edge runs past the viewport's (0 when inside). */
async function overflowRight(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((element) => Math.max(0, element.getBoundingClientRect().right - document.documentElement.clientWidth));
}

test('explore', async ({ page }) => {
  host = await startHostProcess(['--seed', '7', '--sim-start', String(busyAfternoon())]);
  await page.goto(host.consoleUrl);
  await expect(page.locator('[data-testid="queue-tile"]').first()).toBeVisible();
  const bar = page.locator('header').first();
  console.log('topbar height', await bar.evaluate((element) => element.getBoundingClientRect().height));
  console.log('nav', await page.locator('.top-bar__nav').evaluate((element) => `${element.scrollWidth} ${element.clientWidth}`));
  console.log(await bar.evaluate((element) => [...element.children].map((child) => `${child.className}:${Math.round(child.getBoundingClientRect().width)}`).join(' ')));
  const tile = page.locator('[data-testid="queue-tile"]').filter({ has: page.locator('.channel-badge--chat') }).first();
  await tile.getByTestId('queue-tile-link').click();
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
  for (const column of ['timeWaiting', 'sla', 'alerts']) console.log(column, await overflowRight(page, `th.conversations-table__head--${column}`));
  console.log('rows', await page.getByTestId('conversations-table').getAttribute('data-row-count'), await page.getByTestId('conversations-table').getAttribute('data-total-rows'));
  await page.screenshot({ path: 'test-results/explore-queue.png' });
  await page.getByTestId('conversation-row').first().click();
  await page.waitForTimeout(1000);
  for (const column of ['timeWaiting', 'sla', 'alerts']) console.log('with transcript', column, await overflowRight(page, `th.conversations-table__head--${column}`));
  await page.screenshot({ path: 'test-results/explore-transcript.png' });
});
