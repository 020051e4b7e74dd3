/**
 * Explaining a figure end to end, on the real host with the embedded simulated floor, in Chromium:
 * from a tile's "Explain" control by keyboard, a figure's explanation lists its inputs and the
 * arithmetic back to the figure; from the queue panel, a figure opens the conversations behind it;
 * on the agent panel, an agent's handle time opens by keyboard and links to their conversations.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { busyAfternoon } from '../support/busy-floor.js';
import { goTo } from '../support/console-page.js';

let host: HostProcess | undefined;

test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

/** The chat queue with the most agents handling chats: its figures have conversations behind them. */
async function busiestChatQueue(page: Page): Promise<{ readonly queueId: string; readonly busy: number }> {
  return page.locator('[data-testid="queue-tile"]').evaluateAll((tiles) => {
    let best = { queueId: '', busy: -1 };
    for (const tile of tiles) {
      if (tile.querySelector('.channel-badge--chat') === null) continue;
      const busy = Number(tile.querySelector('[data-metric="agentsBusy"]')?.textContent ?? '0');
      if (busy > best.busy) best = { queueId: tile.getAttribute('data-queue-id') ?? '', busy };
    }
    return best;
  });
}

/** Starts the floor on a busy afternoon and opens the console until a chat queue has a busy agent; console errors are collected. */
async function openBusyFloor(page: Page): Promise<{ readonly queueId: string; readonly errors: string[] }> {
  host = await startHostProcess(['--seed', '7', '--sim-start', String(busyAfternoon())]);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(host.consoleUrl);
  await expect(page.locator('[data-testid="queue-tile"]').first()).toBeVisible();
  await expect.poll(async () => (await busiestChatQueue(page)).busy, { timeout: 20_000, message: 'some chat queue has a busy agent' }).toBeGreaterThan(0);
  const { queueId } = await busiestChatQueue(page);
  return { queueId, errors };
}

/** Follows the explanation's first conversation link: the dialog closes and that conversation's live transcript opens. */
async function openFirstConversationBehind(page: Page, dialog: Locator): Promise<void> {
  const first = dialog.getByTestId('explain-behind').locator('a').first();
  const conversationId = (await first.getAttribute('data-behind-id')) ?? '';
  expect(conversationId).not.toBe('');
  await first.click();
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`conversation=${conversationId}`));
  await expect(page.getByTestId('transcript-panel')).toBeVisible();
}

test('a figure explains its inputs, and opens the conversations behind it', async ({ page }) => {
  const { queueId, errors } = await openBusyFloor(page);
  const tile = page.locator(`[data-testid="queue-tile"][data-queue-id="${queueId}"]`);

  // Keyboard: the tile's one Explain control lists its figures; Enter opens one.
  const explain = tile.getByTestId('tile-explain');
  await explain.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('explain-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('explain-choose-serviceLevelPct').focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('explain-summary')).toHaveText(/answered within \d+ s of \d+ eligible/);
  await expect(dialog.getByTestId('explain-inputs')).toContainText('Out of');
  await expect(dialog.getByTestId('explain-arithmetic')).toHaveText(/^100 × \d+ \/ \d+ = (\d+%|no value)/);
  await expect(dialog.getByTestId('explain-alternatives')).toContainText('5 s grace');
  await expect(dialog.getByTestId('explain-history')).toHaveAttribute('href', '#/history');
  // Esc closes it and gives focus back to the control that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(explain).toBeFocused();

  // The queue panel: each figure is a button; Space opens it, and its conversations open their transcript.
  await tile.getByTestId('queue-tile-link').click();
  await expect(page).toHaveURL(new RegExp(`#/queue/${queueId}/conversations`));
  const assigned = page.getByTestId('queue-panel').getByTestId('metric-assigned');
  await expect(assigned).toHaveAccessibleName(/^Assigned: \d+\. Explain this figure/);
  await assigned.focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByTestId('explain-summary')).toHaveText(/\d+ with an agent now/);
  await openFirstConversationBehind(page, dialog);
  expect(errors).toEqual([]);
});

test("an agent's handle time explains its inputs by keyboard, and opens the conversations behind it", async ({ page }) => {
  const { queueId, errors } = await openBusyFloor(page);
  await goTo(page, `#/queue/${queueId}/performance`);
  const panel = page.getByTestId('agent-panel');
  // An agent holding conversations now: their handle time has conversations behind it.
  const row = panel.locator('[data-testid="agent-row"]').filter({ has: page.getByTestId('agent-open') }).first();
  await expect(row).toBeVisible({ timeout: 20_000 });
  const agentId = (await row.getAttribute('data-agent-id')) ?? '';
  const handleTime = row.getByTestId('agent-figure-handleTimeSec');
  await expect(handleTime).toHaveAccessibleName(/^Handle time of .+: .+\. Explain this figure$/);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    const axe = await new AxeBuilder({ page }).include('[data-testid="agent-panel"]').analyze();
    expect(axe.violations.map((violation) => `${scheme} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  }

  await handleTime.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('explain-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('explain-details')).toHaveAttribute('data-metric-id', 'handleTimeSec');
  await expect(dialog.getByTestId('explain-summary')).toHaveText(/ in total over \d+ conversations held now: mean /);
  await expect(dialog.getByTestId('explain-inputs')).toContainText('seconds held so far');
  await expect(dialog.getByTestId('explain-inputs')).toContainText('Out of');
  await expect(dialog.getByTestId('explain-arithmetic')).toHaveText(/^\d+(\.\d)? \/ \d+ = /);
  const axe = await new AxeBuilder({ page }).include('[data-testid="explain-dialog"]').analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  // Esc closes it and gives focus back to the figure.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(handleTime).toBeFocused();

  // Opened again, its conversations open their live transcript.
  await page.keyboard.press('Space');
  await openFirstConversationBehind(page, dialog);
  expect(agentId).not.toBe('');
  expect(errors).toEqual([]);
});
