/**
 * Scheduled reports end to end in Chromium, against a real SMTP server on 127.0.0.1 started by the
 * test (smtp-server; mails parsed with mailparser, the XLSX with exceljs): an administrator enters
 * the mail server and a schedule in the Reports view and presses "Send now"; the mail arrives and
 * its XLSX holds the dashboard's figures as the API gives them for the same range, and its PDF
 * (drawn by the Chromium on the machine, read back with pdfjs-dist) the KPIs' figures. After a restart
 * over a missed run (the schedule's last run moved back in the closed cache file), that run is
 * sent once, marked late, and a second restart sends nothing. A refused login shows in the history.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { expect, test, type Page } from '@playwright/test';
import type { DashboardRecord, InsightMetric, InsightResult } from '../../src-shared/api/insights.js';
import type { ReportRun } from '../../src-shared/api/reports.js';
import type { CacheInfo } from '../../src-shared/api/history.js';
import { cacheDirFor } from '../../src-main/core/connections/cache-key.js';
import { figureText } from '../../src-main/core/reports/report-figures.js';
import { pdfText } from '../support/pdf-text.js';
import { populateCache, type PopulatedCache } from '../support/populated-cache.js';
import { goTo, rawRequest } from '../support/console-page.js';
import { startHostProcess, waitFor, type HostProcess } from '../support/host-process.js';

const LOGIN = { username: 'reports', password: 'right-password' };

let smtp: SMTPServer;
let smtpPort = 0;
const mails: ParsedMail[] = [];
let host: HostProcess;
let dataDir: string;
// A populated cache with the feed gone: nothing moves the figures between a report and the check.
let cache: PopulatedCache;
let HOST_ARGS: readonly string[] = [];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  smtp = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === LOGIN.username && auth.password === LOGIN.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as { port: number }).port;
  cache = await populateCache({ days: 2, seed: 11, agents: 16, timeoutMs: 240_000 });
  dataDir = cache.dataDir;
  HOST_ARGS = cache.offlineArgs;
  host = await startHostProcess(HOST_ARGS, { dataDir });
});

test.afterAll(async () => {
  await host?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function fillSmtp(page: Page, password: string): Promise<void> {
  const form = page.getByTestId('smtp-form');
  await form.getByTestId('smtp-host').fill('127.0.0.1');
  await form.getByTestId('smtp-port').fill(String(smtpPort));
  await form.getByTestId('smtp-security').selectOption('none');
  await form.getByTestId('smtp-username').fill(LOGIN.username);
  if ((await form.getByTestId('smtp-password-replace').count()) > 0) await form.getByTestId('smtp-password-replace').check();
  await form.getByTestId('smtp-password').fill(password);
  await form.getByTestId('smtp-from').fill('floorwatch@example.test');
  await form.getByTestId('smtp-save').click();
  await expect(page.getByTestId('smtp-feedback')).toHaveAttribute('data-kind', 'ok');
  await expect(page.getByTestId('smtp-password-state')).toHaveAttribute('data-stored', 'yes');
}

/** Opens the console of a host whose feed is gone: it shows the cache and keeps reconnecting. */
async function openOffline(page: Page, running: HostProcess): Promise<void> {
  await page.goto(running.consoleUrl);
  await expect(page.getByTestId('connection-state')).toBeVisible();
}

/** The rows of a sheet as plain arrays (exceljs rows are 1-based). */
function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  return sheet.getSheetValues().filter(Array.isArray).map((row) => (row as unknown[]).slice(1));
}

