/**
 * Rough edges a supervisor met in one session, on the real host with the embedded simulated floor,
 * in Chromium at 1440×900: the top bar on one line, every live-table column that matters on
 * screen beside the queue panel and beside a transcript, customers waiting in the queue listed,
 * wallboard queue names readable beside their badges.
 */
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { busyAfternoon } from '../support/busy-floor.js';

let host: HostProcess | undefined;

test.use({ viewport: { width: 1440, height: 900 } });

test.beforeAll(async () => {
  host = await startHostProcess(['--seed', '7', '--sim-start', String(busyAfternoon())]);
});

test.afterAll(async () => {
  await host?.stop();
  host = undefined;
});

function started(): HostProcess {
  if (host === undefined) throw new Error('the host did not start');
  return host;
}

/** Columns whose header lies outside the table's visible scroll box. */
async function columnsOffScreen(page: Page, columns: readonly string[]): Promise<string[]> {
  return page.getByTestId('conversations-table').evaluate((scroller, wanted) => {
    const box = scroller.getBoundingClientRect();
    return wanted.filter((column) => {
      const head = scroller.querySelector(`th.conversations-table__head--${column}`);
      if (head === null) return true;
      const rect = head.getBoundingClientRect();
      return rect.left < box.left - 1 || rect.right > box.right + 1;
    });
  }, columns);
}

test('the top bar stays on one line and every link in it is visible', async ({ page }) => {
  await page.goto(started().consoleUrl);
  await expect(page.locator('[data-testid="queue-tile"]').first()).toBeVisible();
  const bar = page.locator('header.top-bar');
  expect((await bar.boundingBox())?.height ?? 0).toBeLessThan(80);
  const nav = page.locator('.top-bar__nav');
  expect(await nav.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(1);
});

test('time waiting, SLA and alerts are on screen beside the queue panel and beside a transcript; waiting customers are listed', async ({ page }) => {
  await page.goto(started().consoleUrl);
  const chatTiles = page.locator('[data-testid="queue-tile"]').filter({ has: page.locator('.channel-badge--chat') });
  await expect(chatTiles.first()).toBeVisible();
  await chatTiles.first().getByTestId('queue-tile-link').click();
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
  const wanted = ['conversationId', 'agent', 'timeWaiting', 'sla', 'alerts'];
  expect(await columnsOffScreen(page, wanted)).toEqual([]);
  // A queue has one channel, named in its header: no column repeats it.
  await expect(page.locator('th.conversations-table__head--channel')).toHaveCount(0);

  // The table lists as many waiting customers as the queue panel counts (or more, a moment later).
  const queued = Number((await page.locator('[data-metric="queued"]').first().textContent())?.replace(/\D/gu, '') || '0');
  if (queued > 0) {
    // Waiting customers have no time assigned, so they sort last; a long table renders only the rows in view.
    await expect
      .poll(
        async () => {
          await page.getByTestId('conversations-table').evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
          return page.getByTestId('conversation-waiting').count();
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
    await page.getByTestId('conversations-table').evaluate((scroller) => scroller.scrollTo({ top: 0 }));
  }

  await page.locator('[data-testid="conversation-row"]:not(:has([data-testid="conversation-waiting"]))').first().click();
  await expect(page.getByTestId('transcript-header')).toBeVisible();
  expect(await columnsOffScreen(page, wanted)).toEqual([]);
});

test('wallboard queue names keep their words beside the badges, even on a small screen', async ({ page }) => {
  // Four queue tiles a row on a small screen: badges used to squeeze the name to "R…".
  await page.setViewportSize({ width: 960, height: 600 });
  await page.goto(started().consoleUrl);
  await page.goto(`${started().origin}/#/wallboard/builtin-floor-overview`);
  const names = page.locator('.wb-player .queue-tile__name');
  await expect(names.first()).toBeVisible();
  const cut = await names.evaluateAll((elements) =>
    elements.filter((element) => element.scrollWidth > element.clientWidth + 1).map((element) => element.textContent ?? ''),
  );
  expect(cut).toEqual([]);
});
