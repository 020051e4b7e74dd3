/**
 * Live Insights end to end, on the real host with the embedded simulated floor, in Chromium.
 * A WFM leader goes from the overview to a queue, opens a live conversation, whispers, takes it
 * over and replies. A business stakeholder sees none of that, and the core refuses it when asked
 * directly over the API.
 */
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { busyAfternoon } from '../support/busy-floor.js';
import { connectApi } from '../support/console-page.js';

let host: HostProcess | undefined;

test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

/**
 * Opens, by clicking its tile, the chat queue with the most busy agents: the simulated demand
 * follows each queue's local day, so which queues are busy depends on the hour the test runs.
 */
async function openChatQueue(page: Page): Promise<string> {
  const chatTiles = page.locator('[data-testid="queue-tile"]').filter({ has: page.locator('.channel-badge--chat') });
  await expect(chatTiles.first()).toBeVisible();
  await expect.poll(async () => (await busiestChatQueue(page)).busy, { timeout: 20_000, message: 'some chat queue has a busy agent' }).toBeGreaterThan(0);
  const { queueId } = await busiestChatQueue(page);
  await page.locator(`[data-testid="queue-tile"][data-queue-id="${queueId}"]`).getByTestId('queue-tile-link').click();
  await expect(page).toHaveURL(new RegExp(`#/queue/${queueId}/conversations`));
  await expect(page.getByTestId('detail-title')).toHaveText(/\S/);
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
  return queueId;
}

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

/** The newest conversation (time assigned, descending): the one most likely to stay live through the test. */
async function newestConversation(page: Page): Promise<string> {
  await page.getByTestId('sort-assignedAt').click();
  await expect(page.locator('th[aria-sort="descending"]')).toHaveCount(1);
  const row = page.getByTestId('conversation-row').first();
  return (await row.getAttribute('data-conversation-id')) ?? '';
}

async function entryCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('transcript-entries').getAttribute('data-count'));
}

test('a WFM leader watches a live conversation, whispers, takes it over and replies', async ({ page }) => {
  host = await startHostProcess(['--seed', '7', '--sim-start', String(busyAfternoon())]);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(host.consoleUrl);

  const queueId = await openChatQueue(page);
  const table = page.getByTestId('conversations-table');
  await expect(table).toHaveAttribute('data-as-of-seq', /\d+/);
  await expect(page.getByTestId('queue-panel').getByTestId('metric-queued')).toBeVisible();

  const conversationId = await newestConversation(page);
  const row = page.locator(`[data-testid="conversation-row"][data-conversation-id="${conversationId}"]`);
  // Keyboard: a focused row opens its transcript with Enter.
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`conversation=${conversationId}`));
  const panel = page.getByTestId('transcript-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('transcript-header')).toBeVisible();
  await expect(page.getByTestId('transcript-watchers')).toContainText('Watching:');

  // The transcript grows by itself as the customer and the agent write.
  const before = await entryCount(page);
  await expect.poll(() => entryCount(page), { timeout: 45_000, message: 'a new line arrives within 45 s' }).toBeGreaterThan(before);

  // Whisper: marked in the transcript, and the row raises "whisper sent".
  const whisperText = `Offer the loyalty refund ${Date.now()}`;
  await page.getByTestId('whisper-input').fill(whisperText);
  await page.getByTestId('whisper-send').click();
  await expect(page.getByTestId('whisper-status')).toContainText('Whisper sent');
  const whisperEntry = page.locator('[data-testid="transcript-entry"][data-kind="whisper"]').filter({ hasText: whisperText });
  await expect(whisperEntry).toBeVisible();
  await expect(whisperEntry.getByTestId('transcript-entry-label')).toContainText('Whisper');
  await expect(row).toHaveAttribute('data-alerts', /whisper_sent/);
  await expect(row.locator('[data-alert="whisper_sent"]')).toContainText('Whisper sent');

  // Takeover: a confirmation first; Esc cancels it without closing the transcript.
  await page.getByTestId('takeover-button').click();
  const dialog = page.getByTestId('takeover-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('takeover-dialog-cancel')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(panel).toBeVisible();

  await page.getByTestId('takeover-button').click();
  await page.getByTestId('takeover-dialog-confirm').click();
  await expect(page.getByTestId('owner-banner')).toContainText('You own this conversation');
  await expect(page.getByTestId('transcript-owner')).toHaveText('Supervisor (you)');
  // Not "With an agent" any more, and the takeover line names the supervisor once.
  await expect(page.getByTestId('transcript-state')).toHaveText('With you (taken over)');
  await expect(page.getByTestId('transcript-entry').filter({ hasText: /^.*Taken over by/ }).last()).not.toContainText(/supervisor supervisor/i);
  // The conversation left the agent: the row names the supervisor.
  await expect(row.getByTestId('conversation-owner')).toHaveText(/Supervisor \(you\)/);
  await expect(page.getByTestId('whisper')).toHaveCount(0);

  const replyText = `I am taking it from here ${Date.now()}`;
  await page.getByTestId('reply-input').fill(replyText);
  await page.getByTestId('reply-input').press('Enter');
  await expect(page.getByTestId('reply-status')).toContainText('Reply sent');
  await expect(page.locator('[data-testid="transcript-entry"][data-sender="supervisor"][data-kind="text"]').filter({ hasText: replyText })).toBeVisible();

  // Esc closes the transcript.
  await page.getByTestId('transcript-owner').click();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`#/queue/${queueId}/conversations$`));
  await expect(row).toBeFocused();
  expect(errors).toEqual([]);
});

