/**
 * Business hours end to end: the real host and simulator, in Chromium. A WFM leader closes a queue
 * with an "outside business hours" overflow rule and sees its tile say Closed while its new chats
 * arrive in the target queue, then adds a holiday and sees it in the week preview. A business
 * stakeholder sees the hours with no edit control, and the core refuses the change over the API.
 */
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { startSimAndHost } from '../support/sim-and-host.js';
import type { SimServer } from '../../src-main/sim/index.js';
import { busyAfternoon } from '../support/busy-floor.js';
import { connectApi, goTo, openConsole } from '../support/console-page.js';


/** Closed by its hours in this test; its new chats overflow to TARGET (a chat queue open around the clock). */
const SOURCE = 'q-orders';
const TARGET = 'q-tech-support';
/** What customers of SOURCE ask (src-main/sim/catalog.ts); TARGET's own customers never do. */
const SOURCE_INTENTS = /Where is my order|Change delivery/;

const queueTile = (page: Page, queueId: string) => page.locator(`[data-testid="queue-tile"][data-queue-id="${queueId}"]`);

/** The date in a zone today (YYYY-MM-DD): a holiday is a date of the queue's own calendar. */
function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());
}

test.describe('as a WFM leader', () => {
  let sim: SimServer;
  let host: HostProcess;

  test.beforeAll(async () => {
    // Busy enough that new chats arrive every few seconds.
    ({ sim, host } = await startSimAndHost({ sim: { port: 0, seed: 21, tokenSeed: 'e2e-hours', heartbeatIntervalMs: 250, floor: { arrivalScale: 6, startTime: busyAfternoon() } }, userId: 'wfm-leader' }));
  });

  test.afterAll(async () => {
    await host?.stop();
    await sim?.close();
  });

  test('a queue with no window this week is closed, says so on its tile, and its new chats overflow', async ({ page }) => {
    await openConsole(page, host);
    await expect(page.getByTestId('role')).toHaveText(/WFM/i);

    // The overflow rule, from the queue's page.
    await goTo(page, `#/queue/${SOURCE}/conversations`);
    await page.getByTestId('action-overflow').click();
    const overflow = page.getByTestId('overflow-dialog');
    // Whatever rules the floor started with, the queue ends with this one only.
    while ((await overflow.getByTestId('overflow-remove').count()) > 0) await overflow.getByTestId('overflow-remove').first().click();
    await overflow.getByTestId('overflow-add').click();
    const rule = overflow.getByTestId('overflow-rule').last();
    await rule.getByTestId('overflow-when').selectOption('outside_business_hours');
    await rule.getByTestId('overflow-target').selectOption(TARGET);
    await overflow.getByTestId('overflow-dialog-submit').click();
    await expect(overflow).toHaveCount(0);
    await expect(page.getByTestId('action-feedback')).toHaveAttribute('data-kind', 'ok');

    // Business hours with no window at all: closed now, whatever the hour of the run.
    await page.getByTestId('action-hours').click();
    await expect(page).toHaveURL(new RegExp(`#/manage/hours/${SOURCE}$`));
    const form = page.getByTestId('hours-form');
    await expect(form).toBeVisible();
    await expect(page.getByTestId('hours-while-closed')).toContainText('go to');
    for (const control of ['hours-special-remove', 'hours-window-remove', 'hours-holiday-remove']) {
      while ((await form.getByTestId(control).count()) > 0) await form.getByTestId(control).first().click();
    }
    await expect(page.getByTestId('preview-day')).toHaveCount(7);
    await expect(page.locator('[data-testid="preview-day"][data-open="true"]')).toHaveCount(0);
    await form.getByTestId('hours-save').click();
    await expect(page.getByTestId('hours-feedback')).toHaveAttribute('data-kind', 'ok');
    await expect(page.getByTestId('hours-feedback')).toContainText('business hours saved');

    // New chats of the closed queue arrive in the target queue instead. They wait there (the
    // live table lists assigned conversations only), so the console's recent list is read, as the
    // Conversations view does: customers of the closed queue keep coming, into the target queue.
    const api = await connectApi(host);
    try {
      const arrived = async (): Promise<number> => {
        const rows = (await api.request({ op: 'query', query: { type: 'conversations.recent', queueId: TARGET, limit: 500 } })) as { ok: boolean; value?: readonly { readonly intent: string }[] };
        return rows.value?.filter((row) => SOURCE_INTENTS.test(row.intent)).length ?? 0;
      };
      const before = await arrived();
      await expect.poll(arrived, { timeout: 45_000, message: `chats of ${SOURCE} arrive in ${TARGET}` }).toBeGreaterThanOrEqual(before + 3);
    } finally {
      api.close();
    }

    // The tile says Closed, plainly.
    await goTo(page, '#/');
    const tile = queueTile(page, SOURCE);
    await expect(tile).toHaveAttribute('data-open', 'false');
    await expect(tile.getByTestId('tile-hours')).toContainText('Closed');
    await expect(tile.getByTestId('tile-closed')).toHaveText(/closed/i);
  });

  test('a holiday added today, in the queue zone, shows in the week preview', async ({ page }) => {
    await openConsole(page, host);
    await goTo(page, `#/manage/hours/${SOURCE}`);
    const form = page.getByTestId('hours-form');
    await expect(form).toBeVisible();
    const today = todayIn('Europe/London');
    await form.getByTestId('hours-holiday-date').fill(today);
    await form.getByTestId('hours-holiday-add').click();
    await expect(form.locator(`[data-testid="hours-holiday"][data-date="${today}"]`)).toBeVisible();
    const previewToday = page.locator(`[data-testid="preview-day"][data-date="${today}"]`);
    await expect(previewToday).toHaveAttribute('data-kind', 'holiday');
    await expect(previewToday).toContainText('Holiday');
    await form.getByTestId('hours-save').click();
    await expect(page.getByTestId('hours-feedback')).toHaveAttribute('data-kind', 'ok');

    // Saved: read back from the core after a reload.
    await page.reload();
    await expect(page.locator(`[data-testid="hours-holiday"][data-date="${today}"]`)).toBeVisible();
    await expect(page.locator(`[data-testid="preview-day"][data-date="${today}"]`)).toHaveAttribute('data-kind', 'holiday');
  });
});

