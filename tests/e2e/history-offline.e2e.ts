/**
 * The analyst on a train: the console starts on a populated cache with the feed unreachable,
 * says it is offline and how old its data is, and the Conversation Manager still searches,
 * filters, opens transcripts, takes notes and downloads.
 */
import { readFileSync, rmSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { populateCache, type PopulatedCache } from '../support/populated-cache.js';

/** A customer opener of the Billing queue's "Dispute a charge" intent (src-main/sim/catalog.ts). */
const PHRASE = 'charged twice';
const QUEUE_LABEL = 'Billing (Chat)';

let cache: PopulatedCache;
let host: HostProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  cache = await populateCache({ days: 2, seed: 11, agents: 16 });
});

test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test.afterAll(() => {
  if (cache !== undefined) rmSync(cache.dataDir, { recursive: true, force: true });
});

async function openOffline(page: Page): Promise<void> {
  host = await startHostProcess(cache.offlineArgs, { dataDir: cache.dataDir });
  await page.goto(host.consoleUrl);
}

async function saved(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

test('offline start: the banner says the data is cached and live views wait for the feed', async ({ page }) => {
  expect(cache.cacheInfo?.conversations ?? 0).toBeGreaterThan(0);
  await openOffline(page);
  const banner = page.getByTestId('stale-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/offline/i);
  await expect(banner).toContainText(/cached data, last update \d{1,2}:\d{2}/i);
  await expect(banner).not.toContainText(/lost/i);
  await expect(page.getByTestId('offline-note')).toContainText('Waiting for the feed — showing nothing live.');
  await expect(page.getByTestId('connection-state')).not.toHaveText(/live/i);
  // The top bar never dates the cache to 1970 nor counts an unknown floor as "0 queues".
  await expect(page.getByTestId('data-age')).not.toContainText(/\d{3,} d/);
  await expect(page.getByTestId('queue-count')).not.toHaveText(/^\s*0 queues/);

  await page.getByTestId('offline-note-history').click();
  await expect(page.getByTestId('history-view')).toBeVisible();
  // The banner stays on every view; the live-view note does not.
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('offline-note')).toHaveCount(0);
  const strip = page.getByTestId('cache-strip');
  await expect(strip).toContainText('Cached data');
  await expect(strip).toContainText(/last update .*ago|just now/);
  await expect(page.getByTestId('cache-count')).toContainText(/[1-9][\d,]* conversations/);
});

test('offline: search a phrase, narrow by queue and CSAT, read a transcript, add a note, download HTML and CSV', async ({ page }) => {
  await openOffline(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Conversations' }).click();
  await expect(page.getByTestId('history-count')).toContainText(/conversation/);
  // The first page of every conversation answers before its count; the count then replaces the rows so far.
  await expect(page.getByTestId('history-counting')).toHaveCount(0);
  expect(Number(await page.getByTestId('history-count').getAttribute('data-total'))).toBeGreaterThan(50);

  // Search a phrase the simulated customers type.
  await page.getByTestId('history-search-text').fill(`"${PHRASE}"`);
  await page.getByTestId('history-search-text').press('Enter');
  await expect(page.getByTestId('history-chip').filter({ hasText: `Text: "${PHRASE}"` })).toBeVisible();
  await expect(page.getByTestId('history-row').first()).toBeVisible();
  await expect(page.getByTestId('history-row').first().locator('mark').first()).toHaveText(/charged|twice/i);

  // A malformed query is explained beside the box and the results stay.
  const countBefore = await page.getByTestId('history-count').getAttribute('data-total');
  await page.getByTestId('history-search-text').fill('"charged twice');
  await page.getByTestId('history-search-text').press('Enter');
  await expect(page.getByTestId('history-search-error')).toBeVisible();
  await expect(page.getByTestId('history-count')).toHaveAttribute('data-total', countBefore ?? '');
  await expect(page.getByTestId('history-row').first()).toBeVisible();
  await page.getByTestId('history-search-text').fill(`"${PHRASE}"`);

  // Narrow by queue, then by CSAT.
  await page.getByTestId('history-filter-queue').selectOption({ label: QUEUE_LABEL });
  await expect(page.getByTestId('history-chip').filter({ hasText: 'Queue: Billing' })).toBeVisible();
  await expect(page.getByTestId('history-search-error')).toHaveCount(0);
  await page.getByTestId('history-filter-csat-min').selectOption('4');
  await expect(page.getByTestId('history-chip').filter({ hasText: 'CSAT: ≥ 4' })).toBeVisible();
  const rows = page.getByTestId('history-row');
  await expect(rows.first()).toBeVisible();
  for (const csat of await page.getByTestId('history-row-csat').allTextContents()) expect(Number(csat)).toBeGreaterThanOrEqual(4);
  for (const text of await rows.allTextContents()) expect(text).toContain('Billing');

  // Open the first transcript with the keyboard.
  const conversationId = (await rows.first().getAttribute('data-conversation-id')) ?? '';
  expect(conversationId).not.toBe('');
  await page.getByTestId('history-results').focus();
  await page.keyboard.press('Enter');
  const transcript = page.getByTestId('transcript');
  await expect(transcript).toHaveAttribute('data-conversation-id', conversationId);
  await expect(page.getByTestId('transcript-entries')).toContainText(new RegExp(PHRASE, 'i'));
  await expect(page.getByTestId('transcript-csat')).toHaveText(/[45] \/ 5/);

  // A note made offline is kept and marked as not yet sent.
  const noteText = `Checked offline ${Date.now()}`;
  await page.getByTestId('note-text').fill(noteText);
  await page.getByTestId('note-add').click();
  const note = page.getByTestId('note').filter({ hasText: noteText });
  await expect(note).toBeVisible();
  await expect(note.getByTestId('note-pending')).toHaveText(/saved locally — will be sent when the feed is back/i);

  await page.keyboard.press('Escape');
  await expect(transcript).toHaveCount(0);
  await expect(page.getByTestId('history-row').first()).toBeVisible();

  // Download every result as HTML, then as CSV.
  await page.getByTestId('history-download-all').click();
  await page.getByTestId('export-format-html').check();
  const htmlDownload = page.waitForEvent('download');
  await page.getByTestId('export-start').click();
  const html = await saved(await htmlDownload);
  await expect(page.getByTestId('export-dialog')).toHaveAttribute('data-step', 'saved');
  expect(html).toContain(conversationId);
  expect(html.toLowerCase()).toContain(PHRASE);
  expect(html.toLowerCase()).toContain('<html');
  await page.getByTestId('export-close').click();
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);

  await page.getByTestId('history-download-all').click();
  await page.getByTestId('export-format-csv').check();
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('export-start').click();
  const csv = await saved(await csvDownload);
  expect((await csvDownload).suggestedFilename()).toMatch(/\.csv$/);
  const [header = ''] = csv.split(/\r?\n/, 1);
  expect(header.toLowerCase()).toMatch(/conversation/);
  expect(header).toContain(',');
  expect(csv).toContain(conversationId);
  expect(csv.toLowerCase()).toContain(PHRASE);
});
