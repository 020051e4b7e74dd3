/**
 * Explaining a figure end to end, on the real host with the embedded simulated floor, in Chromium:
 * from a tile's "Explain" control by keyboard, a figure's explanation lists its inputs and the
 * arithmetic back to the figure; from the queue panel, a figure opens the conversations behind it.
 */
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { busyAfternoon } from '../support/busy-floor.js';

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

test('a figure explains its inputs, and opens the conversations behind it', async ({ page }) => {
  host = await startHostProcess(['--seed', '7', '--sim-start', String(busyAfternoon())]);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(host.consoleUrl);
  await expect(page.locator('[data-testid="queue-tile"]').first()).toBeVisible();
  await expect.poll(async () => (await busiestChatQueue(page)).busy, { timeout: 20_000, message: 'some chat queue has a busy agent' }).toBeGreaterThan(0);
  const { queueId } = await busiestChatQueue(page);
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
  const first = dialog.getByTestId('explain-behind').locator('a').first();
  const conversationId = (await first.getAttribute('data-behind-id')) ?? '';
  expect(conversationId).not.toBe('');
  await first.click();
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`conversation=${conversationId}`));
  await expect(page.getByTestId('transcript-panel')).toBeVisible();
  expect(errors).toEqual([]);
});