test('a schedule set in the UI is sent now, its XLSX holds the figures the API gives; a missed run is sent once after a restart; a refused login is in the history', async ({ page }) => {
  await openOffline(page, host);
  await goTo(page, '#/reports');
  await expect(page.getByTestId('smtp-not-set')).toBeVisible();
  await expect(page.getByTestId('report-schedules-empty')).toBeVisible();
  await fillSmtp(page, LOGIN.password);

  await page.getByTestId('report-add').click();
  const editor = page.getByTestId('report-editor');
  await editor.getByTestId('report-name').fill('Morning Program');
  await editor.getByTestId('report-dashboard').selectOption('builtin-program');
  await editor.getByTestId('report-cadence').selectOption('daily');
  await editor.getByTestId('report-time').fill('07:00');
  await editor.getByTestId('report-zone').selectOption('Europe/Paris');
  await editor.getByTestId('report-range').selectOption('last7Days');
  await editor.getByTestId('report-recipients').fill('floor@example.test, boss@example.test');
  await editor.getByTestId('report-format-csv').check();
  await editor.getByTestId('report-format-xlsx').check();
  await editor.getByTestId('report-format-pdf').check();
  await editor.getByTestId('report-save').click();
  const row = page.getByTestId('report-schedule');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Every day at 07:00 (Europe/Paris)');

  // The cache's figures are all computed (the background pass after the start), so they no longer move.
  await expect
    .poll(async () => {
      const info = await rawRequest<CacheInfo>(host, { op: 'query', query: { type: 'history.cacheInfo' } });
      return info.ok ? info.value.figuresPending : 'no answer';
    }, { timeout: 120_000, message: 'the background pass has computed every figure of the cache' })
    .toBe(false);
  await row.getByTestId('report-send-now').click();
  await expect(page.getByTestId('report-send-feedback')).toContainText('was sent to 2 recipients', { timeout: 60_000 });
  const sent = await waitFor(() => mails[0], { what: 'the report mail' });
  expect(sent.subject).toContain('Morning Program');
  expect(sent.text).toContain('Time zone: Europe/Paris');
  await expect(page.getByTestId('report-run').first()).toHaveAttribute('data-state', 'sent');

  // The PDF, drawn by the Chromium on this machine: its text read back below.
  expect(sent.text).not.toContain('PDF is not attached');
  const pdf = sent.attachments.find((attachment) => attachment.filename?.endsWith('.pdf'));
  expect(pdf?.contentType).toBe('application/pdf');
  const printed = await pdfText(new Uint8Array(pdf?.content ?? Buffer.alloc(0)));
  expect(printed.text).toContain('Morning Program');

  // The XLSX against the API: the same widget over the range written on its sheet.
  const xlsx = sent.attachments.find((attachment) => attachment.filename?.endsWith('.xlsx'));
  expect(xlsx).toBeDefined();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx?.content as unknown as ArrayBuffer);
  const dashboard = await rawRequest<DashboardRecord>(host, { op: 'query', query: { type: 'insights.dashboard', dashboardId: 'builtin-program' } });
  if (!dashboard.ok) throw new Error(dashboard.error);
  const widgets = dashboard.value.document.widgets;
  expect(book.worksheets).toHaveLength(widgets.length);
  for (const [index, widget] of widgets.entries()) {
    const rows = sheetRows(book.worksheets[index] as ExcelJS.Worksheet);
    // The Range row: its words, then the first instant and the end (exclusive) as local date-times.
    const rangeRow = rows.find((line) => line[0] === 'Range') ?? [];
    const [fromCell, toCell] = [rangeRow[2], rangeRow[3]];
    if (!(fromCell instanceof Date) || !(toCell instanceof Date)) throw new Error(`no range dates on the sheet: ${JSON.stringify(rangeRow)}`);
    const from = fromCell.toISOString().slice(0, 10);
    const to = new Date(toCell.getTime() - 86_400_000).toISOString().slice(0, 10);
    const result = await rawRequest<InsightResult>(host, {
      op: 'query',
      query: { type: 'insights.query', query: { widget, range: { from, to }, interval: dashboard.value.document.defaults.interval, timeZone: 'Europe/Paris', filters: dashboard.value.document.filters } },
    });
    if (!result.ok) throw new Error(result.error);
    const total = rows.find((line) => line[0] === 'Total') ?? [];
    const figures = total.slice(total.length - widget.metrics.length).map((value) => (value === undefined || value === null ? null : Number(value)));
    const expected = result.value.totals.map((cell) => cell.value);
    for (const [metric, value] of expected.entries()) {
      if (value === null) expect(figures[metric]).toBeNull();
      else expect(figures[metric]).toBeCloseTo(value, 6);
    }
    // The PDF shows a KPI's figure under its title, as the report writes it ("not known" for none).
    if (widget.chart === 'kpi' && widget.metrics.length === 1) expect(printed.text).toContain(`${widget.title} ${figureText(widget.metrics[0] as InsightMetric, expected[0] ?? null)}`);
  }

  // A restart over a missed run: the console closed, the schedule's last run two days back.
  await host.stop();
  const feedUrl = HOST_ARGS[HOST_ARGS.indexOf('--feed-url') + 1] ?? '';
  const feedToken = HOST_ARGS[HOST_ARGS.indexOf('--feed-token') + 1] ?? '';
  const db = new Database(join(cacheDirFor(dataDir, { kind: 'remote', url: feedUrl, token: feedToken }), 'floorwatch.db'));
  db.prepare('UPDATE report_schedules SET saved_at = saved_at - 2 * 86400000').run();
  db.close();
  host = await startHostProcess(HOST_ARGS, { dataDir });
  const late = await waitFor(() => mails[1], { what: 'the missed report', timeoutMs: 60_000 });
  expect(late.subject).toContain('(late: the console was closed when it was due)');
  expect(late.text).toContain('This report is late');
  const runs = await rawRequest<ReportRun[]>(host, { op: 'query', query: { type: 'reports.runs', limit: 10 } });
  if (!runs.ok) throw new Error(runs.error);
  expect(runs.value.filter((run) => run.missed)).toHaveLength(1);

  // Another restart sends nothing more.
  await host.stop();
  host = await startHostProcess(HOST_ARGS, { dataDir });
  await openOffline(page, host);
  await goTo(page, '#/reports');
  await expect(page.getByTestId('report-run')).toHaveCount(2);
  await expect(page.getByTestId('report-run').first()).toHaveAttribute('data-missed', 'yes');
  expect(mails).toHaveLength(2);

  // A wrong password: the refusal is in the history, in words.
  await fillSmtp(page, 'wrong-password');
  await page.getByTestId('report-schedule').getByTestId('report-send-now').click();
  await expect(page.getByTestId('report-send-feedback')).toContainText('was not sent', { timeout: 60_000 });
  await expect(page.getByTestId('report-run').first()).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('report-run-error').first()).toContainText('refused the login of "reports"');
  expect(mails).toHaveLength(2);
});
