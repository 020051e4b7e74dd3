/**
 * Alerts end to end, in Chromium against two real hosts on one simulated feed: a WFM leader's
 * console and the Orders leader's. Thresholds set low through the feed make the breach certain; a
 * breach raises an alert and a web notification; once acknowledged it is quiet (a reload, which
 * plans every open alert afresh, does not notify it); a short snooze runs out and it notifies
 * again; an escalation to the Orders leader reaches their console (banner and notification); the
 * alert centre's history lists every change. Notifications are captured by wrapping
 * `window.Notification` before the page runs.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { busyAfternoon } from '../support/busy-floor.js';
import { goTo, openConsole, rawRequest } from '../support/console-page.js';
import { loadSimulator, startHostProcess, type HostProcess } from '../support/host-process.js';

type SimServer = Awaited<ReturnType<Awaited<ReturnType<typeof loadSimulator>>['startSimServer']>>;

interface CapturedNotice {
  readonly title: string;
  readonly tag: string;
  readonly body: string;
  readonly alertIds: readonly string[];
}

const TIGHT = { queuedLow: 0, queuedHigh: 0, longestWaitSec: 0, ahtSec: 0, firstResponseSec: 0, serviceLevelPct: 100, abandonRatePct: 0 };
const AHT_ALERT = '[data-testid="alerts-row"][data-alert-id^="threshold:q-orders:ahtNowSec@"]';

/** Records every Notification the page constructs, keeping the real one working. */
function captureNotifications(): void {
  const Real = window.Notification;
  const seen: unknown[] = [];
  (window as unknown as { __notices: unknown[] }).__notices = seen;
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      const data = (options?.data ?? {}) as { alertIds?: unknown };
      seen.push({ title, tag: options?.tag ?? '', body: options?.body ?? '', alertIds: Array.isArray(data.alertIds) ? data.alertIds : [] });
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true, writable: true });
}

async function notices(page: Page): Promise<readonly CapturedNotice[]> {
  return page.evaluate(() => ((window as unknown as { __notices?: CapturedNotice[] }).__notices ?? []).slice());
}

async function consoleContext(browser: Browser, host: HostProcess): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await context.grantPermissions(['notifications'], { origin: host.origin });
  await context.addInitScript(captureNotifications);
  const page = await context.newPage();
  await openConsole(page, host);
  return { context, page };
}

let sim: SimServer;
let leaderHost: HostProcess;
let ordersHost: HostProcess;

test.beforeAll(async () => {
  const { startSimServer } = await loadSimulator();
  sim = await startSimServer({ port: 0, seed: 11, tokenSeed: 'e2e-alerts', heartbeatIntervalMs: 250, floor: { arrivalScale: 4, startTime: busyAfternoon() } });
  const tokenOf = (userId: string): string => {
    const entry = sim.users().find((candidate) => candidate.user.userId === userId);
    if (entry === undefined) throw new Error(`no demo user ${userId}`);
    return entry.token;
  };
  leaderHost = await startHostProcess(['--feed-url', sim.url, '--feed-token', tokenOf('wfm-leader'), '--backfill-days', '0']);
  ordersHost = await startHostProcess(['--feed-url', sim.url, '--feed-token', tokenOf('orders-leader'), '--backfill-days', '0']);
});

test.afterAll(async () => {
  await ordersHost?.stop();
  await leaderHost?.stop();
  await sim?.close();
});