test('the agent filter and the performance tab lead to the same conversations', async ({ page }) => {
  host = await startHostProcess(['--seed', '7', '--sim-start', String(busyAfternoon())]);
  await page.goto(host.consoleUrl);
  await openChatQueue(page);

  const agentButton = page.getByTestId('agent-filter-button').first();
  const agentId = (await agentButton.getAttribute('data-agent-id')) ?? '';
  await agentButton.click();
  await expect(page.getByTestId('agent-filter-chip')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`agent=${agentId}`));
  const rows = page.getByTestId('conversation-row');
  await expect(rows.first()).toBeVisible();
  for (const id of await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-agent-id')))) expect(id).toBe(agentId);
  await page.getByTestId('agent-filter-clear').click();
  await expect(page.getByTestId('agent-filter-chip')).toHaveCount(0);

  // Keyboard: the tab list moves with the arrows.
  await page.getByTestId('tab-conversations').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-performance')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('performance-metrics')).toBeVisible();
  await expect(page.getByTestId('agent-row').first()).toBeVisible();
  await page.getByTestId('period-today').click();
  await expect(page.getByTestId('performance-tab')).toHaveAttribute('data-period', 'today');
  await expect(page.getByTestId('metric-serviceLevelPct')).toBeVisible();

  const withAssignments = page.getByTestId('agent-open').first();
  await page.getByTestId('period-now').click();
  await expect(withAssignments).toBeVisible();
  await withAssignments.click();
  await expect(page.getByTestId('tab-conversations')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('agent-filter-chip')).toBeVisible();
});

test('a business stakeholder gets no transcript, whisper or takeover, in the UI or through the API', async ({ page }) => {
  host = await startHostProcess(['--seed', '7', '--user', 'stakeholder', '--sim-start', String(busyAfternoon())]);
  await page.goto(host.consoleUrl);
  const queueId = await openChatQueue(page);

  const row = page.getByTestId('conversation-row').first();
  const conversationId = (await row.getAttribute('data-conversation-id')) ?? '';
  await row.click();
  await row.press('Enter');
  await expect(page).not.toHaveURL(/conversation=/);
  // Even a link straight to a transcript opens nothing.
  await page.goto(`${host.origin}/#/queue/${queueId}/conversations?conversation=${conversationId}`);
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
  await expect(page.getByTestId('transcript-panel')).toHaveCount(0);
  await expect(page.getByTestId('whisper')).toHaveCount(0);
  await expect(page.getByTestId('takeover-button')).toHaveCount(0);

  const api = await connectApi(host);
  try {
    const watch = await api.request({ op: 'subscribe', subscription: { topic: 'live.transcript', conversationId } });
    expect(watch.ok).toBe(false);
    expect(watch.error).toMatch(/business_stakeholder/);
    const whisper = await api.request({ op: 'command', commandId: 'e2e-whisper-1', command: { type: 'conversation.whisper', conversationId, text: 'psst' } });
    expect(whisper.ok).toBe(false);
    expect(whisper.error).toMatch(/may not/);
    const takeover = await api.request({ op: 'command', commandId: 'e2e-takeover-1', command: { type: 'conversation.takeover', conversationId } });
    expect(takeover.ok).toBe(false);
    // The same connection may still watch what the role allows.
    const conversations = await api.request({ op: 'subscribe', subscription: { topic: 'live.conversations', target: { kind: 'queue', queueId } } });
    expect(conversations.ok).toBe(true);
  } finally {
    api.close();
  }
});
