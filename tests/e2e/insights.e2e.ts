/**
 * Historical Insights end to end, as an analyst on a train: the console starts on a populated
 * cache with the feed gone, opens each built-in dashboard, changes range, interval, zone and a
 * filter (kept in the link), switches a widget's chart, opens a figure's explanation and drills
 * into its conversations, builds a custom dashboard and shares it with another data directory,
 * and exports the figures to XLSX and CSV, whose contents it reads back.
 */
import { readFileSync, rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { startHostProcess, tempDir, type HostProcess } from '../support/host-process.js';
import { populateCache, type PopulatedCache } from '../support/populated-cache.js';

const BUILT_IN = ['builtin-program', 'builtin-automation', 'builtin-operations', 'builtin-outcomes'] as const;

let cache: PopulatedCache;
const hosts: HostProcess[] = [];
const dirs: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  cache = await populateCache({ days: 2, seed: 11, agents: 16, timeoutMs: 240_000 });
});

test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
});

test.afterAll(() => {
  if (cache !== undefined) rmSync(cache.dataDir, { recursive: true, force: true });
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function openOffline(page: Page, hash = '#/insights'): Promise<HostProcess> {
  return openHost(page, await startHostProcess(cache.offlineArgs, { dataDir: cache.dataDir }), hash);
}

async function openHost(page: Page, host: HostProcess, hash: string): Promise<HostProcess> {
  hosts.push(host);
  await page.goto(host.consoleUrl);
  await expect(page.getByTestId('connection-state')).toBeVisible();
  await page.evaluate((target) => {
    window.location.hash = target;
  }, hash);
  await expect(page.getByTestId('insights-view')).toBeVisible();
  return host;
}

/** Every widget on screen has answered, none with an error. */
async function answered(page: Page): Promise<void> {
  await expect(page.getByTestId('insights-widget').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[data-testid="insights-widget"][aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('[data-testid="insights-widget"][data-state="error"]')).toHaveCount(0);
}

function hashParams(page: Page): URLSearchParams {
  const hash = new URL(page.url()).hash;
  return new URLSearchParams(hash.split('?')[1] ?? '');
}

async function savedText(download: Download): Promise<string> {
  return readFileSync(await download.path(), 'utf8');
}

test('each built-in dashboard opens on the cache with the feed offline, with figures and no errors', async ({ page }) => {
  await openOffline(page);
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Insights' })).toHaveAttribute('aria-current', 'page');
  for (const dashboardId of BUILT_IN) {
    await page.getByTestId('insights-dashboard-picker').selectOption(dashboardId);
    await expect(page).toHaveURL(new RegExp(`#/insights/${dashboardId}`));
    await answered(page);
    await expect(page).toHaveTitle(/Insights/);
  }
  // The Program dashboard has figures from the cache, and a KPI says how it compares.
  await page.getByTestId('insights-dashboard-picker').selectOption('builtin-program');
  await answered(page);
  await expect(page.locator('[data-testid="insights-figure"][data-known="true"]').first()).toBeVisible();
});

test('range, interval, zone and a filter change the figures and travel in the link', async ({ page }) => {
  await openOffline(page, '#/insights/builtin-program');
  await answered(page);

  await page.getByTestId('insights-range').selectOption('last30Days');
  await page.getByTestId('insights-interval').selectOption('week');
  await page.getByTestId('insights-zone').selectOption('America/New_York');
  await answered(page);
  await page.getByTestId('insights-filter-queueIds').locator('summary').click();
  const firstQueue = page.getByTestId('insights-filter-queueIds').locator('input[type="checkbox"]').first();
  const queueId = (await firstQueue.getAttribute('data-value')) ?? '';
  await firstQueue.check();
  await answered(page);

  const params = hashParams(page);
  expect(params.get('range')).toBe('last30Days');
  expect(params.get('interval')).toBe('week');
  expect(params.get('zone')).toBe('America/New_York');
  expect(params.getAll('queue')).toEqual([queueId]);

  // A custom range of two dates: the last day alone, by the hour.
  await page.getByTestId('insights-range').selectOption('custom');
  await expect(page.getByTestId('insights-range-from')).toBeVisible();
  const lastDay = await page.getByTestId('insights-range-to').inputValue();
  await page.getByTestId('insights-range-from').fill(lastDay);
  await page.getByTestId('insights-interval').selectOption('hour');
  await answered(page);
  expect(hashParams(page).get('range')).toBe(`${lastDay}..${lastDay}`);

  // The link reopens the same view.
  await page.reload();
  await answered(page);
  await expect(page.getByTestId('insights-interval')).toHaveValue('hour');
  await expect(page.getByTestId('insights-zone')).toHaveValue('America/New_York');
  await expect(page.getByTestId('insights-range')).toHaveValue('custom');
});

test('a widget switches its chart type for the session, and a figure explains itself and opens its conversations', async ({ page }) => {
  await openOffline(page, '#/insights/builtin-program');
  await answered(page);
  const widget = page.getByTestId('insights-widget').first();
  const widgetId = (await widget.getAttribute('data-widget-id')) ?? '';
  await widget.getByTestId('insights-chart-type').selectOption('table');
  const same = page.locator(`[data-testid="insights-widget"][data-widget-id="${widgetId}"]`);
  await expect(same).toHaveAttribute('data-chart', 'table');
  await expect(same.getByTestId('insights-table')).toBeVisible();
  await page.reload();
  await answered(page);
  await expect(same).toHaveAttribute('data-chart', 'table');
  await same.getByTestId('insights-chart-type').selectOption('bar');
  await expect(same.getByTestId('insights-canvas')).toBeVisible();

  // The keyboard reaches a figure; E opens its explanation with its inputs.
  const figure = page.locator('[data-testid="insights-widget"][data-chart="kpi"] [data-testid="insights-figure"][data-known="true"]').first();
  await figure.focus();
  await page.keyboard.press('e');
  const explain = page.getByTestId('insights-explain');
  await expect(explain).toBeVisible();
  await expect(page.getByTestId('insights-explain-definition')).not.toBeEmpty();
  await expect(page.getByTestId('insights-explain-inputs')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(explain).toHaveCount(0);
  await expect(figure).toBeFocused();

  // Enter opens it too; the conversations behind it open in the Conversation Manager.
  await page.keyboard.press('Enter');
  await expect(explain).toBeVisible();
  await page.getByTestId('insights-drill').click();
  await expect(page.getByTestId('history-view')).toBeVisible();
  expect(new URL(page.url()).hash).toMatch(/^#\/history\?filters=/);
  await expect(page.getByTestId('history-count')).toContainText(/conversation/);
  await expect(page.getByTestId('history-row').first()).toBeVisible();
});

test('a custom dashboard is built, shared as a file and imported in another data directory', async ({ page }) => {
  await openOffline(page, '#/insights/builtin-program');
  await answered(page);
  await page.getByTestId('insights-new').click();
  const editor = page.getByTestId('insights-editor');
  await expect(editor).toBeVisible();
  await page.getByTestId('insights-editor-name').fill('Team review');
  await page.getByTestId('insights-editor-notes').fill('Read on Mondays.');
  await page.getByTestId('insights-editor-widget-title').first().fill('Offered per day');
  await page.getByTestId('insights-editor-add-widget').click();
  const second = page.getByTestId('insights-editor-widget').nth(1);
  await second.getByTestId('insights-editor-widget-title').fill('Service level by queue');
  await second.getByTestId('insights-editor-metrics').selectOption(['serviceLevel', 'offered']);
  await second.getByTestId('insights-editor-dimension').selectOption('queue');
  await second.getByTestId('insights-editor-chart').selectOption('table');
  await second.getByTestId('insights-editor-width').selectOption('12');
  await page.getByTestId('insights-editor-save').click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('insights-title')).toHaveText('Team review');
  await expect(page.getByTestId('insights-notes')).toHaveText('Read on Mondays.');
  await answered(page);
  await expect(page.getByTestId('insights-widget')).toHaveCount(2);

  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('insights-share').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('Team review.floorwatch-dashboard.json');
  const shared = JSON.parse(await savedText(download)) as { format: string; version: number; name: string; notes: string; widgets: { title: string }[] };
  expect(shared).toMatchObject({ format: 'floorwatch.dashboard', version: 2, name: 'Team review', notes: 'Read on Mondays.' });
  expect(shared.widgets.map((widget) => widget.title)).toEqual(['Offered per day', 'Service level by queue']);
  const file = await download.path();

  // Another data directory: a colleague's console (on its own simulated floor) that has never seen this dashboard.
  for (const host of hosts.splice(0)) await host.stop();
  const otherDir = tempDir('insights-other');
  dirs.push(otherDir);
  await openHost(page, await startHostProcess(['--seed', '7', '--user', 'admin'], { dataDir: otherDir }), '#/insights/builtin-program');
  await expect(page.getByTestId('insights-title')).toBeVisible();
  // A document that is not valid is refused with the field and the reason.
  await page.getByTestId('insights-import-file').setInputFiles({ name: 'broken.floorwatch-dashboard.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...shared, widgets: [] })) });
  await expect(page.getByTestId('insights-import-message')).toContainText('broken.floorwatch-dashboard.json was not imported');
  await expect(page.getByTestId('insights-import-message')).toContainText('widgets');
  await page.getByTestId('insights-import-file').setInputFiles(file);
  await expect(page.getByTestId('insights-title')).toHaveText('Team review');
  await expect(page.getByTestId('insights-notes')).toHaveText('Read on Mondays.');
  await expect(page.getByTestId('insights-widget')).toHaveCount(2);

  // Own dashboards can be deleted, after a question.
  await page.getByTestId('insights-delete').click();
  await page.getByTestId('insights-delete-confirm-confirm').click();
  await expect(page.getByTestId('insights-title')).not.toHaveText('Team review');
});

test('the dashboard exports to XLSX (one sheet per widget, typed cells) and CSV', async ({ page }) => {
  await openOffline(page, '#/insights/builtin-program?range=last7Days&interval=day&zone=UTC&compare=1&queue=');
  await answered(page);
  const titles = await page.locator('[data-testid="insights-widget"] .insights-widget__title').allTextContents();
  expect(titles.length).toBeGreaterThan(0);

  await page.getByTestId('insights-export').click();
  await page.getByTestId('insights-export-xlsx').check();
  let downloadPromise = page.waitForEvent('download');
  await page.getByTestId('insights-export-start').click();
  const xlsx = await downloadPromise;
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  await expect(page.getByTestId('insights-export-status')).toContainText('Saved');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  expect(workbook.worksheets.length).toBeGreaterThanOrEqual(titles.length);
  const sheetText = workbook.worksheets.map((sheet) => {
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    return cells.join('\n');
  });
  // The range's zone is written on the sheets, and the figures are numbers, not text.
  expect(sheetText.some((text) => text.includes('UTC'))).toBe(true);
  const numeric = workbook.worksheets.some((sheet) => {
    let found = false;
    sheet.eachRow((row) => row.eachCell((cell) => (found ||= cell.type === ExcelJS.ValueType.Number)));
    return found;
  });
  expect(numeric).toBe(true);
  await page.getByTestId('insights-export-close').click();

  await page.getByTestId('insights-export').click();
  await page.getByTestId('insights-export-csv').check();
  downloadPromise = page.waitForEvent('download');
  await page.getByTestId('insights-export-start').click();
  const csv = await downloadPromise;
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const text = await savedText(csv);
  for (const title of titles) expect(text).toContain(title);
  expect(text).toContain('UTC');
  await page.getByTestId('insights-export-close').click();

  // One widget alone, too.
  const first = page.getByTestId('insights-widget').first();
  await first.getByTestId('insights-widget-export').click();
  await page.getByTestId('insights-export-csv').check();
  downloadPromise = page.waitForEvent('download');
  await page.getByTestId('insights-export-start').click();
  const single = await savedText(await downloadPromise);
  expect(single).toContain(titles[0] ?? '');
});