test('an alert notifies, goes quiet when acknowledged, returns after a snooze, reaches the leader it is escalated to, and stays in the history', async ({ browser }) => {
  const leader = await consoleContext(browser, leaderHost);
  const page = leader.page;

  // Opt into Orders' threshold alerts; the permission is granted, so the centre says so.
  await goTo(page, '#/alerts');
  const view = page.getByTestId('alerts-view');
  await expect(view.getByTestId('alerts-notify-permission-state')).toBeVisible();
  await view.getByTestId('alerts-notify-q-orders-threshold').check();
  await view.getByTestId('alerts-notify-save').click();
  await expect(view.getByTestId('alerts-notify-feedback')).toHaveAttribute('data-kind', 'ok');

  // The breach: Orders' organisation thresholds set low through the feed.
  const tightened = await rawRequest(leaderHost, { op: 'command', commandId: 'e2e-tight', command: { type: 'queue.thresholds', queueId: 'q-orders', thresholds: TIGHT } });
  expect(tightened.ok).toBe(true);
  const row = view.getByTestId('alerts-open').locator(AHT_ALERT);
  await expect(row).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  const alertId = (await row.getAttribute('data-alert-id')) ?? '';
  await expect.poll(async () => (await notices(page)).some((notice) => notice.alertIds.includes(alertId) && notice.tag === 'alerts:q-orders'), { message: 'a web notification for the alert' }).toBe(true);
  await expect(page.getByTestId('alerts-open-count')).toBeVisible();

  // Acknowledge from the keyboard, with a note.
  await row.focus();
  await page.keyboard.press('a');
  const ack = page.getByTestId('alerts-ack-dialog');
  await ack.getByTestId('alerts-ack-note').fill('calling agents back');
  await ack.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(row).toHaveAttribute('data-state', 'acknowledged');

  // Quiet: a reload plans every open alert afresh, and the acknowledged one is not among them.
  await page.reload();
  const reloaded = page.getByTestId('alerts-view').getByTestId('alerts-open').locator(`[data-alert-id="${alertId}"]`);
  await expect(reloaded).toHaveAttribute('data-state', 'acknowledged');
  expect((await notices(page)).some((notice) => notice.alertIds.includes(alertId))).toBe(false);

  // A snooze of two seconds (through the API: the centre offers 15 minutes and more) runs out and notifies again.
  const snoozed = await rawRequest(leaderHost, { op: 'command', commandId: 'e2e-snooze', command: { type: 'alerts.snooze', alertId, durationSec: 2 } });
  expect(snoozed.ok).toBe(true);
  await expect(reloaded).toHaveAttribute('data-state', 'snoozed');
  await expect(reloaded).toHaveAttribute('data-state', 'open', { timeout: 15_000 });
  await expect.poll(async () => (await notices(page)).some((notice) => notice.alertIds.includes(alertId)), { message: 'a notification once the snooze ran out' }).toBe(true);

  // Escalate to the Orders leader from the keyboard; their console shows it and notifies them.
  const orders = await consoleContext(browser, ordersHost);
  await reloaded.focus();
  await page.keyboard.press('e');
  const escalate = page.getByTestId('alerts-escalate-dialog');
  await escalate.getByTestId('alerts-escalate-to').selectOption('orders-leader');
  await escalate.getByTestId('alerts-escalate-note').fill('yours, Sam');
  await escalate.getByRole('button', { name: 'Escalate' }).click();
  await expect(reloaded).toHaveAttribute('data-state', 'escalated');
  await expect(page.getByTestId('alerts-history').locator(`[data-alert-id="${alertId}"]`)).toHaveAttribute('data-state', 'escalated');

  // The Orders console names the alert alike; should it have received the breaching events in
  // another batch, it holds the same alert under its own seq (same key), which is what is matched.
  const key = alertId.slice(0, alertId.lastIndexOf('@') + 1);
  await expect(orders.page.getByTestId('escalation-banner')).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await notices(orders.page)).some((notice) => notice.tag.startsWith(`escalation:${key}`)), { message: 'the escalation notified the Orders leader' }).toBe(true);
  await orders.page.getByTestId('escalation-banner-open').click();
  const mine = orders.page.getByTestId('alerts-mine').locator(`[data-alert-id^="${key}"]`);
  await expect(mine).toContainText('yours, Sam');

  // The history lists all of it, on both consoles.
  for (const history of [page.getByTestId('alerts-history'), orders.page.getByTestId('alerts-history')]) {
    const updates = history.locator(`[data-alert-id^="${key}"]`).first().getByTestId('alerts-row-updates').locator('li');
    await expect.poll(async () => updates.evaluateAll((items) => items.map((item) => item.getAttribute('data-state')))).toEqual(['acknowledged', 'snoozed', 'escalated']);
  }
  await orders.context.close();
  await leader.context.close();
});