test.describe('as a business stakeholder', () => {
  let host: HostProcess;

  test.beforeAll(async () => {
    host = await startHostProcess(['--user', 'stakeholder', '--seed', '11', '--sim-start', String(busyAfternoon())]);
  });

  test.afterAll(async () => {
    await host?.stop();
  });

  test('sees the hours and thresholds with no edit control, and is refused the change through the API', async ({ page }) => {
    await openConsole(page, host);
    await page.getByRole('link', { name: 'Manage' }).click();
    await expect(page).toHaveURL(/#\/manage\/hours$/);
    await page.getByTestId('manage-queue').selectOption(SOURCE);
    const section = page.getByTestId('hours-section');
    await expect(section).toHaveAttribute('data-editable', 'false');
    await expect(page.getByTestId('hours-summary')).toBeVisible();
    await expect(page.getByTestId('week-preview')).toBeVisible();
    await expect(page.getByTestId('hours-form')).toHaveCount(0);
    await expect(page.getByTestId('hours-copy')).toHaveCount(0);
    await expect(page.getByTestId('hours-summary').locator('input, textarea, select, button')).toHaveCount(0);
    for (const control of ['hours-save', 'hours-window-open', 'hours-window-add', 'hours-holiday-date', 'hours-special-date', 'hours-closed-message']) await expect(page.getByTestId(control)).toHaveCount(0);
    // No users section for a role without admin.users.
    await expect(page.getByTestId('manage-section-users')).toHaveCount(0);

    await page.getByTestId('manage-section-thresholds').click();
    const organisation = page.getByTestId('org-thresholds');
    await expect(organisation).toHaveAttribute('data-editable', 'false');
    await expect(organisation.getByTestId('org-threshold-row')).toHaveCount(7);
    await expect(organisation.locator('input, button')).toHaveCount(0);

    const api = await connectApi(host);
    try {
      const hours = await api.request({ op: 'command', commandId: 'e2e-hours-forbidden-1', command: { type: 'queue.business_hours', queueId: SOURCE, businessHours: { windows: [], holidays: [] } } });
      expect(hours.ok).toBe(false);
      expect(hours.error).toMatch(/Your role \(business_stakeholder\) may not/);
      expect(hours.code).toBe('forbidden');
      // The same connection still reads what the role allows.
      const settings = await api.request({ op: 'query', query: { type: 'management.queues' } });
      expect(settings.ok).toBe(true);
    } finally {
      api.close();
    }
  });
});
